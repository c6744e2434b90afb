"""Catalogues of words, one section per language: the sites' labels (themes/labels.yml, read by
pages/labels.py) and pressbook's own messages (messages.yml, read by messages.py) are both made of them.

An entry is words, or, for words that hold a count, its plural forms: a mapping of Unicode CLDR plural
categories (`one`, `other`, and for some languages `zero`, `two`, `few`, `many`) to words, with
`count:` naming the placeholder whose number chooses the form (`n` when unsaid). Babel knows each
language's rules: French says « 0 publication », « 1 publication », « 2 publications »; English
"0 posts", "1 post". French entries are typeset as French prints them (`typeset`), wherever the
catalogue writes a plain space before a sign or inside « ».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Mapping, Union

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, get_group_symbol

LANGUAGES = ("fr", "en")
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
COUNT_KEY = "count"
DEFAULT_COUNT = "n"


@dataclass(frozen=True)
class Plural:
    """An entry with a form per plural category; `format` chooses by the number of `count`."""

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
        shown = {key: grouped(value, self.language) if type(value) is int else value
                 for key, value in values.items()}
        return self.form(number).format(**shown)

    def __str__(self) -> str:
        return self._by_category["other"]


Label = Union[str, Plural]


def make_label(value: Any, language: str) -> Label:
    """A catalogue's entry as read from its YAML: words, or a mapping of plural forms."""
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


def grouped(number: int | Decimal, language: str) -> str:
    """A number with its digits grouped by threes, the language's way: « 1 234 », "1,234"."""
    if type(number) is int and number >= 0:
        return format(number, ",").replace(",", group_symbol(language))
    return format_decimal(number, format="#,##0.###", locale=locale(language))


def with_digits(number: int | Decimal, digits: int, language: str) -> str:
    """A number with `digits` decimals, the language's way: « 104,0 », "104.0"."""
    return format_decimal(number, format="#,##0." + "0" * digits, locale=locale(language),
                          decimal_quantization=True)


def joined(items: list[str], join: str, language: str) -> str:
    """Words said as a list: `and` (« a, b et c », "a, b and c"), `or` (« a ou b »), or `,` (a, b, c)."""
    if join == "," or len(items) < 2:
        return ", ".join(items)
    return format_list(items, style="standard" if join == "and" else "or", locale=locale(language))


@lru_cache(maxsize=None)
def locale(language: str) -> Locale:
    return Locale.parse(LOCALES[language])


@lru_cache(maxsize=None)
def group_symbol(language: str) -> str:
    return get_group_symbol(locale(language))


# A site writes "N publications sur M" thousands of times, for few different N: Babel's rule is
# evaluated once per number.
@lru_cache(maxsize=4096)
def _category(language: str, number: int | Decimal | float) -> str:
    return locale(language).plural_form(number)
