"""Two readings from one source on one network (which would the card show?), and a declared rate in
percent points read as a fraction."""
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
      - source: Media Kit
        on: 2026-03-01
        engagement_rate: 4.4%
  tiktok:
    handle: lea.exemple
    followers: 12000
    declared:
      - source: tableau
        on: 2026-02-01
        engagement_rate: 3.2
""" + text[end:], encoding="utf-8")
