"""A built page read the way a browser reads it, for the verification: Lexbor, a WHATWG-conformant
parser in C, builds the page's tree, and the verification walks its elements — the content of every
<template> too, which is no part of the document but a script may put there.

Scripting is on, as in a browser that runs the page's scripts: what <noscript> holds is then text
(and the verification refuses <noscript>, which reads as markup with scripts off). Regular
expressions, which read pages before, could end a tag where a browser does not, and miss an
attribute the browser then finds.
"""
from __future__ import annotations

import re
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..messages import Message, says

# Attributes whose value is a URL (to load, to follow, to send a form to, to describe): a script's
# scheme has no place in any of them.
URL_ATTRIBUTES = frozenset({
    "href", "src", "xlink:href", "data", "action", "formaction", "poster", "background", "cite", "longdesc",
    "ping", "srcset", "imagesrcset", "codebase", "archive", "manifest", "icon", "usemap", "lowsrc", "dynsrc",
    "profile", "classid"})

def parse_page(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(text, scripting=True)


# Where Lexbor's tree is known to differ from a browser's, found by the differential test
# (tests/test_verify_parser.py): a page holding such markup is refused unread. <image> in a table
# (outside a cell or caption) becomes an <img> before the table in browsers; Lexbor drops it.
_IMAGE_TAG = re.compile(r"<image[\t\n\f\r />]", re.IGNORECASE)


def misread(text: str) -> Message | None:
    """Why the parser's reading of a page cannot be trusted to be a browser's, if it cannot."""
    return says("verify.image-tag") if _IMAGE_TAG.search(text) else None


def walk(tree: LexborHTMLParser) -> Iterator[tuple[LexborNode, str, dict[str, str | None], bool, bool]]:
    """Every element of the page, in document order, then what its templates hold: the node, its tag
    in lower case, its attributes (the first of a repeated one, as the parser keeps it; None for one
    without a value), whether it stands in the page's content (an <article>: Material writes the
    page's own text in one), and whether it is inside a <template>."""
    root = tree.root
    return _walk(root, False, False) if root is not None else iter(())


def _walk(top: LexborNode, in_content: bool, in_template: bool
          ) -> Iterator[tuple[LexborNode, str, dict[str, str | None], bool, bool]]:
    # An article and every element under it come one after the other in document order: the
    # content is the article and as many elements after it as it holds.
    left = 0  # elements of the content still to come
    for node in top.traverse(include_text=False):
        tag = node.tag
        if tag is None:  # Lexbor's reading of <?…?> inside an element: a comment, in the standard
            continue
        if left:
            left -= 1
            inside = True
        elif tag == "article":
            left = len(node.css("*")) - 1  # the article itself is the first
            inside = True
        else:
            inside = in_content
        tag = tag.lower()
        yield node, tag, node.attributes, inside, in_template
        if tag == "template":
            for fragment in node.template_fragments():
                yield from _walk(fragment, inside, True)


def child_text(node: LexborNode) -> str:
    """A script's or style's text, as browsers hash and run it: its text children, joined."""
    return node.text(deep=False)


# Where a name is looked for in a page or an SVG image (when its words are there at all): the page as
# it is, but for the words the markup uses for its own parts — tag and attribute names, the values of
# attributes that name parts (a class, an id, target="_blank", data-md-*), what MkDocs' <meta>
# elements say to browsers and robots, Material's settings (`__config`, which holds no content) and
# a script's code but for its strings. A client called Target, Search, Amber or Material is not named
# by those. Everything else is read, whether a reader sees it or not: text, titles, alt texts, links,
# comments, a script's strings, a chart's data. Each element is a space between words: nothing left
# out joins two of them.
_MARKUP_VALUES = frozenset({
    "class", "id", "for", "name", "rel", "type", "role", "target", "media", "method", "lang", "dir",
    "charset", "tabindex", "autocomplete", "autocapitalize", "autocorrect", "spellcheck", "hidden",
    "checked", "required", "version", "viewbox", "d", "xmlns", "xmlns:xlink", "width", "height", "fill",
    "stroke", "transform", "aria-hidden", "aria-live", "aria-expanded", "aria-controls",
    "aria-labelledby", "aria-describedby"})
_SAID_TO_MACHINES = frozenset({"viewport", "generator", "robots"})  # <meta name=…>: its content is theirs
# A script's strings (JavaScript, not HTML: the page's parser has already said where the script ends).
_STRING = re.compile(r"""("(?:[^"\\\n]|\\.)*+"|'(?:[^'\\\n]|\\.)*+'|`(?:[^`\\]|\\.)*+`)""", re.DOTALL)


def readable_text(tree: LexborHTMLParser) -> str:
    """Everything a page says, in words, for names to be looked for in (entities are decoded)."""
    parts: list[str] = []
    if tree.root is not None:  # from the document: a comment may stand before or after <html>
        _read_words(tree.root.parent or tree.root, parts)
    return " ".join(parts)


def _read_words(top: LexborNode, parts: list[str]) -> None:
    for node in top.traverse(include_text=True):
        if node.is_text_node:
            parent = node.parent
            said = parent.attributes if parent is not None and parent.tag == "script" else None
            text = node.text(deep=False)
            if said is None:
                parts.append(text)
                continue
            kind = (said.get("type") or "").strip().lower()
            if said.get("id") == "__config" and kind == "application/json":
                continue
            parts.append(text if kind.endswith("json") else " ".join(_STRING.findall(text)))
        elif node.is_comment_node:
            parts.append(node.comment_content or "")
        elif node.tag is None:  # <?…?> inside an element, which Lexbor keeps apart from comments
            parts.append(node.html or "")
        elif node.is_element_node:
            said = node.attributes
            unread = _MARKUP_VALUES | ({"content"} if said.get("name") in _SAID_TO_MACHINES else set())
            parts += [value for name, value in said.items()
                      if value and name.lower() not in unread and not name.startswith("data-md-")]
            if node.tag == "template":
                for fragment in node.template_fragments():
                    _read_words(fragment, parts)
