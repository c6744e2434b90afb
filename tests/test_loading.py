"""Strict YAML, front matter and CSV dialects: what an account manager's editor or spreadsheet writes."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pressbook.loading.csv_tables import read_table
from pressbook.loading.csv_values import CellError, parse_count, parse_decimal, parse_moment
from pressbook.loading.frontmatter import load_front_matter
from pressbook.loading.yaml_strict import load_yaml


def _yaml(text: str):
    problems: list = []
    document = load_yaml(text, "t.yml", problems)
    return document, problems


@pytest.mark.parametrize("written, value", [
    ("NO", "NO"), ("yes", "yes"), ("on", "on"), ("01234", "01234"), ("+33612345678", "+33612345678"),
    ("12:30", "12:30"), ("1e3", "1e3"), ("2026-03-04", "2026-03-04"), (".inf", ".inf"),
    ("true", True), ("false", False), ("~", None), ("42", 42), ("4.5", Decimal("4.5")), ('"true"', "true"),
    ("'42'", "42"),
])
def test_yaml_1_1_surprises_stay_text(written: str, value) -> None:
    document, problems = _yaml(f"key: {written}\n")
    assert problems == []
    assert document.data == {"key": value}
    assert type(document.data["key"]) is type(value)


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\nb: 2\na: 3\n", "yaml.duplicate-key", 3),
    ("a: &x 1\nb: *x\n", "yaml.anchor", 1),
    ("a: !!int 3\n", "yaml.tag", 1),
    ("a: !custom x\n", "yaml.tag", 1),
    ("a:\n\tb: 1\n", "yaml.syntax", 2),
    ("a: 1\n---\nb: 2\n", "yaml.multiple-documents", 2),
    ("a: [1, 2\n", "yaml.syntax", 2),
])
def test_yaml_refusals_are_located(text: str, code: str, line: int) -> None:
    _, problems = _yaml(text)
    assert [p.code for p in problems][:1] == [code]
    assert problems[0].location.line == line


def test_front_matter_keeps_file_line_numbers() -> None:
    problems: list = []
    document = load_front_matter("\ufeff---\nname: A\nfollowers: x\n---\nBody *here*\n".lstrip("\ufeff"),
                                 "c.md", problems)
    assert problems == []
    assert document.locate(("followers",)).line == 3
    assert document.body.strip() == "Body *here*"
    assert document.body_line == 5


@pytest.mark.parametrize("text", ["\n---\nname: A\n---\n", "# Title\n---\nname: A\n---\n", "name: A\n"])
def test_front_matter_must_open_the_file(text: str) -> None:
    problems: list = []
    document = load_front_matter(text, "c.md", problems)
    assert [p.code for p in problems] == ["frontmatter.missing"]
    assert document.data is None


def test_unclosed_front_matter() -> None:
    problems: list = []
    load_front_matter("---\nname: A\n", "c.md", problems)
    assert [p.code for p in problems] == ["frontmatter.unclosed"]


@pytest.mark.parametrize("cell, decimal, value", [
    ("1234", ",", Decimal(1234)), ("1234,5", ",", Decimal("1234.5")), ("12 500", ",", Decimal(12500)),
    ("12\u00a0500,25", ",", Decimal("12500.25")), ("1\u202f234\u202f567", ",", Decimal(1234567)),
    ("1234.5", ".", Decimal("1234.5")), ("12 500.5", ".", Decimal("12500.5")), ("-3", ".", Decimal(-3)),
])
def test_numbers_as_spreadsheets_write_them(cell: str, decimal: str, value: Decimal) -> None:
    assert parse_decimal(cell, decimal) == value


@pytest.mark.parametrize("cell, decimal", [
    ("1.234", ","), ("1,234", "."), ("1'234", "."), ("12 50", ","), ("1,234,567", "."), ("12k", "."),
    ("1_000", "."), ("", "."),
])
def test_ambiguous_or_foreign_numbers_are_refused(cell: str, decimal: str) -> None:
    with pytest.raises(CellError):
        parse_decimal(cell, decimal)


def test_counts_refuse_decimals() -> None:
    assert parse_count("1 320", ",") == 1320
    with pytest.raises(CellError):
        parse_count("12,5", ",")


def test_dates_french_only_in_french_workspaces() -> None:
    assert parse_moment("04/03/2026", french=True) == date(2026, 3, 4)
    assert parse_moment("04/03/2026 18:30", french=True) == datetime(2026, 3, 4, 18, 30)
    assert parse_moment("2026-03-04T18:30+01:00", french=False).utcoffset().total_seconds() == 3600
    with pytest.raises(CellError):
        parse_moment("04/03/2026", french=False)
    with pytest.raises(CellError):
        parse_moment("31/02/2026", french=True)


def _table(tmp_path: Path, data: bytes, encoding: str = "auto"):
    (tmp_path / "content").mkdir(exist_ok=True)
    path = tmp_path / "content" / "posts.csv"
    path.write_bytes(data)
    problems: list = []
    return read_table(tmp_path, path, encoding, "auto", problems), problems


def test_excel_french_csv(tmp_path: Path) -> None:
    data = ('id;caption;n\r\np1;"Première ligne\r\nseconde ligne; avec point-virgule";1 234,5\r\n'
            'p2;été;2\r\n').encode("cp1252")
    table, problems = _table(tmp_path, data)
    assert [p.code for p in problems] == ["file.encoding-guessed"]
    assert table.separator == ";" and table.decimal == ","
    assert [row.line for row in table.rows] == [2, 4]
    assert table.rows[0].cells[1] == "Première ligne\nseconde ligne; avec point-virgule"
    assert table.rows[1].cells[1] == "été"
    assert table.rows[1].column(2) == 8


def test_lines_ended_by_a_carriage_return_alone_as_old_mac_excel_saves_them(tmp_path: Path) -> None:
    table, problems = _table(tmp_path, b'id,caption,n\rp1,"two\rlines",12\rp2,x,1 k\r')
    assert table.header == ["id", "caption", "n"]
    assert [(row.line, row.cells) for row in table.rows] == [(2, ["p1", "two\nlines", "12"]),
                                                              (4, ["p2", "x", "1 k"])]
    assert problems == []


def test_utf8_with_bom_and_commas(tmp_path: Path) -> None:
    table, problems = _table(tmp_path, "\ufeffid,caption\np1,\"a, b\"\n".encode("utf-8"))
    assert problems == []
    assert table.header == ["id", "caption"] and table.rows[0].cells == ["p1", "a, b"]


def test_cp1252_declared_is_not_a_warning(tmp_path: Path) -> None:
    _, problems = _table(tmp_path, "id\nété\n".encode("cp1252"), encoding="cp1252")
    assert problems == []


def test_invalid_bytes_are_located(tmp_path: Path) -> None:
    table, problems = _table(tmp_path, b"id\nab\x81\n")
    assert table is None
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("file.encoding", 2, 3)]
    assert "0x81" in str(problems[0].message)


def test_text_files_are_read_whole_up_to_one_mebibyte(tmp_path: Path) -> None:
    from pressbook.loading.files import MAX_TEXT_BYTES, read_text

    card = tmp_path / "content" / "card.md"
    card.parent.mkdir()
    card.write_bytes(b"\xef\xbb\xbf---\r\nname: L\xc3\xa9a\r\n---\r\n" + b"x" * (MAX_TEXT_BYTES - 40))
    problems: list = []
    assert read_text(tmp_path, card, problems) == "---\nname: Léa\n---\n" + "x" * (MAX_TEXT_BYTES - 40)
    assert problems == []
    for size in (64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, MAX_TEXT_BYTES):  # around the first read, and the limit
        card.write_bytes(b"y" * size)
        assert read_text(tmp_path, card, problems) == "y" * size
    assert problems == []
    card.write_bytes(b"x" * (MAX_TEXT_BYTES + 10))
    assert read_text(tmp_path, card, problems) is None
    assert [(p.location.path, p.code, str(p.message)) for p in problems] == [
        ("content/card.md", "file.too-large", "the file is 1,048,586 bytes; text files are limited to 1 MiB")]


def test_a_file_without_read_permission_is_a_problem_at_it(tmp_path: Path, monkeypatch) -> None:
    # The tests run as root, whom permissions do not stop: the system's refusal is stood in for.
    from pressbook.loading import files

    def refused(path, mode="r", *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(files, "open", refused, raising=False)
    problems: list = []
    assert files.read_text(tmp_path, tmp_path / "content" / "card.md", problems) is None
    assert [(p.location.path, p.code, str(p.message), str(p.hint or "")) for p in problems] == [
        ("content/card.md", "file.unreadable", "the file cannot be read: Permission denied",
         "check the file's permissions: whoever runs pressbook must be able to read it")]


# --- characters, nesting and aliases that stopped the check with a traceback (found by fuzzing) -------

@pytest.mark.parametrize("character, name", [
    ("\x0b", "a vertical tab (U+000B)"), ("\x00", "a null character (U+0000)"),
    ("\x1b", "an escape character (U+001B)"), ("\ufffe", "(U+FFFE)"),
])
def test_a_character_yaml_refuses_is_named_at_its_line_and_column(character: str, name: str) -> None:
    # PowerPoint and Word paste a line break inside a paragraph as a vertical tab.
    _, problems = _yaml(f"name: Léa\ntone: Chaleureux{character}direct\n")
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("yaml.syntax", 2, 17)]
    assert name in str(problems[0].message) and "YAML does not accept" in str(problems[0].message)
    assert str(problems[0].hint or "").startswith("delete it, or retype the text around it")


def test_a_character_yaml_refuses_in_front_matter_is_at_the_files_line() -> None:
    problems: list = []
    document = load_front_matter("---\nname: A\ntone: Chaleureux\x0bdirect\n---\nBody\n", "c.md", problems)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("yaml.syntax", 3, 17)]
    assert "vertical tab" in str(problems[0].message)
    assert document.data is None


def test_the_other_characters_yaml_refuses_are_listed_by_line() -> None:
    _, problems = _yaml("tone: a\x0bb\x0bc\nname: A\nrole: x\x00\n")
    assert len(problems) == 1
    assert str(problems[0].hint or "").endswith("; 2 more such characters are on lines 1 and 3")


def test_values_nested_more_than_fifty_levels_are_refused_where_they_go_too_deep() -> None:
    document, problems = _yaml("name: A\nextra: " + "[" * 500 + "]" * 500 + "\nrole: x\n")
    # At the 50th bracket: the 51st level, counting the file's own mapping.
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("yaml.syntax", 2, 57)]
    assert str(problems[0].message) == "the values are nested more than 50 levels deep here"
    assert document.data["name"] == "A" and document.data["role"] == "x"  # the rest is read, and checked


def test_values_nested_past_libyamls_own_limit_have_the_same_message() -> None:
    # libyaml refuses 1000 levels, and reads ahead of ours: the place is its own.
    _, problems = _yaml("name: A\nextra: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [(p.code, p.location.line) for p in problems] == [("yaml.syntax", 2)]
    assert str(problems[0].message) == "the values are nested more than 50 levels deep here"


def test_fifty_levels_of_nesting_are_read() -> None:
    document, problems = _yaml("extra: " + "[" * 49 + "1" + "]" * 49 + "\n")
    assert problems == []
    value = document.data["extra"]
    for _ in range(48):
        value = value[0]
    assert value == (1,)
    _, problems = _yaml("".join(f"{'  ' * level}k{level}:\n" for level in range(60)))
    assert [(p.code, p.location.line) for p in problems] == [("yaml.syntax", 51)]


@pytest.mark.parametrize("key", ["notes[fr]", "function-x", "'[key]'"])
def test_a_key_that_looks_like_a_type_name_is_an_ordinary_unknown_key(key: str) -> None:
    from pressbook.model.people import Client
    from pressbook.validation.documents import validate_document

    document, problems = _yaml(f"name: Maison\nconsent:\n  public: false\n{key}: bonjour\n")
    assert validate_document(Client, document, problems) is None
    assert [(p.code, p.location.line, p.location.column, str(p.message)) for p in problems] == [
        ("schema.unknown-key", 4, 1, f"unknown key '{key.strip(chr(39))}'")]


def test_a_nested_key_that_looks_like_a_type_name_is_an_unknown_key_at_its_line() -> None:
    from pressbook.model.people import Client
    from pressbook.validation.documents import validate_document

    document, problems = _yaml("name: Maison\nconsent:\n  public: false\ncontacts:\n  - name: C\n    role[en]: x\n")
    validate_document(Client, document, problems)
    assert [(p.code, p.key, p.location.line, p.location.column) for p in problems] == [
        ("schema.unknown-key", "contacts[0].role[en]", 6, 5)]


def _mkdocs_yml(tmp_path: Path, text: str) -> list:
    """The problems of a workspace's mkdocs.yml; the check must take well under a second."""
    import signal

    from pressbook.validation.mkdocs_yml import read_mkdocs_yml

    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")

    def too_long(*_) -> None:
        raise TimeoutError("the check of mkdocs.yml took more than a second")
    previous = signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        _, problems = read_mkdocs_yml(tmp_path)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return problems


def _where(problems: list) -> list:
    return sorted((p.code, p.location.line, p.location.column) for p in problems)


@pytest.mark.parametrize("text, line, column", [
    ("extra: &x\n  self: *x\n", 2, 9), ("extra: &x [*x]\n", 1, 12),
    ("theme:\n  features: &f [navigation.top, *f]\n", 2, 33),
])
def test_an_alias_inside_the_value_it_names_is_an_error_in_mkdocs_yml(tmp_path: Path, text: str, line: int,
                                                                   column: int) -> None:
    # MkDocs reads it, then fails where the theme writes the value out (JSON: "Circular reference").
    problems = _mkdocs_yml(tmp_path, "site_name: A\n" + text)
    assert _where(problems) == [("yaml.anchor", line + 1, column)]
    assert "contain itself" in str(problems[0].message)


def test_aliases_of_aliases_in_mkdocs_yml_are_refused_in_well_under_a_second(tmp_path: Path) -> None:
    # Nine lines that stand for a billion values: MkDocs logs every setting in full and never finished.
    laughs = "l0: &l0 [a,a,a,a,a,a,a,a,a,a]\n" + "".join(
        f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))
    problems = _mkdocs_yml(tmp_path, "site_name: A\nextra:\n" + laughs.replace("l", "  l", 1).replace("\nl", "\n  l"))
    assert _where(problems) == [("yaml.anchor", 6, 40)]
    assert str(problems[0].message) == "with its aliases written out, this file holds more than 10,000 values"


def test_mkdocs_yml_nested_too_deep_is_an_error_at_its_place(tmp_path: Path) -> None:
    problems = _mkdocs_yml(tmp_path, "site_name: A\nextra: " + "[" * 990 + "]" * 990 + "\n")
    assert _where(problems) == [("yaml.syntax", 2, 57)]
    assert str(problems[0].message) == "the values are nested more than 50 levels deep here"


def test_mkdocs_yml_aliases_and_merge_keys_in_moderation_are_read(tmp_path: Path) -> None:
    problems = _mkdocs_yml(tmp_path, "site_name: A\ntheme:\n  palette: &p {scheme: default}\nextra:\n  a: *p\n"
                                     "  b: [*p, *p, {<<: *p, primary: indigo}]\n  python: &py !!python/name:os.system\n"
                                     "  again: [*py, *py]\n<<: {plugins: [search]}\n")
    assert _where(problems) == [("mkdocs.overruled", 9, 6), ("yaml.tag", 7, 11)]


@pytest.mark.parametrize("text, found", [
    ("theme: !!python/name:os.system\n", [("mkdocs.overruled", 2, 1), ("yaml.tag", 2, 8)]),
    ("use_directory_urls: !!bool maybe\n", [("mkdocs.overruled", 2, 1), ("schema.value", 2, 21)]),
    ("use_directory_urls: !!int abc\n", [("mkdocs.overruled", 2, 1), ("schema.value", 2, 21)]),
])
def test_a_tagged_value_on_a_key_pressbook_sets_is_reported(tmp_path: Path, text: str, found: list) -> None:
    assert _where(_mkdocs_yml(tmp_path, "site_name: A\n" + text)) == found


def test_a_character_yaml_refuses_in_mkdocs_yml_is_named_at_its_place(tmp_path: Path) -> None:
    problems = _mkdocs_yml(tmp_path, "site_name: Mon\x0bagence\n")
    assert _where(problems) == [("yaml.syntax", 1, 15)]
    assert "a vertical tab (U+000B)" in str(problems[0].message)


def test_a_row_after_a_caption_holding_a_line_separator_keeps_its_own_text(tmp_path: Path) -> None:
    # U+2028 inside a quoted caption is no line end to the CSV reader: the rows after it must still be
    # pointed at on their own lines, at their own columns.
    path = tmp_path / "posts.csv"
    path.write_text('id,caption,reach\np1,"une\u2028ligne",10\np2,ok,1.200\n', encoding="utf-8")
    table = read_table(tmp_path, path, "auto", "auto", [])
    row = table.rows[1]
    assert (row.line, row.raw, row.column(2)) == (3, "p2,ok,1.200", 7)
