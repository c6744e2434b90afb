"""`pressbook check`: the workspace loaded and validated, then checked against advertising law.

Apart from the build so that a check loads none of what only sites need (charts, templates)."""
from __future__ import annotations

import functools
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .clock import build_moment
from .compliance.check import Finding, check_compliance
from .loading.secrets import SecretsSource, load_secrets
from .model import Workspace
from .problems import Problem
from .validation.publishing import publishing_problems, readers_of, secrets_in_files
from .validation.themes import label_problems, read_themes
from .validation.workspace import Remembered, load_workspace
from .pages.authored_markdown import authored_problems
from .visibility.names import other_clients_named
from .pages.theme_templates import template_problems
from .theme_folders import PAGES, default_theme, theme_files, used


def check_workspace(root: Path, moment: datetime | None = None, secrets: SecretsSource | None = None
                    ) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the workspace at `root`, compliance findings included, sorted; the workspace
    when nothing blocks a build. `moment`: the build's (SPEC §1, "Now"), worked out when not given.
    `secrets`: where the readers' passwords are, when they are wanted (each reader must then have one)."""
    workspace, problems, _ = check_with_findings(root, moment=moment, secrets=secrets)
    return workspace, problems


def check_with_findings(root: Path, remembered: Remembered | None = None, moment: datetime | None = None,
                        secrets: SecretsSource | None = None
                        ) -> tuple[Workspace | None, list[Problem], list[Finding]]:
    workspace, problems = load_workspace(root, remembered)
    moment = moment or build_moment(root)
    findings = check_compliance(workspace, today_of(moment, workspace)) if workspace is not None else []
    problems += [finding.problem() for finding in findings]
    if workspace is not None:
        # Looked for in a workspace that loaded: each client's site is then made of what it names.
        problems += other_clients_named(workspace)
        pointing = authored_problems(root, workspace)
        problems += pointing
        if pointing:
            workspace = None  # refused here, not only by the build's verification
    passwords = None
    if workspace is not None and secrets is not None:
        passwords, found = load_secrets(root, secrets.file, readers_of(workspace))
        problems += found
    if workspace is not None:
        problems += publishing_problems(workspace, passwords)
    problems += secrets_in_files(root, passwords)
    themes = theme_problems(root)
    problems += themes
    if any(problem.severity == "error" for problem in themes):
        workspace = None  # every site is made with the themes: none is built while one of them is wrong
    return workspace, sorted(set(problems), key=Problem.sort_key), findings


def theme_problems(root: Path) -> list[Problem]:
    """The problems of the workspace's own themes/: the folder, its templates, its labels."""
    files, problems = read_themes(root)
    if not (files.pages or files.overrides or files.labels):
        return problems
    known = {name for name, _ in files.pages} | _pressbook_pages()
    found, named = template_problems(root, files.pages, files.overrides, known)
    return problems + found + label_problems(root, files.labels, named)


@functools.cache
def _pressbook_pages() -> frozenset[str]:
    """pressbook's own page templates, which a workspace's may include: they never change in a run."""
    return frozenset(name for name, _ in theme_files(default_theme() / PAGES)[0] if used(PAGES, name))


def today_of(moment: datetime, workspace: Workspace) -> date:
    """The build's day where the workspace is."""
    return moment.astimezone(ZoneInfo(workspace.settings.timezone)).date()
