"""The public site: published case studies, from the public projection only. Figures are the
campaign's aggregate highlights; charts are images that carry no data and run no script."""
from __future__ import annotations

import re

from .. import charts
from ..metrics.figures import Figure
from ..metrics.series import cumulative
from ..model import Campaign, Workspace
from ..model.metrics_table import MetricsTable
from .branding import Brand, brand_site, publish_image
from .internal import method_page
from .numbers import ChartMaker, kind_of
from .plan import NavEntry, Page, SitePlan


def plan_public_site(view: Workspace, highlights: dict[str, dict[str, Figure]], metrics: dict[str, MetricsTable],
                     labels: dict[str, str], maker: ChartMaker, images: dict[str, bytes],
                     brand: Brand | None = None) -> SitePlan:
    """`highlights` and `metrics` are of the whole campaigns (aggregates only reach the pages); `images`
    are the re-encoded cover and logo files, by their path under content/; `brand`, the agency's logo."""
    settings = view.settings
    plan = SitePlan(name="public", kind="public", title=f"{settings.agency} — {labels['case_studies']}",
                    language=settings.language, site_url=settings.sites.public.url)
    brand_site(plan, view, brand or Brand())
    studies = sorted(view.campaigns.values(), key=lambda c: (c.brief.end, c.id), reverse=True)
    plan.add(Page("index.md", "public_home.md", labels["case_studies"], {
        "studies": [(c, view.clients[c.brief.client].client, _cover(c, images, plan)) for c in studies],
    }, tuple(f"{c.folder}/showcase.md" for c in studies), meta=_meta(labels["case_studies"], labels["public_intro"])))
    for campaign in studies:
        showcase = campaign.showcase
        client = view.clients[campaign.brief.client].client
        figures = [(metric, kind_of(metric), highlights[campaign.id][metric]) for metric in showcase.highlights]
        svg = _chart_svg(campaign, metrics[campaign.id], maker, labels)
        if svg:
            plan.assets[f"assets/charts/{campaign.id}.svg"] = svg
        cover = _cover(campaign, images, plan)
        logo = _image(client.logo, images, plan)
        story = campaign.showcase_text.markdown if campaign.showcase_text else ""
        plan.add(Page(f"case-studies/{campaign.id}.md", "public_study.md", showcase.headline, {
            "campaign": campaign, "showcase": showcase, "client": client, "figures": figures,
            "chart": f"assets/charts/{campaign.id}.svg" if svg else None, "cover": cover, "logo": logo,
            "featured": [(post, view.influencers[post.influencer].card) for post in campaign.posts],
            "named": [view.influencers[i].card for i in sorted({p.influencer for p in campaign.posts})],
            "story": story,
        }, (f"{campaign.folder}/showcase.md",),
            meta=_meta(showcase.headline, _summary(story), cover, settings.sites.public.url)))
    plan.add(method_page(view, labels))
    plan.nav = [NavEntry(labels["case_studies"], "index.md"), NavEntry(labels["method"], "method.md")]
    return plan


def _image(reference: str | None, images: dict[str, bytes], plan: SitePlan) -> str | None:
    if reference is None or reference not in images:
        return None
    return publish_image(plan, reference, images[reference])


def _cover(campaign: Campaign, images: dict[str, bytes], plan: SitePlan) -> str | None:
    return _image(campaign.showcase.cover if campaign.showcase else None, images, plan)


def _chart_svg(campaign: Campaign, table: MetricsTable, maker: ChartMaker, labels: dict[str, str]) -> bytes | None:
    rows = [{"date": day.isoformat(), "metric": labels[f"metric_{metric}"], "value": value}
            for metric in ("reach", "views") for day, value in cumulative(table, metric)]
    if not rows:
        return None
    chart = charts.line_chart(f"study-{campaign.id}", labels["chart_cumulative"], "", rows, x="date", y="value",
                              series="metric", language=maker.formats.language, table=((), ()),
                              titles={"date": labels["date"], "metric": labels["metric"], "value": labels["value"]})
    return charts.static_svg(chart).encode("utf-8")


def _summary(markdown: str, length: int = 200) -> str:
    """The story's first paragraph as plain text, for the description of the page."""
    paragraph = next((p for p in markdown.split("\n\n") if p.strip()), "")
    text = re.sub(r"[*_`#>\[\]]", "", " ".join(paragraph.split()))
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _meta(title: str, description: str, image: str | None = None, site_url: str | None = None) -> dict:
    meta = {"description": description, "og": {"title": title, "description": description}}
    if image and site_url:
        meta["og"]["image"] = f"{site_url.rstrip('/')}/{image}"
    return meta
