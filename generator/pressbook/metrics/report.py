"""The report of a campaign in four blocks plus e-reputation (SPEC §1.9): Results are generated,
the agency writes Analysis, Conclusion and Recommendations, mentions make the E-reputation block."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Campaign, Mention
from ..model.campaign import report_sections
from .series import negative_surges

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
    blocks = report_sections(campaign.report_text.markdown)
    mentions = sorted(campaign.mentions or (), key=lambda m: (-(m.reach or 0), m.date, m.source))
    return ReportView(campaign.report.status, {b: "\n".join(lines).strip() for b, lines in blocks.items() if lines},
                      mentions[:TOP_MENTIONS], negative_surges(campaign.mentions or ()))
