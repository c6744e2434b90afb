"""The pipeline, stage by stage: load and validate, then (later stages) compute, project, render, write."""
from __future__ import annotations

from pathlib import Path

from .model import Workspace
from .problems import Problem
from .validation.workspace import load_workspace


def check_workspace(root: Path) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the workspace at `root`, sorted; the workspace when nothing blocks a build."""
    workspace, problems = load_workspace(root)
    return workspace, sorted(set(problems), key=Problem.sort_key)
