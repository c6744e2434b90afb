"""Every compliance rule applied to every campaign: findings located at the post's row, the brief's
key or the contract's key, in words that say what is missing and what would satisfy the rule."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable
from zoneinfo import ZoneInfo

from ..messages import Message, listed, says
from ..metrics.deliverables import deliverable_statuses
from ..model import Campaign, Post, Workspace
from ..problems import Location, Problem
from .matching import brand_tokens, find, trailing_hashtags_start, up_front
from .rules import EVERYWHERE, JURISDICTIONS, Jurisdiction, Rule
from ..timing import timed


@dataclass(frozen=True)
class Finding:
    rule: Rule
    location: Location
    message: Message
    hint: Message | None = None
    campaign: str | None = None
    influencer: str | None = None
    post: str | None = None
    key: str = ""

    def problem(self) -> Problem:
        return Problem(self.location, self.rule.severity, self.rule.id, self.message,  # type: ignore[arg-type]
                       self.hint, key=self.key, blocks_build=False)


@timed("compliance")
def check_compliance(workspace: Workspace, today: date) -> list[Finding]:
    jurisdiction = JURISDICTIONS[workspace.settings.jurisdiction]
    zone = ZoneInfo(workspace.settings.timezone)
    findings: list[Finding] = []
    for campaign in workspace.campaigns.values():
        findings += _posts(workspace, jurisdiction, campaign)
        findings += _brief(workspace, jurisdiction, campaign)
        findings += _deliverables(workspace, campaign, today, zone)
        findings += _showcase(workspace, campaign, today)
    findings += _contracts(workspace, jurisdiction, zone)
    return sorted(findings, key=lambda f: (f.location, f.rule.id, str(f.message)))


# The flags of a post that an image rule reads, in words.
_FLAGS = {"edited_image": says("compliance.flag.edited-image"), "virtual_image": says("compliance.flag.virtual-image")}
# A contract's status, in words.
_STATUSES = {"draft": says("compliance.contract.draft"), "sent": says("compliance.contract.sent"),
             "signed": says("compliance.contract.signed"), "cancelled": says("compliance.contract.cancelled")}


def _brands(workspace: Workspace, campaign: Campaign) -> list[str]:
    client = workspace.clients.get(campaign.brief.client)
    return [*campaign.brief.mentions, *campaign.brief.hashtags, *([client.client.name] if client else [])]


def _posts(workspace: Workspace, jurisdiction: Jurisdiction, campaign: Campaign) -> Iterable[Finding]:
    brief = campaign.brief
    roster = {entry.influencer for entry in brief.roster}
    accepted = [*jurisdiction.accepted, *brand_tokens(jurisdiction.brand_patterns, _brands(workspace, campaign))]
    if brief.disclosure:
        accepted.append(brief.disclosure)
    for index, post in enumerate(campaign.posts):
        where = campaign.post_location(index)
        context = {"campaign": campaign.id, "influencer": post.influencer, "post": post.id}
        if post.influencer in workspace.influencers and post.influencer not in roster:
            yield Finding(EVERYWHERE["unplanned"], where, says("compliance.unplanned", id=post.influencer),
                          says("compliance.unplanned.hint"), key="influencer", **context)
        disclosure = _disclosure(jurisdiction, post, accepted)
        if disclosure:
            yield Finding(disclosure[0], where, disclosure[1], disclosure[2], key="caption", **context)
        for flag, rule, tokens in jurisdiction.image_rules:
            if getattr(post, flag) and not find(post.caption, tokens):
                yield Finding(rule, where, says("compliance.flag", flag=_FLAGS.get(flag, flag.replace("_", " "))),
                              says("compliance.flag.hint", token=tokens[0]), key="caption", **context)
        if jurisdiction.approval and brief.approval == "required":
            published = post.published.date() if isinstance(post.published, datetime) else post.published
            if post.approved is None or post.approved > published:
                message = says("compliance.never-approved") if post.approved is None else \
                    says("compliance.approved-late", approved=post.approved)
                yield Finding(jurisdiction.approval, where, message, says("compliance.approval.hint"),
                              key="approved", **context)
        if jurisdiction.gambling_rule and brief.category == "gambling" and not find(post.caption,
                                                                                   jurisdiction.age_mentions):
            yield Finding(jurisdiction.gambling_rule, where, says("compliance.gambling-post"),
                          says("compliance.gambling-post.hint", first=jurisdiction.age_mentions[0],
                               second=jurisdiction.age_mentions[3]), key="caption", **context)


def _disclosure(jurisdiction: Jurisdiction, post: Post, accepted: list[str]) -> tuple[Rule, Message, Message] | None:
    """At most one disclosure finding a post: none at all, only weak mentions, or a misplaced one."""
    clear = find(post.caption, accepted)
    suggestion = says("compliance.disclosure.hint", mention=jurisdiction.suggested.format(brand="marque"))
    if clear:
        run = trailing_hashtags_start(post.caption)
        placed = [m for m in clear if m.start < run and up_front(post.caption, m.start, jurisdiction.first_lines,
                                                                   jurisdiction.first_characters)]
        if placed:
            return None
        rule = jurisdiction.placement or jurisdiction.disclosure
        where = says("compliance.first-lines-or-characters", lines=jurisdiction.first_lines,
                     characters=jurisdiction.first_characters) if jurisdiction.first_characters else \
            says("compliance.first-lines", lines=jurisdiction.first_lines)
        return (rule, says("compliance.placement", token=clear[0].token, where=where), suggestion)
    weak = find(post.caption, jurisdiction.weak)
    if weak or (jurisdiction.label_alone_is_weak and post.paid_label):
        shown = listed((says("compliance.token", token=m.token) for m in weak), "and") if weak else \
            says("compliance.paid-label")
        return (jurisdiction.weak_rule, says("compliance.weak", shown=shown, n=max(len(weak), 1)), suggestion)
    return (jurisdiction.disclosure, says("compliance.no-mention"), suggestion)


def _brief(workspace: Workspace, jurisdiction: Jurisdiction, campaign: Campaign) -> Iterable[Finding]:
    brief = campaign.brief
    path = f"{campaign.folder}/brief.md"
    if jurisdiction.restricted_rule and brief.category in jurisdiction.restricted:
        yield Finding(jurisdiction.restricted_rule, workspace.locate(path, ("category",)),
                      says("compliance.restricted", category=brief.category), says("compliance.restricted.hint"),
                      campaign=campaign.id, key="category")
    if jurisdiction.gambling_rule and brief.category == "gambling":
        if not brief.age_gated:
            yield Finding(jurisdiction.gambling_rule, workspace.locate(path, ("category",)),
                          says("compliance.age-gate"), says("compliance.age-gate.hint"), campaign=campaign.id,
                          key="age_gated")
        for index, entry in enumerate(brief.roster):
            card = workspace.influencers.get(entry.influencer)
            if card and card.card.minor:
                yield Finding(jurisdiction.gambling_rule, workspace.locate(path, ("roster", index, "influencer")),
                              says("compliance.minor-gambling", name=card.card.name),
                              says("compliance.minor-gambling.hint"), campaign=campaign.id,
                              influencer=entry.influencer, key=f"roster[{index}].influencer")
    if jurisdiction.minor_rule:
        for index, entry in enumerate(brief.roster):
            card = workspace.influencers.get(entry.influencer)
            paid = any(m is not None and m.amount > 0 for m in (entry.fee, entry.in_kind))
            if card and card.card.minor and paid:
                yield Finding(jurisdiction.minor_rule, workspace.locate(path, ("roster", index, "influencer")),
                              says("compliance.minor-paid", name=card.card.name), says("compliance.minor-paid.hint"),
                              campaign=campaign.id, influencer=entry.influencer, key=f"roster[{index}].influencer")


def _deliverables(workspace: Workspace, campaign: Campaign, today: date, zone: ZoneInfo) -> Iterable[Finding]:
    path = f"{campaign.folder}/brief.md"
    keys = [("roster", i, "deliverables", j, "due") for i, entry in enumerate(campaign.brief.roster)
            for j, _ in enumerate(entry.deliverables)]
    for key, status in zip(keys, deliverable_statuses(campaign, today, zone)):
        if status.deliverable.due < today and status.on_time < status.deliverable.count:
            yield Finding(EVERYWHERE["late"], workspace.locate(path, key),
                          says("compliance.late", influencer=status.influencer, on_time=status.on_time,
                               count=status.deliverable.count, format=status.deliverable.format,
                               network=status.deliverable.network, due=status.deliverable.due),
                          says("compliance.late.hint"), campaign=campaign.id, influencer=status.influencer,
                          key=f"roster[{key[1]}].deliverables[{key[3]}].due")


def _amount(value) -> Decimal:
    return value.amount if value is not None else Decimal(0)


def _contracts(workspace: Workspace, jurisdiction: Jurisdiction, zone: ZoneInfo) -> Iterable[Finding]:
    threshold = jurisdiction.contract_threshold
    if threshold is None:
        return
    rules = jurisdiction.contract_rules
    totals: dict[tuple[str, str, int], Decimal] = {}
    for campaign in workspace.campaigns.values():
        if campaign.brief.status == "cancelled":
            continue
        for entry in campaign.brief.roster:
            key = (entry.influencer, campaign.brief.client, campaign.brief.start.year)
            totals[key] = totals.get(key, Decimal(0)) + _amount(entry.fee) + _amount(entry.in_kind)
    for campaign in workspace.campaigns.values():
        if campaign.brief.status == "cancelled":
            continue
        brief_path = f"{campaign.folder}/brief.md"
        for index, entry in enumerate(campaign.brief.roster):
            total = totals[(entry.influencer, campaign.brief.client, campaign.brief.start.year)]
            contract = campaign.contracts.get(entry.influencer)
            path = f"{campaign.folder}/contracts/{entry.influencer}.yml"
            context = {"campaign": campaign.id, "influencer": entry.influencer}
            paid = _amount(entry.fee) + _amount(entry.in_kind)
            if total < threshold:
                if contract is None and paid > 0:
                    yield Finding(rules["advised"], workspace.locate(brief_path, ("roster", index, "influencer")),
                                  says("compliance.contract-advised", id=entry.influencer, paid=paid,
                                       currency=workspace.settings.currency, year=campaign.brief.start.year,
                                       threshold=threshold),
                                  says("compliance.contract-advised.hint"),
                                  key=f"roster[{index}]", **context)
                continue
            posts = [p.published_on(zone) for p in campaign.posts if p.influencer == entry.influencer]
            first = min(posts) if posts else None
            signed = contract is not None and contract.status == "signed" and contract.signed_on is not None
            in_time = signed and (first is None or contract.signed_on <= first)
            if not in_time:
                state = (says("compliance.no-contract") if contract is None else
                         says("compliance.contract-is", status=_STATUSES.get(contract.status, contract.status))
                         if not signed else says("compliance.signed-late", signed=contract.signed_on))
                where = (workspace.locate(path, ("status",)) if contract is not None else
                         workspace.locate(brief_path, ("roster", index, "influencer")))
                message = says("compliance.contract-required", id=entry.influencer, total=total,
                               currency=workspace.settings.currency, year=campaign.brief.start.year,
                               threshold=threshold, state=state)
                rule = rules["required"] if first is not None else rules["pending"]
                hint = (says("compliance.sign-before.hint") if first is None else
                        says("compliance.signed-by.hint", first=first))
                yield Finding(rule, where, message, hint, key="status" if contract else f"roster[{index}]", **context)
            if contract is not None:  # the threshold is reached: the contract must hold every clause
                yield from _clauses(workspace, jurisdiction, path, contract, context)


def _clauses(workspace: Workspace, jurisdiction: Jurisdiction, path: str, contract, context) -> Iterable[Finding]:
    missing = [c for c in jurisdiction.contract_clauses if c not in contract.clauses]
    if missing:
        yield Finding(jurisdiction.contract_rules["clauses"], workspace.locate(path, ("clauses",)),
                      says("compliance.clauses", clauses=listed(missing, ",")), says("compliance.clauses.hint"),
                      key="clauses", **context)
    for index, party in enumerate(contract.parties):
        if not party.address or not party.tax_residence:
            yield Finding(jurisdiction.contract_rules["clauses"], workspace.locate(path, ("parties", index)),
                          says("compliance.party-address", name=party.name) if not party.address else
                          says("compliance.party-residence", name=party.name),
                          says("compliance.party.hint"), key=f"parties[{index}]", **context)


def _showcase(workspace: Workspace, campaign: Campaign, today: date) -> Iterable[Finding]:
    showcase = campaign.showcase
    if showcase is None:
        return
    path = f"{campaign.folder}/showcase.md"
    client = workspace.clients.get(campaign.brief.client)
    if showcase.publish and client and not client.client.consent.public:
        yield Finding(EVERYWHERE["consent"], workspace.locate(path, ("publish",)),
                      says("compliance.client-consent", name=client.client.name),
                      says("compliance.client-consent.hint"), campaign=campaign.id, key="publish")
    posts = {post.id: post for post in campaign.posts}
    for index, post_id in enumerate(showcase.featured_posts):
        post = posts.get(post_id)
        if post is None:
            continue
        card = workspace.influencers.get(post.influencer)
        where = workspace.locate(path, ("featured_posts", index))
        context = {"campaign": campaign.id, "influencer": post.influencer, "post": post_id}
        if card and not card.card.consent.public:
            yield Finding(EVERYWHERE["consent"], where, says("compliance.influencer-consent", name=card.card.name),
                          says("compliance.influencer-consent.hint"), key=f"featured_posts[{index}]", **context)
        contract = campaign.contracts.get(post.influencer)
        rights = contract.usage_rights if contract else None
        if rights is None or "case_study" not in rights.channels:
            yield Finding(EVERYWHERE["rights"], where, says("compliance.no-rights", post=post_id),
                          says("compliance.no-rights.hint"), key=f"featured_posts[{index}]", **context)
        elif usage_rights_end(campaign.brief.end, rights.months) < today:
            yield Finding(EVERYWHERE["rights"], where,
                          says("compliance.rights-expired", post=post_id,
                               end=usage_rights_end(campaign.brief.end, rights.months)),
                          says("compliance.rights-expired.hint"), key=f"featured_posts[{index}]", **context)
    text = " ".join([showcase.headline, campaign.showcase_text.markdown if campaign.showcase_text else "",
                     showcase.quote.text if showcase.quote else "", showcase.quote.author if showcase.quote else ""])
    for card in workspace.influencers.values():
        if card.card.consent.public:
            continue
        names = [card.card.name, *(account.handle for account in card.card.networks.values())]
        if find(text, names):
            yield Finding(EVERYWHERE["consent"], workspace.locate(path, ("headline",)),
                          says("compliance.named-without-consent", name=card.card.name),
                          says("compliance.named-without-consent.hint"), campaign=campaign.id,
                          influencer=card.id, key="headline")


def usage_rights_end(end: date, months: int) -> date:
    """Usage rights run for `months` from the campaign's end (SPEC §1.5)."""
    day = end
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")
