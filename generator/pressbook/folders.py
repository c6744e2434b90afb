"""The one folder walker: every regular file under a folder, in a fixed order, links never followed.

The build's fingerprint, the content loaded, the themes, the generated trees, the built sites, their
archive and their headers are all listed by `files_under`.
"""
from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path, prefix: str = ".", links: list[str] | None = None,
                unreadable: list[tuple[str, OSError]] | None = None,
                others: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Every regular file under `folder` but in __pycache__ folders, as its name below `prefix` and its
    path, in the order of their names' parts. A symbolic link is never followed: its name goes to
    `links` when given. A folder that cannot be read goes to `unreadable` with why, when given; else
    its error is raised. What is neither a file, a folder nor a link (a socket, a pipe, a device) goes,
    as its name and path, to `others` when given. Plain `os.scandir`: before a build, pathlib's walk
    took twice as long over the 1,900 files of a workspace of 1,000 cards."""
    found: list[tuple[str, str]] = []
    folders = [(str(folder), "" if prefix == "." else prefix + "/")]
    while folders:
        current, start = folders.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError as error:
            if unreadable is None:
                raise
            unreadable.append((start.rstrip("/"), error))
            continue
        for entry in entries:
            if entry.is_symlink():
                if links is not None:
                    links.append(start + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    folders.append((entry.path, f"{start}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                found.append((start + entry.name, entry.path))
            elif others is not None:
                others.append((start + entry.name, entry.path))
    return sorted(found, key=lambda item: item[0].split("/"))


def not_through_links(path: str, flags: int) -> int:
    """An opener (for `open`) that refuses to follow a symbolic link put where a file was."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
