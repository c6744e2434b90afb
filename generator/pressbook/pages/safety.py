"""Text that comes from outside the agency, or from its editors, made safe to publish.

Third-party text (names, bios, captions, mentions) is shown as text: HTML-escaped and placed inside
HTML elements, where Markdown does not reach. Agency-written Markdown (portraits, briefs, reports) is
rendered, but raw HTML in it is escaped and only http(s) and mailto links survive.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?"
                   r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s.*)?$")
_ALLOWED = re.compile(r"(https?://|mailto:)[^\s\"'<>`]+\Z", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,5})(\s)")


def plain(text: object) -> Markup:
    """Text shown as typed: escaped, with its line breaks kept."""
    if text is None:
        return Markup("")
    escaped = html.escape(str(text), quote=True)
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Markup("<br>".join(lines))


def safe_markdown(text: str) -> Markup:
    """Agency Markdown with raw HTML escaped, unsafe links and outside images dropped, headings demoted
    by one level (the page title is the only h1)."""
    # No line is passed over, fenced or not: the sites' Markdown has no fenced code blocks, so what
    # follows a line of three backticks is read as Markdown like the rest, raw HTML included.
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = _braces_as_text(line.replace("<", "&lt;"))
        reference = _REFERENCE.match(line)
        if reference and not _ALLOWED.match(reference.group(1)):
            continue
        line = _LINK.sub(_safe_link, line)
        line = _HEADING.sub(r"#\1\2", line)
        lines.append(line)
    return Markup("\n".join(lines).strip("\n"))


def _braces_as_text(line: str) -> str:
    """`{: onclick=… }` is an attribute list to MkDocs' Markdown, which would add it to the element:
    a brace outside inline code is escaped, and shown as typed."""
    parts = line.split("`")
    parts[::2] = [part.replace("{", "\\{") for part in parts[::2]]
    return "`".join(parts)


def _safe_link(match: re.Match[str]) -> str:
    image, label, target = match.groups()
    if image or not _ALLOWED.match(target):
        return label  # an image would be loaded from elsewhere; a link of another kind could run script
    return match.group(0)
