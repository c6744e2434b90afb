"""What each page shows, gathered from the workspace a site may see. No formatting here: templates do it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..compliance import suggested_disclosure
from ..compliance.check import usage_rights_end
from ..metrics.deliverables import DeliverableStatus, deliverable_statuses
from ..metrics.figures import Figure
from ..metrics.influencers import DeclaredValue, RawComponents, declared
from ..model import Brief, Campaign, Influencer, Interaction, Money, Workspace
from ..model.people import Declared

WATCH_DAYS = 14
RATE_METRICS = {"engagement_rate", "ctr", "conversion_rate"}


@dataclass(frozen=True)
class Paths:
    """Where each entity's page is, in every site that has one."""

    @staticmethod
    def influencer(influencer_id: str) -> str:
        return f"influencers/{influencer_id}.md"

    @staticmethod
    def client(client_id: str) -> str:
        return f"clients/{client_id}.md"

    @staticmethod
    def campaign(campaign_id: str, page: str = "index") -> str:
        return f"campaigns/{campaign_id}/{page}.md"


@dataclass(frozen=True)
class JournalEntry:
    influencer: str
    name: str
    interaction: Interaction


def zone_of(workspace: Workspace) -> ZoneInfo:
    return ZoneInfo(workspace.settings.timezone)


def client_name(workspace: Workspace, client_id: str) -> str:
    client = workspace.clients.get(client_id)
    return client.client.name if client else client_id


def influencer_name(workspace: Workspace, influencer_id: str) -> str:
    card = workspace.influencers.get(influencer_id)
    return card.card.name if card else influencer_id


def journal(workspace: Workspace) -> list[JournalEntry]:
    entries = [JournalEntry(card.id, card.card.name, interaction)
               for card in workspace.influencers.values() for interaction in card.card.interactions]
    return sorted(entries, key=lambda e: (e.interaction.date, e.influencer), reverse=True)


def next_steps(workspace: Workspace, today: date) -> tuple[list[JournalEntry], list[JournalEntry]]:
    """(upcoming, overdue) next steps: the last step planned with each influencer, by its date."""
    latest: dict[str, JournalEntry] = {}
    for entry in sorted(journal(workspace), key=lambda e: (e.interaction.date, e.influencer)):
        latest[entry.influencer] = entry
    planned = [e for e in latest.values() if e.interaction.next_step and e.interaction.next_on]
    upcoming = sorted((e for e in planned if e.interaction.next_on >= today),
                      key=lambda e: (e.interaction.next_on, e.influencer))
    overdue = sorted((e for e in planned if e.interaction.next_on < today),
                     key=lambda e: (e.interaction.next_on, e.influencer))
    return upcoming, overdue


def statuses(workspace: Workspace, campaign: Campaign, today: date) -> list[DeliverableStatus]:
    return deliverable_statuses(campaign, today, zone_of(workspace))


def deliverables_to_watch(workspace: Workspace, today: date) -> list[tuple[Campaign, DeliverableStatus]]:
    horizon = today + timedelta(days=WATCH_DAYS)
    watch = []
    for campaign in workspace.campaigns.values():
        if campaign.brief.status not in ("live", "planned"):
            continue
        for status in statuses(workspace, campaign, today):
            if status.state == "late" or (status.state == "due" and status.deliverable.due <= horizon):
                watch.append((campaign, status))
    return sorted(watch, key=lambda item: (item[1].deliverable.due, item[0].id, item[1].influencer))


def campaigns_by_influencer(workspace: Workspace) -> dict[str, list[Campaign]]:
    """Each influencer's campaigns, latest first; made once for all the cards of a site."""
    taken: dict[str, list[Campaign]] = {}
    for campaign in sorted(workspace.campaigns.values(), key=lambda c: (c.brief.start, c.id), reverse=True):
        for influencer_id in dict.fromkeys(entry.influencer for entry in campaign.brief.roster):
            taken.setdefault(influencer_id, []).append(campaign)
    return taken


def campaigns_of_client(workspace: Workspace, client_id: str) -> list[Campaign]:
    return sorted((c for c in workspace.campaigns.values() if c.brief.client == client_id),
                  key=lambda c: (c.brief.start, c.id), reverse=True)


def disclosure_wording(workspace: Workspace, campaign: Campaign) -> tuple[str, bool]:
    """The mention asked of every post, and whether it is the jurisdiction's suggestion."""
    if campaign.brief.disclosure:
        return campaign.brief.disclosure, False
    brand = campaign.brief.mentions[0] if campaign.brief.mentions else client_name(workspace, campaign.brief.client)
    return suggested_disclosure(workspace.settings.jurisdiction, brand.replace(" ", "")), True


def rights_end(campaign: Campaign, months: int) -> date:
    return usage_rights_end(campaign.brief.end, months)


def network_figures(card: Influencer, tracked: dict[str, dict[str, Figure]]
                    ) -> list[tuple[str, dict[str, Figure] | None, DeclaredValue | None]]:
    """(network, tracked figures, declared engagement rate) for each network that has either."""
    rates = {network: rate for network, account in card.networks.items()
             if (rate := declared(account, "engagement_rate")) is not None}
    return [(network, tracked.get(network), rates.get(network)) for network in sorted(tracked.keys() | rates.keys())]


def declared_readings(card: Influencer) -> list[tuple[str, Declared]]:
    """Every declared reading of a card, by network, the newest first."""
    return [(network, reading) for network, account in sorted(card.networks.items())
            for reading in sorted(account.declared, key=lambda r: (r.on, r.source.casefold()), reverse=True)]


def directory_rows(workspace: Workspace, components: dict[str, RawComponents]) -> list[dict[str, Any]]:
    """`components`: the influencers' score components (metrics.compute), tracked or declared."""
    rows = []
    for card in workspace.influencers.values():
        influencer = card.card
        raw = components[card.id]
        rows.append({
            "engagement_rate": raw.values["engagement_rate"],
            "engagement_rate_declared": raw.declared.get("engagement_rate", ()),
            "id": card.id,
            "name": influencer.name,
            "topics": influencer.topics,
            "networks": [(network, account) for network, account in sorted(influencer.networks.items())],
            "followers": sum(account.followers for account in influencer.networks.values()),
            "preferred_network": influencer.preferred_network,
            "search": " ".join([influencer.name, *influencer.topics,
                                *(a.handle for a in influencer.networks.values())]).lower(),
        })
    return rows


def kpi_targets(brief: Brief) -> list[tuple[str, str, Any]]:
    """(metric, kind, target) for the targets the brief sets; kind tells the template how to format."""
    rows = []
    for name, value in brief.kpis:
        if value is None:
            continue
        if isinstance(value, Money):
            kind = "money"
        elif name in RATE_METRICS:
            kind = "percent"
        elif name == "roas":
            kind = "ratio"
        else:
            kind = "number"
        rows.append((name, kind, value))
    return rows


# Where a network's posts live, to name the network of a post known by its address only.
_NETWORK_HOSTS = {"instagram.com": "instagram", "tiktok.com": "tiktok", "youtube.com": "youtube",
                  "youtu.be": "youtube", "x.com": "x", "twitter.com": "x", "facebook.com": "facebook",
                  "linkedin.com": "linkedin", "twitch.tv": "twitch", "pinterest.com": "pinterest",
                  "pinterest.fr": "pinterest", "snapchat.com": "snapchat", "threads.net": "threads",
                  "bsky.app": "bluesky"}


def declared_posts(links: tuple[str, ...]) -> list[tuple[str | None, str, str]]:
    """(network or None, host, address) of each post an influencer names as their best: a card shows
    the network where the address tells it, else the site it is on."""
    shown = []
    for link in links:
        host = (urlsplit(link).hostname or "").removeprefix("www.").removeprefix("m.")
        network = next((n for domain, n in _NETWORK_HOSTS.items() if host == domain or host.endswith("." + domain)),
                       None)
        shown.append((network, host, link))
    return shown
