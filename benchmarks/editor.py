"""How long the web editor's first screen takes to appear, from `pressbook serve` (issue 23: under 2 s).

    python benchmarks/editor.py [--repeat 7]

Starts `pressbook serve` on a copy of the demo, waits until it answers, then opens /admin/ in Debian's
Chromium again and again, each time in a new browser context (an empty cache, as a first visit), and
times from the request to the editor's first screen (its login button). Prints every run, then min,
median and max.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_state  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
EPOCH = "1795683600"


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(machine_state())
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "demo"
        shutil.copytree(PROJECT / "content", root / "content")
        shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--address",
                                   f"127.0.0.1:{port}"], env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while not answers(base + "/admin/"):
                if time.monotonic() > deadline:
                    sys.exit("pressbook serve did not answer within two minutes")
                time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
                seconds = []
                for run in range(args.repeat):
                    context = browser.new_context()
                    page = context.new_page()
                    started = time.monotonic()
                    page.goto(base + "/admin/")
                    page.get_by_role("button", name="Se connecter").wait_for()
                    seconds.append(time.monotonic() - started)
                    context.close()
                    print(f"run {run + 1}: {seconds[-1]:.2f} s")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"first screen: min {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s, "
          f"max {max(seconds):.2f} s")


if __name__ == "__main__":
    main()
