"""workspace.yml: the agency's settings (SPEC §1.1)."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator, model_validator

from ..messages import says
from .amounts import Count, Currency, Number
from .written import key_schema
from .types import (ContentPath, HttpsUrl, Id, Jurisdiction, Language, Login, Name, Record, Text, for_internal,
                    fail, for_public)

EngagementAction = Literal["likes", "comments", "shares", "saves", "clicks"]
SCORE_COMPONENTS = ("engagement_rate", "reach", "average_reach", "cpe", "reliability")


class Engagement(Record):
    basis: Literal["followers", "reach", "impressions"] = for_internal(
        "followers", description="denominator of the engagement rate")
    actions: tuple[EngagementAction, ...] = for_internal(
        ("likes", "comments", "shares", "saves"), description="what counts as an engagement", min_length=1)


class ScoreWeights(Record):
    """The comparison score's weights (SPEC §3.5), and how many components a shown score rests on."""

    engagement_rate: Number = for_internal(Decimal("0.4"))
    reach: Number = for_internal(Decimal("0.1"))
    average_reach: Number = for_internal(Decimal("0.1"))
    cpe: Number = for_internal(Decimal("0.2"))
    reliability: Number = for_internal(Decimal("0.2"))
    minimum: Count = for_internal(3, description=(
        "how many components a score must rest on to be shown; a score resting on fewer reads n/a"))

    @model_validator(mode="after")
    def _some_weight(self) -> "ScoreWeights":
        if not any(self.weight(component) for component in SCORE_COMPONENTS):
            raise fail("value", says("score.no-weight"))
        if not 1 <= self.minimum <= len(self.counted()):
            counted = len(self.counted())
            raise fail("value", says("score.minimum", minimum=self.minimum, components=counted),
                       says("score.minimum.hint", components=counted))
        return self

    def weight(self, component: str) -> Decimal:
        return getattr(self, component)

    def counted(self) -> tuple[str, ...]:
        """The components a score can rest on: those weighing something."""
        return tuple(component for component in SCORE_COMPONENTS if self.weight(component))


class CsvDialect(Record):
    encoding: Literal["utf-8", "cp1252", "auto"] = for_internal(
        "auto", description="auto: UTF-8 (with or without BOM), else cp1252 with a warning")
    decimal: Literal[",", ".", "auto"] = for_internal(
        "auto", description="auto: ',' in a ';'-separated file, else '.'")


Host = Literal["artifact", "github-pages", "netlify", "cloudflare-pages", "server"]
HostAccess = Literal["cloudflare-access", "netlify-password"]


class Target(Record):
    """Where the workflow `pressbook deploy workflow` writes puts a site after each build."""

    host: Host = for_internal("artifact", description=(
        "artifact: a zip kept with the workflow's run; github-pages: the repository's GitHub Pages (public "
        "site only); netlify, cloudflare-pages: a project there; server: a folder on your own server, by rsync"))
    project: Text | None = for_internal(None, description="the Netlify site id or the Cloudflare Pages project")
    destination: Text | None = for_internal(None, description="server: where rsync writes, user@host:/folder/")
    access: HostAccess | None = for_internal(None, description=(
        "what keeps a private site to its readers on netlify or cloudflare-pages, set up in their dashboard"))


class SiteAddress(Record):
    url: HttpsUrl | None = for_internal(None, description="where the site is published (canonical links)")
    target: Target = for_internal(Target(), description="where the publishing workflow puts the site")


class InternalSite(SiteAddress):
    readers: tuple[Login, ...] = for_internal((), description=(
        "the agency's staff, by login or e-mail: they may read every site, this one and each client's"))


class ClientSite(SiteAddress):
    # A draft is the agency's until it says otherwise, client by client: a review of the text with the
    # client is a choice, never the default.
    drafts: bool = for_internal(False, description="true: this client's site shows its draft reports, marked "
                                                   "as drafts; otherwise it says they are in preparation")


class Sites(Record):
    internal: InternalSite = for_internal(InternalSite())
    public: SiteAddress = for_internal(SiteAddress())
    clients: dict[Id, ClientSite] = for_internal({}, description="each client's site, by the client's id",
                                                 json_schema_extra={"propertyNames": key_schema(Id)})


class Settings(Record):
    agency: Name = for_public(description="agency name, shown on every site")
    logo: ContentPath | None = for_public(None, description="the agency's logo, an image under content/assets/: "
                                                            "in every site's header and as its favicon")
    language: Language = for_public("fr", description="interface language, number and date formats")
    currency: Currency = for_public("EUR", description="ISO 4217 code in use")
    timezone: Text = for_internal("Europe/Paris", description="IANA name, for date-times written without an offset")
    jurisdiction: Jurisdiction = for_internal("fr", description="which disclosure and contract rules apply")
    engagement: Engagement = for_internal(Engagement(), description="how the engagement rate is counted")
    score: ScoreWeights = for_internal(ScoreWeights(), description="weights of the comparison score")
    csv: CsvDialect = for_internal(CsvDialect(), description="how the CSV files are read: encoding, decimal separator")
    sites: Sites = for_internal(Sites(), description="each site's address, readers and publishing target")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" names a folder of zones
            raise fail("value", says("timezone.unknown", name=name), says("timezone.unknown.hint")) from None
        return name
