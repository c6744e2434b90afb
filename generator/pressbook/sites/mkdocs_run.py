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
from .mkdocs_hook import PAGES_FD

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


class PagesToCome:
    """A MkDocs process kept for a build whose pages are written while MkDocs reads them: told, through
    a pipe to pressbook's hook, which pages will come, then of each page once written
    (mkdocs_hook.py). The list is sent by `build` once MkDocs has its arguments (a large site's fills
    the pipe before MkDocs reads it); pages written before are told after it."""

    def __init__(self, process: subprocess.Popen[str], pipe: int, pages: list[str]) -> None:
        self.process = process
        self.pages = pages
        self.done = threading.Event()  # every page written, or pressbook stopped writing them
        self._pipe: int | None = pipe
        self._lock = threading.Lock()  # the pipe is written by two threads, closed by either
        self._written = 0
        self._listed = False

    def written(self) -> None:
        """The next page, in the order given, is written."""
        with self._lock:
            self._written += 1
            if self._listed:
                self._say(b"+")

    def end(self) -> None:
        """No page comes any more: every page was written, or writing them failed (MkDocs then stops
        at the first page missing)."""
        with self._lock:
            self.done.set()
            if self._listed:
                self._close()

    def list_pages(self) -> None:
        with self._lock:
            self._say("".join(f"{page}\n" for page in self.pages).encode("utf-8") + b"\n" + b"+" * self._written)
            self._listed = True
            if self.done.is_set():
                self._close()

    def _say(self, data: bytes) -> None:
        try:
            while data and self._pipe is not None:
                data = data[os.write(self._pipe, data):]
        except BrokenPipeError:  # MkDocs has stopped: its own message tells why
            self._close()

    def _close(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None


class MkdocsRunner:
    """Runs `mkdocs build --strict`, each time in a process started ahead of need (`ahead` of them are
    kept ready). `close` ends those not used."""

    def __init__(self, epoch: int, ahead: int = 1) -> None:
        self.epoch = epoch
        self.ahead = ahead
        self.ready: list[tuple[subprocess.Popen[str], int]] = []
        self.lock = threading.Lock()
        for _ in range(ahead):
            self.ready.append(self._start())

    def _start(self) -> tuple[subprocess.Popen[str], int]:
        """A process, and the pipe on which its hook hears of the pages to come."""
        hears, says = os.pipe()
        process = subprocess.Popen([sys.executable, "-c", _AHEAD, " ".join(PLUGINS), " ".join(EXTENSIONS)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, pass_fds=(hears,),
                                   env=clean_environment(self.epoch) | {PAGES_FD: str(hears)})
        os.close(hears)
        return process, says

    def _take(self) -> tuple[subprocess.Popen[str], int]:
        with self.lock:
            taken = self.ready.pop(0) if self.ready else self._start()
            if self.ahead > 1:
                self.ready.append(self._start())
        return taken

    def pages_to_come(self, pages: list[str]) -> PagesToCome:
        """A process for a build (`build(..., coming=)`) whose `pages`, named as in the docs folder,
        are written while MkDocs runs."""
        return PagesToCome(*self._take(), pages)

    def build(self, generated: Path, output: Path, meanwhile: Callable[[], None] | None = None,
              every: float = 0.5, coming: PagesToCome | None = None) -> MkdocsResult:
        """Build `generated` into `output`; `meanwhile` is called every `every` seconds while MkDocs runs."""
        if coming is None:  # every page is written
            coming = self.pages_to_come([])
            coming.end()
        process = coming.process
        # Not --quiet: with it, MkDocs 1.6 counts no warnings, and --strict lets them all pass.
        arguments = ["build", "--strict", "--config-file", str(generated / "mkdocs.yml"),
                     "--site-dir", str(output)]
        assert process.stdin is not None
        try:
            process.stdin.write("\0".join(arguments) + "\n")
            process.stdin.flush()
        except BrokenPipeError:  # MkDocs could not start: what it said tells why
            pass
        coming.list_pages()
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
            for process, says in self.ready:
                os.close(says)
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
