"""metrics.csv, up to a million rows: read by column where the file is plain, row by row where it is
not, by a pool of processes when large. Every way gives the same values and the same located problems."""
from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from pressbook.loading.csv_tables import read_table
from pressbook.model import MetricsSnapshot
from pressbook.model.metrics_table import MetricsTable
from pressbook.validation import metrics_reader
from pressbook.validation.tables import read_rows
from pressbook.validation.workspace import load_workspace

HEADER = "post,date,impressions,reach,views,likes,comments,shares,saves,clicks,conversions,revenue,source"


def _row(post: str, day: date, n: int, french_date: bool = False) -> str:
    # Unknown cells fall on the first and last columns of counters, alone and in runs, and on revenue.
    counters = [str(n * 97 % 50000), str(n * 31 % 20000), "" if n % 5 == 0 else str(n * 53 % 40000),
                "" if n % 3 else str(n % 900), str(n % 40), "0", str(n % 7), str(n % 11),
                "" if n % 4 == 1 else str(n % 13)]
    if n % 6 == 0:
        counters[0] = counters[1] = ""
    revenue = "" if n % 2 else f"{n % 300}.{n % 100:02d}"
    source = ("measured", "creator_reported", "estimated", "")[n % 4]
    written = day.strftime("%d/%m/%Y") if french_date else day.isoformat()
    return ",".join([post, written, *counters, revenue, source])


def _plain_file(path: Path, rows: int) -> None:
    start = date(2026, 2, 6)
    lines = [HEADER]
    for n in range(rows):
        lines.append(_row(("lea-1", "lea-2")[n % 2], start + timedelta(days=n // 2), n, french_date=n % 9 == 0))
    lines[1] = ",".join(["lea-1", "2026-02-06", "", *lines[1].split(",")[3:]])  # the very first counter unknown
    lines[-1] = ",".join([*lines[-1].split(",")[:9], "", "", "", "estimated"])  # the very last ones unknown
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _row_by_row(root: Path, path: Path) -> MetricsTable:
    problems: list = []
    table = read_table(root, path, "utf-8", ".", problems)
    good = read_rows(MetricsSnapshot, table, french=True, timezone="Europe/Paris", problems=problems)
    assert problems == []
    return MetricsTable.from_snapshots([snapshot for _, snapshot in good], [line for line, _ in good])


def _by_column(root: Path, path: Path) -> MetricsTable:
    table, problems = metrics_reader.read_metrics_file(root, path, "utf-8", ".", True, "Europe/Paris")
    assert problems == []
    return table


def test_a_plain_file_is_read_by_column_to_the_same_values(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "metrics.csv"
    _plain_file(path, 600)
    expected = _row_by_row(tmp_path, path)

    def no_row_by_row(*args, **kwargs):
        raise AssertionError("a plain file is read by column")
    monkeypatch.setattr(metrics_reader, "_slow", no_row_by_row)
    monkeypatch.setattr(metrics_reader, "CHUNK", 64)  # several chunks, one of them short
    table = _by_column(tmp_path, path)
    assert list(table.rows()) == list(expected.rows())
    assert list(table.lines) == list(expected.lines) == list(range(2, 602))


def test_an_unusual_chunk_is_read_row_by_row_to_the_same_values(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "metrics.csv"
    _plain_file(path, 300)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[150].split(",")
    cells[2] = "12\u202f500"  # grouped thousands, as French Excel writes them
    lines[150] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(metrics_reader, "CHUNK", 64)
    table = _by_column(tmp_path, path)
    assert list(table.rows()) == list(_row_by_row(tmp_path, path).rows())
    assert table.value("impressions", 149) == 12500


def _two_campaigns(starter: Path) -> Path:
    """The starter workspace with a second campaign, so that a pool of readers has two files to share."""
    campaigns = starter / "content" / "campaigns"
    shutil.copytree(campaigns / "lancement", campaigns / "relance")
    for name in ("posts.csv", "metrics.csv"):
        path = campaigns / "relance" / name
        path.write_text(path.read_text(encoding="utf-8").replace("lea-1", "lea-3").replace("lea-2", "lea-4"),
                        encoding="utf-8")
    return campaigns


def _problems(root: Path) -> list[tuple[str, int, int, str]]:
    _, problems = load_workspace(root)
    return sorted((p.location.path, p.location.line, p.location.column, p.code) for p in problems)


def test_problems_of_a_large_file_read_by_a_pool_are_located(starter: Path, monkeypatch) -> None:
    campaigns = _two_campaigns(starter)
    lines = [HEADER] + [_row(post, date(2026, 2, 17) + timedelta(days=n), n) for n in range(400)
                        for post in ("lea-1", "lea-2")]
    lines[100] = lines[99]                                           # line 101: a second snapshot that day
    cells = lines[300].split(",")
    lines[300] = ",".join([*cells[:3], "12k", *cells[4:]])           # line 301: not a number
    lines[500] = ",".join(["lea-1", "2026-02-01", *cells[2:]])       # line 501: before publication
    (campaigns / "lancement" / "metrics.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(metrics_reader, "CHUNK", 128)

    monkeypatch.setattr(metrics_reader, "PARALLEL_BYTES", 1 << 40)
    alone = _problems(starter)
    monkeypatch.setattr(metrics_reader, "PARALLEL_BYTES", 0)
    pooled = _problems(starter)

    path = "content/campaigns/lancement/metrics.csv"
    column = len(",".join(cells[:3])) + 2
    assert pooled == alone == [(path, 101, 1, "metrics.duplicate"), (path, 301, column, "csv.number"),
                               (path, 501, 1, "metrics.before-publication")]


@pytest.mark.parametrize("size", [0, 1 << 40])
def test_the_values_read_by_a_pool_are_those_read_alone(starter: Path, monkeypatch, size: int) -> None:
    _two_campaigns(starter)
    monkeypatch.setattr(metrics_reader, "PARALLEL_BYTES", size)
    workspace, problems = load_workspace(starter)
    assert workspace is not None and problems == []
    assert [s.impressions for s in workspace.campaigns["relance"].metrics.rows()] == [21000, 30500, 18800, 26400]
    assert workspace.campaigns["relance"].metrics.posts == ["lea-3", "lea-3", "lea-4", "lea-4"]


@pytest.mark.parametrize("digits", ["1234567890123456", "99999999999999999999999"])
def test_a_count_typed_with_digits_too_many_is_an_error_at_its_cell(tmp_path: Path, digits: str) -> None:
    # Beyond 64 bits the reader stopped with a traceback; below, a count no audience reaches passed.
    path = tmp_path / "metrics.csv"
    _plain_file(path, 300)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[150].split(",")
    lines[150] = ",".join([*cells[:3], digits, *cells[4:]])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, problems = metrics_reader.read_metrics_file(tmp_path, path, "utf-8", ".", True, "Europe/Paris")
    assert [(p.location.line, p.location.column, p.code, p.key) for p in problems] == [
        (151, len(",".join(cells[:3])) + 2, "schema.value", "reach")]
    assert "at most 15 digits" in str(problems[0].message)
    assert len(table) == 299


def test_a_quote_left_open_in_a_long_file_is_a_problem_at_its_line_quoted_short(tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    _plain_file(path, 6000)  # more than Python's reader takes in one cell by default
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[10].split(",")
    lines[10] = ",".join([*cells[:-1], '"' + cells[-1]])  # the rest of the file is that cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, problems = metrics_reader.read_metrics_file(tmp_path, path, "utf-8", ".", True, "Europe/Paris")
    assert [(p.location.line, p.code, p.key, str(p.message)) for p in problems] == [
        (11, "schema.value", "source",
         f"expected one of measured, creator_reported, estimated, found '{cells[-1]}…'")]
    assert len(table) == 9
