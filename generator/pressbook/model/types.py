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

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import quoted, register_codes
from .invisible import IN_NAMES, INVISIBLE, described

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
               "ambiguous": "number.ambiguous", "invisible": "text.invisible"}


def fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
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
        raise fail("invisible", "this {what} holds {described}", what=what, described=described(character),
                    character=character,
                    hint="delete it: it does not show in most editors, so retype the value or delete "
                         "the characters around this place and write them again")
    return text


@labelled("text")
def _text(value: Any) -> str:
    # A plain `612345678` or `2026` is a number to YAML; where the schema wants text it is that text.
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list, tuple)):
        raise fail("type", "expected text, found {found}", found=shown(value))
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
        raise fail("value", "expected a name, found nothing", hint="write the name out")
    control = _CONTROL.search(text.strip())
    if control is not None:
        # A name stands in titles, headers and tooltips, where a line break shows as nothing, and in
        # check's own report, where a terminal would obey an escape.
        what = "a line break" if control.group() in "\n\r\u0085\u2028\u2029" else \
            f"the control character U+{ord(control.group()):04X}"
        raise fail("value", "a name is one line of text; this one holds {what}", what=what,
                    hint="write the name on one line, with letters, digits, spaces and punctuation")
    return _no_invisible(text, "name", IN_NAMES)


Name = Annotated[str, BeforeValidator(_name)]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_POST_ID = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\Z")


@labelled("id")
def _id(value: Any) -> str:
    text = _no_invisible(_text(value), "id")
    if not _ID.match(text):
        raise fail("value", "'{found}' is not an id: use lower-case letters, digits and hyphens",
                    found=text)
    return text


@labelled("post id")
def _post_id(value: Any) -> str:
    text = _no_invisible(_text(value), "post id")
    if not _POST_ID.match(text):
        raise fail("value", "'{found}' is not a post id: use letters, digits, hyphens and underscores",
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
        raise fail("value", "expected an https:// address, found {found}", found=quoted(text))
    return text


@labelled("web address")
def _web(value: Any) -> str:
    text = _no_invisible(_text(value), "address")
    if not _URL.match(text):
        raise fail("value", "expected a web address (https://…), found {found}", found=quoted(text))
    return text


@labelled("e-mail address")
def _email(value: Any) -> str:
    text = _no_invisible(_text(value), "e-mail address")
    if not re.match(r"[^\s@]+@[^\s@]+\.[^\s@]+\Z", text):
        raise fail("value", "expected an e-mail address, found {found}", found=quoted(text))
    return text


# A login is written into password files as `login:hash`, one a line, and typed into a browser's
# password box: no colon, no space, nothing a line could end on.
_LOGIN = re.compile(r"[^\s:]{1,128}\Z")


@labelled("login or e-mail address")
def _login(value: Any) -> str:
    text = _no_invisible(_text(value), "login")
    if not _LOGIN.match(text):
        raise fail("value", "{found} cannot be a login: a login is one word, without spaces or ':'",
                    found=quoted(text), hint="write the person's e-mail address, like claire@example.fr")
    return text


HttpsUrl = Annotated[str, BeforeValidator(_https), WithJsonSchema({"type": "string", "pattern": "^https://"})]
WebUrl = Annotated[str, BeforeValidator(_web), WithJsonSchema({"type": "string", "pattern": "^https?://"})]
Email = Annotated[str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Login = Annotated[str, BeforeValidator(_login), WithJsonSchema({"type": "string", "pattern": "^[^\\s:]{1,128}$"})]


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
        raise fail("outside", "'{found}' points outside content/", found=text)
    return "/".join(parts)


ContentPath = Annotated[str, BeforeValidator(_content_path),
                        WithJsonSchema({"type": "string", "description": "a path relative to content/"})]


# The words of a yes/no column, in any case (an empty cell is no), for the CSV reader and the schema.
YES_NO = {"yes": True, "oui": True, "true": True, "vrai": True,
          "no": False, "non": False, "false": False, "faux": False, "": False}


@labelled("`yes` \\| `no` (also oui/non, true/false, vrai/faux)")
def _yes_no(value: Any) -> bool:
    """A yes/no column of a CSV file: what its schema accepts, a boolean or one of its words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES_NO:
        return YES_NO[value.strip().lower()]
    raise fail("type", "expected yes or no, found {found}", found=shown(value), hint="write yes or no")


# JSON Schema's patterns have no flag for case: each word in lower case, capitalised and in capitals.
_YES_NO_WORDS = [form for word in YES_NO if word for form in (word, word.capitalize(), word.upper())]
YesNo = Annotated[bool, BeforeValidator(_yes_no),
                  WithJsonSchema({"anyOf": [{"type": "boolean"},
                                            {"type": "string", "pattern": f"^({'|'.join(_YES_NO_WORDS)})?$"}]})]


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
            raise fail("value", "'{found}' is not a day of the calendar", found=value) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise fail("value", YEAR_OUTSIDE[0], found=quoted(value), hint=YEAR_OUTSIDE[1])
        return day
    hint = ""
    if isinstance(value, str) and re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", value.strip()):
        d, m, y = value.strip().split("/")
        hint = f"write {y}-{m}-{d}"
    raise fail("type", "expected a date written YYYY-MM-DD, found {found}", found=shown(value), hint=hint)


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

