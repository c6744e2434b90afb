"""The report's page: its cover, the blocks (metrics/report.py) and the figures of the campaign."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..metrics.report import report_view
from ..model import Campaign, Workspace
from .plan import Page, SitePlan
from .views import Paths


@dataclass(frozen=True)
class Cover:
    """The report's first block: what, for whom, when, by whom; the logos where the site publishes them."""

    title: str
    client: str
    agency: str
    campaign: Campaign
    agency_logo: str | None
    client_logo: str | None


# A report reads from its cover to its recommendations: the site's navigation and the table of contents
# beside it would only narrow it (Material's page setting).
REPORT_META = {"hide": ["navigation", "toc"]}


def report_page(plan: SitePlan, workspace: Workspace, campaign: Campaign, common: dict[str, Any], kpis: list,
                charts: list, labels: dict[str, str], sources: tuple[str, ...]) -> Page | None:
    """The report's page: None without a report. A report the site's view holds without its text (a
    draft the client's site does not show) makes a page that says it is in preparation."""
    if campaign.report is None:
        return None
    logos = plan.logos
    client_logo = logos.get("client") if plan.kind == "client" else None
    cover = Cover(campaign.brief.title, common["client_name"], workspace.settings.agency, campaign,
                  logos.get("agency"), client_logo)
    return Page(Paths.campaign(campaign.id, "report"), "report.md", f"{campaign.brief.title} — {labels['report']}",
                common | {"report": report_view(campaign), "kpis": kpis, "charts": charts, "cover": cover},
                sources, meta=dict(REPORT_META))
