"""The labels catalogue: the words of every site, one section per language, from pressbook's
themes/labels.yml and the workspace's own (which overrides it key by key).

A label is words, or, for words that hold a count, its plural forms (catalogue.py, the mechanism the
labels share with pressbook's messages): French says « 0 publication », « 1 publication »,
« 2 publications »; English "0 posts", "1 post". French labels are typeset as French prints them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalogue import COUNT_KEY, DEFAULT_COUNT, PLURAL_CATEGORIES, Label, Plural, make_label, typeset
from ..loading.yaml_strict import load_yaml
from ..theme_folders import theme_dirs

__all__ = ["COUNT_KEY", "DEFAULT_COUNT", "PLURAL_CATEGORIES", "Label", "Plural", "load_labels", "make_label",
           "typeset"]


def load_labels(root: Path, language: str) -> dict[str, Label]:
    """The labels of `language`: pressbook's, then the workspace's over them (checked before by
    validation/themes.py, which refuses what is not a label)."""
    raw: dict[str, Any] = {}
    for directory in reversed(theme_dirs(root)):
        path = directory / "labels.yml"
        if path.is_file() and not path.is_symlink():  # a link the check refused is never read
            problems: list = []
            document = load_yaml(path.read_text(encoding="utf-8"), str(path), problems)
            if problems:
                raise ValueError(f"{path}: {problems[0].message}")
            raw.update((document.data or {}).get(language, {}) or {})
    return {str(key): make_label(value, language) for key, value in raw.items()}
