"""pressbook's own words: every message and hint of a problem, every compliance finding, every refusal.

A message is not a finished sentence but a key of the catalogue messages.yml and named parameters,
`says("ref.unknown-influencer", id="lea-exemle")`, said in a language only when it is printed (the
report's formatters) or shown (the internal site's compliance pages). The catalogue has the shape of
the sites' labels (themes/labels.yml) and is read by the same mechanism (catalogue.py): a section per
language, an entry is words or plural forms, `{name}` a parameter, French typeset as French prints it.

A parameter is text written as it is (an id, a value of the workspace, a key), a number (written as
the catalogue says: `{size:,}` groups its digits the language's way, `{share:.1}` writes one decimal
the language's way), a date (ISO, as users write
it), another message (words that are themselves said in the language: a kind of file, `nothing`), or
a list of those (`listed`, joined by the language's « et » or « ou »).

Keys are written out where a message is made, never computed: tests/test_messages.py finds them in
the code and fails on a key without an entry in each language, an entry no code uses, or a French
entry that is the English one.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Literal

import yaml

from .catalogue import Label, Plural, grouped, joined, make_label, with_digits

DEFAULT_LANGUAGE = "en"
CATALOGUE = "messages.yml"

Join = Literal["and", "or", ","]


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters, said in a language by `text`; `str()` says it in English
    (for logs, exceptions and sorting, never for a reader)."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, language: str) -> str:
        return _say(self, language)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Listed:
    """Several parameters said as one: `a, b and c` (« a, b et c »), `a or b`, or `a, b, c`."""

    items: tuple[Any, ...]
    join: Join = "and"


def says(key: str, /, **params: Any) -> Message:
    """The message `key` of the catalogue with `params`; `key` is written out, for the test to find."""
    return Message(key, tuple(sorted((name, _frozen(value)) for name, value in params.items())))


def listed(items: Iterable[Any], join: Join = "and") -> Listed:
    return Listed(tuple(_frozen(item) for item in items), join)


def quoted(value: Any, most: int = 60) -> Message:
    """A value of the workspace as a message quotes it ('182k', « 182k »): whole when short, else its
    beginning. A cell that a quote left open holds the rest of its file, and a message must not."""
    text = str(value)
    first = text.split("\n", 1)[0]
    if first == text and len(text) <= most:
        return says("quoted", text=text)
    return says("quoted", text=f"{first[:most]}…")


def said(value: Any, language: str) -> str:
    """A message, or words already written (a str), in `language`."""
    if isinstance(value, Message):
        return value.text(language)
    return "" if value is None else str(value)


def _frozen(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return Listed(tuple(_frozen(item) for item in value), ",")
    return value


def _say(message: Message, language: str) -> str:
    entry = entries(language).get(message.key)
    if entry is None:  # the test keeps this from happening; never a traceback for want of words
        entry = entries(DEFAULT_LANGUAGE).get(message.key, message.key)
    values = dict(message.params)
    if isinstance(entry, Plural):
        entry = entry.form(values.get(entry.count))
    return _Formatter(language).vformat(entry, (), values)


class _Formatter(string.Formatter):
    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            return value.text(self.language)
        if isinstance(value, Listed):
            return self._listed(value)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and format_spec == ",":
            return grouped(value, self.language)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and format_spec[:1] == ".":
            return with_digits(value, int(format_spec[1:]), self.language)
        if isinstance(value, date):
            return value.isoformat()
        return format(value, format_spec)

    def _listed(self, value: Listed) -> str:
        return joined([self.format_field(item, "") for item in value.items], value.join, self.language)


@lru_cache(maxsize=None)
def entries(language: str) -> dict[str, Label]:
    """The catalogue's entries in `language` (every value read as text: no YAML 1.1 retyping)."""
    return {str(key): make_label(value, language) for key, value in (_sections().get(language) or {}).items()}


@lru_cache(maxsize=1)
def _sections() -> dict:
    # Read once for both languages, by libyaml where PyYAML has it: in pure Python, reading the
    # catalogue's 1,200 entries took most of a check of the demo (0.3 s a language).
    text = resources.files("pressbook").joinpath(CATALOGUE).read_text(encoding="utf-8")
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return yaml.load(text, Loader=loader) or {}  # noqa: S506 - a base loader builds text only
