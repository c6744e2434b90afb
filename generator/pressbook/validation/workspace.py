"""Load and validate a whole workspace: every file read, every problem collected, then a verdict."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable, TypeVar

from pydantic import BaseModel

from ..loading.csv_tables import read_table
from ..loading.documents import Document
from ..loading.files import list_content, read_text, relative
from ..loading.frontmatter import load_front_matter
from ..loading.yaml_strict import load_yaml
from ..model import (Brief, Campaign, Client, ClientFile, Contract, Influencer, InfluencerCard, Mention,
                     Post, Report, Settings, Showcase, Text, Workspace)
from ..problems import Location, Problem
from ..model.metrics_table import MetricsTable
from .documents import validate_document
from .metrics_reader import start_reading_metrics
from .references import Present, check_references
from .tables import read_rows
from ..timing import timed

M = TypeVar("M", bound=BaseModel)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_CAMPAIGN_FILES = {"brief.md", "posts.csv", "metrics.csv", "mentions.csv", "report.md", "showcase.md"}


@timed("load")
def load_workspace(root: Path) -> tuple[Workspace | None, list[Problem]]:
    """The workspace under `root/content`, or None when an error stands; and every problem found."""
    problems: list[Problem] = []
    content = root / "content"
    if not (content / "workspace.yml").is_file():
        problems.append(Problem(Location("content/workspace.yml"), "error", "file.missing",
                                "no workspace here: content/workspace.yml does not exist",
                                "run 'pressbook check' in the folder that holds content/, or create a "
                                "workspace with 'pressbook new DIR'"))
        return None, problems
    loader = _Loader(root, problems)
    files = list_content(root, content, problems)
    settings = loader.yaml(Settings, content / "workspace.yml")
    clients: dict[str, ClientFile] = {}
    influencers: dict[str, InfluencerCard] = {}
    campaign_files: dict[str, dict[str, Path]] = {}
    client_paths, influencer_paths = [], []
    for path in files:
        parts = path.relative_to(content).parts
        if parts[0] == "clients" and len(parts) == 2 and path.suffix == ".yml" and loader.valid_id(path):
            client_paths.append(path)
        elif parts[0] == "influencers" and len(parts) == 2 and path.suffix == ".md" and loader.valid_id(path):
            influencer_paths.append(path)
        elif parts[0] == "campaigns" and len(parts) >= 3 and _is_campaign_file(parts):
            if loader.valid_id(path.parent if len(parts) == 3 else path.parent.parent, name=parts[1]):
                campaign_files.setdefault(parts[1], {})["/".join(parts[2:])] = path
        elif parts[0] != "assets" and not _is_ignored(parts):
            problems.append(Problem(Location(relative(root, path)), "warning", "file.unexpected",
                                    "pressbook does not read this file",
                                    "see docs/workspace.md for where each kind of file goes"))
    if settings is not None:
        # The metrics files, the bulk of a large workspace, are read meanwhile, on the other cores.
        loader.start_metrics(campaign_files, settings)
    for path in client_paths:
        loader.present.clients.add(path.stem)
        model = loader.yaml(Client, path)
        if model:
            clients[path.stem] = ClientFile(path.stem, model, relative(root, path))
    for path in influencer_paths:
        loader.present.influencers.add(path.stem)
        document = loader.front_matter(path)
        model = loader.validate(Influencer, document)
        if model and document:
            influencers[path.stem] = InfluencerCard(path.stem, model, Text(document.body, document.body_line),
                                                    relative(root, path))
    if settings is None:
        return None, problems
    read = {campaign_id: loader.campaign(campaign_id, paths, settings)
            for campaign_id, paths in sorted(campaign_files.items())}
    # Only now, with every other file read, wait for the metrics files.
    metrics = loader.metrics()
    campaigns = {campaign_id: replace(campaign, metrics=metrics[campaign_id])
                 for campaign_id, campaign in read.items() if campaign is not None}
    workspace = Workspace(settings, clients, influencers, campaigns, MappingProxyType(loader.documents))
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
    def __init__(self, root: Path, problems: list[Problem]):
        self.root = root
        self.problems = problems
        self.documents: dict[str, Document] = {}
        self.present = Present()
        self.pending_metrics: Callable[[], dict[str, tuple[MetricsTable, list[Problem]]]] = dict

    def valid_id(self, path: Path, name: str | None = None) -> bool:
        name = name or path.stem
        if _ID.match(name):
            return True
        self.problems.append(Problem(Location(relative(self.root, path)), "error", "id.invalid",
                                     f"'{name}' cannot be an id",
                                     "rename it with lower-case letters, digits and hyphens only, e.g. "
                                     f"'{_suggest_id(name)}'"))
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
        return validate_document(model, document, self.problems)

    def campaign(self, campaign_id: str, paths: dict[str, Path], settings: Settings) -> Campaign | None:
        folder = f"content/campaigns/{campaign_id}"
        if "brief.md" not in paths:
            self.problems.append(Problem(Location(f"{folder}/brief.md"), "error", "file.missing",
                                         "every campaign folder needs a brief.md",
                                         "create brief.md with the campaign's front matter"))
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
        posts = self.table(Post, paths.get("posts.csv"), settings, french)
        self.present.posts[campaign_id] = self.last_ids
        mentions = self.table(Mention, paths.get("mentions.csv"), settings, french)
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
        )

    def table(self, model: type[M], path: Path | None, settings: Settings, french: bool) -> list[tuple[int, M]] | None:
        if path is None:
            return None
        table = read_table(self.root, path, settings.csv.encoding, settings.csv.decimal, self.problems)
        self.last_ids = set()
        if table is None:
            return []
        if "id" in table.header:
            column = table.header.index("id")
            self.last_ids = {row.cells[column].strip() for row in table.rows if column < len(row.cells)}
        return read_rows(model, table, french=french, timezone=settings.timezone, problems=self.problems)

    def start_metrics(self, campaign_files: dict[str, dict[str, Path]], settings: Settings) -> None:
        paths = {campaign_id: files["metrics.csv"] for campaign_id, files in campaign_files.items()
                 if "metrics.csv" in files}
        self.pending_metrics = start_reading_metrics(self.root, paths, settings.csv.encoding,
                                                     settings.csv.decimal, settings.language == "fr",
                                                     settings.timezone)

    def metrics(self) -> defaultdict[str, MetricsTable]:
        """Every campaign's metrics table (an empty one for a campaign without metrics.csv)."""
        tables: defaultdict[str, MetricsTable] = defaultdict(MetricsTable)
        for campaign_id, (table, problems) in self.pending_metrics().items():
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


def _suggest_id(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "my-id"
