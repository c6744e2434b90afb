"""The report of a campaign in four blocks plus e-reputation (SPEC §1.9): Results are generated,
the agency writes Analysis, Conclusion and Recommendations, mentions make the E-reputation block."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..metrics.series import negative_surges
from ..model import Campaign, Mention, Workspace
from ..model.campaign import INTERNAL_REPORT_SECTIONS, section_key, section_title
from ..validation.references import REPORT_SECTIONS
from .plan import Page, SitePlan
from .views import Paths

BLOCKS = ("analysis", "conclusion", "recommendations", "e-reputation")
INTERNAL_NOTES = "internal-notes"  # the block of the agency's own notes: only the internal site's view has it
TOP_MENTIONS = 5


@dataclass(frozen=True)
class ReportView:
    status: str
    blocks: dict[str, str]  # block → the agency's Markdown for it (INTERNAL_NOTES: on the internal site only)
    top_mentions: list[Mention]
    surges: list


def report_view(campaign: Campaign) -> ReportView | None:
    if campaign.report is None or campaign.report_text is None:
        return None
    names = {section_key(name): block for block, accepted in REPORT_SECTIONS.items() for name in accepted}
    names.update({section_key(name): INTERNAL_NOTES for name in INTERNAL_REPORT_SECTIONS})
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    for line in campaign.report_text.markdown.splitlines():
        title = section_title(line)
        if title is not None:
            current = names.get(section_key(title))
            continue
        if current:
            blocks.setdefault(current, []).append(line)
    mentions = sorted(campaign.mentions or (), key=lambda m: (-(m.reach or 0), m.date, m.source))
    return ReportView(campaign.report.status, {b: "\n".join(lines).strip() for b, lines in blocks.items()},
                      mentions[:TOP_MENTIONS], negative_surges(campaign.mentions or ()))


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
