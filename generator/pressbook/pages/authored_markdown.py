"""The images authored Markdown shows: each must be a file of content/assets/, found by `check` at its
line whatever the way it is written, and published re-encoded on the sites whose view holds the text."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import Workspace
from ..problems import Location, Problem, register_codes
from .safety import asset_reference, image_sources

register_codes({
    "markdown.image-outside": "An image in authored Markdown that is not a file of `content/assets/` (another "
                              "site, `data:`, a path outside): it would be loaded from elsewhere or carry "
                              "active content.",
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


def image_problems(root: Path, workspace: Workspace) -> list[Problem]:
    problems = []
    for path, first, text, sources in _with_images(workspace):
        for source in sources:
            reference = asset_reference(source)
            if reference is not None and (root / "content" / reference).is_file():
                continue
            at = text.find(source) if source else -1
            at = at if at >= 0 else text.find("![")
            line = first + text.count("\n", 0, at)
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            shown = source if len(source) <= 60 else source[:57] + "…"
            problems.append(Problem(
                Location(path, line, column), "error", "markdown.image-outside",
                f"the image '{shown}' is not a file of content/assets/" if reference is None
                else f"the image '{shown}' is not in content/ (no such file)",
                "put the image in content/assets/ and write its path, e.g. ![photo](assets/photo.jpg)"))
    return problems
