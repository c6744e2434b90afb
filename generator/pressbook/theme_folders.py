"""Where the themes of a workspace lie, and where their assets are published: known to the check of
mkdocs.yml as well as to the stages that render and write the sites."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PUBLISHED_ASSETS = "assets/pressbook/"  # where every site has the files of each theme's assets/


def theme_dirs(root: Path) -> list[Path]:
    """The workspace's own themes/ first (its files override ours), then pressbook's defaults."""
    default = Path(str(resources.files("pressbook.themes")))
    own = root / "themes"
    return [own, default] if own.is_dir() and own.resolve() != default.resolve() else [default]
