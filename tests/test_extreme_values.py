"""Values at the edges of what an editor or a spreadsheet lets one type: each is a problem at its file
and line, in words, and never stops the check; figures at the very edge of what is accepted build."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DEMO_EPOCH
from pressbook.build import build
from pressbook.checking import check_workspace

CAMPAIGN = "content/campaigns/lancement"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    """`old` replaced by `new` in the file; the whole file when `old` is empty."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")


# (file, text, replaced by, expected (line, code, words in the message)). Each stopped the check with
# a traceback, or passed and stopped the build, before it was a problem.
CASES = {
    "a time zone that names a folder of zones": (
        "content/workspace.yml", "timezone: Europe/Paris", "timezone: Europe", (5, "schema.value", "time zone")),
    "a time offset beyond a day": (
        f"{CAMPAIGN}/posts.csv", "2026-02-05T18:00", "2026-02-05T18:00+25:00", (2, "csv.date", "'+25:00'")),
    "minutes of an offset beyond an hour": (
        f"{CAMPAIGN}/posts.csv", "2026-02-05T18:00", "2026-02-05T18:00+12:99", (2, "csv.date", "'+12:99'")),
    "a superscript digit, which Python takes for a digit": (
        f"{CAMPAIGN}/metrics.csv", "lea-1,2026-02-06,21000,", "lea-1,2026-02-06,²,", (2, "csv.number", "'²'")),
    "a count of 5,000 digits, more than Python's int() reads": (
        f"{CAMPAIGN}/metrics.csv", "lea-1,2026-02-06,21000,", f"lea-1,2026-02-06,{'9' * 5000},",
        (2, "schema.value", "at most 15 digits")),
    "a follower count of 5,000 digits in YAML": (
        "content/influencers/lea-exemple.md", "followers: 48200", f"followers: {'9' * 5000}",
        (7, "schema.value", "at most 15 digits")),
    # Read as no file at all, they passed the check: the build then stopped without a word, or
    # refused every site for a link to the card's missing page.
    "a workspace.yml that says null": (
        "content/workspace.yml", "", "null\n", (1, "schema.type", "found nothing")),
    "front matter that says ~": (
        "content/influencers/lea-exemple.md", "", "---\n~\n---\nLéa.\n", (2, "schema.type", "found nothing")),
    "a post published in year 1": (
        f"{CAMPAIGN}/posts.csv", "2026-02-05T18:00", "0001-01-01T00:30+05:00", (2, "csv.date", "years 1900 and 2199")),
    "a campaign starting in year 226": (
        f"{CAMPAIGN}/brief.md", "start: 2026-02-02", "start: 0226-02-02", (5, "schema.value", "years 1900 and 2199")),
    "usage rights for ten thousand years": (
        f"{CAMPAIGN}/contracts/lea-exemple.yml", "  months: 6", "  months: 120000", (16, "schema.value", "1200 months")),
    "a budget of thirty digits": (
        f"{CAMPAIGN}/brief.md", "budget: 2500", "budget: 100000000000000000000000000000",
        (12, "schema.value", "below a million billion")),
    "a client named by nothing, which every other client's site would have been refused for": (
        "content/clients/maison-exemple.yml", "name: Maison Exemple", 'name: " "', (1, "schema.value", "a name")),
    "a target return of 26 decimals": (
        f"{CAMPAIGN}/brief.md", "  posts: 2", "  posts: 2\n  roas: 0.00000000000000000000000001",
        (15, "schema.value", "at most 6 decimals")),
}


@pytest.mark.parametrize("case", CASES)
def test_an_extreme_value_is_a_problem_at_its_line(case: str, starter: Path) -> None:
    name, old, new, (line, code, words) = CASES[case]
    _edit(starter, name, old, new)
    workspace, problems = check_workspace(starter)
    found = [(p.location.path, p.location.line, p.code) for p in problems if p.severity == "error"]
    assert found == [(name, line, code)], problems
    assert words in str(problems[0].message) and len(str(problems[0].message)) < 200
    assert workspace is None


def test_figures_at_the_edge_of_what_is_accepted_build(starter: Path, monkeypatch) -> None:
    # The largest amounts, the smallest fee and target, every figure computed from them.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    _edit(starter, f"{CAMPAIGN}/brief.md", "budget: 2500", "budget: 999999999999999.999999")
    _edit(starter, f"{CAMPAIGN}/brief.md", "  posts: 2", "  posts: 2\n  roas: 0.000001")
    _edit(starter, f"{CAMPAIGN}/brief.md", "fee: 1200", "fee: 0.000001")
    _edit(starter, f"{CAMPAIGN}/contracts/lea-exemple.yml", "fee: 1200", "fee: 0.000001")
    metrics = starter / CAMPAIGN / "metrics.csv"
    lines = metrics.read_text(encoding="utf-8").splitlines()
    metrics.write_text("\n".join([lines[0] + ",revenue", *(row + ",999999999999999.999999" for row in lines[1:])])
                       + "\n", encoding="utf-8")
    result = build(starter)
    assert [p for p in result.problems if p.severity == "error"] == [] and result.ok
    results = (starter / "site" / "internal" / "campaigns" / "lancement" / "results.html").read_text(encoding="utf-8")
    assert "2\u202f000\u202f000\u202f000\u202f000\u202f000,00\xa0€" in results  # the two posts' revenue
