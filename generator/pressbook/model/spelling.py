"""How names and titles are compared and turned into ids: without case or accents, one way everywhere.

`fold` is the one accent-insensitive comparison: compliance finds `#sponsorisé` in `#SPONSORISE`, a
report's « E-réputation » section is its e-reputation block, a column headed « Abonnés » is found
as « abonnes », another client's brand is known whatever its accents. `slug` makes a name an id, an
anchor or a file's name: lower-case ASCII letters and digits between hyphens.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)  # every caption is folded once per check, and the preview checks again
def fold(text: str) -> str:
    """`Sponsorisé` and `SPONSORISE` read alike: compatibility forms decomposed (NFKD), accents
    dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():  # nothing to drop: no letter-by-letter pass
        return decomposed.casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str, empty: str = "") -> str:
    """`Crème & Co` → `creme-co`: `text` folded, its ASCII letters and digits in runs joined by
    hyphens (a letter of another alphabet is left out); `empty` when none is left."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text).encode("ascii", "ignore").decode())) or empty
