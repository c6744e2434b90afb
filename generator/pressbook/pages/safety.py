"""Text that comes from outside the agency, or from its editors, made safe to publish.

Third-party text (names, bios, captions, mentions) is shown as text: HTML-escaped and placed inside
HTML elements, where Markdown does not reach. Authored Markdown (portraits, briefs, reports, stories)
is rendered here, by a Markdown instance of its own that has no extension able to set an id, a class
or an attribute; raw HTML in it is shown as typed; the HTML made of it then goes through an allowlist
sanitizer (Ammonia) and reaches the page as one block of HTML, which the sites' Markdown passes
through untouched. So what authored text can make is decided here, whatever it holds.

What the text makes (its links, images and headings) is read and changed on Markdown's own tree,
before it is written as HTML: no pattern reads HTML here (the verification reads built pages with a
spec-conformant parser, sites/html_reading.py).
"""
from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from typing import Callable, Iterator

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model.invisible import BIDI_CONTROLS, OPENS_EMBEDDING, OPENS_ISOLATE


_TAGS = {"p", "br", "strong", "em", "b", "i", "del", "sup", "sub", "code", "pre", "blockquote", "hr", "ul", "ol",
         "li", "a", "img", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "bdi"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}
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


class _Tree(Treeprocessor):
    """Markdown's tree of the text being converted, once Markdown's own processors are done: its
    elements (tag and attributes, values as written, entities and all), then `change` applied."""

    elements: list[tuple[str, dict[str, str]]] = []
    change: Callable[[etree.Element], None] | None = None

    def run(self, root: etree.Element) -> None:
        self.elements = [(element.tag, dict(element.attrib)) for element in root.iter()]
        if self.change is not None:
            self.change(root)


_TREE = _Tree(_MARKDOWN)
_MARKDOWN.treeprocessors.register(_TREE, "pressbook-tree", -1)  # last: after Markdown's unescaping


def _rendered(text: str, change: Callable[[etree.Element], None] | None = None) -> str:
    # Raw HTML is shown as typed: every element of the result is one Markdown made.
    _MARKDOWN.reset()
    _TREE.change = change
    try:
        return _MARKDOWN.convert(text.replace("\r\n", "\n").replace("<", "&lt;"))
    finally:
        _TREE.change = None


def _headings_down(root: etree.Element) -> None:
    # The page's title is its only h1: authored headings go one level down (an h1 is not kept at all).
    for element in root.iter():
        if element.tag in ("h2", "h3", "h4", "h5"):
            element.tag = f"h{int(element.tag[1]) + 1}"


def _sanitised(rendered: str) -> str:
    return nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True, attribute_filter=_no_backslash)


def _no_backslash(element: str, attribute: str, value: str) -> str | None:
    # Browsers read a backslash in an address as a slash: `\\host` is another site.
    return None if attribute in ("href", "src") and "\\" in value else value


def _attributes(text: str, tag: str, name: str) -> Iterator[str]:
    """The value of attribute `name` of each `tag` element authored Markdown makes, as written."""
    _rendered(text)
    return iter([html.unescape(attributes.get(name, "")) for found, attributes in _TREE.elements if found == tag])


def link_targets(text: str) -> Iterator[str]:
    """The target of every link authored Markdown makes, as written."""
    return _attributes(text, "a", "href")


def image_sources(text: str) -> Iterator[str]:
    """The source of every image authored Markdown shows, however it is written (inline,
    reference-style, inside a link's label), as written."""
    return _attributes(text, "img", "src")


def asset_reference(source: str) -> str | None:
    """The file under content/ an image source names, when it is one of content/assets/."""
    if not source or "\\" in source or re.match(r"^[a-z][a-z0-9+.-]*:|^/", source, re.IGNORECASE):
        return None
    path = posixpath.normpath(source.split("#")[0].split("?")[0])
    return path if path.startswith(ASSETS) and ".." not in path.split("/") else None


def safe_markdown(text: str, image_url: Callable[[str], str | None] = lambda reference: None) -> Markup:
    """Authored Markdown as a block of sanitised HTML. `image_url`: where the page finds the
    published copy of an image of content/assets/; any other image is left out, its text kept."""
    def images(root: etree.Element) -> None:
        _headings_down(root)
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                image = parent[index]
                if image.tag != "img":
                    continue
                reference = asset_reference(html.unescape(image.get("src", "")))
                url = image_url(reference) if reference else None
                if url is not None:
                    image.set("src", url)  # Markdown writes it as HTML
                    continue
                words = (image.get("alt") or "") + (image.tail or "")
                parent.remove(image)
                if index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + words
                else:
                    parent.text = (parent.text or "") + words
    body = _sanitised(_rendered(text, images)).strip()
    if not body:
        return Markup("")
    # A block of HTML, apart from what surrounds it: the sites' Markdown leaves it as it is.
    return Markup(f'<div class="pb-text">\n{body}\n</div>')
