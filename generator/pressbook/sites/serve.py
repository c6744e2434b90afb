"""Live preview: MkDocs' own server on a generated tree, regenerated whenever the workspace changes.

Only generated files whose bytes change are rewritten, so MkDocs rebuilds and the open page reloads
after an edit to a card or a template, and nothing happens after a save that changes nothing.

While the workspace has errors, the pages are those of the last good version, each under a banner
that lists the errors (preview_banner.py): `regenerate` returns the banner ("" when the workspace is
clean), written into a file of its own that MkDocs' server reads (mkdocs_hook.py, `on_serve`).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from ..folders import files_under
from .config import LOOK
from .mkdocs_hook import EDITOR, PREVIEW, PROBLEMS
from .mkdocs_run import clean_environment

WATCHED = ("content", "themes", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, int]:
    """Each watched file's time of change, by path (a look costs about ten milliseconds at M)."""
    state: dict[str, int] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            state[path.as_posix()] = path.stat().st_mtime_ns
        elif path.is_dir():
            for _, file in files_under(path):
                state[file] = os.stat(file).st_mtime_ns
    return state


def serve(root: Path, tree: Path, epoch: int, address: str, regenerate: Callable[[], str],
          interval: float = 0.15, dirty: bool = False, editor: str = "") -> None:
    """Serve `tree` at `address` until interrupted, calling `regenerate` after each change; what it
    returns is the banner of every page from then on. `dirty`: MkDocs rebuilds only the pages whose
    files changed. `editor`: the address of the web editor's server, which answers /admin/ (cms/app.py)."""
    # MkDocs watches its docs and its own mkdocs.yml, not the one that file INHERITs: the look.
    look = tree / LOOK
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(tree / "mkdocs.yml"),
               "--dev-addr", address, "--livereload", *(["--dirty"] if dirty else []),
               *(["--watch", str(look)] if look.is_file() else [])]
    banner = Path(tempfile.mkdtemp(prefix="pressbook-preview-")) / "problems.html"
    banner.write_text("", encoding="utf-8")
    server = subprocess.Popen(command, env=clean_environment(epoch) | {PREVIEW: "1", PROBLEMS: str(banner)}
                              | ({EDITOR: editor} if editor else {}))
    # A stop asked by the system (SIGTERM) must stop MkDocs' server too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    seen, shown = snapshot(root), ""
    try:
        while server.poll() is None:
            time.sleep(interval)
            current = snapshot(root)
            if current != seen:
                seen = current
                now = regenerate()
                if now != shown:  # the same errors again: the open pages stay as they are
                    shown = now
                    _replace(banner, now)
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
        shutil.rmtree(banner.parent, ignore_errors=True)


def stop(process: subprocess.Popen) -> None:
    """Ask a server to stop as Ctrl-C does; kill it if it has not within ten seconds. MkDocs' server
    then removes the copy of the site it keeps in the temporary folder (stopped by SIGTERM, it would
    leave it there); nginx takes either as a fast shutdown."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _replace(path: Path, text: str) -> None:
    """`path` holds `text`, whole: MkDocs' server never reads half of it."""
    temporary = path.with_suffix(".new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
