"""The pipeline, stage by stage: load and validate, plan and render each site, build it with MkDocs,
swap it in."""
from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator
from zoneinfo import ZoneInfo

from . import __version__
from .cache import FOLDER, Stamp
from .checking import check_with_findings, check_workspace, today_of
from .clock import build_moment
from .compliance.check import Finding
from .charts import keep_templates_in, vega_bundle
from .metrics.compute import Numbers, compute_numbers
from .export import Readers, export_tables, public_tables, write_export
from .folders import files_under
from .freshness import OUTPUT, fingerprint, remember
from .model import Workspace
from .pages.formatting import Formats
from .pages.branding import Brand, publish_image
from .pages.client_site import plan_client_site
from .pages.authored_markdown import image_references
from .pages.public_site import plan_public_site
from .pages.internal import plan_internal_site
from .pages.numbers import ChartMaker
from .pages.plan import SitePlan
from .pages.labels import load_labels
from .pages.render import Renderer
from .messages import Message, says
from .problems import Problem
from .sites.generate import Rendered, write_others, write_pages
from .visibility import site_view, unnamed_on_public_site
from .sites.mkdocs_run import MkdocsRunner, pages_to_come, reading_order, staging_dir, swap_in
from .sites.images import favicon, reencode
from .sites.pdf import make_pdfs, pdf_note, plan_pdfs
from .sites.tree import BUILT_STAMP
from .sites.verify import SiteVerifier, remove_source_maps
from .sites.zensical_run import ZensicalRunner
from .timing import stage
from .validation.workspace import Remembered


class UnknownSite(LookupError):
    """`--site` names no site of this workspace. Apart from KeyError, which a bug may raise anywhere."""


@dataclass
class SiteOutcome:
    name: str
    path: Path
    ok: bool
    log: str = ""
    skipped: bool = False  # nothing changed since the last build: MkDocs did not run


@dataclass
class BuildResult:
    problems: list[Problem]
    sites: list[SiteOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, and how to get it (the reports' PDFs)

    @property
    def ok(self) -> bool:
        return bool(self.sites) and all(site.ok for site in self.sites)


def site_names(workspace: Workspace) -> list[str]:
    return ["internal", *(f"client-{client_id}" for client_id in workspace.clients), "public"]


def plan_sites(root: Path, workspace: Workspace, names: list[str], findings: list[Finding],
               moment: datetime) -> tuple[Renderer, Iterator[SitePlan]]:
    """The renderer, and the plan of each site in the order of `names`, each made only when asked
    for: the first site can be rendered and built while the next ones are planned."""
    settings = workspace.settings
    today = today_of(moment, workspace)
    labels = load_labels(root, settings.language)
    formats = Formats(settings.language, settings.currency, ZoneInfo(settings.timezone),
                      missing=str(labels.get("not_available", "")))
    maker = ChartMaker(formats, labels)
    keep_templates_in(root)
    whole: list[Numbers] = []  # the whole workspace's numbers, computed once when first needed
    redrawn: dict[str, bytes] = {}  # logos and favicon, re-encoded once for all the sites

    def numbers() -> Numbers:
        if not whole:
            whole.append(compute_numbers(workspace, today))
        return whole[0]

    def plan(name: str) -> SitePlan:
        view = site_view(workspace, name)  # what the site may show; `pressbook export` uses the same
        brand = _brand(root, view, redrawn)
        if name == "internal":
            site = plan_internal_site(view, today, labels, numbers(), maker, findings, brand)
        elif name == "public":
            site = _plan_public(root, workspace, view, labels, maker, numbers(), brand)
        else:
            client_id = name.removeprefix("client-")
            # Everything a client site shows is computed from its projection, never from the whole.
            site = plan_client_site(view, client_id, today, labels, compute_numbers(view, today), maker, brand)
            site.forbidden = tuple(sorted(c.client.name for i, c in workspace.clients.items() if i != client_id))
        site.look = workspace.look
        _publish_authored_images(root, site, view)
        plan_pdfs(site, str(labels["report_pdf_file"]))
        if site.kind != "public":  # the public site's charts are images: no script draws them
            site.assets["assets/pressbook/vega.js"] = vega_bundle(root)
        return site

    def plans() -> Iterator[SitePlan]:
        for name in names:
            with stage("render"):
                site = plan(name)
            yield site
    return Renderer(root, formats, labels), plans()


@dataclass
class Generated:
    """The outcome of the stages before MkDocs: problems, and each site's generated tree."""

    problems: list[Problem]
    sites: list[tuple[SitePlan, Path, list[str]]] = field(default_factory=list)  # plan, tree, changed files
    epoch: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Kept:
    """What the preview keeps from one generation to the next: what was made of each file unchanged
    since, and each site's pages as last rendered."""

    loaded: Remembered = field(default_factory=Remembered)
    rendered: dict[str, Rendered] = field(default_factory=dict)


def generate(root: Path, only: str | None = None, then: Callable[[SitePlan, Path, Path | None], None] | None = None,
             kept: Kept | None = None, moment: datetime | None = None, ahead: bool = False) -> Generated:
    """Check the workspace and write the generated tree of every site (or `only` one); nothing is
    written while a content error stands. `then` hands each site to the engine, so that it may build
    it while the next one is generated: once its tree is written; or, with `ahead` (the engine reads
    pages as they come) on a site never built before, once all but its pages is, with the list of the
    pages to come, written then in the order the engine reads them. `kept`: what an earlier generation
    in this process made, used where nothing changed since. `moment`: the build's, worked out when not
    given."""
    root = root.resolve()
    moment = moment or build_moment(root)
    workspace, problems, findings = check_with_findings(root, kept.loaded if kept else None, moment)
    generated = Generated(problems, epoch=int(moment.timestamp()))
    if workspace is None:
        return generated
    names = site_names(workspace)
    if only is not None:
        if only not in names:
            raise UnknownSite(only)
        names = [only]
    renderer, plans = plan_sites(root, workspace, names, findings, moment)
    for plan in plans:
        tree = root / FOLDER / plan.name
        written = write_others(plan, root, tree)
        if then is not None and ahead and not _built_before(root, plan, tree):
            order = sorted((page.path for page in plan.pages), key=reading_order)
            coming = pages_to_come(tree, order)
            then(plan, tree, coming)
            try:
                written += write_pages(renderer, plan, tree, order=order)
            except BaseException:
                coming.unlink(missing_ok=True)  # MkDocs stops at the first page missing
                raise
        else:
            rendered = kept.rendered.setdefault(plan.name, Rendered()) if kept else None
            written += write_pages(renderer, plan, tree, rendered)
            if then is not None:
                then(plan, tree, None)
        generated.sites.append((plan, tree, sorted(written)))
        note = pdf_note(plan)
        if note and note not in generated.notes:
            generated.notes.append(note)
    return generated


def _brand(root: Path, view: Workspace, redrawn: dict[str, bytes]) -> Brand:
    """The logos of the view (the agency's, its clients'), re-encoded, and the favicon; `redrawn` keeps
    them from one site to the next (every site shows the agency's)."""
    references = {view.settings.logo, *(client.client.logo for client in view.clients.values())} - {None}
    for reference in sorted(references - redrawn.keys()):
        if (root / "content" / reference).is_file():
            redrawn[reference] = reencode(root / "content" / reference)
    images = {reference: redrawn[reference] for reference in references if reference in redrawn}
    logo = view.settings.logo
    if logo in images and f"favicon:{logo}" not in redrawn:
        redrawn[f"favicon:{logo}"] = favicon(root / "content" / logo)
    return Brand(images, redrawn.get(f"favicon:{logo}") if logo in images else None)


def _plan_public(root: Path, workspace: Workspace, view: Workspace, labels, maker, whole: Numbers,
                 brand: Brand) -> SitePlan:
    references = {c.showcase.cover for c in view.campaigns.values() if c.showcase and c.showcase.cover}
    images = dict(brand.images)
    images.update({ref: reencode(root / "content" / ref) for ref in sorted(references)
                   if (root / "content" / ref).is_file()})
    plan = plan_public_site(view, {i: whole.campaigns[i] for i in view.campaigns},
                            {i: workspace.campaigns[i].metrics for i in view.campaigns}, labels, maker, images, brand)
    plan.forbidden = unnamed_on_public_site(workspace)
    return plan


def _publish_authored_images(root: Path, plan: SitePlan, view: Workspace) -> None:
    """The images of content/assets/ that the texts of the site's view show, re-encoded into the site;
    where each is published, for the pages' `markdown` filter."""
    published = {}
    for reference in image_references(view):
        path = root / "content" / reference
        if path.is_file():
            published[reference] = publish_image(plan, reference, reencode(path))
    plan.shared["authored_images"] = published


ENGINES = {runner.engine: runner for runner in (MkdocsRunner, ZensicalRunner)}  # the default first (docs/sites.md)


def build(root: Path, only: str | None = None, engine: str = "mkdocs") -> BuildResult:
    """Build every site (or `only` one). Refuses on content errors; the previous sites stay as they were.

    A site whose generated tree is byte for byte the one of its last successful build with the same
    `engine` (of ENGINES) is not built again; the others are built side by side, one engine process a
    core."""
    root = root.resolve()
    moment = build_moment(root)  # once: the repository's last commit is asked for at most once a build
    stamp = fingerprint(root, only, moment)  # taken first: a file edited meanwhile makes the next build redo it
    epoch = int(moment.timestamp())
    runner = ENGINES[engine](epoch)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        # The internal site, the largest, is generated first and goes to the engine while the others
        # are generated. If its tree is the one of its last build, the engine does not run; if it was
        # never built, MkDocs starts before its pages are written.
        building: list[Future[SiteOutcome]] = []

        def then(plan: SitePlan, tree: Path, coming: Path | None) -> None:
            building.append(pool.submit(_build_site, root, plan, tree, runner, coming))
        generated = generate(root, only, then, moment=moment, ahead=runner.reads_ahead)
        result = BuildResult(generated.problems, [future.result() for future in building], generated.notes)
    if result.ok:
        remember(root, only, stamp, [site.name for site in result.sites], complete=not result.notes, engine=engine)
    return result


def _built_before(root: Path, plan: SitePlan, tree: Path) -> bool:
    """Whether the site has a build of its own to compare its tree with."""
    return (root / OUTPUT / plan.name).is_dir() and (tree / BUILT_STAMP).is_file()


def _build_site(root: Path, plan: SitePlan, tree: Path, runner: MkdocsRunner | ZensicalRunner,
                coming: Path | None = None) -> SiteOutcome:
    """`coming`: the site was never built, and its pages are being written (`generate`)."""
    target, built = root / OUTPUT / plan.name, tree / BUILT_STAMP
    stamp = None if coming else tree_stamp(tree, runner.engine)
    if stamp is not None and _built_before(root, plan, tree) and built.read_text() == stamp:
        return SiteOutcome(plan.name, target, True, "unchanged", skipped=True)
    staging = staging_dir(target)
    verifier = SiteVerifier(staging, plan.forbidden, plan.site_url, frozenset(pdf.file for pdf in plan.pdfs))

    with stage(f"mkdocs {plan.name}"):
        # While MkDocs runs, on another core, the pages it has written are checked.
        outcome = runner.build(tree, staging, meanwhile=verifier.check_settled, coming=coming)
    ok, log = outcome.ok, outcome.log
    refusals: list[Message] = []
    if ok and plan.pdfs:
        # From the built report pages, before the verification, which reads the PDFs' text too.
        with stage(f"pdf {plan.name}"):
            made = make_pdfs(staging, plan.pdfs, datetime.fromtimestamp(runner.epoch, timezone.utc),
                             root, plan.name)
        refusals += made.problems
        refusals += verifier.check_documents(made.documents)
    if ok:
        remove_source_maps(staging)
        with stage(f"verify {plan.name}"):
            refusals += verifier.finish()
        ok = not refusals
        # In the site's language, as check speaks the workspace's.
        log = "\n".join(says("verify.refused", refusal=refusal).text(plan.language) for refusal in refusals) or log
    if ok:
        swap_in(staging, target)
        # With pages to come, every one is written by now: MkDocs read them all.
        built.write_text(stamp or tree_stamp(tree, runner.engine))
    else:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteOutcome(plan.name, target, ok, log)


def tree_stamp(tree: Path, engine: str = "mkdocs") -> str:
    """The stamp of everything the engine reads for a site, and of the pressbook and engine that made it."""
    files = [(relative, path) for relative, path in files_under(tree) if relative != BUILT_STAMP]
    return Stamp(__version__, engine).add_files(files).hex


def export_site(root: Path, only: str, output: Path, output_format: str) -> tuple[list[Problem], list[Path] | None]:
    """The KPI tables of one site into `output`; None when a content error stands."""
    root = root.resolve()
    moment = build_moment(root)
    workspace, problems = check_workspace(root, moment)
    if workspace is None:
        return problems, None
    if only not in site_names(workspace):
        raise UnknownSite(only)
    today = today_of(moment, workspace)
    view = site_view(workspace, only)  # the one the site's pages are made from
    if only == "public":
        # Its case studies' highlights are figures of whole campaigns, as on its pages: the view
        # says which campaigns and which figures.
        whole = compute_numbers(workspace, today)
        tables = public_tables(view, whole.campaigns)
    else:
        tables = export_tables(view, compute_numbers(view, today), internal=only == "internal")
    settings = workspace.settings
    readers = Readers(settings.language, settings.currency, load_labels(root, settings.language), moment)
    return problems, write_export(tables, output, output_format, readers)
