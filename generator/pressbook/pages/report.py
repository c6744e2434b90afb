"""The report of a campaign in four blocks plus e-reputation (SPEC §1.9): Results are generated,
the agency writes Analysis, Conclusion and Recommendations, mentions make the E-reputation block."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..metrics.series import negative_surges
from ..model import Campaign, Mention
from ..validation.references import REPORT_SECTIONS

BLOCKS = ("analysis", "conclusion", "recommendations", "e-reputation")
TOP_MENTIONS = 5


def _fold(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class ReportView:
    status: str
    blocks: dict[str, str]  # block → the agency's Markdown for it
    top_mentions: list[Mention]
    surges: list


def report_view(campaign: Campaign) -> ReportView | None:
    if campaign.report is None or campaign.report_text is None:
        return None
    names = {_fold(name): block for block, accepted in REPORT_SECTIONS.items() for name in accepted}
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    for line in campaign.report_text.markdown.splitlines():
        if line.startswith("## "):
            current = names.get(_fold(line[3:]))
            continue
        if current:
            blocks.setdefault(current, []).append(line)
    mentions = sorted(campaign.mentions or (), key=lambda m: (-(m.reach or 0), m.date, m.source))
    return ReportView(campaign.report.status, {b: "\n".join(lines).strip() for b, lines in blocks.items()},
                      mentions[:TOP_MENTIONS], negative_surges(campaign.mentions or ()))
