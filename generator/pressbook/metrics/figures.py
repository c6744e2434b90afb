"""Per-post figures and their rollups, exactly as SPEC §3 writes them.

An unknown value is None, never zero; a figure that cannot be computed (nothing known, a division by
zero, no cost) is None and reads "n/a". Every figure carries how many posts it rests on, and whether
an estimated value went into it. Nothing is rounded here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter, methodcaller
from datetime import date
from decimal import Decimal
from typing import Sequence

from ..model import METRIC_NAMES, Campaign, Post, Settings, Workspace
from ..model.metrics_table import ESTIMATED, MetricsTable

Number = int | Decimal
COUNTS = METRIC_NAMES  # impressions … revenue: summed over the posts where they are known
COST_METRICS = ("cpm", "cpe", "cpv")


@dataclass(frozen=True)
class Figure:
    value: Number | None
    rests_on: int  # how many posts the figure rests on
    of: int  # out of how many posts
    estimated: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Reading:
    """A metric of one post: its value at the latest date it is known, and whether that was an estimate."""

    value: Number
    on: date
    estimated: bool


@dataclass(frozen=True)
class PostFigures:
    post: Post
    campaign: str
    readings: dict[str, Reading]
    engagements: Reading | None
    basis: Reading | None
    # The readings, engagements and basis in one mapping, for rollups over many posts.
    values: dict[str, Reading] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        values = dict(self.readings)
        if self.engagements is not None:
            values["engagements"] = self.engagements
        if self.basis is not None:
            values["basis"] = self.basis
        object.__setattr__(self, "values", values)

    def get(self, metric: str) -> Reading | None:
        return self.values.get(metric)


def latest_readings(table: MetricsTable) -> dict[str, dict[str, Reading]]:
    """post id → metric → its value at the latest date where it is known (SPEC §1.7)."""
    if "latest_readings" not in table.derived:
        table.derived["latest_readings"] = _latest_readings(table)
    return table.derived["latest_readings"]  # type: ignore[return-value]


def _latest_readings(table: MetricsTable) -> dict[str, dict[str, Reading]]:
    on: dict[int, date] = {}
    result: dict[str, dict[str, Reading]] = {}
    days, sources = table.days, table.sources
    for metric, rows in table.latest_rows().items():
        for post, row in rows.items():
            day = days[row]
            when = on.get(day) or on.setdefault(day, table.day(row))
            result.setdefault(post, {})[metric] = Reading(table.value(metric, row), when, sources[row] == ESTIMATED)
    return result


def post_figures(workspace: Workspace, campaign: Campaign) -> list[PostFigures]:
    settings = workspace.settings
    latest = latest_readings(campaign.metrics)
    figures = []
    for post in campaign.posts:
        readings = latest.get(post.id, {})
        figures.append(PostFigures(post, campaign.id, readings, _engagements(readings, settings),
                                   _basis(workspace, post, readings, settings)))
    return figures


def _engagements(readings: dict[str, Reading], settings: Settings) -> Reading | None:
    total, on, estimated, known = 0, date.min, False, False
    for action in settings.engagement.actions:
        reading = readings.get(action)
        if reading is not None:
            total += reading.value
            on = max(on, reading.on)
            estimated = estimated or reading.estimated
            known = True
    return Reading(total, on, estimated) if known else None


def _basis(workspace: Workspace, post: Post, readings: dict[str, Reading], settings: Settings) -> Reading | None:
    basis = settings.engagement.basis
    if basis != "followers":
        return readings.get(basis)
    card = workspace.influencers.get(post.influencer)
    account = card.card.networks.get(post.network) if card else None
    if account is None:
        return None
    return Reading(account.followers, account.followers_on or date.min, False)


def engagement_rate(figures: PostFigures) -> Figure:
    return pooled([figures], "engagements", "basis")


def pooled(items: Sequence[PostFigures], numerator: str, denominator: str, scale: int = 1) -> Figure:
    """Σ numerator / Σ denominator over the posts where both are known; never an average of rates."""
    top = bottom = 0
    used = 0
    estimated = False
    for values in map(_values, items):
        above, below = values.get(numerator), values.get(denominator)
        if above is None or below is None:
            continue
        top += above.value
        bottom += below.value
        used += 1
        estimated = estimated or above.estimated or below.estimated
    if used == 0 or bottom == 0:
        return Figure(None, used, len(items), estimated)
    return Figure(Decimal(top) * scale / Decimal(bottom), used, len(items), estimated)


def total(items: Sequence[PostFigures], metric: str) -> Figure:
    known = list(filter(None, map(methodcaller("get", metric), map(_values, items))))
    if not known:
        return Figure(None, 0, len(items))
    return Figure(sum(map(_value, known)), len(known), len(items), any(map(_estimated, known)))


_values = attrgetter("values")
_value = attrgetter("value")
_estimated = attrgetter("estimated")


def per_cost(cost: Decimal | None, count: Figure, scale: int = 1) -> Figure:
    """cost / Σ count (× scale): None without a cost, or when nothing was counted."""
    if cost is None or not count.value:
        return Figure(None, count.rests_on, count.of, count.estimated)
    return Figure(cost * scale / Decimal(count.value), count.rests_on, count.of, count.estimated)


def rollup(items: Sequence[PostFigures], cost: Decimal | None) -> dict[str, Figure]:
    """Every figure of SPEC §3.2 over a set of posts (a campaign, an influencer, a network, a client)."""
    figures = {"posts": Figure(len(items), len(items), len(items))}
    for metric in (*COUNTS, "engagements"):
        figures[metric] = total(items, metric)
    figures["engagement_rate"] = pooled(items, "engagements", "basis")
    figures["ctr"] = pooled(items, "clicks", "impressions")
    figures["conversion_rate"] = pooled(items, "conversions", "clicks")
    figures["cpm"] = per_cost(cost, figures["impressions"], 1000)
    figures["cpe"] = per_cost(cost, figures["engagements"])
    figures["cpv"] = per_cost(cost, figures["views"])
    revenue = figures["revenue"]
    if cost and revenue.value is not None:
        figures["roas"] = Figure(Decimal(revenue.value) / cost, revenue.rests_on, revenue.of, revenue.estimated)
    else:
        figures["roas"] = Figure(None, revenue.rests_on, revenue.of, revenue.estimated)
    return figures


def attainment(metric: str, actual: Figure, target: Number) -> Decimal | None:
    """actual / target; target / actual for the cost metrics, where lower is better (SPEC §3.6)."""
    if actual.value is None:
        return None
    if metric in COST_METRICS:
        return Decimal(target) / Decimal(actual.value) if actual.value else None
    return Decimal(actual.value) / Decimal(target) if target else None
