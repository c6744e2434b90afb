"""The labels catalogue: the words of every site, one section per language, from pressbook's
themes/labels.yml and the workspace's own (which overrides it key by key).

A label is words, or, for words that hold a count, its plural forms: a mapping of Unicode CLDR plural
categories (`one`, `other`, and for some languages `zero`, `two`, `few`, `many`) to words, with
`count:` naming the placeholder whose number chooses the form (`n` when unsaid). Babel knows each
language's rules: French says « 0 publication », « 1 publication », « 2 publications »; English
"0 posts", "1 post". French labels are typeset as French prints them (`typeset`), wherever the
catalogue writes a plain space before a sign or inside « ».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping, Union

from ..loading.yaml_strict import load_yaml
from ..theme_folders import theme_dirs
from .formatting import Formats

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
COUNT_KEY = "count"
DEFAULT_COUNT = "n"


@dataclass(frozen=True)
class Plural:
    """A label with a form per plural category; `format` chooses by the number of `count`."""

    language: str
    forms: tuple[tuple[str, str], ...]  # (category, words), `other` among them
    count: str = DEFAULT_COUNT

    @cached_property
    def _by_category(self) -> dict[str, str]:
        return dict(self.forms)

    def form(self, number: int | Decimal | float | None) -> str:
        forms = self._by_category
        category = _category(self.language, abs(number)) if number is not None else "other"
        return forms.get(category, forms["other"])

    def format(self, **values: Any) -> str:
        """The form for `values[count]`, its placeholders filled; a whole number is written grouped,
        the language's way (« 1 234 publications »)."""
        number = values.get(self.count)
        if isinstance(number, str):  # a template that gave the count already written
            digits = re.sub(r"[^0-9]", "", number)
            number = int(digits) if digits else None
        number_of = _formats(self.language).number
        shown = {key: number_of(value) if type(value) is int else value for key, value in values.items()}
        return self.form(number).format(**shown)

    def __str__(self) -> str:
        return self._by_category["other"]


Label = Union[str, Plural]


def load_labels(root: Path, language: str) -> dict[str, Label]:
    """The labels of `language`: pressbook's, then the workspace's over them (checked before by
    validation/themes.py, which refuses what is not a label)."""
    raw: dict[str, Any] = {}
    for directory in reversed(theme_dirs(root)):
        path = directory / "labels.yml"
        if path.is_file() and not path.is_symlink():  # a link the check refused is never read
            problems: list = []
            document = load_yaml(path.read_text(encoding="utf-8"), str(path), problems)
            if problems:
                raise ValueError(f"{path}: {problems[0].message}")
            raw.update((document.data or {}).get(language, {}) or {})
    return {str(key): make_label(value, language) for key, value in raw.items()}


def make_label(value: Any, language: str) -> Label:
    if isinstance(value, Mapping):
        forms = tuple((str(category), typeset(str(words), language)) for category, words in value.items()
                      if category != COUNT_KEY)
        return Plural(language, forms, str(value.get(COUNT_KEY, DEFAULT_COUNT)))
    return typeset(str(value), language)


# French spacing: a no-break space (U+00A0) before a colon, and before % and € as the figures Babel
# writes have it (« 4,5 % », « 1 200 € » on the same page alike); a narrow no-break space (U+202F)
# before ; ! ?, after « and before », as the Imprimerie nationale's rules have them. Only a space
# written there is replaced: « 12:30 » or an address stay as written.
_FRENCH_SPACES = ((re.compile(r" (?=[:%€])"), "\u00a0"), (re.compile(r" (?=[;!?»])"), "\u202f"),
                  (re.compile(r"(?<=«) "), "\u202f"))


def typeset(text: str, language: str) -> str:
    """`text` with the spaces its language puts around punctuation (French only; English has none)."""
    if language != "fr":
        return text
    for pattern, space in _FRENCH_SPACES:
        text = pattern.sub(space, text)
    return text


# A site writes "N publications sur M" thousands of times, for few different N: Babel's rule is
# evaluated once per number.
@lru_cache(maxsize=4096)
def _category(language: str, number: int | Decimal | float) -> str:
    return _formats(language).locale.plural_form(number)


@lru_cache(maxsize=None)
def _formats(language: str) -> Formats:
    from zoneinfo import ZoneInfo
    return Formats(language, "EUR", ZoneInfo("UTC"))
