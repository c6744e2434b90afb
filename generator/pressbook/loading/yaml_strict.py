"""Strict YAML: one document, no anchors, no tags, no duplicate keys, and no YAML 1.1 retyping.

PyYAML's own constructors would read `NO` as false, `01234` as 668 and `12:30` as 750. We build the
values from the parser's events instead: a plain scalar becomes a boolean, null, whole number or
decimal only when it is written exactly so (`true`, `null`, `42`, `4.5`); everything else stays text,
and the schema decides what text it accepts. Booleans and null are written in lower case, as
docs/workspace.md says: `True` or `NULL` stay text, which the schema refuses with that hint.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

import yaml

from ..model.invisible import INVISIBLE
from ..problems import Location, Problem
from .documents import Document, KeyPath

PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# At most 300 digits: Python's int() refuses a number of thousands, and no value comes near this.
# A longer one stays text, which the schema refuses where it wants a number.
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,299})\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,299})\.[0-9]{1,300}\Z")
_NULL = {"", "~", "null"}
_BOOL = {"true": True, "false": False}

# Lists and mappings inside one another: no key of the format goes more than a few levels deep, and
# the values are read by recursion, which a file of a few hundred brackets would exhaust.
MAX_DEPTH = 50

# The characters the YAML reader refuses (control characters, U+FFFE, U+FFFF, lone surrogates): its
# own pattern, so that they are found, and located in the file, before it stops on one.
_UNACCEPTABLE = yaml.reader.Reader.NON_PRINTABLE
_CHARACTER_NAMES = {
    0x00: "a null character", 0x08: "a backspace character", 0x0B: "a vertical tab",
    0x0C: "a page break (form feed)", 0x1B: "an escape character", 0x7F: "a delete character",
    0xFFFE: "a byte order mark written backwards", 0xFFFF: "a character that is no character",
}


def resolve_plain(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return Decimal(text)
    return text


class _Events:
    def __init__(self, events: Iterator[yaml.Event], document: Document, problems: list[Problem],
                 line_offset: int):
        self.events = events
        self.document = document
        self.problems = problems
        self.line_offset = line_offset
        # An alias is refused, but its value stands in for it so one mistake is reported once.
        self.anchors: dict[str, Any] = {}

    def position(self, event: yaml.Event) -> tuple[int, int]:
        return (event.start_mark.line + 1 + self.line_offset, event.start_mark.column + 1)

    def report(self, event: yaml.Event, code: str, message: str, hint: str = "", key: KeyPath = ()) -> None:
        line, column = self.position(event)
        self.problems.append(Problem(Location(self.document.path, line, column), "error", code, message,
                                     hint, key=dotted(key)))

    def node(self, event: yaml.Event, path: KeyPath, depth: int = 0) -> Any:
        self.document.value_at[path] = self.position(event)
        if depth == MAX_DEPTH and isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            line, column = self.position(event)
            # Named by its top-level key: the full path would be fifty brackets long.
            self.problems.append(too_deep(Location(self.document.path, line, column), dotted(path[:1])))
            self._skip()
            return None
        if isinstance(event, yaml.AliasEvent):
            self.report(event, "yaml.anchor", f"alias '*{event.anchor}' is not allowed",
                        "write the value out in full where it is needed", path)
            return self.anchors.get(event.anchor)
        if event.anchor is not None:
            self.report(event, "yaml.anchor", f"anchor '&{event.anchor}' is not allowed",
                        "remove the anchor and write each value out in full", path)
        value = self._value(event, path, depth + 1)
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        return value

    def _skip(self) -> None:
        """Pass over the rest of a list or mapping whose start was read, without recursion."""
        open_collections = 1
        while open_collections:
            event = next(self.events)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections -= 1

    def _value(self, event: yaml.Event, path: KeyPath, depth: int) -> Any:
        if isinstance(event, yaml.ScalarEvent):
            if event.tag is not None:
                self._tag(event, path)
            # implicit[0] is true only for a plain (unquoted) scalar: quoting always means text.
            return resolve_plain(event.value) if event.implicit[0] else event.value
        if event.tag is not None and not event.implicit:
            self._tag(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(peek := next(self.events), yaml.SequenceEndEvent):
                items.append(self.node(peek, path + (len(items),), depth))
            return tuple(items)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")

    def _tag(self, event: yaml.Event, path: KeyPath) -> None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        self.report(event, "yaml.tag", f"tag '{tag}' is not allowed",
                    "remove the tag; write the value plainly (quote it if it must stay text)", path)

    def mapping(self, path: KeyPath, depth: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        while not isinstance(key_event := next(self.events), yaml.MappingEndEvent):
            if isinstance(key_event, yaml.ScalarEvent):
                key = key_event.value
            else:
                self.report(key_event, "yaml.syntax", "a key must be plain text",
                            "write keys as simple words followed by a colon", path)
                self.node(key_event, path + ("?",), depth)
                key = None
            value_event = next(self.events)
            if key is None:
                self.node(value_event, path + ("?",), depth)
                continue
            key_path = path + (key,)
            if key in values:
                first_line = self.document.key_at[key_path][0]
                self.report(key_event, "yaml.duplicate-key", f"'{key}' is written twice in this mapping",
                            f"the first one is on line {first_line}; keep one of them", key_path)
                self.node(value_event, path + ("?",), depth)
                continue
            self.document.key_at[key_path] = self.position(key_event)
            values[key] = self.node(value_event, key_path, depth)
        return values


def dotted(path: KeyPath) -> str:
    """`('roster', 1, 'influencer')` → `roster[1].influencer`, the way the messages name a key."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_yaml(text: str, path: str, problems: list[Problem], line_offset: int = 0) -> Document:
    """Parse one YAML document. Problems are appended; the document holds what could be read."""
    document = Document(path, None)
    refused = unacceptable_character(text, path, line_offset)
    if refused is not None:
        problems.append(refused)
        return document
    try:
        events = iter(list(yaml.parse(text, Loader=PARSER)))
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_problem(error, text, path, line_offset))
        return document
    reader = _Events(events, document, problems, line_offset)
    document.read = True
    document.invisible = tuple(_places(text, INVISIBLE, line_offset))
    next(reader.events)  # StreamStart
    event = next(reader.events)
    if isinstance(event, yaml.StreamEndEvent):
        document.data = {}
        return document
    document.data = reader.node(next(reader.events), ())
    next(reader.events)  # DocumentEnd
    extra = next(reader.events)
    if isinstance(extra, yaml.DocumentStartEvent):
        reader.report(extra, "yaml.multiple-documents", "this file holds more than one YAML document",
                      "remove the second '---' line and merge what follows into the first document")
    return document


def _places(text: str, pattern: re.Pattern[str], line_offset: int) -> Iterator[tuple[int, int, str]]:
    """Line, column and text of each match of `pattern`, the lines counted once through the text (free
    text may hold hundreds of emoji joiners)."""
    line, line_start, previous = 1, 0, 0
    for found in pattern.finditer(text):
        breaks = text.count("\n", previous, found.start())
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, found.start()) + 1
        previous = found.start()
        yield line + line_offset, found.start() - line_start + 1, found.group()


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str, line_offset: int = 0) -> Problem:
    """The YAML of `text` cannot be read: where, and what to look at."""
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 + line_offset) if mark else 1
    column = (mark.column + 1) if mark else 1
    if "maximum nesting depth" in (error.problem or ""):
        # libyaml's own limit (1000 levels), met before ours when its scanner reads ahead.
        return too_deep(Location(path, line, column))
    hint = _syntax_hint(error, text, mark)
    message = "a tab character is used for indentation" if "tabs" in hint else _syntax_message(error)
    return Problem(Location(path, line, column), "error", "yaml.syntax", message, hint)


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    return f"the YAML cannot be read: {problem}" + (f" ({context})" if context else "")


def _syntax_hint(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return "indent with spaces only; YAML does not accept tabs"
    if "mapping values are not allowed" in (error.problem or ""):
        return "a value containing ': ' must be put in quotes"
    return "check the indentation and the quotes on this line and the one before"


def unacceptable_character(text: str, path: str, line_offset: int = 0) -> Problem | None:
    """The first character of `text` that YAML does not accept, at its line and column, if any.

    They are invisible in most editors and come with pasted text. The lines of the others are in the
    hint, so that all of them can be deleted at once (a file saved as UTF-16 has one every other byte:
    they are counted in one pass).
    """
    found = _UNACCEPTABLE.search(text)
    if found is None:
        return None
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    hint = "delete it, or retype the text around it: it is invisible in most editors"
    if found.group() == "\x0b":
        hint += ", and text pasted from PowerPoint or Word brings it along as a line break"
    others, lines, at, previous = 0, [], line, start
    for match in _UNACCEPTABLE.finditer(text, start + 1):
        at += text.count("\n", previous, match.start())
        previous = match.start()
        others += 1
        if not lines or lines[-1] != at:
            lines.append(at)
    if others:
        shown = [str(number + line_offset) for number in lines[:5]]
        shown += [f"{len(lines) - 5} other lines"] if len(lines) > 5 else []
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
        where = "this line" if lines == [line] else f"line{'s' if len(lines) > 1 else ''} {listed}"
        hint += f"; {others} more such character{'s are' if others > 1 else ' is'} on {where}"
    return Problem(Location(path, line + line_offset, column), "error", "yaml.syntax",
                   f"the text holds {_character_name(found.group())}, a character YAML does not accept", hint)


def _character_name(character: str) -> str:
    code = ord(character)
    if code in _CHARACTER_NAMES:
        name = _CHARACTER_NAMES[code]
    elif 0xD800 <= code <= 0xDFFF:
        name = "half of a character that lost its other half"
    else:
        name = "an invisible control character"
    return f"{name} (U+{code:04X})"


def too_deep(location: Location, key: str = "") -> Problem:
    """Lists or mappings nested more than MAX_DEPTH levels: a bracket repeated, or a generated file."""
    return Problem(location, "error", "yaml.syntax",
                   f"the values are nested more than {MAX_DEPTH} levels deep here",
                   "no value needs more than a few lists or mappings inside one another: "
                   "look for brackets or indentation repeated by mistake", key=key)
