"""`pressbook new`: a small workspace, in French like the agencies it is made for, that checks and builds."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def write_starter(directory: Path) -> int:
    """Copy the starter files into `directory`, which must be new or empty. Returns the file count."""
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty; choose a new folder")
    source = resources.files(__package__) / "files"
    return _copy(source, directory)


def _copy(source, target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            count += _copy(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())
            count += 1
    return count
