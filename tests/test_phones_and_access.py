"""On a phone and for everyone: at 390×844 no page of any site of the demo is wider than the screen
(a table scrolls in its own box, cards and tiles wrap, long words break), and axe-core's WCAG 2.1 AA
rules find nothing on the client and public sites — in French and in English.

Each language's sites are built once and every page visited once, in one browser context: the survey
records what each test then asserts."""
from __future__ import annotations

import functools
import os
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

# Installed by scripts/setup (`npm ci` in tests/, version pinned by tests/package-lock.json).
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Folders whose pages are one template each, one page per item: a kind of page is its template.
COLLECTIONS = ("campaigns", "influencers", "clients", "comparison", "case-studies")
# Every kind of page the demo has, on some site: the survey must have seen each of them.
KINDS = {
    "index.html", "404.html", "method.html", "journal.html", "influencers/index.html", "influencers/*.html",
    "clients/index.html", "clients/*.html", "campaigns/index.html", "campaigns/*/index.html",
    "campaigns/*/roster.html", "campaigns/*/posts.html", "campaigns/*/results.html", "campaigns/*/report.html",
    "campaigns/*/compliance.html", "campaigns/*/contracts.html", "comparison/index.html", "comparison/*.html",
    "compliance/index.html", "case-studies/*.html",
}
# What sticks out of the screen on a page that is too wide: the innermost elements past its right edge
# that no scrolling box of their own holds.
_STICKING_OUT = """() => {
  const width = innerWidth, out = [];
  const scrolls = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || scrolls(e)) continue;
    if ([...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5)) continue;
    out.push(`${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`
             + ` «${(e.textContent || '').trim().slice(0, 40)}» to ${Math.round(box.right)} px`);
  }
  return out.slice(0, 5);
}"""
# In one call: the page's width, its tables that scroll, its cards and tiles that leave the screen, and
# the words of its labels and figures cut across two lines.
_MEASURES = r"""() => ({
  width: document.scrollingElement.scrollWidth, screen: innerWidth,
  tables: [...document.querySelectorAll('table.pb-table')].filter((t) => t.scrollWidth > t.clientWidth)
    .map((t) => ({overflow: getComputedStyle(t).overflowX, tabindex: t.getAttribute('tabindex'),
                  right: t.getBoundingClientRect().right})),
  boxes: [...document.querySelectorAll('.pb-card, .pb-tile, .pb-post-card, .pb-study, .pb-highlights > div')]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5).map((e) => e.className),
  cut: [...document.querySelectorAll('.pb-tile-label, .pb-tile-value, .pb-card-title, .pb-highlights, th')]
    .flatMap((e) => {
      const cut = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const word of text.data.matchAll(/[^\s\-–—\/]+/g)) {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) cut.push(word[0]);
        }
      }
      return cut;
    }),
})"""
_AXE_RUN = """(only) => axe.run(document, {runOnly: only}).then((result) =>
  result.violations.flatMap((v) => v.nodes.map((n) => ({rule: v.id, target: n.target.join(' '),
                                                       summary: (n.failureSummary || '').split('\\n')[1] || ''}))))"""
_CHARTS_DRAWN = ("[...document.querySelectorAll('.pb-chart-view')]"
                 ".every((view) => view.querySelector('svg, canvas'))")
# Two frames: the ResizeObserver of pressbook.js has marked the tables that scroll.
_SETTLED = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def kind(page: str) -> str:
    parts = page.split("/")
    if len(parts) > 1 and parts[0] in COLLECTIONS and parts[1] != "index.html":
        parts[1] = "*" if len(parts) > 2 else "*.html"
    return "/".join(parts)


@dataclass
class Survey:
    language: str
    widths: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    audited: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    scrolling_tables: dict[str, list[dict]] = field(default_factory=dict)
    boxes_off_screen: list[str] = field(default_factory=list)
    cut_words: list[str] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a page left before its search index arrived: the browser hung up, nothing more


class _Sites(SimpleHTTPRequestHandler):
    """The built sites, and axe at /__axe__.js: from the pages' own origin, which their
    Content-Security-Policy allows (script-src 'self'), so no test needs bypass_csp."""

    axe = b""

    def do_GET(self) -> None:
        if self.path != "/__axe__.js":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(self.axe)))
        self.end_headers()
        self.wfile.write(self.axe)

    def log_message(self, *args) -> None:
        pass


def _axe_source() -> bytes:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the accessibility test: {AXE} is missing (scripts/setup runs npm ci)")
        pytest.skip("axe-core is not installed: scripts/setup (or `npm ci` in tests/)")
    return AXE.read_bytes()


def _pages(sites: Path, language: str) -> list[tuple[str, str]]:
    """(site, page) to visit: in French every page of the client and public sites; otherwise (the
    internal site, the English sites, whose templates are the same) one page of each kind on each site."""
    chosen, seen = [], set()
    for path in sorted(sites.rglob("*.html")):
        relative = path.relative_to(sites)
        site, page = relative.parts[0], relative.relative_to(relative.parts[0]).as_posix()
        if (language != "fr" or site == "internal") and (site, kind(page)) in seen:
            continue
        seen.add((site, kind(page)))
        chosen.append((site, page))
    return chosen


def _wait_for(page, expression: str, timeout: float = 15) -> None:
    """Playwright's wait_for_function evals its text, which the pages' policy forbids; `evaluate` goes
    through the debugging protocol, which it does not govern."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {expression}")
        time.sleep(0.05)


@pytest.fixture(scope="module", params=["fr", "en"])
def survey(request: pytest.FixtureRequest, browser, built_demo: Path) -> Survey:
    language = request.param
    root = built_demo if language == "fr" else request.getfixturevalue("english_demo")
    sites = root / "site"
    handler = type("Handler", (_Sites,), {"axe": _axe_source()})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(sites)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    result = Survey(language)
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    try:
        for site, page in _pages(sites, language):
            name = f"{site}/{page}"
            result.kinds.add(kind(page))
            tab.goto(f"{base}/{name}")
            _wait_for(tab, _CHARTS_DRAWN)
            tab.evaluate(_SETTLED)
            measures = tab.evaluate(_MEASURES)
            scroll_width, inner_width = measures["width"], measures["screen"]
            result.widths[name] = (scroll_width, inner_width,
                                   tab.evaluate(_STICKING_OUT) if scroll_width > inner_width else [])
            result.scrolling_tables[name] = measures["tables"]
            result.boxes_off_screen += [f"{name}: {box}" for box in measures["boxes"]]
            result.cut_words += [f"{name}: {word}" for word in measures["cut"]]
            if site == "internal":
                continue
            # Every rule on a desktop, where every cell is in sight and axe can weigh the contrast of
            # each; on a phone, the one rule a narrow screen adds work for: a box that scrolls.
            tab.add_script_tag(url=f"{base}/__axe__.js")
            for label, viewport, only in (("phone", PHONE, {"type": "rule", "values": ["scrollable-region-focusable"]}),
                                          ("desktop", DESKTOP, {"type": "tag", "values": WCAG_21_AA})):
                tab.set_viewport_size(viewport)
                tab.evaluate(_SETTLED)
                result.violations += [f"{name} ({label}) {v['rule']}: {v['target']} — {v['summary'].strip()}"
                                      for v in tab.evaluate(_AXE_RUN, only)]
            tab.set_viewport_size(PHONE)
            result.audited.append(name)
    finally:
        context.close()
        server.shutdown()
    return result


def test_every_kind_of_page_is_looked_at(survey: Survey) -> None:
    assert KINDS <= survey.kinds, sorted(KINDS - survey.kinds)
    sites = {name.split("/")[0] for name in survey.widths}
    assert {"internal", "public"} <= sites and len([s for s in sites if s.startswith("client-")]) == 3


def test_no_page_is_wider_than_a_phone(survey: Survey) -> None:
    wide = {name: f"{width} px wide on a {screen} px screen: {', '.join(out)}"
            for name, (width, screen, out) in survey.widths.items() if width > screen}
    assert not wide, "\n".join(f"{name}: {why}" for name, why in sorted(wide.items()))


def test_a_wide_table_scrolls_in_its_own_box_and_the_keyboard_reaches_it(survey: Survey) -> None:
    # The demo's posts tables are wider than a phone: the test looks at something that exists.
    assert any(tables for name, tables in survey.scrolling_tables.items() if name.endswith("/posts.html"))
    for name, tables in survey.scrolling_tables.items():
        for table in tables:
            assert table["overflow"] == "auto" and table["right"] <= 390.5, (name, table)
            assert table["tabindex"] == "0", (name, table)


def test_cards_and_tiles_wrap_within_the_screen(survey: Survey) -> None:
    assert survey.boxes_off_screen == []


def test_labels_and_figures_keep_their_words_whole(survey: Survey) -> None:
    # A tile's label, a figure, a card's title, a column's name: narrowed to a phone they wrap between
    # words, never inside one (long addresses in running text may break; these have no need to).
    assert survey.cut_words == []


def test_axe_finds_no_wcag_21_aa_violation_on_client_and_public_pages(survey: Survey) -> None:
    clients = {name.split("/")[0] for name in survey.audited if name.startswith("client-")}
    assert len(clients) == 3 and any(name.startswith("public/") for name in survey.audited)
    assert any(re.search(r"/report\.html$", name) for name in survey.audited)
    assert not survey.violations, f"{len(survey.violations)} violations:\n" + "\n".join(survey.violations)
