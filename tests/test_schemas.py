"""The JSON Schemas accept what pressbook accepts: every file of the demo and of a new workspace
validates against them (a JSON Schema 2020-12 validator, as editors use), the type mistakes of
tests/broken/ fail them at the key `check` names, and for each kind of value, written by hand, the
model and the schema say yes or no together.

Files are read as pressbook reads them: YAML with its strict loader (dates and `True` stay text, as
YAML 1.2 editors read them), front matter as its YAML, and CSV files row by row, each row the cells
under their columns' names, as text (docs/workspace.md, "JSON Schemas").
"""
from __future__ import annotations

import re
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from pressbook.cli import cli
from pressbook.loading.csv_tables import read_table
from pressbook.loading.csv_values import CellError
from pressbook.loading.frontmatter import load_front_matter
from pressbook.loading.yaml_strict import dotted, load_yaml
from pressbook.model import FILE_MODELS, MetricsSnapshot, Mention, Post
from pressbook.model import amounts, types as value_types
from pressbook.reference import SCHEMA_NAMES, catalogue, schema_documents, schemas
from pressbook.validation.tables import cell_forms, cell_reader
from test_check_reports import CASES, _build_case

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = schema_documents("en")


def _validator(name: str) -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMAS[name])
    return Draft202012Validator(SCHEMAS[name])


def _json(value: Any) -> Any:
    """A loaded value as JSON has it: the strict loader's tuples are arrays (its decimals stay numbers)."""
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    return value


def _model_accepts(annotation: Any, value: Any) -> bool:
    try:
        TypeAdapter(annotation).validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


_KINDS = [(re.compile("content/" + re.sub(r"<[^>]+>", "[^/]+", re.escape(pattern).replace(r"\<", "<")
                                          .replace(r"\>", ">")) + r"\Z"), name)
          for pattern, name in SCHEMA_NAMES.items()]


def schema_name(relative: str) -> str | None:
    return next((name for pattern, name in _KINDS if pattern.match(relative)), None)


def instances(root: Path, relative: str) -> Iterator[tuple[int, Any]]:
    """(line, what the schema validates) for one file: its YAML, its front matter, or each CSV row."""
    path = root / relative
    problems: list = []
    if relative.endswith(".csv"):
        table = read_table(root, path, "auto", "auto", problems)
        assert table is not None, problems
        for row in table.rows:
            yield row.line, dict(zip(table.header, row.cells))
        return
    text = path.read_text(encoding="utf-8")
    document = load_front_matter(text, relative, problems) if relative.endswith(".md") else \
        load_yaml(text, relative, problems)
    assert not [p for p in problems if p.severity == "error"], problems
    yield 1, _json(document.data)


def workspace_files(root: Path) -> list[tuple[str, str]]:
    files = []
    for path in sorted((root / "content").rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and schema_name(relative):
            files.append((relative, schema_name(relative)))
    return files


def _invalid(root: Path, files: list[tuple[str, str]]) -> list[str]:
    found = []
    for relative, name in files:
        validator = _validator(name)
        for line, instance in instances(root, relative):
            found += [f"{relative}:{line}: {dotted(tuple(e.absolute_path))}: {e.message[:200]}"
                      for e in validator.iter_errors(instance)]
    return found


def test_every_file_of_the_demo_validates() -> None:
    files = workspace_files(ROOT)
    assert {name for _, name in files} == set(SCHEMA_NAMES.values())  # every kind of file is tried
    assert _invalid(ROOT, files) == []


def test_every_file_of_a_new_workspace_validates(starter: Path) -> None:
    files = workspace_files(starter)
    assert len(files) >= 5
    assert _invalid(starter, files) == []


# --- the mistakes of tests/broken/ ----------------------------------------------------------------

def _golden(case: Path) -> str:
    english = case / "expected.en.txt"
    return (english if english.exists() else case / "expected.txt").read_text(encoding="utf-8")


def _error_paths(errors: Any) -> set[str]:
    """The key path of each error, and of the errors under an anyOf that failed (an amount's currency
    is refused under the amount). A key refused as a key (propertyNames) is its own path."""
    paths = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            path += (error.instance,)
        paths.add(dotted(path))
        paths |= _error_paths(error.context or [])
    return paths


# Problems of these codes are a value of the wrong type or form: what a schema can see. The others are
# not: a reference to a post or an id (ref.*), dates in order, a number written `2.500` (to every YAML
# reader it is 2.5: only pressbook sees how it was written), and so on. Nor is a schema.value that a
# rule across keys gives (a signed contract without its date, shares above 100 %): a mistake is kept
# only when its key's type refuses the value alone. mkdocs.yml has no pressbook schema: its cases are
# left out by their path.
TYPE_MISTAKES = ("schema.type", "schema.value")


def _annotation_at(model: Any, key: str) -> Any:
    """The declared type of the key at a dotted path (`networks.instagram.followers`), its validators
    with it."""
    import types
    import typing

    current: Any = model
    for part in re.findall(r"[^.\[\]]+", key):
        while True:  # down to the model, mapping or list that holds `part`
            origin = typing.get_origin(current)
            if origin is typing.Annotated:
                current = typing.get_args(current)[0]
            elif origin in (typing.Union, types.UnionType):
                current = next(a for a in typing.get_args(current) if a is not type(None))
            else:
                break
        if isinstance(current, type) and hasattr(current, "model_fields"):
            field = current.model_fields[part]
            current = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        else:
            current = typing.get_args(current)[-1 if typing.get_origin(current) is dict else 0]
    return current


def _refused_alone(model: Any, key: str, data: Any) -> bool:
    """Whether the key's type refuses its value for what the value is, not by a rule (a validator's
    ValueError: shares adding up to more than 100 %, a signed contract's date)."""
    value = data
    for part in re.findall(r"[^.\[\]]+", key):
        value = value[int(part)] if isinstance(value, list) else value[part]
    try:
        TypeAdapter(_annotation_at(model, key)).validate_python(value, strict=True)
    except ValidationError as refused:
        return any(error["type"] != "value_error" for error in refused.errors())
    return False


def _type_mistakes() -> list[tuple[str, str]]:
    from pressbook.checking import check_workspace
    from pressbook.starter import write_starter

    found = []
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        golden = _golden(case)
        # A case whose golden reports no problem with a key: (path:line:col: error: key: …) is left out
        # before it is built (most of the cases: the tree of files, YAML syntax, themes, publishing).
        if not re.search(r"^content/\S+:\d+:\d+: error: [\w.\[\]-]+: ", golden, re.MULTILINE):
            continue
        with tempfile.TemporaryDirectory() as folder:
            workspace = Path(folder) / "workspace"
            write_starter(workspace)
            _build_case(case, workspace)
            _, problems = check_workspace(workspace)
            for problem in problems:
                path = problem.location.path
                where = f"{path}:{problem.location.line}:{problem.location.column}: error: {problem.key}:"
                if problem.code not in TYPE_MISTAKES or not schema_name(path) or where not in golden:
                    continue
                # A CSV cell is read alone, always; a YAML value is checked alone here.
                model = FILE_MODELS[next(f for f, n in SCHEMA_NAMES.items() if n == schema_name(path))]
                if path.endswith(".csv") or _refused_alone(model, problem.key, next(instances(workspace, path))[1]):
                    found.append((case.name, where))
    return found


TYPE_MISTAKE_CASES = _type_mistakes()


def test_the_goldens_hold_type_mistakes_of_yaml_and_csv_files() -> None:
    assert len(TYPE_MISTAKE_CASES) >= 8
    assert any(".csv:" in where for _, where in TYPE_MISTAKE_CASES)
    assert any(".md:" in where for _, where in TYPE_MISTAKE_CASES)
    assert any(".yml:" in where for _, where in TYPE_MISTAKE_CASES)


@pytest.mark.parametrize("case, where", TYPE_MISTAKE_CASES)
def test_a_type_mistake_of_the_goldens_fails_the_schema_at_its_key(case: str, where: str, starter: Path) -> None:
    _build_case(CASES / case, starter)
    path, line, key = re.match(r"(\S+?):(\d+):\d+: error: (.*):\Z", where).groups()
    validator = _validator(schema_name(path))
    rows = [instance for row_line, instance in instances(starter, path)
            if not path.endswith(".csv") or row_line == int(line)]
    assert len(rows) == 1
    assert key in _error_paths(validator.iter_errors(rows[0])), f"{where} passes the schema"


# --- values written by hand: the model and the schema agree -------------------------------------

def _schema_of(annotation: Any) -> Draft202012Validator:
    from pressbook.reference import _inlined, _worded

    return Draft202012Validator(_worded(_inlined(TypeAdapter(annotation).json_schema(mode="validation")), {}))


NARROW = "\u202f"  # the narrow no-break space French typography puts before %
VALUES = {
    "Amount": (amounts.Amount, [
        (1200, True), (Decimal("1499.90"), True), (0, True), ({"amount": 1500, "currency": "USD"}, True),
        ({"amount": Decimal("99.5")}, True), (-5, False), (10**15, False), ("1200", False), ("1 200 €", False),
        ("1 200", False), ({"amount": 1500, "currency": "EUO"}, False), ({"currency": "USD"}, False),
        ({"amount": 1, "tax": 0}, False), (True, False), (None, False)]),
    "Rate": (amounts.Rate, [
        (Decimal("0.046"), True), (0, True), (1, True), ("4.6%", True), ("12,5 %", True), ("12.5 %", True),
        (f"12,5{NARROW}%", True), ("150%", False), ("100%", True), ("100,0 %", True), (Decimal("1.5"), False), (-1, False), ("12,5", False),
        ("%", False), ("4,6 pourcent", False), ("1 200 %", False), (True, False)]),
    "Day": (value_types.Day, [
        ("2026-03-04", True), ("2024-02-29", True), ("2000-02-29", True), ("1900-01-01", True), ("2199-12-31", True),
        ("1900-02-29", False), ("2026-02-29", False), ("2026-04-31", False), ("2026-13-01", False),
        ("04/03/2026", False), ("1899-12-31", False), ("2200-01-01", False), ("2026-3-4", False), (20260304, False)]),
    "Count": (amounts.Count, [
        (48200, True), (0, True), (amounts.LARGEST_COUNT, True), (amounts.LARGEST_COUNT + 1, False), (-1, False),
        ("48200", False), ("48,2k", False), ("48 200", False), (Decimal("48.2"), False), (True, False)]),
    "Number": (amounts.Number, [
        (Decimal("2.5"), True), (3, True), (Decimal("0.000001"), True), ("2,5", False), ("2.5", False), (-1, False),
        (10**15, False), (None, False)]),
    "Months": (amounts.Months, [(24, True), (0, True), (1200, True), (1201, False), ("24", False)]),
    "Text": (value_types.Text, [
        ("bonjour", True), ("", True), (612345678, True), (Decimal("4.5"), True), (True, False), (None, False),
        (["a"], False), ({"a": 1}, False)]),
    "Name": (value_types.Name, [
        ("Léa Fontaine", True), ("  Léa  ", True), ("Cheffe 👩\u200d🍳", True), (2026, True), ("", False),
        ("   ", False), ("Léa\nFontaine", False), ("Léa\tFontaine", False), ("Léa\u202eFontaine", False),
        ("\ufeffLéa", False)]),
    "Id": (value_types.Id, [
        ("lea-fontaine", True), ("2026", True), (2026, True), ("Lea", False), ("lea_fontaine", False),
        ("lea--x", False), ("-lea", False), ("lea\u200b", False), (-1, False), (Decimal("1.5"), False)]),
    "PostId": (value_types.PostId, [("p01", True), ("P_01-a", True), (7, True), ("p 01", False), ("p01_", False)]),
    "HttpsUrl": (value_types.HttpsUrl, [
        ("https://example.fr", True), ("https://example.fr/a?b=c", True), ("http://example.fr", False),
        ("https://exa mple.fr", False), ("https://example", False), ('https://ex.fr/"x', False),
        ("https://ex.fr/\u202e", False), ("example.fr", False)]),
    "WebUrl": (value_types.WebUrl, [("http://example.fr/a", True), ("https://x.fr", True), ("ftp://example.fr", False)]),
    "Email": (value_types.Email, [
        ("claire@example.fr", True), ("claire@example", False), ("claire example.fr", False), ("@example.fr", False)]),
    "Login": (value_types.Login, [
        ("claire@example.fr", True), ("claire", True), (42, True), ("cl:aire", False), ("cl aire", False),
        ("x" * 129, False), ("", False)]),
    "ContentPath": (value_types.ContentPath, [
        ("assets/logo.png", True), ("assets\\logo.png", True), ("a..b/c", True), (2026, True), ("", True),
        ("/etc/passwd", False),
        ("../x", False), ("a/../b", False), ("a\\..\\b", False), ("C:/x", False), ("\\\\server\\x", False)]),
    "YesNo": (value_types.YesNo, [
        (True, True), ("oui", True), ("NON", True), ("Vrai", True), ("oUi", True), (" yes ", True), ("", True),
        ("peut-être", False), (1, False), (None, False)]),
    "Currency": (amounts.Currency, [("EUR", True), ("XAF", True), ("eur", False), ("EUO", False), ("EURO", False)]),
}


@pytest.mark.parametrize("name", sorted(VALUES))
def test_the_model_and_the_schema_agree_on_values_written_by_hand(name: str) -> None:
    annotation, examples = VALUES[name]
    schema = _schema_of(annotation)
    model = {repr(value): _model_accepts(annotation, value) for value, _ in examples}
    described = {repr(value): schema.is_valid(_json(value)) for value, _ in examples}
    expected = {repr(value): accepted for value, accepted in examples}
    assert model == expected  # the examples say what pressbook accepts…
    assert described == model  # …and the schema says the same


def _days() -> Iterator[date]:
    """Every day of some years, the first and last the model accepts among them."""
    for year in (1900, 1999, 2000, 2024, 2026, 2100, 2199):
        day = date(year, 1, 1)
        while day.year == year:
            yield day
            day += timedelta(days=1)


def _not_days() -> Iterator[str]:
    for year in range(1895, 2205):
        yield from (f"{year}-02-29", f"{year}-02-30", f"{year}-04-31", f"{year}-06-31", f"{year}-12-32",
                    f"{year}-13-01", f"{year}-00-10", f"{year}-01-00")


def test_the_model_and_the_schema_agree_on_every_day() -> None:
    schema = _schema_of(value_types.Day)
    written = [day.isoformat() for day in _days()] + list(_not_days())
    model = [text for text in written if _model_accepts(value_types.Day, text)]
    assert len(model) > 7 * 365 and "2024-02-29" in model and "2100-02-29" not in model
    assert [text for text in written if schema.is_valid(text)] == model


# --- CSV cells: what the reader reads in some dialect, the row's schema accepts -----------------

CELLS = {
    (MetricsSnapshot, "reach"): [
        ("48200", True), ("48 200", True), (f"48{NARROW}200", True), ("0048200", True), ("", True), ("  ", True),
        ("15.800", False), ("15,8", False), ("48200,0", False), ("-3", False), ("48,2k", False),
        ("1234567890123456", False)],
    (MetricsSnapshot, "revenue"): [
        ("2354,28", True), ("2354.28", True), ("1 234,5", True), ("0,00", True), ("1234.500", True), ("", True),
        ("1.200", False), ("1,200", False), ("1.200,50", False), ("12,1234567", False), ("-5", False), ("abc", False)],
    (MetricsSnapshot, "date"): [
        ("2026-03-04", True), ("04/03/2026", True), (" 2026-03-04 ", True), ("2026-02-30", False),
        ("30/02/2026", False), ("16 février 2026", False), ("4/3/2026", False), ("", False)],
    (MetricsSnapshot, "source"): [("measured", True), (" estimated", True), ("", True), ("mesuré", False)],
    (Post, "published"): [
        ("2026-03-04T18:30", True), ("12/09/2026 17:00", True), ("2026-03-04 18:30:15+01:00", True),
        ("2026-03-04T18:30Z", True), ("2026-03-04", True), ("2026-03-04T24:00", False),
        ("2026-03-04T18:30+15:00", False), ("2026-03-04T18h30", False), ("2026-03-04T18:60", False)],
    (Post, "paid_label"): [("oui", True), ("VRAI", True), ("Yes", True), ("", True), ("x", False), ("1", False)],
    (Post, "network"): [("instagram", True), (" instagram ", True), ("Instagram", False)],
    (Post, "influencer"): [("lea-fontaine", True), (" lea-fontaine ", True), ("Lea", False), ("", False)],
    (Post, "url"): [("https://www.instagram.com/reel/x/", True), ("", True), ("www.instagram.com", False)],
    (Mention, "source"): [("presse", True), ("", False), ("  ", False)],
    (Mention, "text"): [("", True), ("n'importe quoi ; vraiment", True)],
}
DIALECTS = [(decimal, french) for decimal in (",", ".") for french in (True, False)]


def _reader_accepts(model: Any, column: str, cell: str) -> bool:
    field = model.model_fields[column]
    if not cell.strip():
        return not field.is_required()
    for decimal, french in DIALECTS:
        try:
            cell_reader(field, decimal, french, ZoneInfo("Europe/Paris"))(cell)
        except CellError:
            continue
        return True
    return False


@pytest.mark.parametrize("model, column", sorted(CELLS, key=lambda k: (k[0].__name__, k[1])),
                         ids=lambda k: getattr(k, "__name__", k))
def test_the_reader_and_the_row_schema_agree_on_cells_written_by_hand(model: Any, column: str) -> None:
    name = SCHEMA_NAMES[next(file for file, m in FILE_MODELS.items() if m is model)]
    schema = Draft202012Validator(SCHEMAS[name]["properties"][column])
    examples = CELLS[(model, column)]
    read = {cell: _reader_accepts(model, column, cell) for cell, _ in examples}
    assert read == {cell: accepted for cell, accepted in examples}
    assert {cell: schema.is_valid(cell) for cell, _ in examples} == read


def test_a_csv_column_is_described_as_the_reader_reads_it() -> None:
    # Every column of the three files has cell forms, text all of them (a row is text until typed).
    for model in (Post, MetricsSnapshot, Mention):
        for name, field in model.model_fields.items():
            forms = cell_forms(field)
            assert forms and all((form.schema or {}).get("type") == "string" for form in forms), name


# --- words: $id, titles, descriptions, in the workspace's language -------------------------------

def _validation_only(node: Any) -> Any:
    """A schema without its words: what it accepts."""
    if isinstance(node, list):
        return [_validation_only(item) for item in node]
    if isinstance(node, dict):
        return {key: _validation_only(value) for key, value in node.items()
                if key not in ("title", "description", "patternErrorMessage")}
    return node


def test_every_schema_has_an_id_a_title_and_a_description_for_each_key() -> None:
    ids = set()
    for name, schema in SCHEMAS.items():
        assert schema["$id"] == f"urn:pressbook:schema:1:{name}"
        ids.add(schema["$id"])
        assert schema["title"] and schema["description"]
        for key, described in schema["properties"].items():
            assert described.get("title") and described.get("description"), f"{name}: {key}"
    assert len(ids) == len(SCHEMAS)


def test_the_french_schemas_accept_the_same_and_say_it_in_french() -> None:
    french = schema_documents("fr")
    assert {name: _validation_only(s) for name, s in french.items()} == \
        {name: _validation_only(s) for name, s in SCHEMAS.items()}
    assert french["influencer"]["properties"]["topics"]["title"] != SCHEMAS["influencer"]["properties"]["topics"]["title"]


def _form_keys(node: Any) -> Iterator[str]:
    from pressbook.model.written import FORM_KEY

    if isinstance(node, list):
        for item in node:
            yield from _form_keys(item)
    elif isinstance(node, dict):
        if FORM_KEY in node:
            yield node[FORM_KEY]
        for value in node.values():
            yield from _form_keys(value)


def test_the_french_catalogue_has_every_top_level_key_and_every_form() -> None:
    from pressbook.reference import _row_schema

    words = catalogue("fr")
    for file_name, model in FILE_MODELS.items():
        name = SCHEMA_NAMES[file_name]
        assert words["titles"].get(name), name
        keys = words["keys"].get(name, {})
        missing = [key for key in model.model_fields if not (keys.get(key, {}).get("title") and
                                                             keys.get(key, {}).get("description"))]
        assert missing == [], f"schema_words.yml has no French title and description for {name}: {missing}"
        assert set(keys) - set(model.model_fields) == set(), f"{name}: keys the model does not have"
    used = {key for model in FILE_MODELS.values() for key in _form_keys(model.model_json_schema())}
    used |= {key for model in (Post, MetricsSnapshot, Mention) for key in _form_keys(_row_schema(model))}
    missing = sorted(key for key in used if not words["forms"].get(key, {}).get("description"))
    assert missing == [], f"schema_words.yml has no French description for these forms: {missing}"
    assert set(words["forms"]) - used == set(), "forms no schema uses"


def test_the_schema_command_follows_the_workspace_language(starter: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    french_title = catalogue("fr")["titles"]["influencer"]
    monkeypatch.chdir(starter)  # a French workspace
    assert CliRunner().invoke(cli, ["schema", str(tmp_path / "fr")]).exit_code == 0
    assert french_title in (tmp_path / "fr" / "influencer.schema.json").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "--lang", "en", str(tmp_path / "en")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "en" / "influencer.schema.json").read_text(encoding="utf-8") == schemas("en")["influencer.schema.json"]
    monkeypatch.chdir(tmp_path)  # no workspace here: English
    assert CliRunner().invoke(cli, ["schema", str(tmp_path / "out")]).exit_code == 0
    assert (tmp_path / "out" / "influencer.schema.json").read_text(encoding="utf-8") == schemas("en")["influencer.schema.json"]


def test_a_new_workspace_gets_the_schemas_in_its_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "ws" / "schemas").glob("*.json")}
    assert written == schemas("fr")  # the starter's workspace.yml says language: fr


def test_an_editor_finds_nothing_to_say_on_the_demo_front_matter(tmp_path: Path) -> None:
    """Front matter, where amounts, percentages and dates are written most, given to yaml-language-server
    (what VS Code's YAML extension runs) as the YAML it is, against the French schemas."""
    import json

    from test_editors import _listing, editor_diagnostics

    from pressbook.reference import write_schemas

    write_schemas(tmp_path / "schemas", "fr")
    mapping = {}
    for pattern, name in SCHEMA_NAMES.items():
        if pattern.endswith(".md"):
            mapping[f"./schemas/{name}.schema.json"] = "content/" + re.sub(r"<[^>]+>", "*", pattern[:-3]) + ".yml"
    for relative, name in workspace_files(ROOT):
        if relative.endswith(".md"):
            lines = (ROOT / relative).read_text(encoding="utf-8").split("\n")
            target = (tmp_path / relative).with_suffix(".yml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(lines[1:lines.index("---", 1)]) + "\n", encoding="utf-8")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text(json.dumps({"yaml.schemas": mapping}), encoding="utf-8")
    found = editor_diagnostics(tmp_path, locale="fr")
    assert len(found) >= 20
    assert _listing(found) == ""


def test_a_key_that_must_be_an_id_is_refused_at_that_key() -> None:
    from pressbook.model import Settings

    for key, accepted in (("maison-exemple", True), ("Maison Exemple", False)):
        document = {"agency": "Mon agence", "sites": {"clients": {key: {"drafts": True}}}}
        assert _model_accepts(Settings, document) is accepted
        errors = list(_validator("workspace").iter_errors(document))
        assert (errors == []) is accepted
        assert accepted or f"sites.clients.{key}" in _error_paths(errors)
