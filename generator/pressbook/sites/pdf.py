"""A PDF of each campaign report of a client's site, made with the site: from the report's built page,
once MkDocs has written it and before the site is verified and swapped in.

The PDF is the page's article as a client reads it (cover, KPI tiles, charts, the four blocks,
e-reputation) with what only a screen needs taken out (tabs, scripts, the charts' tables of figures),
each chart drawn as SVG from the spec its page carries, and the method's summary from the site's own
method page; laid out on A4 by WeasyPrint with report.css beside this module. WeasyPrint needs no
browser; it needs Pango, a system library: without it the sites build without PDFs (and without links
to them), and `HOW_TO_GET` says how to get them.

Nothing is fetched while a PDF is made: the only files WeasyPrint may read are the site's own (its
logos), through `SiteFiles`. The same page gives the same bytes: the PDF's dates are the build's
moment, its identifier a digest of its content. A PDF whose stamp (its page's HTML, images, and the code
and versions that make it) is that of one kept from an earlier build is copied, not made again.
"""
from __future__ import annotations

import hashlib
import json
import mimetypes
import posixpath
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborNode

from .. import __version__
from ..cache import Stamp, code, keep, kept, kind_folder, prune, versions
from ..messages import Message, says
from ..model.spelling import slug
from ..pages.plan import Page, PdfOfPage, SitePlan, html_path
from .html_reading import parse_page

STYLESHEET = Path(__file__).with_name("report.css")
REPORT_TEMPLATE = "report.md"
# The family report.css sets text in: the charts' labels are measured in it by vl-convert and drawn in it
# by WeasyPrint (with a family each picked for itself, a long label ran past the chart's edge).
CHART_FONT = "Lato"
CHART_WIDTH = 620  # CSS pixels: the text's width on A4 with report.css's margins, so labels keep their size
# The primary colours of Material's palette (its palette stylesheet), which the workspace's mkdocs.yml
# chooses from: the PDF's headings are ruled in the site's. Those too pale to rule white paper are left out.
PRIMARY = {"red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2",
           "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485",
           "green": "#4cae4f", "light-green": "#8bc34b", "orange": "#ffa724", "deep-orange": "#ff6e42",
           "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78"}
# What a screen needs and paper does not: the campaign's tabs, scripts, the link to the PDF itself, and
# each chart's table of figures (the chart is drawn; its figures stay on the site).
SCREEN_ONLY = "nav, script:not(.pb-chart-spec), style, details.pb-chart-table, a.headerlink, .pb-report-pdf"
HOW_TO_GET = ("the reports' PDFs were not made: WeasyPrint needs Pango "
              "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-lato), then build again")


@lru_cache(maxsize=1)
def engine_missing() -> str | None:
    """Why no PDF can be made on this machine (HOW_TO_GET), or None when WeasyPrint works."""
    try:
        import weasyprint  # noqa: F401 — loads Pango through cffi: OSError when it is missing
    except (ImportError, OSError):
        return HOW_TO_GET
    return None


def plan_pdfs(plan: SitePlan, file_word: str) -> None:
    """Give each report page of a client's site the name of its PDF (the page links to it as `pdf`) and
    list it in `plan.pdfs`: `<campaign>-<file_word>.pdf` beside the page, a name a client recognises
    once the file is forwarded. A report in preparation (no text on this site) has none; nor has any
    report when WeasyPrint cannot run here (`pdf_note` then says why)."""
    pages = _report_pages(plan)
    if not pages or engine_missing():  # WeasyPrint is imported only for a site with reports
        return
    # The word is a label, which a workspace's themes/labels.yml may set: as a file's name it keeps
    # lower-case ASCII letters and digits between hyphens, so that no label can name another folder.
    word = slug(file_word, "report")
    for page in pages:
        folder = posixpath.dirname(page.path)
        name = f"{posixpath.basename(folder)}-{word}.pdf"
        page.context["pdf"] = name
        cover = page.context["cover"]
        plan.pdfs.append(PdfOfPage(html_path(page.path), posixpath.join(folder, name), cover.title, cover.agency))


def pdf_note(plan: SitePlan) -> str | None:
    """The line to print when the site has reports but this machine cannot make their PDFs."""
    return engine_missing() if _report_pages(plan) else None


def _report_pages(plan: SitePlan) -> list[Page]:
    if plan.kind != "client":
        return []
    return [page for page in plan.pages if page.template == REPORT_TEMPLATE
            and page.context.get("report") is not None and page.context.get("cover") is not None]


# Where WeasyPrint is told the site lies: the same on every machine, since it names images in the PDF
# after their URL. Only SiteFiles knows the folder it stands for.
SITE_BASE = "file:///site/"


class SiteFiles:
    """WeasyPrint's only way to files: those of the built site, by their URL under SITE_BASE. Anything
    else (another scheme, a path outside the site) is refused and listed in `refused`."""

    def __init__(self, site: Path) -> None:
        self.site = site.resolve()
        self.refused: list[str] = []

    def fetcher(self):
        """The URL fetcher WeasyPrint calls (its class is WeasyPrint's, imported only when a PDF is made)."""
        from weasyprint.urls import URLFetcher, URLFetcherResponse
        files = self

        class Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                path = files.path(url)
                if path is None:
                    files.refused.append(url)
                    raise ValueError(f"not a file of the site: {url}")
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        return Fetcher()

    def path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        base = urlsplit(SITE_BASE).path
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or not parts.path.startswith(base):
            return None
        path = (self.site / unquote(parts.path[len(base):])).resolve()
        return path if path.is_relative_to(self.site) and path.is_file() else None


@dataclass
class Made:
    """What became of a site's PDFs: problems (for the verification's refusals), how many were made and
    how many copied from the cache, and each made one's seconds."""

    problems: list[Message] = field(default_factory=list)
    made: list[tuple[str, float]] = field(default_factory=list)
    reused: int = 0
    documents: dict[str, str] = field(default_factory=dict)  # each PDF's document, its charts as specs


def make_pdfs(site: Path, pdfs: list[PdfOfPage], moment: datetime, root: Path, name: str) -> Made:
    """Make the PDF of each built page of `pdfs` into `site` (the site `name` of the workspace at
    `root`), or copy the one kept from an earlier build when what makes it is the same (cache.py)."""
    made = Made()
    method = _method_summary(site)  # the same in every PDF of the site: read once
    used: list[Path] = []
    for pdf in pdfs:
        started = time.perf_counter()
        try:
            document, text, stamp = print_document(site, pdf, moment, method)
        except ValueError as error:
            made.problems.append(says("verify.in-file", file=pdf.page, problem=str(error)))
            continue
        made.documents[pdf.file] = text
        kept_pdf = kept(root, f"pdf/{name}", stamp, ".pdf")
        used.append(kept_pdf)
        output = site / pdf.file
        output.parent.mkdir(parents=True, exist_ok=True)
        if kept_pdf.is_file():
            shutil.copyfile(kept_pdf, output)
            made.reused += 1
            continue
        files = SiteFiles(site)
        data = render_pdf(document.with_charts(), pdf.page, files)
        output.write_bytes(data)
        made.problems += [says("verify.in-file", file=pdf.file, problem=says("verify.fetch", url=url))
                          for url in files.refused]
        if not files.refused:
            keep(kept_pdf, data)
        made.made.append((pdf.file, time.perf_counter() - started))
    prune(kind_folder(root, f"pdf/{name}"), used)
    return made


@dataclass
class PrintDocument:
    """A report page made ready for paper, its charts still as specs."""

    language: str
    pdf: PdfOfPage
    body: LexborNode  # the page's article, what only a screen needs taken out
    method: str  # the method in short, as HTML from the site's method page
    moment: datetime
    accent: str | None

    def with_charts(self) -> str:
        """The HTML to print: each chart's spec drawn as SVG in place of the view a script would fill."""
        from ..charts import spec_svg
        for figure in self.body.css("figure.pb-chart"):
            spec, view = figure.css_first("script.pb-chart-spec"), figure.css_first(".pb-chart-view")
            if spec is not None and view is not None:
                # Read by the page's parser, in the view's place, as a browser reads SVG inside HTML.
                view.inner_html = spec_svg(json.loads(spec.text()), CHART_WIDTH, CHART_FONT)
            if spec is not None:
                spec.decompose()
        return self.html()

    def html(self) -> str:
        when = self.moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        # The running head and foot, and the accent, said after the stylesheet.
        running = (f"@page {{ @top-right {{ content: {_css_string(self.pdf.title)} }} "
                   f"@bottom-left {{ content: {_css_string(self.pdf.author)} }} }}")
        if self.accent:
            running += (f" h2, .pb-cover-facts {{ border-color: {self.accent} }}"
                        f" .pb-cover-kind {{ color: {self.accent} }}")
        return (f'<!DOCTYPE html>\n<html lang="{escape(self.language)}"><head><meta charset="utf-8">'
                f"<title>{escape(self.pdf.title)}</title>"
                f'<meta name="author" content="{escape(self.pdf.author)}">'
                f'<meta name="generator" content="pressbook {escape(__version__)}">'
                f'<meta name="dcterms.created" content="{when}"><meta name="dcterms.modified" content="{when}">'
                f"<style>{_stylesheet()}</style><style>{running}</style>"
                f'</head><body><main class="pb-print">{self.body.inner_html}</main>{self.method}</body></html>\n')


@lru_cache(maxsize=1)
def _maker() -> tuple[str | bytes, ...]:
    """What makes a PDF besides its page: this module, the charts' (which draw its SVGs), WeasyPrint's
    and vl-convert's versions. A change to any makes every PDF again."""
    from .. import charts
    return __version__, code(__file__, charts.__file__), versions("weasyprint", "vl-convert-python")


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _css_string(text: str) -> str:
    """`text` as a CSS string that cannot end early, nor end the <style> element it stands in."""
    return '"' + "".join(c if c.isalnum() or c in " -–—.,'’&()" else f"\\{ord(c):x} " for c in text) + '"'


def print_document(site: Path, pdf: PdfOfPage, moment: datetime, method: str) -> tuple[PrintDocument, str, str]:
    """The built page of `pdf` made ready for paper with `method` (the method in short), its HTML with
    the charts as specs, and the stamp of everything its PDF is made from (that HTML, the images it
    shows, the code and versions that make it). ValueError when the page has no article to print."""
    tree = parse_page((site / pdf.page).read_text(encoding="utf-8"))
    article = tree.css_first("article")
    if article is None:
        raise ValueError("the page has no article to make a PDF of")
    root = tree.css_first("html")
    language = (root.attributes.get("lang") if root is not None else None) or "en"
    body = tree.css_first("body")
    accent = PRIMARY.get((body.attributes.get("data-md-color-primary") if body is not None else None) or "")
    for node in article.css(SCREEN_ONLY):
        node.decompose()
    document = PrintDocument(language, pdf, article, method, moment, accent)
    text = document.html()
    stamp = Stamp(*_maker(), text)  # the build's moment and the charts' specs included
    for image in article.css("img"):
        source = image.attributes.get("src") or ""
        path = (site / posixpath.dirname(pdf.page) / unquote(source)).resolve()
        if path.is_relative_to(site.resolve()) and path.is_file():
            stamp.add_files([(source, path)])
    return document, text, stamp.hex


def _method_summary(site: Path) -> str:
    """The opening of the site's method page (what comes before its first heading): how the figures
    are made, in short, in the site's language. Empty when the site has no method page."""
    method = site / "method.html"
    if not method.is_file():
        return ""
    article = parse_page(method.read_text(encoding="utf-8")).css_first("article")
    if article is None:
        return ""
    heading = article.css_first("h1")
    parts = []
    started = heading is None
    for node in article.iter(include_text=False):
        if node.tag == "h1":
            started = True
            continue
        if not started or node.tag in ("nav", "script", "style"):
            continue
        if node.tag in ("h2", "h3"):
            break
        if node.tag in ("p", "ul", "ol"):
            parts.append(node.html or "")
    if not parts:
        return ""
    title = heading.text(strip=True) if heading is not None else ""
    return f'<section class="pb-print-method"><h2>{escape(title)}</h2>{"".join(parts)}</section>'


def render_pdf(document: str, page: str, fetcher: SiteFiles) -> bytes:
    """The PDF of `document`, its relative URLs read from the folder of `page` (relative to the site)."""
    from weasyprint import HTML
    html = HTML(string=document, base_url=SITE_BASE + page, url_fetcher=fetcher.fetcher())
    # The identifier: a digest of the document, not a random one, so that the same page gives the same bytes.
    identifier = hashlib.sha256(document.encode("utf-8")).hexdigest()[:32].encode()
    return html.write_pdf(pdf_identifier=identifier, optimize_images=False)
