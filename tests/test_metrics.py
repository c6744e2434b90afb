"""Each formula of SPEC §3 against values worked out by hand, the unknown and undefined cases included."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pressbook.checking import check_workspace
from pressbook.metrics.compute import compute_numbers
from pressbook.metrics.figures import Figure, attainment, latest_readings, rollup
from pressbook.metrics.influencers import percentile_ranks
from pressbook.model import MetricsSnapshot
from pressbook.model.metrics_table import MetricsTable

TODAY = date(2026, 11, 26)
PARIS = ZoneInfo("Europe/Paris")


def _snapshot(post: str, day: str, **values) -> MetricsSnapshot:
    return MetricsSnapshot.model_construct(post=post, date=date.fromisoformat(day), source=values.pop("source", "measured"),
                                           **{m: values.get(m) for m in MetricsSnapshot.model_fields
                                              if m not in ("post", "date", "source")})


def test_a_metric_is_its_latest_known_value() -> None:
    latest = latest_readings(MetricsTable.from_snapshots([
        _snapshot("a", "2026-02-01", reach=100, likes=10),
        _snapshot("a", "2026-02-03", reach=None, likes=30, source="estimated"),
        _snapshot("a", "2026-02-02", reach=150, likes=20),
    ]))["a"]
    assert (latest["reach"].value, latest["reach"].on, latest["reach"].estimated) == (150, date(2026, 2, 2), False)
    assert (latest["likes"].value, latest["likes"].estimated) == (30, True)
    assert "views" not in latest  # never known: unknown, not zero


def _numbers(workspace_root: Path):
    workspace, problems = check_workspace(workspace_root)
    assert workspace is not None, problems
    return workspace, compute_numbers(workspace, TODAY)


def test_campaign_rollup_of_the_starter(starter: Path) -> None:
    _, numbers = _numbers(starter)
    figures = numbers.campaigns["lancement"]
    # lea-1 on 2026-02-12: likes 1710 + comments 102 + shares 55 + saves 214 = 2081
    # lea-2 on 2026-02-23: 1490 + 77 + 39 + 170 = 1776
    assert figures["engagements"] == Figure(3857, 2, 2)
    # pooled, not averaged: Σ engagements / Σ followers (48 200 on both posts' network)
    assert figures["engagement_rate"].value == Decimal(3857) / Decimal(96400)
    assert figures["impressions"].value == 30500 + 26400
    assert figures["ctr"].value == Decimal(290 + 240) / Decimal(56900)
    assert figures["cpm"].value == Decimal(2500) * 1000 / Decimal(56900)
    assert figures["cpe"].value == Decimal(2500) / Decimal(3857)
    assert figures["cpv"].value == Decimal(2500) / Decimal(28200 + 24100)
    assert figures["conversions"] == Figure(None, 0, 2)
    assert figures["conversion_rate"].value is None  # no conversions known: n/a, not 0
    assert figures["roas"].value is None
    assert numbers.fees["lancement"].value == Decimal(1200)
    assert numbers.margins["lancement"].value == Decimal(1300)


def test_hidden_likes_stay_unknown(starter: Path) -> None:
    metrics = starter / "content" / "campaigns" / "lancement" / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace(",1490,", ",,").replace(",1105,", ",,"),
                       encoding="utf-8")
    _, numbers = _numbers(starter)
    figures = numbers.campaigns["lancement"]
    assert figures["likes"] == Figure(1710, 1, 2)
    assert figures["engagements"].value == 2081 + (77 + 39 + 170)


def test_a_campaign_without_impressions(starter: Path) -> None:
    metrics = starter / "content" / "campaigns" / "lancement" / "metrics.csv"
    header, *rows = [line.split(",") for line in metrics.read_text(encoding="utf-8").splitlines()]
    assert header[2] == "impressions"
    metrics.write_text("\n".join([",".join(header)] + [",".join(r[:2] + [""] + r[3:]) for r in rows]) + "\n",
                       encoding="utf-8")
    _, numbers = _numbers(starter)
    figures = numbers.campaigns["lancement"]
    assert figures["impressions"] == Figure(None, 0, 2)
    assert figures["cpm"].value is None and figures["ctr"].value is None


def test_rollup_of_nothing_is_not_zero() -> None:
    figures = rollup([], Decimal(1000))
    assert figures["posts"].value == 0
    assert all(figures[m].value is None for m in ("reach", "engagement_rate", "cpm", "cpe", "roas"))


def test_engagement_rate_on_reach(starter: Path) -> None:
    settings = starter / "content" / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "engagement:\n  basis: reach\n", encoding="utf-8")
    _, numbers = _numbers(starter)
    assert numbers.campaigns["lancement"]["engagement_rate"].value == Decimal(3857) / Decimal(22100 + 19300)


def test_estimated_values_are_marked(starter: Path) -> None:
    metrics = starter / "content" / "campaigns" / "lancement" / "metrics.csv"
    text = metrics.read_text(encoding="utf-8").splitlines()
    text = [text[0] + ",source"] + [line + (",estimated" if line.startswith("lea-2,2026-02-23") else ",measured")
                                    for line in text[1:]]
    metrics.write_text("\n".join(text) + "\n", encoding="utf-8")
    _, numbers = _numbers(starter)
    assert numbers.campaigns["lancement"]["reach"].estimated
    assert not numbers.influencer_networks["lea-exemple"]["instagram"]["posts"].estimated


@pytest.mark.parametrize("metric, actual, target, expected", [
    ("reach", 50, 40, Decimal("1.25")), ("engagement_rate", Decimal("0.03"), Decimal("0.04"), Decimal("0.75")),
    ("cpe", Decimal("0.5"), Decimal("0.25"), Decimal("0.5")), ("cpm", Decimal(10), Decimal(12), Decimal("1.2")),
    ("reach", None, 40, None), ("cpv", 0, Decimal("0.1"), None),
])
def test_kpi_attainment(metric, actual, target, expected) -> None:
    assert attainment(metric, Figure(actual, 1, 1), target) == expected


def test_percentile_ranks() -> None:
    # a worse than b and c; b equals c: (0 + ½·0)/2 = 0, (1 + ½·1)/2 = 0.75 for b and c
    assert percentile_ranks({"a": Decimal(1), "b": Decimal(2), "c": Decimal(2), "d": None}, False) == {
        "a": Decimal(0), "b": Decimal("0.75"), "c": Decimal("0.75")}
    assert percentile_ranks({"a": Decimal(1), "b": Decimal(2)}, True) == {"a": Decimal(1), "b": Decimal(0)}
    assert percentile_ranks({"alone": Decimal(5)}, False) == {"alone": Decimal(1)}


def test_single_influencer_topic_and_renormalised_weights(starter: Path) -> None:
    workspace, numbers = _numbers(starter)
    score = numbers.scores["beauté"]["lea-exemple"]
    # alone in the topic: every known component ranks 1, so the score is 100 whatever the weights
    assert score.score == Decimal(100)
    # reliability: 2 reels due 2026-02-20, both out by then
    assert score.values["reliability"] == Decimal(1)
    assert score.values["cpe"] == Decimal(1200) / Decimal(3857)


def test_posting_frequency_and_best_posts(starter: Path) -> None:
    _, numbers = _numbers(starter)
    frequency = numbers.frequency["lea-exemple"]["instagram"]
    assert (frequency.per_week, frequency.tracked, frequency.posts) == (Decimal(2) / 13, Decimal(2) / 13, 2)
    best = numbers.best["lea-exemple"]
    assert [item.post.id for item, _ in best] == ["lea-1", "lea-2"]  # 2081/48200 > 1776/48200


def test_score_renormalises_over_known_components() -> None:
    from types import SimpleNamespace

    from pressbook.metrics.influencers import RawComponents, topic_scores
    from pressbook.model import Settings

    # average reach per post weighs nothing here: the score rests on the four others
    settings = Settings(agency="A", score={"engagement_rate": Decimal("0.4"), "reach": Decimal("0.2"), "average_reach": 0,
                                           "cpe": Decimal("0.2"), "reliability": Decimal("0.2")})
    workspace = SimpleNamespace(settings=settings)
    raw = {who: RawComponents(values | {"average_reach": Decimal(7)}, {}) for who, values in {
        "a": {"engagement_rate": Decimal("0.05"), "reach": Decimal(1000), "cpe": Decimal("0.2"), "reliability": None},
        "b": {"engagement_rate": None, "reach": Decimal(3000), "cpe": Decimal("0.4"), "reliability": Decimal(1)},
        "c": {"engagement_rate": Decimal("0.02"), "reach": Decimal(2000), "cpe": None, "reliability": Decimal("0.5")},
    }.items()}
    scores = topic_scores(workspace, ["a", "b", "c"], raw)
    # a: er rank 1 (of a, c), reach 0, cpe 1 (lower is better, of a, b); weights .4 .2 .2 over 0.8
    assert scores["a"].score == (Decimal("0.4") * 1 + Decimal("0.2") * 0 + Decimal("0.2") * 1) / Decimal("0.8") * 100
    # b: reach 1, cpe 0, reliability 1 (of b, c); weights .2 .2 .2 over 0.6
    assert scores["b"].score == (Decimal("0.2") * 1 + Decimal("0.2") * 0 + Decimal("0.2") * 1) / Decimal("0.6") * 100
    # c: er 0, reach ½, reliability 0
    assert scores["c"].score == (Decimal("0.2") * Decimal("0.5")) / Decimal("0.8") * 100
    assert [(scores[w].rests_on, scores[w].of) for w in "abc"] == [(3, 4), (3, 4), (3, 4)]
