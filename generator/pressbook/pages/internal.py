"""The internal site: the agency's whole workspace."""
from __future__ import annotations

from datetime import date

from ..model import Workspace
from . import views
from .plan import NavEntry, Page, SitePlan
from .views import Paths


def plan_internal_site(workspace: Workspace, today: date, labels: dict[str, str]) -> SitePlan:
    settings = workspace.settings
    plan = SitePlan(name="internal", kind="internal", title=settings.agency, language=settings.language)
    everything = ("content/workspace.yml",)
    plan.shared["client_names"] = {c.id: c.client.name for c in workspace.clients.values()}
    plan.shared["influencer_names"] = {c.id: c.card.name for c in workspace.influencers.values()}
    upcoming, overdue = views.next_steps(workspace, today)
    live = [c for c in workspace.campaigns.values() if c.brief.status == "live"]
    plan.add(Page("index.md", "dashboard.md", labels["dashboard"], {
        "today": today, "live": live, "watch": views.deliverables_to_watch(workspace, today),
        "upcoming": upcoming, "overdue": overdue,
    }, everything))
    plan.add(Page("influencers/index.md", "directory.md", labels["influencers"], {
        "rows": views.directory_rows(workspace),
        "topics": sorted({t for c in workspace.influencers.values() for t in c.card.topics}),
        "networks": sorted({n for c in workspace.influencers.values() for n in c.card.networks}),
    }, tuple(card.source for card in workspace.influencers.values())))
    for card in workspace.influencers.values():
        plan.add(Page(Paths.influencer(card.id), "influencer.md", card.card.name, {
            "card": card, "influencer": card.card,
            "has_followers_on": any(a.followers_on for a in card.card.networks.values()),
            "campaigns": views.campaigns_of_influencer(workspace, card.id),
        }, (card.source,)))
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
    plan.add(Page("campaigns/index.md", "campaigns.md", labels["campaigns"], {
        "campaigns": sorted(workspace.campaigns.values(), key=lambda c: (c.brief.start, c.id), reverse=True),
    }, tuple(f"{c.folder}/brief.md" for c in workspace.campaigns.values())))
    for campaign in workspace.campaigns.values():
        _plan_campaign(plan, workspace, campaign, today, labels)
    plan.add(Page("journal.md", "journal.md", labels["journal"], {
        "upcoming": upcoming, "overdue": overdue, "entries": views.journal(workspace),
    }, tuple(card.source for card in workspace.influencers.values() if card.card.interactions)))
    plan.nav = [NavEntry(labels["dashboard"], "index.md"), NavEntry(labels["influencers"], "influencers/index.md"),
                NavEntry(labels["clients"], "clients/index.md"), NavEntry(labels["campaigns"], "campaigns/index.md"),
                NavEntry(labels["journal"], "journal.md")]
    return plan


def _plan_campaign(plan: SitePlan, workspace: Workspace, campaign, today: date, labels: dict[str, str]) -> None:
    folder = campaign.folder
    brief = f"{folder}/brief.md"
    wording, suggested = views.disclosure_wording(workspace, campaign)
    common = {"campaign": campaign, "brief": campaign.brief,
              "client_name": views.client_name(workspace, campaign.brief.client),
              "tabs": _tabs(campaign, labels)}
    plan.add(Page(Paths.campaign(campaign.id), "brief.md", campaign.brief.title,
                  common | {"disclosure": wording, "disclosure_suggested": suggested,
                            "kpi_targets": views.kpi_targets(campaign.brief)}, (brief,)))
    plan.add(Page(Paths.campaign(campaign.id, "roster"), "roster.md",
                  f"{campaign.brief.title} — {labels['roster']}",
                  common | {"statuses": views.statuses(workspace, campaign, today),
                            "names": {e.influencer: views.influencer_name(workspace, e.influencer)
                                      for e in campaign.brief.roster}},
                  (brief, f"{folder}/posts.csv")))
    contract_sources = tuple(f"{folder}/contracts/{i}.yml" for i in campaign.contracts)
    influencers = sorted({e.influencer for e in campaign.brief.roster} | set(campaign.contracts))
    plan.add(Page(Paths.campaign(campaign.id, "contracts"), "contracts.md",
                  f"{campaign.brief.title} — {labels['contracts']}",
                  common | {"rows": [(i, views.influencer_name(workspace, i), campaign.contracts.get(i))
                                     for i in influencers],
                            "rights_end": lambda months: views.rights_end(campaign, months)},
                  (brief, *contract_sources)))
    plan.add(Page(Paths.campaign(campaign.id, "posts"), "posts.md", f"{campaign.brief.title} — {labels['posts']}",
                  common | {"posts": sorted(campaign.posts, key=lambda p: (p.published_on(views.zone_of(workspace)),
                                                                          p.id)),
                            "names": {p.influencer: views.influencer_name(workspace, p.influencer)
                                      for p in campaign.posts}},
                  (f"{folder}/posts.csv",)))


def _tabs(campaign, labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(labels["brief"], Paths.campaign(campaign.id)), (labels["roster"], Paths.campaign(campaign.id, "roster")),
            (labels["contracts"], Paths.campaign(campaign.id, "contracts")),
            (labels["posts"], Paths.campaign(campaign.id, "posts"))]
