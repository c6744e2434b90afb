"""The validated workspace: every file's model, by id, with where each came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..sources import Document
from ..problems import Location
from .campaign import Brief, Contract, Mention, Post, Report, Showcase
from .metrics_table import MetricsTable
from .people import Client, Influencer
from .settings import Settings


@dataclass(frozen=True)
class Text:
    """A Markdown body and the file line it starts on."""

    markdown: str
    line: int


@dataclass(frozen=True)
class InfluencerCard:
    id: str
    card: Influencer
    portrait: Text
    source: str


@dataclass(frozen=True)
class ClientFile:
    id: str
    client: Client
    source: str


@dataclass(frozen=True)
class Campaign:
    id: str
    brief: Brief
    brief_text: Text
    folder: str
    contracts: Mapping[str, Contract] = field(default_factory=dict)
    posts: tuple[Post, ...] = ()
    metrics: MetricsTable = field(default_factory=MetricsTable)
    mentions: tuple[Mention, ...] | None = None
    report: Report | None = None
    report_text: Text | None = None
    showcase: Showcase | None = None
    showcase_text: Text | None = None
    # The line of each row, in the order of `posts` and `mentions`, so that later stages can point at it.
    post_lines: tuple[int, ...] = ()
    mention_lines: tuple[int, ...] = ()

    def post_location(self, index: int) -> Location:
        return Location(f"{self.folder}/posts.csv", self.post_lines[index], 1)


@dataclass(frozen=True)
class Workspace:
    settings: Settings
    clients: Mapping[str, ClientFile]
    influencers: Mapping[str, InfluencerCard]
    campaigns: Mapping[str, Campaign]
    # Where every key of every YAML document was written, so that later stages can point at it.
    documents: Mapping[str, Document] = field(default_factory=dict)
    # The workspace's mkdocs.yml (the sites' look), as it was checked; None without one.
    look: bytes | None = None

    def locate(self, path: str, key_path: tuple = ()) -> Location:
        document = self.documents.get(path)
        return document.locate(key_path) if document else Location(path)

    def __post_init__(self) -> None:
        for name in ("clients", "influencers", "campaigns"):
            ordered = dict(sorted(getattr(self, name).items()))
            object.__setattr__(self, name, MappingProxyType(ordered))
