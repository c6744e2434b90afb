"""Figures over time, for the charts: cumulative counters of a campaign, mentions, reach by month."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Sequence
from zoneinfo import ZoneInfo

from ..model import Mention
from ..model.metrics_table import UNKNOWN, MetricsTable
from .figures import PostFigures


def cumulative(table: MetricsTable, metric: str) -> list[tuple[date, int]]:
    """Σ over posts of each post's latest known value on each snapshot date (values carried forward)."""
    by_date: dict[int, dict[str, int]] = {}
    column = table.counters[metric]
    for post, day, value in zip(table.posts, table.days, column):
        if value != UNKNOWN:
            by_date.setdefault(day, {})[post] = value
    current: dict[str, int] = {}
    series = []
    for day in sorted(by_date):
        current.update(by_date[day])
        series.append((date.fromordinal(day), sum(current.values())))
    return series


def sentiment_by_date(mentions: Iterable[Mention]) -> list[tuple[date, str, int]]:
    counts: dict[tuple[date, str], int] = {}
    for mention in mentions:
        key = (mention.date, mention.sentiment)
        counts[key] = counts.get(key, 0) + 1
    return [(day, sentiment, n) for (day, sentiment), n in sorted(counts.items())]


def negative_surges(mentions: Sequence[Mention], threshold: int = 3) -> list[tuple[date, int]]:
    """Days with at least `threshold` negative mentions and more than twice the daily average of the others."""
    negative = [(day, n) for day, sentiment, n in sentiment_by_date(mentions) if sentiment == "negative"]
    if not negative:
        return []
    surges = []
    for day, n in negative:
        others = [m for d, m in negative if d != day]
        average = sum(others) / len(others) if others else 0
        if n >= threshold and n > 2 * average:
            surges.append((day, n))
    return surges


def reach_by_month(items: Iterable[PostFigures], zone: ZoneInfo) -> list[tuple[str, int, int]]:
    """(YYYY-MM, Σ reach, posts with a known reach) by month of publication."""
    months: dict[str, list[int]] = {}
    for item in items:
        reach = item.get("reach")
        month = item.post.published_on(zone).strftime("%Y-%m")
        months.setdefault(month, [])
        if reach is not None:
            months[month].append(int(reach.value))
    return [(month, sum(values), len(values)) for month, values in sorted(months.items())]
