"""metrics.csv read by column, fast enough for a million rows.

A file without quotes or blank lines is read in chunks of lines; each column of a chunk is checked and
converted at once (a column of plain digits becomes an array of whole numbers in one call). A chunk
with anything unusual — grouped thousands, a bad cell, a missing one, a short row — is read again row
by row by the general reader, which says exactly where each problem is. Both ways give the same values.
"""
from __future__ import annotations

import functools
import json
import multiprocessing
import os
import re
import sys
from operator import add
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator
from array import array
from decimal import Decimal

from ..loading.csv_tables import Row, Table, TableText, iter_rows, open_table
from ..loading.csv_values import CellError, parse_date, parse_decimal
from ..model import MetricsSnapshot
from ..model.amounts import LARGEST_COUNT, fits_numbers
from ..model.metrics_table import COUNTERS, SOURCES, UNKNOWN, MetricsTable
from ..messages import says
from ..problems import Location, Problem
from .tables import check_header, read_rows

CHUNK = 65536
_POST_ID = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\Z")
_SOURCE_INDEX = {"": 0, **{name: index for index, name in enumerate(SOURCES)}}


class _Unusual(Exception):
    """This chunk needs the row-by-row reader."""


def read_metrics(source: TableText, *, french: bool, timezone: str, problems: list[Problem]) -> MetricsTable:
    table = MetricsTable()
    columns = check_header(MetricsSnapshot, source.path, source.header, source.header_columns, problems)
    if columns is None:
        return table
    text = source.text  # line ends made "\n" by open_table
    body = text.partition("\n")[2].rstrip("\n") + "\n"
    width = len(source.header)
    # Without quotes or blank lines, a line is a row and its cells are what lies between separators.
    if '"' in text or "\n\n" in body:
        _slow(table, source, iter_rows(source), french, timezone, problems)
        return table
    separator = source.separator
    line = 2
    for chunk in _chunks(body) if body != "\n" else ():
        count = chunk.count("\n")
        try:
            cells = chunk.replace("\n", separator).split(separator)
            cells.pop()  # after the chunk's last line break
            # A row with a cell too many or too few shifts the columns after it: the checks of the
            # post, date and number columns then fail, and the chunk is read row by row.
            if len(cells) != width * count:
                raise _Unusual
            _fast(table, [cells[k::width] for k in range(width)], line, count, columns, source, french)
        except _Unusual:
            # As the general reader does, a row of blank cells is no row.
            rows = [Row(line + offset, entry.split(separator), entry, separator)
                    for offset, entry in enumerate(chunk.split("\n")[:-1]) if entry.strip(separator + " \t")]
            _slow(table, source, rows, french, timezone, problems)
        line += count
    return table


def _chunks(body: str) -> Iterator[str]:
    """The rows, CHUNK lines at a time; each chunk ends with a line break, as `body` does."""
    if body.count("\n") <= CHUNK:
        yield body
        return
    lines = body.split("\n")[:-1]
    for start in range(0, len(lines), CHUNK):
        yield "\n".join(lines[start:start + CHUNK]) + "\n"


def _slow(table: MetricsTable, source: TableText, rows: Iterable[Row], french: bool, timezone: str,
          problems: list[Problem]) -> None:
    sub = Table(source.path, source.separator, source.decimal, source.header, source.header_columns, list(rows))
    good = read_rows(MetricsSnapshot, sub, french=french, timezone=timezone, problems=problems, header_checked=True)
    table.extend(MetricsTable.from_snapshots([snapshot for _, snapshot in good], [line for line, _ in good]))


_DIGITS_AND_COMMAS = b"0123456789,"


# The same dates and amounts recur from one file to the next: each is read once per process.
@functools.lru_cache(maxsize=65536)
def _ordinal(text: str, french: bool) -> int:
    return parse_date(text, french).toordinal()


@functools.lru_cache(maxsize=65536)
def _amount(text: str, decimal: str) -> Decimal:
    return parse_decimal(text, decimal)


def _counters(columns: list[list[str] | None], count: int) -> list[array]:
    """The counter columns of a chunk, read together: plain digits, or empty (unknown). Anything else is
    unusual."""
    present = [column for column in columns if column is not None]
    joined = ",".join(map(",".join, present))
    if joined.encode("ascii", "replace").translate(None, _DIGITS_AND_COMMAS):
        raise _Unusual
    if any("" in column for column in present):
        # Empty cells (unknown) become -1: ",," twice over covers runs of them, then both ends.
        joined = joined.replace(",,", ",-1,").replace(",,", ",-1,")
        joined = ("-1" if joined.startswith(",") else "") + joined + ("-1" if joined.endswith(",") else "")
    try:
        # The JSON parser reads a long list of numbers several times faster than int() one by one. What
        # it refuses (leading zeros, thousands of digits) or 64 bits cannot hold is read row by row.
        values = array("q", json.loads(f"[{joined}]"))
    except (ValueError, OverflowError):
        raise _Unusual from None
    if values and max(values) > LARGEST_COUNT:
        raise _Unusual
    result, start = [], 0
    for column in columns:
        if column is None:
            result.append(array("q", [UNKNOWN]) * count)
        else:
            result.append(values[start:start + count])
            start += count
    return result


def _fast(table: MetricsTable, cells_by_column: list[list[str]], line: int, count: int,
          columns: list[tuple[int, str]], source: TableText, french: bool) -> None:
    named = {name: cells_by_column[index] for index, name in columns}
    by_name = {name: named.get(name) for name in MetricsSnapshot.model_fields}
    posts, dates = by_name["post"], by_name["date"]
    if "" in posts or "" in dates:
        raise _Unusual
    if any(not _POST_ID.match(post) for post in set(posts)):
        raise _Unusual
    try:
        ordinals = {text: _ordinal(text, french) for text in set(dates)}
    except CellError:
        raise _Unusual from None
    counters = _counters([by_name[name] for name in COUNTERS], count)
    revenue_codes = array("i", [UNKNOWN]) * count
    revenue_texts: list[str] = []
    if by_name["revenue"] is not None:
        try:
            amounts = {text: _amount(text, source.decimal) for text in sorted(set(by_name["revenue"])) if text}
        except CellError:
            raise _Unusual from None
        if not all(amount >= 0 and fits_numbers(amount) for amount in amounts.values()):
            raise _Unusual
        offset = len(table.revenue_texts)
        codes = {text: offset + number for number, text in enumerate(amounts)}
        codes[""] = UNKNOWN
        revenue_texts = [format(amount, "f") for amount in amounts.values()]
        revenue_codes = array("i", map(codes.__getitem__, by_name["revenue"]))
    sources = bytearray(count)
    if by_name["source"] is not None:
        if not set(by_name["source"]) <= _SOURCE_INDEX.keys():
            raise _Unusual
        sources = bytearray(map(_SOURCE_INDEX.__getitem__, by_name["source"]))
    table.posts.extend(map(sys.intern, posts))
    table.days.extend(map(ordinals.__getitem__, dates))
    for name, column in zip(COUNTERS, counters):
        table.counters[name].extend(column)
    table.revenue_texts.extend(revenue_texts)
    table.revenue_codes.extend(revenue_codes)
    table.sources.extend(sources)
    table.lines.extend(range(line, line + count))


# Above this many bytes of metrics.csv in a workspace, the files are read by other processes, one a
# core, while this one reads the YAML and Markdown files: reading is CPU-bound, and the tables come
# back as compact arrays. Once done with its own files, this process reads the metrics files no
# process has started on. (One process fewer than the cores was measured too: 6.3 s instead of 5.5 s
# for a million rows.) At M's 4 MiB of metrics, the processes took 0.15–0.25 s off a check of
# 1.3–1.45 s; below 2 MiB, starting them would cost about what they save.
PARALLEL_BYTES = 2 * 1024 * 1024


def read_metrics_file(root: Path, path: Path, encoding: str, decimal: str, french: bool,
                      timezone: str) -> tuple[MetricsTable, list[Problem]]:
    problems: list[Problem] = []
    source = open_table(root, path, encoding, decimal, problems)
    if source is None:
        return MetricsTable(), problems
    table = read_metrics(source, french=french, timezone=timezone, problems=problems)
    _check_one_per_day(table, source.path, problems)
    table.latest_rows()  # indexed here, in the reading process, while the main one reads other files
    return table, problems


def _check_one_per_day(table: MetricsTable, path: str, problems: list[Problem]) -> None:
    # One whole number per (post, date), so that a million keys compare quickly.
    code = {post: number << 24 for number, post in enumerate(set(table.posts))}
    keys = list(map(add, map(code.__getitem__, table.posts), table.days))
    if len(set(keys)) == len(keys):
        return
    seen: dict[int, int] = {}
    for index, key in enumerate(keys):
        if key in seen:
            problems.append(Problem(Location(path, table.lines[index], 1), "error", "metrics.duplicate",
                                    says("metrics.duplicate", post=table.posts[index], day=table.day(index)),
                                    says("metrics.duplicate.hint", line=seen[key]), key="date"))
        else:
            seen[key] = table.lines[index]


def start_reading_metrics(root: Path, paths: dict[str, Path], encoding: str, decimal: str, french: bool,
                          timezone: str) -> Callable[[], dict[str, tuple[MetricsTable, list[Problem]]]]:
    """Start reading every campaign's metrics.csv; the function returned gives them, by campaign id.

    Large files are read by a pool of processes while the caller goes on with the other files; small
    ones are read in this process, when asked for."""
    ids = sorted(paths)
    arguments = {i: (root, paths[i], encoding, decimal, french, timezone) for i in ids}
    size = sum(paths[i].stat().st_size for i in ids)
    workers = min(os.cpu_count() or 1, len(ids))
    if size < PARALLEL_BYTES or workers < 2:
        return lambda: {i: read_metrics_file(*arguments[i]) for i in ids}
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    futures = {i: pool.submit(read_metrics_file, *arguments[i]) for i in ids}

    def gather() -> dict[str, tuple[MetricsTable, list[Problem]]]:
        try:
            # From the last file back, while the pool goes on from the first.
            here = {i: read_metrics_file(*arguments[i]) for i in reversed(ids) if futures[i].cancel()}
            return {i: here[i] if i in here else futures[i].result() for i in ids}
        finally:
            pool.shutdown()
    return gather
