"""`pressbook export`: the KPI tables a site shows, unrounded, as CSV or JSON files, made from that
site's view of the workspace (visibility.site_view) as its pages are."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .metrics.compute import Numbers
from .metrics.figures import Figure, attainment, engagement_rate
from .model import Money, Workspace
from .pages.numbers import RESULT_ORDER

_FIGURE = ("metric", "value", "posts", "of", "estimated")
# The columns of each table, in order: a table without rows (a site without campaigns) keeps its header.
COLUMNS = {
    "campaigns": ("campaign", *_FIGURE, "target", "attainment"),
    "influencer_networks": ("influencer", "network", *_FIGURE),
    "posts": ("campaign", "post", "influencer", "network", "format", "reach", "impressions", "views", "engagements",
              "clicks", "conversions", "revenue", "engagement_rate", "estimated"),
    # The public site shows, of each published case study, the figures its showcase highlights: their
    # values alone, without targets, posts or the campaign's other figures. Ids and numbers only, as
    # in every table: no text a spreadsheet could take for a formula.
    "case_studies": ("campaign", "metric", "value"),
}
SITE_TABLES = ("campaigns", "influencer_networks", "posts")  # the internal and client sites'
def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _figure(prefix: dict[str, Any], metric: str, figure: Figure) -> dict[str, Any]:
    return prefix | {"metric": metric, "value": _cell(figure.value), "posts": figure.rests_on, "of": figure.of,
                     "estimated": figure.estimated}


def export_tables(view: Workspace, numbers: Numbers, *, internal: bool) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table of an internal or client site, from that site's `view` and the numbers
    computed from it: its campaigns only, fees and margin only internally."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in SITE_TABLES}
    influencers: set[str] = set()
    for campaign_id, campaign in view.campaigns.items():
        figures = numbers.campaigns[campaign_id]
        targets = dict(campaign.brief.kpis)
        for metric in RESULT_ORDER:
            row = _figure({"campaign": campaign_id}, metric, figures[metric])
            target = targets.get(metric)
            amount = target.amount if isinstance(target, Money) else target
            row["target"] = _cell(amount)
            row["attainment"] = _cell(attainment(metric, figures[metric], amount)) if amount is not None else None
            tables["campaigns"].append(row)
        if internal:
            for metric, figure in (("fees", numbers.fees[campaign_id]), ("margin", numbers.margins[campaign_id])):
                tables["campaigns"].append(_figure({"campaign": campaign_id}, metric, figure) |
                                           {"target": None, "attainment": None})
        for item in numbers.posts[campaign_id]:
            influencers.add(item.post.influencer)
            row = {"campaign": campaign_id, "post": item.post.id, "influencer": item.post.influencer,
                   "network": item.post.network, "format": item.post.format}
            for metric in ("reach", "impressions", "views", "engagements", "clicks", "conversions", "revenue"):
                reading = item.get(metric)
                row[metric] = _cell(reading.value) if reading else None
            row["engagement_rate"] = _cell(engagement_rate(item).value)
            row["estimated"] = any(r.estimated for r in item.readings.values())
            tables["posts"].append(row)
    for influencer_id in sorted(influencers):
        for network, figures in numbers.influencer_networks[influencer_id].items():
            for metric in ("posts", "reach", "impressions", "views", "engagements", "engagement_rate"):
                tables["influencer_networks"].append(
                    _figure({"influencer": influencer_id, "network": network}, metric, figures[metric]))
    return tables


def public_tables(view: Workspace, highlights: dict[str, dict[str, Figure]]) -> dict[str, list[dict[str, Any]]]:
    """The public site's table, from its `view` (published case studies, public fields): each study's
    highlighted figures. `highlights`: the figures of whole campaigns, by campaign (only the view's are
    read), the ones its pages show, since the view keeps no metrics of its own."""
    return {"case_studies": [{"campaign": campaign_id, "metric": metric,
                              "value": _cell(highlights[campaign_id][metric].value)}
                             for campaign_id, campaign in view.campaigns.items()
                             for metric in campaign.showcase.highlights]}


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_export(tables: dict[str, list[dict[str, Any]]], directory: Path, output: str) -> list[Path]:
    """Each table as `directory`/<table>.<output>. Tables of another export left there (another site's,
    or the other format) are removed: the folder holds one site's export, never a mix that could be
    sent on as that site's."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in COLUMNS:
        for suffix in ("csv", "json"):
            (directory / f"{name}.{suffix}").unlink(missing_ok=True)
    written = []
    for name, rows in tables.items():
        if output == "json":
            path = directory / f"{name}.json"
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        else:
            path = directory / f"{name}.csv"
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written
