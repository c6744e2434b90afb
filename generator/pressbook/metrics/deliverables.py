"""Where each deliverable of a roster stands: published by its due date, late, or still to come."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

from ..model import Campaign, Deliverable

DeliverableState = Literal["done", "done-late", "late", "due"]


@dataclass(frozen=True)
class DeliverableStatus:
    influencer: str
    deliverable: Deliverable
    published: int
    on_time: int
    state: DeliverableState


def deliverable_statuses(campaign: Campaign, today: date, zone: ZoneInfo) -> list[DeliverableStatus]:
    """One status per deliverable of the roster, in roster order.

    A post counts towards a deliverable when the influencer, network and format match; `on_time` counts
    those published by the due date.
    """
    days: dict[tuple[str, str, str], list[date]] = {}
    for post in campaign.posts:
        days.setdefault((post.influencer, post.network, post.format), []).append(post.published_on(zone))
    statuses = []
    for entry in campaign.brief.roster:
        for deliverable in entry.deliverables:
            published = days.get((entry.influencer, deliverable.network, deliverable.format), [])
            on_time = sum(1 for day in published if day <= deliverable.due)
            if on_time >= deliverable.count:
                state: DeliverableState = "done"
            elif len(published) >= deliverable.count:
                state = "done-late"
            elif deliverable.due < today:
                state = "late"
            else:
                state = "due"
            statuses.append(DeliverableStatus(entry.influencer, deliverable, len(published), on_time, state))
    return statuses
