"""Projection: the view of the workspace one site may see, by allowlist of visibilities and entities.

A page is made from its site's projection only; a template cannot show what it was never given.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from ..model import Campaign, ClientFile, InfluencerCard, Money, Workspace, visibility_of
from ..model.settings import SiteAddress, Sites

CLIENT_SITE = frozenset({"public", "client"})
PUBLIC_SITE = frozenset({"public"})


def strip(value: Any, allowed: frozenset[str]) -> Any:
    """`value` with every field whose visibility is not allowed set back to its default."""
    if isinstance(value, Money) or not isinstance(value, BaseModel):
        if isinstance(value, tuple):
            return tuple(strip(item, allowed) for item in value)
        if isinstance(value, dict):
            return {key: strip(item, allowed) for key, item in value.items()}
        return value
    fields = {}
    for name, field in type(value).model_fields.items():
        if visibility_of(type(value), name) in allowed:
            fields[name] = strip(getattr(value, name), allowed)
        elif field.is_required():
            raise ValueError(f"{type(value).__name__}.{name} is required but not visible: cannot project it")
        else:
            fields[name] = field.get_default(call_default_factory=True)
    return type(value).model_construct(**fields)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def project_client(workspace: Workspace, client_id: str) -> Workspace:
    """A client's site: its campaigns, the influencers who worked on them, client and public fields."""
    campaigns = {}
    influencer_ids: set[str] = set()
    for campaign in workspace.campaigns.values():
        if campaign.brief.client != client_id:
            continue
        influencer_ids |= {entry.influencer for entry in campaign.brief.roster}
        influencer_ids |= {post.influencer for post in campaign.posts}
        campaigns[campaign.id] = replace(
            campaign, brief=strip(campaign.brief, CLIENT_SITE), contracts=MappingProxyType({}),
            posts=strip(campaign.posts, CLIENT_SITE), mentions=strip(campaign.mentions, CLIENT_SITE),
            report=strip(campaign.report, CLIENT_SITE), showcase=None, showcase_text=None)
    others = {_fold(c.client.name) for i, c in workspace.clients.items() if i != client_id}
    others |= {_fold(i) for i in workspace.clients if i != client_id}
    influencers = {}
    for influencer_id in sorted(influencer_ids & set(workspace.influencers)):
        card = workspace.influencers[influencer_id]
        projected = strip(card.card, CLIENT_SITE)
        # Another client's name is left out even where an influencer lists the brands they worked with.
        brands = tuple(b for b in projected.brands if _fold(b) not in others)
        influencers[influencer_id] = InfluencerCard(card.id, projected.model_copy(update={"brands": brands}),
                                                    card.portrait, card.source)
    client = workspace.clients[client_id]
    clients = {client_id: ClientFile(client.id, strip(client.client, CLIENT_SITE), client.source)}
    own_address = workspace.settings.sites.clients.get(client_id)
    settings = workspace.settings.model_copy(update={
        "sites": Sites(public=SiteAddress(), clients={client_id: own_address} if own_address else {})})
    return Workspace(settings, clients, influencers, campaigns, MappingProxyType({}))
