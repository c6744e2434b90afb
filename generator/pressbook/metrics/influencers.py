"""An influencer's figures across campaigns: best posts, posting frequency, comparison score."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Sequence
from zoneinfo import ZoneInfo

from ..model import Workspace
from .deliverables import DeliverableStatus
from .figures import Figure, PostFigures, engagement_rate, pooled, total

FREQUENCY_DAYS = 91
FREQUENCY_WEEKS = 13
SCORE_COMPONENTS = ("engagement_rate", "reach", "cpe", "reliability")
LOWER_IS_BETTER = {"cpe"}


def best_posts(items: Sequence[PostFigures], zone: ZoneInfo, count: int = 3) -> list[tuple[PostFigures, Figure]]:
    """Top tracked posts by engagement rate; ties by engagements, then the newest (SPEC §3.3)."""
    rated = [(item, engagement_rate(item)) for item in items]
    rated = [(item, rate) for item, rate in rated if rate.value is not None]
    rated.sort(key=lambda pair: (pair[1].value, pair[0].engagements.value if pair[0].engagements else -1,
                                 pair[0].post.published_on(zone), pair[0].post.id), reverse=True)
    return rated[:count]


@dataclass(frozen=True)
class Frequency:
    per_week: Decimal
    tracked: bool  # False: the card's declared posts_per_week
    posts: int = 0


def posting_frequency(workspace: Workspace, influencer_id: str, items: Sequence[PostFigures],
                      zone: ZoneInfo) -> dict[str, Frequency]:
    """Per network: tracked posts in the 91 days ending at the latest one, ÷ 13 (SPEC §3.4)."""
    days: dict[str, list[date]] = {}
    for item in items:
        days.setdefault(item.post.network, []).append(item.post.published_on(zone))
    result = {}
    for network, published in sorted(days.items()):
        last = max(published)
        window = [d for d in published if last - timedelta(days=FREQUENCY_DAYS - 1) <= d <= last]
        result[network] = Frequency(Decimal(len(window)) / FREQUENCY_WEEKS, True, len(window))
    card = workspace.influencers[influencer_id].card
    for network, declared in card.posts_per_week.items():
        result.setdefault(network, Frequency(Decimal(declared), False))
    return dict(sorted(result.items()))


@dataclass(frozen=True)
class ScoreComponents:
    values: dict[str, Decimal | None]  # the raw component; None when unknown
    ranks: dict[str, Decimal]  # percentile rank among the group, for known components
    score: Decimal | None


def components(workspace: Workspace, influencer_id: str, items: Sequence[PostFigures],
               statuses: dict[str, list[DeliverableStatus]], today: date) -> dict[str, Decimal | None]:
    """The four raw components of SPEC §3.5 for one influencer; `statuses` are the deliverable
    statuses of the campaigns they are on the roster of."""
    card = workspace.influencers[influencer_id].card
    rate = pooled(items, "engagements", "basis").value
    reach = sum(account.followers for account in card.networks.values())
    fees = Decimal(0)
    has_fee = False
    past: set[str] = set()
    due = on_time = 0
    for campaign_id, campaign_statuses in statuses.items():
        campaign = workspace.campaigns[campaign_id]
        entry = next(e for e in campaign.brief.roster if e.influencer == influencer_id)
        if campaign.brief.status == "completed":
            if entry.fee is not None:
                fees += entry.fee.amount
                has_fee = True
            past.add(campaign_id)
        for status in campaign_statuses:
            if status.influencer == influencer_id and status.deliverable.due <= today:
                due += status.deliverable.count
                on_time += min(status.on_time, status.deliverable.count)
    engagements = total([i for i in items if i.campaign in past], "engagements").value
    cpe = fees / Decimal(engagements) if has_fee and engagements else None
    reliability = Decimal(on_time) / Decimal(due) if due else None
    return {"engagement_rate": Decimal(rate) if rate is not None else None, "reach": Decimal(reach), "cpe": cpe,
            "reliability": reliability}


def percentile_ranks(values: dict[str, Decimal | None], lower_is_better: bool) -> dict[str, Decimal]:
    """(others worse + ½ × others equal) / (n − 1) among those who have the component; 1 when alone."""
    known = {who: value for who, value in values.items() if value is not None}
    n = len(known)
    if n == 1:
        return {who: Decimal(1) for who in known}
    ordered = sorted(known.values())
    ranks = {}
    for who, value in known.items():
        below = bisect_left(ordered, value)
        above = n - bisect_right(ordered, value)
        equal = n - below - above - 1
        worse = above if lower_is_better else below
        ranks[who] = (Decimal(worse) + Decimal(equal) / 2) / Decimal(n - 1)
    return ranks


def topic_scores(workspace: Workspace, members: Sequence[str], raw: dict[str, dict[str, Decimal | None]]
                 ) -> dict[str, ScoreComponents]:
    """The comparison score (0–100) of each member of one topic group."""
    weights = workspace.settings.score
    ranks_by_component = {component: percentile_ranks({m: raw[m][component] for m in members},
                                                       component in LOWER_IS_BETTER)
                          for component in SCORE_COMPONENTS}
    scores = {}
    for member in members:
        ranks = {c: ranks_by_component[c][member] for c in SCORE_COMPONENTS if member in ranks_by_component[c]}
        weight = sum((getattr(weights, c) for c in ranks), Decimal(0))
        score = (sum((getattr(weights, c) * r for c, r in ranks.items()), Decimal(0)) / weight * 100
                 if weight else None)
        scores[member] = ScoreComponents(raw[member], ranks, score)
    return scores
