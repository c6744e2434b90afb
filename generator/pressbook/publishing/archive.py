"""One site as a zip to send by e-mail (`pressbook deploy archive`).

The zip holds the built site and nothing else, under one folder named after it: unzipped, it makes
that folder, whose index.html opens from the file system, search included (the sites load nothing
from elsewhere). The same site gives the same bytes: entries in the order of their names, each dated
at the build's moment, with fixed permissions and compression and no extra fields.
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..build import build
from ..clock import build_moment
from ..folders import files_under
from ..freshness import OUTPUT, unchanged_sites
from ..messages import Message, says
from ..problems import Problem

# A zip dates its entries on MS-DOS's calendar: from 1980 to 2107, to the even second.
_EARLIEST = datetime(1980, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)
_UNIX = 3  # the system the entries' permissions are written for, so that unzip applies them
_FILE_MODE = 0o100644
_FOLDER_MODE = 0o040755
_MSDOS_FOLDER = 0x10
_LEVEL = 9  # deflate's; the same level gives the same bytes


class NotSent(ValueError):
    """A zip that is not made: the site is not one to send, or the zip would be published with a site."""

    def __init__(self, message: Message, hint: Message) -> None:
        super().__init__(str(message))
        self.message, self.hint = message, hint


@dataclass
class Archived:
    problems: list[Problem]
    path: Path | None = None  # the zip written; None when nothing was
    entries: int = 0  # files and folders in it
    failure: str = ""  # why the site could not be built (MkDocs' log, the verification's refusals)
    notes: list[str] = field(default_factory=list)  # what the site left out (the reports' PDFs) and why


def archive_site(root: Path, name: str, out: Path | None = None) -> Archived:
    """Build the site `name` of the workspace at `root` if anything changed, then write it as a zip
    into `out` (`site/<name>.zip` by default; a folder: `<name>.zip` in it). Nothing is written when a
    content error stands or the site fails to build. Raises `NotSent` for the internal site and for a
    zip inside a site's folder, `build.UnknownSite` for a name that is no site."""
    root = root.resolve()
    if name == "internal":
        raise NotSent(says("archive.internal"), says("archive.internal.hint"))
    target = _target(root, name, out)
    moment = build_moment(root)
    archived = Archived([])
    if unchanged_sites(root, name) is None:
        result = build(root, only=name)
        archived.problems, archived.notes = result.problems, result.notes
        if any(p.severity == "error" and p.blocks_build for p in result.problems):
            return archived
        if not result.ok:
            archived.failure = "\n".join(site.log for site in result.sites if not site.ok)
            return archived
    archived.entries = write_archive(root / OUTPUT / name, name, target, moment)
    archived.path = target
    return archived


def _target(root: Path, name: str, out: Path | None) -> Path:
    sites = (root / OUTPUT).resolve()
    if out is None:
        return sites / f"{name}.zip"
    target = out.resolve()
    if target.is_dir():
        target = target / f"{name}.zip"
    if target.parent != sites and target.parent.is_relative_to(sites):
        raise NotSent(says("archive.inside-site", out=str(out)),
                      says("archive.inside-site.hint", default=str(OUTPUT / (name + ".zip"))))
    return target


def write_archive(site: Path, name: str, target: Path, moment: datetime) -> int:
    """Write every file of the folder `site` into the zip `target`, under a folder `name`, dated at
    `moment`; a temporary file beside it is renamed into place once complete. The number of entries."""
    when = min(max(moment.astimezone(timezone.utc), _EARLIEST), _LATEST)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    files = dict(files_under(site, name))  # symbolic links are never followed, nor put in
    folders = {name} | {parent for entry in files for parent in _parents(entry)}
    entries = sorted([*files, *(folder + "/" for folder in folders)], key=lambda e: e.rstrip("/").split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as file, zipfile.ZipFile(file, "w") as archive:
            for entry in entries:
                info = zipfile.ZipInfo(entry, stamp)
                info.create_system = _UNIX
                if entry.endswith("/"):
                    info.external_attr = _FOLDER_MODE << 16 | _MSDOS_FOLDER
                    info.CRC = 0
                    archive.mkdir(info)
                else:
                    info.external_attr = _FILE_MODE << 16
                    with open(files[entry], "rb") as source:
                        archive.writestr(info, source.read(), zipfile.ZIP_DEFLATED, _LEVEL)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return len(entries)


def _parents(entry: str) -> list[str]:
    parts = entry.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]
