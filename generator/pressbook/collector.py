"""Python's collector of reference cycles, kept out of the way of loading and regenerating.

Loading a large workspace makes hundreds of thousands of objects that live until the end; each full
pass of the collector goes through all of them again (at L, eight passes cost a second of the ten of
`pressbook check`). Paused meanwhile, it catches up at its next pass."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused(then_set_aside: bool = False, collect_first: bool = False) -> Iterator[None]:
    """Pause the collector. With `then_set_aside`, what exists at the end (what was loaded) is frozen
    out of its later passes instead of being gone through once more by the first of them (a third
    of a second at L); with `collect_first` too, the cycles that became garbage meanwhile are
    collected before, as a long-running process needs (the preview). Without it, they are never
    collected, which a process that ends soon can afford."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if collect_first:
                gc.collect()
            if then_set_aside:
                gc.freeze()
            gc.enable()
