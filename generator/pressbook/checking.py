"""`pressbook check`: the workspace loaded and validated, then checked against advertising law.

Apart from the build so that a check loads none of what only sites need (charts, templates)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from .clock import build_moment
from .collector import collector_paused
from .compliance.check import Finding, check_compliance
from .model import Workspace
from .problems import Problem
from .validation.workspace import Remembered, load_workspace


def check_workspace(root: Path) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the workspace at `root`, compliance findings included, sorted; the workspace
    when nothing blocks a build."""
    workspace, problems, _ = check_with_findings(root)
    return workspace, problems


def check_with_findings(root: Path, remembered: Remembered | None = None
                        ) -> tuple[Workspace | None, list[Problem], list[Finding]]:
    # The preview (which keeps what it loaded, `remembered`) collects and sets aside on its own.
    with collector_paused(then_set_aside=remembered is None):
        workspace, problems = load_workspace(root, remembered)
    findings = check_compliance(workspace, today_of(root, workspace)) if workspace is not None else []
    problems += [finding.problem() for finding in findings]
    return workspace, sorted(set(problems), key=Problem.sort_key), findings


def today_of(root: Path, workspace: Workspace) -> date:
    return build_moment(root).astimezone(ZoneInfo(workspace.settings.timezone)).date()
