"""What pressbook keeps from one build to the next, and the one way it tells whether something changed.

Everything kept lives under `.cache/pressbook/` in the workspace (FOLDER). A build reads none of it
when it is gone; it is only slower:

    .cache/pressbook/
      last-builds.json          the last builds: the stamp of their inputs, the sites built (freshness.py)
      <site>/                   each site's generated tree (sites/generate.py)
        .built                  the stamp of the tree its site was last built from (build.py)
      kept/<kind>/<key>...      what takes long to make, named by the stamp of what makes it

**One stamp.** Whether something changed is always told the same way: `Stamp`, a SHA-256 digest of
the parts that make it (texts, each followed by a NUL) and of named files (the name, then the digest
of the bytes). The inputs of a build, a site's generated tree, a file the preview read, a PDF's page:
each is stamped, and compared by its stamp. Bytes, never times of change: a file rewritten within one
tick of the file system's clock still gets another stamp.

**One key scheme.** What is kept under `kept/` is found by `kept(root, kind, stamp)`: the folder of its
kind, and the first 16 hex digits of the stamp of everything it is made from (its inputs, the versions
of the packages that make it, `versions`, and pressbook's code that makes it, `code`). A change to any
gives another name, so a kept entry is never checked nor invalidated: it is found, or made and kept
(`keep`). `prune` removes a kind's entries of other keys, which nothing would read again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

FOLDER = Path(".cache") / "pressbook"
KEPT = FOLDER / "kept"
KEY_LENGTH = 16  # hex digits of a stamp in a kept entry's name: 64 bits, no two kept entries meet


class Stamp:
    """The stamp of what something is made from: give it parts and files, read `hex`."""

    def __init__(self, *parts: str | bytes) -> None:
        self._digest = hashlib.sha256()
        self.add(*parts)

    def add(self, *parts: str | bytes) -> Stamp:
        for part in parts:
            # Any name the disk holds, even one that is not UTF-8.
            self._digest.update((part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")) + b"\0")
        return self

    def add_files(self, files: Iterable[tuple[str, str | Path]],
                  opener: Callable[[str, int], int] | None = None) -> Stamp:
        """Each file's name (as given) and bytes; a file that cannot be read counts as such."""
        for name, path in files:
            self.add(name)
            try:
                with open(path, "rb", opener=opener) as file:
                    self._digest.update(hashlib.sha256(file.read()).digest())
            except OSError:
                self._digest.update(b"unreadable")
        return self

    @property
    def hex(self) -> str:
        return self._digest.hexdigest()


def versions(*distributions: str) -> str:
    """The installed versions of `distributions`, as a part of a stamp."""
    return " ".join(f"{name} {metadata.version(name)}" for name in distributions)


def code(*files: str | Path) -> bytes:
    """The text of pressbook's modules that make something, as a part of its stamp: a change to them
    makes it again."""
    return b"\0".join(Path(file).read_bytes() for file in files)


def kind_folder(root: Path, kind: str) -> Path:
    """Where the entries of `kind` are kept in the workspace at `root`."""
    return root / KEPT / kind


def kept(root: Path, kind: str, stamp: str, suffix: str = "") -> Path:
    """Where the entry of `kind` made from what `stamp` stamps is kept in the workspace at `root`."""
    return kind_folder(root, kind) / f"{stamp[:KEY_LENGTH]}{suffix}"


def keep(path: Path, data: bytes) -> None:
    """Write a kept entry whole or not at all: a build beside this one reads either none or all of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def prune(folder: Path, keeping: Iterable[Path]) -> None:
    """Remove every entry of the kind at `folder` but `keeping` (and entries being written)."""
    wanted = {path.name for path in keeping}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name not in wanted and not entry.name.startswith("."):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.remove(entry.path)
                except OSError:
                    pass  # gone already, taken by a build beside this one
