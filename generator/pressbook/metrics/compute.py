"""Every figure the sites show, computed once per build from the workspace."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from ..model import Workspace
from .deliverables import DeliverableStatus, deliverable_statuses
from .figures import Figure, PostFigures, post_figures, rollup
from .influencers import (Frequency, RawComponents, ScoreComponents, best_posts, components, posting_frequency,
                          topic_scores)
from ..timing import timed


@dataclass
class Numbers:
    posts: dict[str, list[PostFigures]] = field(default_factory=dict)  # campaign → its posts' figures
    campaigns: dict[str, dict[str, Figure]] = field(default_factory=dict)
    clients: dict[str, dict[str, Figure]] = field(default_factory=dict)
    influencer_networks: dict[str, dict[str, dict[str, Figure]]] = field(default_factory=dict)
    influencer_posts: dict[str, list[PostFigures]] = field(default_factory=dict)
    best: dict[str, list] = field(default_factory=dict)
    frequency: dict[str, dict[str, Frequency]] = field(default_factory=dict)
    # influencer → their score's components, tracked or declared: the directory and rosters show them too
    components: dict[str, RawComponents] = field(default_factory=dict)
    scores: dict[str, dict[str, ScoreComponents]] = field(default_factory=dict)  # topic → influencer → score
    fees: dict[str, Figure] = field(default_factory=dict)  # campaign → Σ roster fees (internal only)
    margins: dict[str, Figure] = field(default_factory=dict)


def cost_of(workspace: Workspace, campaign_id: str) -> Decimal | None:
    budget = workspace.campaigns[campaign_id].brief.budget
    return budget.amount if budget is not None else None


@timed("compute")
def compute_numbers(workspace: Workspace, today: date) -> Numbers:
    zone = ZoneInfo(workspace.settings.timezone)
    numbers = Numbers()
    by_client: dict[str, list[PostFigures]] = {}
    for campaign in workspace.campaigns.values():
        items = post_figures(workspace, campaign)
        numbers.posts[campaign.id] = items
        numbers.campaigns[campaign.id] = rollup(items, cost_of(workspace, campaign.id))
        by_client.setdefault(campaign.brief.client, []).extend(items)
        for item in items:
            numbers.influencer_posts.setdefault(item.post.influencer, []).append(item)
        fees = [e.fee.amount for e in campaign.brief.roster if e.fee is not None]
        roster = len(campaign.brief.roster)
        numbers.fees[campaign.id] = Figure(sum(fees, Decimal(0)) if fees else None, len(fees), roster)
        cost = cost_of(workspace, campaign.id)
        numbers.margins[campaign.id] = Figure(cost - sum(fees, Decimal(0)) if cost is not None and fees else None,
                                              len(fees), roster)
    for client_id in workspace.clients:
        items = by_client.get(client_id, [])
        # The cost of the campaigns whose posts are counted: a planned campaign's budget would lower
        # the client's ROAS and raise its cost per engagement with no result to set against it.
        budgets = [c.brief.budget.amount for c in workspace.campaigns.values()
                   if c.brief.client == client_id and c.brief.budget is not None and c.posts]
        numbers.clients[client_id] = rollup(items, sum(budgets, Decimal(0)) if budgets else None)
    statuses: dict[str, dict[str, list[DeliverableStatus]]] = {}
    for campaign in workspace.campaigns.values():
        campaign_statuses = deliverable_statuses(campaign, today, zone)
        for entry in campaign.brief.roster:
            statuses.setdefault(entry.influencer, {})[campaign.id] = campaign_statuses
    raw = numbers.components
    for influencer_id in workspace.influencers:
        items = numbers.influencer_posts.get(influencer_id, [])
        networks: dict[str, list[PostFigures]] = {}
        for item in items:
            networks.setdefault(item.post.network, []).append(item)
        numbers.influencer_networks[influencer_id] = {n: rollup(i, None) for n, i in sorted(networks.items())}
        numbers.best[influencer_id] = best_posts(items, zone)
        numbers.frequency[influencer_id] = posting_frequency(workspace, influencer_id, items, zone)
        raw[influencer_id] = components(workspace, influencer_id, items, statuses.get(influencer_id, {}), today)
    topics: dict[str, list[str]] = {}
    for card in workspace.influencers.values():
        for topic in card.card.topics:
            topics.setdefault(topic, []).append(card.id)
    for topic, members in sorted(topics.items()):
        numbers.scores[topic] = topic_scores(workspace, sorted(members), raw)
    return numbers
