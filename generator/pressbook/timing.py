"""How long each stage of a run takes, for the benchmarks; nothing is measured unless asked.

A stage's time excludes the stages run inside it, so that the stages of a run add up to its whole.
Stages run in several threads (sites built side by side) are added up per name.
"""
from __future__ import annotations

import functools
import resource
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_totals: defaultdict[str, float] | None = None
_peaks: dict[str, float] = {}
_local = threading.local()
_lock = threading.Lock()


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


@contextmanager
def stage(name: str) -> Iterator[None]:
    if _totals is None:
        yield
        return
    stack = _local.__dict__.setdefault("stack", [])
    stack.append(0.0)  # time spent in stages inside this one
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        inner = stack.pop()
        if stack:
            stack[-1] += elapsed
        with _lock:
            _totals[name] += elapsed - inner
            _peaks[name] = max(_peaks.get(name, 0.0), peak_mib(), peak_mib(resource.RUSAGE_CHILDREN))


@contextmanager
def measured() -> Iterator[dict[str, tuple[float, float]]]:
    """Measure the stages run inside; the mapping given is filled, on leaving, with each stage's
    seconds and the peak memory (MiB, of this process or its children) seen at its end."""
    global _totals
    result: dict[str, tuple[float, float]] = {}
    _totals = defaultdict(float)
    _peaks.clear()
    try:
        yield result
    finally:
        result.update({name: (seconds, _peaks[name]) for name, seconds in _totals.items()})
        _totals = None


def timed(name: str) -> Callable[[F], F]:
    """The decorated function's calls are counted as stage `name`."""
    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if _totals is None:
                return function(*args, **kwargs)
            with stage(name):
                return function(*args, **kwargs)
        return wrapper  # type: ignore[return-value]
    return decorate
