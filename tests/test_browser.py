"""What only a browser shows: pages load, the directory filters, search answers, a card opens, live
reload works — with no console error and no request leaving the machine."""
from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import DEMO_EPOCH, copy_demo

pytestmark = pytest.mark.browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(built_demo: Path):
    handler = functools.partial(_Quiet, directory=str(built_demo / "site" / "internal"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class Watched:
    """A page whose console errors and requests to other origins are recorded (and the latter refused)."""

    def __init__(self, browser, allowed_host: str | None):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(route) -> None:
            url = urlparse(route.request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname != allowed_host:
                self.outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        self.context.route("**/*", route)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, served):
    watched = Watched(browser, "127.0.0.1")
    yield watched
    watched.close()
    assert watched.outside == []
    assert watched.errors == []


def test_home_loads(watched, served: str) -> None:
    watched.page.goto(f"{served}/index.html")
    assert watched.page.title() == "Tableau de bord - Sillage Influence"
    assert watched.page.locator("h2", has_text="Campagnes en cours").is_visible()


def test_directory_filter_finds_a_card_that_opens(watched, served: str) -> None:
    page = watched.page
    page.goto(f"{served}/influencers/index.html")
    rows = page.locator("#pb-directory tbody tr")
    assert rows.count() == 15
    page.fill("[data-pb-text]", "fontaine")
    wait_until(page, "document.querySelectorAll('#pb-directory tbody tr:not([hidden])').length === 1")
    assert page.locator("[data-pb-count]").inner_text() == "1 / 15"
    page.fill("[data-pb-text]", "")
    page.select_option("select[data-pb-select=networks]", "twitch")
    visible = page.locator("#pb-directory tbody tr:not([hidden])")
    assert 0 < visible.count() < 15
    assert all("twitch" in visible.nth(i).get_attribute("data-networks").split("|") for i in range(visible.count()))
    page.select_option("select[data-pb-select=networks]", "")
    page.fill("[data-pb-text]", "fontaine")
    page.click("#pb-directory tbody tr:not([hidden]) a")
    page.wait_for_url("**/influencers/lea-fontaine.html")
    assert page.locator("h1").inner_text() == "Léa Fontaine"


def test_directory_sorts_by_followers(watched, served: str) -> None:
    page = watched.page
    page.goto(f"{served}/influencers/index.html")
    page.click("th:nth-child(4) button")
    values = [int(v) for v in page.locator("#pb-directory tbody td:nth-child(4)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]
    assert values == sorted(values)
    page.click("th:nth-child(4) button")
    values = [int(v) for v in page.locator("#pb-directory tbody td:nth-child(4)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]
    assert values == sorted(values, reverse=True)


def _search(page, words: str) -> None:
    page.click("label.md-search__icon, .md-search__input")
    # Queries typed while the index is still loading are dropped, as a reader would see.
    page.wait_for_selector(".md-search-result__meta:has-text('Taper pour démarrer la recherche')", timeout=15000)
    page.locator("input.md-search__input").press_sequentially(words, delay=40)


def test_search_answers(watched, served: str) -> None:
    page = watched.page
    page.goto(f"{served}/index.html")
    _search(page, "Fontaine")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "Léa Fontaine" in page.locator(".md-search-result").inner_text()


def test_search_works_from_the_file_system(browser, built_demo: Path) -> None:
    watched = Watched(browser, None)
    try:
        page = watched.page
        page.goto((built_demo / "site" / "internal" / "index.html").as_uri())
        _search(page, "Fontaine")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert watched.outside == [] and watched.errors == []
    finally:
        watched.close()


def test_a_worker_from_the_file_system_runs_its_scripts_in_order(browser, tmp_path: Path) -> None:
    # Material's search worker imports Lunr's stemmer support, then the language that needs it. A
    # worker's importScripts runs them in the order given: so must the frame standing in for it, even
    # when the first is the slower to arrive (here, by its size).
    shutil.copy(Path(__file__).resolve().parent.parent / "themes" / "assets" / "iframe-worker.js", tmp_path)
    (tmp_path / "first.js").write_text("/*" + " " * 8_000_000 + "*/\nself.first = 1;\n", encoding="utf-8")
    (tmp_path / "second.js").write_text("self.second = self.first + 1;\n", encoding="utf-8")
    (tmp_path / "worker.js").write_text(
        "addEventListener('message', async () => {\n"
        "  await importScripts('first.js', 'second.js');\n"
        "  postMessage(self.second);\n"
        "});\n", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><script src=\"iframe-worker.js\"></script></head><body><script>\n"
        "const worker = new Worker('worker.js');\n"
        "worker.addEventListener('message', e => { document.body.dataset.answer = String(e.data); });\n"
        "worker.postMessage('start');\n"
        "</script></body></html>\n", encoding="utf-8")
    watched = Watched(browser, None)
    try:
        page = watched.page
        page.goto((tmp_path / "index.html").as_uri())
        page.wait_for_selector("body[data-answer]", state="attached", timeout=15000)
        assert page.locator("body").get_attribute("data-answer") == "2"
        assert watched.errors == []
    finally:
        watched.close()


def wait_until(page, expression: str, timeout: int = 30000) -> None:
    """Playwright's wait_for_function evaluates its text with eval, which the pages' policy forbids;
    `evaluate` goes through the debugging protocol, which the policy does not govern."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            if page.evaluate(expression):
                return
        except Exception:  # the page is being replaced (a reload): asked again
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} ms: {expression}")
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_reloads_the_open_page_after_an_edit(browser, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    port = _free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH)
    server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--address",
                               f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    watched = Watched(browser, "127.0.0.1")
    try:
        page = watched.page
        deadline = time.time() + 60
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/influencers/lea-fontaine.html")
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        generated = root / ".cache" / "pressbook" / "internal" / "docs"
        before = {p: p.stat().st_mtime_ns for p in generated.rglob("*.md")}
        card = root / "content" / "influencers" / "lea-fontaine.md"
        card.write_text(card.read_text(encoding="utf-8").replace("Pédagogique et chaleureux", "Pédagogue et solaire"),
                        encoding="utf-8")
        # While the page reloads there is a moment with no body yet: the check waits it out.
        wait_until(page, "document.body !== null && document.body.innerText.includes('Pédagogue et solaire')")
        changed = sorted(p.relative_to(generated).as_posix() for p, m in before.items() if p.stat().st_mtime_ns != m)
        assert changed == ["influencers/lea-fontaine.md"]
        theme = root / "themes" / "pages"
        theme.mkdir(parents=True)
        shutil.copy(Path(__file__).resolve().parent.parent / "themes" / "pages" / "influencer.md", theme)
        text = (theme / "influencer.md").read_text(encoding="utf-8")
        (theme / "influencer.md").write_text("<p id=\"edited-template\">Modèle modifié</p>\n\n" + text, encoding="utf-8")
        page.wait_for_selector("#edited-template", timeout=30000)
        # The look: the generated mkdocs.yml only names the workspace's, so no byte of it changes.
        look = root / "mkdocs.yml"
        look.write_text(look.read_text(encoding="utf-8").replace("primary: deep purple", "primary: teal"),
                        encoding="utf-8")
        page.wait_for_selector('body[data-md-color-primary="teal"]', timeout=30000)
        assert watched.outside == []
    finally:
        watched.close()
        server.terminate()
        output, _ = server.communicate(timeout=10)
    # MkDocs' own server stopped with it: the port is free again.
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0
    # What the account manager reads in the terminal is about the workspace, not about MkDocs' future.
    assert "Serving on" in output and "end of life" not in output


@pytest.mark.parametrize("path, charts", [("campaigns/printemps-eclat-2026/results.html", 5),
                                          ("influencers/lea-fontaine.html", 2), ("index.html", 1)])
def test_every_chart_is_drawn_offline(watched, served: str, path: str, charts: int) -> None:
    page = watched.page
    page.goto(f"{served}/{path}")
    figures = page.locator("figure.pb-chart")
    assert figures.count() == charts
    wait_until(
        page, "Array.from(document.querySelectorAll('figure.pb-chart .pb-chart-view'))"
        ".every(v => v.querySelector('svg .mark-rect path, svg .mark-line path, svg .mark-symbol path'))",
        timeout=20000)
    marks = page.locator("figure.pb-chart svg path").count()
    assert marks > charts


def test_a_report_prints_without_navigation(browser, built_demo: Path) -> None:
    watched = Watched(browser, None)
    try:
        page = watched.page
        page.goto((built_demo / "site" / "client-herbier-de-lure" / "campaigns" / "printemps-eclat-2026" /
                   "report.html").as_uri())
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".pb-tabs", ".md-footer"):
            assert not page.locator(selector).first.is_visible(), selector
        assert page.locator("h2", has_text="Recommandations").is_visible()
        assert page.pdf(format="A4")[:4] == b"%PDF"
    finally:
        watched.close()


def _policy_of(page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


def open_under_policy(page, folder: Path, site: str) -> str:
    """Open a demo site from the file system: its charts drawn (but on the public site, which has
    images), then its home, whose policy allows no inline script and no eval. The words to search
    the site for."""
    if site != "public":
        page.goto((folder / "campaigns" / "rentree-velotaf-2026" / "results.html").as_uri())
        wait_until(page, "document.querySelector('figure.pb-chart svg path') !== null")
    page.goto((folder / "index.html").as_uri())
    policy = _policy_of(page)
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy.split(";")[1]
    return "vélotaf" if site == "client-velonde" else "printemps"


@pytest.mark.parametrize("site", ["internal", "client-velonde", "public"])
def test_every_page_carries_the_policy_and_works_under_it_from_the_file_system(browser, built_demo: Path,
                                                                               site: str) -> None:
    # The watcher fails on any console error, and a policy that blocks a script or a style says so
    # there: the charts drawn and the search answering are the site working under its policy.
    folder = built_demo / "site" / site
    pages = sorted(folder.rglob("*.html"))
    assert pages and all('http-equiv="Content-Security-Policy"' in p.read_text(encoding="utf-8") for p in pages)
    watched = Watched(browser, None)
    try:
        page = watched.page
        _search(page, open_under_policy(page, folder, site))
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert watched.outside == [] and watched.errors == []
    finally:
        watched.close()


_INJECTED = ('<script>window.injected = "script"; alert("script")</script>'
             '<img src="nothing.png" onerror="window.injected = \'handler\'; alert(\'handler\')">'
             '<svg><a href="javascript:alert(\'link\')"><text y="20">x</text></a></svg>')


@pytest.mark.parametrize("keep_policy", [True, False])
def test_a_script_injected_into_a_built_page_does_not_run(browser, built_demo: Path, tmp_path: Path,
                                                          keep_policy: bool) -> None:
    # As an attacker who got markup into a page would: an inline script and an inline handler. Without
    # the policy (the control) they run, so the test can see them run.
    site = tmp_path / "internal"
    shutil.copytree(built_demo / "site" / "internal", site)
    target = site / "campaigns" / "printemps-eclat-2026" / "report.html"
    text = target.read_text(encoding="utf-8")
    if not keep_policy:
        start = text.index('<meta http-equiv="Content-Security-Policy"')
        text = text[:start] + text[text.index(">", start) + 1:]
    target.write_text(text.replace('<article class="md-content__inner md-typeset">',
                                   '<article class="md-content__inner md-typeset">' + _INJECTED, 1), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for url in (target.as_uri(), f"http://127.0.0.1:{server.server_address[1]}/campaigns/printemps-eclat-2026/report.html"):
            context = browser.new_context()
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(url)
            page.wait_for_timeout(500)
            ran = page.evaluate("window.injected || null")
            context.close()
            if keep_policy:
                assert (dialogs, ran) == ([], None), url
            else:
                assert dialogs and ran, url
    finally:
        server.shutdown()
