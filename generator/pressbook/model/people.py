"""Clients (SPEC §1.2) and influencers' identity cards (SPEC §1.3)."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, field_validator, model_validator

from ..messages import says
from .amounts import Amount, Count, Number, Rate
from .types import (ContentPath, CountryCode, Day, Email, Format, Handle, HttpsUrl, Login, Name, Network, Record, Text,
                    WebUrl, fail, for_client, for_internal, for_public)


class Consent(Record):
    public: bool = for_internal(False, description="may a public case study name them; only true or false")


class Contact(Record):
    name: Name = for_client()
    role: Text | None = for_client(None)
    email: Email | None = for_client(None)
    phone: Text | None = for_client(None)


class Client(Record):
    name: Name = for_public(description="the client's name")
    sector: Text | None = for_public(None, description="the client's line of business")
    website: HttpsUrl | None = for_public(None, description="the client's website, an https:// address")
    logo: ContentPath | None = for_public(None, description="an image under content/assets/")
    consent: Consent = for_internal(Consent(), description="consent.public: may a case study name this client")
    contacts: tuple[Contact, ...] = for_client((), description="the people the agency works with there")
    readers: tuple[Login, ...] = for_internal((), description=(
        "who may read this client's site, by login or e-mail (the agency's staff may too)"))
    notes: Text | None = for_internal(None, description="the agency's own notes")


class Demographics(Record):
    gender: dict[str, Rate] = for_client({})
    age: dict[str, Rate] = for_client({})
    countries: dict[str, Rate] = for_client({})

    @model_validator(mode="after")
    def _shares_fit(self) -> "Demographics":
        for group in ("gender", "age", "countries"):
            total = sum(getattr(self, group).values(), Decimal(0))
            if total > 1:
                raise fail("value", says("demographics.over", group=group, share=total * 100))
        return self


DECLARED_FIGURES = ("engagement_rate", "average_views", "average_reach", "posts_per_week", "audience")


class Declared(Record):
    """Figures an account's owner or a tool gives, read on one date from one source: shown beside the
    figures pressbook tracks, never mixed into them."""

    # A reading gives at least one figure: the schema says so as the model does.
    model_config = Record.model_config | ConfigDict(json_schema_extra={
        "anyOf": [{"required": [figure]} for figure in DECLARED_FIGURES]})

    source: Text = for_client(description="where the figures come from: a tool, a media kit, the influencer")
    on: Day = for_client(description="the date the figures were read")
    engagement_rate: Rate | None = for_client(None, description="their engagement rate on this network")
    average_views: Count | None = for_client(None, description="views per post, on average")
    average_reach: Count | None = for_client(None, description="accounts reached per post, on average")
    posts_per_week: Number | None = for_client(None, description="how often they post, sponsored or not")
    audience: Demographics | None = for_client(None, description=(
        "this account's followers: gender, age and countries, each a share (62% or 0.62)"))

    @model_validator(mode="after")
    def _some_figure(self) -> "Declared":
        if all(getattr(self, name) is None for name in DECLARED_FIGURES):
            raise fail("value", says("declared.empty"), says("declared.empty.hint"))
        return self


class NetworkAccount(Record):
    handle: Handle = for_public()
    url: HttpsUrl | None = for_public(None)
    followers: Count = for_public()
    followers_on: Day | None = for_internal(None, description="the date the count was read")
    declared: tuple[Declared, ...] = for_client((), description=(
        "figures declared by a tool or by the influencer, one reading per source, each with its date"))

    @field_validator("declared")
    @classmethod
    def _one_reading_per_source(cls, readings: tuple[Declared, ...]) -> tuple[Declared, ...]:
        seen: set[str] = set()
        for reading in readings:
            if reading.source.casefold() in seen:
                raise fail("duplicate", says("declared.source-twice", source=reading.source),
                           says("declared.source-twice.hint"))
            seen.add(reading.source.casefold())
        return readings


class InfluencerContact(Record):
    email: Email | None = for_internal(None)
    phone: Text | None = for_internal(None)
    agent: Text | None = for_internal(None)


class Interaction(Record):
    date: Day = for_internal()
    kind: Literal["meeting", "call", "email", "event", "gift", "other"] = for_internal()
    summary: Text = for_internal()
    next_step: Text | None = for_internal(None)
    next_on: Day | None = for_internal(None)


class Influencer(Record):
    """The identity card's front matter. The Markdown body is the portrait (client visibility)."""

    name: Name = for_public(description="the name they publish under")
    networks: dict[Network, NetworkAccount] = for_public(min_length=1, description=(
        "their accounts, by network: handle, address and followers"))
    topics: tuple[Text, ...] = for_public(min_length=1, description="the themes they cover")
    content_types: tuple[Format, ...] = for_client((), description="the formats they publish")
    tone: Text | None = for_client(None, description="the tone used on their channels")
    personality: Text | None = for_client(None, description="the personality the brand must fit")
    preferred_network: Network | None = for_client(None, description="one of their networks")
    languages: tuple[Text, ...] = for_client((), description="the languages they publish in")
    location: Text | None = for_client(None, description="where they live and work")
    brands: tuple[Text, ...] = for_client((), description="brands they have worked with")
    best_posts: tuple[WebUrl, ...] = for_client((), description="the addresses of their best posts")
    posts_per_week: dict[Network, Number] = for_client({}, description=(
        "declared frequency per network, from no named source; networks.<network>.declared says where from"))
    followers_demographics: Demographics | None = for_client(None, description=(
        "their followers' gender, age and countries, each a share (62% or 0.62)"))
    consent: Consent = for_internal(Consent(), description="consent.public: may a public case study show them")
    established_in: CountryCode | None = for_internal(None, description="country where they are established")
    minor: bool = for_internal(False, description="true when under 18")
    arpp_certified: Day | None = for_client(None, description="date of their ARPP certificate")
    contact: InfluencerContact = for_internal(InfluencerContact(), description="their e-mail, phone and agent")
    rate_card: dict[Format, Amount] = for_internal({}, description="their prices per format")
    notes: Text | None = for_internal(None, description="the agency's own notes")
    interactions: tuple[Interaction, ...] = for_internal((), description="the relationship log")

    @field_validator("topics")
    @classmethod
    def _no_blank_topic(cls, topics: tuple[str, ...]) -> tuple[str, ...]:
        if any(not topic.strip() for topic in topics):
            raise fail("value", says("topic.empty"), says("topic.empty.hint"))
        return topics

