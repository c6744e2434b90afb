"""Time and peak memory of reading, validating and computing the metrics of a workspace with one
million metrics rows (500 campaigns × 20 posts × 100 daily snapshots).

    python benchmarks/metrics.py [--rows-per-post 100] [--keep DIR]

The workspace is generated once, then read, validated and computed --repeat times (3 by default);
the best run is reported beside the others, as timings on a shared machine vary. Peak memory is the
maximum resident set size of this process and, separately, of the largest reading process it started.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from machine import machine_pace  # noqa: E402

from pressbook.metrics.compute import compute_numbers  # noqa: E402
from pressbook.validation.workspace import load_workspace  # noqa: E402


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def processor_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=500)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--influencers", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="generate the workspace here (or reuse it) and keep it")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="pressbook-metrics-")) / "workspace"
    if not (args.keep and (root / "content").is_dir()):
        generate(root, args.influencers, args.campaigns, args.posts, args.days)
    before = peak_mib()
    runs = []
    processor = [processor_seconds(resource.RUSAGE_SELF), processor_seconds(resource.RUSAGE_CHILDREN)]
    for _ in range(args.repeat):
        start = time.perf_counter()
        workspace, problems = load_workspace(root)
        loaded = time.perf_counter()
        assert workspace is not None, [p for p in problems if p.severity == "error"][:5]
        compute_numbers(workspace, date(2026, 11, 26))
        runs.append((loaded - start, time.perf_counter() - loaded))
        rows = sum(len(c.metrics) for c in workspace.campaigns.values())
        del workspace
    processor = [(processor_seconds(who) - before_run) / len(runs)
                 for who, before_run in zip((resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN), processor)]
    best = min(runs, key=sum)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}; its pace now: ten million additions in {machine_pace():.2f} s")
    print(f"metrics rows: {rows:,} in {args.campaigns} campaigns")
    print(f"read and validate: {best[0]:.2f} s (best of {len(runs)})")
    print(f"compute:           {best[1]:.2f} s")
    print(f"total:             {sum(best):.2f} s   every run: {', '.join(f'{sum(r):.2f}' for r in runs)} s")
    print(f"processor time:    {processor[0]:.2f} s in this process + {processor[1]:.2f} s in the reading "
          f"processes, a run (a measure of work that other programs on the machine disturb less)")
    print(f"peak memory:       {peak_mib():.0f} MiB in this process, {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB "
          f"in the largest reading process (before reading: {before:.0f} MiB)")


if __name__ == "__main__":
    main()
