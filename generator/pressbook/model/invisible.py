"""Characters that change how text around them is shown without being seen themselves.

Bidirectional controls reorder what stands beside them: a handle holding U+202E shows the figures
after it backwards. Zero-width characters and a stray byte order mark make two names that look the
same compare apart (a reference that cannot be found, a canary that cannot be matched). Inside an id,
a handle, a name or an address they are never meant; they come with text pasted from web pages and
chat applications. Free text (captions, bodies, notes) may hold them: the sites isolate it instead.
"""
from __future__ import annotations

import re
import unicodedata

from ..messages import Message, says

# One class, searched once per value: U+061C, U+200B–U+200F, U+202A–U+202E, U+2060, U+2066–U+2069,
# U+FEFF.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# The joiners (U+200C, U+200D) are part of how some names are written: emoji sequences (👩‍🍳), Persian
# and Indic words. A name may hold them; an id, a handle or an address may not.
IN_NAMES = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Bidi controls that open what a later one closes: embeddings and overrides (closed by U+202C) and
# isolates (closed by U+2069). Free text keeps them; the sites isolate it.
OPENS_EMBEDDING = "\u202a\u202b\u202d\u202e"
OPENS_ISOLATE = "\u2066\u2067\u2068"
BIDI_CONTROLS = re.compile(f"[{OPENS_EMBEDDING}\u202c{OPENS_ISOLATE}\u2069]")
_REORDERING = frozenset(f"\u061c\u200e\u200f{OPENS_EMBEDDING}\u202c{OPENS_ISOLATE}\u2069")


def character_name(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: how the Unicode charts and search engines name it."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'UNNAMED CHARACTER')}"


def what_it_does(character: str) -> Message:
    if character in _REORDERING:
        return says("invisible.reorders")
    if character == "\ufeff":
        return says("invisible.byte-order-mark")
    return says("invisible.no-width")


def described(character: str) -> Message:
    """`U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character that changes the order…`: the character as
    the Unicode charts name it (in English, in every language), then what it does."""
    return says("invisible.described", name=character_name(character), does=what_it_does(character))
