"""The second engine: the demo built with `--engine zensical` passes the same verification as with
MkDocs and works in a browser the same way, search from the file system included (docs/sites.md)."""
from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import DEMO_EPOCH, build_on_demo_day, copy_demo, html_files
from pressbook.build import build
from pressbook.freshness import unchanged_sites
from pressbook.sites.verify import SiteVerifier, verify_site
from test_browser import Watched, _Quiet, open_under_policy

SITES = ["client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "internal", "public"]


@pytest.fixture(scope="module")
def zensical_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("zensical") / "demo")
    build_on_demo_day(root, engine="zensical")  # fails unless every site passed the verification
    return root


def test_every_site_is_zensicals_and_passes_the_verification(zensical_demo: Path) -> None:
    sites = zensical_demo / "site"
    assert sorted(p.name for p in sites.iterdir() if not p.name.startswith(".")) == SITES
    for name in SITES:
        site = sites / name
        assert (site / "search.json").is_file() and not (site / "search").exists(), name
        assert 'content="zensical-' in (site / "index.html").read_text(encoding="utf-8")
        pages = html_files(site)
        assert pages and all('http-equiv="Content-Security-Policy"' in p.read_text(encoding="utf-8") for p in pages)
        settings = yaml.safe_load((zensical_demo / ".cache" / "pressbook" / name / "mkdocs.yml").read_text(encoding="utf-8"))
        documents = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*.pdf"))  # the reports'
        assert SiteVerifier(site, (), settings.get("site_url"), documents).finish() == [], name
    # The licences of Zensical's scripts are published, as text.
    assert (sites / "internal" / "assets" / "javascripts" / "LICENSE.txt").is_file()


def test_the_verification_reads_zensicals_search_index(zensical_demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "internal"
    shutil.copytree(zensical_demo / "site" / "internal", site)
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    index["items"].append({"location": "gone.html", "level": 1, "title": "Gone", "text": "", "path": [], "tags": []})
    (site / "search.json").write_text(json.dumps(index), encoding="utf-8")
    assert [problem for problem in verify_site(site) if "search.json" in problem and "gone.html" in problem]


def test_the_skip_link_leads_to_the_content_from_outside_it(zensical_demo: Path) -> None:
    page = BeautifulSoup((zensical_demo / "site" / "internal" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    anchor = page.select_one("#__skip")
    assert anchor is not None and anchor.find_parent("article") is None
    assert anchor.find_next_sibling("article") is not None


def test_client_sites_ask_not_to_be_indexed(zensical_demo: Path) -> None:
    robots = 'name="robots" content="noindex, nofollow"'
    assert robots in (zensical_demo / "site" / "client-velonde" / "index.html").read_text(encoding="utf-8")
    assert robots not in (zensical_demo / "site" / "internal" / "index.html").read_text(encoding="utf-8")


def test_names_are_text_in_the_theme(tmp_path: Path) -> None:
    # Zensical, as MkDocs, writes the site's name into the header unescaped; pressbook escapes it once.
    name = 'L\'Atelier <b>/In</b> & "Co"'
    root = copy_demo(tmp_path / "demo")
    workspace = root / "content" / "workspace.yml"
    workspace.write_text(workspace.read_text(encoding="utf-8").replace(
        "agency: Sillage Influence", "agency: " + json.dumps(name)), encoding="utf-8")
    look = root / "mkdocs.yml"
    look.write_text(look.read_text(encoding="utf-8").replace("site_name: Sillage Influence\n", ""), encoding="utf-8")
    result = build(root, "internal", engine="zensical")
    assert result.ok, [site.log for site in result.sites]
    page = BeautifulSoup((root / "site" / "internal" / "index.html").read_text(encoding="utf-8"), "html.parser")
    header = page.select_one("header")
    assert header.select("b") == []
    assert name in header.get_text()
    assert page.select_one("a.md-logo")["title"] == name and page.select_one("a.md-logo")["aria-label"] == name


def test_a_build_is_unchanged_for_its_own_engine_only(zensical_demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)  # the build's moment is part of its inputs
    assert sorted(unchanged_sites(zensical_demo, None, "zensical") or []) == SITES
    assert unchanged_sites(zensical_demo, None, "mkdocs") is None


def test_switching_engines_builds_again(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    build_on_demo_day(root, engine="zensical")
    again = build(root, "public", engine="zensical")
    assert again.ok and all(site.skipped for site in again.sites)
    other = build(root, "public")
    assert other.ok and not any(site.skipped for site in other.sites)
    assert (root / "site" / "public" / "search" / "search_index.json").is_file()
    assert not (root / "site" / "public" / "search.json").exists()


# In a browser: the same checks as tests/test_browser.py, through Zensical's own search box.

def _search(page, words: str) -> None:
    page.click(".md-search__button")
    box = page.locator("dialog input[role=combobox]")
    box.wait_for(timeout=15000)
    # Typed key by key, as a reader does: every letter must stay in the box.
    box.press_sequentially(words, delay=40)


def _results(page) -> str:
    page.wait_for_selector("dialog [role=listbox] li", timeout=15000)
    return page.locator("dialog [role=listbox]").inner_text()


@pytest.mark.browser
def test_search_answers_over_http(browser, zensical_demo: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(zensical_demo / "site" / "internal"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = Watched(browser, "127.0.0.1")
    try:
        page = watched.page
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        _search(page, "Fontaine")
        assert "Léa Fontaine" in _results(page)
        assert watched.outside == [] and watched.errors == []
    finally:
        watched.close()
        server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("site", ["internal", "client-velonde", "public"])
def test_every_site_works_under_its_policy_from_the_file_system(browser, zensical_demo: Path, site: str) -> None:
    folder = zensical_demo / "site" / site
    watched = Watched(browser, None)
    try:
        page = watched.page
        words = open_under_policy(page, folder, site)
        _search(page, words)
        results = _results(page)
        assert words in results.lower()
        assert page.locator("dialog input[role=combobox]").input_value() == words
        assert watched.outside == [] and watched.errors == []
    finally:
        watched.close()


@pytest.mark.browser
def test_search_titles_read_as_written(browser, zensical_demo: Path) -> None:
    # pressbook's titles reach the index escaped for MkDocs; Zensical's search shows its titles as text.
    watched = Watched(browser, None)
    try:
        page = watched.page
        page.goto((zensical_demo / "site" / "internal" / "index.html").as_uri())
        _search(page, "immortelle")
        results = _results(page)
        assert "l'immortelle" in results and "&#" not in results
        assert watched.errors == []
    finally:
        watched.close()
