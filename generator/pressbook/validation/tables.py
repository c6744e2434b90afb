"""CSV rows → models. Each column is read by a function chosen once from its field's declared type,
so a million metrics rows cost a dictionary lookup and a conversion per cell, not a full model
validation."""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from ..loading.csv_tables import Row, Table
from ..loading.csv_values import (COUNT_CELL_FORMS, DAY_CELL_FORMS, EMPTY_CELL, MOMENT_CELL_FORMS, NOT_EMPTY,
                                  NUMBER_CELL_FORMS, YES_NO_CELL_FORMS, CellError, parse_count, parse_date,
                                  parse_decimal, parse_moment, parse_yes_no, word_cell_form)
from ..model import amounts, types as value_types
from ..model.written import Form, forms_of, text_form
from ..messages import listed, quoted, says
from ..problems import Location, Problem
from .suggestions import did_you_mean, suggests_a_word

M = TypeVar("M", bound=BaseModel)
Reader = Callable[[str], Any]


def read_rows(model: type[M], table: Table, *, french: bool, timezone: str,
              problems: list[Problem], header_checked: bool = False) -> list[tuple[int, M]]:
    """Typed rows with their line numbers; a row with any bad cell is reported and left out."""
    columns = check_header(model, table.path, table.header, table.header_columns,
                           [] if header_checked else problems)
    if columns is None:
        return []
    readers = [(index, name, cell_reader(model.model_fields[name], table.decimal, french, ZoneInfo(timezone)))
               for index, name in columns]
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    width = len(table.header)
    rows = []
    for row in table.rows:
        cells = row.cells
        if len(cells) != width:
            problems.append(Problem(Location(table.path, row.line, 1), "error", "csv.row",
                                    says("csv.row", n=len(cells), header=width), says("csv.row.hint")))
            continue
        values: dict[str, Any] = {}
        good = True
        for index, name, read in readers:
            cell = cells[index]
            if not cell.strip():
                if name in required:
                    problems.append(Problem(Location(table.path, row.line, row.column(index)), "error",
                                            "schema.missing-key", says("csv.empty-cell"), key=name))
                    good = False
                continue
            try:
                values[name] = read(cell)
            except CellError as error:
                problems.append(Problem(Location(table.path, row.line, _column(row, index, error)), "error",
                                        error.code, error.message, error.hint, key=name))
                good = False
        if good:
            rows.append((row.line, model.model_construct(**values)))
    return rows


def _column(row: Row, index: int, error: CellError) -> int:
    """Where a cell's problem is on its line: the cell's start, or the character at fault in it."""
    start = row.column(index)
    if error.character and row.raw:
        found = row.raw.find(error.character, start - 1)
        if found >= 0:
            return found + 1
    return start


def check_header(model: type[BaseModel], path: str, header: list[str], header_columns: list[int],
                 problems: list[Problem]) -> list[tuple[int, str]] | None:
    """(column index, field) of each column, or None when the header itself is wrong."""
    known = model.model_fields
    seen: dict[str, int] = {}
    columns = []
    ok = True
    for index, name in enumerate(header):
        where = Location(path, 1, header_columns[index] if index < len(header_columns) else 1)
        if name in seen:
            problems.append(Problem(where, "error", "csv.header", says("csv.column-twice", column=quoted(name)),
                                    says("csv.column-twice.hint")))
            ok = False
        elif name not in known:
            problems.append(Problem(where, "error", "csv.header", says("csv.unknown-column", column=quoted(name)),
                                    did_you_mean(name, known)))
            ok = False
        else:
            seen[name] = index
            columns.append((index, name))
    missing = [name for name, field in known.items() if field.is_required() and name not in seen]
    for name in missing:
        problems.append(Problem(Location(path, 1, 1), "error", "csv.header", says("csv.missing-column", column=name),
                                says("csv.missing-column.hint", columns=listed(known, ","))))
    return columns if ok and not missing else None


@dataclass(frozen=True)
class Column:
    """What a column holds, chosen once from its field's declared type: `kind` is moment, count,
    number, day, yes-no, words or text."""

    kind: str
    converters: list[Callable[[Any], Any]]
    target: Any


def column_of(field: FieldInfo) -> Column:
    annotation = field.annotation
    # `X | None` is read as X; a Literal's arguments are its words, not its members.
    optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    members = [a for a in typing.get_args(annotation) if a is not type(None)] if optional else [annotation]
    if set(members) == {date, datetime}:
        return Column("moment", [], None)
    target = members[0]
    converters = [m.func for m in field.metadata if isinstance(m, BeforeValidator)]
    metadata = list(field.metadata)
    if typing.get_origin(target) is typing.Annotated:
        converters += [m.func for m in typing.get_args(target)[1:] if isinstance(m, BeforeValidator)]
        metadata += typing.get_args(target)[1:]
        target = typing.get_args(target)[0]
    if amounts._count in converters:
        return Column("count", converters, target)
    if amounts._number in converters:
        return Column("number", converters, target)
    if value_types._day in converters:
        return Column("day", converters, target)
    if target is bool:
        return Column("yes-no", converters, target)
    if typing.get_origin(target) is typing.Literal:
        return Column("words", converters, target)
    return Column("text", converters, forms_of(metadata))


def cell_reader(field: FieldInfo, decimal: str, french: bool, zone: ZoneInfo) -> Reader:
    """How a cell of `field`'s column is read: its text → the value, or a CellError that says why not."""
    column = column_of(field)
    if column.kind == "moment":
        def moment(cell: str) -> date | datetime:
            value = parse_moment(cell, french)
            if isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=zone)
            return value
        return moment
    if column.kind == "count":
        return _then(lambda cell: parse_count(cell, decimal), column.converters)
    if column.kind == "number":
        return _then(lambda cell: parse_decimal(cell, decimal), column.converters)
    if column.kind == "day":
        return lambda cell: parse_date(cell, french)
    if column.kind == "yes-no":
        return parse_yes_no
    if column.kind == "words":
        return _choice(typing.get_args(column.target))
    return _text(column.converters)


def cell_forms(field: FieldInfo) -> tuple[Form, ...]:
    """How a column's cells may be written, as `cell_reader` reads them (for the schema of a CSV row)."""
    column = column_of(field)
    forms: tuple[Form, ...] = {
        "moment": MOMENT_CELL_FORMS, "count": COUNT_CELL_FORMS, "number": NUMBER_CELL_FORMS,
        "day": DAY_CELL_FORMS, "yes-no": YES_NO_CELL_FORMS}.get(column.kind, ())
    if column.kind == "words":
        forms = (word_cell_form(typing.get_args(column.target)),)
    elif column.kind == "text":
        # Read with the spaces around it dropped, then as the value type reads text: its text forms
        # (the numbers it also takes in YAML are text in a cell).
        forms = tuple(text_form(f"{form.key}-cell", form.title, form.description, form.shape.padded())
                      if form.shape is not None else form
                      for form in column.target if (form.schema or {}).get("type") == "string")
        if field.is_required():
            forms = tuple(text_form(f"{form.key}-not-empty-cell", form.title, f"{form.description}, not an empty "
                                    "cell", NOT_EMPTY) if form.shape is None else form for form in forms)
    return forms if field.is_required() else forms + (EMPTY_CELL,)


def _choice(choices: tuple[str, ...]) -> Reader:
    allowed = frozenset(choices)

    def read(cell: str) -> str:
        value = cell.strip()
        if value not in allowed:
            hint = did_you_mean(value, choices)
            raise CellError(says("value.choice", choices=listed(choices, ","), found=quoted(cell)),
                            hint if suggests_a_word(hint) else None, "schema.value")
        return value
    return read


def _text(converters: list[Callable[[Any], Any]]) -> Reader:
    return _then(str.strip if converters else str, converters)


def _then(first: Reader, converters: list[Callable[[Any], Any]]) -> Reader:
    """`first`, then the checks of the value's type, whose errors are said as the cell's."""
    def read(cell: str) -> Any:
        value = first(cell)
        try:
            for convert in converters:
                value = convert(value)
        except PydanticCustomError as error:
            code = value_types.ERROR_CODES.get(error.type, "schema.value")
            context = error.context or {}
            raise CellError(context.get("says") or error.message(), context.get("hint_says"), code,
                            context.get("character", "")) from None
        return value
    return read

