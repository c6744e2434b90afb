"""Nothing private on the wrong site: canaries in every non-public field, the verification that
refuses a leaking or unsafe site, and client sites that hold their own client only."""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import DEMO_EPOCH, copy_demo
from pressbook.build import build
from pressbook.sites import content_policy
from pressbook.sites.verify import SiteVerifier, verify_site
from pressbook.starter import write_starter

# (where the canary is written, visibility): internal canaries must reach the internal site only;
# client canaries that client's site and the internal site.
INTERNAL = ["clientnotes", "influencernotes", "agentname", "influencerphone", "interactionsummary",
            "nextstep", "briefnotes", "paymentterms", "partyname", "partyaddress", "exclusivitycat", "reportnotes"]
CLIENT = ["contactname", "tonetext", "personalitytext", "portraittext", "locationtext", "brieftitle", "objective",
          "targettext", "keymessage", "brieftext", "captiontext", "mentiontext", "reporttext"]


def canary(owner: str, field: str) -> str:
    return f"Zq{owner}{field}Qz"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plant(root: Path, owner: str, client_id: str, influencer_id: str, campaign_id: str, fee: str,
           brands: str) -> None:
    c = lambda field: canary(owner, field)  # noqa: E731 - a short alias keeps the fixture readable
    content = root / "content"
    _write(content / "clients" / f"{client_id}.yml",
           f"name: Client {owner.title()}\nconsent:\n  public: false\nnotes: {c('clientnotes')}\n"
           f"contacts:\n  - name: {c('contactname')}\n    email: contact@{owner}.example\n")
    _write(content / "influencers" / f"{influencer_id}.md", f"""---
name: Créatrice {owner.title()}
networks:
  instagram:
    handle: creatrice.{owner}
    followers: 12000
topics: [cuisine]
tone: {c('tonetext')}
personality: {c('personalitytext')}
location: {c('locationtext')}
brands: [{brands}]
consent:
  public: false
contact:
  agent: {c('agentname')}
  phone: "{c('influencerphone')}"
rate_card:
  reel: {fee}1
notes: {c('influencernotes')}
interactions:
  - date: 2026-01-10
    kind: call
    summary: {c('interactionsummary')}
    next_step: {c('nextstep')}
    next_on: 2026-12-01
---
{c('portraittext')}
""")
    folder = content / "campaigns" / campaign_id
    _write(folder / "brief.md", f"""---
title: {c('brieftitle')}
client: {client_id}
status: completed
start: 2026-03-02
end: 2026-03-30
objectives: [{c('objective')}]
target: {c('targettext')}
key_messages: [{c('keymessage')}]
budget: 5000
notes: {c('briefnotes')}
roster:
  - influencer: {influencer_id}
    deliverables:
      - network: instagram
        format: reel
        count: 1
        due: 2026-03-20
    fee: {fee}
---
{c('brieftext')}
""")
    _write(folder / "contracts" / f"{influencer_id}.yml", f"""status: signed
signed_on: 2026-02-20
fee: {fee}
payment_terms: {c('paymentterms')}
parties:
  - name: {c('partyname')}
    role: influencer
    address: {c('partyaddress')}
    tax_residence: FR
exclusivity:
  category: {c('exclusivitycat')}
  months: 3
clauses: [parties, tax_residence, missions, remuneration, in_kind, payment_terms, ip_rights, french_law]
""")
    _write(folder / "posts.csv", "id,influencer,network,format,url,published,caption,paid_label,approved,"
           "edited_image,virtual_image\n"
           f"{owner}1,{influencer_id},instagram,reel,,2026-03-10,\"Publicité {c('captiontext')}\",yes,2026-03-09,no,no\n")
    _write(folder / "metrics.csv", f"post,date,reach,likes\n{owner}1,2026-03-12,4000,300\n")
    _write(folder / "mentions.csv", f"date,source,url,sentiment,reach,text\n2026-03-12,blog,,positive,10,"
           f"{c('mentiontext')}\n")
    # The report's internal notes sit between two blocks a client reads, as a draft's review would.
    _write(folder / "report.md", f"---\nstatus: final\n---\n## Analyse\n{c('reporttext')}\n## Notes internes\n"
           f"{c('reportnotes')}\n## Conclusion\nx\n## Recommandations\nx\n## E-réputation\nx\n")


def _workspace(root: Path, owners: tuple[str, ...], brands: str = "Client Alpha, Client Beta, Maison Tierce") -> Path:
    write_starter(root)
    for name in ("clients", "influencers", "campaigns"):
        shutil.rmtree(root / "content" / name)
    for number, owner in enumerate(owners):
        _plant(root, owner, f"client-{owner}", f"creatrice-{owner}", f"campagne-{owner}", f"{7391 + number}.13",
               brands)
    return root


def _build(root: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        result = build(root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.ok, [(s.name, s.log) for s in result.sites] or result.problems


def _readable(path: Path) -> str:
    """Every way a value could be hidden in a file: gzip, entities, JSON escapes, URL encoding, tags."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".xlsx":
        return _workbook_text(path)
    if path.suffix == ".pdf":
        return _pdf_text(path)
    text = data.decode("utf-8", errors="replace")
    decoded = html.unescape(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
    stripped = re.sub(r"<[^>]+>", "", decoded)
    return "\n".join((text, decoded, unquote(decoded), stripped, re.sub(r"\s+", "", stripped)))


def _workbook_text(path: Path) -> str:
    """An xlsx workbook as a reader sees it (each cell's value, each sheet's name) and as it is stored
    (every file of its archive: properties, styles, sheets)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    cells = [sheet.title for sheet in book] + [str(cell.value) for sheet in book for row in sheet.iter_rows()
                                               for cell in row if cell.value is not None]
    with zipfile.ZipFile(path) as archive:
        stored = [archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()]
    return "\n".join(cells + stored)


def _pdf_text(path: Path) -> str:
    """A PDF as a reader sees it (its text, pdftotext's reading) and as its viewer describes it (its
    metadata); its bytes too, which hold the rest."""
    import subprocess

    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must read the PDFs: apt-get install -y poppler-utils")
        pytest.skip("poppler-utils is not installed (apt-get install -y poppler-utils)")
    read = [subprocess.run([tool, str(path), *extra], capture_output=True, text=True, check=True).stdout
            for tool, extra in (("pdftotext", ["-"]), ("pdfinfo", []))]
    return "\n".join([*read, path.read_bytes().decode("latin-1")])


def _found(site: Path, tokens: list[str]) -> set[str]:
    found = set()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix not in (".png", ".ico", ".woff2"):
            text = _readable(path)
            found |= {token for token in tokens if token in text}
    return found


@pytest.fixture(scope="module")
def canary_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _workspace(tmp_path_factory.mktemp("canary") / "ws", ("alpha", "beta"))
    _build(root)
    return root / "site"


def test_the_internal_site_holds_every_canary(canary_sites: Path) -> None:
    tokens = [canary(o, f) for o in ("alpha", "beta") for f in INTERNAL + CLIENT]
    assert _found(canary_sites / "internal", tokens) == set(tokens)
    assert _found(canary_sites / "internal", ["7391,13", "7392,13"]) == {"7391,13", "7392,13"}  # fees, as shown


def test_a_client_site_holds_its_client_fields_and_nothing_else(canary_sites: Path) -> None:
    site = canary_sites / "client-client-alpha"
    own_client = [canary("alpha", f) for f in CLIENT]
    assert _found(site, own_client) == set(own_client)
    assert "Maison Tierce" in (site / "influencers" / "creatrice-alpha.html").read_text(encoding="utf-8")
    forbidden = [canary("alpha", f) for f in INTERNAL] + [canary("beta", f) for f in INTERNAL + CLIENT]
    assert _found(site, forbidden) == set()
    assert _found(site, ["Client Beta", "client-beta", "Créatrice Beta", "7391,13", "7392,13", "7391.13"]) == set()
    assert 'content="noindex, nofollow"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_client_reports_pdf_holds_the_report_and_none_of_its_internal_notes(canary_sites: Path) -> None:
    pdfs = list((canary_sites / "client-client-alpha").rglob("*.pdf"))
    assert len(pdfs) == 1, pdfs  # the report of its campaign
    text = _readable(pdfs[0])
    assert canary("alpha", "reporttext") in text and "Client Alpha" in text
    assert canary("alpha", "reportnotes") not in text and "Client Beta" not in text


def test_a_brands_entry_naming_another_client_is_left_out_however_its_apostrophe_is_written(demo: Path) -> None:
    from pressbook.checking import check_workspace
    from pressbook.visibility import project_client

    card = demo / "content" / "influencers" / "sarah-nguyen.md"
    card.write_text(card.read_text(encoding="utf-8").replace("- L'Herbier de Lure", "- L’HERBIER DE LURE"),
                    encoding="utf-8")
    workspace, _ = check_workspace(demo)
    assert "L’HERBIER DE LURE" in workspace.influencers["sarah-nguyen"].card.brands
    assert project_client(workspace, "velonde").influencers["sarah-nguyen"].card.brands == (
        "Vélonde", "Sac Nomade", "Montres Horizon")


def test_a_client_site_is_the_same_without_the_other_clients(tmp_path: Path) -> None:
    # Brands naming no other client: the one thing another client's presence rightly changes is
    # whether its name is dropped from a brands list (tested above).
    both = _workspace(tmp_path / "both", ("alpha", "beta"), brands="Client Alpha, Maison Tierce")
    alone = _workspace(tmp_path / "alone", ("alpha",), brands="Client Alpha, Maison Tierce")
    _build(both)
    _build(alone)

    def tree(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*")) if p.is_file()}

    assert tree(alone / "site" / "client-client-alpha") == tree(both / "site" / "client-client-alpha")


def test_the_demos_client_sites_hold_no_other_client(built_demo: Path) -> None:
    names = {"client-velonde": ["Herbier de Lure", "Belleroche", "printemps-eclat", "noel-gourmand"],
             "client-herbier-de-lure": ["Vélonde", "Velonde", "Belleroche", "rentree-velotaf", "noel-gourmand"],
             "client-chocolaterie-belleroche": ["Vélonde", "Herbier de Lure", "rentree-velotaf", "printemps-eclat"]}
    for site, forbidden in names.items():
        assert _found(built_demo / "site" / site, forbidden) == set(), site
        assert not (built_demo / "site" / site / "campaigns" / "rituel-hiver-2027").exists() or \
            site == "client-herbier-de-lure"
    assert not list((built_demo / "site" / "client-velonde").rglob("contracts.html"))
    assert not list((built_demo / "site" / "client-velonde").rglob("compliance.html"))


@pytest.fixture
def pages_without_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-made pages carry no Content-Security-Policy, which the built pages of the theme do: the
    policy's own rules are tested in test_verify_parser."""
    monkeypatch.setattr(content_policy, "REQUIRE_POLICY", False)


def _one_page_site(tmp_path: Path, page: str) -> Path:
    """A built site of one page, index.html, for the verification to read."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page, encoding="utf-8")
    return site


@pytest.mark.parametrize("name, text, expected", [
    ("index.html", '<a href="missing.html">x</a>', "leads to no"),
    ("index.html", '<img src="a.png" onerror="alert(1)">', "event attribute"),
    ("index.html", '<a href="javascript:alert(1)">x</a>', "runs script"),
    ("index.html", '<script src="https://cdn.example/x.js"></script>', "another origin"),
    ("index.html", '<article><script>alert(1)</script></article>', "inside the page content"),
    ("brief.md", "x", "no place in a published site"),
    ("style.css", "@import 'https://fonts.example/a.css';", "another origin"),
    ("index.html", "<p>Client Beta</p>", "no place on this site"),
    ("index.html", "<p>CLIENT BETA's</p>", "no place on this site"),
    ("index.html", "<p>Client&nbsp;\nBETA</p>", "no place on this site"),
    ("index.json", '{"text": "Client\\u0020Beta"}', "no place on this site"),
    ("index.html", '<img src="a.png" alt="Client Beta">', "no place on this site"),
    ("index.html", '<a href="index.html" title=\'Client Beta\'>x</a>', "no place on this site"),
    ("index.html", '<div data-pb-client="Client Beta">x</div>', "no place on this site"),
    ("index.html", '<!-- Client Beta -->', "no place on this site"),
    ("index.html", '<script type="application/json" class="pb-chart-spec">{"values": [{"client": "Client Beta"}]}'
                   '</script>', "no place on this site"),
    ("chart.svg", '<svg><text class="mark">Client Beta</text></svg>', "no place on this site"),
    # A name at a cell's edge or after a line break: the tags around it leave spaces.
    ("index.html", '<table><tr><td>18:30</td><td class="pb-caption">Client Beta x</td></tr></table>',
     "no place on this site"),
    ("index.html", '<table><tr><td>Merci<br>Client Beta</td><td>oui</td></tr></table>', "no place on this site"),
    # What looks like a script's start inside a comment, a style or a text area hides nothing after it.
    ("index.html", '<!-- <script> --><p>Client Beta</p><script id="__config" type="application/json">{}</script>',
     "no place on this site"),
    ("index.html", '<style>/* <script> */</style><p>Client Beta</p>', "no place on this site"),
    ("index.html", '<textarea><script></textarea><p>Client Beta</p>', "no place on this site"),
    ("index.html", '<script>var shown = "Client Beta";</script>', "no place on this site"),
])
@pytest.mark.usefixtures("pages_without_policy")
def test_verification_refuses(tmp_path: Path, name: str, text: str, expected: str) -> None:
    site = _one_page_site(tmp_path, "<p>ok</p>")
    assert verify_site(site, ("Client Beta",)) == []
    (site / name).write_text(text, encoding="utf-8")
    assert any(expected in problem for problem in verify_site(site, ("Client Beta",)))


@pytest.mark.usefixtures("pages_without_policy")
def test_a_name_the_markup_uses_for_its_own_parts_is_not_that_name(tmp_path: Path) -> None:
    # Clients called Target, Search, Amber, Drawer or Material are not named by target="_blank", a
    # class, an id, the palette's name, Material's settings or MkDocs' generator tag; a description
    # and the text still name them.
    site = _one_page_site(
        tmp_path,
        '<!doctype html><html lang="fr"><head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
        '<meta name="description" content="Rapport"></head><body data-md-color-accent="amber">'
        '<input class="md-toggle" type="checkbox" id="__drawer"><label for="__drawer"></label>'
        '<div class="md-search" data-md-component="search" role="dialog"></div>'
        '<a href="https://example.org/" target="_blank" rel="noopener">x</a>'
        '<script id="__config" type="application/json">{"features": ["search.highlight"]}</script>'
        '</body></html>')
    names = ("Target", "Search", "Amber", "Drawer", "Toggle", "Dialog", "HTML", "Material", "Rapport")
    assert verify_site(site, names) == ["index.html: names 'Rapport', who has no place on this site"]
    page = (site / "index.html").read_text(encoding="utf-8")
    (site / "index.html").write_text(page.replace("<body", "<p>Target, Search, Amber</p><body"), encoding="utf-8")
    assert len(verify_site(site, names)) == 4


@pytest.mark.usefixtures("pages_without_policy")
def test_a_name_inside_another_word_is_not_that_name(tmp_path: Path) -> None:
    # A client called Nature is not named by "naturelle", nor "Client Numero 1" by "Client Numero 12".
    site = _one_page_site(tmp_path, "<p>Une lumière naturelle, chez Client Numero 12.</p>")
    assert verify_site(site, ("Nature", "Client Numero 1")) == []
    (site / "index.html").write_text("<p>Nature, puis Client Numero 1.</p>", encoding="utf-8")
    assert len(verify_site(site, ("Nature", "Client Numero 1"))) == 2


@pytest.mark.parametrize("page, expected", [
    ('<a href="x.html"onclick="steal()">x</a>', "event attribute 'onclick'"),  # no space after a quoted value
    ("<IMG SRC=x.html ONERROR=steal()>", "event attribute 'onerror'"),
    ('<a title="a > b" onclick=steal()>x</a>', "event attribute 'onclick'"),  # '>' inside a quoted value
    ("<svg/onload=steal()>", "event attribute 'onload'"),
    ('<a href="&#106;avascript:steal()">x</a>', "runs script"),  # an entity hides the scheme
    ('<img srcset="x.html 1x, https://cdn.example/b.png 2x">', "another origin"),
    ('<link rel="stylesheet" href="//cdn.example/a.css">', "another origin"),
    ("<article><div><SCRIPT>steal()</SCRIPT></div></article>", "inside the page content"),
    # What loads from elsewhere without a src: a style, a poster, an SVG image, a base, a refresh.
    ('<div style="background:url(https://evil.example/bg.png)">x</div>', "another origin"),
    ("<style>@import url(//evil.example/a.css);</style>", "another origin"),
    ('<video poster="https://evil.example/p.png"></video>', "another origin"),
    ('<svg><image href="https://evil.example/i.png"/></svg>', "another origin"),
    ('<table background="https://evil.example/t.png"></table>', "another origin"),
    ('<base href="https://evil.example/">', "another origin"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "refresh"),
])
@pytest.mark.usefixtures("pages_without_policy")
def test_verification_reads_tags_as_a_browser_does(tmp_path: Path, page: str, expected: str) -> None:
    site = _one_page_site(tmp_path, page)
    (site / "x.html").write_text("<p>x</p>", encoding="utf-8")
    assert any(expected in problem for problem in verify_site(site)), verify_site(site)


@pytest.mark.usefixtures("pages_without_policy")
def test_verification_does_not_read_tags_where_a_browser_does_not(tmp_path: Path) -> None:
    site = _one_page_site(
        tmp_path,
        '<!-- <img src="gone.png" onerror="x()"> --><script>if (a<b && c) { go("<img src=y onerror=z>") }</script>'
        '<style>a[title="<img onerror=x>"] {}</style><link rel="canonical" href="https://agency.example/">'
        '<p>Reply on=3 or src=4, as written in a caption.</p><article><script type="application/json">{}</script>'
        '</article><a href="./">home</a>')
    assert verify_site(site) == []


def test_verification_refuses_images_with_metadata(tmp_path: Path) -> None:
    from PIL import Image

    site = tmp_path / "site"
    site.mkdir()
    image = Image.new("RGB", (4, 4))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    image.save(site / "photo.jpg", exif=exif)
    assert any("metadata" in problem for problem in verify_site(site))
    Image.new("RGB", (4, 4)).save(site / "photo.jpg")
    assert verify_site(site) == []


@pytest.mark.usefixtures("pages_without_policy")
def test_verification_refuses_an_index_or_sitemap_naming_pages_not_built(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "caf\u00e9.html").write_text("<p>menu</p>", encoding="utf-8")
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": [
        {"location": ""}, {"location": "caf\u00e9.html#the-menu"}, {"location": "gone.html#a"}]}), encoding="utf-8")
    (site / "sitemap.xml").write_text(
        "<urlset><url><loc>https://agency.example/reports/</loc></url>"
        "<url><loc>https://agency.example/reports/caf%C3%A9.html</loc></url>"
        "<url><loc>https://agency.example/reports/old.html</loc></url>"
        "<!-- <url><loc>https://agency.example/reports/commented.html</loc></url> -->"
        "<url><loc><![CDATA[https://agency.example/reports/hidden.html]]></loc></url>"
        "<url><loc>https://elsewhere.example/index.html</loc></url></urlset>", encoding="utf-8")
    assert verify_site(site, site_url="https://agency.example/reports/") == [
        "search/search_index.json: names gone.html, which was not built",
        "sitemap.xml: names https://agency.example/reports/old.html, which is not a page of this site",
        "sitemap.xml: names https://agency.example/reports/hidden.html, which is not a page of this site",
        "sitemap.xml: names https://elsewhere.example/index.html, which is not a page of this site",
    ]
    (site / "sitemap.xml").write_text("<urlset><url><loc>https://agency.example/reports/</url>", encoding="utf-8")
    assert verify_site(site, site_url="https://agency.example/reports/")[1].startswith(
        "sitemap.xml: cannot be read as XML (mismatched tag")


@pytest.mark.usefixtures("pages_without_policy")
def test_verification_while_mkdocs_writes_judges_the_final_bytes(tmp_path: Path) -> None:
    """The checks made while MkDocs writes count only for files left alone since, and as they are at
    the end: a page checked early and rewritten later is checked again, and a page being written is
    not taken half-written."""
    site = tmp_path / "site"
    site.mkdir()
    settled = time.time() - 5
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    os.utime(site / "index.html", (settled, settled))
    (site / "fresh.html").write_text("<p>Client", encoding="utf-8")  # still being written
    verifier = SiteVerifier(site, ("Client Beta",))
    verifier.check_settled()
    assert set(verifier.checked) == {"index.html"}
    (site / "index.html").write_text('<a href="x.html" onclick="steal()">x</a>', encoding="utf-8")
    (site / "fresh.html").write_text("<p>Client Beta</p>", encoding="utf-8")
    # A file added where the folder's time of change does not show it: the last pass lists again.
    folder_time = (site.stat().st_atime_ns, site.stat().st_mtime_ns)
    (site / "late.html").write_text("<p>Client Beta again</p>", encoding="utf-8")
    os.utime(site, ns=folder_time)
    verifier.check_settled(settled=0.0)
    problems = [str(problem) for problem in verifier.finish()]  # in English
    assert any("late.html: names 'Client Beta'" in problem for problem in problems), problems
    assert any("index.html: <a> has an event attribute 'onclick'" in problem for problem in problems), problems
    assert any("index.html: the link x.html leads to no built file" in problem for problem in problems)
    assert any("fresh.html: names 'Client Beta'" in problem for problem in problems)
    assert problems == verify_site(site, ("Client Beta",))


def test_the_build_verifies_pages_while_mkdocs_writes_them(tmp_path: Path, monkeypatch) -> None:
    """The verifier's passes happen during MkDocs' run, and its verdict is that of a pass at the
    finished site."""
    from pressbook.build import build
    from pressbook.sites import verify

    from pressbook.sites.mkdocs_run import MkdocsRunner

    root = copy_demo(tmp_path / "demo")
    monkeypatch.setattr(verify, "SETTLED", 0.0)
    # Passes every 50 ms instead of 500: on a loaded machine, the demo's small site could otherwise be
    # written whole between two passes, and the test would see no pass during MkDocs' run.
    build_site = MkdocsRunner.build
    monkeypatch.setattr(MkdocsRunner, "build", lambda self, *args, **kwargs: build_site(self, *args, every=0.05,
                                                                                         **kwargs))
    passes = []
    check_settled = SiteVerifier.check_settled
    monkeypatch.setattr(SiteVerifier, "check_settled", lambda self, settled=0.0: (passes.append(len(self.checked)),
                                                                                  check_settled(self, settled))[1])
    result = build(root, "internal")
    assert result.ok, result.sites[0].log
    assert len(passes) > 1 and passes[-1] > 0  # files were checked before the last pass, while MkDocs ran
    assert verify_site(root / "site" / "internal") == []


def _name_another_client(root: Path) -> None:
    card = root / "content" / "influencers" / "mathis-leroy.md"
    card.write_text(card.read_text(encoding="utf-8").replace("tone: ", "tone: Fan de la Chocolaterie Belleroche. ", 1),
                    encoding="utf-8")


def test_another_clients_name_is_pointed_at_and_that_site_alone_is_refused(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_demo(tmp_path / "demo")
    _build(root)
    before = (root / "site" / "client-velonde" / "index.html").read_bytes()
    _name_another_client(root)
    card = (root / "content" / "influencers" / "mathis-leroy.md").read_text(encoding="utf-8").split("\n")
    tone = next(number for number, line in enumerate(card, 1) if line.startswith("tone: "))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = build(root)
    assert [(str(p.location), p.key, str(p.message))
            for p in result.problems if p.code == "visibility.other-client"] == [
        (f"content/influencers/mathis-leroy.md:{tone}:7", "tone", "'Chocolaterie Belleroche', another client, is named "
         "here; Vélonde's report site shows this card")]
    assert [site.name for site in result.sites if not site.ok] == ["client-velonde"]
    assert (root / "site" / "client-velonde" / "index.html").read_bytes() == before


def _name_a_rival(root: Path, where: str) -> None:
    """A second client, Atelier Rival, then its name in the first client's file, campaign and card."""
    content = root / "content"
    (content / "clients" / "atelier-rival.yml").write_text("name: Atelier Rival\n", encoding="utf-8")
    campaign = content / "campaigns" / "lancement"
    brief, card = campaign / "brief.md", content / "influencers" / "lea-exemple.md"
    client = content / "clients" / "maison-exemple.yml"
    mentions = "date,source,url,sentiment,reach,text\n" + "".join(
        f"2026-02-1{day},Presse,,neutral,{9000 - day},Un article\n" for day in range(5))
    if where == "shown":
        brief.write_text(brief.read_text(encoding="utf-8") + "\nPas comme chez Atelier Rival.\n", encoding="utf-8")
        card.write_text(card.read_text(encoding="utf-8").replace("tone: ", "tone: Fan d’atelier rival. "),
                        encoding="utf-8")
        client.write_text(client.read_text(encoding="utf-8").replace("role: ", "role: ex-Atelier Rival, "),
                          encoding="utf-8")
        # Among the five mentions of most reach, which the report shows, and in one of its blocks.
        (campaign / "mentions.csv").write_text(mentions + "2026-02-20,Presse,,neutral,9500,Mieux qu'Atelier Rival\n",
                                               encoding="utf-8")
        (campaign / "report.md").write_text("---\nstatus: final\n---\n## Analyse\nPlus vu qu'Atelier&nbsp;Rival.\n"
                                            "## Conclusion\nx\n## Recommandations\nx\n## E-réputation\nx\n",
                                            encoding="utf-8")
    else:  # in keys only the agency sees, a brands entry (left out of other clients' sites), other words,
        # a mention the report does not show (the sixth by reach), text outside the report's blocks
        brief.write_text(brief.read_text(encoding="utf-8").replace(
            "budget: 2500\n", "budget: 2500\nnotes: Atelier Rival a la même gamme.\n") + "\nLes Ateliers Rivaux.\n",
            encoding="utf-8")
        card.write_text(card.read_text(encoding="utf-8").replace(
            "languages: [fr]\n", "languages: [fr]\nbrands: [Atelier Rival]\n"), encoding="utf-8")
        (campaign / "mentions.csv").write_text(mentions + "2026-02-20,Presse,,neutral,10,Mieux qu'Atelier Rival\n",
                                               encoding="utf-8")
        (campaign / "report.md").write_text("---\nstatus: final\n---\nAvant : Atelier Rival.\n## Analyse\nx\n"
                                            "## Conclusion\nx\n## Recommandations\nx\n## E-réputation\nx\n"
                                            "## Autre chose\nAtelier Rival\n", encoding="utf-8")


def _refusal(page: str, name: str) -> str:
    """How a build's log, in the site's language (French, the demo's), says that a page names someone."""
    return f"refusé\u00a0: {page}\u00a0: nomme «\u202f{name}\u202f»"


def test_where_the_check_sees_another_client_named_the_verification_does(starter: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Curly apostrophes, entities and case are read alike by both.
    _name_a_rival(starter, "shown")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = build(starter)
    assert {(p.location.path, p.key) for p in result.problems if p.code == "visibility.other-client"} == {
        ("content/campaigns/lancement/brief.md", ""), ("content/influencers/lea-exemple.md", "tone"),
        ("content/clients/maison-exemple.yml", "contacts[0].role"), ("content/campaigns/lancement/mentions.csv", "text"),
        ("content/campaigns/lancement/report.md", "")}
    # The check does not stop the build: the verification refuses the one site that names the rival.
    refused = {s.name: s.log for s in result.sites if not s.ok}
    assert list(refused) == ["client-maison-exemple"] and len(result.sites) == 4
    for page in ("campaigns/lancement/index.html", "influencers/lea-exemple.html", "index.html",
                 "campaigns/lancement/report.html"):
        assert _refusal(page, "Atelier Rival") in refused["client-maison-exemple"]


def test_where_the_check_sees_no_other_client_named_neither_does_the_verification(
        starter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _name_a_rival(starter, "not shown")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = build(starter)
    assert [p for p in result.problems if p.code == "visibility.other-client"] == []
    assert result.ok, [site.log for site in result.sites]


def test_a_client_whose_name_holds_anothers_is_said_once_and_the_other_sites_are_built(
        starter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (starter / "content" / "clients" / "maison.yml").write_text("name: Maison\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = build(starter)
    assert [(str(p.location), p.key) for p in result.problems if p.code == "visibility.other-client"] == [
        ("content/clients/maison-exemple.yml:1:7", "name")]
    assert {site.name: site.ok for site in result.sites} == {
        "internal": True, "client-maison": True, "client-maison-exemple": False, "public": True}
    assert _refusal("index.html", "Maison") in next(s.log for s in result.sites if s.name == "client-maison-exemple")


def test_a_leaking_site_is_not_swapped_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The verification is the last guard, for what the check could not see coming.
    root = copy_demo(tmp_path / "demo")
    _build(root)
    before = (root / "site" / "client-velonde" / "index.html").read_bytes()
    _name_another_client(root)
    monkeypatch.setattr("pressbook.checking.other_clients_named", lambda workspace: [])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = build(root)
    refused = {s.name: s for s in result.sites if not s.ok}
    assert list(refused) == ["client-velonde"]
    assert _refusal("influencers/mathis-leroy.html", "Chocolaterie Belleroche") in refused["client-velonde"].log
    assert (root / "site" / "client-velonde" / "index.html").read_bytes() == before


def test_the_public_site_holds_no_canary(canary_sites: Path) -> None:
    tokens = [canary(o, f) for o in ("alpha", "beta") for f in INTERNAL + CLIENT]
    assert _found(canary_sites / "public", tokens + ["Client Alpha", "Créatrice Alpha"]) == set()
    assert (canary_sites / "public" / "index.html").is_file()


def test_the_demos_public_site(built_demo: Path) -> None:
    from conftest import page

    site = built_demo / "site" / "public"
    assert sorted(p.name for p in (site / "case-studies").iterdir()) == ["printemps-eclat-2026.html"]
    study = page(site, "case-studies/printemps-eclat-2026.html")
    assert study.select_one("meta[property='og:title']")["content"].startswith("Éclat de printemps")
    assert study.select_one("meta[name=description]")["content"]
    assert study.select_one("h1").get_text().startswith("Éclat de printemps")
    # the headline, never the brief's title
    assert "lancement du Sérum Éclat à l'immortelle" not in study.get_text()
    chart = site / "assets" / "charts" / "printemps-eclat-2026.svg"
    svg = chart.read_text(encoding="utf-8")
    assert "<script" not in svg and '"values"' not in svg
    assert re.search("1[\u00a0\u202f]000[\u00a0\u202f]000", svg)  # drawn with French number formats
    assert not (site / "assets" / "pressbook" / "vega.js").exists()
    assert not study.select("script.pb-chart-spec")
    featured = study.select_one("h2#publications-a-la-une").find_next("ul").get_text()
    assert "Camille Roux" not in study.get_text() and "Léa Fontaine" in featured
    for gone in ("Vélonde", "Belleroche", "Noé Garnier", "Margaux Lemaire"):
        assert _found(site, [gone]) == set()


def test_a_non_consenting_influencer_is_left_out_or_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    showcase = root / "content" / "campaigns" / "printemps-eclat-2026" / "showcase.md"
    text = showcase.read_text(encoding="utf-8")
    # p10 is Camille Roux's post; she has not consented
    showcase.write_text(text.replace("featured_posts: [p01, p04, p12]", "featured_posts: [p01, p04, p12, p10]"),
                        encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        from pressbook.checking import check_workspace

        _, problems = check_workspace(root)
        assert any(p.code == "showcase.consent" and p.severity == "error" for p in problems)
        result = build(root, "public")
        assert result.ok
        assert "Camille Roux" not in (root / "site" / "public" / "case-studies" /
                                      "printemps-eclat-2026.html").read_text(encoding="utf-8")
        showcase.write_text(showcase.read_text(encoding="utf-8") + "\nMerci aussi à Camille Roux.\n", encoding="utf-8")
        before = (root / "site" / "public" / "index.html").read_bytes()
        result = build(root, "public")
        assert not result.ok
        assert _refusal("case-studies/printemps-eclat-2026.html", "Camille Roux") in result.sites[0].log
        assert (root / "site" / "public" / "index.html").read_bytes() == before
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@pytest.mark.parametrize("written", ["yes", '"true"', "", "oui", "1"])
def test_consent_is_true_or_false_and_nothing_else(starter: Path, written: str) -> None:
    from pressbook.checking import check_workspace

    client = starter / "content" / "clients" / "maison-exemple.yml"
    client.write_text(client.read_text(encoding="utf-8").replace("  public: false", f"  public: {written}"),
                      encoding="utf-8")
    workspace, problems = check_workspace(starter)
    assert workspace is None  # nothing is built, let alone published
    assert [(p.code, p.key) for p in problems if p.severity == "error"] == [("schema.type", "consent.public")]


# `pressbook export --site` writes a site's view: the canaries an export can carry are its ids (campaign,
# post, influencer) and figures, of which the fees and the margin are internal.
EXPORT_SITES = ("internal", "client-client-alpha", "client-client-beta", "public")
EXPORT_FORMATS = ("csv", "json", "csv-fr", "xlsx")
# What each format writes of a client's tables; the margin by its name there (a label in csv-fr and xlsx).
EXPORT_FILES = {"csv": ("campaigns.csv", "influencer_networks.csv", "posts.csv"),
                "json": ("campaigns.json", "influencer_networks.json", "posts.json"),
                "csv-fr": ("campaigns.csv", "influencer_networks.csv", "posts.csv"), "xlsx": ("kpis.xlsx",)}
MARGIN = {"csv": "margin", "json": "margin", "csv-fr": "Marge (budget", "xlsx": "Marge (budget"}


def _export_canaries(owner: str, number: int, output: str = "csv") -> tuple[list[str], list[str]]:
    """The owner's ids, which its client's site shows, and its fee and margin (budget 5000), which only
    the internal site shows, written as `output` writes them (the French CSV with a decimal comma)."""
    point = "," if output == "csv-fr" else "."
    return ([f"campagne-{owner}", f"creatrice-{owner}", f"{owner}1"],
            [f"{7391 + number}{point}13", f"-{2391 + number}{point}13"])


@pytest.fixture(scope="module")
def canary_exports(canary_sites: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    from pressbook.build import export_site

    root, out = canary_sites.parent, tmp_path_factory.mktemp("exports")
    exports = {}
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        for site in EXPORT_SITES:
            for output in EXPORT_FORMATS:
                problems, written = export_site(root, site, out / site / output, output)
                assert written, problems
                exports[site, output] = out / site / output
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return exports


@pytest.mark.parametrize("output", EXPORT_FORMATS)
def test_the_internal_export_holds_every_clients_ids_fees_and_margins(canary_exports, output: str) -> None:
    tokens = [token for number, owner in enumerate(("alpha", "beta"))
              for kind in _export_canaries(owner, number, output) for token in kind]
    assert _found(canary_exports["internal", output], tokens + [MARGIN[output]]) == {*tokens, MARGIN[output]}


@pytest.mark.parametrize("output", EXPORT_FORMATS)
@pytest.mark.parametrize("owner, other", [("alpha", "beta"), ("beta", "alpha")])
def test_a_client_export_holds_its_client_only_and_nothing_internal(canary_exports, output: str, owner: str,
                                                                   other: str) -> None:
    number, other_number = ("alpha", "beta").index(owner), ("alpha", "beta").index(other)
    export = canary_exports[f"client-client-{owner}", output]
    own_ids, own_internal = _export_canaries(owner, number, output)
    other_ids, other_internal = _export_canaries(other, other_number, output)
    assert _found(export, own_ids) == set(own_ids)
    forbidden = own_internal + other_ids + other_internal + [
        canary(o, f) for o in ("alpha", "beta") for f in INTERNAL] + [canary(other, f) for f in CLIENT]
    assert _found(export, forbidden + [MARGIN[output]]) == set()
    assert sorted(path.name for path in export.iterdir()) == list(EXPORT_FILES[output])


@pytest.mark.parametrize("output", EXPORT_FORMATS)
def test_the_public_export_holds_no_canary(canary_exports, output: str) -> None:
    # Neither client consents: the public site has no case study, and its export no row.
    export = canary_exports["public", output]
    tokens = [token for number, owner in enumerate(("alpha", "beta"))
              for kind in _export_canaries(owner, number, output) for token in kind] + [
        canary(o, f) for o in ("alpha", "beta") for f in INTERNAL + CLIENT]
    assert _found(export, tokens) == set()
    assert [path.name for path in export.iterdir()] == (["kpis.xlsx"] if output == "xlsx" else
                                                         [f"case_studies.{'json' if output == 'json' else 'csv'}"])
