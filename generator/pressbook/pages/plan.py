"""What a site is made of: its pages (template, title, context, sources) and its navigation."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Page:
    path: str  # inside the docs folder, e.g. "influencers/lea-fontaine.md"
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)  # description and Open Graph tags


@dataclass(frozen=True)
class PdfOfPage:
    """A built page that is also made into a PDF (sites/pdf.py), and what the PDF says of itself."""

    page: str  # the built page, e.g. "campaigns/x/report.html"
    file: str  # where the PDF goes in the site, e.g. "campaigns/x/x-bilan.pdf"
    title: str
    author: str


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str


@dataclass
class SitePlan:
    name: str
    kind: str  # internal, client or public
    title: str
    language: str
    pages: list[Page] = field(default_factory=list)
    nav: list[NavEntry] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)  # docs-relative path → bytes
    shared: dict[str, Any] = field(default_factory=dict)  # what every page of the site may use
    site_url: str | None = None  # where the site is published, for canonical links
    noindex: bool = False  # ask search engines not to index it (client sites)
    forbidden: tuple[str, ...] = ()  # names that must appear nowhere in the built site
    look: bytes | None = None  # the workspace's mkdocs.yml, as checked, which the site INHERITs
    logos: dict[str, str] = field(default_factory=dict)  # agency, client → where the site publishes its logo
    logo_names: dict[str, str] = field(default_factory=dict)  # agency, client → whose logo it is (its alt text)
    favicon: str | None = None  # where the site publishes its favicon
    pdfs: list[PdfOfPage] = field(default_factory=list)  # pages made into PDFs once built

    def add(self, page: Page) -> None:
        self.pages.append(page)


def html_path(markdown_path: str) -> str:
    """Where MkDocs writes a page (use_directory_urls is off, so that sites open from file://)."""
    stem = markdown_path[: -len(".md")]
    return f"{stem}.html"


def relative_url(from_page: str, to_page: str, fragment: str = "") -> str:
    """A link from one page to another, relative, so the site works from any folder."""
    target = html_path(to_page) if to_page.endswith(".md") else to_page
    url = _relative(target, posixpath.dirname(from_page) or ".")
    return url + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)
