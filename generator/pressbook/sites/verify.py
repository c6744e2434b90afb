"""The last look at a built site before it replaces the live one: anything wrong, and it does not.

Checked: every internal link and asset resolves; the sitemap and the search index name only built
pages; no element or attribute can run script from content; nothing is loaded from another origin;
only web file types are present; images carry no metadata; and, on a client site, no other client's
name appears anywhere.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image

ALLOWED_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".gz", ".svg", ".png", ".jpg", ".jpeg", ".webp",
                    ".gif", ".ico", ".woff", ".woff2", ".txt"}
LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
           ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("track", "src")}
CONTENT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".svg"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_OUTSIDE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*((?:https?:)?//[^'\")\s]+)", re.IGNORECASE)


def remove_source_maps(site: Path) -> None:
    """mkdocs-material ships source maps of its scripts; they are no part of a published site."""
    for path in site.rglob("*.map"):
        path.unlink()


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self.depth_article = 0
        self.script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event attribute '{name}'")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and \
                    value.strip().lower().startswith(SCRIPT_SCHEMES):
                self.problems.append(f"<{tag} {name}> runs script: {value[:60]}")
        for name in ("src", "data"):
            if (tag, name) in LOADING and name in values:
                self._load(tag, values[name])
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                self._load(tag, candidate.strip().split(" ")[0])
        if tag == "link" and "href" in values:
            if "canonical" not in values.get("rel", "").split():
                self._load(tag, values["href"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "article":
            self.depth_article += 1
        if tag == "script":
            self.script_type = values.get("type", "") if "src" not in values else None
            if self.depth_article and values.get("type") != "application/json":
                self.problems.append("a <script> inside the page content")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth_article:
            self.depth_article -= 1
        if tag == "script":
            self.script_type = None

    def _load(self, tag: str, url: str) -> None:
        if _OUTSIDE.match(url.strip()):
            self.problems.append(f"<{tag}> loads {url[:80]} from another origin")
        else:
            self.links.append(url)


def _resolve(site: Path, page: Path, url: str, base: str) -> Path | None:
    """The file a URL of the site points at, or None for what is not a file of the site. `base` is the
    path the site is published under (404.html links from there, as it may be served anywhere)."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        path = parts.path[len(base):] if parts.path.startswith(base) else parts.path.lstrip("/")
        target = posixpath.normpath(unquote(path) or "index.html")
        return site / target
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path)))
    path = site / target
    return path / "index.html" if url.endswith("/") else path


def verify_site(site: Path, forbidden_names: tuple[str, ...] = (), site_url: str | None = None) -> list[str]:
    problems: list[str] = []
    base = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            problems.append(f"{name}: a {path.suffix or 'suffix-less'} file has no place in a published site")
            continue
        if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp", ".gif"):
            with Image.open(path) as image:
                if image.getexif() or image.info.get("exif") or image.info.get("xmp"):
                    problems.append(f"{name}: the image still carries metadata (EXIF/XMP)")
            continue
        if path.suffix.lower() in (".gz", ".ico", ".woff", ".woff2"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in CONTENT_SUFFIXES:  # content reaches pages, the index and the sitemap; not libraries
            lowered = html.unescape(text).casefold()
            for forbidden in forbidden_names:
                if forbidden.casefold() in lowered:
                    problems.append(f"{name}: names '{forbidden}', who has no place on this site")
        if path.suffix == ".html":
            parser = _Page()
            parser.feed(text)
            problems += [f"{name}: {problem}" for problem in parser.problems]
            for url in parser.links:
                target = _resolve(site, path, url, base)
                if target is not None and not target.exists():
                    problems.append(f"{name}: the link {url} leads to no built file")
        elif path.suffix == ".css":
            problems += [f"{name}: loads {url} from another origin" for url in _CSS_OUTSIDE.findall(text)]
    problems += _check_index(site, site_url)
    return problems


def _check_index(site: Path, site_url: str | None) -> list[str]:
    problems = []
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            location = doc.get("location", "").split("#")[0] or "index.html"
            if not (site / location).is_file():
                problems.append(f"search/search_index.json: names {location}, which was not built")
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and site_url:
        base = site_url.rstrip("/") + "/"
        for location in re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text(encoding="utf-8")):
            relative = location[len(base):] if location.startswith(base) else None
            if relative is None or not (site / (relative or "index.html")).is_file():
                problems.append(f"sitemap.xml: names {location}, which is not a page of this site")
    return problems
