"""A client's report site, made from that client's projection only (visibility.project_client)."""
from __future__ import annotations

from datetime import date

from ..metrics.compute import Numbers
from ..model import Workspace
from . import views
from .internal import campaigns_page, card_page, directory_page, method_page, plan_campaign, share_names
from .numbers import ChartMaker
from .plan import NavEntry, SitePlan


def plan_client_site(view: Workspace, client_id: str, today: date, labels: dict[str, str], numbers: Numbers,
                     maker: ChartMaker) -> SitePlan:
    client = view.clients[client_id].client
    plan = SitePlan(name=f"client-{client_id}", kind="client", title=f"{view.settings.agency} — {client.name}",
                    language=view.settings.language, noindex=True)
    address = view.settings.sites.clients.get(client_id)
    plan.site_url = address.url if address else None
    share_names(plan, view)
    home = campaigns_page(view, labels, path="index.md", template="client_home.md", title=client.name)
    home.context["client"] = client
    plan.add(home)
    for campaign in view.campaigns.values():
        plan_campaign(plan, view, campaign, today, labels, numbers, maker)
    plan.add(directory_page(view, labels))
    campaigns_of = views.campaigns_by_influencer(view)
    for card in view.influencers.values():
        plan.add(card_page(view, card, numbers, maker, None, campaigns_of))
    plan.add(method_page(view, labels))
    plan.nav = [NavEntry(labels["home"], "index.md"), NavEntry(labels["influencers"], "influencers/index.md"),
                NavEntry(labels["method"], "method.md")]
    return plan
