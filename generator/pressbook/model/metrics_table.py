"""metrics.csv held by column: a million snapshots in about a hundred megabytes.

Each row of the file is one snapshot (SPEC §1.7). Counters are kept in arrays, -1 standing for
unknown; revenue (money) as codes into its distinct amounts, kept as exact decimal text (Decimals are
slow to pass between processes); dates as ordinals. `MetricsSnapshot` remains the declaration
of the columns; `rows()` gives them back as such for the few readers that want objects.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Iterator, Sequence

from .campaign import METRIC_NAMES, MetricsSnapshot

COUNTERS = tuple(name for name in METRIC_NAMES if name != "revenue")
SOURCES = ("measured", "creator_reported", "estimated")
UNKNOWN = -1
ESTIMATED = SOURCES.index("estimated")


@dataclass
class MetricsTable:
    posts: list[str] = field(default_factory=list)
    days: array = field(default_factory=lambda: array("i"))
    counters: dict[str, array] = field(default_factory=lambda: {name: array("q") for name in COUNTERS})
    revenue_codes: array = field(default_factory=lambda: array("i"))
    revenue_texts: list[str] = field(default_factory=list)
    sources: bytearray = field(default_factory=bytearray)
    lines: array = field(default_factory=lambda: array("i"))
    # metric → post → the row of its latest known value, and post → its first day; made once, where
    # the table is read.
    latest: dict[str, dict[str, int]] | None = None
    first: dict[str, int] | None = None
    # What later stages derive from the table alone, by name, kept with it: one table serves every
    # site's numbers, and the preview keeps the tables of unchanged files from one save to the next.
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.posts)

    def __bool__(self) -> bool:
        return bool(self.posts)

    def value(self, metric: str, index: int) -> int | Decimal | None:
        if metric == "revenue":
            code = self.revenue_codes[index]
            return None if code == UNKNOWN else Decimal(self.revenue_texts[code])
        value = self.counters[metric][index]
        return None if value == UNKNOWN else value

    def day(self, index: int) -> date:
        return date.fromordinal(self.days[index])

    def estimated(self, index: int) -> bool:
        return self.sources[index] == ESTIMATED

    def latest_rows(self) -> dict[str, dict[str, int]]:
        """For each metric, each post's row with the latest date where the metric is known (the later row
        of the file on a tie). Rows are ordered by date once; a metric unknown in some post's latest row
        gets a second pass over the rows where it is known."""
        if self.latest is not None:
            return self.latest
        days, posts = self.days, self.posts
        order = sorted(range(len(self)), key=days.__getitem__)
        latest_row = dict(zip(map(posts.__getitem__, order), order))
        backwards = order[::-1]
        self.first = dict(zip(map(posts.__getitem__, backwards), map(days.__getitem__, backwards)))
        result = {}
        for metric in METRIC_NAMES:
            column = self.revenue_codes if metric == "revenue" else self.counters[metric]
            rows = latest_row
            if any(column[row] == UNKNOWN for row in latest_row.values()):
                known = [i for i in order if column[i] != UNKNOWN]
                rows = dict(zip(map(posts.__getitem__, known), known))
            result[metric] = rows
        self.latest = result
        return result

    def first_days(self) -> dict[str, int]:
        """Each post's earliest snapshot, as a day ordinal."""
        if self.first is None:
            self.latest = None
            self.latest_rows()
        assert self.first is not None
        return self.first

    def rows(self) -> Iterator[MetricsSnapshot]:
        for index in range(len(self)):
            yield MetricsSnapshot.model_construct(
                post=self.posts[index], date=self.day(index), source=SOURCES[self.sources[index]],
                **{metric: self.value(metric, index) for metric in METRIC_NAMES})

    def extend(self, other: "MetricsTable") -> None:
        self.latest = self.first = None
        self.derived.clear()
        self.posts.extend(other.posts)
        self.days.extend(other.days)
        for name in COUNTERS:
            self.counters[name].extend(other.counters[name])
        offset = len(self.revenue_texts)
        self.revenue_texts.extend(other.revenue_texts)
        self.revenue_codes.extend(code if code == UNKNOWN else code + offset for code in other.revenue_codes)
        self.sources.extend(other.sources)
        self.lines.extend(other.lines)

    def add_revenue(self, amounts: Sequence[Decimal | None]) -> None:
        codes: dict[Decimal, int] = {}
        for amount in amounts:
            if amount is None:
                self.revenue_codes.append(UNKNOWN)
                continue
            if amount not in codes:
                codes[amount] = len(self.revenue_texts)
                self.revenue_texts.append(format(amount, "f"))
            self.revenue_codes.append(codes[amount])

    @classmethod
    def from_snapshots(cls, snapshots: Sequence[MetricsSnapshot], lines: Sequence[int] = ()) -> "MetricsTable":
        table = cls()
        for index, snapshot in enumerate(snapshots):
            table.posts.append(snapshot.post)
            table.days.append(snapshot.date.toordinal())
            for name in COUNTERS:
                value = getattr(snapshot, name)
                table.counters[name].append(UNKNOWN if value is None else value)
            table.add_revenue([snapshot.revenue])
            table.sources.append(SOURCES.index(snapshot.source))
            table.lines.append(lines[index] if lines else index + 2)
        return table
