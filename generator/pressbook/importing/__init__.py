"""Imports: lists of influencers and post statistics exported by the tools agencies use, read through a
mapping of their columns, turned into the workspace's own files (identity cards, metrics.csv).

    sheet.py       an export (.csv or .xlsx) read as a header and rows of cells, each located
    mapping.py     which column holds which field: YAML data, presets in mappings/
    diff.py        what would change, as unified diffs; then written, each file whole
    cards.py       an identity card's front matter rewritten in its networks block only
    influencers.py rows of an influencer list → identity cards created or updated
    post_matching.py which post of a campaign a row of post statistics is about
    metrics_file.py  a campaign's metrics.csv in its own dialect, rows appended to it
    metrics.py     rows of post statistics → snapshots appended to a campaign's metrics.csv

Used by the `pressbook import` commands only; nothing is written while an error stands."""

from pathlib import Path

PRESETS = Path(__file__).parent / "mappings"


def preset_names(kind: str) -> list[str]:
    """The mappings shipped for `kind` ("influencers", "metrics"): their files are named <tool>-<kind>.yml."""
    return sorted(path.stem for path in PRESETS.glob(f"*-{kind}.yml"))
