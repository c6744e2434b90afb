"""Writing a generated tree: only the files whose bytes changed are touched, stale ones are removed."""
from __future__ import annotations

import os
from pathlib import Path


def write_tree(directory: Path, files: dict[str, bytes], keep: tuple[str, ...] = (".built",)) -> list[str]:
    """Make `directory` hold exactly `files` (and the bookkeeping files named in `keep`). Returns the
    paths written (new or changed), sorted."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for relative, data in sorted(files.items()):
        path = directory / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        written.append(relative)
    wanted = set(files) | set(keep)
    for path in sorted(directory.rglob("*"), reverse=True):
        relative = path.relative_to(directory).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
