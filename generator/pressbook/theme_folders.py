"""Where the themes of a workspace lie, what each of their folders holds, and which of their files reach
the sites: known to the checks (of themes/ and of mkdocs.yml) as well as to the stages that render and
write the sites. The one place that says what a theme may publish."""
from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePosixPath

from .folders import files_under, not_through_links

PUBLISHED_ASSETS = "assets/pressbook/"  # where every site has the files of each theme's assets/

PAGES, OVERRIDES, ASSETS, LABELS = "pages", "overrides", "assets", "labels.yml"
ICONS = ".icons"  # Material's folder of icons, in its templates and in a theme's overrides
PAGE_TEMPLATE = ".md"  # themes/pages/: Jinja templates of pages, rendered by pressbook, never published
OVERRIDE_TEMPLATE = ".html"  # themes/overrides/: Jinja templates of Material, read by MkDocs, never published

# The kinds of file a theme publishes, from assets/ (under assets/pressbook/) and from overrides/ (as
# they lie): styles, scripts, images and web fonts. Never text, YAML, Markdown, CSV or anything else: a
# copy of a contract dropped there would be on every site, the public one included. Each is a kind the
# verification of a built site accepts (sites/verify.py).
PUBLISHED_SUFFIXES = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
                                ".woff", ".woff2"})


def default_theme() -> Path:
    """pressbook's own themes/, in the package."""
    return Path(str(resources.files("pressbook.themes")))


def theme_dirs(root: Path) -> list[Path]:
    """The workspace's own themes/ first (its files override ours), then pressbook's defaults. A themes/
    that is a symbolic link is not one (the check says so): nothing is read through it."""
    default = default_theme()
    own = root / "themes"
    if own.is_symlink() or not own.is_dir() or own.resolve() == default.resolve():
        return [default]
    return [own, default]


def published(folder: str, relative: str) -> bool:
    """Whether the file `relative` (its path below `folder`, pages, overrides or assets) reaches the
    sites. Hidden files never do, nor anything of a folder that is not assets/ or overrides/."""
    parts = PurePosixPath(relative).parts
    return folder in (ASSETS, OVERRIDES) and bool(parts) and ".." not in parts and not hidden(relative) \
        and _suffix(relative) in PUBLISHED_SUFFIXES


def used(folder: str, relative: str) -> bool:
    """Whether pressbook or MkDocs reads the file `relative` of `folder`: a published one, a template,
    or one of the icons Material draws into pages."""
    suffix = _suffix(relative)
    if folder == PAGES:
        return suffix == PAGE_TEMPLATE and not hidden(relative)
    if folder == OVERRIDES and suffix == OVERRIDE_TEMPLATE and not hidden(relative):
        return True
    if folder == OVERRIDES and relative.startswith(f"{ICONS}/") and suffix == ".svg":
        return True
    return published(folder, relative)


def theme_files(base: Path) -> tuple[list[tuple[str, str]], list[str], list[tuple[str, OSError]]]:
    """The regular files under `base`, as their name below it (with `/`) and their path, sorted by
    name; and, apart, the names of the symbolic links found there, which are neither followed nor
    read, and the folders that cannot be read, with why."""
    links: list[str] = []
    unreadable: list[tuple[str, OSError]] = []
    files = files_under(base, ".", links, unreadable)
    return files, sorted(links), sorted(unreadable, key=lambda item: item[0])


def read_theme_file(path: str) -> bytes:
    """A file `theme_files` listed, read without following a link put in its place since."""
    with open(path, "rb", opener=not_through_links) as file:
        return file.read()


def _suffix(relative: str) -> str:
    return PurePosixPath(relative).suffix.lower()


def hidden(relative: str) -> bool:
    """A file or folder whose name, or a folder's above it, starts with a dot."""
    return any(part.startswith(".") for part in PurePosixPath(relative).parts)
