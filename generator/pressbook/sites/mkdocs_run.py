"""Running a stock `mkdocs build --strict` on a generated tree, and swapping the result in atomically."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .config import MARKDOWN_EXTENSIONS, PLUGINS

EXTENSIONS = tuple(name if isinstance(name, str) else next(iter(name)) for name in MARKDOWN_EXTENSIONS)


@dataclass(frozen=True)
class MkdocsResult:
    ok: bool
    log: str


def clean_environment(epoch: int) -> dict[str, str]:
    """The environment MkDocs runs in: the build date pinned, nothing of the caller's locale or zone.
    mkdocs-material 9.8 prints a notice of its end of life, with a migration link, whenever MkDocs
    starts: addressed to whoever maintains an mkdocs.yml, not to an account manager previewing."""
    keep = {name: value for name, value in os.environ.items()
            if name in ("PATH", "HOME", "SYSTEMROOT", "VIRTUAL_ENV", "PYTHONPATH")}
    return keep | {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8",
                   "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1"}


# MkDocs takes about half a second to start: Python, its imports, the theme's, the plugins' and the
# Markdown extensions'. A process started ahead does that while pressbook loads the workspace, then
# waits for its arguments and runs MkDocs' own command line, unchanged. With the Material theme, MkDocs
# takes a plugin from Material when Material has one of the name; it adds its own extensions to ours.
_AHEAD = """
import sys
import threading
import markdown, material, material.templates, mkdocs.__main__, mkdocs.commands.build, mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
plugins = mkdocs.plugins.get_plugins()
for name in sys.argv[1].split():
    for key in (f"material/{name}", name):
        if key in plugins:
            plugins[key].load()
            break
markdown.Markdown(extensions=[*MkDocsConfig.markdown_extensions.builtins, *sys.argv[2].split()])
sys.argv = ["mkdocs", *sys.stdin.readline().rstrip("\\n").split("\\0")]
mkdocs.__main__.cli()
"""


class MkdocsRunner:
    """Runs `mkdocs build --strict`, each time in a process started ahead of need (`ahead` of them are
    kept ready). `close` ends those not used."""

    def __init__(self, epoch: int, ahead: int = 1) -> None:
        self.epoch = epoch
        self.ahead = ahead
        self.ready: list[subprocess.Popen[str]] = []
        self.lock = threading.Lock()
        for _ in range(ahead):
            self.ready.append(self._start())

    def _start(self) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", _AHEAD, " ".join(PLUGINS), " ".join(EXTENSIONS)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=clean_environment(self.epoch))

    def _take(self) -> subprocess.Popen[str]:
        with self.lock:
            taken = self.ready.pop(0) if self.ready else self._start()
            if self.ahead > 1:
                self.ready.append(self._start())
        return taken

    def build(self, generated: Path, output: Path, meanwhile: Callable[[], None] | None = None,
              every: float = 0.5) -> MkdocsResult:
        """Build `generated` into `output`; `meanwhile` is called every `every` seconds while MkDocs runs."""
        process = self._take()
        # Not --quiet: with it, MkDocs 1.6 counts no warnings, and --strict lets them all pass.
        arguments = ["build", "--strict", "--config-file", str(generated / "mkdocs.yml"),
                     "--site-dir", str(output)]
        assert process.stdin is not None
        try:
            process.stdin.write("\0".join(arguments) + "\n")
            process.stdin.flush()
        except BrokenPipeError:  # MkDocs could not start: what it said tells why
            pass
        while True:
            try:
                # Waiting this way keeps reading MkDocs' output, so a long log cannot fill the pipe.
                stdout, stderr = process.communicate(timeout=every)
                break
            except subprocess.TimeoutExpired:
                if meanwhile is not None:
                    meanwhile()
        return MkdocsResult(process.returncode == 0, (stdout + stderr).strip())

    def close(self) -> None:
        with self.lock:
            for process in self.ready:
                process.kill()
                process.communicate()
            self.ready.clear()


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
