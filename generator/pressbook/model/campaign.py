"""A campaign's files: brief, contracts, posts, metrics, mentions, report and showcase (SPEC §1.4–1.10)."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import model_validator

from ..messages import says
from .spelling import fold
from .amounts import Amount, Count, Months, Number, Rate
from .types import (ContentPath, CountryCode, Day, Email, Format, Hashtag, Handle, Id, Moment, Name, Network, PostId,
                    Record, Text, WebUrl, YesNo, fail, for_client, for_internal, for_public)

Status = Literal["planned", "live", "completed", "cancelled"]


class Deliverable(Record):
    network: Network = for_client()
    format: Format = for_client()
    count: Count = for_client(1)
    due: Day = for_client()


class RosterEntry(Record):
    influencer: Id = for_client()
    deliverables: tuple[Deliverable, ...] = for_client(())
    fee: Amount | None = for_internal(None, description="what the influencer is paid, excl. tax")
    in_kind: Amount | None = for_internal(None, description="value of gifts and benefits in kind")


class KpiTargets(Record):
    """Targets per metric; rates as fractions (4.5% or 0.045), money in the workspace currency."""

    posts: Count | None = for_client(None)
    reach: Count | None = for_client(None)
    impressions: Count | None = for_client(None)
    views: Count | None = for_client(None)
    engagements: Count | None = for_client(None)
    engagement_rate: Rate | None = for_client(None)
    clicks: Count | None = for_client(None)
    ctr: Rate | None = for_client(None)
    conversions: Count | None = for_client(None)
    conversion_rate: Rate | None = for_client(None)
    revenue: Amount | None = for_client(None)
    roas: Number | None = for_client(None, description="revenue per unit of cost, e.g. 3 for 3×")
    cpm: Amount | None = for_client(None)
    cpe: Amount | None = for_client(None)
    cpv: Amount | None = for_client(None)


class Brief(Record):
    """The brief's front matter. The Markdown body is the brief's text (client visibility)."""

    title: Name = for_client(description="the campaign's name (the public site shows the showcase's headline)")
    client: Id = for_client(description="the client's id: its file's name in content/clients/")
    status: Status = for_client(description="planned, live, completed or cancelled")
    start: Day = for_client(description="the campaign's first day")
    end: Day = for_client(description="the campaign's last day")
    objectives: tuple[Text, ...] = for_client((), description="what the campaign is for")
    target: Text | None = for_client(None, description="who the campaign is aimed at")
    key_messages: tuple[Text, ...] = for_client((), description="what every post should say")
    hashtags: tuple[Hashtag, ...] = for_client((), description="the hashtags asked of every post")
    mentions: tuple[Handle, ...] = for_client((), description="the accounts every post should mention")
    disclosure: Text | None = for_client(None, description="the exact mention asked of every post")
    approval: Literal["required", "none"] = for_client("required", description=(
        "required: each post's content is validated before it is published"))
    category: Text | None = for_client(None, description="what is promoted (restricted categories apply)")
    age_gated: bool = for_client(False, description="gambling only: the content is shown to adults only")
    budget: Amount | None = for_client(None, description="what the client pays")
    kpis: KpiTargets = for_client(KpiTargets(), description="targets, by metric")
    roster: tuple[RosterEntry, ...] = for_client((), description="the influencers, their deliverables and fees")
    notes: Text | None = for_internal(None, description="the agency's own notes")


class Party(Record):
    name: Name = for_internal()
    role: Literal["advertiser", "agency", "agent", "influencer"] = for_internal()
    address: Text | None = for_internal(None)
    email: Email | None = for_internal(None)
    tax_residence: CountryCode | None = for_internal(None, description="country code of tax residence")


class UsageRights(Record):
    channels: tuple[Text, ...] = for_internal((), description="e.g. instagram, client_site, case_study")
    months: Months = for_internal(0, description="how long, counted from the campaign's end")


class Exclusivity(Record):
    category: Text = for_internal()
    months: Months = for_internal()


class Contract(Record):
    """Internal only; the signed document (`file`) is never copied into a site."""

    status: Literal["draft", "sent", "signed", "cancelled"] = for_internal(description=(
        "draft, sent, signed or cancelled"))
    signed_on: Day | None = for_internal(None, description="the day it was signed (needed once signed)")
    fee: Amount | None = for_internal(None, description="what the influencer is paid, excl. tax")
    in_kind: Amount | None = for_internal(None, description="value of gifts and benefits in kind")
    payment_terms: Text | None = for_internal(None, description="when and how the fee is paid")
    parties: tuple[Party, ...] = for_internal((), description="who signs: name, role, address, e-mail")
    usage_rights: UsageRights | None = for_internal(None, description=(
        "where the client may reuse the content, and for how many months after the campaign"))
    exclusivity: Exclusivity | None = for_internal(None, description=(
        "a category the influencer may not promote for another brand, and for how many months"))
    clauses: tuple[Text, ...] = for_internal((), description="ids of the clauses present (COMPLIANCE.md)")
    file: ContentPath | None = for_internal(None, description="path of the signed document")

    @model_validator(mode="after")
    def _signed_has_date(self) -> "Contract":
        if self.status == "signed" and self.signed_on is None:
            raise fail("value", says("contract.signed-without-date"), says("contract.signed-without-date.hint"))
        return self


class Post(Record):
    """One row of posts.csv."""

    id: PostId = for_client(description="the post's id, unique in the campaign")
    influencer: Id = for_client(description="the influencer's id: their card's name in content/influencers/")
    network: Network = for_client(description="where it was published")
    format: Format = for_client(description="reel, story, video…")
    url: WebUrl | None = for_client(None, description="the post's address")
    published: Moment = for_client(description="when it was published: a date, or a date and time")
    caption: Text = for_client("", description="the post's text")
    paid_label: YesNo = for_client(False, description="the platform's paid-partnership label was on")
    approved: Day | None = for_client(None, description="when the content was validated; empty = never")
    edited_image: YesNo = for_client(False, description="the image was retouched (the post must say so)")
    virtual_image: YesNo = for_client(False, description="the image was made by a machine (the post must say so)")

    def published_on(self, zone: ZoneInfo) -> date:
        """The day of publication where the agency works (a date-time is read in the workspace zone)."""
        moment = self.published
        return moment.astimezone(zone).date() if isinstance(moment, datetime) else moment


MetricName = Literal["impressions", "reach", "views", "likes", "comments", "shares", "saves", "clicks",
                     "conversions", "revenue"]
METRIC_NAMES: tuple[MetricName, ...] = ("impressions", "reach", "views", "likes", "comments", "shares",
                                         "saves", "clicks", "conversions", "revenue")


class MetricsSnapshot(Record):
    """One row of metrics.csv: cumulative counters of a post read on a date. Empty = unknown."""

    post: PostId = for_client(description="the post's id in posts.csv")
    date: Day = for_client(description="the day the figures were read")
    impressions: Count | None = for_client(None, description="times the post was shown, to date")
    reach: Count | None = for_client(None, description="people who saw it, to date")
    views: Count | None = for_client(None, description="video views, to date")
    likes: Count | None = for_client(None, description="likes, to date")
    comments: Count | None = for_client(None, description="comments, to date")
    shares: Count | None = for_client(None, description="shares, to date")
    saves: Count | None = for_client(None, description="saves, to date")
    clicks: Count | None = for_client(None, description="clicks on its links, to date")
    conversions: Count | None = for_client(None, description="purchases or sign-ups it brought, to date")
    revenue: Number | None = for_client(None, description="what those conversions brought, in the workspace currency")
    source: Literal["measured", "creator_reported", "estimated"] = for_client("measured", description=(
        "measured (default), creator_reported or estimated"))


class Mention(Record):
    """One row of mentions.csv: e-reputation monitoring."""

    date: Day = for_client(description="the day it was published")
    source: Text = for_client(description="where: a network, a newspaper, a blog")
    url: WebUrl | None = for_client(None, description="its address")
    sentiment: Literal["positive", "neutral", "negative"] = for_client(description="positive, neutral or negative")
    reach: Count | None = for_client(None, description="how many people it reached")
    text: Text = for_client("", description="what it says")


class Report(Record):
    """The report's front matter. The Markdown body is the report's text (client visibility)."""

    status: Literal["draft", "final"] = for_client("draft", description=(
        "draft: on the internal site only (unless the client's site shows drafts); final: on the client's"))


# The blocks of report.md the agency writes (SPEC §1.9), each under one of these titles, any case, with
# or without accents: validation warns of a block without its section, the report's page shows each.
REPORT_SECTIONS = {
    "analysis": ("analysis", "analyse"),
    "conclusion": ("conclusion",),
    "recommendations": ("recommendations", "recommandations"),
    "e-reputation": ("e-reputation", "e-réputation"),
}

# A section of report.md under one of these titles (any case, with or without accents) is the agency's
# own: internal visibility, whatever the report's status. The projection of every other site leaves it
# out of the text (visibility.without_internal_sections).
INTERNAL_REPORT_SECTIONS = ("notes internes", "internal notes")
INTERNAL_NOTES = "internal-notes"  # the block of those sections: only the internal site's view has it

# A heading of level 1 or 2 as Python-Markdown, which renders the report, reads one written with `#`:
# at the start of its line, with or without a space after it (`##Analyse`), closing `#`s dropped.
_SECTION = re.compile(r"#{1,2}(?!#)(.*?)#*[ \t]*$")


def section_title(line: str) -> str | None:
    """The title of the report section `line` opens, or None when it opens none."""
    heading = _SECTION.match(line)
    return heading.group(1).strip() if heading else None


def report_sections(markdown: str) -> dict[str, list[str]]:
    """The lines of a report's text under each block's section (REPORT_SECTIONS; INTERNAL_NOTES for the
    sections titled as internal), by block, for each block whose title is there. A section of any other
    title, and what stands before the first title, belong to no block."""
    blocks = {section_key(name): block for block, accepted in REPORT_SECTIONS.items() for name in accepted}
    blocks.update({section_key(name): INTERNAL_NOTES for name in INTERNAL_REPORT_SECTIONS})
    found: dict[str, list[str]] = {}
    lines: list[str] | None = None
    for line in markdown.splitlines():
        title = section_title(line)
        if title is not None:
            block = blocks.get(section_key(title))
            lines = found.setdefault(block, []) if block else None
        elif lines is not None:
            lines.append(line)
    return found


def section_key(title: str) -> str:
    """A section's title as titles are compared: any case, with or without accents (« E-réputation »
    is « e-reputation »)."""
    return fold(title.strip())


class Quote(Record):
    text: Text = for_public()
    author: Name = for_public()


class Showcase(Record):
    """The showcase's front matter: a case study for the public site. The Markdown body is its story."""

    publish: bool = for_public(False, description="true to publish")
    headline: Name = for_public(description="the case study's title on the public site")
    highlights: tuple[Literal["posts", "reach", "impressions", "views", "engagements", "engagement_rate",
                              "clicks", "ctr", "conversions", "conversion_rate"], ...] = for_public(
        (), description="the results shown publicly")
    featured_posts: tuple[PostId, ...] = for_public((), description="the ids of the posts shown")
    quote: Quote | None = for_public(None, description="a quote: text and author")
    cover: ContentPath | None = for_public(None, description="an image under content/assets/")
