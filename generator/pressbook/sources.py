"""A loaded file: its raw values and where each of them was written (the source of every value).

Below the model, which keeps each file's `Document` to point at it, and above nothing but `problems`:
loading makes them, validation and the later stages read them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import Location

KeyPath = tuple[str | int, ...]


@dataclass
class Document:
    """Raw values of one YAML document (or front matter) and the position of every key and value.

    `data` holds only plain Python values: dict, tuple, str, int, Decimal, bool and None.
    """

    path: str
    data: Any
    read: bool = False  # the YAML could be read: `data` None is then a document that says `null`
    value_at: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    # (line, column, character) of each invisible character in the YAML (model/invisible.py), so that
    # a value refused for holding one points at it rather than at the value's start.
    invisible: tuple[tuple[int, int, str], ...] = ()

    def locate(self, key_path: KeyPath, *, key: bool = False) -> Location:
        """The closest known position of a key path: the key itself, its value, or its nearest parent."""
        table = (self.key_at, self.value_at) if key else (self.value_at, self.key_at)
        path = tuple(key_path)
        while True:
            for positions in table:
                if path in positions:
                    line, column = positions[path]
                    return Location(self.path, line, column)
            if not path:
                return Location(self.path, 1, 1)
            path = path[:-1]
