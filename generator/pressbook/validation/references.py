"""Rules that span files: every reference resolves, ids are unique, dates are in order, and every image a
key refers to can be shown."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..sources import Document, KeyPath
from ..loading.files import unreadable
from ..loading.yaml_strict import dotted
from ..model import Campaign, Post, Workspace
from ..messages import Message, listed, says
from ..model.campaign import REPORT_SECTIONS, report_sections
from ..model.spelling import fold
from ..problems import Location, Problem
from .images import image_refusal
from .suggestions import did_you_mean
from ..timing import timed

@dataclass
class Present:
    """Ids whose file exists, valid or not: a reference to an invalid file is not reported again."""

    clients: set[str] = field(default_factory=set)
    influencers: set[str] = field(default_factory=set)
    # None for a campaign whose posts.csv cannot be read (its encoding): no post of it is known or not.
    posts: dict[str, set[str] | None] = field(default_factory=dict)


class _Checker:
    def __init__(self, workspace: Workspace, documents: dict[str, Document], present: Present, root: Path):
        self.workspace = workspace
        self.documents = documents
        self.present = present
        self.root = root
        self.problems: list[Problem] = []

    def at(self, path: str, key_path: KeyPath, code: str, message: Message, hint: Message | None = None,
           severity: str = "error", blocks_build: bool = True) -> None:
        document = self.documents.get(path)
        location = document.locate(key_path) if document else Location(path)
        self.problems.append(Problem(location, severity, code, message, hint,  # type: ignore[arg-type]
                                     key=dotted(key_path), blocks_build=blocks_build))

    def influencer(self, path: str, key_path: KeyPath, influencer_id: str) -> bool:
        if influencer_id in self.workspace.influencers or influencer_id in self.present.influencers:
            return True
        self.at(path, key_path, "ref.unknown-influencer", says("ref.unknown-influencer", id=influencer_id),
                did_you_mean(influencer_id, self.workspace.influencers) or
                says("ref.unknown-influencer.hint", id=influencer_id))
        return False

    def network(self, path: str, key_path: KeyPath, influencer_id: str, network: str) -> None:
        card = self.workspace.influencers.get(influencer_id)
        if card and network not in card.card.networks:
            self.at(path, key_path, "ref.unknown-network",
                    says("ref.unknown-network", name=card.card.name, network=network),
                    says("ref.unknown-network.hint", networks=listed(card.card.networks, ","), file=card.source))

    def file(self, path: str, key_path: KeyPath, reference: str | None, *, under: str = "",
             image: bool = False) -> None:
        if reference is None:
            return
        if under and not reference.startswith(under):
            self.at(path, key_path, "file.outside", says("ref.outside", file=reference, under=under),
                    says("ref.outside.hint", under=under))
        elif not (self.root / "content" / reference).is_file():
            self.at(path, key_path, "file.missing", says("ref.missing-file", file=reference),
                    says("ref.missing-file.hint"))
        elif image:
            self.image(path, key_path, reference)

    def image(self, path: str, key_path: KeyPath, reference: str) -> None:
        # Decoded once however many keys name it (image_refusal remembers); the same problem found
        # twice is reported once.
        try:
            refusal = image_refusal(self.root / "content" / reference)
        except OSError as error:  # the loader does not open assets: their permissions are seen here
            self.problems.append(unreadable(f"content/{reference}", error))
            return
        if refusal is not None:
            self.at(path, key_path, "file.image", says("ref.image", file=f"content/{reference}",
                                                             refusal=refusal.message), refusal.hint)


@timed("validate")
def check_references(workspace: Workspace, documents: dict[str, Document], present: Present,
                     root: Path) -> list[Problem]:
    checker = _Checker(workspace, documents, present, root)
    checker.file("content/workspace.yml", ("logo",), workspace.settings.logo, under="assets/", image=True)
    for client_id in workspace.settings.sites.clients:
        if client_id not in workspace.clients and client_id not in present.clients:
            checker.at("content/workspace.yml", ("sites", "clients", client_id), "ref.unknown-client",
                       says("ref.unknown-client", id=client_id), did_you_mean(client_id, workspace.clients))
    named: dict[str, str] = {}
    for client_id, client in sorted(workspace.clients.items()):
        checker.file(client.source, ("logo",), client.client.logo, under="assets/", image=True)
        other = named.setdefault(client.client.name.casefold(), client_id)
        if other != client_id:
            # Each client's site is verified to name no other client: both sites would be refused.
            checker.at(client.source, ("name",), "ref.duplicate-id",
                       says("ref.same-client-name", other=other, name=client.client.name),
                       says("ref.same-client-name.hint"),
                       blocks_build=False)
    for card in workspace.influencers.values():
        preferred = card.card.preferred_network
        if preferred and preferred not in card.card.networks:
            checker.at(card.source, ("preferred_network",), "ref.unknown-network",
                       says("ref.preferred-network", network=preferred),
                       says("ref.preferred-network.hint", networks=listed(card.card.networks, ",")))
    _check_topic_spellings(checker, workspace)
    zone = ZoneInfo(workspace.settings.timezone)
    for campaign in workspace.campaigns.values():
        _check_campaign(checker, campaign, zone)
    return checker.problems


def _check_topic_spellings(checker: _Checker, workspace: Workspace) -> None:
    """Topics written alike but for case, accents or spaces (`Beauté`, `beaute `) would be compared
    apart. Which spelling is meant is not guessed: each other than the first met is pointed at."""
    first: dict[str, str] = {}
    for card in sorted(workspace.influencers.values(), key=lambda card: card.id):
        for index, topic in enumerate(card.card.topics):
            spelling = first.setdefault(fold(" ".join(topic.split())), topic)
            if spelling != topic:
                checker.at(card.source, ("topics", index), "ref.topic-spelling",
                           says("ref.topic-spelling", topic=topic, spelling=spelling),
                           says("ref.topic-spelling.hint"),
                           severity="warning", blocks_build=False)


def _check_campaign(checker: _Checker, campaign: Campaign, zone: ZoneInfo) -> None:
    brief = campaign.brief
    path = f"{campaign.folder}/brief.md"
    if brief.client not in checker.workspace.clients and brief.client not in checker.present.clients:
        checker.at(path, ("client",), "ref.unknown-client", says("ref.unknown-client", id=brief.client),
                   did_you_mean(brief.client, checker.workspace.clients) or
                   says("ref.unknown-client.hint", id=brief.client))
    if brief.end < brief.start:
        checker.at(path, ("end",), "dates.order", says("ref.dates-order", end=brief.end, start=brief.start),
                   says("ref.dates-order.hint"))
    roster: set[str] = set()
    for index, entry in enumerate(brief.roster):
        if entry.influencer in roster:
            checker.at(path, ("roster", index, "influencer"), "ref.duplicate-id",
                       says("ref.roster-twice", id=entry.influencer), says("ref.roster-twice.hint"))
        roster.add(entry.influencer)
        if checker.influencer(path, ("roster", index, "influencer"), entry.influencer):
            for number, deliverable in enumerate(entry.deliverables):
                checker.network(path, ("roster", index, "deliverables", number, "network"), entry.influencer,
                                deliverable.network)
    for influencer_id in campaign.contracts:
        checker.influencer(f"{campaign.folder}/contracts/{influencer_id}.yml", (), influencer_id)
    for influencer_id, contract in campaign.contracts.items():
        checker.file(f"{campaign.folder}/contracts/{influencer_id}.yml", ("file",), contract.file)
    published = _check_posts(checker, campaign)
    # The ids of posts.csv's rows that were refused (said there already); None: posts.csv could not
    # be read, and no id is said unknown for want of it.
    refused = checker.present.posts.get(campaign.id, set())
    if refused is not None:
        _check_metrics(checker, campaign, published, refused, zone)
    if campaign.showcase is not None:
        showcase_path = f"{campaign.folder}/showcase.md"
        featured = campaign.showcase.featured_posts
        for index, post_id in enumerate(featured):
            if refused is not None and post_id not in published and post_id not in refused:
                checker.at(showcase_path, ("featured_posts", index), "ref.unknown-post",
                           says("ref.unknown-post", id=post_id), did_you_mean(post_id, published))
            elif post_id in featured[:index]:
                checker.at(showcase_path, ("featured_posts", index), "ref.duplicate-id",
                           says("ref.featured-twice", id=post_id), says("ref.featured-twice.hint"))
        checker.file(showcase_path, ("cover",), campaign.showcase.cover, under="assets/", image=True)
    if campaign.report_text is not None:
        _check_report(checker, campaign)


def _check_posts(checker: _Checker, campaign: Campaign) -> dict[str, Post]:
    posts: dict[str, Post] = {}
    for index, post in enumerate(campaign.posts):
        row = campaign.post_location(index)
        if post.id in posts:
            checker.problems.append(Problem(row, "error", "ref.duplicate-id",
                                            says("ref.post-twice", id=post.id), says("ref.post-twice.hint"),
                                            key="id"))
            continue
        posts[post.id] = post
        if post.influencer not in checker.workspace.influencers and post.influencer not in checker.present.influencers:
            checker.problems.append(Problem(row, "error", "ref.unknown-influencer",
                                            says("ref.unknown-influencer", id=post.influencer),
                                            did_you_mean(post.influencer, checker.workspace.influencers),
                                            key="influencer"))
        card = checker.workspace.influencers.get(post.influencer)
        if card and post.network not in card.card.networks:
            checker.problems.append(Problem(row, "error", "ref.unknown-network",
                                            says("ref.unknown-network", name=card.card.name, network=post.network),
                                            says("ref.unknown-network.add", file=card.source), key="network"))
    return posts


def _check_metrics(checker: _Checker, campaign: Campaign, posts: dict[str, Post], invalid: set[str],
                   zone: ZoneInfo) -> None:
    """Every row names a known post, not before its publication. Checked post by post from each post's
    first snapshot; rows are looked at one by one only where something is wrong. (One snapshot per post
    and date is checked where the file is read.)"""
    table = campaign.metrics
    path = f"{campaign.folder}/metrics.csv"
    first = table.first_days()
    unknown = first.keys() - posts.keys() - invalid
    published = {post_id: posts[post_id].published_on(zone) for post_id in first.keys() & posts.keys()}
    late = {post_id: day.toordinal() for post_id, day in published.items() if first[post_id] < day.toordinal()}
    if not (unknown or late):
        return
    for index, post_id in enumerate(table.posts):
        if post_id in unknown:
            checker.problems.append(Problem(Location(path, table.lines[index], 1), "error", "ref.unknown-post",
                                            says("ref.unknown-post", id=post_id),
                                            did_you_mean(post_id, posts) or says("ref.unknown-post.hint"),
                                            key="post"))
        elif post_id in late and table.days[index] < late[post_id]:
            checker.problems.append(Problem(Location(path, table.lines[index], 1), "error",
                                            "metrics.before-publication",
                                            says("ref.before-publication", day=table.day(index), id=post_id,
                                                 published=published[post_id]),
                                            says("ref.before-publication.hint"), key="date"))


def _check_report(checker: _Checker, campaign: Campaign) -> None:
    text = campaign.report_text
    assert text is not None
    present = report_sections(text.markdown)
    for block, accepted in REPORT_SECTIONS.items():
        if block not in present:
            checker.problems.append(Problem(Location(f"{campaign.folder}/report.md", text.line, 1), "warning",
                                            "report.missing-section",
                                            says("ref.report-section", title=accepted[-1].title()),
                                            says("ref.report-section.hint", title=accepted[-1].title(),
                                                 other=accepted[0].title())))
