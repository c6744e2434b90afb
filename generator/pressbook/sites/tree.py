"""Writing a generated tree: only the files whose bytes changed are touched, stale ones are removed."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..folders import files_under

BUILT_STAMP = ".built"  # kept in a generated tree beside what is generated: the stamp of its last build


def write_files(directory: Path, files: dict[str, bytes]) -> list[str]:
    """Write the files of `files` whose bytes differ from those in `directory`; the others are left
    alone. Returns the paths written, sorted."""
    # Plain strings and os calls rather than Path objects: the preview runs this after every save,
    # over thousands of pages of which one or two changed.
    base = str(directory)
    os.makedirs(base, exist_ok=True)
    written, folders = [], {base}
    for relative, data in sorted(files.items()):
        path = os.path.join(base, relative)
        try:
            with open(path, "rb") as existing:
                if existing.read() == data:
                    continue
        except OSError:  # not there yet
            pass
        folder = os.path.dirname(path)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        temporary = os.path.join(folder, f".{os.path.basename(path)}.tmp")
        with open(temporary, "wb") as new:
            new.write(data)
        os.replace(temporary, path)
        written.append(relative)
    return written


def remove_stale(directory: Path, wanted: Iterable[str]) -> None:
    """Remove every file of `directory` not named in `wanted`, and the folders that leaves empty. The
    files are those `files_under` lists: what Python caches beside MkDocs' hook stays."""
    wanted = set(wanted)
    emptied = set()
    for relative, path in files_under(directory):
        if relative not in wanted:
            os.unlink(path)
            emptied.add(os.path.dirname(path))
    base = str(directory)
    for folder in sorted(emptied, key=len, reverse=True):  # the deepest first
        while folder != base and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
