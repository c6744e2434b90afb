"""The value types of the workspace format, and how a field declares its visibility.

Each type accepts exactly what an account manager may write in YAML (after strict loading) and
nothing else; its error text is the one `pressbook check` prints.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import quoted, register_codes
from .invisible import IN_NAMES, INVISIBLE, described

register_codes({
    "text.invisible": "An invisible character (a bidirectional control such as U+202E, a zero-width "
                      "character, a stray byte order mark) inside an id, a handle, a name or an address.",
    "number.ambiguous": "A number written with a dot or comma followed by exactly three digits (`1.200`, "
                        "`1,200`): it could be a thousand and more or a decimal, and is not guessed.",
})

Visibility = Literal["public", "client", "internal"]
VISIBILITIES: tuple[Visibility, ...] = ("public", "client", "internal")
VISIBILITY_KEY = "x-visibility"


def for_public(default: Any = ..., **kwargs: Any) -> Any:
    """A field that may appear on the public site (and so on every site)."""
    return _visible("public", default, **kwargs)


def for_client(default: Any = ..., **kwargs: Any) -> Any:
    """A field shown on its client's site and the internal site."""
    return _visible("client", default, **kwargs)


def for_internal(default: Any = ..., **kwargs: Any) -> Any:
    """Internal is what an undeclared field is; writing it out documents that it was meant."""
    return Field(default, **kwargs)


def _visible(visibility: Visibility, default: Any, **kwargs: Any) -> Any:
    extra = dict(kwargs.pop("json_schema_extra", {}) or {})
    extra[VISIBILITY_KEY] = visibility
    return Field(default, json_schema_extra=extra, **kwargs)


def visibility_of(model: type[BaseModel], name: str) -> Visibility:
    extra = model.model_fields[name].json_schema_extra
    if isinstance(extra, dict):
        return extra.get(VISIBILITY_KEY, "internal")  # type: ignore[return-value]
    return "internal"


def labelled(label: str):
    """Name a value type the way the key reference shows it."""
    def mark(function):
        function.label = label
        return function
    return mark


class Record(BaseModel):
    """Base of every file's model: strict, closed, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)


# The problem code each kind of error the types raise is reported under, in YAML as in CSV.
ERROR_CODES = {"type": "schema.type", "value": "schema.value", "outside": "file.outside",
               "ambiguous": "number.ambiguous", "invisible": "text.invisible"}


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def shown(value: Any) -> str:
    """A value as a message quotes it: `'182k'`, `a list`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return quoted(str(value))


# --- text -----------------------------------------------------------------------------------------

def _no_invisible(text: str, what: str, refused: re.Pattern[str] = INVISIBLE) -> str:
    """`text`, unless it holds a character that reorders or hides what is written (see invisible.py)."""
    found = refused.search(text)
    if found is not None:
        character = found.group()
        raise _fail("invisible", "this {what} holds {described}", what=what, described=described(character),
                    character=character,
                    hint="delete it: it does not show in most editors, so retype the value or delete "
                         "the characters around this place and write them again")
    return text


@labelled("text")
def _text(value: Any) -> str:
    # A plain `612345678` or `2026` is a number to YAML; where the schema wants text it is that text.
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list, tuple)):
        raise _fail("type", "expected text, found {found}", found=shown(value))
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_text)]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@labelled("text, not empty")
def _name(value: Any) -> str:
    # A site names its client, influencers and campaigns: an empty name would name nothing, and the
    # verification of the other clients' sites would look for '' everywhere.
    text = _text(value)
    if not text.strip():
        raise _fail("value", "expected a name, found nothing", hint="write the name out")
    control = _CONTROL.search(text.strip())
    if control is not None:
        # A name stands in titles, headers and tooltips, where a line break shows as nothing, and in
        # check's own report, where a terminal would obey an escape.
        what = "a line break" if control.group() in "\n\r\u0085\u2028\u2029" else \
            f"the control character U+{ord(control.group()):04X}"
        raise _fail("value", "a name is one line of text; this one holds {what}", what=what,
                    hint="write the name on one line, with letters, digits, spaces and punctuation")
    return _no_invisible(text, "name", IN_NAMES)


Name = Annotated[str, BeforeValidator(_name)]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_POST_ID = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\Z")


@labelled("id")
def _id(value: Any) -> str:
    text = _no_invisible(_text(value), "id")
    if not _ID.match(text):
        raise _fail("value", "'{found}' is not an id: use lower-case letters, digits and hyphens",
                    found=text)
    return text


@labelled("post id")
def _post_id(value: Any) -> str:
    text = _no_invisible(_text(value), "post id")
    if not _POST_ID.match(text):
        raise _fail("value", "'{found}' is not a post id: use letters, digits, hyphens and underscores",
                    found=text)
    return text


Id = Annotated[str, BeforeValidator(_id)]
PostId = Annotated[str, BeforeValidator(_post_id)]


# No character an address cannot hold as written: a double quote or an angle bracket would end the attribute a
# site writes it in; a backslash is a slash to browsers.
_URL = re.compile(r"https?://[^\s/\"<>\\`{}]+\.[^\s\"<>\\`{}]+\Z")


@labelled("https:// address")
def _https(value: Any) -> str:
    text = _no_invisible(_text(value), "address")
    if not _URL.match(text) or not text.startswith("https://"):
        raise _fail("value", "expected an https:// address, found {found}", found=quoted(text))
    return text


@labelled("web address")
def _web(value: Any) -> str:
    text = _no_invisible(_text(value), "address")
    if not _URL.match(text):
        raise _fail("value", "expected a web address (https://…), found {found}", found=quoted(text))
    return text


@labelled("e-mail address")
def _email(value: Any) -> str:
    text = _no_invisible(_text(value), "e-mail address")
    if not re.match(r"[^\s@]+@[^\s@]+\.[^\s@]+\Z", text):
        raise _fail("value", "expected an e-mail address, found {found}", found=quoted(text))
    return text


HttpsUrl = Annotated[str, BeforeValidator(_https), WithJsonSchema({"type": "string", "pattern": "^https://"})]
WebUrl = Annotated[str, BeforeValidator(_web), WithJsonSchema({"type": "string", "pattern": "^https?://"})]
Email = Annotated[str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]


def _tag(symbol: str, what: str):
    @labelled("text")
    def strip(value: Any) -> str:
        text = _no_invisible(_text(value), what).strip()
        return text[1:] if text.startswith(symbol) else text
    return strip


Hashtag = Annotated[str, BeforeValidator(_tag("#", "hashtag"))]
Handle = Annotated[str, BeforeValidator(_tag("@", "handle"))]


@labelled("path relative to content/")
def _content_path(value: Any) -> str:
    text = _text(value)
    parts = text.replace("\\", "/").split("/")
    if text.startswith("/") or ".." in parts or ":" in parts[0]:
        raise _fail("outside", "'{found}' points outside content/", found=text)
    return "/".join(parts)


ContentPath = Annotated[str, BeforeValidator(_content_path),
                        WithJsonSchema({"type": "string", "description": "a path relative to content/"})]


@labelled("`yes` \\| `no` (also oui/non, true/false, vrai/faux)")
def _yes_no(value: Any) -> bool:
    """A yes/no column of a CSV file; the CSV reader turns its words into a boolean (csv_values.py)."""
    if not isinstance(value, bool):
        raise _fail("type", "expected yes or no, found {found}", found=shown(value), hint="write yes or no")
    return value


# JSON Schema's patterns have no flag for case: each word in lower case, capitalised and in capitals.
_YES_NO_WORDS = [form for word in ("yes", "no", "oui", "non", "true", "false", "vrai", "faux")
                 for form in (word, word.capitalize(), word.upper())]
YesNo = Annotated[bool, BeforeValidator(_yes_no),
                  WithJsonSchema({"anyOf": [{"type": "boolean"},
                                            {"type": "string", "pattern": f"^({'|'.join(_YES_NO_WORDS)})?$"}]})]


# --- numbers --------------------------------------------------------------------------------------

# `1.200` is 1200 written the French way, or 1.2; `1,200` is 1200 written the English way, or 1,2.
# Only a first group of one to three digits, not starting with 0, can be thousands: `0.045` and
# `1200.500` are decimals.
_THREE_AFTER = re.compile(r"(-?)([1-9][0-9]{0,2})([.,])([0-9]{3})\Z")
# Thousands grouped by a dot, a comma, an apostrophe or a space, maybe with decimals after.
_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}([.,' \u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*(?:(?!\1)[.,][0-9]+)?\Z")


def ambiguous_number(text: str, decimal: str = ".") -> tuple[str, str] | None:
    """The message and hint that refuse `text` as ambiguous, with its two readings, or None if it is
    not; the decimal reading is written with `decimal`, the separator the file reads."""
    found = _THREE_AFTER.match(text)
    if found is None:
        return None
    sign, whole, separator, digits = found.groups()
    thousands = f"{sign}{whole}{digits}"
    decimals = format(Decimal(f"{sign}{whole}.{digits}").normalize(), "f").replace(".", decimal)
    return (f"{quoted(text)} is ambiguous: it reads as {thousands} or as {decimals}",
            f"write {thousands} if the '{separator}' separates thousands, or {decimals} if it is the decimal point")


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
        raise _fail("ambiguous", "{said}", said=refused[0], hint=refused[1])
    grouped = _GROUPED.match(text)
    if grouped is not None:
        plain = text.replace(grouped.group(1), "").replace(",", ".")
        decimals = ", and '.' before decimals" if "." in plain else ""
        raise _fail("type", "expected a number written without separators, found {found}", found=quoted(text),
                    hint=f"write {plain}: no thousands separator{decimals}")


# Counts are held as 64-bit whole numbers (metrics.csv, by column): a larger one is refused as the
# typing slip it is rather than stopping the build.
LARGEST_COUNT = 10**15 - 1
COUNT_TOO_LARGE = ("expected a whole number of at most 15 digits, found {found}",
                   "no audience comes near a million billion: look for digits typed twice")


@labelled("whole number")
def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _refuse_written_number(value)
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?[kKmM]", value.strip()):
            number = Decimal(value.strip()[:-1].replace(",", "."))
            number *= 1000 if value.strip()[-1] in "kK" else 1_000_000
            hint = f"write {int(number)}"
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            digits = value.strip()
            if len(digits.lstrip("0")) > len(str(LARGEST_COUNT)):  # too long for int(), above all
                raise _fail("value", COUNT_TOO_LARGE[0], found=quoted(digits), hint=COUNT_TOO_LARGE[1])
            hint = f"write {int(digits)} (a number does not begin with 0)"
        raise _fail("type", "expected a whole number, found {found}", found=shown(value), hint=hint)
    if value < 0:
        raise _fail("value", "expected a whole number of 0 or more, found {found}", found=value)
    if value > LARGEST_COUNT:
        raise _fail("value", COUNT_TOO_LARGE[0], found=quoted(str(value)), hint=COUNT_TOO_LARGE[1])
    return value


Count = Annotated[int, BeforeValidator(_count),
                  WithJsonSchema({"type": "integer", "minimum": 0, "maximum": LARGEST_COUNT})]


@labelled("number of months")
def _months(value: Any) -> int:
    months = _count(value)
    if months > 1200:
        raise _fail("value", "expected at most 1200 months (a hundred years), found {found}", found=months,
                    hint="write the length in months: 24 for two years")
    return months


Months = Annotated[int, BeforeValidator(_months), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 1200})]


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
        raise _fail("type", "expected a number, found {found}", found=shown(value))
    if value < 0:
        raise _fail("value", "expected a number of 0 or more, found {found}", found=value)
    number = Decimal(value)
    if not fits_numbers(number):
        raise _fail("value", f"expected a number below a million billion, with at most {NUMBER_DECIMALS} "
                    "decimals, found {found}", found=value, hint="look for digits typed twice")
    return number


def _as_number(value: Decimal) -> str:
    return format(value, "f")


Number = Annotated[Decimal, BeforeValidator(_number), PlainSerializer(_as_number, when_used="json"),
                   WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": 10**15})]


@labelled("percentage (4.5%) or fraction (0.045)")
def _rate(value: Any) -> Decimal:
    """`4.5%` or `0.045`: a fraction, kept exact."""
    if isinstance(value, str) and value.strip().endswith("%"):
        digits = value.strip()[:-1].strip().replace(",", ".")
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", digits):
            return Decimal(digits) / 100
        raise _fail("type", "expected a percentage like 4.5% or a fraction like 0.045, found {found}",
                    found=shown(value))
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _fail("type", "expected a percentage like 4.5% or a fraction like 0.045, found {found}",
                    found=shown(value))
    if value < 0 or value > 1:
        raise _fail("value", "a share must be between 0 and 1 (or 0% and 100%), found {found}", found=value,
                    hint=f"write {value}% if a percentage was meant" if value > 1 else "")
    return Decimal(value)


Rate = Annotated[Decimal, BeforeValidator(_rate), PlainSerializer(_as_number, when_used="json"),
                 WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                                           {"type": "string", "pattern": "^[0-9]+([.,][0-9]+)?\\s*%$"}]})]


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
        raise _fail("currency", "'{code}' is not a currency code in use (ISO 4217)", code=code)
    return code


Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), AfterValidator(_currency)]


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
    raise _fail("type", "expected an amount (1500) or {{amount: 1500, currency: EUR}}, found {found}",
                found=shown(value))


Amount = Annotated[Money, BeforeValidator(_money)]


# --- dates ----------------------------------------------------------------------------------------

# A day outside these years is a typing slip (0226 for 2026); refusing it also keeps every date
# computed from one (a right's end, a posting rhythm) within the calendar Python knows.
FIRST_YEAR, LAST_YEAR = 1900, 2199
YEAR_OUTSIDE = (f"{{found}} is not between the years {FIRST_YEAR} and {LAST_YEAR}", "check the year")


@labelled("date (YYYY-MM-DD)")
def _day(value: Any) -> date:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise _fail("value", "'{found}' is not a day of the calendar", found=value) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise _fail("value", YEAR_OUTSIDE[0], found=quoted(value), hint=YEAR_OUTSIDE[1])
        return day
    hint = ""
    if isinstance(value, str) and re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", value.strip()):
        d, m, y = value.strip().split("/")
        hint = f"write {y}-{m}-{d}"
    raise _fail("type", "expected a date written YYYY-MM-DD, found {found}", found=shown(value), hint=hint)


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]

Moment = date | datetime


# --- vocabularies ---------------------------------------------------------------------------------

Network = Literal["instagram", "tiktok", "youtube", "x", "facebook", "linkedin", "twitch", "pinterest",
                  "snapchat", "threads", "bluesky", "blog", "podcast"]
Format = Literal["reel", "story", "short", "video", "live", "post", "carousel", "article", "podcast", "pin",
                 "thread", "other"]
Language = Literal["fr", "en"]
Jurisdiction = Literal["fr", "us", "uk"]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

