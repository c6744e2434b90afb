"""Numbers and dates written the reader's way: French and English, as Babel writes them."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import format_decimal

from pressbook.catalogue import LOCALES
from pressbook.pages.formatting import Formats


def _formats(language: str) -> Formats:
    return Formats(language, "EUR", ZoneInfo("Europe/Paris"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_counts_are_written_as_babel_writes_them(language: str) -> None:
    # Counts take a shortcut past Babel; it must write exactly what Babel writes.
    formats = _formats(language)
    for value in (0, 7, 999, 1000, 12_500, 182_000, 1_234_567, 10**12 + 3):
        assert formats.number(value) == format_decimal(value, format="#,##0", locale=LOCALES[language])
    assert formats.number(-1500) == format_decimal(-1500, format="#,##0", locale=LOCALES[language])
    assert formats.number(Decimal("1500.5"), 1) == format_decimal(Decimal("1500.5"), format="#,##0.0",
                                                                 locale=LOCALES[language])


def test_the_examples_of_the_interface() -> None:
    fr, en = _formats("fr"), _formats("en")
    assert fr.number(182_000) == "182\u202f000" and en.number(182_000) == "182,000"
    assert fr.percent(Decimal("0.045")) == "4,5\u00a0%" and en.percent(Decimal("0.045")) == "4.5%"
    assert fr.day(date(2026, 3, 4)) == "4 mars 2026" and en.day(date(2026, 3, 4)) == "4 Mar 2026"
    assert fr.number(None) == "non disponible" and en.number(None) == "not available"


def test_the_first_of_a_month_is_an_ordinal_in_french() -> None:
    from datetime import datetime, timezone

    fr, en = _formats("fr"), _formats("en")
    assert fr.day(date(2026, 12, 1)) == "1er décembre 2026" and fr.day(date(2026, 12, 2)) == "2 décembre 2026"
    assert en.day(date(2026, 12, 1)) == "1 Dec 2026"
    assert fr.moment(datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)) == "1er déc. 2026, 10:30"
    assert fr.moment(datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc)) == "1er déc. 2026, 00:30"


def test_months_countries_and_languages_by_name() -> None:
    fr, en = _formats("fr"), _formats("en")
    assert fr.month("2026-03") == "mars 2026" and en.month(date(2026, 3, 8)) == "March 2026"
    assert [fr.country_name(code) for code in ("FR", "BE", "CH")] == ["France", "Belgique", "Suisse"]
    assert en.country_name("BE") == "Belgium"
    assert fr.language_name("fr") == "français" and en.language_name("vi") == "Vietnamese"
    # What Babel does not know stays as the agency wrote it.
    assert fr.country_name("Europe") == "Europe" and fr.language_name("occitan du Béarn") == "occitan du Béarn"


def test_amounts_are_written_by_value_currency_and_language() -> None:
    # Amounts are formatted once per value: equal values written alike, whatever their form, and
    # never the text of another currency or language.
    from pressbook.model.amounts import Money

    fr, en = _formats("fr"), _formats("en")
    assert fr.money(Money(amount=Decimal("1250"), currency="USD")) == "1\u202f250,00\u00a0$US"
    assert fr.amount(Decimal("1250.00")) == fr.amount(1250) == "1\u202f250,00\u00a0€"
    assert fr.money(Money(amount=Decimal("1250.0"))) == "1\u202f250,00\u00a0€"
    assert en.amount(Decimal("1250")) == "€1,250.00"
    assert fr.amount(Decimal("0.125")) == "0,12\u00a0€" and fr.amount(None) == "non disponible"


def test_an_amount_below_the_currencys_smallest_step_is_not_written_as_zero() -> None:
    # A cost per view of 0.004 € or a cost per engagement of 0.35 ¥ rounds to nothing at the
    # currency's digits: it is written to two significant digits instead.
    fr, en = _formats("fr"), _formats("en")
    assert fr.amount(Decimal("0.004")) == "0,0040\u00a0€" and en.amount(Decimal("0.004")) == "€0.0040"
    assert fr.amount(Decimal("0.005")) == "0,0050\u00a0€"  # half a cent, which Babel rounds to 0,00
    assert fr.amount(Decimal("0.0051")) == "0,01\u00a0€" and fr.amount(Decimal("0")) == "0,00\u00a0€"
    yen = Formats("fr", "JPY", ZoneInfo("Asia/Tokyo"))
    assert yen.amount(Decimal("0.35")) == "0,35\u00a0JPY" and yen.amount(Decimal("3.5")) == "4\u00a0JPY"
    assert Formats("en", "JPY", ZoneInfo("Asia/Tokyo")).amount(Decimal("0.35")) == "JP¥0.35"


def test_a_ratio_of_extreme_figures_is_written_in_full() -> None:
    # A return of 10^21 over a target of 0.000001 is a share of 10^29: more digits than the 28 that
    # Python's decimal arithmetic keeps by default, which Babel and the charts round in.
    from pressbook.charts import _number

    share = Decimal(f"{10**33}.25")
    assert _formats("en").percent(share) == f"{10**35 + 25:,}.0%"
    assert _formats("en").amount(share) == f"€{10**33:,}.25"
    assert _number(share) == 1e33


def test_every_currency_a_workspace_may_name_is_one_the_pages_write() -> None:
    # The model keeps its own list (the pages alone import Babel): each code in it is one Babel knows,
    # and an amount in it is written in both languages.
    from babel.numbers import list_currencies

    from pressbook.model import Money
    from pressbook.model.amounts import CURRENCIES
    assert CURRENCIES <= set(list_currencies()) and {"EUR", "USD", "GBP", "CHF", "CAD", "JPY", "XOF"} <= CURRENCIES
    for language in LOCALES:
        written = {code: _formats(language).money(Money(amount=Decimal("1250"), currency=code)) for code in CURRENCIES}
        assert [code for code, text in written.items() if "250" not in text] == []
