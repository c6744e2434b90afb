"""The state of the machine while a benchmark runs: on a shared machine, speed drifts by a factor of
up to three from one minute to the next, and every figure drifts with it."""
from __future__ import annotations

import time


def machine_pace() -> float:
    """Seconds for ten million additions in a Python loop (about 0.4 s when the machine is at its
    usual pace)."""
    start = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - start
