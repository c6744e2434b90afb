"""Writing a generated tree: only the files whose bytes changed are touched, stale ones are removed."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

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
    """Remove every file of `directory` not named in `wanted`, and the folders left empty; but what
    Python caches beside MkDocs' hook while MkDocs loads it (__pycache__)."""
    wanted = set(wanted)
    base = str(directory)
    for folder, _, names in os.walk(base, topdown=False):
        if f"{os.sep}__pycache__" in folder[len(base):]:
            continue
        prefix = "" if folder == base else folder[len(base) + 1:].replace(os.sep, "/") + "/"
        for name in names:
            if prefix + name not in wanted:
                os.unlink(os.path.join(folder, name))
        if folder != base and not os.listdir(folder):
            os.rmdir(folder)
