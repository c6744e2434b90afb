"""Whether a build would change anything: a fingerprint of everything a build reads.

The fingerprint (a stamp, cache.py) covers the workspace's files (content/, themes/, mkdocs.yml), the build moment, the
pressbook that builds, and the site asked for. After a build where every site succeeded it is kept
in the cache with the names of the sites built; the next `pressbook build` with the same fingerprint,
and those sites still in place, has nothing to do and does not even load the workspace. Light on
purpose: this module imports nothing of the pipeline.
"""
from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from pathlib import Path

from .cache import FOLDER, Stamp
from .clock import build_moment
from .folders import files_under, not_through_links

OUTPUT = Path("site")  # the built sites
RECORD = FOLDER / "last-builds.json"
_WORKSPACE_INPUTS = ("content", "themes", "mkdocs.yml")
_NO_LINKS = ("content", "themes")  # where the check refuses symbolic links


def fingerprint(root: Path, only: str | None, moment: datetime | None = None) -> str:
    stamp = Stamp(str(only), (moment or build_moment(root)).isoformat())
    for base, names in ((root, _WORKSPACE_INPUTS), *((folder, (".",)) for folder in _pressbook_folders())):
        for name in names:
            top = base / name
            links: list[str] = []  # never followed, but a link put in or taken away is a change
            files = [(name, str(top))] if top.is_file() else files_under(top, name, links) if top.is_dir() else []
            stamp.add(*(f"link {link}" for link in links))
            # Not through a symbolic link where the check refuses them (and stops the build): nothing
            # is read through one, not even to be stamped. A file that cannot be read is stamped as
            # such: the check says so, and the build stops there.
            stamp.add_files(files, opener=not_through_links if base is root and name in _NO_LINKS else None)
    return stamp.hex


def _pressbook_folders() -> list[Path]:
    """pressbook's code and its themes (which an editable install keeps outside the package)."""
    package = Path(__file__).resolve().parent
    themes = Path(str(resources.files("pressbook.themes"))).resolve()
    return [package] if themes.is_relative_to(package) else [package, themes]


def _records(root: Path) -> dict[str, dict]:
    try:
        return json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def unchanged_sites(root: Path, only: str | None, engine: str = "mkdocs") -> list[str] | None:
    """The sites of the last build with these very inputs and this engine, when all of them are still in
    site/; None when something must be built."""
    record = _records(root).get(only or "")
    usable = record and record.get("complete", True) and record.get("engine", "mkdocs") == engine
    names = record.get("sites", []) if usable else []
    # The sites first: a look at a few files, where the fingerprint reads the whole workspace.
    if not names or not all((root / OUTPUT / name / "index.html").is_file() for name in names):
        return None
    if record.get("fingerprint") != fingerprint(root, only):
        return None
    return names


def remember(root: Path, only: str | None, stamp: str, names: list[str], complete: bool = True,
             engine: str = "mkdocs") -> None:
    """Record a build where every site succeeded, made from inputs of fingerprint `stamp` by `engine`.
    One that was not `complete` (its reports' PDFs left out: this machine lacked what makes them) is
    never taken as unchanged: what the machine has is no part of the fingerprint. The records of
    another engine go: its sites are no longer all in site/."""
    records = {key: record for key, record in _records(root).items() if record.get("engine", "mkdocs") == engine}
    records[only or ""] = {"fingerprint": stamp, "sites": names, "complete": complete}
    if engine != "mkdocs":
        records[only or ""]["engine"] = engine
    path = root / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(path)
