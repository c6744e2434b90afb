"""How long `pressbook serve` takes to show an edited card: from the save to the served page.

    python benchmarks/serve.py --size M [--keep DIR] [--edits 3]

Starts `pressbook serve` on a synthetic workspace, waits for the first page, then edits one card's
portrait several times; each time, asks the card's page from the server until the new words are in
it, and prints the seconds since the save.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, generate  # noqa: E402
from machine import machine_state  # noqa: E402

EPOCH = "1795683600"


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, words: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        text = page(url)
        if text is not None and words in text:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="M")
    parser.add_argument("--keep", type=Path, help="generate the workspace here (or reuse it) and keep it")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix=f"pressbook-serve-{args.size}-")) / "workspace"
    if not (args.keep and (root / "content").is_dir()):
        generate(root, *SIZES[args.size])
    address = f"127.0.0.1:{free_port()}"
    card = sorted((root / "content" / "influencers").glob("*.md"))[1]
    url = f"http://{address}/influencers/{card.stem}.html"
    original = card.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--address", address],
                              env=os.environ | {"SOURCE_DATE_EPOCH": EPOCH}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        started = wait_for(url, "Portrait de", 600)
        print(f"size {args.size}: first page served after {started:.1f} s" if started else "never served")
        for number in range(1, args.edits + 1):
            words = f"Révision {number} du portrait"
            time.sleep(1.0)  # the poller's previous look at the workspace is over
            card.write_text(original.replace("Portrait de", f"{words} de", 1), encoding="utf-8")
            seconds = wait_for(url, words, 120)
            print(f"edit {number}: the new page was served {seconds:.2f} s after the save" if seconds
                  else f"edit {number}: not served within 120 s")
        print(f"the machine: {machine_state()}")
    finally:
        card.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
