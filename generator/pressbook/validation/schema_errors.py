"""Pydantic's validation errors, located in the file and said in a campaign manager's words."""
from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..sources import Document, KeyPath
from ..loading.yaml_strict import dotted
from ..model.amounts import CURRENCIES
from ..model.types import ERROR_CODES, shown
from ..messages import Message, listed, says
from ..problems import Location, Problem
from .suggestions import did_you_mean, did_you_mean_code, suggests_a_word

_PATTERNS = {r"^[A-Z]{3}$": "currency", r"^[A-Z]{2}$": "country"}


# A key that names a secret: its value is one, whatever the key was meant for.
SECRET_KEY = re.compile(r"(?<![a-z])pass(?:word|wd|phrase)?\b|mot[ _-]?de[ _-]?passe|mdp|secret|token|api[ _-]?key|"
                        r"private[ _-]?key|credential", re.IGNORECASE)

SECRET_HINT = says("secret.in-workspace.hint")


def problems_from(error: ValidationError, model: type[BaseModel], document: Document,
                  prefix: KeyPath = ()) -> list[Problem]:
    problems = [_problem(detail, model, document, prefix) for detail in error.errors(include_url=False)]
    # `topcs:` is both an unknown key and a missing `topics:`; the typo is the one thing to fix.
    misspelt = {(p.key.rpartition(".")[0], p.hint) for p in problems if p.code == "schema.unknown-key"}
    return [p for p in problems if p.code != "schema.missing-key" or
            (p.key.rpartition(".")[0], says("hint.did-you-mean", word=p.key.rpartition('.')[2])) not in misspelt]


def _problem(detail: dict, model: type[BaseModel], document: Document, prefix: KeyPath) -> Problem:
    loc, type_tags = _keys_of(detail["loc"], _value_at(document.data, prefix))
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    key_path = prefix + loc
    code, message, hint = "schema.value", context.get("says") or detail["msg"], context.get("hint_says")
    at_key = False
    if kind == "missing":
        code, message = "schema.missing-key", says("schema.missing-key")
        hint = says("schema.missing-key.hint", key=loc[-1])
        return Problem(document.locate(key_path[:-1]), "error", code, message, hint, key=dotted(key_path))
    if kind == "invisible":
        start = document.locate(key_path, key="[key]" in type_tags)
        return Problem(_character_at(document, start, value, context), "error", "text.invisible", message,
                       hint, key=dotted(key_path))
    if kind == "extra_forbidden" and SECRET_KEY.search(str(loc[-1])):
        code, at_key = "secret.in-workspace", True
        message = says("secret.in-workspace")
        hint = SECRET_HINT
    elif kind == "extra_forbidden":
        code, at_key = "schema.unknown-key", True
        message = says("schema.unknown-key", key=loc[-1])
        hint = did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1]))
    elif "[key]" in type_tags:
        code, at_key = "schema.value", True
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        message = says("schema.key-not-allowed", value=value)
        hint = did_you_mean(str(value), expected) if expected else None
    elif kind in ERROR_CODES:
        code = ERROR_CODES[kind]
    elif kind == "bool_type":
        code, message = "schema.type", says("schema.boolean", found=shown(value))
        hint = says("schema.boolean.hint")
    elif kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        message = says("value.choice", choices=listed(expected, ","), found=shown(value))
        hint = did_you_mean(str(value), expected) if len(expected) > 15 or value is not None else None
        if hint and not suggests_a_word(hint):
            hint = None
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        code, message = "schema.type", says("schema.mapping", found=shown(value))
        hint = says("schema.mapping.hint")
    elif kind in ("tuple_type", "list_type"):
        code, message = "schema.type", says("schema.list", found=shown(value))
        hint = says("schema.list.hint")
    elif kind == "string_type":
        code, message = "schema.type", says("schema.text", found=shown(value))
    elif kind == "currency":
        hint = did_you_mean_code(str(value), CURRENCIES) or says("schema.currency.hint")
    elif kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(context.get("pattern", ""))
        message = says("schema.currency-pattern", found=shown(value)) if wanted == "currency" else \
            says("schema.country-pattern", found=shown(value)) if wanted == "country" else \
            says("schema.pattern", found=shown(value))
    elif kind == "too_short":
        message = says("schema.too-short", n=context.get("min_length", 1))
    elif kind == "value_error":  # a model's own check (a ValueError, not a value type's refusal)
        message = str(context.get("error", message))
    elif kind in ("int_type", "int_parsing", "decimal_type"):
        code, message = "schema.type", says("value.number", found=shown(value))
    if not isinstance(message, Message):  # a refusal of pydantic's that no branch above says in words
        message = says("schema.refused", detail=str(message))
    location = document.locate(key_path, key=at_key)
    return Problem(location, "error", code, message, hint, key=dotted(key_path))


def _character_at(document: Document, start: Location, value: Any, context: dict) -> Location:
    """Where the invisible character of a value is in the file: it cannot be seen, so the column must
    be its own. The first one written at or after the value's start, if it lies within the value's
    lines (a character written as an escape, `\\u202e`, is found nowhere: the value's start then)."""
    lines = str(value).count("\n") + 1 if isinstance(value, str) else 1
    for line, column, character in document.invisible:
        if (line, column) >= (start.line, start.column) and character == context.get("character"):
            if line - start.line <= lines:  # a block scalar (|, >) starts a line above its text
                return Location(document.path, line, column)
            break
    return start


def _keys_of(loc: tuple, data: Any) -> tuple[KeyPath, list[str]]:
    """Pydantic's error location split into the file's keys and the names of the types it tried
    (`function-after[...]`, `list[str]`, `[key]`). A key the file does hold is a key, even when it
    looks like a type's name: `notes[fr]:` is an unknown key to report, not a name to drop."""
    keys: list[str | int] = []
    tags: list[str] = []
    value = data
    for part in loc:
        if _holds(value, part):
            keys.append(part)
            value = value[part]
        elif _is_type_tag(part):
            tags.append(part)
        else:
            keys.append(part)
            value = None
    return tuple(keys), tags


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part] if _holds(data, part) else None
    return data


def _holds(value: Any, part: Any) -> bool:
    """Whether `part` is a key of this mapping or an index of this list, as the loader made them."""
    if isinstance(value, dict):
        return part in value
    return isinstance(value, tuple) and isinstance(part, int) and 0 <= part < len(value)


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and (part == "[key]" or "[" in part or part.startswith("function-"))


def _fields_at(model: Any, loc: KeyPath) -> list[str]:
    """The keys allowed at a path: walk the model's annotations down the path."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(current)
            origin = typing.get_origin(current)
            if origin is dict:
                current = args[1]
            elif origin is tuple:
                current = args[0]
            else:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
