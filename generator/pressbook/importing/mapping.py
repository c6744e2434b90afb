"""A mapping says which column of an export holds which of pressbook's fields (docs/import-influencers.md).

It is YAML data, read strictly like every file of a workspace, so that a mistake in it is reported at
its line and column. The presets shipped with pressbook are in mappings/, named `<tool>-<kind>.yml`:
`--mapping generic-influencers` names one, `--mapping my-tool.yml` a file of one's own."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from pydantic import Field

from ..sources import Document
from ..loading.yaml_strict import dotted, load_yaml
from ..messages import listed, quoted, says
from ..model.types import Network, Record, Text
from ..problems import Location, Problem
from ..validation.documents import validate_document
from ..validation.suggestions import closest
from . import PRESETS, preset_names
from .sheet import Sheet, header_key

Headers = Text | tuple[Text, ...]


class Mapping(Record):
    kind: Literal["influencers", "metrics"] = Field(description="what the export holds")
    source: Text | None = Field(None, description="the source written on what is imported; default: the file's name")
    about: Text | None = Field(None, description="which export this reads, and where its columns are documented")
    network: Network | None = Field(None, description="the network, when the export holds one network only")
    date_column: Headers | None = Field(None, description="the column holding the export's date (else --date)")
    columns: dict[str, Headers] = Field(min_length=1, description=(
        "pressbook's field → the export's column header, or a list of the headers it may have"))
    required: tuple[str, ...] | None = Field(None, description=(
        "the fields whose column an export must have; default: every field of `columns`"))
    percent: tuple[str, ...] = Field((), description=(
        "fields whose numbers are percentages (3.2 for 3.2 %); a field names those under it too"))
    date_format: Text | None = Field(None, description="how the export writes dates, as Python's strptime reads them")
    skip_rows_where: dict[str, Headers] = Field({}, description=(
        "field → the words that make a row no entry (a row of totals): such rows are not read"))


@dataclass(frozen=True)
class LoadedMapping:
    mapping: Mapping
    where: str  # the file, as problems name it
    document: Document

    def source_for(self, export: Path) -> str:
        """The `source:` written on what is imported: the mapping's, else the export's file name."""
        return self.mapping.source or export.stem

    def percent(self, field: str) -> bool:
        return any(field == name or field.startswith(name + ".") for name in self.mapping.percent)

    def at(self, *key: str | int) -> Location:
        return self.document.locate(key, key=True)


def load_mapping(spec: str, kind: str, fields: Iterable[str], problems: list[Problem]) -> LoadedMapping | None:
    """The mapping named `spec` (a preset's name, or a file), checked against the `fields` a mapping of
    `kind` may name: a field ending in `.*` allows any label after it (`audience.gender.*`)."""
    path = Path(spec)
    if not spec.endswith((".yml", ".yaml")) and (PRESETS / f"{spec}.yml").is_file():
        path, where = PRESETS / f"{spec}.yml", f"{spec}.yml"
    else:
        where = spec
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        presets = preset_names(kind)
        problems.append(Problem(Location(where), "error", "file.missing", says("mapping.missing", name=spec),
                                says("mapping.missing.hint", presets=listed(presets, "or"))))
        return None
    document = load_yaml(text.replace("\r\n", "\n"), where, problems)
    mapping = validate_document(Mapping, document, problems)
    if mapping is None:
        return None
    loaded = LoadedMapping(mapping, where, document)
    if mapping.kind != kind:
        problems.append(Problem(loaded.at("kind"), "error", "schema.value",
                                says("mapping.kind", kind=mapping.kind, wanted=kind),
                                says("mapping.kind.hint", wanted=kind, presets=listed(preset_names(kind), "or")), key="kind"))
        return None
    allowed = tuple(fields)
    before = len(problems)
    for name in mapping.columns:
        if not field_allowed(name, allowed):
            problems.append(_unknown_field(loaded, ("columns", name), name, allowed))
    for name in mapping.skip_rows_where:
        if name not in mapping.columns:
            problems.append(_unknown_field(loaded, ("skip_rows_where", name), name, tuple(mapping.columns)))
    for key in ("required", "percent"):
        for index, name in enumerate(getattr(mapping, key) or ()):
            known = field_allowed(name, allowed) or (key == "percent" and any(
                field.startswith(name + ".") for field in allowed))
            if not known:
                problems.append(_unknown_field(loaded, (key, index), name, allowed, value=True))
    return loaded if len(problems) == before else None


def field_allowed(name: str, fields: Iterable[str]) -> bool:
    for field in fields:
        if field.endswith(".*"):
            prefix = field[:-1]
            if name.startswith(prefix) and len(name) > len(prefix) and "." not in name[len(prefix):]:
                return True
        elif name == field:
            return True
    return False


def _unknown_field(loaded: LoadedMapping, key: tuple[str | int, ...], name: str, allowed: tuple[str, ...],
                   value: bool = False) -> Problem:
    location = loaded.document.locate(key) if value else loaded.at(*key)
    shown_fields = [field.replace(".*", ".<…>") for field in allowed]
    close = closest(name, [field for field in allowed if not field.endswith(".*")])
    hint = says("hint.did-you-mean", word=close) if close else \
        says("mapping.fields.hint", fields=listed(shown_fields, ","))
    return Problem(location, "error", "schema.unknown-key", says("mapping.unknown-field", field=name), hint,
                   key=dotted(key))


def headers_of(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def find_columns(loaded: LoadedMapping, sheet: Sheet, problems: list[Problem],
                 date_given: bool = False) -> dict[str, int] | None:
    """Each mapped field's column in the export, and the date column's as `date_column`; a column the
    mapping needs and the export lacks is a problem at the export's first line. `date_given`: --date
    was passed, the date column is not looked for."""
    mapping = loaded.mapping
    found: dict[str, int] = {}
    missing = False
    wanted = list(mapping.columns.items())
    if mapping.date_column is not None and not date_given:
        wanted.append(("date_column", mapping.date_column))
    for field, names in wanted:
        headers = headers_of(names)
        index = sheet.index_of(headers)
        if index is not None:
            found[field] = index
        elif field == "date_column":
            missing = True
            problems.append(Problem(Location(sheet.path, 1, 1), "error", "csv.header", says("import.no-date"),
                                    says("import.no-date-column.hint", columns=listed([quoted(n) for n in headers], "or"))))
        elif mapping.required is None or field in mapping.required:
            missing = True
            problems.append(_missing_column(sheet, field, headers))
    return None if missing else found


def _missing_column(sheet: Sheet, field: str, headers: tuple[str, ...]) -> Problem:
    present = [name for name in sheet.header if name.strip()]
    keys = {header_key(name): name for name in present}
    close = [keys[key] for key in (closest(header_key(name), keys) for name in headers) if key is not None]
    hint = says("import.column-close.hint", columns=listed([quoted(name) for name in dict.fromkeys(close)], "or")) \
        if close else says("import.columns.hint", columns=listed([quoted(name) for name in present], ","))
    return Problem(Location(sheet.path, 1, 1), "error", "csv.header",
                   says("import.column-missing", columns=listed([quoted(name) for name in headers], "or"), field=field),
                   hint)
