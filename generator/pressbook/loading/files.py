"""Reading files from content/: no links, no oversized text, decoding with located errors."""
from __future__ import annotations

import os
from pathlib import Path

from ..problems import Location, Problem

MAX_TEXT_BYTES = 1024 * 1024
_FIRST_READ = 64 * 1024
TEXT_SUFFIXES = {".yml", ".yaml", ".md"}


def list_content(root: Path, content: Path, problems: list[Problem]) -> list[Path]:
    """Every regular file under content/, sorted; symbolic links are refused and not followed."""
    found: list[Path] = []
    _list(root, content, problems, found)
    return found


def _list(root: Path, folder: Path, problems: list[Problem], found: list[Path]) -> None:
    # Directory entries say whether they are links without another call to the system: a large
    # workspace has tens of thousands of files.
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        problems.append(unreadable(relative(root, folder), error, "folder"))
        return
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink():
            problems.append(Problem(Location(relative(root, path)), "error", "file.symlink",
                                    "symbolic links are not allowed in content/",
                                    "replace the link with a copy of the file"))
        elif entry.is_dir(follow_symlinks=False):
            _list(root, path, problems, found)
        else:
            found.append(path)


def relative(root: Path, path: Path) -> str:
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base):len(base) + 1] == os.sep:
        return text[len(base) + 1:].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_text(root: Path, path: Path, problems: list[Problem]) -> str | None:
    """A YAML or Markdown file as text: UTF-8, BOM stripped, at most 1 MiB."""
    where = relative(root, path)
    # One open and one read for most files (a large workspace has thousands, and each call to the
    # system counts). A first read of 64 KiB, not of the whole limit: a buffer of a megabyte for each
    # file tripled the time of reading them. At most a byte more than the limit is read, then the size
    # is asked only if it is over.
    try:
        with open(path, "rb") as file:
            data = file.read(_FIRST_READ)
            if len(data) == _FIRST_READ:
                data += file.read(MAX_TEXT_BYTES + 1 - _FIRST_READ)
            size = os.fstat(file.fileno()).st_size if len(data) > MAX_TEXT_BYTES else len(data)
    except OSError as error:
        problems.append(unreadable(where, error))
        return None
    if size > MAX_TEXT_BYTES:
        problems.append(Problem(Location(where), "error", "file.too-large",
                                f"the file is {size:,} bytes; text files are limited to 1 MiB",
                                "split it, or move long data into a CSV file"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(Location(where, line, column), "error", "file.encoding",
                                f"byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8",
                                "save the file as UTF-8 in your editor"))
        return None
    return text.replace("\r\n", "\n")


def read_bytes(root: Path, path: Path, problems: list[Problem]) -> bytes | None:
    """A whole file's bytes, or None and a problem when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        problems.append(unreadable(relative(root, path), error))
        return None


def unreadable(where: str, error: OSError, what: str = "file") -> Problem:
    """A file or folder that is there but cannot be opened: a problem at it, not a stop."""
    reason = error.strerror or type(error).__name__
    hint = (f"check the {what}'s permissions: whoever runs pressbook must be able to read it"
            if isinstance(error, PermissionError) else f"replace it with a plain {what}")
    return Problem(Location(where), "error", "file.unreadable", f"the {what} cannot be read: {reason}", hint)
