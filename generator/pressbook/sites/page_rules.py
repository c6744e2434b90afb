"""What a built page may hold, element by element, read from its tree (html_reading): the rules of
the verification for one HTML page. A page's problems are sentences; its links are the URLs of the
site it leads to or loads, resolved to files by the verification once every file is known.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..messages import Message, says
from . import content_policy
from .content_policy import judge_policy
from .policy import script_hash, script_kind
from .html_reading import URL_ATTRIBUTES, child_text, misread, parse_page, walk

# The attributes that load what they name when the element is shown (a link's href is read apart:
# most of what <link> names is loaded, a canonical address is not).
LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"), ("source", "src"),
           ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"),
           ("track", "src"), ("video", "poster"), ("image", "href"), ("image", "xlink:href"),
           ("feimage", "href"), ("feimage", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
           ("script", "href"), ("script", "xlink:href"), ("base", "href")}
_CANDIDATES = ("srcset", "imagesrcset")  # comma-separated "URL width" candidates
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_NO_ORIGIN = ("data:", "blob:", "about:", "javascript:", "vbscript:")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_URL_IGNORED = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# CSS (not HTML): what a style sheet or a style attribute fetches from another origin.
CSS_OUTSIDE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*((?:https?:)?//[^'\")\s]+)", re.IGNORECASE)
# Ids and names from `__` on belong to Material (__config, __search, __drawer…) and pressbook (__pb…):
# one in the page's content would stand in for the theme's own element, as would one given twice.
RESERVED = "__"
_REFUSED_TAGS = {
    "base": says("verify.base"),
    "object": says("verify.no-place", tag="<object>"),
    "embed": says("verify.no-place", tag="<embed>"),
    "applet": says("verify.no-place", tag="<applet>"),
    "noscript": says("verify.noscript"),
}
_READ_WHOLE = frozenset({"script", "style", "link", "meta"})  # read beyond their attributes
_ANIMATIONS = ("set", "animate")  # SVG: an animation of an attribute sets it to what it says


def url_of(value: str) -> str:
    """A URL as a browser's URL parser reads it: no control or space at its ends, tabs and line breaks
    dropped (`java&#9;script:` is javascript:), a backslash a slash (`\\\\host` is another host)."""
    return value.strip(_C0_AND_SPACE).translate(_URL_IGNORED)


def from_elsewhere(url: str) -> bool:
    """Whether a URL names something that is not a file of the site: another host or a scheme."""
    return url.startswith("//") or _SCHEME.match(url.lower()) is not None


class PageReading:
    """One HTML page's problems and links, the page read once."""

    def __init__(self, text: str) -> None:
        self.problems: list[Message] = []
        self.links: list[str] = []
        why = misread(text)  # then the tree may lack what a browser makes of the markup
        if why is not None:
            self.problems.append(why)
        tree = parse_page(text)
        self.tree = tree
        reserved: Counter[str] = Counter()
        policies: list[tuple[str, bool]] = []  # (policy, in <head> before any script, link or style)
        inline: list[str] = []  # hashes of the inline scripts the policy must name
        loaded_before = False
        for node, tag, attributes, in_content, in_template in walk(tree):
            if attributes or tag in _REFUSED_TAGS:
                problems, links, reserved_id = _element(tag, tuple(attributes.items()), in_content)
                self.problems += problems
                self.links += links
                if reserved_id and not in_template:
                    reserved[reserved_id] += 1
            if tag not in _READ_WHOLE:
                continue
            if tag == "script":
                kind = script_kind(attributes)
                if kind != "data" and in_content:
                    self.problems.append(says("verify.script-in-content"))
                elif kind == "inline":
                    inline.append(script_hash(child_text(node)))
            elif tag == "style":
                self.problems += [says("verify.loads-from-elsewhere", element="<style>", url=url[:80])
                                  for url in CSS_OUTSIDE.findall(child_text(node))]
            elif tag == "meta" and not in_template and \
                    (attributes.get("http-equiv") or "").strip().lower() == "content-security-policy":
                parent = node.parent
                policies.append((attributes.get("content") or "",
                                 parent is not None and parent.tag == "head" and not loaded_before))
            if tag != "meta" and not in_template:
                loaded_before = True
        self.problems += [says("verify.id-twice", name=name, count=count) for name, count in sorted(reserved.items())
                          if count > 1]
        self.problems += _policy_problems(policies, inline)


def _policy_problems(policies: list[tuple[str, bool]], inline: list[str]) -> list[Message]:
    if not policies:
        return [says("verify.no-policy")] if content_policy.REQUIRE_POLICY else []
    problems: list[Message] = []
    if len(policies) > 1:
        problems.append(says("verify.policies", n=len(policies)))
    policy, placed = policies[0]
    if not placed:
        problems.append(says("verify.policy-placed"))
    hashes, wrong = judge_policy(policy)
    problems += wrong
    problems += [says("verify.script-hash", digest=digest) for digest in inline if digest not in hashes]
    return problems


# The theme writes the same elements on every page (a site of 1,600 pages has tens of thousands of
# elements worth reading, a few thousand of them different): each is judged once.
@lru_cache(maxsize=65536)
def _element(tag: str, attributes: tuple[tuple[str, str | None], ...], in_content: bool
             ) -> tuple[tuple[Message, ...], tuple[str, ...], str | None]:
    """The problems of one element, the URLs of the site it links to or loads, and the reserved id
    or name it carries (if any)."""
    problems: list[Message] = []
    links: list[str] = []
    values = {name.lower(): value or "" for name, value in attributes}  # SVG's attributeName
    reserved = None
    if tag in _REFUSED_TAGS:
        problems.append(_REFUSED_TAGS[tag])
    for name, value in values.items():
        if name.startswith("on"):
            problems.append(says("verify.event", tag=f"<{tag}>", name=name))
        elif name in URL_ATTRIBUTES:
            url = url_of(value).lower()
            if url.startswith(SCRIPT_SCHEMES):
                problems.append(says("verify.runs-script", element=f"<{tag} {name}>", value=value[:60]))
            elif in_content and url.startswith("data:"):
                problems.append(says("verify.data-url", element=f"<{tag} {name}>"))
        elif name in ("id", "name") and value.startswith(RESERVED):
            if in_content:
                problems.append(says("verify.reserved", tag=f"<{tag}>", name=name, value=value))
            if name == "id":
                reserved = value
    if tag in ("iframe", "frame") and "srcdoc" in values:
        problems.append(says("verify.srcdoc", tag=f"<{tag}>"))
    animated = values.get("attributename", "").strip().lower() if tag in _ANIMATIONS else ""
    if animated in ("href", "xlink:href") or animated.startswith("on"):
        problems.append(says("verify.animates", tag=f"<{tag}>", attribute=animated))
    if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
        problems.append(says("verify.refresh"))
    loads = [values[name] for name in ("src", "data", "poster", "href", "xlink:href")
             if (tag, name) in LOADING and name in values]
    if "background" in values:  # the old attribute of body and table cells: an image is fetched
        loads.append(values["background"])
    for name in _CANDIDATES:
        if name in values:
            loads += [candidate.strip().split(" ")[0] for candidate in values[name].split(",")]
    if tag == "link" and "href" in values and "canonical" not in values.get("rel", "").lower().split():
        loads.append(values["href"])
    if tag in ("a", "area") and "ping" in values:  # a click sends a request to each
        loads += values["ping"].split()
    if "style" in values:
        problems += [says("verify.loads-from-elsewhere", element=f"<{tag} style>", url=url[:80])
                     for url in CSS_OUTSIDE.findall(values["style"])]
    for written in loads:
        url = url_of(written)
        if not url:
            continue
        if from_elsewhere(url):
            # data:, blob:, about: and script schemes name no origin: nothing to load from the site
            problems.append(says("verify.loads-no-file", element=f"<{tag}>", url=written.strip()[:80])
                            if url.lower().startswith(_NO_ORIGIN) else
                            says("verify.loads-from-elsewhere", element=f"<{tag}>", url=written.strip()[:80]))
        else:
            links.append(url)
    for name in ("action", "formaction"):
        if name in values and from_elsewhere(url_of(values[name])):
            problems.append(says("verify.form", tag=f"<{tag}>", url=values[name].strip()[:80]))
    if tag in ("a", "area") and "href" in values:
        links.append(url_of(values["href"]))
    if tag == "a" and "xlink:href" in values:
        links.append(url_of(values["xlink:href"]))
    return tuple(problems), tuple(links), reserved

