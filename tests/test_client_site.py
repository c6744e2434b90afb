"""The client's and the public sites as a client or a reader opens them: no trace of how the agency
works, drafts kept inside, both brands, a home and a report that read as a deliverable."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import DEMO_EPOCH, copy_demo, html_files, page as _page
from pressbook.build import build
from pressbook.checking import check_workspace

OUTSIDE = ("client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "public")
HERBIER = "client-herbier-de-lure"
PRINTEMPS = "campaigns/printemps-eclat-2026"
VELOTAF = "campaigns/rentree-velotaf-2026"
# Written in the demo's draft report: its text, and the review remarks of its internal notes.
DRAFT_TEXT = "La notoriété dépasse les objectifs"
REVIEW_REMARKS = ("Version de travail", "à relire avec Nadia Ferrand", "Conclusion à compléter")


def _text(path: Path) -> str:
    """What a reader sees of a page: the text of its body, its title and its images' alt texts."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup.select("script, style"):
        hidden.decompose()
    alts = " ".join(img.get("alt", "") for img in soup.select("img"))
    return f"{soup.get_text(' ', strip=True)} {alts}"


def _build(root: Path, only: str | None = None) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        result = build(root, only)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.ok, [(s.name, s.log) for s in result.sites] or result.problems


@pytest.fixture(scope="module")
def post_ids(built_demo: Path) -> set[str]:
    workspace, _ = check_workspace(built_demo)
    assert workspace is not None
    return {post.id for campaign in workspace.campaigns.values() for post in campaign.posts}


def test_no_page_outside_says_how_it_was_made(built_demo: Path, post_ids: set[str]) -> None:
    # The internal site keeps them: the test looks for something that exists.
    internal = _text(built_demo / "site" / "internal" / PRINTEMPS / "results.html")
    assert "Page produite à partir de" in internal and "content/campaigns/" in internal
    assert {"p01", "p07"} <= post_ids and "p07" in internal.split()
    words = re.compile(r"\b(" + "|".join(map(re.escape, sorted(post_ids))) + r")\b")
    looked_at = 0
    for site in OUTSIDE:
        for path in html_files(built_demo / "site" / site):
            text = _text(path)
            assert "Page produite" not in text and "content/" not in text, path
            assert not words.search(text), (path, words.search(text))
            assert not any(remark in text for remark in REVIEW_REMARKS), path
            assert "Notes internes" not in text, path
            looked_at += 1
    assert looked_at > 40


def test_best_posts_are_cards_not_addresses(built_demo: Path) -> None:
    page = _page(built_demo / "site" / HERBIER, "influencers/lea-fontaine.html")
    cards = page.select("ol.pb-post-cards > li.pb-post-card")
    assert len(cards) == 3
    for card in cards:
        meta = card.select_one(".pb-post-card-meta").get_text(" ", strip=True)
        assert re.search(r"\d{4}", meta)  # the day it was published
        assert card.select_one(".pb-post-card-caption").get_text(strip=True)
        figures = [dt.get_text(strip=True) for dt in card.select(".pb-post-card-figures dt")]
        assert figures == ["Portée", "Engagements", "Taux d'engagement"]
        link = card.select_one("a[href^='https://']")
        assert link and not link.get_text(strip=True).startswith("http")
    section = page.select_one("ol.pb-post-cards").find_parent()
    assert "https://" not in section.get_text(" ")  # the addresses are links, never the text shown


def test_a_draft_report_says_it_is_in_preparation(built_demo: Path) -> None:
    client = built_demo / "site" / "client-velonde"
    report = _page(client, f"{VELOTAF}/report.html")
    assert report.select_one(".pb-cover h1").get_text(strip=True) == "Rentrée en selle – le vélotaf avec Vélonde"
    assert "en préparation" in report.select_one(".pb-pending").get_text()
    assert not report.select("ul.pb-tiles")
    assert not any(DRAFT_TEXT in _text(path) for path in html_files(client))
    home = _page(client, "index.html")
    assert home.select_one(f"a[href='{VELOTAF}/report.html']").get_text(strip=True) == "Bilan en préparation"
    internal = _page(built_demo / "site" / "internal", f"{VELOTAF}/report.html")
    assert DRAFT_TEXT in internal.get_text() and internal.select_one("p.pb-draft")
    notes = internal.select_one(".pb-internal-notes")
    assert all(remark in notes.get_text(" ") for remark in REVIEW_REMARKS)
    assert "Réservé à l'agence" in notes.get_text()


def test_a_workspace_that_opts_in_shows_the_draft_marked_without_its_notes(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    settings = root / "content" / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "    velonde:\n", "    velonde:\n      drafts: true\n"), encoding="utf-8")
    _build(root, "client-velonde")
    report = _page(root / "site" / "client-velonde", f"{VELOTAF}/report.html")
    text = report.get_text(" ")
    assert DRAFT_TEXT in text and "provisoire" in report.select_one("p.pb-draft").get_text()
    assert not report.select(".pb-pending, .pb-internal-notes")
    assert not any(remark in text for remark in REVIEW_REMARKS) and "Notes internes" not in text


def test_internal_notes_never_reach_a_client_however_their_title_is_written(tmp_path: Path) -> None:
    # Python-Markdown makes a heading of `##Notes` (no space) and of an underlined line; a note that only
    # the agency's eyes may read must be left out of the client's page, search index and PDF whichever
    # way it is written, in a final report, and a rule (`---`) inside it must not end it.
    root = copy_demo(tmp_path / "demo")
    report = root / "content" / PRINTEMPS / "report.md"
    notes = {
        "## Conclusion": "##Notes internes\nMarge à renégocier avec Hélène.\n\n## Conclusion",
        "## Recommandations": "# NOTES INTERNES #\nSecretA1.\n\nBudget réel\n---\nSecretA2 sous la règle.\n\n"
                              "## Recommandations",
        "## E-réputation": "Internal notes\n===\nSecretA3.\n\n   ### Notes internes\nSecretA4.\n\n## E-réputation",
    }
    text = report.read_text(encoding="utf-8")
    for heading, written in notes.items():
        assert heading in text
        text = text.replace(heading, written, 1)
    report.write_text(text, encoding="utf-8")
    _build(root, HERBIER)
    site = root / "site" / HERBIER
    secrets = ("renégocier", "SecretA1", "SecretA2", "SecretA3", "SecretA4", "Budget réel")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml"):
            content = path.read_text(encoding="utf-8")
            assert not [secret for secret in secrets if secret in content], path
    pdf = next((site / PRINTEMPS).glob("*.pdf"))
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not [secret for secret in secrets if secret in printed]
    shown = _text(site / PRINTEMPS / "report.html")
    # The blocks after each note are still there: notes end at the next section.
    assert "Pour un premier lancement" in shown and "Synchroniser stocks" in shown and "Vingt mentions" in shown
    assert "Pour un premier lancement" in printed.replace("\n", " ")


def test_both_logos_in_the_header_and_a_favicon(built_demo: Path) -> None:
    client = built_demo / "site" / "client-velonde"
    home = _page(client, "index.html")
    header = home.select_one("header.md-header")
    assert [img["alt"] for img in header.select("img.pb-header-logo")] == ["Sillage Influence", "Vélonde"]
    for img in header.select("img.pb-header-logo"):
        assert (client / img["src"]).is_file()
    icon = home.select_one("link[rel=icon]")["href"]
    with Image.open(client / icon) as favicon:
        assert favicon.size == (64, 64) and favicon.format == "PNG"
    public = _page(built_demo / "site" / "public", "index.html")
    assert [img["alt"] for img in public.select("header.md-header img.pb-header-logo")] == ["Sillage Influence"]
    assert (built_demo / "site" / "public" / public.select_one("link[rel=icon]")["href"]).is_file()


def test_the_clients_home_shows_its_name_its_campaigns_and_a_comparison(built_demo: Path) -> None:
    home = _page(built_demo / "site" / HERBIER, "index.html")
    assert home.select_one("article h1").get_text(strip=True) == "L'Herbier de Lure"
    first = home.select_one("nav.md-nav--primary a.md-nav__link").get_text(strip=True)
    assert first == "L'Herbier de Lure"
    cards = {card["data-campaign"]: card for card in home.select("article.pb-card")}
    assert set(cards) == {"printemps-eclat-2026", "rituel-hiver-2027"}
    done = cards["printemps-eclat-2026"]
    assert "terminée" in done.select_one(".pb-card-meta").get_text() and "2026" in done.select_one(".pb-card-meta").get_text()
    tiles = done.select("li.pb-tile")
    assert [tile["data-metric"] for tile in tiles] == ["reach", "engagement_rate", "roas"]
    for tile in tiles:
        assert tile.select_one(".pb-tile-value").get_text(strip=True)
        assert tile.select_one(".pb-tile-target").get_text().startswith("Objectif\u202f:")
    assert done.select_one(f"a[href='{PRINTEMPS}/report.html']").get_text(strip=True) == "Lire le bilan"
    planned = cards["rituel-hiver-2027"]
    assert len(planned.select("li.pb-tile")) == 3 and "pas encore mesuré" in planned.get_text()
    compared = home.select_one("table.pb-compare")
    assert [th.get_text(strip=True) for th in compared.select("thead th")][-1] == "Toutes"
    assert len(compared.select("thead th")) == 4  # the metric, two campaigns, all of them
    assert compared.select_one("tr[data-metric=reach]")


def test_the_report_opens_on_a_cover_then_tiles_then_the_blocks(built_demo: Path) -> None:
    report = _page(built_demo / "site" / HERBIER, f"{PRINTEMPS}/report.html")
    cover = report.select_one(".pb-cover").get_text(" ", strip=True)
    for shown in ("Éclat de printemps", "L'Herbier de Lure", "2 mars 2026", "30 avril 2026", "Sillage Influence"):
        assert shown in cover
    assert [img["alt"] for img in report.select(".pb-cover-logos img")] == ["Sillage Influence", "L'Herbier de Lure"]
    tiles = report.select("ul.pb-tiles > li.pb-tile")
    assert len(tiles) == 9 and {"pb-tile-reached", "pb-tile-missed"} <= {c for t in tiles for c in t["class"]}
    assert [h.get_text(strip=True) for h in report.select("article h2")] == [
        "Résultats", "Analyse et interprétation", "Conclusion", "Recommandations", "E-réputation"]
    # Neither the site's navigation nor the table of contents beside the report.
    assert report.select_one(".md-sidebar--primary").has_attr("hidden")
    assert report.select_one(".md-sidebar--secondary").has_attr("hidden")


def test_a_live_campaigns_results_warn_of_a_negative_surge(built_demo: Path) -> None:
    live = _page(built_demo / "site" / "client-chocolaterie-belleroche", "campaigns/noel-gourmand-2026/results.html")
    alert = live.select_one(".pb-surge")
    assert alert and "19 novembre 2026" in alert.get_text()
    done = _page(built_demo / "site" / HERBIER, f"{PRINTEMPS}/results.html")
    assert not done.select(".pb-surge")


def test_in_english_too(english_demo: Path) -> None:
    root = english_demo
    home = _page(root / "site" / HERBIER, "index.html")
    assert home.select_one("nav.md-nav--primary a.md-nav__link").get_text(strip=True) == "L'Herbier de Lure"
    assert home.select_one("[data-campaign=printemps-eclat-2026] .pb-tile-target").get_text().startswith("Target: ")
    assert home.select_one(f"a[href='{PRINTEMPS}/report.html']").get_text(strip=True) == "Read the report"
    report = _page(root / "site" / HERBIER, f"{PRINTEMPS}/report.html")
    assert report.select_one(".pb-cover-kind").get_text(strip=True) == "Campaign report"
    assert "Made from" not in report.get_text()
