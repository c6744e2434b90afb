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

from ..messages import Message, listed, says
from ..model.invisible import INVISIBLE
from ..problems import Location, Problem, register_codes
from ..sources import Document, KeyPath

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

register_codes({"yaml.syntax": "The YAML cannot be read: indentation, quotes, tabs, a missing colon, a character "
                             f"YAML refuses, or nesting over {MAX_DEPTH} levels."})

# The characters the YAML reader refuses (control characters, U+FFFE, U+FFFF, lone surrogates): its
# own pattern, so that they are found, and located in the file, before it stops on one.
_UNACCEPTABLE = yaml.reader.Reader.NON_PRINTABLE
_CHARACTER_NAMES = {
    0x00: says("yaml.character.null"), 0x08: says("yaml.character.backspace"),
    0x0B: says("yaml.character.vertical-tab"), 0x0C: says("yaml.character.form-feed"),
    0x1B: says("yaml.character.escape"), 0x7F: says("yaml.character.delete"),
    0xFFFE: says("yaml.character.reversed-bom"), 0xFFFF: says("yaml.character.no-character"),
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

    def report(self, event: yaml.Event, code: str, message: Message, hint: Message | None = None,
               key: KeyPath = ()) -> None:
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
            self.report(event, "yaml.anchor", says("yaml.alias", anchor=event.anchor), says("yaml.alias.hint"), path)
            return self.anchors.get(event.anchor)
        if event.anchor is not None:
            self.report(event, "yaml.anchor", says("yaml.anchor", anchor=event.anchor), says("yaml.anchor.hint"), path)
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
        self.report(event, "yaml.tag", says("yaml.tag", tag=tag), says("yaml.tag.hint"), path)

    def mapping(self, path: KeyPath, depth: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        while not isinstance(key_event := next(self.events), yaml.MappingEndEvent):
            if isinstance(key_event, yaml.ScalarEvent):
                key = key_event.value
            else:
                self.report(key_event, "yaml.syntax", says("yaml.key-not-text"), says("yaml.key-not-text.hint"), path)
                self.node(key_event, path + ("?",), depth)
                key = None
            value_event = next(self.events)
            if key is None:
                self.node(value_event, path + ("?",), depth)
                continue
            key_path = path + (key,)
            if key in values:
                first_line = self.document.key_at[key_path][0]
                self.report(key_event, "yaml.duplicate-key", says("yaml.duplicate-key", key=key),
                            says("yaml.duplicate-key.hint", line=first_line), key_path)
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
        reader.report(extra, "yaml.multiple-documents", says("yaml.multiple-documents"),
                      says("yaml.multiple-documents.hint"))
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
    if _tab_before(text, mark):
        message, hint = says("yaml.tab"), says("yaml.tab.hint")
    else:
        message = _syntax_message(error)
        hint = says("yaml.colon-in-value.hint") if "mapping values are not allowed" in (error.problem or "") \
            else says("yaml.syntax.hint")
    return Problem(Location(path, line, column), "error", "yaml.syntax", message, hint)


def _syntax_message(error: yaml.MarkedYAMLError) -> Message:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    said = _PARSER_WORDS.get(problem, problem)
    if context:
        return says("yaml.unreadable-while", problem=said, context=_PARSER_WORDS.get(context, context))
    return says("yaml.unreadable", problem=said)


def _tab_before(text: str, mark: Any) -> bool:
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


# What the YAML parser (libyaml, or PyYAML's own when libyaml is missing) says of the usual mistakes,
# in the reader's words; anything else it says is shown as it says it.
_PARSER_WORDS: dict[str, Message] = {
    "did not find expected key": says("yaml.parser.expected-key"),
    "did not find expected ',' or ']'": says("yaml.parser.expected-bracket"),
    "did not find expected ',' or '}'": says("yaml.parser.expected-brace"),
    "could not find expected ':'": says("yaml.parser.expected-colon"),
    "mapping values are not allowed here": says("yaml.parser.colon-here"),
    "mapping values are not allowed in this context": says("yaml.parser.colon-in-this-context"),
    "found character that cannot start any token": says("yaml.parser.cannot-start"),
    "found unexpected end of stream": says("yaml.parser.end-of-file"),
    "did not find expected node content": says("yaml.parser.expected-value"),
    "did not find expected '-' indicator": says("yaml.parser.expected-dash"),
    "block sequence entries are not allowed in this context": says("yaml.parser.dash-in-this-context"),
    "found unknown escape character": says("yaml.parser.escape"),
    "did not find expected comment or line break": says("yaml.parser.expected-line-break"),
    "while parsing a block mapping": says("yaml.parser.in-keys"),
    "while parsing a block collection": says("yaml.parser.in-list"),
    "while parsing a flow sequence": says("yaml.parser.in-bracket-list"),
    "while parsing a flow mapping": says("yaml.parser.in-brace-keys"),
    "while parsing a flow node": says("yaml.parser.in-bracket-value"),
    "while parsing a node": says("yaml.parser.in-value"),
    "while scanning a simple key": says("yaml.parser.in-key"),
    "while scanning a quoted scalar": says("yaml.parser.in-quotes"),
    "while scanning a double-quoted scalar": says("yaml.parser.in-double-quotes"),
    "while scanning a plain scalar": says("yaml.parser.in-plain-value"),
    "while scanning a block scalar": says("yaml.parser.in-text-block"),
}


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
    hint = says("yaml.character.pasted.hint") if found.group() == "\x0b" else says("yaml.character.hint")
    others, lines, at, previous = 0, [], line, start
    for match in _UNACCEPTABLE.finditer(text, start + 1):
        at += text.count("\n", previous, match.start())
        previous = match.start()
        others += 1
        if not lines or lines[-1] != at:
            lines.append(at)
    if others:
        shown: list[Any] = [str(number + line_offset) for number in lines[:5]]
        shown += [says("yaml.character.other-lines", n=len(lines) - 5)] if len(lines) > 5 else []
        where = says("yaml.character.this-line") if lines == [line] else \
            says("yaml.character.lines", n=len(lines), lines=listed(shown))
        hint = says("yaml.character.more.hint", hint=hint, more=says("yaml.character.more", n=others, where=where))
    return Problem(Location(path, line + line_offset, column), "error", "yaml.syntax",
                   says("yaml.character", name=_character_name(found.group())), hint)


def _character_name(character: str) -> Message:
    code = ord(character)
    if code in _CHARACTER_NAMES:
        name = _CHARACTER_NAMES[code]
    elif 0xD800 <= code <= 0xDFFF:
        name = says("yaml.character.half")
    else:
        name = says("yaml.character.control")
    return says("yaml.character.named", name=name, code=f"{code:04X}")


def too_deep(location: Location, key: str = "") -> Problem:
    """Lists or mappings nested more than MAX_DEPTH levels: a bracket repeated, or a generated file."""
    return Problem(location, "error", "yaml.syntax", says("yaml.too-deep", most=MAX_DEPTH), says("yaml.too-deep.hint"),
                   key=key)
