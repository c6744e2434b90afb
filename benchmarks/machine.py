"""The state of the machine while a benchmark runs: on a shared machine, speed drifts by a factor of
up to three from one minute to the next, and every figure drifts with it. So does the share of its two
cores it gets: at times two processes run side by side each at full speed, at times each at half."""
from __future__ import annotations

import multiprocessing
import shutil
import statistics
import os
import subprocess
import time
from pathlib import Path


def machine_pace() -> float:
    """Seconds for ten million additions in a Python loop (about 0.4 s when the machine is at its
    usual pace)."""
    start = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - start


def machine_state() -> str:
    """The pace of one process alone, then of two side by side (the cores the machine gives now)."""
    alone = min(machine_pace(), machine_pace())
    with multiprocessing.get_context("fork").Pool(2) as pool:
        both = pool.map(_paced, range(2))
    alone = min(alone, machine_pace())  # the pace may have changed meanwhile
    return (f"ten million additions in {alone:.2f} s alone, {max(both):.2f} s each with two side by side "
            f"(about {2 * alone / max(both):.1f} cores' worth)")


def _paced(_: int) -> float:
    return machine_pace()


def run_child(arguments: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MiB and output of one child process. The peak is that child's own
    (os.wait4), not getrusage(RUSAGE_CHILDREN)'s, which keeps the largest of every child so far."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{output[-3000:]}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, output


def print_medians(figures: dict[str, list[tuple[float, float]]], seconds: float = 10, mib: float = 512) -> None:
    """The median wall time and peak memory of each step's runs, against a target of `seconds` and `mib`."""
    width = max(map(len, figures), default=0)
    print("median of the runs:")
    for name, runs in figures.items():
        wall = statistics.median(s for s, _ in runs)
        peak = statistics.median(p for _, p in runs)
        verdict = "within" if wall <= seconds and peak <= mib else "OVER"
        print(f"  {name:<{width}} {wall:6.2f} s {peak:7.1f} MiB   {verdict} {seconds:g} s and {mib:g} MiB")


def fresh_demo(target: Path) -> Path:
    """A new copy of the project's demo workspace at `target` (what was there is removed)."""
    root = Path(__file__).resolve().parent.parent
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copytree(root / "content", target / "content")
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    return target
