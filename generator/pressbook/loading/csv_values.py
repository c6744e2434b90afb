"""Numbers and dates written in CSV cells, read without guessing.

The decimal separator is the file's (`,` in a `;` file unless the workspace says otherwise); thousands
may be grouped by spaces only (plain, no-break, narrow no-break). Anything else in a number is an error:
`1.234` in a comma-decimal file could be 1234 or 1.234, and we do not guess. Nor in a dot-decimal
file: a separator followed by exactly three digits (`1.200`, `1,200`) is ambiguous whatever the file's
decimal separator, as it is in YAML, since numbers are pasted from everywhere.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from ..model.amounts import LARGEST_COUNT, NUMBER_DECIMALS, ambiguous_number, count_too_large
from ..model.types import FIRST_YEAR, LAST_YEAR, YES_NO, YES_NO_WORDS, calendar, year_outside
from ..model.written import SPACE, Form, Shape, char_class, text_form
from ..messages import Message, quoted, says

_SPACES = " \u00a0\u202f"
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?\Z")
_PLAIN = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?\Z")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_FR_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})\Z")
_MOMENT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})[T ](.+)\Z")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?([+-][0-9]{2}:[0-9]{2}|Z)?\Z")


class CellError(ValueError):
    def __init__(self, message: Message | str, hint: Message | str | None = None, code: str = "csv.number",
                 character: str = ""):
        super().__init__(str(message))
        self.message = message
        self.hint = hint
        self.code = code
        self.character = character  # the character at fault, where the column should point at it


def _digits(cell: str) -> bool:
    # str.isdigit() is true of '²' and '①' too, which int() refuses.
    return cell.isascii() and cell.isdigit()


def parse_decimal(text: str, decimal: str) -> Decimal:
    cell = text.strip(_SPACES)
    if _digits(cell):
        return Decimal(cell)
    refused = ambiguous_number(cell, decimal)
    if refused is not None:
        raise CellError(*refused, code="number.ambiguous")
    other = "." if decimal == "," else ","
    if not (_PLAIN.match(cell) or _GROUPED.match(cell)) or other in cell:
        if other in cell and (_PLAIN.match(cell) or _GROUPED.match(cell.replace(other, " "))):
            raise CellError(says("cell.ambiguous-separator", found=quoted(text), decimal=decimal),
                            says("cell.ambiguous-separator.hint", decimal=decimal))
        raise CellError(says("value.number", found=quoted(text)), says("cell.number.hint", decimal=decimal))
    for space in _SPACES:
        cell = cell.replace(space, "")
    return Decimal(cell.replace(decimal, "."))


def parse_count(text: str, decimal: str) -> int:
    cell = text.strip(_SPACES)
    if _digits(cell):
        # Python's int() refuses more than 4,300 digits; a count has at most 15.
        if len(cell.lstrip("0")) > len(str(LARGEST_COUNT)):
            raise CellError(*count_too_large(quoted(text)), "schema.value")
        return int(cell)
    value = parse_decimal(text, decimal)
    if value != value.to_integral_value() or decimal in cell:
        raise CellError(says("cell.whole-number", found=quoted(text)), says("cell.whole-number.hint"))
    if value < 0:
        raise CellError(says("cell.not-negative", found=quoted(text)))
    return int(value)


def parse_date(text: str, french: bool) -> date:
    cell = text.strip()
    match = _ISO_DATE.match(cell)
    if match:
        year, month, day = match.groups()
    elif french and (match := _FR_DATE.match(cell)):
        day, month, year = match.groups()
    else:
        if french:
            raise CellError(says("cell.french-date", found=quoted(text)), says("cell.french-date.hint"), "csv.date")
        raise CellError(says("cell.date", found=quoted(text)), says("cell.date.hint"), "csv.date")
    try:
        result = date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(says("cell.no-such-day", found=quoted(text)), code="csv.date") from None
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise CellError(*year_outside(quoted(text)), "csv.date")
    return result


def parse_moment(text: str, french: bool) -> date | datetime:
    """A date, or a date-time (`2026-03-04T18:30`, `04/03/2026 18:30`) kept naive or with its offset."""
    cell = text.strip()
    match = _MOMENT.match(cell)
    if not match:
        return parse_date(cell, french)
    day = parse_date(match.group(1), french)
    time_text = match.group(2)
    clock = _TIME.match(time_text)
    if not clock:
        raise CellError(says("cell.time", found=quoted(time_text)), says("cell.time.hint"), "csv.date")
    hour, minute, second, offset = clock.groups()
    try:
        moment = datetime.combine(day, time(int(hour), int(minute), int(second or 0)))
    except ValueError:
        raise CellError(says("cell.no-such-time", found=quoted(time_text)), code="csv.date") from None
    if offset:
        if offset != "Z" and (int(offset[1:3]) > 14 or int(offset[4:6]) > 59):
            raise CellError(says("cell.offset", found=quoted(offset)), says("cell.offset.hint"), "csv.date")
        moment = datetime.fromisoformat(f"{moment.isoformat()}{'+00:00' if offset == 'Z' else offset}")
    return moment


# What spreadsheets write in a yes/no column, in either language: words typed, or a checkbox's value
# exported by Excel (TRUE/FALSE, VRAI/FAUX in French). Compared in lower case.
def parse_yes_no(text: str) -> bool:
    value = YES_NO.get(text.strip().lower())
    if value is None:
        raise CellError(says("cell.yes-no", found=quoted(text)), says("cell.yes-no.hint"), "schema.value")
    return value


# --- how cells may be written, for the schemas of CSV rows (reference.py) ------------------------
# A row's schema describes its cells as text, as read here, before they are typed: the file's dialect
# (its decimal separator; DD/MM/YYYY in a French workspace) is the file's, so a cell's forms are those
# of every dialect.

_CELL_SPACE = char_class(_SPACES)
# Digits alone (at most 15 after leading zeros), or grouped by three with spaces.
COUNT_CELL = Shape(f"[{_CELL_SPACE}]*(?:0*[0-9]{{1,{len(str(LARGEST_COUNT))}}}|"
                   f"[0-9]{{1,3}}(?:[{_CELL_SPACE}][0-9]{{3}}){{1,4}})[{_CELL_SPACE}]*")
# The same, with decimals after ',' or '.', but never one to three digits, a separator and three digits
# (`1.200`), which is ambiguous.
NUMBER_CELL = Shape(f"[{_CELL_SPACE}]*(?![1-9][0-9]{{0,2}}[.,][0-9]{{3}}[{_CELL_SPACE}]*$)"
                    f"(?:0*[0-9]{{1,15}}|[0-9]{{1,3}}(?:[{_CELL_SPACE}][0-9]{{3}}){{1,4}})"
                    f"(?:[.,][0-9]{{1,{NUMBER_DECIMALS}}})?[{_CELL_SPACE}]*")
ISO_DAY, FRENCH_DAY = Shape(calendar("YMD")), Shape(calendar("DMY"))
TIME_OF_DAY = Shape("(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?")

COUNT_CELL_FORMS = (text_form("count-cell", "whole number", "a whole number: digits alone, or grouped by "
                              "spaces, like 48200 or 48 200", COUNT_CELL),)
NUMBER_CELL_FORMS = (text_form("number-cell", "number", "a number, with the file's decimal separator (',' "
                               "in a file separated by ';', else '.') and thousands grouped by spaces if at "
                               "all, like 1234,50 or 1 234.50", NUMBER_CELL),)
DAY_CELL_FORMS = (text_form("date-cell", "date", "a date written YYYY-MM-DD, like 2026-03-04",
                            ISO_DAY.padded()),
                  text_form("french-date-cell", "French date", "in a workspace whose language is fr, a date "
                            "written DD/MM/YYYY, like 04/03/2026", FRENCH_DAY.padded()))
MOMENT_CELL_FORMS = DAY_CELL_FORMS + (
    text_form("moment-cell", "date and time", "a date and a time, HH:MM, after a T or a space, maybe with "
              "the seconds and an offset from UTC, like 2026-03-04T18:30 or 2026-03-04 18:30+01:00 (without "
              "an offset, the time is the workspace's time zone's)",
              Shape(f"(?:{ISO_DAY.source})[T ](?:{TIME_OF_DAY.source})").padded()),
    text_form("french-moment-cell", "French date and time", "in a workspace whose language is fr, a date "
              "written DD/MM/YYYY and a time, like 04/03/2026 18:30",
              Shape(f"(?:{FRENCH_DAY.source})[T ](?:{TIME_OF_DAY.source})").padded()))
YES_NO_CELL_FORMS = (text_form("yes-no-cell", "yes or no", "yes or no (also oui/non, true/false, vrai/faux, "
                               "in any case, as a spreadsheet's checkbox writes them); empty is no",
                               YES_NO_WORDS),)
EMPTY_CELL = text_form("empty-cell", "empty", "an empty cell: the value is unknown, or the column's default",
                       Shape(f"[{SPACE}]*"))
NOT_EMPTY = Shape(f"[\\s\\S]*[^{SPACE}][\\s\\S]*")


def word_cell_form(words: tuple[str, ...]) -> Form:
    return text_form("word-cell", " | ".join(words), "one of these words, written as they are here",
                     Shape("|".join(re.escape(word) for word in words)).padded())
