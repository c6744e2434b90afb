"""One site's generated tree: Markdown pages, theme overrides, assets and mkdocs.yml."""
from __future__ import annotations

from pathlib import Path

from ..pages.plan import SitePlan
from ..pages.render import Renderer, theme_dirs
from .config import mkdocs_config
from .tree import write_tree
from ..timing import timed


def theme_files(root: Path, folder: str) -> dict[str, bytes]:
    """Files of one theme folder, the workspace's own replacing pressbook's of the same name."""
    files: dict[str, bytes] = {}
    for directory in reversed(theme_dirs(root)):
        base = directory / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    files[path.relative_to(base).as_posix()] = path.read_bytes()
    return files


def site_files(plan: SitePlan, renderer: Renderer, root: Path, generated: Path) -> dict[str, bytes]:
    files = {f"docs/{page.path}": renderer.render(plan, page).encode("utf-8") for page in plan.pages}
    files.update({f"docs/assets/pressbook/{name}": data for name, data in theme_files(root, "assets").items()})
    files.update({f"docs/{name}": data for name, data in plan.assets.items()})
    files.update({f"overrides/{name}": data for name, data in theme_files(root, "overrides").items()})
    files["mkdocs.yml"] = mkdocs_config(plan, generated, root).encode("utf-8")
    return files


@timed("render")
def write_generated(plan: SitePlan, renderer: Renderer, root: Path, generated: Path) -> list[str]:
    """Write the tree for MkDocs; returns what changed (nothing, on a rebuild of unchanged content)."""
    return write_tree(generated, site_files(plan, renderer, root, generated))
