"""Numbers, money, shares and dates written the reader's way, by Babel, never by the process locale."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, localcontext
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_precision

from ..catalogue import group_symbol as _group_symbol, locale as _locale
from ..catalogue import group_symbol as _group_symbol, locale as _locale
from ..model import Money

PERCENT_PATTERNS = {"fr": "#,##0.0\u00a0%", "en": "#,##0.0%"}
# What a figure that cannot be computed reads, when the catalogue's `not_available` is not given: words
# a screen reader says as they are, never a code such as "n/a".
MISSING = {"fr": "non disponible", "en": "not available"}
# A day: « 4 mars 2026 », "4 Mar 2026"; the first of a month is « 1er » in French (Babel writes "1").
DAY_PATTERNS = {"fr": "d MMMM y", "en": "d MMM y"}
MOMENT_PATTERNS = {"fr": "d MMM y, HH:mm", "en": "d MMM y, HH:mm"}
MONTH_PATTERNS = {"fr": "LLLL y", "en": "LLLL y"}


@dataclass(frozen=True)
class Formats:
    language: str
    currency: str
    zone: ZoneInfo
    missing: str = ""

    def __post_init__(self) -> None:
        if not self.missing:
            object.__setattr__(self, "missing", MISSING[self.language])

    @property
    def locale(self) -> Locale:
        return _locale(self.language)

    def number(self, value: int | Decimal | None, digits: int = 0) -> str:
        if value is None:
            return self.missing
        if digits == 0 and type(value) is int and value >= 0:
            # A count: digits grouped by threes, as Babel's "#,##0" writes them, without its cost
            # (a large site writes a hundred thousand counts, most of them different).
            return format(value, ",").replace(",", _group_symbol(self.language))
        return _number(value, digits, self.language)

    def decimal(self, value: Decimal | None) -> str:
        """A declared figure as written (2.5 posts a week), without forced digits."""
        if value is None:
            return self.missing
        return format_decimal(value, locale=self.locale)

    def percent(self, value: Decimal | float | None) -> str:
        if value is None:
            return self.missing
        return _percent(value, self.language)

    def money(self, value: Money | None) -> str:
        if value is None:
            return self.missing
        return _money(value.amount, value.currency or self.currency, self.language)

    def amount(self, value: Decimal | None) -> str:
        """A computed amount (cpe, margin…) in the workspace currency."""
        if value is None:
            return self.missing
        return _money(value, self.currency, self.language)

    def ratio(self, value: Decimal | None) -> str:
        if value is None:
            return self.missing
        return format_decimal(value, format="#,##0.00", locale=self.locale) + "\u00a0×"

    def day(self, value: date | None) -> str:
        if value is None:
            return self.missing
        return _day(value, self.language)

    def moment(self, value: date | datetime | None) -> str:
        if value is None:
            return self.missing
        if isinstance(value, datetime):
            local = value.astimezone(self.zone)
            return format_datetime(local, format=_first_of_month(MOMENT_PATTERNS[self.language], local.day,
                                                                 self.language), locale=self.locale)
        return self.day(value)

    def month(self, value: date | str | None) -> str:
        """A month, « mars 2026 », "March 2026"; `value` a day of it or its ISO `2026-03`."""
        if value is None:
            return self.missing
        if isinstance(value, str):
            value = date.fromisoformat(f"{value}-01")
        return _month(value.replace(day=1), self.language)

    def country_name(self, code: str | None) -> str:
        """A country by its name in the site's language (« Belgique »), from its ISO code; anything
        Babel does not know as a country is shown as written."""
        if not code:
            return self.missing
        return self.locale.territories.get(code.upper(), code) if _COUNTRY.fullmatch(code) else code

    def language_name(self, code: str | None) -> str:
        """A language by its name in the site's language (« français », "French"), from its code."""
        if not code:
            return self.missing
        name = self.locale.languages.get(code.strip().lower().replace("-", "_")) if _LANGUAGE.fullmatch(code.strip()) else None
        return name or code


_COUNTRY = re.compile(r"[A-Za-z]{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?")


def _first_of_month(pattern: str, day: int, language: str) -> str:
    # French writes the first of a month as an ordinal, « 1er décembre », and the other days as numbers.
    return pattern.replace("d ", "d'er' ", 1) if language == "fr" and day == 1 else pattern


# A large site writes the same figures and dates thousands of times; each is formatted once. Equal
# values format alike under these fixed patterns, whatever their type or exponent.


# Babel rounds in the current decimal context, whose 28 digits a ratio of extreme figures (a return
# over a target of 0.000001) can exceed: it is given room.
_ROOM = 80


@lru_cache(maxsize=65536)
def _number(value: int | Decimal, digits: int, language: str) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with localcontext(prec=_ROOM):
        return format_decimal(value, format=pattern, locale=_locale(language), decimal_quantization=True)


@lru_cache(maxsize=65536)
def _money(value: Decimal, currency: str, language: str) -> str:
    with localcontext(prec=_ROOM):
        digits = get_currency_precision(currency)
        amount = Decimal(value)
        if amount and abs(amount) * 10**digits <= Decimal("0.5"):
            # Smaller than the currency's smallest step (a cost per view of 0.004 €, a cost per
            # engagement of 0.35 ¥): two significant digits, not a zero that is not one.
            pattern = _locale(language).currency_formats["standard"].pattern
            places = "0" * (1 - amount.adjusted())
            return format_currency(amount, currency, format=_DECIMALS.sub(f"0.{places}", pattern, count=1),
                                   locale=_locale(language), currency_digits=False)
        return format_currency(value, currency, locale=_locale(language))


_DECIMALS = re.compile(r"0(?:\.0+)?")


@lru_cache(maxsize=65536)
def _percent(value: Decimal | float, language: str) -> str:
    with localcontext(prec=_ROOM):
        return format_percent(value, format=PERCENT_PATTERNS[language], locale=_locale(language),
                              decimal_quantization=True)


@lru_cache(maxsize=16384)
def _day(value: date, language: str) -> str:
    return format_date(value, format=_first_of_month(DAY_PATTERNS[language], value.day, language),
                       locale=_locale(language))


@lru_cache(maxsize=1024)
def _month(value: date, language: str) -> str:
    return format_date(value, format=MONTH_PATTERNS[language], locale=_locale(language))
