"""Running a stock `mkdocs build --strict` on a generated tree, and swapping the result in atomically."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .mkdocs_hook import COMING, WRITER
from .tree import write_files


@dataclass(frozen=True)
class MkdocsResult:
    ok: bool
    log: str


def clean_environment(epoch: int) -> dict[str, str]:
    """The environment MkDocs runs in: the build date pinned, nothing of the caller's locale or zone
    (its temporary folder, TMPDIR, is the caller's).
    mkdocs-material 9.8 prints a notice of its end of life, with a migration link, whenever MkDocs
    starts: addressed to whoever maintains an mkdocs.yml, not to an account manager previewing."""
    keep = {name: value for name, value in os.environ.items()
            if name in ("PATH", "HOME", "SYSTEMROOT", "VIRTUAL_ENV", "PYTHONPATH", "TMPDIR")}
    return keep | {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8",
                   "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1"}


def run_watched(arguments: list[str], env: dict[str, str], meanwhile: Callable[[], None] | None = None,
                every: float = 0.5, cwd: Path | None = None) -> tuple[int, str]:
    """Run a command to its end, calling `meanwhile` every `every` seconds while it runs: its exit
    code and what it printed on both streams."""
    process = subprocess.Popen(arguments, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env)
    while True:
        try:
            # Waiting this way keeps reading the output, so a long log cannot fill the pipe.
            log, _ = process.communicate(timeout=every)
            return process.returncode, log.strip()
        except subprocess.TimeoutExpired:
            if meanwhile is not None:
                meanwhile()


def reading_order(page: str) -> tuple:
    """Where MkDocs' walk of the docs folder lists a page (MkDocs' `file_sort_key`, on a name alone,
    for pressbook to write the pages in that order without importing MkDocs): a folder's files before
    its subfolders, folders and files by name, an index page first among its folder's files."""
    folder, _, name = page.rpartition("/")
    return folder.split("/") if folder else [], os.path.splitext(name)[0] not in ("index", "README"), name


def pages_to_come(tree: Path, pages: list[str]) -> Path:
    """The list of the `pages` of `tree` (named in its docs folder) still to be written, for MkDocs
    to wait for each (mkdocs_hook.py): written whole, beside the tree. Its path, for `build`."""
    write_files(tree.parent, {f"{tree.name}.coming": "\n".join(pages).encode("utf-8")})
    return tree.with_name(f"{tree.name}.coming")


class MkdocsRunner:
    """Runs a stock `mkdocs build --strict` on a generated tree, in the clean environment."""

    engine = "mkdocs"
    reads_ahead = True  # may start before the pages are written (`coming`, below)

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def build(self, generated: Path, output: Path, meanwhile: Callable[[], None] | None = None,
              every: float = 0.5, coming: Path | None = None) -> MkdocsResult:
        """Build `generated` into `output`; `meanwhile` is called every `every` seconds while MkDocs runs.
        `coming`: the list of pages still being written (`pages_to_come`), removed once MkDocs ends;
        whoever writes them removes it sooner if they stop."""
        environment = clean_environment(self.epoch)
        if coming:
            environment |= {COMING: str(coming), WRITER: str(os.getpid())}
        try:
            # Not --quiet: with it, MkDocs 1.6 counts no warnings, and --strict lets them all pass.
            code, log = run_watched([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                                     str(generated / "mkdocs.yml"), "--site-dir", str(output)],
                                    environment, meanwhile, every)
        finally:
            if coming:
                coming.unlink(missing_ok=True)
        return MkdocsResult(code == 0, log)


def staging_dir(target: Path) -> Path:
    """Where a site is built before it replaces `target`: beside it, so the swap is a rename."""
    staging = target.parent / f".{target.name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    target.parent.mkdir(parents=True, exist_ok=True)
    return staging


def swap_in(built: Path, target: Path) -> None:
    """Replace `target` with `built`. Until this runs, the previous site stays untouched."""
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.rename(target, old)
    os.rename(built, target)
    if old.exists():
        shutil.rmtree(old)
