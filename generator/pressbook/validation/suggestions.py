"""'Did you mean' hints."""
from __future__ import annotations

import difflib
from typing import Iterable

from ..messages import Message, listed, quoted, says


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice spelt most like `word`, when one is like it at all."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> Message | None:
    """A hint: the choice spelt most like `word`; else, when there are few, all of them."""
    options = sorted(set(choices))
    close = closest(word, options)
    if close:
        return says("hint.did-you-mean", word=close)
    if 0 < len(options) <= 15:
        return says("hint.expected-one-of", choices=listed(options, ","))
    return None


def suggests_a_word(hint: Message | None) -> bool:
    """Whether a `did_you_mean` hint offers one word (rather than listing them all)."""
    return hint is not None and hint.key == "hint.did-you-mean"


def did_you_mean_code(code: str, codes: Iterable[str]) -> Message | None:
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
        return None
    return says("hint.did-you-mean-one-of", words=listed((quoted(c) for c in close[:3]), "or"))
