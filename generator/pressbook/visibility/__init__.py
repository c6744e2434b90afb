"""Projection: the view of the workspace one site may see, by allowlist of visibilities and entities.

A page is made from its site's projection only; a template cannot show what it was never given.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from ..model import Brief, Campaign, ClientFile, InfluencerCard, Money, Text, Workspace, visibility_of
from ..model.campaign import INTERNAL_REPORT_SECTIONS, section_key, section_title
from ..model.spelling import fold
from ..model.metrics_table import MetricsTable
from ..model.settings import SiteAddress, Sites
from ..timing import timed

CLIENT_SITE = frozenset({"public", "client"})
PUBLIC_SITE = frozenset({"public"})


def strip(value: Any, allowed: frozenset[str]) -> Any:
    """`value` with every field whose visibility is not allowed set back to its default."""
    if isinstance(value, Money) or not isinstance(value, BaseModel):
        if isinstance(value, tuple):
            return tuple(strip(item, allowed) for item in value)
        if isinstance(value, dict):
            return {key: strip(item, allowed) for key, item in value.items()}
        return value
    fields = {}
    shown = shown_fields(type(value), allowed)
    for name, field in type(value).model_fields.items():
        if name in shown:
            fields[name] = strip(getattr(value, name), allowed)
        elif field.is_required():
            raise ValueError(f"{type(value).__name__}.{name} is required but not visible: cannot project it")
        else:
            fields[name] = field.get_default(call_default_factory=True)
    return type(value).model_construct(**fields)


def shown_texts(value: Any, allowed: frozenset[str], path: tuple[str | int, ...] = ()
                ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text inside `value` (a model, list or mapping) that `strip` keeps for `allowed`, with
    its key path."""
    if isinstance(value, Money):
        return
    if isinstance(value, BaseModel):
        items: Iterable[tuple[str | int, Any]] = ((name, getattr(value, name))
                                                  for name in shown_fields(type(value), allowed))
    elif isinstance(value, tuple):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
        # A mapping's keys are shown too: the networks of a card, the countries of an audience.
        yield from ((path + (key,), key) for key in value if isinstance(key, str))
    else:
        return
    for key, item in items:
        if isinstance(item, str):
            yield path + (key,), item
        elif isinstance(item, (BaseModel, tuple, dict)):  # the rest (numbers, dates) holds no text
            yield from shown_texts(item, allowed, path + (key,))


@lru_cache(maxsize=None)
def shown_fields(model: type[BaseModel], allowed: frozenset[str]) -> tuple[str, ...]:
    """The fields of `model` whose visibility is allowed, in their order."""
    return tuple(name for name in model.model_fields if visibility_of(model, name) in allowed)


_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "\u2032")


def comparable(text: str) -> str:
    """Text as names are compared in it: accents composed, case folded, one apostrophe (L’Herbier is
    L'Herbier)."""
    text = unicodedata.normalize("NFC", text).casefold()
    for apostrophe in _APOSTROPHES:  # replaced, not translated: a built page is read through here
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def folded_clients(workspace: Workspace, but: str | None = None) -> set[str]:
    """The agency's clients (but one), by name and id, folded as `brand_of_another` compares them."""
    return {fold(comparable(text)) for i, c in workspace.clients.items() if i != but for text in (i, c.client.name)}


def brand_of_another(brand: str, others: set[str]) -> bool:
    """An entry of an influencer's `brands` that names another client: left out of a client's site."""
    return fold(comparable(brand)) in others


_INTERNAL_TITLES = frozenset(section_key(title) for title in INTERNAL_REPORT_SECTIONS)
# Python-Markdown, which renders the report, makes a heading of a line that starts with 1 to 6 `#`,
# with or without a space after them (`##Notes internes` is an <h2>), and of a line underlined with
# `===` or `---`. Notes are hidden from any heading titled as internal, whatever its level or how it
# is written (a look-alike indented by a few spaces counts too: hiding more is safe), to the next
# section (model.section_title): an underline inside the notes (a rule, to Python-Markdown, unless it
# follows a paragraph's first line) never ends them.
_OPENS = re.compile(r" {0,3}#{1,6}(.*?)#*[ \t]*$")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def _opens_notes(lines: list[str], index: int) -> bool:
    line = lines[index]
    opening = _OPENS.match(line)
    if opening:
        return section_key(opening.group(1)) in _INTERNAL_TITLES
    underlined = index + 1 < len(lines) and line.strip() and _UNDERLINE.match(lines[index + 1])
    return bool(underlined) and section_key(line) in _INTERNAL_TITLES


def without_internal_sections(markdown: str) -> str:
    """`markdown` without its sections titled as internal (model.INTERNAL_REPORT_SECTIONS), each up to
    the next heading of level 1 or 2 that is not."""
    lines = markdown.split("\n")
    kept: list[str] = []
    hidden = False
    for index, line in enumerate(lines):
        if _opens_notes(lines, index):
            hidden = True
        elif hidden and (title := section_title(line)) is not None:
            hidden = section_key(title) in _INTERNAL_TITLES
        if not hidden:
            kept.append(line)
    return "\n".join(kept)


def _client_report(campaign: Campaign, drafts: bool) -> tuple[Any, Text | None]:
    """The report as a client's site sees it: never its internal notes; the text of a draft only where
    the workspace opts in (sites.clients.<client>.drafts), else only that a report is in preparation."""
    report = strip(campaign.report, CLIENT_SITE)
    text = campaign.report_text
    if text is None or report is None:
        return report, text
    if report.status == "draft" and not drafts:
        return report, None
    return report, replace(text, markdown=without_internal_sections(text.markdown))


@timed("project")
def project_client(workspace: Workspace, client_id: str) -> Workspace:
    """A client's site: its campaigns, the influencers who worked on them, client and public fields."""
    campaigns = {}
    influencer_ids: set[str] = set()
    own_address = workspace.settings.sites.clients.get(client_id)
    drafts = own_address is not None and own_address.drafts
    for campaign in workspace.campaigns.values():
        if campaign.brief.client != client_id:
            continue
        influencer_ids |= {entry.influencer for entry in campaign.brief.roster}
        influencer_ids |= {post.influencer for post in campaign.posts}
        report, report_text = _client_report(campaign, drafts)
        campaigns[campaign.id] = replace(
            campaign, brief=strip(campaign.brief, CLIENT_SITE), contracts=MappingProxyType({}),
            posts=strip(campaign.posts, CLIENT_SITE), mentions=strip(campaign.mentions, CLIENT_SITE),
            report=report, report_text=report_text, showcase=None, showcase_text=None)
    others = folded_clients(workspace, but=client_id)
    influencers = {}
    for influencer_id in sorted(influencer_ids & set(workspace.influencers)):
        card = workspace.influencers[influencer_id]
        projected = strip(card.card, CLIENT_SITE)
        # Another client's name is left out even where an influencer lists the brands they worked with.
        brands = tuple(b for b in projected.brands if not brand_of_another(b, others))
        influencers[influencer_id] = InfluencerCard(card.id, projected.model_copy(update={"brands": brands}),
                                                    card.portrait, card.source)
    client = workspace.clients[client_id]
    clients = {client_id: ClientFile(client.id, strip(client.client, CLIENT_SITE), client.source)}
    settings = workspace.settings.model_copy(update={
        "sites": Sites(public=SiteAddress(), clients={client_id: own_address} if own_address else {})})
    return Workspace(settings, clients, influencers, campaigns, MappingProxyType({}))


def published(workspace: Workspace, campaign: Campaign) -> bool:
    """SPEC §1.10: publish: true, a completed campaign, and a client who agreed to be named."""
    client = workspace.clients.get(campaign.brief.client)
    return (campaign.showcase is not None and campaign.showcase.publish and campaign.brief.status == "completed"
            and client is not None and client.client.consent.public)


@timed("project")
def project_public(workspace: Workspace) -> Workspace:
    """The public site: published case studies, the consenting influencers they feature, public fields."""
    campaigns, influencer_ids, client_ids = {}, set(), set()
    for campaign in workspace.campaigns.values():
        if not published(workspace, campaign):
            continue
        consenting = {i for i, card in workspace.influencers.items() if card.card.consent.public}
        showcase = campaign.showcase
        featured = tuple(p for p in showcase.featured_posts
                         if any(post.id == p and post.influencer in consenting for post in campaign.posts))
        posts = tuple(strip(post, CLIENT_SITE) for post in campaign.posts if post.id in featured)
        influencer_ids |= {post.influencer for post in posts}
        client_ids.add(campaign.brief.client)
        campaigns[campaign.id] = replace(
            # The brief is the client's: only what places the case study in time stays, never its title.
            campaign, brief=Brief.model_construct(title="", client=campaign.brief.client, status=campaign.brief.status,
                                                  start=campaign.brief.start, end=campaign.brief.end),
            brief_text=replace(campaign.brief_text, markdown=""), contracts=MappingProxyType({}),
            posts=posts, metrics=MetricsTable(), mentions=None, report=None, report_text=None,
            showcase=strip(showcase, PUBLIC_SITE).model_copy(update={"featured_posts": featured}))
    influencers = {i: InfluencerCard(i, strip(workspace.influencers[i].card, PUBLIC_SITE),
                                     replace(workspace.influencers[i].portrait, markdown=""),
                                     workspace.influencers[i].source) for i in sorted(influencer_ids)}
    clients = {i: ClientFile(i, strip(workspace.clients[i].client, PUBLIC_SITE), workspace.clients[i].source)
               for i in sorted(client_ids)}
    settings = workspace.settings.model_copy(update={"sites": Sites(public=workspace.settings.sites.public)})
    return Workspace(settings, clients, influencers, campaigns, MappingProxyType({}))


def site_view(workspace: Workspace, site: str) -> Workspace:
    """What the site named `site` (internal, client-<client>, public) may show of the workspace.
    Everything a site publishes is made from this view: its pages, charts and search, and the tables
    `pressbook export --site` writes for it."""
    if site == "internal":
        return workspace
    if site == "public":
        return project_public(workspace)
    client_id = site.removeprefix("client-")
    if client_id == site or client_id not in workspace.clients:
        raise ValueError(f"no site named {site!r}")
    return project_client(workspace, client_id)


def unnamed_on_public_site(workspace: Workspace) -> tuple[str, ...]:
    """Names and handles that must appear nowhere on the public site: whoever has not consented."""
    names = set()
    for card in workspace.influencers.values():
        if not card.card.consent.public:
            names.add(card.card.name)
            names |= {account.handle for account in card.card.networks.values() if len(account.handle) > 3}
    names |= {client.client.name for client in workspace.clients.values() if not client.client.consent.public}
    return tuple(sorted(names))
