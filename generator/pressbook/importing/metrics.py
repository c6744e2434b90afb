"""Post statistics exported by a platform or a tool → snapshots appended to a campaign's metrics.csv.

Each row of the export is matched to a post of the campaign (post_matching.py), its figures read as
metrics.csv's counters, and dated: by its own `date` column, else the export's date (--date, or the
mapping's `date_column`). Rows already in metrics.csv with the same figures are skipped, so that
importing a file twice changes nothing; a row that would contradict one, or that metrics.csv could
not hold (two for a post and day, one before the post's publication), is an error at its cell of the
export, and nothing is written while one stands.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..loading.csv_values import CellError
from ..messages import Message, listed, quoted, says
from ..model import MetricsSnapshot
from ..model.amounts import LARGEST_COUNT, count_too_large
from ..model.campaign import METRIC_NAMES
from ..model.metrics_table import SOURCES, MetricsTable
from ..problems import Location, Problem
from ..validation.suggestions import did_you_mean
from ..validation.tables import cell_reader
from ..validation.workspace import load_workspace
from .mapping import LoadedMapping, find_columns, headers_of, load_mapping
from .metrics_file import MetricsFile, open_metrics_file
from .post_matching import Keys, PostIndex
from .sheet import Sheet, cell_problem, count_of, date_of, header_key, read_sheet, text_of

KEY_FIELDS = ("post", "url", "platform_id", "handle", "published", "date")
FIELDS = KEY_FIELDS + METRIC_NAMES
COUNT_DIGITS = len(str(LARGEST_COUNT))
# Hints that look for the closest post compare the row with every post: the first ones get one.
CLOSEST_HINTS = 100

Value = int | Decimal | None


@dataclass(slots=True)
class Reading:
    """One row of the export, read and matched."""

    line: int
    post: str
    day: date
    values: dict[str, Value]  # the metrics the mapping names: a number, or None (unknown)


@dataclass
class MetricsPlan:
    """What an import would do to one campaign's metrics.csv."""

    path: str  # content/campaigns/<id>/metrics.csv
    campaign: str
    source: str  # measured, creator_reported or estimated
    export: str  # the export's file, as named on the command line
    before: str | None = None  # the file's text now (None: there is none)
    after: str | None = None  # its text after the import; None when it does not change
    data: bytes | None = None  # the bytes to write, in the file's own encoding and line ends
    added: int = 0
    present: int = 0  # rows of the export metrics.csv already holds
    left_out: int = 0  # rows that match no post, left out at the user's request
    blank: int = 0  # rows without a single figure: nothing to add
    columns_added: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def summary(self, written: bool) -> list[Message]:
        """What the import did (or would do), the last line counting the snapshots."""
        lines = []
        if self.left_out:
            lines.append(says("import.metrics.left-out", n=self.left_out))
        if self.blank:
            lines.append(says("import.metrics.blank", n=self.blank))
        if self.columns_added:
            lines.append(says("import.metrics.columns-added", path=self.path, columns=listed(self.columns_added)))
        counts = dict(file=self.export, path=self.path, source=self.source,
                      present=says("import.metrics.present", n=self.present))
        lines.append(says("import.metrics.summary-written", added=says("import.metrics.added", n=self.added), **counts)
                     if written else
                     says("import.metrics.summary-dry", added=says("import.metrics.to-add", n=self.added), **counts))
        return lines


def import_metrics(root: Path, export: Path, shown: str, spec: str, campaign_id: str, day: date | None,
                   problems: list[Problem], skip_unmatched: bool = False) -> MetricsPlan | None:
    """What importing the export at `export` (named `shown` on the command line) through the mapping
    `spec` would do to the metrics.csv of `campaign_id`; None, and problems, when it cannot be done."""
    loaded = load_mapping(spec, "metrics", FIELDS, problems)
    if loaded is None:
        return None
    source = loaded.mapping.source or "measured"
    if source not in SOURCES:
        problems.append(Problem(loaded.at("source"), "error", "schema.value",
                                says("import.metrics.source", found=quoted(source), choices=listed(SOURCES, "or")),
                                says("import.metrics.source.hint"), key="source"))
        return None
    workspace, found = load_workspace(root)
    if workspace is None:  # its errors first: what the import writes must pass `check`
        problems += [problem for problem in found if problem.severity == "error"]
        return None
    campaign = workspace.campaigns.get(campaign_id)
    if campaign is None:
        problems.append(Problem(Location(f"content/campaigns/{campaign_id}"), "error", "file.missing",
                                says("import.metrics.unknown-campaign", id=campaign_id),
                                did_you_mean(campaign_id, workspace.campaigns)))
        return None
    if not campaign.posts:
        problems.append(Problem(Location(f"{campaign.folder}/posts.csv"), "error", "file.missing",
                                says("import.metrics.no-posts", id=campaign_id), says("import.metrics.no-posts.hint")))
        return None
    sheet = read_sheet(export, problems, shown)
    if sheet is None:
        return None
    columns = find_columns(loaded, sheet, problems, date_given=day is not None)
    if columns is None:
        return None
    if not _enough_columns(sheet, loaded, columns, day, problems):
        return None
    plan = MetricsPlan(f"{campaign.folder}/metrics.csv", campaign_id, source, shown)
    zone = ZoneInfo(workspace.settings.timezone)
    index = PostIndex(campaign.posts, workspace.influencers, zone, loaded.mapping.network)
    existing = open_metrics_file(root, plan.path, workspace.settings.csv.decimal)
    new = _read(sheet, loaded, columns, index, day, workspace.settings.language == "fr", plan, skip_unmatched,
                campaign.metrics, existing)
    problems += plan.problems
    if plan.problems:
        return None
    plan.before = existing.text
    if new:
        brought = tuple(name for name in METRIC_NAMES if name in columns)
        plan.after, plan.data, plan.columns_added = existing.with_rows(new, brought, source)
    return plan


def _read(sheet: Sheet, loaded: LoadedMapping, columns: dict[str, int], index: PostIndex, day: date | None,
          french: bool, plan: MetricsPlan, skip_unmatched: bool, table: MetricsTable,
          existing: MetricsFile) -> list[Reading]:
    """The rows metrics.csv does not hold yet, sorted; problems and counts go to `plan`."""
    mapping = loaded.mapping
    skips = _skips(loaded, columns)
    metrics = [(name, columns[name]) for name in METRIC_NAMES if name in columns]
    keyed = [name for name in ("post", "url", "platform_id", "handle") if name in columns]
    readers = _Readers(sheet.decimal, french)
    # What metrics.csv holds, by (post, day); and the rows of the export seen so far, by the same.
    held = {(post, day): row for row, (post, day) in enumerate(zip(table.posts, table.days))}
    seen: dict[tuple[str, int], int] = {}
    new: list[Reading] = []
    hints = 0
    for row in sheet.rows:
        if any(header_key(text_of(row.cell(column) or "")) in words for column, words in skips):
            continue
        problems: list[Problem] = []

        def at(name: str | None) -> Location:
            return Location(sheet.path, row.line, row.column(columns[name]) if name in columns else 1)

        def text(name: str) -> str | None:
            cell = row.cell(columns.get(name))
            return None if cell is None else text_of(cell)

        def day_of(name: str) -> date | None:
            cell = row.cell(columns.get(name))
            if cell is None:
                return None
            try:
                return date_of(cell, mapping.date_format)
            except CellError as error:
                problems.append(cell_problem(sheet, row, columns[name], error, name))
                return None

        keys = Keys(post=text("post"), url=text("url"), platform_id=text("platform_id"), handle=text("handle"),
                    published=day_of("published"))
        values: dict[str, Value] = {}
        for name, column in metrics:
            try:
                values[name] = readers.read(name, row.cell(column))
            except CellError as error:
                problems.append(cell_problem(sheet, row, column, error, name))
        # The snapshot's date: the row's own, else the export's (--date, else its date column).
        dated_by = "date" if row.cell(columns.get("date")) is not None else None if day is not None else "date_column"
        snapshot_day = day_of(dated_by) if dated_by else day
        if snapshot_day is None and not any(problem.key in ("date", "date_column") for problem in problems):
            problems.append(Problem(at(dated_by if dated_by in columns else "date"), "error", "csv.date",
                                    says("import.no-date"),
                                    says("import.metrics.no-date.hint"), key="date"))
        match = index.match(keys)
        if match.post is None and not match.among:
            if skip_unmatched:
                plan.left_out += 1
                continue
            hints += 1
            problems.append(Problem(at(keyed[0]), "error", "ref.unknown-post",
                                    says("import.metrics.no-match", campaign=plan.campaign),
                                    _closest(index, keys) if hints <= CLOSEST_HINTS else
                                    says("import.metrics.no-match.hint"), key=keyed[0]))
        elif match.post is None:
            problems.append(Problem(at(match.by), "error", "ref.ambiguous-post",
                                    says("import.metrics.two-matches", posts=listed(match.among)),
                                    says("import.metrics.two-matches.hint"), key=match.by))
        elif snapshot_day is not None and snapshot_day < index.days[match.post]:
            problems.append(Problem(at(dated_by), "error", "metrics.before-publication",
                                    says("ref.before-publication", day=snapshot_day, id=match.post,
                                         published=index.days[match.post]),
                                    says("import.metrics.before-publication.hint"), key="date"))
        if problems:
            plan.problems.extend(problems)
            continue
        assert match.post is not None and snapshot_day is not None
        if all(value is None for value in values.values()):
            plan.blank += 1  # a row without a figure says nothing, and contradicts nothing
            continue
        key = (match.post, snapshot_day.toordinal())
        if key in seen:
            plan.problems.append(Problem(at(dated_by), "error", "metrics.duplicate",
                                         says("metrics.duplicate", post=match.post, day=snapshot_day),
                                         says("metrics.duplicate.hint", line=seen[key]), key="date"))
            continue
        seen[key] = row.line
        line = held.get(key)
        if line is None:
            new.append(Reading(row.line, match.post, snapshot_day, values))
            continue
        differing = [name for name, value in values.items() if table.value(name, line) != value]
        if not differing and SOURCES[table.sources[line]] == plan.source:
            plan.present += 1
            continue
        name = differing[0] if differing else "source"
        old, found = (table.value(name, line), values[name]) if differing else (SOURCES[table.sources[line]],
                                                                                 plan.source)
        plan.problems.append(Problem(at(name if differing else dated_by), "error", "metrics.duplicate",
                                     says("import.metrics.conflict", post=match.post, day=snapshot_day, metric=name,
                                          old=_shown(old), new=_shown(found)),
                                     says("import.metrics.conflict.hint", path=existing.path,
                                          line=table.lines[line]), key=name))
    plan.added = len(new)
    return sorted(new, key=lambda reading: (reading.post, reading.day))


def _closest(index: PostIndex, keys: Keys) -> Message:
    """A hint: the post most like what the row says."""
    post = index.posts.get(index.closest(keys) or "")
    if post is None:
        return says("import.metrics.no-match.hint")
    if post.url:
        return says("import.metrics.closest", id=post.id, url=post.url, day=index.days[post.id])
    return says("import.metrics.closest-no-url", id=post.id, day=index.days[post.id])


def _enough_columns(sheet: Sheet, loaded: LoadedMapping, columns: dict[str, int], day: date | None,
                    problems: list[Problem]) -> bool:
    """Whether the export has a column that tells the post, one of figures, and a date (or --date)."""
    before = len(problems)
    where = Location(sheet.path, 1, 1)
    if not (columns.keys() & {"post", "url", "platform_id"} or columns.keys() >= {"handle", "published"}):
        problems.append(Problem(where, "error", "csv.header", says("import.metrics.no-key"),
                                says("import.metrics.no-key.hint", columns=_headers(loaded, KEY_FIELDS[:5]))))
    if not columns.keys() & set(METRIC_NAMES):
        problems.append(Problem(where, "error", "csv.header", says("import.metrics.no-figures"),
                                says("import.metrics.no-figures.hint", columns=_headers(loaded, METRIC_NAMES))))
    if "date" not in columns and "date_column" not in columns and day is None:
        problems.append(Problem(where, "error", "csv.header", says("import.no-date"),
                                says("import.metrics.no-date.hint")))
    return len(problems) == before


def _headers(loaded: LoadedMapping, fields: tuple[str, ...]) -> Any:
    """The headers the mapping reads for `fields`, for a hint."""
    names = [quoted(header) for name in fields if name in loaded.mapping.columns
             for header in headers_of(loaded.mapping.columns[name])]
    return listed(names, "or") if names else says("import.metrics.unmapped")


def _shown(value: Any) -> Any:
    return says("import.metrics.unknown") if value is None else quoted(value)


class _Readers:
    """Cells → metrics.csv's values, as `check` reads them: counts as the import reads counts (12.5K
    refused with the number to write), revenue as check reads an amount; numbers typed by a workbook
    pass the same checks."""

    def __init__(self, decimal: str, french: bool):
        revenue = MetricsSnapshot.model_fields["revenue"]
        self.decimal = decimal
        self.revenue = cell_reader(revenue, decimal, french, ZoneInfo("UTC"))
        self.typed_revenue = cell_reader(revenue, ".", french, ZoneInfo("UTC"))

    def read(self, name: str, cell: Any) -> Value:
        if cell is None:
            return None
        if name == "revenue":
            if isinstance(cell, (int, Decimal)) and not isinstance(cell, bool):
                return self.typed_revenue(text_of(cell))
            return self.revenue(text_of(cell))
        if type(cell) is str and cell.isascii() and cell.isdigit() and len(cell) <= COUNT_DIGITS:
            return int(cell)  # the common case, first
        if type(cell) is int and 0 <= cell <= LARGEST_COUNT:
            return cell
        value = count_of(cell, self.decimal)
        if value > LARGEST_COUNT:
            raise CellError(*count_too_large(quoted(text_of(cell))), "schema.value")
        return value


def _skips(loaded: LoadedMapping, columns: dict[str, int]) -> list[tuple[int, set[str]]]:
    """The mapping's `skip_rows_where`: (column, the words that make a row no post: a total)."""
    return [(columns[name], {header_key(word) for word in headers_of(words)})
            for name, words in loaded.mapping.skip_rows_where.items() if name in columns]
