"""The internal site: the agency's whole workspace."""
from __future__ import annotations

from datetime import date

from ..compliance.check import Finding
from ..compliance.rules import JURISDICTIONS
from ..metrics.compute import Numbers
from ..metrics.figures import engagement_rate, rollup
from ..metrics.influencers import ranking
from ..model import Campaign, Workspace
from ..model.settings import SCORE_COMPONENTS
from . import views
from .branding import Brand, brand_site
from .findings import compliance_overview, group_by_rule
from .numbers import RESULT_ORDER, ChartMaker, kind_of, kpi_rows, surges, topic_slug
from .report import report_page
from .plan import NavEntry, Page, SitePlan
from .views import Paths


# The comparison score's components, in the workspace's order, each with how its value is formatted.
SCORE_COLUMNS = [(component, {"engagement_rate": "percent", "reliability": "percent", "cpe": "money"}.get(
    component, "number")) for component in SCORE_COMPONENTS]


def plan_internal_site(workspace: Workspace, today: date, labels: dict[str, str], numbers: Numbers,
                       maker: ChartMaker, findings: list[Finding], brand: Brand | None = None) -> SitePlan:
    settings = workspace.settings
    plan = SitePlan(name="internal", kind="internal", title=settings.agency, language=settings.language)
    brand_site(plan, workspace, brand or Brand())
    everything = ("content/workspace.yml",)
    share_names(plan, workspace)
    upcoming, overdue = views.next_steps(workspace, today)
    live = [c for c in workspace.campaigns.values() if c.brief.status == "live"]
    everywhere = [item for items in numbers.posts.values() for item in items]
    plan.add(Page("index.md", "dashboard.md", labels["dashboard"], {
        "today": today, "live": live, "watch": views.deliverables_to_watch(workspace, today),
        "upcoming": upcoming, "overdue": overdue, "totals": rollup(everywhere, None),
        "charts": maker.reach_by_month(numbers, views.zone_of(workspace), "dashboard-reach-by-month"),
    }, everything))
    topic_pages = _topic_pages(numbers)
    plan.add(directory_page(workspace, labels, numbers))
    campaigns_of = views.campaigns_by_influencer(workspace)
    for card in workspace.influencers.values():
        plan.add(card_page(workspace, card, numbers, maker, topic_pages, campaigns_of))
    plan.add(Page("clients/index.md", "clients.md", labels["clients"], {
        "clients": list(workspace.clients.values()),
        "campaign_counts": {c.id: len(views.campaigns_of_client(workspace, c.id)) for c in workspace.clients.values()},
    },
                  tuple(c.source for c in workspace.clients.values())))
    for client in workspace.clients.values():
        plan.add(Page(Paths.client(client.id), "client.md", client.client.name, {
            "entry": client, "client": client.client,
            "campaigns": views.campaigns_of_client(workspace, client.id),
        }, (client.source,)))
    plan.add(campaigns_page(workspace, labels))
    for campaign in workspace.campaigns.values():
        plan_campaign(plan, workspace, campaign, today, labels, numbers, maker)
        plan.add(Page(Paths.campaign(campaign.id, "compliance"), "compliance.md",
                      f"{campaign.brief.title} — {labels['compliance']}",
                      {"campaign": campaign, "brief": campaign.brief, "tabs": _tabs(campaign, labels),
                       "groups": group_by_rule([f for f in findings if f.campaign == campaign.id],
                                               settings.language),
                       "jurisdiction": JURISDICTIONS[settings.jurisdiction]},
                      (f"{campaign.folder}/brief.md", f"{campaign.folder}/posts.csv",
                       *(f"{campaign.folder}/contracts/{i}.yml" for i in campaign.contracts))))
    plan.add(Page("compliance/index.md", "compliance_overview.md", labels["compliance"],
                  compliance_overview(workspace, findings),
                  tuple(f"{c.folder}/brief.md" for c in workspace.campaigns.values())))
    plan.add(Page("comparison/index.md", "comparison_index.md", labels["comparison"], {
        "topics": [(topic, topic_pages[topic], len(scores)) for topic, scores in numbers.scores.items()],
    }, tuple(card.source for card in workspace.influencers.values())))
    for topic, scores in numbers.scores.items():
        ranked = ranking(scores)
        plan.add(Page(topic_pages[topic], "comparison.md", f"{labels['comparison']} — {topic}", {
            "topic": topic, "ranked": ranked, "weights": settings.score, "components": SCORE_COLUMNS,
        }, tuple(workspace.influencers[i].source for i in scores)))
    plan.add(method_page(workspace, labels))
    plan.add(Page("journal.md", "journal.md", labels["journal"], {
        "upcoming": upcoming, "overdue": overdue, "entries": views.journal(workspace),
    }, tuple(card.source for card in workspace.influencers.values() if card.card.interactions)))
    plan.nav = [NavEntry(labels["dashboard"], "index.md"), NavEntry(labels["influencers"], "influencers/index.md"),
                NavEntry(labels["clients"], "clients/index.md"), NavEntry(labels["campaigns"], "campaigns/index.md"),
                NavEntry(labels["comparison"], "comparison/index.md"),
                NavEntry(labels["compliance"], "compliance/index.md"), NavEntry(labels["journal"], "journal.md"),
                NavEntry(labels["method"], "method.md")]
    return plan


def share_names(plan: SitePlan, workspace: Workspace) -> None:
    plan.shared["client_names"] = {c.id: c.client.name for c in workspace.clients.values()}
    plan.shared["influencer_names"] = {c.id: c.card.name for c in workspace.influencers.values()}


def card_page(workspace: Workspace, card, numbers: Numbers, maker: ChartMaker,
              topic_pages: dict[str, str] | None, campaigns_of: dict[str, list[Campaign]]) -> Page:
    """An identity card; scores by topic only where the site has comparison pages. `campaigns_of`:
    views.campaigns_by_influencer of the same workspace."""
    return Page(Paths.influencer(card.id), "influencer.md", card.card.name, {
        "card": card, "influencer": card.card,
        "has_followers_on": any(a.followers_on for a in card.card.networks.values()),
        "campaigns": campaigns_of.get(card.id, []),
        "by_network": views.network_figures(card.card, numbers.influencer_networks[card.id]),
        "readings": views.declared_readings(card.card), "best": numbers.best[card.id],
        "declared": views.declared_posts(card.card.best_posts),
        "frequency": numbers.frequency[card.id],
        "scores": [(topic, topic_pages[topic], numbers.scores[topic][card.id]) for topic in card.card.topics]
        if topic_pages is not None else [],
        "score_columns": SCORE_COLUMNS,
        "charts": maker.influencer(card.id, workspace, numbers),
    }, (card.source,))


def directory_page(workspace: Workspace, labels: dict[str, str], numbers: Numbers) -> Page:
    return Page("influencers/index.md", "directory.md", labels["influencers"], {
        "rows": views.directory_rows(workspace, numbers.components),
        "topics": sorted({t for c in workspace.influencers.values() for t in c.card.topics}),
        "networks": sorted({n for c in workspace.influencers.values() for n in c.card.networks}),
    }, tuple(card.source for card in workspace.influencers.values()))


def campaigns_page(workspace: Workspace, labels: dict[str, str], path: str = "campaigns/index.md",
                   template: str = "campaigns.md", title: str | None = None) -> Page:
    return Page(path, template, title or labels["campaigns"], {
        "campaigns": sorted(workspace.campaigns.values(), key=lambda c: (c.brief.start, c.id), reverse=True),
    }, tuple(f"{c.folder}/brief.md" for c in workspace.campaigns.values()))


def method_page(workspace: Workspace, labels: dict[str, str]) -> Page:
    return Page("method.md", "method.md", labels["method"], {"settings": workspace.settings}, ("content/workspace.yml",))


def _topic_pages(numbers: Numbers) -> dict[str, str]:
    pages: dict[str, str] = {}
    for topic in numbers.scores:
        slug = topic_slug(topic)
        while f"comparison/{slug}.md" in pages.values() or slug == "index":  # index.md lists the topics
            slug += "-2"
        pages[topic] = f"comparison/{slug}.md"
    return pages


def plan_campaign(plan: SitePlan, workspace: Workspace, campaign, today: date, labels: dict[str, str],
                  numbers: Numbers, maker: ChartMaker) -> None:
    """A campaign's section: brief, roster, posts, results, report; contracts only on the internal site."""
    internal = plan.kind == "internal"
    folder = campaign.folder
    brief = f"{folder}/brief.md"
    wording, suggested = views.disclosure_wording(workspace, campaign)
    common = {"campaign": campaign, "brief": campaign.brief,
              "client_name": views.client_name(workspace, campaign.brief.client),
              "tabs": _tabs(campaign, labels, internal)}
    plan.add(Page(Paths.campaign(campaign.id), "brief.md", campaign.brief.title,
                  common | {"disclosure": wording, "disclosure_suggested": suggested,
                            "kpi_targets": views.kpi_targets(campaign.brief)}, (brief,)))
    plan.add(Page(Paths.campaign(campaign.id, "roster"), "roster.md",
                  f"{campaign.brief.title} — {labels['roster']}",
                  common | {"statuses": views.statuses(workspace, campaign, today),
                            "cast": [(e.influencer, numbers.components[e.influencer]) for e in campaign.brief.roster
                                     if e.influencer in numbers.components],
                            "names": {e.influencer: views.influencer_name(workspace, e.influencer)
                                      for e in campaign.brief.roster}},
                  (brief, f"{folder}/posts.csv")))
    if internal:
        contract_sources = tuple(f"{folder}/contracts/{i}.yml" for i in campaign.contracts)
        influencers = sorted({e.influencer for e in campaign.brief.roster} | set(campaign.contracts))
        plan.add(Page(Paths.campaign(campaign.id, "contracts"), "contracts.md",
                      f"{campaign.brief.title} — {labels['contracts']}",
                      common | {"rows": [(i, views.influencer_name(workspace, i), contract,
                                          views.rights_end(campaign, contract.usage_rights.months)
                                          if contract and contract.usage_rights else None)
                                         for i in influencers for contract in [campaign.contracts.get(i)]]},
                      (brief, *contract_sources)))
    figures = numbers.campaigns[campaign.id]
    kpis = kpi_rows(campaign, figures)
    names = {e.influencer: views.influencer_name(workspace, e.influencer) for e in campaign.brief.roster}
    names.update({p.influencer: views.influencer_name(workspace, p.influencer) for p in campaign.posts})
    charts = maker.campaign(workspace, numbers, campaign, names, kpis)
    measured = (f"{folder}/posts.csv", f"{folder}/metrics.csv",
                *((f"{folder}/mentions.csv",) if campaign.mentions is not None else ()))
    plan.add(Page(Paths.campaign(campaign.id, "results"), "results.md", f"{campaign.brief.title} — {labels['results']}",
                  common | {"kpis": kpis, "figures": figures, "order": [(m, kind_of(m)) for m in RESULT_ORDER],
                            "fees": numbers.fees[campaign.id], "margin": numbers.margins[campaign.id],
                            "names": names, "charts": charts,
                            "post_rows": [(item, engagement_rate(item)) for item in numbers.posts[campaign.id]],
                            # While a campaign is live, its results warn of what its report will say.
                            "surges": surges(campaign) if campaign.brief.status == "live" else []},
                  (brief, *measured)))
    report = report_page(plan, workspace, campaign, common, kpis, charts, labels,
                         (f"{folder}/report.md", brief, *measured))
    if report is not None:
        plan.add(report)
    plan.add(Page(Paths.campaign(campaign.id, "posts"), "posts.md", f"{campaign.brief.title} — {labels['posts']}",
                  common | {"posts": sorted(campaign.posts, key=lambda p: (p.published_on(views.zone_of(workspace)),
                                                                          p.id)),
                            "names": {p.influencer: views.influencer_name(workspace, p.influencer)
                                      for p in campaign.posts}},
                  (f"{folder}/posts.csv",)))


def _tabs(campaign, labels: dict[str, str], internal: bool = True) -> list[tuple[str, str]]:
    tabs = [("brief", "index"), ("roster", "roster"), *([("contracts", "contracts")] if internal else []),
            ("posts", "posts"), ("results", "results"), *([("report", "report")] if campaign.report else []),
            *([("compliance", "compliance")] if internal else [])]
    return [(labels[label], Paths.campaign(campaign.id, page)) for label, page in tabs]
