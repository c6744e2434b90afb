"""Reading files from content/: no links, no oversized text, decoding with located errors."""
from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path

from ..folders import files_under
from ..messages import Message, says
from ..problems import Location, Problem, register_codes

MAX_TEXT_BYTES = 1024 * 1024
_FIRST_READ = 64 * 1024

register_codes({"file.too-large": f"A YAML or Markdown file over {MAX_TEXT_BYTES // (1024 * 1024)} MiB."})


def list_content(root: Path, content: Path, problems: list[Problem]) -> list[Path]:
    """Every file under content/, sorted, as the fingerprint of a build lists them (folders.py), and
    what is there but no regular file (a socket, a pipe: reading it says it cannot be read); symbolic
    links are refused and not followed, a folder that cannot be read is said."""
    links: list[str] = []
    folders: list[tuple[str, OSError]] = []
    others: list[tuple[str, str]] = []
    files = files_under(content, relative(root, content), links, folders, others)
    problems += [unreadable(folder, error, "folder") for folder, error in folders]
    problems += [Problem(Location(link), "error", "file.symlink", says("file.symlink"), says("file.symlink.hint"))
                 for link in links]
    if others:
        files = sorted(files + others, key=lambda item: item[0].split("/"))
    return [Path(path) for _, path in files]


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
        problems.append(Problem(Location(where), "error", "file.too-large", says("file.too-large", size=size),
                                says("file.too-large.hint")))
        return None
    text = decode_utf8(data)
    if isinstance(text, int):
        problems.append(not_utf8(data, text, where, says("file.not-utf8.hint")))
        return None
    return text.replace("\r\n", "\n")


def decode_utf8(data: bytes) -> str | int:
    """UTF-8 text, a byte order mark dropped; or the offset in `data` of its first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The codec counts from after the byte order mark.
        return error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def byte_line(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line of data[offset] (lines ended by CR LF, CR or LF), and the offset it starts at."""
    line, line_start = 1, 0
    for line, end in enumerate(_LINE_END.finditer(data, 0, offset), start=2):
        line_start = end.end()
    return line, line_start


def not_utf8(data: bytes, offset: int, where: str, hint: Message) -> Problem:
    """The first byte of `data` that is not UTF-8, at its line and its column in characters (what an
    editor's status bar shows), with what that byte would be in Windows' encoding, the usual culprit."""
    line, line_start = byte_line(data, offset)
    # Everything before the first bad byte is UTF-8: its characters are counted, a BOM aside.
    before = data[line_start:offset].decode("utf-8-sig" if line_start == 0 else "utf-8")
    byte = data[offset:offset + 1]
    seen = byte.decode("cp1252", errors="replace")
    shown = f"{byte[0]:02X}"
    message = says("file.not-utf8-windows", byte=shown, seen=seen) if seen.isprintable() and seen != "\ufffd" \
        else says("file.not-utf8", byte=shown)
    others = _other_bad_bytes(data, offset)
    if others:
        message = says("file.not-utf8-more", message=message, more=says("file.more-bytes", n=others))
    return Problem(Location(where, line, len(before) + 1), "error", "file.encoding", message, hint)


def _other_bad_bytes(data: bytes, offset: int) -> int:
    """How many bytes after the first one are not UTF-8 either; decoded once, with stand-ins."""
    rest = data[offset:]
    return rest.decode("utf-8", errors="replace").count("\ufffd") - rest.count("\ufffd".encode()) - 1


def read_bytes(root: Path, path: Path, problems: list[Problem]) -> bytes | None:
    """A whole file's bytes, or None and a problem when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        problems.append(unreadable(relative(root, path), error))
        return None


def unreadable(where: str, error: OSError, what: str = "file") -> Problem:
    """A file or folder (`what`) that is there but cannot be opened: a problem at it, not a stop."""
    reason = reason_of(error)
    permission = isinstance(error, PermissionError)
    if what == "folder":
        message = says("folder.unreadable", reason=reason)
        hint = says("folder.permissions.hint") if permission else says("folder.replace.hint")
    else:
        message = says("file.unreadable", reason=reason)
        hint = says("file.permissions.hint") if permission else says("file.replace.hint")
    return Problem(Location(where), "error", "file.unreadable", message, hint)


# Why the system would not open a file, in the reader's words where they are the usual reasons; the
# system's own words (English, whatever the language) otherwise.
_REASONS = {errno.EACCES: says("system.permission"), errno.EPERM: says("system.not-permitted"),
            errno.ENOENT: says("system.no-such-file"), errno.ENXIO: says("system.no-device"),
            errno.EISDIR: says("system.is-a-folder"), errno.ENOTDIR: says("system.not-a-folder"),
            errno.ELOOP: says("system.links"), errno.EIO: says("system.input-output")}


def reason_of(error: OSError) -> Message | str:
    return _REASONS.get(error.errno) or error.strerror or type(error).__name__
