"""`pressbook export`: the KPI tables a site shows, made from that site's view of the workspace
(visibility.site_view) as its pages are. CSV and JSON, for programs, carry the values unrounded; the
French CSV dialect and the xlsx workbook are made for people: the first rounded as the site shows its
figures, the second with the full value in each cell and a number format that rounds it."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter

from .metrics.compute import Numbers
from .metrics.figures import Figure, attainment, engagement_rate
from .model import Money, Workspace
from .pages.formatting import Formats
from .pages.numbers import RESULT_ORDER, kind_of

FORMATS = ("csv", "csv-fr", "json", "xlsx")  # the CLI's choices, written there to keep its start light
WORKBOOK = "kpis.xlsx"  # the xlsx format's one file, a sheet per table

_FIGURE = ("metric", "value", "posts", "of", "estimated")
_POST_METRICS = ("reach", "impressions", "views", "engagements", "clicks", "conversions", "revenue")
# The columns of each table, in order: a table without rows (a site without campaigns) keeps its header.
COLUMNS = {
    "campaigns": ("campaign", *_FIGURE, "target", "attainment"),
    "influencer_networks": ("influencer", "network", *_FIGURE),
    "posts": ("campaign", "post", "influencer", "network", "format", "published", *_POST_METRICS,
              "engagement_rate", "estimated"),
    # The public site shows, of each published case study, the figures its showcase highlights: their
    # values alone, without targets, posts or the campaign's other figures. Ids and numbers only, as
    # in every table: no text a spreadsheet could take for a formula.
    "case_studies": ("campaign", "metric", "value"),
}
SITE_TABLES = ("campaigns", "influencer_networks", "posts")  # the internal and client sites'

# What people read at the head of each column and on each sheet's tab, from the labels catalogue
# (themes/labels.yml), in the workspace language.
HEADER_LABELS = {"campaign": "campaign", "metric": "metric", "value": "value", "posts": "export_rests_on",
                 "of": "export_of", "estimated": "export_estimated", "target": "target_value",
                 "attainment": "attainment", "influencer": "influencer", "network": "network",
                 "post": "export_post", "format": "export_format", "published": "export_published",
                 "engagement_rate": "metric_engagement_rate",
                 **{metric: f"metric_{metric}" for metric in _POST_METRICS}}
SHEET_LABELS = {"campaigns": "campaigns", "influencer_networks": "export_influencer_networks", "posts": "posts",
                "case_studies": "case_studies"}
_METRIC_LABELS = {"fees": "fees_total", "margin": "margin"}  # the internal figures' names, as the site's


def _figure(prefix: dict[str, Any], metric: str, figure: Figure) -> dict[str, Any]:
    return prefix | {"metric": metric, "value": figure.value, "posts": figure.rests_on, "of": figure.of,
                     "estimated": figure.estimated}


def export_tables(view: Workspace, numbers: Numbers, *, internal: bool) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table of an internal or client site, from that site's `view` and the numbers
    computed from it: its campaigns only, fees and margin only internally. Values as computed."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in SITE_TABLES}
    influencers: set[str] = set()
    zone = ZoneInfo(view.settings.timezone)
    for campaign_id, campaign in view.campaigns.items():
        figures = numbers.campaigns[campaign_id]
        targets = dict(campaign.brief.kpis)
        for metric in RESULT_ORDER:
            row = _figure({"campaign": campaign_id}, metric, figures[metric])
            target = targets.get(metric)
            amount = target.amount if isinstance(target, Money) else target
            row["target"] = amount
            row["attainment"] = attainment(metric, figures[metric], amount) if amount is not None else None
            tables["campaigns"].append(row)
        if internal:
            for metric, figure in (("fees", numbers.fees[campaign_id]), ("margin", numbers.margins[campaign_id])):
                tables["campaigns"].append(_figure({"campaign": campaign_id}, metric, figure) |
                                           {"target": None, "attainment": None})
        for item in numbers.posts[campaign_id]:
            influencers.add(item.post.influencer)
            row = {"campaign": campaign_id, "post": item.post.id, "influencer": item.post.influencer,
                   "network": item.post.network, "format": item.post.format,
                   "published": item.post.published_on(zone)}  # the day the site shows it, where the agency works
            for metric in _POST_METRICS:
                reading = item.get(metric)
                row[metric] = reading.value if reading else None
            row["engagement_rate"] = engagement_rate(item).value
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
                              "value": highlights[campaign_id][metric].value}
                             for campaign_id, campaign in view.campaigns.items()
                             for metric in campaign.showcase.highlights]}


@dataclass(frozen=True)
class Readers:
    """What the formats made for people need: the workspace's language and currency, its labels, and
    the build's moment (the workbook's creation date, so that the same input gives the same bytes)."""
    language: str
    currency: str
    labels: dict[str, str]
    moment: datetime


# --- what a cell holds ----------------------------------------------------------------------------

_KINDS = {"attainment": "percent", "engagement_rate": "percent", "revenue": "money", "posts": "number",
          "of": "number", **{metric: "number" for metric in _POST_METRICS if metric != "revenue"}}


def cell_kind(column: str, row: dict[str, Any]) -> str | None:
    """How a number of `column` reads (number, percent, money, ratio), as the site shows it; None for
    ids, flags and days. A value and its target read as their metric does."""
    if column in ("value", "target"):
        return "money" if row["metric"] in _METRIC_LABELS else kind_of(row["metric"])
    return _KINDS.get(column)


@lru_cache(maxsize=None)
def _site_formats(currency: str) -> Formats:
    # The site's own formats, in French whatever the workspace language: a comma before decimals, the
    # only one in a figure, read back by `shown`. The zone is never read: a figure has none.
    return Formats("fr", currency, ZoneInfo("UTC"))


def shown(value: int | Decimal, kind: str, currency: str) -> Decimal:
    """The figure as a site's page shows it, rounded by the site's own formats and read back: a percent
    with one decimal (three of the fraction), a ratio with two, money with its currency's (two
    significant digits below its smallest step), counts whole. One rule, the pages'."""
    formats = _site_formats(currency)
    written = {"percent": formats.percent, "money": formats.amount, "ratio": formats.ratio}.get(kind, formats.number)
    figure = Decimal(re.sub(r"[^0-9,\-]", "", written(value)).replace(",", "."))
    return figure.scaleb(-2) if kind == "percent" else figure


def _decimals(figure: Decimal) -> int:
    return max(0, -figure.as_tuple().exponent)


# --- CSV and JSON, for programs -------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A value as CSV and JSON carry it: unrounded, a day in ISO 8601."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _plain(value)


def _write_csv(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _write_json(path: Path, rows: list[dict[str, Any]]) -> None:
    plain = [{k: _plain(v) for k, v in row.items()} for row in rows]
    path.write_text(json.dumps(plain, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- for people: words in the workspace language ---------------------------------------------------

def _word(column: str, value: Any, readers: Readers) -> Any:
    """A code a person reads by its name, as the site names it (the code itself when the catalogue has
    no label for it, as the site's `label` filter does): a metric, a network (TikTok), a format
    (Carrousel). Ids of campaigns, posts and influencers stay ids, to be matched across tables."""
    if column == "metric":
        return readers.labels.get(_METRIC_LABELS.get(value, f"metric_{value}"), value)
    if column in ("network", "format") and isinstance(value, str):
        return readers.labels.get(f"{column}_{value}", value)
    return value


# Text Excel or LibreOffice would run as a formula (OWASP's list): a label of the workspace's own
# themes/labels.yml could start so. Ids never do; numbers are written as numbers.
_FORMULA = re.compile(r"[=+\-@\t\r]")


def _text(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def _french(column: str, value: Any, row: dict[str, Any], readers: Readers) -> str:
    """A cell as French Excel reads it: a number with a decimal comma and no grouping, rounded as the
    site shows it; a day as dd/mm/yyyy; yes and no in words."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _text(readers.labels["yes" if value else "no"])
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, Decimal)):
        return format(shown(value, cell_kind(column, row) or "number", readers.currency), "f").replace(".", ",")
    return _text(str(_word(column, value, readers)))


def _write_french_csv(path: Path, name: str, rows: list[dict[str, Any]], readers: Readers) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(readers.labels[HEADER_LABELS[column]]) for column in COLUMNS[name]])
    writer.writerows([_french(column, row.get(column), row, readers) for column in COLUMNS[name]] for row in rows)
    # The byte order mark is how Excel knows the file is UTF-8 (without it, « Portée » reads « PortÃ©e »).
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


# --- the xlsx workbook ----------------------------------------------------------------------------

class _CellFormats:
    """The workbook's number formats, each made once. A format code is written the same in every
    language (Excel shows it with the reader's separators); a currency's symbol goes where the site
    puts it in the workspace language."""

    def __init__(self, workbook: Any, readers: Readers):
        self.workbook = workbook
        self.made: dict[tuple[str, int], Any] = {}
        sample = Formats(readers.language, readers.currency, ZoneInfo("UTC")).amount(Decimal(0))  # 0,00 €, €0.00
        number = re.search(r"[0-9](?:[.,]?[0-9])*", sample)
        assert number is not None
        self.before, self.after = (_literal(part) for part in (sample[:number.start()], sample[number.end():]))
        self.header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})

    def number(self, kind: str, digits: int) -> Any:
        """`digits`: the decimals the site shows (of the fraction, for a percent)."""
        if (kind, digits) not in self.made:
            places = digits - 2 if kind == "percent" else digits
            decimals = "." + "0" * places if places > 0 else ""
            code = {"percent": f"0{decimals}%", "ratio": f'0{decimals}" ×"', "day": "dd/mm/yyyy",
                    "money": f"{self.before}#,##0{decimals}{self.after}"}.get(kind, f"#,##0{decimals}")
            self.made[kind, digits] = self.workbook.add_format({"num_format": code})
        return self.made[kind, digits]


def _literal(text: str) -> str:
    """Text around a number in a format code, quoted: a currency symbol, the space before it."""
    return f'"{text.replace(chr(0xa0), " ").replace(chr(0x202f), " ")}"' if text else ""


def _as_read(figure: Decimal, kind: str, currency: str) -> str:
    """About what a cell showing `figure` (as `shown` rounds it) reads, for its column's width: grouped
    digits, a percent, a symbol."""
    if kind == "percent":
        return f"{figure * 100:,f} %"
    return f"{figure:,f}" + (" " + currency if kind == "money" else " ×" if kind == "ratio" else "")


def _sheet_name(label: str, taken: set[str]) -> str:
    """A label as a sheet's name: without the characters Excel refuses there, at most 31 of them, once."""
    name = re.sub(r"[\[\]:*?/\\]", " ", label).strip(" '")[:31] or "sheet"
    unique, number = name, 1
    while unique.lower() in taken:
        number += 1
        unique = f"{name[:27]} {number}"
    taken.add(unique.lower())
    return unique


def _write_workbook(path: Path, tables: dict[str, list[dict[str, Any]]], readers: Readers) -> None:
    # Text is never read as a formula, a number or a link: every string goes in as it is.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                               "strings_to_numbers": False, "strings_to_urls": False})
    # The creation date is the build's moment, not the clock's: the same input gives the same bytes.
    workbook.set_properties({"created": readers.moment.replace(tzinfo=None)})
    formats = _CellFormats(workbook, readers)
    taken: set[str] = set()
    for name, rows in tables.items():
        sheet = workbook.add_worksheet(_sheet_name(readers.labels[SHEET_LABELS[name]], taken))
        columns = COLUMNS[name]
        widths = []
        for x, column in enumerate(columns):
            header = readers.labels[HEADER_LABELS[column]]
            sheet.write_string(0, x, header, formats.header)
            widths.append(len(header))
        for y, row in enumerate(rows, start=1):
            for x, column in enumerate(columns):
                value = row.get(column)
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(y, x, value)
                    shown_as = readers.labels["yes" if value else "no"]
                elif isinstance(value, date):
                    sheet.write_datetime(y, x, datetime(value.year, value.month, value.day),
                                         formats.number("day", 0))
                    shown_as = "00/00/0000"
                elif isinstance(value, (int, Decimal)):
                    kind = cell_kind(column, row) or "number"
                    figure = shown(value, kind, readers.currency)
                    # The full value; the cell's format rounds it as the site does.
                    sheet.write_number(y, x, value if isinstance(value, int) else float(value),
                                       formats.number(kind, _decimals(figure)))
                    shown_as = _as_read(figure, kind, readers.currency)
                else:
                    shown_as = str(_word(column, value, readers))
                    sheet.write_string(y, x, shown_as)
                widths[x] = max(widths[x], len(shown_as))
        for x, width in enumerate(widths):
            sheet.set_column(x, x, min(width, 40) + 2)
        sheet.freeze_panes(1, 0)  # the header stays in sight
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    workbook.close()


def write_export(tables: dict[str, list[dict[str, Any]]], directory: Path, output: str,
                 readers: Readers) -> list[Path]:
    """Each table as `directory`/<table>.csv or .json, or all of them as the sheets of
    `directory`/kpis.xlsx. Tables of another export left there (another site's, or another format)
    are removed: the folder holds one site's export, never a mix that could be sent on as that site's."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in COLUMNS:
        for suffix in ("csv", "json"):
            (directory / f"{name}.{suffix}").unlink(missing_ok=True)
    (directory / WORKBOOK).unlink(missing_ok=True)
    if output == "xlsx":
        _write_workbook(directory / WORKBOOK, tables, readers)
        return [directory / WORKBOOK]
    written = []
    for name, rows in tables.items():
        path = directory / f"{name}.{'json' if output == 'json' else 'csv'}"
        if output == "json":
            _write_json(path, rows)
        elif output == "csv-fr":
            _write_french_csv(path, name, rows, readers)
        else:
            _write_csv(path, name, rows)
        written.append(path)
    return written
