"""Declared figures beside tracked ones, and a comparison score that says what it rests on (issue 24,
items 1 and 2): on the numbers, on the demo's pages, and on a client's roster."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import page as _page
from pressbook.checking import check_workspace
from pressbook.metrics.compute import compute_numbers
from pressbook.metrics.influencers import ranking
from pressbook.model import Settings

TODAY = date(2026, 11, 26)


def _numbers(root: Path):
    workspace, problems = check_workspace(root)
    assert workspace is not None, problems
    return workspace, compute_numbers(workspace, TODAY)


def _declare(root: Path, card: str, network: str, reading: str) -> None:
    """Write `reading` (YAML lines, indented as a list item under `declared:`) into a card's network."""
    path = root / "content" / "influencers" / f"{card}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  {network}:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    block = lines[start + 1:end]
    if "    declared:" in block:
        block = block[:block.index("    declared:")]
    block += ["    declared:", *(f"      {line}" for line in reading.strip().split("\n"))]
    path.write_text("\n".join(lines[:start + 1] + block + lines[end:]), encoding="utf-8")


def test_a_declared_frequency_sits_beside_the_tracked_cadence(starter: Path) -> None:
    # The starter's card declares 4 posts a week on Instagram, where two sponsored posts are tracked.
    _, numbers = _numbers(starter)
    frequency = numbers.frequency["lea-exemple"]["instagram"]
    assert frequency.tracked == Decimal(2) / 13 and frequency.posts == 2
    assert (frequency.declared.value, frequency.declared.source, frequency.declared.on) == (
        Decimal(4), "media kit", date(2026, 1, 5))


def test_the_newest_reading_gives_a_figure(starter: Path) -> None:
    _declare(starter, "lea-exemple", "instagram", """
- source: media kit
  on: 2026-01-05
  posts_per_week: 4
- source: export de l'outil
  on: 2026-03-01
  posts_per_week: 6
  average_reach: 9000""")
    _, numbers = _numbers(starter)
    declared = numbers.frequency["lea-exemple"]["instagram"].declared
    assert (declared.value, declared.source) == (Decimal(6), "export de l'outil")


def test_a_tracked_rate_wins_and_a_declared_one_fills_in(demo: Path) -> None:
    workspace, numbers = _numbers(demo)
    # Léa Fontaine has tracked posts: her rate is theirs, and nothing declared is said to be used.
    assert "engagement_rate" not in numbers.components["lea-fontaine"].declared
    # Théo Rousseau has none: his declared rates are pooled by followers, as tracked rates are.
    theo = workspace.influencers["theo-rousseau"].card.networks
    expected = (theo["instagram"].followers * Decimal("0.031") + theo["youtube"].followers * Decimal("0.024")) / (
        theo["instagram"].followers + theo["youtube"].followers)
    raw = numbers.components["theo-rousseau"]
    assert raw.values["engagement_rate"] == expected
    assert [(p.source, p.on) for p in raw.declared["engagement_rate"]] == [("media kit", date(2026, 11, 5))]
    # reach per post: the mean of the networks' declared average reach, else average views
    assert raw.values["average_reach"] == (Decimal(41000) + Decimal(38000)) / 2


def test_a_score_needs_its_minimum_and_says_what_it_rests_on(demo: Path) -> None:
    _, numbers = _numbers(demo)
    for topic, scores in numbers.scores.items():
        for who, score in scores.items():
            assert score.of == 5
            assert (score.score is None) == (score.rests_on < 3), (topic, who)


def test_fuller_scores_rank_first(demo: Path) -> None:
    _, numbers = _numbers(demo)
    for topic, scores in numbers.scores.items():
        order = [(s.score is None, -s.rests_on) for _, s in ranking(scores)]
        assert order == sorted(order), topic
    # In écologie Théo Rousseau's score, on 3 components, is higher than two scores on 5, and comes after them.
    ecology = ranking(numbers.scores["écologie"])
    theo = next(i for i, (who, _) in enumerate(ecology) if who == "theo-rousseau")
    fuller = [s for _, s in ecology[:theo] if s.rests_on == 5]
    assert fuller and all(s.score < ecology[theo][1].score for s in fuller)


def test_the_followers_only_prospect_no_longer_leads(demo: Path) -> None:
    """The issue's case: a prospect known by her follower count alone ranked first of her topic at 100."""
    workspace, numbers = _numbers(demo)
    followers_only = {who for who, raw in numbers.components.items()
                      if [c for c, v in raw.values.items() if v is not None] == ["reach"]}
    assert "elodie-garcia" in followers_only
    for topic, scores in numbers.scores.items():
        first, score = ranking(scores)[0]
        assert first not in followers_only, topic
        assert score.score is not None, topic


def test_the_minimum_is_the_workspaces_to_choose() -> None:
    assert Settings(agency="A", score={"minimum": 1}).score.minimum == 1
    with pytest.raises(ValueError, match="cannot rest on 6 components"):
        Settings(agency="A", score={"minimum": 6})
    # a component that weighs nothing is not one a score can rest on
    with pytest.raises(ValueError, match="cannot rest on 5 components: there are 4"):
        Settings(agency="A", score={"minimum": 5, "cpe": 0})


def test_the_comparison_page_says_how_many_components(site: Path) -> None:
    page = _page(site, "comparison/ecologie.html")
    rows = page.select("table.pb-comparison tbody tr")
    said = [re.search(r"(\d) critères? sur (\d)", row.select("td")[2].get_text(" ")).groups() for row in rows]
    assert [int(rests_on) for rests_on, _ in said] == [int(row["data-rests-on"]) for row in rows]
    assert {of for _, of in said} == {"5"}
    theo = page.select_one("tr[data-influencer=theo-rousseau]")
    assert "déclaré · media kit, 5 novembre 2026" in theo.get_text(" ", strip=True)
    # no rank is given to a row without a score
    for row in rows:
        has_score = row.select("td")[2].contents[0].get_text().strip() != "non disponible"
        assert bool(row.select("td")[0].get_text(strip=True)) == has_score


def test_the_card_shows_declared_and_tracked_side_by_side(site: Path) -> None:
    page = _page(site, "influencers/lea-fontaine.html")
    instagram = page.select_one("table.pb-frequency tr[data-network=instagram]").select("td")
    assert "par semaine" in instagram[1].get_text() and "déclaré · media kit" in instagram[1].get_text(" ")
    assert re.search(r"\d+ publications? sur 13 semaines", instagram[2].get_text())
    readings = page.select("table.pb-declared-figures tbody tr")
    assert readings and all("media kit" in row.select("td")[1].get_text() for row in readings)


def test_a_client_sees_the_declared_rate_of_a_cast_prospect(built_demo: Path) -> None:
    """A client reading the roster of an upcoming campaign sees each cast influencer's engagement rate."""
    roster = _page(built_demo / "site" / "client-herbier-de-lure", "campaigns/rituel-hiver-2027/roster.html")
    theo = roster.select_one("table.pb-cast tr[data-influencer=theo-rousseau]").select("td")
    assert re.search(r"2,9\s%", theo[2].get_text()) and "déclaré · media kit, 5 novembre 2026" in theo[2].get_text(" ")
    lea = roster.select_one("table.pb-cast tr[data-influencer=lea-fontaine]").select("td")
    assert "%" in lea[2].get_text() and "déclaré" not in lea[2].get_text()
