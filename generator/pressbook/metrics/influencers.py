"""An influencer's figures across campaigns: best posts, posting frequency, comparison score."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Sequence
from zoneinfo import ZoneInfo

from ..model import NetworkAccount, Workspace
from ..model.settings import SCORE_COMPONENTS
from .deliverables import DeliverableStatus
from .figures import Figure, PostFigures, engagement_rate, pooled, total

FREQUENCY_DAYS = 91
FREQUENCY_WEEKS = 13
LOWER_IS_BETTER = {"cpe"}


def best_posts(items: Sequence[PostFigures], zone: ZoneInfo, count: int = 3) -> list[tuple[PostFigures, Figure]]:
    """Top tracked posts by engagement rate; ties by engagements, then the newest (SPEC §3.3)."""
    rated = [(item, engagement_rate(item)) for item in items]
    rated = [(item, rate) for item, rate in rated if rate.value is not None]
    rated.sort(key=lambda pair: (pair[1].value, pair[0].engagements.value if pair[0].engagements else -1,
                                 pair[0].post.published_on(zone), pair[0].post.id), reverse=True)
    return rated[:count]


@dataclass(frozen=True)
class DeclaredValue:
    """A figure from a card's declared readings: its value, and the source and date it rests on.
    `source` None is the card's own `posts_per_week`, which names neither."""

    value: Decimal
    source: str | None = None
    on: date | None = None


@dataclass(frozen=True)
class Provenance:
    """Where declared figures come from."""

    source: str | None
    on: date | None


def declared(account: NetworkAccount, figure: str) -> DeclaredValue | None:
    """The figure from the newest reading that gives it (same date: the source first by name)."""
    readings = [r for r in account.declared if getattr(r, figure) is not None]
    if not readings:
        return None
    newest = max(readings, key=lambda r: (r.on, r.source.casefold()))
    return DeclaredValue(Decimal(getattr(newest, figure)), newest.source, newest.on)


@dataclass(frozen=True)
class Frequency:
    """A network's posting frequency: the sponsored cadence pressbook tracked, and what is declared."""

    tracked: Decimal | None  # tracked posts per week; None when none is tracked on the network
    posts: int  # the tracked posts it rests on
    declared: DeclaredValue | None

    @property
    def per_week(self) -> Decimal:
        """The figure SPEC §3.4 names: tracked where posts are tracked, else declared."""
        if self.tracked is not None:
            return self.tracked
        assert self.declared is not None
        return self.declared.value


def posting_frequency(workspace: Workspace, influencer_id: str, items: Sequence[PostFigures],
                      zone: ZoneInfo) -> dict[str, Frequency]:
    """Per network: tracked posts in the 91 days ending at the latest one, ÷ 13 (SPEC §3.4), beside the
    declared frequency: a reading's `posts_per_week`, else the card's."""
    days: dict[str, list[date]] = {}
    for item in items:
        days.setdefault(item.post.network, []).append(item.post.published_on(zone))
    tracked: dict[str, tuple[Decimal, int]] = {}
    for network, published in days.items():
        last = max(published)
        window = [d for d in published if last - timedelta(days=FREQUENCY_DAYS - 1) <= d <= last]
        tracked[network] = (Decimal(len(window)) / FREQUENCY_WEEKS, len(window))
    card = workspace.influencers[influencer_id].card
    said: dict[str, DeclaredValue] = {network: DeclaredValue(Decimal(value))
                                      for network, value in card.posts_per_week.items()}
    for network, account in card.networks.items():
        reading = declared(account, "posts_per_week")
        if reading is not None:
            said[network] = reading
    result = {}
    for network in sorted(tracked.keys() | said.keys()):
        per_week, posts = tracked.get(network, (None, 0))
        result[network] = Frequency(per_week, posts, said.get(network))
    return result


@dataclass(frozen=True)
class ScoreComponents:
    values: dict[str, Decimal | None]  # the raw component; None when unknown
    ranks: dict[str, Decimal]  # percentile rank among the group, for known components
    score: Decimal | None  # None when it would rest on fewer components than the workspace's minimum
    rests_on: int  # how many of the weighted components are known
    of: int  # how many components weigh something
    declared: dict[str, tuple[Provenance, ...]]  # component → the sources of the declared figures it rests on


@dataclass(frozen=True)
class RawComponents:
    values: dict[str, Decimal | None]
    declared: dict[str, tuple[Provenance, ...]]  # component → the sources of the declared figures it rests on


def components(workspace: Workspace, influencer_id: str, items: Sequence[PostFigures],
               statuses: dict[str, list[DeliverableStatus]], today: date) -> RawComponents:
    """The raw components of SPEC §3.5 for one influencer; `statuses` are the deliverable statuses of
    the campaigns they are on the roster of. Engagement rate and reach per post come from tracked posts,
    and from the card's declared figures only where nothing is tracked."""
    card = workspace.influencers[influencer_id].card
    said: dict[str, tuple[DeclaredValue, ...]] = {}
    rate = pooled(items, "engagements", "basis").value
    if rate is None:
        rate, said["engagement_rate"] = _declared_rate(card.networks)
    reach_per_post, said["average_reach"] = _reach_per_post(items, card.networks)
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
    values = {"engagement_rate": Decimal(rate) if rate is not None else None, "reach": Decimal(reach),
              "average_reach": reach_per_post, "cpe": cpe, "reliability": reliability}
    # One mention per source and date: two networks read from one media kit are one source.
    return RawComponents(values, {component: tuple(dict.fromkeys(Provenance(d.source, d.on) for d in used))
                                  for component, used in said.items() if used})


def _declared_rate(networks: dict[str, NetworkAccount]) -> tuple[Decimal | None, tuple[DeclaredValue, ...]]:
    """Declared rates pooled as tracked ones are: Σ rate × followers ÷ Σ followers."""
    used = [(account.followers, value) for account in networks.values()
            if (value := declared(account, "engagement_rate")) is not None]
    followers = sum(count for count, _ in used)
    if not followers:
        return None, ()
    return (sum((count * value.value for count, value in used), Decimal(0)) / followers,
            tuple(value for _, value in used))


def _reach_per_post(items: Sequence[PostFigures], networks: dict[str, NetworkAccount]
                    ) -> tuple[Decimal | None, tuple[DeclaredValue, ...]]:
    """Σ reach ÷ posts whose reach is known; where none is, the mean of the networks' declared average
    reach (average views where a network declares no reach: a view is what video networks count)."""
    reached = [item.get("reach").value for item in items if item.get("reach") is not None]
    if reached:
        return Decimal(sum(reached)) / len(reached), ()
    used = tuple(value for account in networks.values()
                 if (value := declared(account, "average_reach") or declared(account, "average_views")))
    if not used:
        return None, ()
    return sum((value.value for value in used), Decimal(0)) / len(used), used


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


def topic_scores(workspace: Workspace, members: Sequence[str], raw: dict[str, RawComponents]
                 ) -> dict[str, ScoreComponents]:
    """The comparison score (0–100) of each member of one topic group, where it rests on enough
    components (the workspace's `score.minimum`)."""
    weights = workspace.settings.score
    counted = weights.counted()
    ranks_by_component = {component: percentile_ranks({m: raw[m].values[component] for m in members},
                                                       component in LOWER_IS_BETTER)
                          for component in SCORE_COMPONENTS}
    scores = {}
    for member in members:
        ranks = {c: ranks_by_component[c][member] for c in SCORE_COMPONENTS if member in ranks_by_component[c]}
        known = [c for c in counted if c in ranks]
        weight = sum((weights.weight(c) for c in known), Decimal(0))
        score = (sum((weights.weight(c) * ranks[c] for c in known), Decimal(0)) / weight * 100
                 if len(known) >= weights.minimum else None)
        scores[member] = ScoreComponents(raw[member].values, ranks, score, len(known), len(counted),
                                         raw[member].declared)
    return scores


def ranking(scores: dict[str, ScoreComponents]) -> list[tuple[str, ScoreComponents]]:
    """A topic's members, best first: a score resting on more components before one resting on fewer,
    then by score; those without a score last."""
    return sorted(scores.items(), key=lambda pair: (pair[1].score is None, -pair[1].rests_on,
                                                    -(pair[1].score or 0), pair[0]))
