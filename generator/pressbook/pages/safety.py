"""Text that comes from outside the agency, or from its editors, made safe to publish.

Third-party text (names, bios, captions, mentions) is shown as text: HTML-escaped and placed inside
HTML elements, where Markdown does not reach. Authored Markdown (portraits, briefs, reports, stories)
is rendered here, by a Markdown instance of its own that has no extension able to set an id, a class
or an attribute; raw HTML in it is shown as typed; the HTML made of it then goes through an allowlist
sanitizer (Ammonia) and reaches the page as one block of HTML, which the sites' Markdown passes
through untouched. So what authored text can make is decided here, whatever it holds.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import Callable, Iterator

import markdown
import nh3
from markupsafe import Markup

from ..model.invisible import BIDI_CONTROLS, OPENS_EMBEDDING, OPENS_ISOLATE


_TAGS = {"p", "br", "strong", "em", "b", "i", "del", "sup", "sub", "code", "pre", "blockquote", "hr", "ul", "ol",
         "li", "a", "img", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "bdi"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-5])>")
_IMAGE = re.compile(r"<img\b([^>]*)>")
_SOURCE = re.compile(r'\bsrc="([^"]*)"')
_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
_ALT = re.compile(r'\balt="([^"]*)"')
ASSETS = "assets/"  # where, under content/, the images authored text may show lie


def plain(text: object) -> Markup:
    """Text shown as typed: escaped, with its line breaks kept, and isolated where it holds bidi
    controls: in a <bdi>, and, for where tags are dropped (the search index), each embedding or
    isolate it opens closed at its end (a closer with nothing open is ignored by browsers)."""
    if text is None:
        return Markup("")
    escaped = html.escape(str(text), quote=True)
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shown = "<br>".join(lines)
    if not BIDI_CONTROLS.search(shown):
        return Markup(shown)
    closing = "".join("\u202c" if c in OPENS_EMBEDDING else "\u2069" for c in shown
                      if c in OPENS_EMBEDDING or c in OPENS_ISOLATE)
    return Markup(f"<bdi>{shown}{closing}</bdi>")


# Only tables and the core: no attr_list, md_in_html, toc or anything that reads files.
_MARKDOWN = markdown.Markdown(extensions=["tables"], output_format="html")


def _rendered(text: str) -> str:
    # Raw HTML is shown as typed: every element of the result is one Markdown made.
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text.replace("\r\n", "\n").replace("<", "&lt;"))


def authored_html(text: str) -> str:
    """Authored Markdown as sanitised HTML, images as written (src untouched but for the sanitizer)."""
    rendered = _rendered(text)
    cleaned = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                        link_rel="noopener noreferrer nofollow", strip_comments=True, attribute_filter=_no_backslash)
    # The page's title is its only h1: authored headings go one level down.
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", cleaned)


def _no_backslash(element: str, attribute: str, value: str) -> str | None:
    # Browsers read a backslash in an address as a slash: `\\host` is another site.
    return None if attribute in ("href", "src") and "\\" in value else value


def link_targets(text: str) -> Iterator[str]:
    """The target of every link authored Markdown makes, as written."""
    for link in _LINK.finditer(_rendered(text)):
        yield html.unescape(link.group(1))


def image_sources(text: str) -> Iterator[str]:
    """The source of every image authored Markdown shows, however it is written (inline,
    reference-style, inside a link's label), as written."""
    for image in _IMAGE.finditer(_rendered(text)):
        source = _SOURCE.search(image.group(1))
        yield html.unescape(source.group(1)) if source else ""


def asset_reference(source: str) -> str | None:
    """The file under content/ an image source names, when it is one of content/assets/."""
    if not source or "\\" in source or re.match(r"^[a-z][a-z0-9+.-]*:|^/", source, re.IGNORECASE):
        return None
    path = posixpath.normpath(source.split("#")[0].split("?")[0])
    return path if path.startswith(ASSETS) and ".." not in path.split("/") else None


def safe_markdown(text: str, image_url: Callable[[str], str | None] = lambda reference: None) -> Markup:
    """Authored Markdown as a block of sanitised HTML. `image_url`: where the page finds the
    published copy of an image of content/assets/; any other image is left out, its text kept."""
    def image(match: re.Match[str]) -> str:
        source = _SOURCE.search(match.group(1))
        reference = asset_reference(html.unescape(source.group(1))) if source else None
        url = image_url(reference) if reference else None
        if url is None:
            alt = _ALT.search(match.group(1))
            return alt.group(1) if alt else ""
        return _SOURCE.sub(lambda _: f'src="{html.escape(url, quote=True)}"', match.group(0), count=1)
    body = _IMAGE.sub(image, authored_html(text)).strip()
    if not body:
        return Markup("")
    # A block of HTML, apart from what surrounds it: the sites' Markdown leaves it as it is.
    return Markup(f'<div class="pb-text">\n{body}\n</div>')
