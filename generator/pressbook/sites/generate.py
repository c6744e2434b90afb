"""One site's generated tree: Markdown pages, theme overrides, assets and mkdocs.yml."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..pages.plan import Page, SitePlan
from ..pages.render import Renderer
from ..cache import Stamp
from ..folders import not_through_links
from ..theme_folders import ASSETS, OVERRIDES, PUBLISHED_ASSETS, read_theme_file, theme_dirs, theme_files, used
from .config import DOCS_DIR, HOOK, LOOK, mkdocs_config
from .tree import BUILT_STAMP, remove_stale, write_files
from ..timing import timed


def theme_folder(root: Path, folder: str) -> dict[str, bytes]:
    """What a site takes of one theme folder, the workspace's own files replacing pressbook's of the
    same name: assets/, the kinds of file a theme publishes (theme_folders.py); overrides/, those and
    what MkDocs reads (templates, icons). Nothing else, and never a file through a symbolic link: the
    check refuses links and reports the other files, so a build leaves them out without a word."""
    files: dict[str, bytes] = {}
    for directory in reversed(theme_dirs(root)):
        base = directory / folder
        if base.is_dir() and not base.is_symlink():
            for relative, path in theme_files(base)[0]:
                if used(folder, relative):
                    files[relative] = read_theme_file(path)
    return files


def in_tree(page: Page) -> str:
    """Where a page's Markdown goes in its site's generated tree."""
    return f"{DOCS_DIR}/{page.path}"


class Rendered:
    """A site's pages as last rendered, kept from one generation to the next (the preview's): a page
    whose plan entry is equal to last time's, on the same site with the same templates, is not
    rendered again."""

    def __init__(self) -> None:
        self.site: tuple[Any, ...] | None = None
        self.pages: dict[str, tuple[Page, bytes]] = {}


@timed("render")
def write_others(plan: SitePlan, root: Path, tree: Path) -> list[str]:
    """Make `tree` the site's generated tree but for its pages: everything else written where its
    bytes changed, what the site no longer has removed. Returns the files written, sorted."""
    others = site_files(plan, root)
    written = write_files(tree, others)
    remove_stale(tree, [*map(in_tree, plan.pages), *others, BUILT_STAMP])
    return written


@timed("render")
def write_pages(renderer: Renderer, plan: SitePlan, tree: Path, kept: Rendered | None = None,
                order: list[str] | None = None) -> list[str]:
    """Render the pages of `plan` into `tree`, where their bytes changed. Returns the files written,
    sorted: none on a rebuild of unchanged content. With `kept` (the preview's), only the pages that
    changed since are rendered. Without, each page is written as soon as it is rendered, in `order`
    (their paths; the plan's by default): on a first build, MkDocs reads each as soon as it is there."""
    if kept is not None:
        pages = render_pages(renderer, plan, kept)
        return write_files(tree, {in_tree(page): data for page, data in zip(plan.pages, pages)})
    by_path = {page.path: page for page in plan.pages}
    written = []
    for path in order or by_path:
        page = by_path[path]
        written += write_files(tree, {in_tree(page): renderer.render(plan, page).encode("utf-8")})
    return sorted(written)


def render_pages(renderer: Renderer, plan: SitePlan, kept: Rendered) -> list[bytes]:
    """Every page of `plan`, in the plan's order: those that changed since `kept`, rendered."""
    site = (plan.name, plan.kind, plan.title, plan.language, plan.shared, _templates_stamp(renderer))
    if kept.site != site:
        kept.site, kept.pages = site, {}
    changed = [index for index, page in enumerate(plan.pages)
               if page.path not in kept.pages or kept.pages[page.path][0] != page]
    made = {index: renderer.render(plan, plan.pages[index]).encode("utf-8") for index in changed}
    pages = [made[index] if index in made else kept.pages[page.path][1] for index, page in enumerate(plan.pages)]
    kept.pages = {page.path: (page, data) for page, data in zip(plan.pages, pages)}
    return pages


def _templates_stamp(renderer: Renderer) -> str:
    stamp = Stamp()
    for folder in renderer.themes:
        stamp.add_files(theme_files(folder)[0], opener=not_through_links)
    return stamp.hex


def site_files(plan: SitePlan, root: Path) -> dict[str, bytes]:
    """The files of a generated tree besides its pages: theme assets and overrides, the plan's assets,
    mkdocs.yml and the workspace's, MkDocs' hook."""
    files = {f"{DOCS_DIR}/{PUBLISHED_ASSETS}{name}": data for name, data in theme_folder(root, ASSETS).items()}
    files.update({f"{DOCS_DIR}/{name}": data for name, data in plan.assets.items()})
    files.update({f"overrides/{name}": data for name, data in theme_folder(root, OVERRIDES).items()})
    if plan.look is not None:
        files[LOOK] = plan.look
    files["mkdocs.yml"] = mkdocs_config(plan).encode("utf-8")
    files[HOOK] = _hook()
    return files


@functools.cache
def _hook() -> bytes:
    return (Path(__file__).parent / "mkdocs_hook.py").read_bytes()
