"""pressbook's words in each language: every key the code says has an entry in French and in English,
with the same parameters, and the French one is French; the catalogue holds no entry no code says;
and no module makes a problem, a finding or a refusal out of finished English words."""
from __future__ import annotations

import ast
import string
from functools import lru_cache
from pathlib import Path

import pytest

from pressbook.catalogue import LANGUAGES, PLURAL_CATEGORIES
from pressbook.loading.yaml_strict import load_yaml
from pressbook.messages import CATALOGUE, Message, listed, quoted, says

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "pressbook"

# Entries whose French words are the English ones, each with why.
SAME_IN_BOTH = {
    "ref.image": "the path then the image's refusal: the words are the refusal's, a message of its own",
    "image.pixels": "« pixel » is French",
    "yaml.character.named": "a character's name, then its Unicode number, alike in every language",
    "look.kind.with-value": "a kind of value, then the value as written: the words are the kind's",
    "compliance.token": "a mention of a caption, quoted « » in every language (the captions are French)",
    "value.true": "YAML's word, which users type as it is in every language",
    "value.false": "YAML's word, which users type as it is in every language",
    "invisible.described": "a character's Unicode name, then what it does: the words are the parameters'",
}

# What a message is made with: a call whose argument at this place (or keyword) is the words.
_WORDS = {"Problem": ((3, "message"), (4, "hint")), "Finding": ((2, "message"), (3, "hint")),
          "ImageRefused": ((0, "message"), (1, "hint")), "CellError": ((0, "message"), (1, "hint")),
          "fail": ((1, "message"),), "NotSent": ((0, "message"), (1, "hint"))}


def _modules() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py")) if "starter/files" not in path.as_posix()]


@lru_cache(maxsize=None)
def _catalogue() -> dict[str, dict]:
    problems: list = []
    path = PACKAGE / CATALOGUE
    document = load_yaml(path.read_text(encoding="utf-8"), str(path), problems)
    assert problems == [], [str(p.message) for p in problems]
    return document.data


def _said() -> list[tuple[str, int, str, frozenset[str] | None]]:
    """(module, line, key, parameter names or None when they cannot be told) of every `says(...)`."""
    found = []
    for module in _modules():
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "says":
                where = module.relative_to(PACKAGE).as_posix()
                first = node.args[0] if node.args else None
                key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                names = None if any(k.arg is None for k in node.keywords) else frozenset(k.arg for k in node.keywords)
                found.append((where, node.lineno, key, names))
    return found


def _fields(entry) -> frozenset[str]:
    texts = [value for category, value in entry.items() if category != "count"] if isinstance(entry, dict) else [entry]
    names = {name.split(".")[0].split("[")[0] for text in texts for _, name, _, _ in string.Formatter().parse(text)
             if name}
    if isinstance(entry, dict):
        names.add(entry.get("count", "n"))
    return frozenset(names)


def test_the_catalogue_has_a_section_per_language_with_the_same_keys_in_the_same_order() -> None:
    catalogue = _catalogue()
    assert tuple(catalogue) == LANGUAGES
    first, *others = (list(catalogue[language]) for language in LANGUAGES)
    for other in others:
        assert other == first


def test_each_key_is_written_out_where_it_is_said() -> None:
    assert [(module, line) for module, line, key, _ in _said() if key is None] == []


def test_every_key_said_has_an_entry() -> None:
    catalogue = _catalogue()
    missing = sorted({f"{language}: {key} ({module}:{line})" for module, line, key, _ in _said() if key
                      for language in LANGUAGES if key not in catalogue[language]})
    assert missing == []


def test_every_entry_is_said_somewhere() -> None:
    said = {key for _, _, key, _ in _said()}
    assert sorted(set(_catalogue()["en"]) - said) == []


def test_each_entry_has_the_same_parameters_in_each_language() -> None:
    catalogue = _catalogue()
    differing = [f"{key}: {sorted(_fields(catalogue['fr'][key]))} / {sorted(_fields(catalogue['en'][key]))}"
                 for key in catalogue["en"] if _fields(catalogue["fr"][key]) != _fields(catalogue["en"][key])]
    assert differing == []


def test_each_message_is_given_the_parameters_its_entry_names() -> None:
    entries = _catalogue()["en"]
    wrong = [f"{module}:{line}: {key} given {sorted(names)}, its entry names {sorted(_fields(entries[key]))}"
             for module, line, key, names in _said()
             if key in entries and names is not None and names != _fields(entries[key])]
    assert wrong == []


def test_every_entry_can_be_said_in_each_language() -> None:
    """Braces paired, formats that fit a number: each entry is said with a number for each parameter."""
    for key, entry in _catalogue()["en"].items():
        message = Message(key, tuple((name, 1) for name in sorted(_fields(entry))))
        for language in LANGUAGES:
            assert message.text(language), (key, language)


def test_plural_entries_give_the_forms_their_language_needs() -> None:
    catalogue = _catalogue()
    wrong = [f"{language}: {key}" for language in LANGUAGES for key, entry in catalogue[language].items()
             if isinstance(entry, dict) and ("other" not in entry or "one" not in entry or
                                             set(entry) - {*PLURAL_CATEGORIES, "count"})]
    assert wrong == []


def test_the_french_words_are_not_the_english_ones() -> None:
    catalogue = _catalogue()
    untranslated = [key for key in catalogue["en"] if catalogue["fr"][key] == catalogue["en"][key]
                    and key not in SAME_IN_BOTH]
    assert untranslated == []
    assert sorted(key for key in SAME_IN_BOTH if catalogue["fr"].get(key) != catalogue["en"].get(key)) == []


def _finished_words(node: ast.expr | None) -> bool:
    """Words written out in the code: a string, an f-string, or one of them joined to another."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _finished_words(node.left) or _finished_words(node.right)
    if isinstance(node, ast.IfExp):
        return _finished_words(node.body) or _finished_words(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_finished_words(value) for value in node.values)
    return False


def _english_words() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for module in _modules():
        where = module.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None
            for place, keyword in _WORDS.get(name, ()):
                if any(isinstance(arg, ast.Starred) for arg in node.args[:place + 1]):
                    continue  # the words come from a call that makes them: `*count_too_large(found)`
                value = node.args[place] if len(node.args) > place else \
                    next((k.value for k in node.keywords if k.arg == keyword), None)
                if _finished_words(value):
                    found.setdefault(where, []).append(node.lineno)
    return found


def test_no_module_makes_a_message_of_finished_english_words() -> None:
    # Words passed through a helper of a module's own are not seen here: Problem refuses them.
    assert _english_words() == {}


@pytest.mark.parametrize(("message", "fr", "en"), [
    (says("report.errors", n=0), "0 erreur", "0 errors"),
    (says("report.errors", n=2), "2 erreurs", "2 errors"),
    (says("hint.did-you-mean-one-of", words=listed([quoted("EUR"), quoted("EUO")], "or")),
     "vouliez-vous dire «\u202fEUR\u202f» ou «\u202fEUO\u202f»\u202f?", "did you mean 'EUR' or 'EUO'?"),
    (says("image.megapixels", n=__import__("decimal").Decimal("2.1")), "2,1 mégapixels", "2.1 megapixels"),
])
def test_a_message_is_said_in_each_language(message: Message, fr: str, en: str) -> None:
    assert (message.text("fr"), message.text("en"), str(message)) == (fr, en, en)


def test_a_value_is_quoted_whole_when_short_and_by_its_beginning_when_long() -> None:
    assert str(quoted("182k")) == "'182k'"
    assert str(quoted("a\nb")) == "'a…'"
    assert quoted("x" * 61).text("fr") == f"«\u202f{'x' * 60}…\u202f»"
