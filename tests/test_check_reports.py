"""Golden problem reports: one broken workspace per defect, with the exact text `pressbook check` prints.

Each case in tests/broken/<case>/ is what differs from the starter workspace (`pressbook new`): files
under content/ replace or add to it, and `remove` lists files to delete. `expected.txt` is the report.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import assert_golden
from pressbook.cli import cli

CASES = Path(__file__).parent / "broken"


def _build_case(case: Path, workspace: Path) -> None:
    overlay = case / "content"
    if overlay.exists():
        shutil.copytree(overlay, workspace / "content", dirs_exist_ok=True)
    removals = case / "remove"
    if removals.exists():
        for line in removals.read_text(encoding="utf-8").split():
            (workspace / line).unlink()
    setup = case / "setup.py"
    if setup.exists():
        namespace: dict = {}
        exec(setup.read_text(encoding="utf-8"), namespace)  # noqa: S102 - our own test fixture code
        namespace["setup"](workspace)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_check_report(case: str, starter: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    _build_case(CASES / case, starter)
    monkeypatch.chdir(starter)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert_golden(CASES / case / "expected.txt", result.output, update_goldens)
    summary = result.output.splitlines()[-1]
    assert result.exit_code == (0 if summary.startswith(("0 errors", "no problems")) else 1)


def test_there_are_enough_cases() -> None:
    assert len([p for p in CASES.iterdir() if p.is_dir()]) >= 15


def test_a_post_featured_twice_is_reported_at_its_second_place(demo: Path) -> None:
    from pressbook.checking import check_workspace

    showcase = demo / "content" / "campaigns" / "printemps-eclat-2026" / "showcase.md"
    showcase.write_text(showcase.read_text(encoding="utf-8").replace(
        "featured_posts: [p01, p04, p12]", "featured_posts: [p01, p04, p01]"), encoding="utf-8")
    _, problems = check_workspace(demo)
    assert [(p.location.path, p.location.line, p.code, p.message) for p in problems if p.code == "ref.duplicate-id"] == [
        ("content/campaigns/printemps-eclat-2026/showcase.md", 5, "ref.duplicate-id", "'p01' is featured twice")]
