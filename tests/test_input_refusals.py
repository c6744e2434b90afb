"""What `pressbook check` refuses in the workspace's own text, before anything is built: bytes that are
not the file's encoding, numbers that could be read two ways, invisible characters in ids, handles,
names and addresses, and the builder's environment asked for from mkdocs.yml."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pressbook.build import build
from pressbook.checking import check_workspace
from pressbook.loading.csv_values import YES_NO, parse_yes_no
from pressbook.loading.files import read_text
from pressbook.loading.yaml_strict import load_yaml

DOCS = Path(__file__).resolve().parent.parent / "docs"
LANCEMENT = Path("content") / "campaigns" / "lancement"


def _errors(root: Path) -> list[tuple[str, int, int, str, str]]:
    _, problems = check_workspace(root)
    return [(p.location.path, p.location.line, p.location.column, p.code, str(p.message))
            for p in problems if p.severity == "error"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _assert_nothing_built(root: Path) -> None:
    result = build(root)
    assert not result.ok
    assert not (root / "site").exists()


# --- encodings ------------------------------------------------------------------------------------

def test_a_stray_byte_in_a_utf8_posts_csv_is_refused_at_its_place_and_nothing_builds(starter: Path) -> None:
    posts = starter / LANCEMENT / "posts.csv"
    text = posts.read_text(encoding="utf-8")
    # One character pasted from a Windows document: 'è' as cp1252 writes it, in a UTF-8 file whose
    # captions hold '✨' and 'ç'.
    before, after = text.split("Ma routine du soir", 1)
    posts.write_bytes(before.encode() + "Ma routine du soir, ça et la crè".encode() + b"\xe8me" + after.encode())
    assert _errors(starter) == [(
        "content/campaigns/lancement/posts.csv", 3, 33, "file.encoding",
        "the file is not UTF-8 here: byte 0xE8 ('è' in Windows' encoding) is no character in UTF-8")]
    _assert_nothing_built(starter)


def test_a_csv_without_any_utf8_is_still_read_as_windows_excel_saves_it(starter: Path) -> None:
    posts = starter / LANCEMENT / "posts.csv"
    text = posts.read_text(encoding="utf-8").replace("✨ ", "")
    posts.write_bytes(text.replace("routine du soir", "crème du soir").encode("cp1252"))
    workspace, problems = check_workspace(starter)
    assert [p.code for p in problems] == ["file.encoding-guessed"]
    assert workspace is not None
    captions = [post.caption for post in workspace.campaigns["lancement"].posts]
    assert any("crème du soir" in caption for caption in captions)


def test_a_byte_invalid_in_yaml_or_markdown_is_at_its_line_and_column_in_characters(tmp_path: Path) -> None:
    card = tmp_path / "card.md"
    card.write_bytes("---\nname: Léa\ntone: «\u00a0Très ".encode() + b"s\xfbr" + " »\n---\n".encode())
    problems: list = []
    assert read_text(tmp_path, card, problems) is None
    # 'tone: «\u00a0Très s' is 14 characters (18 bytes): the column is the 15th character's.
    assert [(p.location.line, p.location.column, p.code) for p in problems] == [(3, 15, "file.encoding")]
    assert "0xFB ('û' in Windows' encoding)" in str(problems[0].message)


def test_the_column_of_a_bad_byte_on_the_first_line_does_not_count_the_byte_order_mark(tmp_path: Path) -> None:
    brief = tmp_path / "brief.md"
    brief.write_bytes(b"\xef\xbb\xbf" + "é-".encode() + b"\xa0\n")
    problems: list = []
    read_text(tmp_path, brief, problems)
    assert [(p.location.line, p.location.column) for p in problems] == [(1, 3)]


# --- ambiguous amounts ----------------------------------------------------------------------------

@pytest.mark.parametrize("written, readings", [
    ("1.200", ("1200", "1.2")), ("1,200", ("1200", "1.2")), ("12.500", ("12500", "12.5")),
    ("999,999", ("999999", "999.999")), ("5.000", ("5000", "5")),
])
def test_an_amount_with_three_digits_after_a_separator_is_ambiguous_in_yaml(
        starter: Path, written: str, readings: tuple[str, str]) -> None:
    contract = starter / LANCEMENT / "contracts" / "lea-exemple.yml"
    _replace(contract, "fee: 1200", f"fee: {written}")
    _, problems = check_workspace(starter)
    [problem] = [p for p in problems if p.severity == "error"]
    assert (problem.location.line, problem.location.column, problem.code, problem.key) == (
        3, 6, "number.ambiguous", "fee")
    assert f"write {readings[0]} if" in str(problem.hint or "") and f"or {readings[1]} if" in str(problem.hint or "")


@pytest.mark.parametrize("key, old, new", [
    ("budget", "budget: 2500", "budget: 2.500"),
    ("roster[0].fee", "    fee: 1200", "    fee: 1,200"),
    ("kpis.reach", "  reach: 40000", "  reach: 40.000"),
])
def test_every_amount_or_count_of_a_brief_refuses_it(starter: Path, key: str, old: str, new: str) -> None:
    _replace(starter / LANCEMENT / "brief.md", old, new)
    _, problems = check_workspace(starter)
    assert [(p.code, p.key) for p in problems if p.severity == "error"] == [("number.ambiguous", key)]


@pytest.mark.parametrize("written, plain", [("1.200,50", "1200.50"), ("1,200.50", "1200.50"),
                                            ("1 200", "1200"), ("1.200.000", "1200000")])
def test_an_amount_with_thousands_separators_is_refused_with_the_number_to_write(
        starter: Path, written: str, plain: str) -> None:
    _replace(starter / LANCEMENT / "contracts" / "lea-exemple.yml", "fee: 1200", f"fee: {written}")
    _, problems = check_workspace(starter)
    assert [(p.code, str(p.hint or "").split(":")[0]) for p in problems if p.severity == "error"] == [
        ("schema.type", f"write {plain}")]


@pytest.mark.parametrize("written", ["1200", "1200.5", "12.50", "1.2", "0.500", "1200.500", "12.3456"])
def test_amounts_that_read_one_way_only_are_accepted(starter: Path, written: str) -> None:
    _replace(starter / LANCEMENT / "contracts" / "lea-exemple.yml", "fee: 1200", f"fee: {written}")
    assert _errors(starter) == []


def test_a_rate_written_as_a_fraction_of_three_decimals_is_no_amount(starter: Path) -> None:
    _replace(starter / LANCEMENT / "brief.md", "engagement_rate: 4%", "engagement_rate: 0.045")
    assert _errors(starter) == []


@pytest.mark.parametrize("cell, readings", [("1.200", "1200 or as 1.2"), ("1,200", "1200 or as 1.2")])
def test_an_ambiguous_amount_in_a_dot_decimal_csv_is_refused_too(starter: Path, cell: str, readings: str) -> None:
    metrics = starter / LANCEMENT / "metrics.csv"
    lines = metrics.read_text(encoding="utf-8").splitlines()
    lines[0] += ",revenue"
    lines[1] += f',"{cell}"'
    lines[2:] = [line + "," for line in lines[2:]]
    metrics.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = _errors(starter)
    assert [(line, code) for _, line, _, code, _ in errors] == [(2, "number.ambiguous")]
    assert errors[0][4].endswith(f"is ambiguous: it reads as {readings}")


# --- booleans as documented -----------------------------------------------------------------------

def test_yaml_booleans_are_the_documented_spellings_and_no_other(starter: Path) -> None:
    documented = (DOCS / "workspace.md").read_text(encoding="utf-8")
    assert "boolean only when written `true` or `false`" in documented
    problems: list = []
    data = load_yaml("a: true\nb: false\nc: True\nd: FALSE\ne: yes\n", "t.yml", problems).data
    assert data == {"a": True, "b": False, "c": "True", "d": "FALSE", "e": "yes"}
    _replace(starter / "content" / "clients" / "maison-exemple.yml", "public: false", "public: True")
    assert [(code, message) for _, _, _, code, message in _errors(starter)] == [
        ("schema.type", "expected true or false, found 'True'")]


def test_every_word_a_csv_yes_no_column_reads_is_documented_and_read() -> None:
    documented = (DOCS / "workspace.md").read_text(encoding="utf-8")
    section = documented[documented.index("yes/no columns accept"):].split(";")[0]
    words = {word.lower() for word in re.findall(r"`([^`]+)`", section)}
    assert words == set(YES_NO) - {""}
    for word, value in YES_NO.items():
        assert parse_yes_no(word.upper()) is value
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert "| `paid_label` | `yes` \\| `no`" in reference


# --- invisible characters -------------------------------------------------------------------------

INVISIBLE = ["\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
             "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]


JOINERS = ["\u200c", "\u200d"]  # part of how emoji sequences and some scripts are written


@pytest.mark.parametrize("character", [c for c in INVISIBLE if c not in JOINERS])
def test_an_invisible_character_in_a_name_is_refused_at_its_own_column(starter: Path, character: str) -> None:
    _replace(starter / "content" / "clients" / "maison-exemple.yml", "name: Maison Exemple",
             f"name: Maison {character}Exemple")
    [(path, line, column, code, message)] = _errors(starter)
    assert (path, line, column, code) == ("content/clients/maison-exemple.yml", 1, 14, "text.invisible")
    assert f"U+{ord(character):04X} {unicodedata.name(character)}" in message
    _assert_nothing_built(starter)


def test_a_name_may_hold_the_joiners_of_an_emoji_a_handle_may_not(starter: Path) -> None:
    card = starter / "content" / "influencers" / "lea-exemple.md"
    _replace(card, "name: Léa Exemple", "name: Léa Exemple 👩\u200d🍳")
    assert _errors(starter) == []
    _replace(card, "handle: lea.exemple", "handle: lea\u200dexemple")
    [(path, _, _, code, message)] = _errors(starter)
    assert (path, code) == ("content/influencers/lea-exemple.md", "text.invisible")
    assert "U+200D ZERO WIDTH JOINER" in message


@pytest.mark.parametrize("file, old, new, key", [
    ("content/workspace.yml", "agency: Mon agence", "agency: Mon \u202eagence", "agency"),
    ("content/clients/maison-exemple.yml", "  - name: Camille", "  - name: \u200fCamille", "contacts[0].name"),
    ("content/clients/maison-exemple.yml", "website: https://maison", "website: https://\u200bmaison", "website"),
    ("content/influencers/lea-exemple.md", "handle: lea.exemple", "handle: \u2067lea.exemple", "networks.instagram.handle"),
    ("content/influencers/lea-exemple.md", "url: https://www.instagram.com/lea.exemple",
     "url: https://www.instagram.com/lea.exemple\u2069", "networks.instagram.url"),
    ("content/campaigns/lancement/brief.md", "title: Lancement", "title: \u202bLancement", "title"),
    ("content/campaigns/lancement/brief.md", "@maison.exemple\"]", "@maison.exemple\u200d\"]", "mentions[0]"),
    ("content/campaigns/lancement/brief.md", "influencer: lea-exemple", "influencer: lea-exemple\u2060",
     "roster[0].influencer"),
    ("content/campaigns/lancement/contracts/lea-exemple.yml", "  - name: Maison Exemple",
     "  - name: Maison \ufeffExemple", "parties[0].name"),
])
def test_every_id_handle_name_and_address_of_yaml_refuses_them(starter: Path, file: str, old: str, new: str,
                                                                 key: str) -> None:
    _replace(starter / file, old, new)
    _, problems = check_workspace(starter)
    found = [(p.location.path, p.code, p.key) for p in problems if p.severity == "error"]
    assert found == [(file, "text.invisible", key)]
    [problem] = [p for p in problems if p.severity == "error"]
    written = (starter / file).read_text(encoding="utf-8").splitlines()[problem.location.line - 1]
    assert not written[problem.location.column - 1].isprintable()


def test_the_showcase_headline_and_quote_author_refuse_them(starter: Path) -> None:
    (starter / LANCEMENT / "showcase.md").write_text(
        "---\npublish: false\nheadline: Une gamme \u202equi brille\nquote:\n  text: Merci !\n"
        "  author: Camille\u200b Martin\n---\nL'histoire.\n", encoding="utf-8")
    assert [(line, column, code) for _, line, column, code, _ in _errors(starter)] == [
        (3, 21, "text.invisible"), (6, 18, "text.invisible")]


def test_free_text_may_hold_them_the_sites_isolate_it(starter: Path) -> None:
    _replace(starter / "content" / "clients" / "maison-exemple.yml", "sector: Cosmétique",
             "sector: Cosmétique\nnotes: \u202eà relire\u202c avec \u200bCamille")
    _replace(starter / LANCEMENT / "posts.csv", "Ma routine du soir", "Ma routine \u2067du soir\u2069")
    _replace(starter / LANCEMENT / "brief.md", "Le brief de la campagne", "Le brief \u202ede la campagne")
    assert _errors(starter) == []


def test_in_csv_cells_the_column_is_the_characters(starter: Path) -> None:
    posts = starter / LANCEMENT / "posts.csv"
    _replace(posts, "lea-1,lea-exemple,instagram,reel,https://www.instagram.com/reel/exemple1",
             "lea-1,lea-\u200bexemple,instagram,reel,\"https://www.instagram.com/reel/\u202eexemple1\"")
    metrics = starter / LANCEMENT / "metrics.csv"
    _replace(metrics, "lea-1,2026-02-12", "lea-1\u2066,2026-02-12")
    assert [(path.rsplit("/", 1)[1], line, column, code, message.split(",")[0]) for path, line, column, code, message
            in _errors(starter)] == [
        ("metrics.csv", 3, 6, "text.invisible", "this post id holds U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("posts.csv", 2, 11, "text.invisible", "this id holds U+200B ZERO WIDTH SPACE"),
        ("posts.csv", 2, 67, "text.invisible", "this address holds U+202E RIGHT-TO-LEFT OVERRIDE"),
    ]


# --- the builder's environment --------------------------------------------------------------------

@pytest.mark.parametrize("value, column", [("!ENV HOME", 12), ("!ENV [TOKEN, default]", 12),
                                           ("!ENV [PATH]", 12), ("!relative", 12)])
def test_mkdocs_yml_cannot_ask_for_the_builders_environment(starter: Path, value: str, column: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKEN", "canary-token-4242")
    config = starter / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"copyright: {value}\n", encoding="utf-8")
    line = config.read_text(encoding="utf-8").count("\n")
    [(path, at_line, at_column, code, message)] = _errors(starter)
    assert (path, at_line, at_column, code) == ("mkdocs.yml", line, column, "yaml.tag")
    assert message.startswith(("'!ENV' would put the builder's environment variable", "'!relative' would put"))
    _assert_nothing_built(starter)


def test_a_byte_invalid_in_mkdocs_yml_is_at_its_place(starter: Path) -> None:
    (starter / "mkdocs.yml").write_bytes("site_name: Mon agence\ncopyright: Agence ".encode() + b"\xe9t\xe9\n")
    assert _errors(starter) == [("mkdocs.yml", 2, 19, "file.encoding", "the file is not UTF-8 here: byte 0xE9 "
                                 "('é' in Windows' encoding) is no character in UTF-8; 1 more such byte follows")]


def test_an_invisible_character_in_an_id_written_as_a_key_or_a_file_name_is_named(starter: Path) -> None:
    settings = starter / "content" / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8") +
                        "sites:\n  clients:\n    maison-\u200bexemple:\n      url: https://x.example\n",
                        encoding="utf-8")
    card = starter / "content" / "influencers" / "lea-exemple.md"
    card.rename(card.with_name("lea-\u202eexemple.md"))
    errors = [(path, line, column, code, message.split(",")[0]) for path, line, column, code, message
              in _errors(starter)]
    line = settings.read_text(encoding="utf-8").splitlines().index("    maison-\u200bexemple:") + 1
    assert ("content/influencers/lea-\u202eexemple.md", 1, 1, "text.invisible",
            "this file's name holds U+202E RIGHT-TO-LEFT OVERRIDE") in errors
    assert ("content/workspace.yml", line, 12, "text.invisible", "this id holds U+200B ZERO WIDTH SPACE") in errors
