"""The figures and charts of a page, gathered from the computed numbers. Formatting stays in templates,
except inside charts and their tables, which carry their figures as text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from zoneinfo import ZoneInfo

from .. import charts
from ..metrics.compute import Numbers
from ..metrics.figures import Figure, attainment
from ..metrics.series import cumulative, negative_surges, reach_by_month, sentiment_by_date
from ..model import Campaign, Money, Workspace
from ..model.spelling import slug
from .formatting import Formats

RATES = ("engagement_rate", "ctr", "conversion_rate")
MONEY = ("revenue", "cpm", "cpe", "cpv")
RESULT_ORDER = ("posts", "impressions", "reach", "views", "likes", "comments", "shares", "saves", "engagements",
                "engagement_rate", "clicks", "ctr", "conversions", "conversion_rate", "revenue", "roas", "cpm",
                "cpe", "cpv")
SENTIMENT_COLOURS = {"positive": "#2e7d32", "neutral": "#9e9e9e", "negative": "#c62828"}


def kind_of(metric: str) -> str:
    if metric in RATES:
        return "percent"
    if metric in MONEY:
        return "money"
    if metric == "roas":
        return "ratio"
    return "number"


@dataclass(frozen=True)
class KpiRow:
    metric: str
    kind: str
    target: Any
    actual: Figure
    attainment: Any

    @property
    def state(self) -> str:
        """reached, missed, or unknown (nothing measured yet): how a tile shows the target."""
        if self.attainment is None:
            return "unknown"
        return "reached" if self.attainment >= 1 else "missed"


def kpi_rows(campaign: Campaign, figures: dict[str, Figure]) -> list[KpiRow]:
    rows = []
    for metric, target in campaign.brief.kpis:
        if target is None:
            continue
        value = target.amount if isinstance(target, Money) else target
        rows.append(KpiRow(metric, kind_of(metric), target, figures[metric], attainment(metric, figures[metric], value)))
    return rows


class ChartMaker:
    """Charts of one site, with labels in its language and ids unique and stable."""

    def __init__(self, formats: Formats, labels: dict[str, str]):
        self.formats = formats
        self.labels = labels

    def network(self, code: str) -> str:
        """A network by its own name (TikTok, YouTube), as the catalogue writes it."""
        return str(self.labels.get(f"network_{code}", code))

    def shown(self, figure_value: Any, kind: str) -> str:
        if kind == "percent":
            return self.formats.percent(figure_value)
        if kind == "money":
            return self.formats.money(Money(amount=figure_value)) if figure_value is not None else self.formats.missing
        if kind == "ratio":
            return self.formats.decimal(round(figure_value, 2)) if figure_value is not None else self.formats.missing
        return self.formats.number(figure_value)

    def campaign(self, workspace: Workspace, numbers: Numbers, campaign: Campaign, names: dict[str, str],
                 kpis: list[KpiRow]) -> list[charts.Chart]:
        made = []
        label = self.labels
        language = self.formats.language
        slug = f"campaign-{campaign.id}"
        rows, table = [], []
        for metric in ("reach", "views"):
            for day, value in cumulative(campaign.metrics, metric):
                rows.append({"date": day.isoformat(), "metric": label[f"metric_{metric}"], "value": value})
                table.append((self.formats.day(day), label[f"metric_{metric}"], self.formats.number(value)))
        if rows:
            made.append(charts.line_chart(
                f"{slug}-cumulative", label["chart_cumulative"], label["chart_cumulative_alt"], rows, x="date",
                y="value", series="metric", language=language,
                titles={"date": label["date"], "metric": label["metric"], "value": label["value"]},
                table=((label["date"], label["metric"], label["value"]), tuple(table))))
        items = numbers.posts[campaign.id]
        for dimension, key in (("influencer", lambda i: names.get(i.post.influencer, i.post.influencer)),
                               ("network", lambda i: self.network(i.post.network))):
            totals = _group(items, key)
            if totals:
                made.append(charts.bar_chart(
                    f"{slug}-engagements-{dimension}", label[f"chart_engagements_{dimension}"],
                    label[f"chart_engagements_{dimension}_alt"],
                    [{"name": name, "engagements": value} for name, value in totals], category="name",
                    value="engagements", language=language,
                    titles={"name": label[dimension], "engagements": label["metric_engagements"]},
                    table=((label[dimension], label["metric_engagements"]),
                           tuple((name, self.formats.number(value)) for name, value in totals))))
        reached = [k for k in kpis if k.attainment is not None]
        if reached:
            made.append(charts.bar_chart(
                f"{slug}-attainment", label["chart_attainment"], label["chart_attainment_alt"],
                [{"kpi": label[f"metric_{k.metric}"], "attainment": k.attainment} for k in reached],
                category="kpi", value="attainment", language=language, percent=True, target=1.0, sort=False,
                titles={"kpi": label["metric"], "attainment": label["attainment"]},
                table=((label["metric"], label["attainment"]),
                       tuple((label[f"metric_{k.metric}"], self.formats.percent(k.attainment)) for k in reached))))
        if campaign.mentions:
            counts = sentiment_by_date(campaign.mentions)
            made.append(charts.stacked_bars(
                f"{slug}-sentiment", label["chart_sentiment"], label["chart_sentiment_alt"],
                [{"date": d.isoformat(), "sentiment": label[f"sentiment_{s}"], "mentions": n} for d, s, n in counts],
                x="date", y="mentions", stack="sentiment", language=language,
                colors={label[f"sentiment_{s}"]: c for s, c in SENTIMENT_COLOURS.items()},
                titles={"date": label["date"], "sentiment": label["sentiment"], "mentions": label["mentions_count"]},
                table=((label["date"], label["sentiment"], label["mentions"]),
                       tuple((self.formats.day(d), label[f"sentiment_{s}"], str(n)) for d, s, n in counts))))
        return made

    def influencer(self, influencer_id: str, workspace: Workspace, numbers: Numbers) -> list[charts.Chart]:
        label = self.labels
        language = self.formats.language
        card = workspace.influencers[influencer_id].card
        followers = [(self.network(network), account.followers) for network, account in sorted(card.networks.items())]
        made = [charts.bar_chart(
            f"influencer-{influencer_id}-followers", label["chart_followers"], label["chart_followers_alt"],
            [{"network": n, "followers": f} for n, f in followers], category="network", value="followers",
            language=language, titles={"network": label["network"], "followers": label["followers"]},
            table=((label["network"], label["followers"]),
                                      tuple((n, self.formats.number(f)) for n, f in followers)))]
        rates = [(self.network(n), f["engagement_rate"].value)
                 for n, f in numbers.influencer_networks[influencer_id].items()
                 if f["engagement_rate"].value is not None]
        if rates:
            made.append(charts.bar_chart(
                f"influencer-{influencer_id}-engagement-rate", label["chart_engagement_rate"],
                label["chart_engagement_rate_alt"], [{"network": n, "rate": r} for n, r in rates],
                category="network", value="rate", language=language, percent=True,
                titles={"network": label["network"], "rate": label["metric_engagement_rate"]},
                table=((label["network"], label["metric_engagement_rate"]),
                       tuple((n, self.formats.percent(r)) for n, r in rates))))
        return made

    def reach_by_month(self, numbers: Numbers, zone: ZoneInfo, chart_id: str) -> list[charts.Chart]:
        items = [item for posts in numbers.posts.values() for item in posts]
        # A month as the site's language writes it, « mars 2026 », not its ISO code.
        months = [(self.formats.month(m), r, n) for m, r, n in reach_by_month(items, zone)]
        if not months:
            return []
        label = self.labels
        return [charts.bar_chart(
            chart_id, label["chart_reach_month"], label["chart_reach_month_alt"],
            [{"month": m, "reach": r} for m, r, _ in months], category="month", value="reach",
            language=self.formats.language, sort=False,
            titles={"month": label["month"], "reach": label["metric_reach"]},
            table=((label["month"], label["metric_reach"], label["posts"]),
                   tuple((m, self.formats.number(r), str(n)) for m, r, n in months)))]


def _group(items, key: Callable) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for item in items:
        if item.engagements is not None:
            totals[key(item)] = totals.get(key(item), 0) + int(item.engagements.value)
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))


def surges(campaign: Campaign) -> list:
    return negative_surges(campaign.mentions or ())


def topic_slug(topic: str) -> str:
    return slug(topic, "topic")
