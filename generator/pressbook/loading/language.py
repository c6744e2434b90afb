"""The language pressbook speaks about a workspace: its problems, its refusals, its findings."""
from __future__ import annotations

from pathlib import Path

from ..catalogue import LANGUAGES
from ..messages import DEFAULT_LANGUAGE
from ..model.settings import Settings
from .files import read_text
from .yaml_strict import load_yaml


def workspace_language(root: Path) -> str:
    """`language` of content/workspace.yml (its default when the key is left out) when the file can be
    read and names a language pressbook speaks; English otherwise: a workspace that cannot be read
    is told so in English, and told again in its own language once `language` is read."""
    path = root / "content" / "workspace.yml"
    if path.is_symlink() or not path.is_file():  # a link the check refuses is not read
        return DEFAULT_LANGUAGE
    text = read_text(root, path, [])
    if text is None:
        return DEFAULT_LANGUAGE
    data = load_yaml(text, "content/workspace.yml", []).data
    if not isinstance(data, dict):
        return DEFAULT_LANGUAGE
    language = data.get("language", Settings.model_fields["language"].default)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
