"""Numbers and money in the workspace format: counts, numbers, rates, currencies and amounts, each
accepting what an account manager may write and refusing, with both readings, a number that could be
read two ways."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer

from ..messages import Message, quoted, says
from ..problems import register_codes
from .types import Record, fail, labelled, shown
from .written import SPACE, Form, Shape, WrittenAs, text_form

register_codes({
    "number.ambiguous": "A number written with a dot or comma followed by exactly three digits (`1.200`, "
                        "`1,200`): it could be a thousand and more or a decimal, and is not guessed.",
})

# --- numbers --------------------------------------------------------------------------------------

# `1.200` is 1200 written the French way, or 1.2; `1,200` is 1200 written the English way, or 1,2.
# Only a first group of one to three digits, not starting with 0, can be thousands: `0.045` and
# `1200.500` are decimals.
_THREE_AFTER = re.compile(r"(-?)([1-9][0-9]{0,2})([.,])([0-9]{3})\Z")
# Thousands grouped by a dot, a comma, an apostrophe or a space, maybe with decimals after.
_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}([.,' \u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*(?:(?!\1)[.,][0-9]+)?\Z")


def ambiguous_number(text: str, decimal: str = ".") -> tuple[Message, Message] | None:
    """The message and hint that refuse `text` as ambiguous, with its two readings, or None if it is
    not; the decimal reading is written with `decimal`, the separator the file reads."""
    found = _THREE_AFTER.match(text)
    if found is None:
        return None
    sign, whole, separator, digits = found.groups()
    thousands = f"{sign}{whole}{digits}"
    decimals = format(Decimal(f"{sign}{whole}.{digits}").normalize(), "f").replace(".", decimal)
    return (says("number.ambiguous", found=quoted(text), thousands=thousands, decimals=decimals),
            says("number.ambiguous.hint", thousands=thousands, separator=separator, decimals=decimals))


def _refuse_written_number(value: Any) -> None:
    """A number YAML read as a decimal or left as text, refused with what to write instead, when it is
    written with thousands separators (`1.200`, `1,200`, `1.200,50`, `12 500`)."""
    if isinstance(value, Decimal) and value.as_tuple().exponent == -3:
        text = format(value, "f")
    elif isinstance(value, str):
        text = value.strip()
    else:
        return
    refused = ambiguous_number(text)
    if refused is not None:
        raise fail("ambiguous", *refused)
    grouped = _GROUPED.match(text)
    if grouped is not None:
        plain = text.replace(grouped.group(1), "").replace(",", ".")
        hint = says("number.grouped-decimals.hint", plain=plain) if "." in plain else \
            says("number.grouped.hint", plain=plain)
        raise fail("type", says("number.grouped", found=quoted(text)), hint)


# Counts are held as 64-bit whole numbers (metrics.csv, by column): a larger one is refused as the
# typing slip it is rather than stopping the build.
LARGEST_COUNT = 10**15 - 1


def count_too_large(found: Message) -> tuple[Message, Message]:
    """The message and hint of a count of more digits than LARGEST_COUNT, in YAML as in CSV."""
    return says("count.too-large", found=found, most=len(str(LARGEST_COUNT))), says("count.too-large.hint")


@labelled("whole number")
def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _refuse_written_number(value)
        hint = None
        if isinstance(value, str) and re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?[kKmM]", value.strip()):
            number = Decimal(value.strip()[:-1].replace(",", "."))
            number *= 1000 if value.strip()[-1] in "kK" else 1_000_000
            hint = says("value.write", value=int(number))
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            digits = value.strip()
            if len(digits.lstrip("0")) > len(str(LARGEST_COUNT)):  # too long for int(), above all
                raise fail("value", *count_too_large(quoted(digits)))
            hint = says("count.leading-zero.hint", value=int(digits))
        raise fail("type", says("cell.whole-number", found=shown(value)), hint)
    if value < 0:
        raise fail("value", says("cell.not-negative", found=value))
    if value > LARGEST_COUNT:
        raise fail("value", *count_too_large(quoted(str(value))))
    return value


Count = Annotated[int, BeforeValidator(_count), WrittenAs(Form(
    "count", "whole number", "a whole number written with digits alone, like 48200",
    {"type": "integer", "minimum": 0, "maximum": LARGEST_COUNT}))]


LARGEST_MONTHS = 1200


@labelled("number of months")
def _months(value: Any) -> int:
    months = _count(value)
    if months > LARGEST_MONTHS:
        raise fail("value", says("months.too-many", most=LARGEST_MONTHS, found=months), says("months.too-many.hint"))
    return months


Months = Annotated[int, BeforeValidator(_months), WrittenAs(Form(
    "months", "number of months", "a number of months, like 24 for two years",
    {"type": "integer", "minimum": 0, "maximum": LARGEST_MONTHS}))]


# Amounts and figures as written: a typing slip of extra digits is refused (the numbers kept stay
# within the 28 significant digits of Python's decimal arithmetic).
ABOVE_NUMBERS = Decimal(10**15)
NUMBER_DECIMALS = 6


def fits_numbers(value: Decimal) -> bool:
    """Whether a number is within what `Number` accepts (0 or more aside)."""
    return value < ABOVE_NUMBERS and value.as_tuple().exponent >= -NUMBER_DECIMALS


@labelled("number")
def _number(value: Any) -> Decimal:
    _refuse_written_number(value)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise fail("type", says("value.number", found=shown(value)))
    if value < 0:
        raise fail("value", says("number.negative", found=value))
    number = Decimal(value)
    if not fits_numbers(number):
        raise fail("value", says("number.too-large", decimals=NUMBER_DECIMALS, found=value),
                   says("number.too-large.hint"))
    return number


def _as_number(value: Decimal) -> str:
    return format(value, "f")


# An amount written as a number: the schema cannot see how many decimals were written (at most six).
NUMBER = {"type": "number", "minimum": 0, "exclusiveMaximum": int(ABOVE_NUMBERS)}
Number = Annotated[Decimal, BeforeValidator(_number), PlainSerializer(_as_number, when_used="json"), WrittenAs(
    Form("number", "number", "a number, with '.' before decimals and no thousands separator, like 2.5", NUMBER))]


# Digits, maybe a decimal point or comma and more digits, then %, spaces allowed around each.
PERCENTAGE = Shape(f"[{SPACE}]*([0-9]+(?:[.,][0-9]+)?)[{SPACE}]*%[{SPACE}]*")
# What a schema accepts of it: a share, 100 % at most.
SHARE_PERCENTAGE = Shape(f"[{SPACE}]*((?:100(?:[.,]0+)?|[0-9]{{1,2}}(?:[.,][0-9]+)?))[{SPACE}]*%[{SPACE}]*")


@labelled("percentage (4.5%) or fraction (0.045)")
def _rate(value: Any) -> Decimal:
    """`4.5%` or `0.045`: a fraction, kept exact."""
    if isinstance(value, str) and value.strip().endswith("%"):
        percentage = PERCENTAGE.fullmatch(value)
        if percentage is None:
            raise fail("type", says("rate.type", found=shown(value)))
        share = Decimal(percentage.group(1).replace(",", ".")) / 100
        if share > 1:
            raise fail("value", says("rate.outside", found=value.strip()))
        return share
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise fail("type", says("rate.type", found=shown(value)))
    if value < 0 or value > 1:
        raise fail("value", says("rate.outside", found=value),
                   says("rate.percentage.hint", value=value) if value > 1 else None)
    return Decimal(value)


Rate = Annotated[Decimal, BeforeValidator(_rate), PlainSerializer(_as_number, when_used="json"), WrittenAs(
    Form("fraction", "fraction", "a fraction between 0 and 1, like 0.046",
         {"type": "number", "minimum": 0, "maximum": 1}),
    text_form("percentage", "percentage", "a percentage, like 4.6%, 12,5 % or 12.5 %", SHARE_PERCENTAGE))]


# --- money ----------------------------------------------------------------------------------------

# The ISO 4217 codes in use: those of CLDR's territories on 2026-01-01 (as Babel 2.19 gives them), funds
# and precious metals included, and SVC, which ISO 4217 still lists. Any other three capitals are a
# slip (EUO for EUR) that every amount would otherwise print as it was typed.
CURRENCIES = frozenset("""
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD
CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD
KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO
NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD
SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST
XAD XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
""".split())


def _currency(code: str) -> str:
    if code not in CURRENCIES:
        raise fail("currency", says("currency.unknown", code=code))
    return code


Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), AfterValidator(_currency), WrittenAs(Form(
    "currency", "currency code", "an ISO 4217 currency code in capitals, like EUR", {"enum": sorted(CURRENCIES)}))]


class Money(Record):
    """An amount; `currency` absent means the workspace currency. Never a float."""

    amount: Number
    currency: Currency | None = None


@labelled("amount, or {amount, currency}")
def _money(value: Any) -> Any:
    _refuse_written_number(value)  # here, so that the problem is the key's, not its `amount`'s
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return {"amount": value}
    if isinstance(value, dict):
        return value
    raise fail("type", says("amount.type", found=shown(value)))


Amount = Annotated[Money, BeforeValidator(_money), WrittenAs(
    Form("amount", "amount", "an amount in the workspace currency, written as a number, like 1200 or 1499.90",
         NUMBER),
    Form("amount-and-currency", "amount and currency",
         "an amount in another currency, as a mapping: {amount: 1500, currency: USD}", None))]
