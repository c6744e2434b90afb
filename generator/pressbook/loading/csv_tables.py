"""CSV files as saved by real spreadsheets: `,` or `;`, UTF-8 (BOM or not) or cp1252, CRLF, quoted
multi-line cells. Cells stay text here; validation types them with the dialect found here."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..messages import says
from ..problems import Location, Problem
from .files import byte_line, decode_utf8, not_utf8, read_bytes, relative

# A quote left open reads the rest of the file as one cell. Python's reader would stop at 128 KiB with
# an exception; read whole, that row has too few cells, and is reported at its line.
csv.field_size_limit(2**31 - 1)


@dataclass
class Row:
    line: int
    cells: list[str]
    raw: str = ""  # the row's first line as written: the cells that start on it are found on it
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


# A character of two to four bytes as UTF-8 writes it (RFC 3629). cp1252 text almost never holds one:
# it would take a capital with an accent followed by a typographic quote or a symbol (`Ã©`).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                            rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_SAVE_AS_UTF8 = says("csv.save-as-utf8.hint")


def decode_csv(data: bytes, where: str, encoding: str, problems: list[Problem]) -> str | None:
    """Bytes to text by the workspace's `csv.encoding`: utf-8, cp1252, or auto.

    auto reads cp1252 only a file that is not UTF-8 at all: a file with one UTF-8 character in it was
    saved as UTF-8, and its few other bytes are a slip (a cell pasted from elsewhere, two files
    joined). Read as cp1252, every accent of it would turn to mojibake on the sites; it is refused at
    its first bad byte instead."""
    if encoding in ("utf-8", "auto"):
        text = decode_utf8(data)
        if isinstance(text, str):
            return text
        if encoding == "utf-8" or _UTF8_SEQUENCE.search(data) is not None:
            problems.append(not_utf8(data, text, where, _SAVE_AS_UTF8 if encoding == "utf-8" else
                                     says("csv.retype-then-save.hint")))
            return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        problems.append(_not_cp1252(data, error.start, where, encoding))
        return None
    if encoding == "auto":
        problems.append(Problem(Location(where), "warning", "file.encoding-guessed", says("csv.read-as-cp1252"),
                                says("csv.read-as-cp1252.hint")))
    return text


def _not_cp1252(data: bytes, offset: int, where: str, encoding: str) -> Problem:
    # The file decoded as cp1252 up to here: its characters are those bytes, one each.
    line, line_start = byte_line(data, offset)
    byte = f"{data[offset]:02X}"
    message = says("csv.neither-encoding", byte=byte) if encoding == "auto" else says("csv.not-cp1252", byte=byte)
    return Problem(Location(where, line, offset - line_start + 1), "error", "file.encoding", message, _SAVE_AS_UTF8)


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
    return table_text(data, where, encoding, decimal, problems) if data is not None else None


def table_text(data: bytes, where: str, encoding: str, decimal: str, problems: list[Problem]) -> TableText | None:
    """A CSV file's bytes decoded, its line ends made \\n, its separator and header found; `where` is how
    problems name the file."""
    text = decode_csv(data, where, encoding, problems)
    if text is None:
        return None
    if "\r" in text:
        # Windows ends lines with CR LF, and Excel's "CSV (Macintosh)" with a CR alone.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    if not first.strip():
        problems.append(Problem(Location(where, 1, 1), "error", "csv.empty", says("csv.empty"),
                                says("csv.empty.hint")))
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
    # Lines as the csv reader counts them (the text's line ends are \n): splitlines would also break
    # at U+2028 or a form feed inside a caption, and every later row would be given another's text.
    physical = source.text.split("\n")
    reader = csv.reader(io.StringIO(source.text, newline=""), delimiter=source.separator, strict=False)
    previous = 0
    for number, cells in enumerate(reader):
        line = previous + 1
        previous = reader.line_num
        if (skip_header and number == 0) or not any(cell.strip() for cell in cells):
            continue
        yield Row(line, cells, physical[line - 1] if line <= len(physical) else "", source.separator)


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
