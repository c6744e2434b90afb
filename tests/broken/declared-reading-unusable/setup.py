"""Declared readings an account manager gets wrong: one without its source or date, one that gives no
figure."""
from pathlib import Path


def setup(workspace: Path) -> None:
    card = workspace / "content" / "influencers" / "lea-exemple.md"
    text = card.read_text(encoding="utf-8")
    start = text.index("    declared:\n")
    end = text.index("topics:")
    card.write_text(text[:start] + """    declared:
      - source: media kit
        on: 2026-01-05
        engagement_rate: 4.1%
      - engagement_rate: 3.9%
      - source: export
        on: 2026-02-01
""" + text[end:], encoding="utf-8")
