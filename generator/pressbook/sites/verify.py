"""The last check of a built site before it replaces the live one: anything wrong, and it does not.

Checked: every internal link and asset resolves; the sitemap and the search index name only built
pages; each HTML page, read as a browser reads it (html_reading.py), holds to the rules of
page_rules.py — its scripts the site's own, its Content-Security-Policy one that lets no other run
(content_policy.py), nothing loaded from another origin, no reserved id in its content; only web file
types are present (and the PDFs pressbook made of reports); images carry no metadata; and, on a client
site, no other client's name appears anywhere, the documents its PDFs were printed from included.
"""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from PIL import Image

from ..folders import files_under
from ..messages import Message, says

from ..visibility.names import SoughtName
from ..visibility import comparable
from .html_reading import parse_page, readable_text
from .page_rules import CSS_OUTSIDE, PageReading

ALLOWED_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".gz", ".svg", ".png", ".jpg", ".jpeg", ".webp",
                    ".gif", ".ico", ".woff", ".woff2", ".txt", ".pdf"}
CONTENT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".svg"}
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def remove_source_maps(site: Path) -> None:
    """mkdocs-material ships source maps of its scripts; they are no part of a published site."""
    for name, path in files_under(site):
        if name.endswith(".map"):
            os.unlink(path)


@lru_cache(maxsize=65536)
def _resolve(folder: str, url: str, base: str) -> str | None:
    """The file (relative to the site) that a URL on a page of `folder` points at, or None for what is
    not a file of the site. `base` is the path the site is published under (404.html links from
    there, as it may be served anywhere)."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        path = parts.path[len(base):] if parts.path.startswith(base) else parts.path.lstrip("/")
        return posixpath.normpath(unquote(path) or "index.html")
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return posixpath.normpath(posixpath.join(target, "index.html")) if url.endswith("/") else target


# Seconds a file must be left alone before a pass reads it. File times move by a few milliseconds at a
# time, and MkDocs writes each file once: a file read while being written changes its size or time
# afterwards, and the last pass reads it again. What is read after the last pass, MkDocs done, is on
# the way of the build: the shorter this, the less is left then.
SETTLED = 0.25


def verify_site(site: Path, forbidden_names: tuple[str, ...] = (), site_url: str | None = None) -> list[str]:
    """The refusals of a built site, in English (a build says them in the site's language)."""
    return [str(problem) for problem in SiteVerifier(site, forbidden_names, site_url).finish()]


class SiteVerifier:
    """The checks of a site, file by file, so that they can follow MkDocs as it writes: `check_settled`
    checks the files written since the last pass, and `finish`, once MkDocs is done, those that changed
    since, then what needs every file (links, the search index, the sitemap).

    While MkDocs runs, only files left alone for a moment (SETTLED) are looked at (one being written
    would be read half-written); a check is kept with the file's size, time of change and inode, taken
    before and after reading (they must agree), and done again at the end if they differ then."""

    def __init__(self, site: Path, forbidden_names: tuple[str, ...] = (), site_url: str | None = None,
                 documents: frozenset[str] = frozenset()) -> None:
        self.site = site
        self.documents = documents  # the PDFs pressbook makes into the site (sites/pdf.py), by name
        self.forbidden = tuple(SoughtName(name) for name in forbidden_names)
        self.forbidden_names = forbidden_names
        self.base = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
        self.site_url = site_url
        # name → (identity when checked, problems, links as (URL, the site's file it leads to))
        self.checked: dict[str, tuple[tuple[int, int, int], list[Message], list[tuple[str, str]]]] = {}
        self.listed: dict[str, tuple[int, list[str], list[str]]] = {}  # folder → (time of change, files, folders)

    def check_settled(self, settled: float | None = SETTLED) -> set[str]:
        """Check the files new since the last pass that have been left alone for `settled` seconds;
        with None, every file new or changed since it was checked. Returns the name of every file
        found."""
        latest = time.time_ns() - int(settled * 1e9) if settled is not None else None
        found = set()
        for path, name in self._files(again=settled is None):
            found.add(name)
            if latest is not None and name in self.checked:
                # Checked by an earlier pass: whether it changed since is for the last pass to tell
                # (MkDocs writes a page once).
                continue
            try:
                before = _identity(path)
            except OSError:  # gone meanwhile
                found.discard(name)
                continue
            if self.checked.get(name, (None,))[0] == before or (latest is not None and before[1] > latest):
                continue
            problems, links = self._checked(path, name)
            try:
                if _identity(path) == before:
                    self.checked[name] = (before, problems, links)
            except OSError:
                pass
        return found

    def _files(self, again: bool) -> Iterator[tuple[str, str]]:
        """Every file of the site: its path, and its name in the site. A folder whose time of change is
        the one it had at the last pass holds the same files (adding or removing one changes it) and
        is not listed again, unless `again`: a pass every half second, listing every folder of a
        site of thousands of pages, cost a second of processor time at M."""
        base = str(self.site)
        folders = [(base, "")]
        while folders:
            folder, prefix = folders.pop()
            try:
                changed = os.stat(folder).st_mtime_ns
                known = self.listed.get(folder)
                if again or known is None or known[0] != changed:
                    files, subfolders = [], []
                    with os.scandir(folder) as entries:
                        for entry in entries:
                            (subfolders if entry.is_dir(follow_symlinks=False) else files).append(entry.name)
                    known = self.listed[folder] = (changed, files, subfolders)
            except OSError:  # gone meanwhile
                continue
            for name in known[1]:
                yield os.path.join(folder, name), prefix + name
            folders += [(os.path.join(folder, name), f"{prefix}{name}/") for name in known[2]]

    def finish(self) -> list[Message]:
        """Every problem of the site, once nothing writes to it any more."""
        files = self.check_settled(settled=None)
        folders = {"."} | {"/".join(name.split("/")[:depth]) for name in files for depth in range(1, name.count("/") + 1)}
        problems: list[Message] = []
        for name in sorted(files):
            # A file that kept changing while it was read is read once more, as it is now.
            _, found, links = self.checked.get(name) or (None, *self._checked(str(self.site / name), name))
            problems += found
            problems += [_in(name, says("verify.dead-link", url=url)) for url, target in links
                         if target not in files and target not in folders]
        return problems + _check_index(self.site, self.site_url, files)

    def _checked(self, path: str, name: str) -> tuple[list[Message], list[tuple[str, str]]]:
        """The problems of one file, and its links with the file each leads to: worked out as soon as
        the file is read, while MkDocs still writes, so that little is left for the end."""
        problems, links = self._check_file(Path(path), name)
        folder = posixpath.dirname(name)
        targets = ((url, _resolve(folder, url, self.base)) for url in links)
        return problems, [(url, target) for url, target in targets if target is not None]

    def _check_file(self, path: Path, name: str) -> tuple[list[Message], list[str]]:
        """The problems of one file, and the links of a page (resolved once every file is known)."""
        suffix = path.suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            return [_in(name, says("verify.suffix", suffix=path.suffix) if path.suffix else
                        says("verify.no-suffix"))], []
        if suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif"):
            try:
                with Image.open(path) as image:
                    if image.getexif() or image.info.get("exif") or image.info.get("xmp"):
                        return [_in(name, says("verify.metadata"))], []
            except OSError:
                return [_in(name, says("verify.not-an-image"))], []
            return [], []
        if suffix in (".gz", ".ico", ".woff", ".woff2"):
            return [], []
        if suffix == ".pdf":  # its text is checked from the document it was printed from (check_documents)
            return ([] if name in self.documents else [_in(name, says("verify.foreign-pdf"))]), []
        text = path.read_text(encoding="utf-8", errors="replace")
        page = PageReading(text) if suffix == ".html" else None
        problems = self._names(name, text, suffix, page)
        if page is not None:
            return problems + [_in(name, problem) for problem in page.problems], page.links
        if suffix == ".css":
            problems += [_in(name, says("verify.file-loads", url=url)) for url in CSS_OUTSIDE.findall(text)]
        return problems, []


    def _names(self, name: str, text: str, suffix: str, page: PageReading | None = None) -> list[Message]:
        """The forbidden names a file of the site holds."""
        if not self.forbidden or suffix not in CONTENT_SUFFIXES:  # content reaches pages, the index and
            return []  # the sitemap; not libraries.
        # Read as a reader sees it: entities decoded, and in JSON (the search index) its escapes too.
        read = _json_unescaped(text) if suffix == ".json" else text
        lowered = comparable(html.unescape(read))
        near = [(shown, sought) for shown, sought in zip(self.forbidden_names, self.forbidden) if sought.near(lowered)]
        if near and suffix in (".html", ".svg"):
            # A script's or style's text is as written: entities are decoded there too.
            tree = page.tree if page is not None else parse_page(text)
            lowered = comparable(html.unescape(readable_text(tree)))
        return [_in(name, says("verify.names", name=shown)) for shown, sought in near if sought.find(lowered)]

    def check_documents(self, documents: dict[str, str]) -> list[Message]:
        """The forbidden names in the documents the site's PDFs were printed from (name → HTML): every
        word of a PDF, its metadata and its charts' data included, is in its document."""
        return [problem for name, text in sorted(documents.items()) for problem in self._names(name, text, ".html")]


def _json_unescaped(text: str) -> str:
    """JSON's text with its escapes decoded, for reading names in it. MkDocs writes its search index
    in ASCII, escaping the rest: then Python's own decoder does it at once."""
    if text.isascii():
        return text.encode("ascii").decode("unicode_escape", errors="replace")
    return _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _identity(path: str) -> tuple[int, int, int]:
    """Size, time of last change and inode of a file: a write changes one of them."""
    status = os.stat(path)
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def _in(name: str, problem: Message) -> Message:
    """A refusal of a file of the site, after its name."""
    return says("verify.in-file", file=name, problem=problem)


def _check_index(site: Path, site_url: str | None, files: set[str]) -> list[Message]:
    """`files`: every file of the site, by its path in the site."""
    problems = []
    # Where each engine writes its index, and under which key it lists the pages' sections: MkDocs'
    # search plugin, and Zensical.
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        index = site / name
        if not index.is_file():
            continue
        for doc in json.loads(index.read_text(encoding="utf-8")).get(key, []):
            location = doc.get("location", "").split("#")[0] or "index.html"
            if posixpath.normpath(location) not in files:
                problems.append(_in(name, says("verify.index-names", location=location)))
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and site_url:
        base = site_url.rstrip("/") + "/"
        try:
            # Read as XML, as a search engine reads it: a CDATA section or an entity is part of a
            # location, a comment is not.
            locations = [element.text or "" for element in ElementTree.parse(sitemap).iter()
                         if isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "loc"]
        except ElementTree.ParseError as error:
            problems.append(_in("sitemap.xml", says("verify.sitemap-unreadable", error=str(error))))
            locations = []
        for location in locations:
            relative = location[len(base):] if location.startswith(base) else None
            if relative is None or posixpath.normpath(unquote(relative or "index.html")) not in files:
                problems.append(_in("sitemap.xml", says("verify.sitemap-names", location=location)))
    return problems
