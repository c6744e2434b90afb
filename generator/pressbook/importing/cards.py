"""Identity cards as an import reads and rewrites them: what a person wrote stays as they wrote it.

A card's front matter is read as raw values (loading/frontmatter), strings as written. An import may
change only the card's `networks:` block and add top-level keys the card lacks: every other line of
the file, comments included, is kept byte for byte. Within `networks:`, only the accounts whose values
change are written anew, from their raw values, in the demo's style (2-space indent, block style,
lists indented under their key); the others keep their lines."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..sources import Document
from ..loading.files import read_text, relative
from ..loading.frontmatter import load_front_matter
from ..loading.yaml_strict import resolve_plain
from ..problems import Problem

FOLDER = Path("content") / "influencers"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass
class Card:
    id: str
    path: str  # relative to the workspace's root
    text: str | None  # None: a card the import creates
    document: Document | None

    @property
    def data(self) -> dict[str, Any]:
        data = self.document.data if self.document is not None else None
        return data if isinstance(data, dict) else {}


def read_cards(root: Path, problems: list[Problem]) -> dict[str, Card]:
    """Every card of content/influencers/, its front matter read but not validated; a card that cannot
    be read is a problem (the import could otherwise create a second card for the same person)."""
    cards: dict[str, Card] = {}
    folder = root / FOLDER
    if not folder.is_dir():
        return cards
    for path in sorted(folder.glob("*.md")):
        if not _ID.match(path.stem) or path.stem == "index" or path.is_symlink():
            continue  # check says why; such a file is no card
        text = read_text(root, path, problems)
        if text is None:
            continue
        where = relative(root, path)
        document = load_front_matter(text, where, problems)
        # The file as it is, line ends (CR LF) and byte order mark included: what is not rewritten stays so.
        cards[path.stem] = Card(path.stem, where, path.read_bytes().decode("utf-8"), document)
    return cards


def card_path(card_id: str) -> str:
    return (FOLDER / f"{card_id}.md").as_posix()


# --- writing YAML as the demo writes it -----------------------------------------------------------

_RESERVED_START = set("-?:,[]{}#&*!|>'\"%@` ")
_NUMBER_LIKE = re.compile(r"[-+]?(?:\.[0-9]|[0-9])[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\Z|0[xXoObB]|"
                          r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z|[0-9]+(?::[0-9]{1,2})+\Z")
_WORDS = {"true", "false", "null", "~"}  # in any case: pressbook reads True as text, other readers not


def scalar(value: Any) -> str:
    """A raw value as YAML that reads back to it, plain where it can be."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _RESERVED_START:
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(c in text for c in "\n\r\t\"\\"):
        return False
    if not text.isprintable() or text.lower() in _WORDS or _NUMBER_LIKE.match(text):
        return False
    return resolve_plain(text) == text


def mapping_lines(values: dict[str, Any], indent: int) -> list[str]:
    """A mapping in block style, each key at `indent` spaces."""
    pad = " " * indent
    lines = []
    for key, value in values.items():
        name = scalar(key)
        if isinstance(value, dict):
            lines += [f"{pad}{name}:"] + mapping_lines(value, indent + 2) if value else [f"{pad}{name}: {{}}"]
        elif isinstance(value, (list, tuple)):
            lines += [f"{pad}{name}:"] + sequence_lines(value, indent + 2) if value else [f"{pad}{name}: []"]
        else:
            lines.append(f"{pad}{name}: {scalar(value)}")
    return lines


def sequence_lines(items: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = mapping_lines(item, indent + 2)
            lines += [f"{pad}- {inner[0].lstrip()}"] + inner[1:]
        elif isinstance(item, (list, tuple)) and item:
            lines += [f"{pad}-"] + sequence_lines(item, indent + 2)
        else:
            lines.append(f"{pad}- {scalar(item) if not isinstance(item, (dict, list, tuple)) else '{}'}")
    return lines


def new_card_text(front: dict[str, Any]) -> str:
    """A card the import creates: its front matter, and an empty portrait for a person to write."""
    return "---\n" + "\n".join(mapping_lines(front, 0)) + "\n---\n"


# --- rewriting a card -----------------------------------------------------------------------------

def rewrite_card(card: Card, networks: dict[str, dict[str, Any]], added: dict[str, Any]) -> str:
    """The card's text with `networks` (every account, raw values) and the top-level keys `added`:
    only the accounts whose values differ from the card's are written anew."""
    assert card.text is not None and card.document is not None
    crlf = "\r\n" in card.text
    text = card.text.replace("\r\n", "\n") if crlf else card.text
    lines = text.split("\n")
    document = card.document
    closing = document.body_line - 1  # the 1-based line of the closing ---
    old = card.data.get("networks")
    if networks != old:
        start, end = _block(document, ("networks",), closing, lines)
        replacement = _networks_lines(document, lines, start, end, old, networks)
        lines[start - 1:end] = replacement
        closing += len(replacement) - (end - start + 1)
    if added:
        lines[closing - 1:closing - 1] = mapping_lines(added, 0)
    result = "\n".join(lines)
    return result.replace("\n", "\r\n") if crlf else result


def _block(document: Document, key: tuple[str, ...], closing: int, lines: list[str]) -> tuple[int, int]:
    """The 1-based first and last line of a top-level key's block, the blank lines and comments at its
    end left out (they go with what follows)."""
    start = document.key_at[key][0]
    following = [line for path, (line, _) in document.key_at.items() if len(path) == 1 and line > start]
    end = (min(following) if following else closing) - 1
    while end > start and _filler(lines[end - 1]):
        end -= 1
    return start, end


def _filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _networks_lines(document: Document, lines: list[str], start: int, end: int, old: Any,
                    networks: dict[str, dict[str, Any]]) -> list[str]:
    key_line = document.key_at[("networks",)][0]
    value_line = document.value_at.get(("networks",), (0, 0))[0]
    accounts = {path[1]: position for path, position in document.key_at.items()
                if len(path) == 2 and path[0] == "networks"}
    if not isinstance(old, dict) or value_line == key_line or not accounts:
        # Written on one line (`networks: {…}`) or not a mapping: the block is written anew.
        return [lines[start - 1].split(":", 1)[0] + ":"] + mapping_lines(networks, 2)
    ordered = sorted(accounts.items(), key=lambda item: item[1])
    indent = ordered[0][1][1] - 1
    result = lines[start - 1:ordered[0][1][0] - 1]  # `networks:` and whatever precedes the first account
    for number, (name, (line, _)) in enumerate(ordered):
        next_line = ordered[number + 1][1][0] if number + 1 < len(ordered) else end + 1
        last = next_line - 1
        while last > line and _filler(lines[last - 1]):
            last -= 1
        if name in networks and networks[name] != old.get(name):
            result += mapping_lines({name: networks[name]}, indent)
        elif name in networks:
            result += lines[line - 1:last]
        result += lines[last:next_line - 1]  # the blank lines and comments after it
    added = {name: values for name, values in networks.items() if name not in accounts}
    if added:
        # After the last account's own lines, before the comments that end the block.
        tail = len(result)
        while tail > 1 and _filler(result[tail - 1]):
            tail -= 1
        result[tail:tail] = mapping_lines(added, indent)
    return result
