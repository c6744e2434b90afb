"""Running a stock `mkdocs build --strict` on a generated tree, and swapping the result in atomically."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class MkdocsResult:
    ok: bool
    log: str


def clean_environment(epoch: int) -> dict[str, str]:
    """The environment MkDocs runs in: the build date pinned, nothing of the caller's locale or zone."""
    keep = {name: value for name, value in os.environ.items()
            if name in ("PATH", "HOME", "SYSTEMROOT", "VIRTUAL_ENV", "PYTHONPATH")}
    return keep | {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8",
                   "LANG": "C.UTF-8"}


def run_mkdocs(generated: Path, output: Path, epoch: int, meanwhile: Callable[[], None] | None = None,
               every: float = 0.5) -> MkdocsResult:
    """Build `generated` into `output`; `meanwhile` is called every `every` seconds while MkDocs runs."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
               str(generated / "mkdocs.yml"), "--site-dir", str(output)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=clean_environment(epoch))
    while True:
        try:
            # Waiting this way keeps reading MkDocs' output, so a long log cannot fill the pipe.
            stdout, stderr = process.communicate(timeout=every)
            break
        except subprocess.TimeoutExpired:
            if meanwhile is not None:
                meanwhile()
    return MkdocsResult(process.returncode == 0, (stdout + stderr).strip())


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
