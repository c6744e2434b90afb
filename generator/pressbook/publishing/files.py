"""Writing what `deploy` makes: a file replaced whole or not at all, and left as it is when its text is
the same (so that a server reloading or a host comparing files sees no change)."""
from __future__ import annotations

import os
import re
import secrets as random
from pathlib import Path


def read_or_empty(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def write_if_changed(path: Path, text: str, mode: int = 0o644) -> None:
    """`mode`: of a new file; a password file is written 0o600, readable by its owner alone."""
    if path.exists() and read_or_empty(path) == text:
        return
    temporary = path.with_name(f".{path.name}.{random.token_hex(4)}")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def one_line(text: str) -> str:
    """A name as a comment of a generated file may hold it: on one line."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)
