r"""What authored Markdown points at, found by `check` at its line whatever the way it is written: each
image must be a file of content/assets/ (published re-encoded on the sites whose view holds the text),
and no link may hold a backslash, which browsers read as a slash (`\\host\share` is another site)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..model import Workspace
from ..messages import says
from ..problems import Location, Problem, register_codes
from .safety import asset_reference, image_sources, link_targets

register_codes({
    "markdown.image-outside": "An image in authored Markdown that is not a file of `content/assets/` (another "
                              "site, `data:`, a path outside): it would be loaded from elsewhere or carry "
                              "active content.",
    "markdown.link-backslash": "A link in authored Markdown written with backslashes: browsers read them as "
                               "slashes, and `\\\\host` leads to another site.",
})


def authored_texts(workspace: Workspace) -> Iterator[tuple[str, int, str]]:
    """Each authored Markdown text of the workspace: its file, the line it starts on, the text."""
    for card in workspace.influencers.values():
        yield card.source, card.portrait.line, card.portrait.markdown
    for campaign in workspace.campaigns.values():
        for name, text in (("brief.md", campaign.brief_text), ("report.md", campaign.report_text),
                           ("showcase.md", campaign.showcase_text)):
            if text is not None:
                yield f"{campaign.folder}/{name}", text.line, text.markdown


def _with_images(workspace: Workspace) -> Iterator[tuple[str, int, str, list[str]]]:
    for path, line, text in authored_texts(workspace):
        if "![" in text:  # every image of Markdown is written so; most texts have none
            yield path, line, text, list(image_sources(text))


def image_references(workspace: Workspace) -> list[str]:
    """The files of content/assets/ that the workspace's authored texts show, sorted."""
    return sorted({reference for *_, sources in _with_images(workspace) for source in sources
                   if (reference := asset_reference(source))})


def authored_problems(root: Path, workspace: Workspace) -> list[Problem]:
    return image_problems(root, workspace) + link_problems(workspace)


# A backslash among the slashes that lead an address (`\\host`, `https:\\host`, `/\host`): another
# site to browsers. Elsewhere in a link a backslash only loses the link (the page drops its address).
_TO_A_HOST = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?[\\/]*\\", re.IGNORECASE)


def link_problems(workspace: Workspace) -> list[Problem]:
    problems = []
    for path, first, text in authored_texts(workspace):
        if "\\" not in text:
            continue
        for target in link_targets(text):
            if _TO_A_HOST.match(target):
                at = max(text.find(target), 0)
                problems.append(Problem(_location(path, first, text, at), "error", "markdown.link-backslash",
                                        says("markdown.backslashes", target=target), says("markdown.backslashes.hint")))
    return problems


def _location(path: str, first: int, text: str, at: int) -> Location:
    return Location(path, first + text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1) + 1)


def image_problems(root: Path, workspace: Workspace) -> list[Problem]:
    problems = []
    for path, first, text, sources in _with_images(workspace):
        for source in sources:
            reference = asset_reference(source)
            if reference is not None and (root / "content" / reference).is_file():
                continue
            at = text.find(source) if source else -1
            at = at if at >= 0 else text.find("![")
            shown = source if len(source) <= 60 else source[:57] + "…"
            problems.append(Problem(
                _location(path, first, text, at), "error", "markdown.image-outside",
                says("markdown.image-outside", image=shown) if reference is None
                else says("markdown.image-missing", image=shown), says("markdown.image.hint")))
    return problems
