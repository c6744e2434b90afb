"""A client's report site, made from that client's projection only (visibility.project_client)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..metrics.compute import Numbers
from ..metrics.figures import Figure
from ..model import Campaign, Workspace
from . import views
from .branding import Brand, brand_site
from .internal import card_page, directory_page, method_page, plan_campaign, share_names
from .numbers import ChartMaker, KpiRow, kind_of, kpi_rows
from .plan import NavEntry, Page, SitePlan
from .views import Paths

HEADLINE_KPIS = 3
# Which targets a campaign's card shows first: what a client asks of influence first (being seen, then
# engaging, then selling), then the rest in the order of the results.
HEADLINE_ORDER = ("reach", "engagement_rate", "roas", "conversions", "revenue", "views", "engagements",
                  "impressions", "clicks", "ctr", "conversion_rate", "cpe", "cpm", "cpv", "posts")
# The rows of the side-by-side comparison of a client's campaigns.
COMPARED = ("posts", "reach", "views", "engagements", "engagement_rate", "clicks", "conversions", "revenue",
            "roas", "cpe")


@dataclass(frozen=True)
class CampaignCard:
    campaign: Campaign
    headline: list[KpiRow]  # up to three targets, each with what was reached
    report: str | None  # the report's page, when the campaign has one (a draft in preparation included)
    pending: bool  # the report is a draft this site does not show: its page says it is in preparation


def headline_kpis(rows: list[KpiRow]) -> list[KpiRow]:
    return sorted(rows, key=lambda row: HEADLINE_ORDER.index(row.metric))[:HEADLINE_KPIS]


def plan_client_site(view: Workspace, client_id: str, today: date, labels: dict[str, str], numbers: Numbers,
                     maker: ChartMaker, brand: Brand | None = None) -> SitePlan:
    client = view.clients[client_id].client
    plan = SitePlan(name=f"client-{client_id}", kind="client", title=f"{view.settings.agency} — {client.name}",
                    language=view.settings.language, noindex=True)
    address = view.settings.sites.clients.get(client_id)
    plan.site_url = address.url if address else None
    brand_site(plan, view, brand or Brand(), client_id)
    share_names(plan, view)
    plan.add(home_page(view, client_id, numbers, plan.logos.get("client")))
    for campaign in view.campaigns.values():
        plan_campaign(plan, view, campaign, today, labels, numbers, maker)
    plan.add(directory_page(view, labels, numbers))
    campaigns_of = views.campaigns_by_influencer(view)
    for card in view.influencers.values():
        plan.add(card_page(view, card, numbers, maker, None, campaigns_of))
    plan.add(method_page(view, labels))
    # The home is the client's: it bears the client's name, in the navigation as in its title.
    plan.nav = [NavEntry(client.name, "index.md"), NavEntry(labels["influencers"], "influencers/index.md"),
                NavEntry(labels["method"], "method.md")]
    return plan


def home_page(view: Workspace, client_id: str, numbers: Numbers, logo: str | None) -> Page:
    """The client's home: a card for each campaign, latest first, and its campaigns side by side;
    `logo`, where the site publishes the client's."""
    client = view.clients[client_id].client
    campaigns = sorted(view.campaigns.values(), key=lambda c: (c.brief.start, c.id), reverse=True)
    cards = [CampaignCard(c, headline_kpis(kpi_rows(c, numbers.campaigns[c.id])),
                          Paths.campaign(c.id, "report") if c.report is not None else None,
                          c.report is not None and c.report_text is None) for c in campaigns]
    # Oldest first, as they were run; a planned campaign has its column too (nothing measured yet).
    compared = sorted(campaigns, key=lambda c: (c.brief.start, c.id))
    comparison: list[tuple[str, str, list[Figure], Figure]] = []
    if len(compared) > 1:  # one campaign alone is its results page
        comparison = [(metric, kind_of(metric), [numbers.campaigns[c.id][metric] for c in compared],
                       numbers.clients[client_id][metric]) for metric in COMPARED]
    context: dict[str, Any] = {"client": client, "logo": logo, "campaigns": campaigns, "cards": cards,
                               "compared": compared, "comparison": comparison}
    return Page("index.md", "client_home.md", client.name, context,
                tuple(f"{c.folder}/brief.md" for c in campaigns), meta={"hide": ["toc"]})
