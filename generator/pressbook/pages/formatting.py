"""Numbers, money, shares and dates written the reader's way, by Babel, never by the process locale."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

from ..model import Money

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
PERCENT_PATTERNS = {"fr": "#,##0.0\u00a0%", "en": "#,##0.0%"}


@dataclass(frozen=True)
class Formats:
    language: str
    currency: str
    zone: ZoneInfo
    missing: str = "n/a"

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    def number(self, value: int | Decimal | None, digits: int = 0) -> str:
        if value is None:
            return self.missing
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def decimal(self, value: Decimal | None) -> str:
        """A declared figure as written (2.5 posts a week), without forced digits."""
        if value is None:
            return self.missing
        return format_decimal(value, locale=self.locale)

    def percent(self, value: Decimal | float | None) -> str:
        if value is None:
            return self.missing
        return format_percent(value, format=PERCENT_PATTERNS[self.language], locale=self.locale,
                              decimal_quantization=True)

    def money(self, value: Money | None) -> str:
        if value is None:
            return self.missing
        return format_currency(value.amount, value.currency or self.currency, locale=self.locale)

    def amount(self, value: Decimal | None) -> str:
        """A computed amount (cpe, margin…) in the workspace currency."""
        if value is None:
            return self.missing
        return format_currency(value, self.currency, locale=self.locale)

    def ratio(self, value: Decimal | None) -> str:
        if value is None:
            return self.missing
        return format_decimal(value, format="#,##0.00", locale=self.locale) + "\u00a0×"

    def day(self, value: date | None) -> str:
        if value is None:
            return self.missing
        return format_date(value, format="long" if self.language == "fr" else "d MMM y", locale=self.locale)

    def moment(self, value: date | datetime | None) -> str:
        if value is None:
            return self.missing
        if isinstance(value, datetime):
            return format_datetime(value.astimezone(self.zone),
                                   format="d MMM y, HH:mm", locale=self.locale)
        return self.day(value)
