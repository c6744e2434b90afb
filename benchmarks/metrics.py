"""Time and peak memory of reading, validating and computing the metrics of a workspace with one
million metrics rows (500 campaigns × 20 posts × 100 daily snapshots).

    python benchmarks/metrics.py [--rows-per-post 100] [--keep DIR]

Each stage runs in this process; peak memory is the process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from pressbook.metrics.compute import compute_numbers  # noqa: E402
from pressbook.validation.workspace import load_workspace  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=500)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--influencers", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="generate the workspace here and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="pressbook-metrics-")) / "workspace"
    generate(root, args.influencers, args.campaigns, args.posts, args.days)
    before = peak_mib()
    start = time.perf_counter()
    workspace, problems = load_workspace(root)
    loaded = time.perf_counter()
    assert workspace is not None, [p for p in problems if p.severity == "error"][:5]
    rows = sum(len(c.metrics) for c in workspace.campaigns.values())
    compute_numbers(workspace, date(2026, 11, 26))
    done = time.perf_counter()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"metrics rows: {rows:,} in {len(workspace.campaigns)} campaigns")
    print(f"read and validate: {loaded - start:.2f} s")
    print(f"compute:           {done - loaded:.2f} s")
    print(f"total:             {done - start:.2f} s")
    print(f"peak memory:       {peak_mib():.0f} MiB (after generating the files: {before:.0f} MiB)")


if __name__ == "__main__":
    main()
