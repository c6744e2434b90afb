"""What an import would change, shown as unified diffs (the dry run), then written (--write).

Each file is written whole to a temporary file beside it, then renamed over it: a file is never left
half written, whatever stops the import."""
from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..messages import Message, says


@dataclass(frozen=True)
class Change:
    path: str  # relative to the workspace's root, with /
    before: str | None  # None: a new file
    after: str
    # The bytes to write, when they are not `after` in UTF-8: a file kept in its own encoding and line
    # ends (metrics.csv saved by Excel), whose existing lines must stay byte for byte.
    data: bytes | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def unified(change: Change) -> str:
    """The change as `diff -u` and git show it: `--- a/content/...`, `+++ b/content/...`, a new file
    from /dev/null."""
    if not change.changed:
        return ""
    old = "/dev/null" if change.before is None else f"a/{change.path}"
    before = change.before or ""
    if change.before is None or before.endswith("\n") and change.after.startswith(before):
        lines = _appended(before.splitlines(keepends=True), change.after[len(before):].splitlines(keepends=True),
                          old, f"b/{change.path}")
    else:
        lines = difflib.unified_diff(before.splitlines(keepends=True), change.after.splitlines(keepends=True), old,
                                     f"b/{change.path}", n=3)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _appended(before: list[str], added: list[str], old: str, new: str) -> list[str]:
    """What difflib says of lines added at the end of a file, without its search for the longest
    common run: a hundred thousand rows appended to metrics.csv take it seconds."""
    context = before[-3:]
    start = len(before) - len(context)  # 0-based, as difflib counts before writing start + 1

    def span(length: int) -> str:
        return str(start + 1) if length == 1 else f"{start + (1 if length else 0)},{length}"

    return [f"--- {old}\n", f"+++ {new}\n", f"@@ -{span(len(context))} +{span(len(context) + len(added))} @@\n",
            *(" " + line for line in context), *("+" + line for line in added)]


def write_changes(root: Path, changes: Iterable[Change]) -> list[str]:
    """Every changed file written whole, through a temporary file renamed over it; the paths written."""
    written = []
    for change in changes:
        if not change.changed:
            continue
        path = root / change.path
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(change.data if change.data is not None else change.after.encode("utf-8"))
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            else:
                os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(change.path)
    return written


def summary(changes: list[Change], written: bool) -> Message:
    """One line: how many files are (or would be) created, updated, left unchanged."""
    created = sum(1 for change in changes if change.before is None and change.changed)
    updated = sum(1 for change in changes if change.before is not None and change.changed)
    unchanged = sum(1 for change in changes if not change.changed)
    counts = dict(created=says("import.created", n=created), updated=says("import.updated", n=updated),
                  unchanged=says("import.unchanged", n=unchanged))
    return says("import.summary-written", **counts) if written else says("import.summary-dry", **counts)
