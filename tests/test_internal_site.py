"""The internal site of the demo, read the way a browser receives it: through CSS selectors."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import html_files, page as _page


def test_every_section_is_built(site: Path) -> None:
    for path in ("index.html", "influencers/index.html", "influencers/lea-fontaine.html", "clients/index.html",
                 "clients/velonde.html", "campaigns/index.html", "campaigns/printemps-eclat-2026/index.html",
                 "campaigns/printemps-eclat-2026/roster.html", "campaigns/printemps-eclat-2026/contracts.html",
                 "campaigns/printemps-eclat-2026/posts.html", "journal.html"):
        assert (site / path).is_file(), path


def test_dashboard(site: Path) -> None:
    page = _page(site, "index.html")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Situation au 26 novembre 2026" in text
    live = [a.get_text() for a in page.select_one("h2#campagnes-en-cours").find_next("table").select("tbody a")]
    assert "Un Noël à croquer – calendrier de l'Avent Belleroche" in live
    late = [row.get_text(" ", strip=True) for row in
            page.select_one("h2#livrables-a-suivre").find_next("table").select("tbody tr")]
    assert any("Margaux Lemaire" in row and "en retard" in row for row in late)
    assert page.select("ul.pb-steps li")


def test_directory_lists_everyone_with_filters(site: Path) -> None:
    page = _page(site, "influencers/index.html")
    rows = page.select("#pb-directory tbody tr")
    assert len(rows) == 15
    topics = [o["value"] for o in page.select("select[data-pb-select=topics] option") if o["value"]]
    assert "beauté" in topics
    lea = next(r for r in rows if "Léa Fontaine" in r.get_text())
    assert "beauté" in lea["data-topics"].split("|") and "instagram" in lea["data-networks"].split("|")
    assert lea.select_one("a")["href"] == "lea-fontaine.html"
    assert [th.get_text(strip=True) for th in page.select("#pb-directory thead th")] == [
        "Nom", "Thématiques", "Réseaux", "Abonnés", "Taux d'engagement", "Réseau préféré"]


def test_identity_card_shows_every_group(site: Path) -> None:
    page = _page(site, "influencers/lea-fontaine.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    for heading in ("Réseaux", "Fréquence de publication", "Meilleures publications", "Abonnés — répartition",
                    "Portrait", "Campagnes", "Contact", "Historique de la relation"):
        assert heading in headings
    text = page.select_one("article").get_text(" ", strip=True)
    assert "84\u202f300 abonnés" in text  # French grouping, as Babel writes it
    assert re.search(r"86,0\s%", text)
    assert page.select_one("a[href='../campaigns/printemps-eclat-2026/index.html']")


def test_navigation_stays_small(site: Path) -> None:
    for path in ("index.html", "influencers/lea-fontaine.html", "campaigns/noel-gourmand-2026/posts.html"):
        nav_links = [a for a in _page(site, path).select("nav.md-nav--primary a.md-nav__link")
                     if "#" not in a.get("href", "")]
        assert len(nav_links) <= 8, path
        assert not [a for a in nav_links if "lea-fontaine" in a.get("href", "")]


def test_each_page_names_its_sources(site: Path) -> None:
    for path in html_files(site):
        if path.name == "404.html":
            continue
        sources = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("p.pb-sources code")
        assert sources and all(s.get_text().startswith("content/") for s in sources), path
    card = _page(site, "influencers/lea-fontaine.html").select("p.pb-sources code")
    assert [c.get_text() for c in card] == ["content/influencers/lea-fontaine.md"]


def test_campaign_section(site: Path) -> None:
    roster = _page(site, "campaigns/noel-gourmand-2026/roster.html")
    states = {td.get_text(strip=True) for td in roster.select("span.pb-state")}
    assert {"en retard", "à venir"} <= states
    contracts = _page(site, "campaigns/rentree-velotaf-2026/contracts.html")
    assert contracts.select("h2") and "jusqu'au" in contracts.get_text()
    posts = _page(site, "campaigns/rentree-velotaf-2026/posts.html")
    caption = posts.select_one("td.pb-caption")
    assert caption is not None and caption.select("br")  # line breaks of the caption kept


OUTSIDE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def test_nothing_is_loaded_from_another_origin(site: Path) -> None:
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag in page.select("[src]"):
                if OUTSIDE.match(tag["src"]):
                    offenders.append((path.name, tag.name, tag["src"]))
            for tag in page.select("link[href]"):
                if OUTSIDE.match(tag["href"]) and tag.get("rel") != ["canonical"]:
                    offenders.append((path.name, "link", tag["href"]))
            for style in page.select("style"):
                offenders += [(path.name, "style", u) for u in re.findall(r"url\(\s*['\"]?(https?:)?//", style.text)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            offenders += [(path.name, "css", m) for m in re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", text)]
    assert offenders == []


def test_a_topic_called_index_does_not_take_the_place_of_the_topics_list() -> None:
    from types import SimpleNamespace

    from pressbook.pages.internal import _topic_pages

    pages = _topic_pages(SimpleNamespace(scores={"Index": {}, "beauté": {}}))
    assert pages == {"Index": "comparison/index-2.md", "beauté": "comparison/beaute.md"}
