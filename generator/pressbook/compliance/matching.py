"""Finding mentions in a caption: case- and accent-insensitive, on whole words and hashtags only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model.spelling import fold


@lru_cache(maxsize=None)
def token_pattern(token: str) -> re.Pattern[str]:
    """A token as a whole word, phrase or hashtag: `#pub` is not found in `#publication`, `ad` not in
    `adorable` nor in `#ad`."""
    folded = fold(token)
    if folded.startswith("#"):
        body = re.escape(folded)
    else:
        body = r"\s+".join(re.escape(word) for word in folded.split())
    return re.compile(rf"(?<![\w#@]){body}(?!\w)")


@dataclass(frozen=True)
class Match:
    token: str
    start: int


def find(caption: str, tokens: tuple[str, ...] | list[str]) -> list[Match]:
    text = fold(caption)
    found = []
    for token in tokens:
        for match in token_pattern(token).finditer(text):
            found.append(Match(token, match.start()))
    return sorted(found, key=lambda m: (m.start, m.token))


# The final run of hashtags, `(?:[\s.,;!]*#\w+)+[\s.,;!]*\Z`, read backwards from the caption's end:
# searched forwards, each start of a long run of hashtags would be tried to the end (20,000 hashtags
# followed by a word took minutes).
_TRAILING_HASHTAGS_BACKWARDS = re.compile(r"[\s.,;!]*(?:\w+#[\s.,;!]*)+")


def trailing_hashtags_start(caption: str) -> int:
    """Where the final run of hashtags begins (the caption's length when there is none)."""
    text = fold(caption)
    match = _TRAILING_HASHTAGS_BACKWARDS.match(text[::-1])
    return len(text) - match.end() if match else len(text)


def up_front(caption: str, start: int, lines: int, characters: int | None) -> bool:
    """Within the caption's first `lines` non-empty lines, or its first `characters` characters."""
    text = fold(caption)
    if characters is not None and start < characters:
        return True
    before = text[:start].split("\n")
    filled = sum(1 for line in before[:-1] if line.strip())
    return filled < lines


def brand_tokens(patterns: tuple[str, ...], brands: list[str]) -> list[str]:
    tokens = []
    for brand in brands:
        name = re.sub(r"[^\w]", "", fold(brand))
        for pattern in patterns if name else ():
            token = pattern.format(brand=name)
            tokens += [token] if " " in token else [token, f"#{token}"]
    return tokens
