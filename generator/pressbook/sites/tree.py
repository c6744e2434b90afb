"""Writing a generated tree: only the files whose bytes changed are touched, stale ones are removed."""
from __future__ import annotations

import os
from pathlib import Path


def write_tree(directory: Path, files: dict[str, bytes], keep: tuple[str, ...] = (".built",)) -> list[str]:
    """Make `directory` hold exactly `files` (and the bookkeeping files named in `keep`). Returns the
    paths written (new or changed), sorted."""
    # Plain strings and os calls rather than Path objects: the preview runs this after every save,
    # over thousands of pages of which one or two changed.
    directory.mkdir(parents=True, exist_ok=True)
    base = str(directory)
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
    wanted = set(files) | set(keep)
    for folder, _, names in os.walk(base, topdown=False):
        prefix = "" if folder == base else folder[len(base) + 1:].replace(os.sep, "/") + "/"
        for name in names:
            if prefix + name not in wanted:
                os.unlink(os.path.join(folder, name))
        if folder != base and not os.listdir(folder):
            os.rmdir(folder)
    return written
