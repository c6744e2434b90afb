"""'Did you mean' hints."""
from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice spelt most like `word`, when one is like it at all."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    options = sorted(set(choices))
    close = closest(word, options)
    if close:
        return f"did you mean '{close}'?"
    if 0 < len(options) <= 15:
        return "expected one of: " + ", ".join(options)
    return ""


def did_you_mean_code(code: str, codes: Iterable[str]) -> str:
    """For a code of a fixed list (EUR): the codes one slip away, two letters side by side swapped
    before one letter wrong. Likeness of spelling, as above, would offer YER for ERU."""
    known = sorted(set(codes))

    def differing(other: str) -> list[int]:
        return [i for i, (a, b) in enumerate(zip(other, code)) if a != b] if len(other) == len(code) else []

    def swapped(other: str) -> bool:
        at = differing(other)
        return len(at) == 2 and at[1] == at[0] + 1 and other[at[0]] == code[at[1]] and other[at[1]] == code[at[0]]

    close = [c for c in known if swapped(c)] or [c for c in known if len(differing(c)) == 1]
    if not close:
        return ""
    named = [f"'{c}'" for c in close[:3]]
    return f"did you mean {', '.join(named[:-1]) + ' or ' if len(named) > 1 else ''}{named[-1]}?"
