"""The value types of the workspace format (texts, dates, vocabularies; numbers and money are in
amounts.py), and how a field declares its visibility.

Each type accepts exactly what an account manager may write in YAML (after strict loading) and
nothing else; its error text is the one `pressbook check` prints.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..messages import Message, quoted, says
from ..problems import register_codes
from .invisible import IN_NAMES, INVISIBLE, described
from .written import SPACE, Form, Shape, WrittenAs, char_class, class_of, text_form

register_codes({
    "text.invisible": "An invisible character (a bidirectional control such as U+202E, a zero-width "
                      "character, a stray byte order mark) inside an id, a handle, a name or an address.",
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
               "ambiguous": "number.ambiguous", "invisible": "text.invisible", "duplicate": "ref.duplicate-id"}


def fail(kind: str, message: Message, hint: Message | None = None, character: str = "") -> PydanticCustomError:
    """A value refused: `message` and `hint` are messages of the catalogue, which `check` says in the
    reader's language (validation/schema_errors.py); pydantic's own text of the error is the English
    one. `character`: the character at fault, where the column should point at it."""
    context: dict[str, Any] = {"says": message}
    if hint is not None:
        context["hint_says"] = hint
    if character:
        context["character"] = character
    return PydanticCustomError(kind, str(message), context)


def shown(value: Any) -> Message:
    """A value as a message quotes it: `'182k'`, `a list`, `nothing`."""
    if value is None:
        return says("value.nothing")
    if isinstance(value, bool):
        return says("value.true") if value else says("value.false")
    if isinstance(value, dict):
        return says("value.mapping")
    if isinstance(value, (list, tuple)):
        return says("value.list")
    return quoted(str(value))


# --- text -----------------------------------------------------------------------------------------

def _no_invisible(text: str, what: Message, refused: re.Pattern[str] = INVISIBLE) -> str:
    """`text`, unless it holds a character that reorders or hides what is written (see invisible.py).
    `what`: the kind of value, in words (« ce nom », "this name")."""
    found = refused.search(text)
    if found is not None:
        character = found.group()
        raise fail("invisible", says("invisible.in-value", what=what, character=described(character)),
                   says("invisible.in-value.hint"), character=character)
    return text


@labelled("text")
def _text(value: Any) -> str:
    # A plain `612345678` or `2026` is a number to YAML; where the schema wants text it is that text.
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list, tuple)):
        raise fail("type", says("schema.text", found=shown(value)))
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


# A number where text is wanted is that text (a phone number, a year): every text type has this form.
AS_TEXT = Form("number-as-text", "number", "a number, kept as the text it is written as", {"type": "number"})
Text = Annotated[str, BeforeValidator(_text),
                 WrittenAs(Form("text", "text", "any text", {"type": "string"}), AS_TEXT)]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NOT_IN_A_NAME = class_of(_CONTROL) + class_of(IN_NAMES)
# One line with something written on it; spaces and line breaks around it are dropped.
_NAME = Shape(f"[{SPACE}]*[^{SPACE}{_NOT_IN_A_NAME}](?:[^{_NOT_IN_A_NAME}]*[^{SPACE}{_NOT_IN_A_NAME}])?[{SPACE}]*")


@labelled("text, not empty")
def _name(value: Any) -> str:
    # A site names its client, influencers and campaigns: an empty name would name nothing, and the
    # verification of the other clients' sites would look for '' everywhere.
    text = _text(value)
    if not text.strip():
        raise fail("value", says("name.empty"), says("name.empty.hint"))
    control = _CONTROL.search(text.strip())
    if control is not None:
        # A name stands in titles, headers and tooltips, where a line break shows as nothing, and in
        # check's own report, where a terminal would obey an escape.
        message = says("name.line-break") if control.group() in "\n\r\u0085\u2028\u2029" else \
            says("name.control", code=f"{ord(control.group()):04X}")
        raise fail("value", message, says("name.one-line.hint"))
    return _no_invisible(text, says("invisible.what.name"), IN_NAMES)


Name = Annotated[str, BeforeValidator(_name),
                 WrittenAs(text_form("name", "name", "a name, on one line", _NAME), AS_TEXT)]

_ID = Shape("[a-z0-9]+(?:-[a-z0-9]+)*")
_POST_ID = Shape("[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")


@labelled("id")
def _id(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.id"))
    if not _ID.fullmatch(text):
        raise fail("value", says("value.not-an-id", found=text))
    return text


@labelled("post id")
def _post_id(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.post-id"))
    if not _POST_ID.fullmatch(text):
        raise fail("value", says("value.not-a-post-id", found=text))
    return text


# A whole number written alone is the id of its digits (`2026`).
_DIGITS = Form("number-as-id", "number", "a whole number, kept as the id of its digits",
               {"type": "integer", "minimum": 0})
Id = Annotated[str, BeforeValidator(_id), WrittenAs(
    text_form("id", "id", "an id: lower-case letters, digits and hyphens, like lea-fontaine", _ID), _DIGITS)]
PostId = Annotated[str, BeforeValidator(_post_id), WrittenAs(
    text_form("post-id", "post id", "a post id: letters, digits, hyphens and underscores, like p01", _POST_ID),
    _DIGITS)]


# No character an address cannot hold as written: a double quote or an angle bracket would end the attribute a
# site writes it in; a backslash is a slash to browsers.
_INVISIBLE = class_of(INVISIBLE)
_URL = Shape(f"https?://[^{SPACE}/\"<>\\\\`{{}}{_INVISIBLE}]+\\.[^{SPACE}\"<>\\\\`{{}}{_INVISIBLE}]+")
_HTTPS = Shape("(?=https://)" + _URL.source)


@labelled("https:// address")
def _https(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.address"))
    if not _HTTPS.fullmatch(text):
        raise fail("value", says("value.https", found=quoted(text)))
    return text


@labelled("web address")
def _web(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.address"))
    if not _URL.fullmatch(text):
        raise fail("value", says("value.web", found=quoted(text)))
    return text


@labelled("e-mail address")
def _email(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.email"))
    if not _EMAIL.fullmatch(text):
        raise fail("value", says("value.email", found=quoted(text)))
    return text


# A login is written into password files as `login:hash`, one a line, and typed into a browser's
# password box: no colon, no space, nothing a line could end on.
_LOGIN = Shape(f"[^{SPACE}:{_INVISIBLE}]{{1,128}}")
_EMAIL = Shape(f"[^{SPACE}@{_INVISIBLE}]+@[^{SPACE}@{_INVISIBLE}]+\\.[^{SPACE}@{_INVISIBLE}]+")


@labelled("login or e-mail address")
def _login(value: Any) -> str:
    text = _no_invisible(_text(value), says("invisible.what.login"))
    if not _LOGIN.fullmatch(text):
        raise fail("value", says("value.login", found=quoted(text)), says("value.login.hint"))
    return text


HttpsUrl = Annotated[str, BeforeValidator(_https), WrittenAs(
    text_form("https-address", "https:// address", "a web address starting with https://", _HTTPS))]
WebUrl = Annotated[str, BeforeValidator(_web), WrittenAs(
    text_form("web-address", "web address", "a web address starting with https:// (or http://)", _URL))]
Email = Annotated[str, BeforeValidator(_email), WrittenAs(
    text_form("email", "e-mail address", "an e-mail address, like claire@example.fr", _EMAIL))]
Login = Annotated[str, BeforeValidator(_login), WrittenAs(
    text_form("login", "login", "a login or an e-mail address: one word, without spaces or ':'", _LOGIN),
    Form("number-as-login", "number", "a number, kept as the login it is written as", {"type": "number"}))]


def _tag(symbol: str, what: Message):
    @labelled("text")
    def strip(value: Any) -> str:
        text = _no_invisible(_text(value), what).strip()
        return text[1:] if text.startswith(symbol) else text
    return strip


_VISIBLE = Shape(f"[^{_INVISIBLE}]*")
Hashtag = Annotated[str, BeforeValidator(_tag("#", says("invisible.what.hashtag"))), WrittenAs(
    text_form("hashtag", "hashtag", "a hashtag, with or without its #", _VISIBLE), AS_TEXT)]
Handle = Annotated[str, BeforeValidator(_tag("@", says("invisible.what.handle"))), WrittenAs(
    text_form("handle", "handle", "an account's handle, with or without its @", _VISIBLE), AS_TEXT)]


@labelled("path relative to content/")
def _content_path(value: Any) -> str:
    text = _text(value)
    parts = text.replace("\\", "/").split("/")
    # A path from the root, `/etc` or `\\server\share` (`//server/share` once its slashes are turned).
    if (parts[0] == "" and len(parts) > 1) or ".." in parts or ":" in parts[0]:
        raise fail("outside", says("value.outside", found=text))
    return "/".join(parts)


# Not from the root (/, \\), not from a drive (C:), and no `..` among its folders.
_INSIDE = Shape(r"(?![/\\])(?![^/\\]*:)(?!(?:[\s\S]*[/\\])?\.\.(?:[/\\]|$))[\s\S]*")
ContentPath = Annotated[str, BeforeValidator(_content_path), WrittenAs(
    text_form("content-path", "path", "a path relative to content/, like assets/logo.png", _INSIDE), AS_TEXT)]


# The words of a yes/no column, in any case (an empty cell is no), for the CSV reader and the schema.
YES_NO = {"yes": True, "oui": True, "true": True, "vrai": True,
          "no": False, "non": False, "false": False, "faux": False, "": False}


@labelled("`yes` \\| `no` (also oui/non, true/false, vrai/faux)")
def _yes_no(value: Any) -> bool:
    """A yes/no column of a CSV file: what its schema accepts, a boolean or one of its words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and YES_NO_WORDS.fullmatch(value):
        return YES_NO[value.strip().lower()]
    raise fail("type", says("value.yes-no", found=shown(value)), says("value.yes-no.hint"))


def any_case(word: str) -> str:
    """A word in any case, as a pattern: JSON Schema's patterns have no flag for it."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in word)


# The words, in any case, with spaces around them; nothing written is no.
YES_NO_WORDS = Shape(f"[{SPACE}]*(?:{'|'.join(any_case(word) for word in YES_NO if word)})?[{SPACE}]*")
YesNo = Annotated[bool, BeforeValidator(_yes_no), WrittenAs(
    Form("boolean", "true or false", "true or false", {"type": "boolean"}),
    text_form("yes-no", "yes or no", "yes or no (also oui/non, true/false, vrai/faux, in any case)", YES_NO_WORDS))]


# --- dates ----------------------------------------------------------------------------------------

# A day outside these years is a typing slip (0226 for 2026); refusing it also keeps every date
# computed from one (a right's end, a posting rhythm) within the calendar Python knows.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def year_outside(found: Message) -> tuple[Message, Message]:
    """The message and hint of a day outside FIRST_YEAR to LAST_YEAR, in YAML as in CSV."""
    return says("value.year-outside", found=found, first=FIRST_YEAR, last=LAST_YEAR), says("value.year-outside.hint")


def calendar(order: str) -> str:
    """Every day of the years FIRST_YEAR to LAST_YEAR as a pattern, written `YMD` (2026-03-04) or `DMY`
    (04/03/2026): 30 days hath September, and 29 February in leap years only."""
    assert FIRST_YEAR % 100 == 0 and LAST_YEAR % 100 == 99
    centuries = [str(c) for c in range(FIRST_YEAR // 100, LAST_YEAR // 100 + 1)]
    year = f"(?:{'|'.join(centuries)})[0-9]{{2}}"
    leap = "|".join(f"{c}(?:0[48]|[2468][048]|[13579][26]{'|00' if int(c) % 4 == 0 else ''})" for c in centuries)
    months_days = [("(?:0[1-9]|1[0-2])", "(?:0[1-9]|1[0-9]|2[0-8])"), ("(?:0[13-9]|1[0-2])", "(?:29|30)"),
                   ("(?:0[13578]|1[02])", "31")]
    if order == "YMD":
        return f"{year}-(?:{'|'.join(f'{m}-{d}' for m, d in months_days)})|(?:{leap})-02-29"
    return f"(?:{'|'.join(f'{d}/{m}' for m, d in months_days)})/{year}|29/02/(?:{leap})"


DAY = Shape(calendar("YMD")).padded()


@labelled("date (YYYY-MM-DD)")
def _day(value: Any) -> date:
    if isinstance(value, str) and DAY.fullmatch(value):
        return date.fromisoformat(value.strip())
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            raise fail("value", says("value.no-such-day", found=value)) from None
        raise fail("value", *year_outside(quoted(value)))
    hint = None
    if isinstance(value, str) and re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", value.strip()):
        d, m, y = value.strip().split("/")
        hint = says("value.write", value=f"{y}-{m}-{d}")
    raise fail("type", says("value.date", found=shown(value)), hint)


Day = Annotated[date, BeforeValidator(_day), WrittenAs(
    text_form("date", "date", f"a date written YYYY-MM-DD, like 2026-03-04 (years {FIRST_YEAR} to {LAST_YEAR})",
              DAY))]

Moment = date | datetime


# --- vocabularies ---------------------------------------------------------------------------------

Network = Literal["instagram", "tiktok", "youtube", "x", "facebook", "linkedin", "twitch", "pinterest",
                  "snapchat", "threads", "bluesky", "blog", "podcast"]
Format = Literal["reel", "story", "short", "video", "live", "post", "carousel", "article", "podcast", "pin",
                 "thread", "other"]
Language = Literal["fr", "en"]
Jurisdiction = Literal["fr", "us", "uk"]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

