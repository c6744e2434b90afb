"""An export to import, read the same way whether it is a CSV file or an Excel workbook: a header, then
rows of cells, each at the line and column the person sees in their spreadsheet or text editor.

A CSV file is read by loading/csv_tables (`,` or `;`, UTF-8 or Windows' cp1252, CR LF): its cells stay
text, its decimal separator is the file's (`,` in a `;` file, as French Excel writes it). An .xlsx
workbook's first sheet is read row by row by openpyxl: numbers and dates come typed, a line is a row
number and a column a column number. A number shown as a percentage (3.2 % in the cell, 0.032 stored)
is given as the text `3.2%`, so that it reads as the percentage it shows."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..loading.csv_tables import Row, iter_rows, table_text
from ..loading.csv_values import CellError, parse_count, parse_date, parse_decimal
from ..loading.files import reason_of
from ..model.spelling import fold
from ..messages import quoted, says
from ..problems import Location, Problem

Cell = str | int | Decimal | date | datetime | None


@dataclass
class SheetRow:
    line: int
    cells: list[Cell]
    source: Row | None = None  # a CSV row: where its cells start on its line is worked out from it

    def column(self, index: int) -> int:
        """The 1-based column of cell `index`: a character column in a CSV file, a column number in a
        workbook."""
        return self.source.column(index) if self.source is not None else index + 1

    def cell(self, index: int | None) -> Cell:
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if isinstance(value, str) and not value.strip() else value


@dataclass
class Sheet:
    path: str  # as given on the command line
    header: list[str]
    header_columns: list[int]
    decimal: str
    rows: Iterable[SheetRow]

    def index_of(self, names: Iterable[str]) -> int | None:
        """The column headed by one of `names`, compared without case and surrounding spaces."""
        wanted = {header_key(name) for name in names}
        for index, name in enumerate(self.header):
            if header_key(name) in wanted:
                return index
        return None


def header_key(name: str) -> str:
    """A header as compared: without case, accents, repeated spaces; any apostrophe is '."""
    return " ".join(fold(str(name).replace("\u2019", "'").replace("\u02bc", "'")).split())


SUFFIXES = (".csv", ".xlsx")


def read_sheet(path: Path, problems: list[Problem], shown: str | None = None) -> Sheet | None:
    """The export at `path`, or None and a problem when it cannot be read; `shown` is how the reader
    named it (the command line's argument), which every problem repeats."""
    where = shown if shown is not None else str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        problems.append(Problem(Location(where), "error", "file.unexpected", says("import.sheet-kind"),
                                says("import.sheet-kind.hint")))
        return None
    try:
        if suffix == ".xlsx":
            return _read_workbook(path, where, problems)
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        problems.append(Problem(Location(where), "error", "file.unreadable", says("file.unreadable", reason=reason_of(error)),
                                says("file.replace.hint")))
        return None
    return _read_csv(data, where, problems)


def _read_csv(data: bytes, where: str, problems: list[Problem]) -> Sheet | None:
    found: list[Problem] = []
    source = table_text(data, where, "auto", "auto", found)
    # A file read as cp1252 is what French Excel writes: not worth a warning on every import.
    problems += [problem for problem in found if problem.code != "file.encoding-guessed"]
    if source is None:
        return None
    rows = (SheetRow(row.line, list(row.cells), row) for row in iter_rows(source))
    return Sheet(where, source.header, source.header_columns, source.decimal, rows)


def _read_workbook(path: Path, where: str, problems: list[Problem]) -> Sheet | None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        problems.append(Problem(Location(where), "error", "file.encoding", says("import.workbook-unreadable"),
                                says("import.workbook-unreadable.hint")))
        return None
    sheet = book.worksheets[0] if book.worksheets else None
    rows = iter(sheet.iter_rows()) if sheet is not None else iter(())
    first = next(rows, None)
    header = [_header_text(cell.value) for cell in first or ()]
    while header and not header[-1]:
        header.pop()
    if not header:
        book.close()
        problems.append(Problem(Location(where, 1, 1), "error", "csv.empty", says("csv.empty"),
                                says("import.workbook-empty.hint")))
        return None
    return Sheet(where, header, list(range(1, len(header) + 1)), ".", _workbook_rows(book, rows))


def _workbook_rows(book: Any, rows: Iterator[Any]) -> Iterator[SheetRow]:
    try:
        for line, cells in enumerate(rows, start=2):
            values = [_cell_value(cell) for cell in cells]
            if any(value is not None and not (isinstance(value, str) and not value.strip()) for value in values):
                yield SheetRow(line, values)
    finally:
        book.close()


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _cell_value(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None or isinstance(value, (str, int)) and not isinstance(value, bool):
        if isinstance(value, int) and "%" in (cell.number_format or ""):
            return f"{value * 100}%"
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        number = Decimal(repr(value))
        if "%" in (cell.number_format or ""):
            return f"{_plain(number * 100)}%"
        return number
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() and value.tzinfo is None else value
    if isinstance(value, date):
        return value
    return str(value)


def _plain(number: Decimal) -> str:
    """A number as a person writes it: 3.2, not 3.200 or 3.2E+0."""
    return format(number.normalize(), "f")


# --- cells as values ------------------------------------------------------------------------------
# Each raises CellError with words for the reader; the caller puts it at the cell's line and column.

def text_of(cell: Cell) -> str:
    if isinstance(cell, datetime):
        return cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return _plain(cell)
    return str(cell).strip()


_ABBREVIATED = re.compile(r"([0-9]+(?:[.,][0-9]+)?) ?([kKmM])")
_MULTIPLES = {"k": 1000, "m": 1_000_000}


def count_of(cell: Cell, decimal: str) -> int:
    if isinstance(cell, bool) or isinstance(cell, (date, datetime)):
        raise CellError(says("cell.whole-number", found=quoted(text_of(cell))), says("cell.whole-number.hint"))
    if isinstance(cell, int):
        number: Decimal = Decimal(cell)
    elif isinstance(cell, Decimal):
        number = cell
    else:
        abbreviated = _ABBREVIATED.fullmatch(str(cell).strip())
        if abbreviated:  # 12.5K, as tools show counts: said, not guessed (was it rounded?)
            value = Decimal(abbreviated.group(1).replace(",", ".")) * _MULTIPLES[abbreviated.group(2).lower()]
            raise CellError(says("cell.whole-number", found=quoted(str(cell))), says("value.write", value=int(value)))
        return parse_count(str(cell), decimal)
    if number != number.to_integral_value():
        raise CellError(says("cell.whole-number", found=quoted(text_of(cell))), says("cell.whole-number.hint"))
    if number < 0:
        raise CellError(says("cell.not-negative", found=quoted(text_of(cell))))
    return int(number)


def number_of(cell: Cell, decimal: str) -> Decimal:
    if isinstance(cell, bool) or isinstance(cell, (date, datetime)):
        raise CellError(says("value.number", found=quoted(text_of(cell))), says("cell.number.hint", decimal=decimal))
    if isinstance(cell, (int, Decimal)):
        number = Decimal(cell)
    else:
        number = parse_decimal(str(cell), decimal)
    if number < 0:
        raise CellError(says("number.negative", found=text_of(cell)), code="schema.value")
    return number


def percent_of(cell: Cell, decimal: str, percent: bool) -> Decimal:
    """A rate or a share as a percentage (3.2 for 3.2 %): a cell written with % is one; a number alone
    is one when the mapping says the column holds percentages, else a fraction (0.032)."""
    text = cell.strip() if isinstance(cell, str) else None
    if text is not None and text.endswith("%"):
        value = number_of(text[:-1], decimal)
    else:
        value = number_of(cell, decimal)
        if not percent:
            value *= 100
    if value > 100:
        raise CellError(says("import.percent-over", found=quoted(text_of(cell))),
                        says("import.percent-over.hint"), "schema.value")
    return Decimal(_plain(value))


def date_of(cell: Cell, date_format: str | None) -> date:
    """A date as the export writes it: typed by the workbook, in the mapping's `date_format`, or
    YYYY-MM-DD or DD/MM/YYYY."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = text_of(cell)
    if date_format:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            raise CellError(says("import.date-format", found=quoted(text), format=date_format),
                            says("import.date-format.hint"), "csv.date") from None
    if "T" in text or " " in text:  # a date and a time: the day is what is kept
        text = text.replace("T", " ").split(" ", 1)[0]
    return parse_date(text, True)


def cell_problem(sheet: Sheet, row: SheetRow, index: int, error: CellError, key: str = "") -> Problem:
    """A cell refused, at its line and column."""
    return Problem(Location(sheet.path, row.line, row.column(index)), "error", error.code, error.message, error.hint,
                   key=key)
