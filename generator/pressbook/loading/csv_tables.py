"""CSV files as saved by real spreadsheets: `,` or `;`, UTF-8 (BOM or not) or cp1252, CRLF, quoted
multi-line cells. Cells stay text here; validation types them with the dialect found here."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..problems import Location, Problem
from .files import read_bytes, relative

# A quote left open reads the rest of the file as one cell. Python's reader would stop at 128 KiB with
# an exception; read whole, that row has too few cells, and is reported at its line.
csv.field_size_limit(2**31 - 1)


@dataclass
class Row:
    line: int
    cells: list[str]
    raw: str = ""  # the row's line as written, when the row is on one line
    separator: str = ","

    def column(self, index: int) -> int:
        """Where cell `index` starts on its line: worked out only when a problem needs it."""
        columns = _cell_columns(self.raw, self.separator) if self.raw else []
        return columns[index] if index < len(columns) else 1


@dataclass
class Table:
    path: str
    separator: str
    decimal: str
    header: list[str]
    header_columns: list[int]
    rows: list[Row]


def decode_csv(data: bytes, where: str, encoding: str, problems: list[Problem]) -> str | None:
    """Bytes to text by the workspace's `csv.encoding`: utf-8, cp1252, or auto (UTF-8, else cp1252)."""
    if encoding in ("utf-8", "auto"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if encoding == "utf-8":
                problems.append(_bad_byte(data, error.start, where, "UTF-8"))
                return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        problems.append(_bad_byte(data, error.start, where, "UTF-8 nor cp1252" if encoding == "auto" else "cp1252"))
        return None
    if encoding == "auto":
        problems.append(Problem(Location(where), "warning", "file.encoding-guessed",
                                "this file is not UTF-8; it was read as cp1252 (Windows Excel)",
                                "save it as 'CSV UTF-8', or set csv.encoding: cp1252 in workspace.yml"))
    return text


def _bad_byte(data: bytes, offset: int, where: str, expected: str) -> Problem:
    line = data[:offset].count(b"\n") + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Problem(Location(where, line, column), "error", "file.encoding",
                   f"byte 0x{data[offset]:02x} at offset {offset} is neither {expected}"
                   if "nor" in expected else f"byte 0x{data[offset]:02x} at offset {offset} is not {expected}",
                   "save the file as 'CSV UTF-8' from your spreadsheet")


@dataclass
class TableText:
    """A decoded CSV file and its dialect, before its rows are read."""

    path: str
    text: str
    separator: str
    decimal: str
    header: list[str]
    header_columns: list[int]


def open_table(root: Path, path: Path, encoding: str, decimal: str, problems: list[Problem]) -> TableText | None:
    where = relative(root, path)
    data = read_bytes(root, path, problems)
    text = decode_csv(data, where, encoding, problems) if data is not None else None
    if text is None:
        return None
    if "\r" in text:
        # Windows ends lines with CR LF, and Excel's "CSV (Macintosh)" with a CR alone.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    if not first.strip():
        problems.append(Problem(Location(where, 1, 1), "error", "csv.empty", "the file has no header line",
                                "the first line names the columns, separated by ',' or ';'"))
        return None
    separator = ";" if first.count(";") > first.count(",") else ","
    if decimal == "auto":
        decimal = "," if separator == ";" else "."
    header = next(csv.reader([first], delimiter=separator))
    return TableText(where, text, separator, decimal, [c.strip() for c in header], _cell_columns(first, separator))


def read_table(root: Path, path: Path, encoding: str, decimal: str, problems: list[Problem]) -> Table | None:
    source = open_table(root, path, encoding, decimal, problems)
    if source is None:
        return None
    return Table(source.path, source.separator, source.decimal, source.header, source.header_columns,
                 list(iter_rows(source)))


def iter_rows(source: TableText, skip_header: bool = True):
    """Every non-blank row after the header, with the line it starts on."""
    physical = source.text.splitlines()
    reader = csv.reader(io.StringIO(source.text, newline=""), delimiter=source.separator, strict=False)
    previous = 0
    for number, cells in enumerate(reader):
        line = previous + 1
        single = reader.line_num == line
        previous = reader.line_num
        if (skip_header and number == 0) or not any(cell.strip() for cell in cells):
            continue
        yield Row(line, cells, physical[line - 1] if single and line <= len(physical) else "", source.separator)


def _cell_columns(raw: str, separator: str) -> list[int]:
    """1-based character column where each cell of a one-line row starts."""
    columns = [1]
    quoted = False
    for index, char in enumerate(raw):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            columns.append(index + 2)
    return columns
