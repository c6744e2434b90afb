"""Golden problem reports: one broken workspace per defect, with the exact text `pressbook check` prints.

Each case in tests/broken/<case>/ is what differs from the starter workspace (`pressbook new`): files
under content/ replace or add to it, and `remove` lists files to delete. `expected.fr.txt` and
`expected.en.txt` are the report in each language: `check` says it in the workspace's language (French,
the starter's) and `check --lang` in the other.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import assert_golden
from pressbook.catalogue import LANGUAGES
from pressbook.cli import cli
from pressbook.loading.language import workspace_language

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


def golden(case: str, language: str) -> Path:
    return CASES / case / f"expected.{language}.txt"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_check_report(case: str, starter: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    _build_case(CASES / case, starter)
    monkeypatch.chdir(starter)
    own = workspace_language(starter)
    for language in (own, *(other for other in LANGUAGES if other != own)):
        # The workspace's language by default; the other one asked for.
        result = CliRunner().invoke(cli, ["check"] if language == own else ["check", "--lang", language])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert_golden(golden(case, language), result.output, update_goldens)
        summary = result.output.splitlines()[-1]
        clean = summary.startswith(("0 errors", "no problems", "0 erreur", "aucun problème"))
        assert result.exit_code == (0 if clean else 1)


def test_every_case_has_a_report_in_each_language() -> None:
    missing = [golden(case.name, language).relative_to(CASES).as_posix() for case in sorted(CASES.iterdir())
               if case.is_dir() for language in LANGUAGES if not golden(case.name, language).is_file()]
    assert missing == []


def test_there_are_enough_cases() -> None:
    assert len([p for p in CASES.iterdir() if p.is_dir()]) >= 15


def test_a_post_featured_twice_is_reported_at_its_second_place(demo: Path) -> None:
    from pressbook.checking import check_workspace

    showcase = demo / "content" / "campaigns" / "printemps-eclat-2026" / "showcase.md"
    showcase.write_text(showcase.read_text(encoding="utf-8").replace(
        "featured_posts: [p01, p04, p12]", "featured_posts: [p01, p04, p01]"), encoding="utf-8")
    _, problems = check_workspace(demo)
    assert [(p.location.path, p.location.line, p.code, str(p.message))
            for p in problems if p.code == "ref.duplicate-id"] == [
        ("content/campaigns/printemps-eclat-2026/showcase.md", 5, "ref.duplicate-id", "'p01' is featured twice")]
