"""How a value may be written: the forms each value type accepts, declared once for its validator and
its JSON Schema.

A type's JSON Schema is an `anyOf` of its forms, each with a title and a description an editor shows
("a percentage, like 4.6 % or 12,5 %"). A form's pattern is a regular expression written in the part
of the syntax Python and JavaScript read alike, so that the validator (`Shape.fullmatch`) and the
schema (`Shape.pattern`, read by editors in JavaScript) accept the same text. `reference.py` gives the
forms their words in other languages by `Form.key` (schemas.yml).
"""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from typing import Any, Mapping

# The key a form's JSON Schema carries until reference.py gives it its words and takes the key away.
FORM_KEY = "x-pressbook-form"


def _escaped(character: str) -> str:
    """A character as a regular expression writes it, the same to Python and JavaScript: printable
    ASCII as itself, anything else (invisible characters above all) as an escape, so the schema files
    hold no character a reader cannot see."""
    code = ord(character)
    if 0x20 < code < 0x7F:
        return "\\" + character if character in "\\]-^[" else character
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def char_class(characters: str | set[str]) -> str:
    """The body of a character class (no brackets) for these characters, runs written as ranges."""
    codes = sorted({ord(c) for c in characters})
    parts, start = [], 0
    while start < len(codes):
        end = start
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = chr(codes[start]), chr(codes[end])
        parts.append(_escaped(first) if start == end else
                     f"{_escaped(first)}{'-' if end > start + 1 else ''}{_escaped(last)}")
        start = end + 1
    return "".join(parts)


def class_of(pattern: re.Pattern[str]) -> str:
    """The body of a one-class pattern such as invisible.py's (`[\\u200b-\\u200f…]`), escaped."""
    body = pattern.pattern
    assert body.startswith("[") and body.endswith("]") and "^" not in body[:2], body
    characters = set()
    index, body = 0, body[1:-1]
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            characters.update(chr(c) for c in range(ord(body[index]), ord(body[index + 2]) + 1))
            index += 3
        else:
            characters.add(body[index])
            index += 1
    return char_class(characters)


# What str.strip() takes away (Python's `\s`). JavaScript's `\s` differs (U+FEFF is one to it, U+001C
# to U+001F and U+0085 are not), so the patterns name these characters instead.
SPACE = char_class({chr(c) for c in range(0x10000) if chr(c).isspace()})  # none lies beyond U+3000


@dataclass(frozen=True)
class Shape:
    """A regular expression both the validator and the schema use, unanchored: Python matches it whole
    (`fullmatch`), the schema anchors it (`^(?:…)$`)."""

    source: str
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.source))

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    @property
    def pattern(self) -> str:
        return f"^(?:{self.source})$"

    def padded(self) -> "Shape":
        """The same text with spaces around it, as a value read with strip() may have."""
        return Shape(f"[{SPACE}]*(?:{self.source})[{SPACE}]*")


@dataclass(frozen=True)
class Form:
    """One way a value may be written: `key` names it in the catalogues of other languages."""

    key: str
    title: str
    description: str
    schema: Mapping[str, Any] | None  # None: the schema of the model the value becomes (an amount's mapping)
    shape: Shape | None = None  # the pattern of a form of text

    def json_schema(self, model_schema: Mapping[str, Any] | None = None) -> dict[str, Any]:
        body = dict(self.schema) if self.schema is not None else dict(model_schema or {})
        result = {FORM_KEY: self.key, "title": self.title, "description": self.description, **body}
        if "pattern" in body:
            # yaml-language-server shows this instead of the pattern itself when a value does not match.
            result["patternErrorMessage"] = self.description
        return result


def text_form(key: str, title: str, description: str, shape: Shape) -> Form:
    return Form(key, title, description, {"type": "string", "pattern": shape.pattern}, shape)


class WrittenAs:
    """Annotated metadata: the JSON Schema of a value type is the `anyOf` of these forms."""

    def __init__(self, *forms: Form) -> None:
        self.forms = forms

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        model_schema = handler(core_schema) if any(f.schema is None for f in self.forms) else None
        # An anyOf even of one form: the key's own title and description stay beside it, not over it.
        return {"anyOf": [form.json_schema(model_schema) for form in self.forms]}


def key_schema(annotation: Any) -> dict[str, Any]:
    """The JSON Schema of a mapping's keys of this type (`propertyNames`): its forms of text, a key
    being text. Pydantic leaves a key's schema out unless it is a plain string's or an enum's."""
    forms = forms_of(typing.get_args(annotation)[1:])
    return {"anyOf": [form.json_schema() for form in forms if (form.schema or {}).get("type") == "string"]}


def forms_of(metadata: Any) -> tuple[Form, ...]:
    """The forms declared in a type's Annotated metadata, if any."""
    for item in metadata:
        if isinstance(item, WrittenAs):
            return item.forms
    return ()
