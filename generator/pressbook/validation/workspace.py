"""Load and validate a whole workspace: every file read, every problem collected, then a verdict."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, TypeVar

from pydantic import BaseModel

from ..cache import Stamp
from ..loading.csv_tables import read_table
from ..sources import Document
from ..loading.files import list_content, read_text, relative
from ..loading.frontmatter import load_front_matter
from ..loading.yaml_strict import load_yaml
from ..model import (Brief, Campaign, Client, ClientFile, Contract, Influencer, InfluencerCard, Mention,
                     Post, Report, Settings, Showcase, Text, Workspace)
from ..messages import says
from ..problems import Location, Problem
from ..model.invisible import INVISIBLE, described
from ..model.metrics_table import MetricsTable
from ..model.spelling import slug
from .documents import validate_document
from .metrics_reader import start_reading_metrics
from .references import Present, check_references
from .mkdocs_yml import read_mkdocs_yml
from .tables import read_rows
from ..timing import timed

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_CAMPAIGN_FILES = {"brief.md", "posts.csv", "metrics.csv", "mentions.csv", "report.md", "showcase.md"}


class Remembered:
    """What loading made of each file, kept from one load of a workspace to the next (the preview
    loads it again after every save): a file whose stamp (cache.py: its name and bytes) is that of
    last time is not parsed again, and its problems are reported again as they were."""

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], tuple[str, Any, list[Problem], list[Document]]] = {}
        self.metrics: dict[str, tuple[tuple[str, ...], tuple[MetricsTable, list[Problem]]]] = {}


def _stamp(paths: list[Path]) -> str:
    return Stamp().add_files((path.name, path) for path in paths).hex


@timed("load")
def load_workspace(root: Path, remembered: Remembered | None = None) -> tuple[Workspace | None, list[Problem]]:
    """The workspace under `root/content`, or None when an error stands; and every problem found.
    `remembered`: what an earlier load of the same workspace made of the files unchanged since."""
    problems: list[Problem] = []
    content = root / "content"
    if not (content / "workspace.yml").is_file():
        problems.append(Problem(Location("content/workspace.yml"), "error", "file.missing",
                                says("workspace.missing"), says("workspace.missing.hint")))
        return None, problems
    look, found = read_mkdocs_yml(root)
    problems += found
    loader = _Loader(root, problems, remembered)
    files = list_content(root, content, problems)
    settings = loader.yaml(Settings, content / "workspace.yml")
    clients: dict[str, ClientFile] = {}
    influencers: dict[str, InfluencerCard] = {}
    campaign_files: dict[str, dict[str, Path]] = {}
    client_paths, influencer_paths = [], []
    for path in files:
        parts = path.relative_to(content).parts
        # A file where one belongs under a name that is no id is said once, as such.
        if parts[0] == "clients" and len(parts) == 2 and path.suffix == ".yml":
            if loader.valid_id(path):
                client_paths.append(path)
        elif parts[0] == "influencers" and len(parts) == 2 and path.suffix == ".md":
            if loader.valid_id(path):
                influencer_paths.append(path)
        elif parts[0] == "campaigns" and len(parts) >= 3 and _is_campaign_file(parts):
            if loader.valid_id(path.parent if len(parts) == 3 else path.parent.parent, name=parts[1]):
                campaign_files.setdefault(parts[1], {})["/".join(parts[2:])] = path
        elif parts[0] != "assets" and not _is_ignored(parts):
            problems.append(Problem(Location(relative(root, path)), "warning", "file.unexpected",
                                    says("workspace.unexpected-file"), says("workspace.unexpected-file.hint")))
    if settings is not None:
        # The metrics files, the bulk of a large workspace, are read meanwhile, on the other cores.
        loader.start_metrics(campaign_files, settings)
    for path in client_paths:
        loader.present.clients.add(path.stem)
        model = loader.once(("client", path), [path], lambda: loader.yaml(Client, path))
        if model:
            clients[path.stem] = ClientFile(path.stem, model, relative(root, path))
    for path in influencer_paths:
        loader.present.influencers.add(path.stem)
        card = loader.once(("influencer", path), [path], lambda: loader.influencer(path))
        if card:
            influencers[path.stem] = card
    if settings is None:
        return None, problems
    read = {campaign_id: loader.remembered_campaign(campaign_id, paths, settings)
            for campaign_id, paths in sorted(campaign_files.items())}
    # Only now, with every other file read, wait for the metrics files.
    metrics = loader.metrics()
    campaigns = {campaign_id: replace(campaign, metrics=metrics[campaign_id])
                 for campaign_id, campaign in read.items() if campaign is not None}
    workspace = Workspace(settings, clients, influencers, campaigns, MappingProxyType(loader.documents), look)
    problems.extend(check_references(workspace, loader.documents, loader.present, root))
    if any(p.severity == "error" and p.blocks_build for p in problems):
        return None, problems
    return workspace, problems


def _is_campaign_file(parts: tuple[str, ...]) -> bool:
    if len(parts) == 3:
        return parts[2] in _CAMPAIGN_FILES
    return len(parts) == 4 and parts[2] == "contracts" and parts[3].endswith(".yml")


def _is_ignored(parts: tuple[str, ...]) -> bool:
    return parts[-1].startswith(".") or parts in (("README.md",), ("workspace.yml",))


class _Loader:
    def __init__(self, root: Path, problems: list[Problem], remembered: Remembered | None = None):
        self.root = root
        self.problems = problems
        self.documents: dict[str, Document] = {}
        self.validated: list[Document] = []  # in the order validated, for what `once` keeps
        self.present = Present()
        self.pending_metrics: Callable[[], dict[str, tuple[MetricsTable, list[Problem]]]] = dict
        self.remembered = remembered

    def once(self, key: tuple[Any, ...], paths: list[Path], make: Callable[[], T]) -> T:
        """What `make` makes of `paths`: made again only if one of them changed since the last load."""
        if self.remembered is None:
            return make()
        # Stamped before it is read: a file changed meanwhile is read again next time.
        stamp = _stamp(paths)
        kept = self.remembered.entries.get(key)
        if kept is not None and kept[0] == stamp:
            _, value, problems, documents = kept
            self.problems.extend(problems)
            for document in documents:
                self.validated.append(document)
                self.documents[document.path] = document
            return value
        problems_from, documents_from = len(self.problems), len(self.validated)
        value = make()
        self.remembered.entries[key] = (stamp, value, self.problems[problems_from:], self.validated[documents_from:])
        return value

    def influencer(self, path: Path) -> InfluencerCard | None:
        document = self.front_matter(path)
        model = self.validate(Influencer, document)
        if model is None or document is None:
            return None
        return InfluencerCard(path.stem, model, Text(document.body, document.body_line), relative(self.root, path))

    def remembered_campaign(self, campaign_id: str, paths: dict[str, Path], settings: Settings) -> Campaign | None:
        def make() -> tuple[Campaign | None, set[str] | None]:
            return self.campaign(campaign_id, paths, settings), self.present.posts.get(campaign_id, set())
        # The metrics file is read apart (see start_metrics); the settings say how the others read.
        files = sorted(path for name, path in paths.items() if name != "metrics.csv")
        campaign, posts = self.once(("campaign", campaign_id, settings.model_dump_json()), files, make)
        self.present.posts[campaign_id] = posts
        return campaign

    def valid_id(self, path: Path, name: str | None = None) -> bool:
        name = name or path.stem
        if _ID.match(name) and name != "index":  # each folder's index.md is its list page on the sites
            return True
        hidden = INVISIBLE.search(name)
        if hidden is not None:
            # Said as such: the name shown in a file manager looks like a good id.
            self.problems.append(Problem(Location(relative(self.root, path)), "error", "text.invisible",
                                         says("id.invisible", character=described(hidden.group())),
                                         says("id.invisible.hint", name=suggest_id(INVISIBLE.sub('', name)))))
            return False
        if name == "index":
            message, hint = says("id.index"), says("id.index.hint")
        else:
            message, hint = says("id.invalid", name=name), says("id.invalid.hint", name=suggest_id(name))
        self.problems.append(Problem(Location(relative(self.root, path)), "error", "id.invalid", message, hint))
        return False

    def yaml(self, model: type[M], path: Path) -> M | None:
        text = read_text(self.root, path, self.problems)
        if text is None:
            return None
        document = load_yaml(text, relative(self.root, path), self.problems)
        return self.validate(model, document)

    def front_matter(self, path: Path) -> Document | None:
        text = read_text(self.root, path, self.problems)
        if text is None:
            return None
        return load_front_matter(text, relative(self.root, path), self.problems)

    def validate(self, model: type[M], document: Document | None) -> M | None:
        if document is None:
            return None
        self.documents[document.path] = document
        self.validated.append(document)
        return validate_document(model, document, self.problems)

    def campaign(self, campaign_id: str, paths: dict[str, Path], settings: Settings) -> Campaign | None:
        folder = f"content/campaigns/{campaign_id}"
        if "brief.md" not in paths:
            self.problems.append(Problem(Location(f"{folder}/brief.md"), "error", "file.missing",
                                         says("campaign.no-brief"), says("campaign.no-brief.hint")))
            return None
        brief_document = self.front_matter(paths["brief.md"])
        brief = self.validate(Brief, brief_document)
        contracts = {}
        for name, path in sorted(paths.items()):
            if name.startswith("contracts/") and self.valid_id(path):
                contract = self.yaml(Contract, path)
                if contract:
                    contracts[path.stem] = contract
        french = settings.language == "fr"
        posts, self.present.posts[campaign_id] = self.table(Post, paths.get("posts.csv"), settings, french)
        mentions, _ = self.table(Mention, paths.get("mentions.csv"), settings, french)
        report, report_text = self.markdown(Report, paths.get("report.md"))
        showcase, showcase_text = self.markdown(Showcase, paths.get("showcase.md"))
        if brief is None or brief_document is None:
            return None
        return Campaign(
            id=campaign_id, brief=brief, brief_text=Text(brief_document.body, brief_document.body_line),
            folder=folder, contracts=MappingProxyType(contracts),
            posts=tuple(post for _, post in posts or ()),
            mentions=tuple(row for _, row in mentions) if mentions is not None else None,
            report=report, report_text=report_text, showcase=showcase, showcase_text=showcase_text,
            post_lines=tuple(line for line, _ in posts or ()),
            mention_lines=tuple(line for line, _ in mentions or ()),
        )

    def table(self, model: type[M], path: Path | None, settings: Settings, french: bool
              ) -> tuple[list[tuple[int, M]] | None, set[str] | None]:
        """The typed rows of a CSV file (None without the file), and the ids its rows give, even the
        rows that are wrong: a reference to one of those is not reported a second time. None for the
        ids of a file that cannot be read at all: every reference to it waits until it can."""
        if path is None:
            return None, set()
        table = read_table(self.root, path, settings.csv.encoding, settings.csv.decimal, self.problems)
        if table is None:
            return [], None
        ids = set()
        if "id" in table.header:
            column = table.header.index("id")
            # An id refused for an invisible character in it is the id the other files mean (which
            # cannot hold one either).
            ids = {INVISIBLE.sub("", row.cells[column]).strip() for row in table.rows if column < len(row.cells)}
        return read_rows(model, table, french=french, timezone=settings.timezone, problems=self.problems), ids

    def start_metrics(self, campaign_files: dict[str, dict[str, Path]], settings: Settings) -> None:
        paths = {campaign_id: files["metrics.csv"] for campaign_id, files in campaign_files.items()
                 if "metrics.csv" in files}
        stamps = {campaign_id: (str(path), settings.model_dump_json(), _stamp([path]))
                  for campaign_id, path in paths.items()}
        kept = self.remembered.metrics if self.remembered is not None else {}
        unchanged = {campaign_id: kept[campaign_id][1] for campaign_id, stamp in stamps.items()
                     if campaign_id in kept and kept[campaign_id][0] == stamp}
        pending = start_reading_metrics(self.root, {i: path for i, path in paths.items() if i not in unchanged},
                                        settings.csv.encoding, settings.csv.decimal, settings.language == "fr",
                                        settings.timezone)

        def gather() -> dict[str, tuple[MetricsTable, list[Problem]]]:
            read = pending()
            if self.remembered is not None:
                for campaign_id, outcome in read.items():
                    kept[campaign_id] = (stamps[campaign_id], outcome)
            return unchanged | read
        self.pending_metrics = gather

    def metrics(self) -> defaultdict[str, MetricsTable]:
        """Every campaign's metrics table (an empty one for a campaign without metrics.csv)."""
        tables: defaultdict[str, MetricsTable] = defaultdict(MetricsTable)
        for campaign_id, (table, problems) in sorted(self.pending_metrics().items()):
            tables[campaign_id] = table
            self.problems.extend(problems)
        return tables

    def markdown(self, model: type[M], path: Path | None) -> tuple[M | None, Text | None]:
        if path is None:
            return None, None
        document = self.front_matter(path)
        value = self.validate(model, document)
        if value is None or document is None:
            return None, None
        return value, Text(document.body, document.body_line)


def suggest_id(name: str) -> str:
    return slug(name, "my-id")
