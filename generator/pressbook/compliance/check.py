"""Every compliance rule applied to every campaign: findings located at the post's row, the brief's
key or the contract's key, in words that say what is missing and what would satisfy the rule."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable
from zoneinfo import ZoneInfo

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
    message: str
    hint: str = ""
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
    return sorted(findings, key=lambda f: (f.location, f.rule.id, f.message))


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
            yield Finding(EVERYWHERE["unplanned"], where,
                          f"'{post.influencer}' published for this campaign but is not on its roster",
                          "add them to the brief's roster with their deliverables", key="influencer", **context)
        disclosure = _disclosure(jurisdiction, post, accepted)
        if disclosure:
            yield Finding(disclosure[0], where, disclosure[1], disclosure[2], key="caption", **context)
        for flag, rule, tokens in jurisdiction.image_rules:
            if getattr(post, flag) and not find(post.caption, tokens):
                yield Finding(rule, where, f"the post is marked {flag.replace('_', ' ')} but its caption does not "
                              f"say so", f"add « {tokens[0]} » to the caption", key="caption", **context)
        if jurisdiction.approval and brief.approval == "required":
            published = post.published.date() if isinstance(post.published, datetime) else post.published
            if post.approved is None or post.approved > published:
                state = "was never approved" if post.approved is None else f"was approved on {post.approved}, after " \
                                                                          "it was published"
                yield Finding(jurisdiction.approval, where, f"the brief requires approval before publication; this "
                              f"post {state}", "record the date the client validated the content in 'approved'",
                              key="approved", **context)
        if jurisdiction.gambling_rule and brief.category == "gambling" and not find(post.caption,
                                                                                   jurisdiction.age_mentions):
            yield Finding(jurisdiction.gambling_rule, where, "a gambling post must say it is for adults only",
                          f"add « {jurisdiction.age_mentions[0]} » or « {jurisdiction.age_mentions[3]} »",
                          key="caption", **context)


def _disclosure(jurisdiction: Jurisdiction, post: Post, accepted: list[str]) -> tuple[Rule, str, str] | None:
    """At most one disclosure finding a post: none at all, only weak mentions, or a misplaced one."""
    clear = find(post.caption, accepted)
    suggestion = f"write « {jurisdiction.suggested.format(brand='marque')} » in the first line"
    if clear:
        run = trailing_hashtags_start(post.caption)
        placed = [m for m in clear if m.start < run and up_front(post.caption, m.start, jurisdiction.first_lines,
                                                                   jurisdiction.first_characters)]
        if placed:
            return None
        rule = jurisdiction.placement or jurisdiction.disclosure
        where = f"the first {jurisdiction.first_lines} lines" + (
            f" or {jurisdiction.first_characters} characters" if jurisdiction.first_characters else "")
        return (rule, f"the mention « {clear[0].token} » is not up front: not within {where}, or only in the "
                f"closing hashtags", suggestion)
    weak = find(post.caption, jurisdiction.weak)
    if weak or (jurisdiction.label_alone_is_weak and post.paid_label):
        shown = ", ".join(f"« {m.token} »" for m in weak) if weak else "the platform's paid-partnership label"
        return (jurisdiction.weak_rule, f"the only mention is {shown}, which is not clear enough", suggestion)
    return (jurisdiction.disclosure, "the caption carries no mention of the commercial partnership", suggestion)


def _brief(workspace: Workspace, jurisdiction: Jurisdiction, campaign: Campaign) -> Iterable[Finding]:
    brief = campaign.brief
    path = f"{campaign.folder}/brief.md"
    if jurisdiction.restricted_rule and brief.category in jurisdiction.restricted:
        yield Finding(jurisdiction.restricted_rule, workspace.locate(path, ("category",)),
                      f"influencers may not promote '{brief.category}' under French law",
                      "this campaign cannot run with influencers", campaign=campaign.id, key="category")
    if jurisdiction.gambling_rule and brief.category == "gambling":
        if not brief.age_gated:
            yield Finding(jurisdiction.gambling_rule, workspace.locate(path, ("category",)),
                          "a gambling campaign must be shown to adults only", "set age_gated: true and restrict the "
                          "audience on each platform", campaign=campaign.id, key="age_gated")
        for index, entry in enumerate(brief.roster):
            card = workspace.influencers.get(entry.influencer)
            if card and card.card.minor:
                yield Finding(jurisdiction.gambling_rule, workspace.locate(path, ("roster", index, "influencer")),
                              f"{card.card.name} is a minor and may not promote gambling", "remove them from "
                              "the roster", campaign=campaign.id, influencer=entry.influencer,
                              key=f"roster[{index}].influencer")
    if jurisdiction.minor_rule:
        for index, entry in enumerate(brief.roster):
            card = workspace.influencers.get(entry.influencer)
            paid = any(m is not None and m.amount > 0 for m in (entry.fee, entry.in_kind))
            if card and card.card.minor and paid:
                yield Finding(jurisdiction.minor_rule, workspace.locate(path, ("roster", index, "influencer")),
                              f"{card.card.name} is a minor on a paid campaign", "keep the authorisation for "
                              "under-16s (or the parents' agreement) on file", campaign=campaign.id,
                              influencer=entry.influencer, key=f"roster[{index}].influencer")


def _deliverables(workspace: Workspace, campaign: Campaign, today: date, zone: ZoneInfo) -> Iterable[Finding]:
    path = f"{campaign.folder}/brief.md"
    keys = [("roster", i, "deliverables", j, "due") for i, entry in enumerate(campaign.brief.roster)
            for j, _ in enumerate(entry.deliverables)]
    for key, status in zip(keys, deliverable_statuses(campaign, today, zone)):
        if status.deliverable.due < today and status.on_time < status.deliverable.count:
            yield Finding(EVERYWHERE["late"], workspace.locate(path, key), f"{status.influencer}: {status.on_time} of "
                          f"{status.deliverable.count} {status.deliverable.format} on {status.deliverable.network} "
                          f"were out by {status.deliverable.due}", "publish the rest, or agree a new date and "
                          "update the brief", campaign=campaign.id, influencer=status.influencer,
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
                                  f"{entry.influencer} is paid {paid} {workspace.settings.currency} in "
                                  f"{campaign.brief.start.year} by this client, "
                                  f"below the {threshold} threshold, with no written contract",
                                  "the threshold is annual and cumulative: put the terms in writing anyway",
                                  key=f"roster[{index}]", **context)
                continue
            posts = [p.published_on(zone) for p in campaign.posts if p.influencer == entry.influencer]
            first = min(posts) if posts else None
            signed = contract is not None and contract.status == "signed" and contract.signed_on is not None
            in_time = signed and (first is None or contract.signed_on <= first)
            if not in_time:
                state = ("there is no contract" if contract is None else
                         f"the contract is {contract.status}" if not signed else
                         f"it was signed on {contract.signed_on}, after the first post")
                where = (workspace.locate(path, ("status",)) if contract is not None else
                         workspace.locate(brief_path, ("roster", index, "influencer")))
                message = (f"{entry.influencer} receives {total} {workspace.settings.currency} from this client in "
                           f"{campaign.brief.start.year} "
                           f"(≥ {threshold} excl. tax): a signed contract is required; {state}")
                rule = rules["required"] if first is not None else rules["pending"]
                hint = ("sign it before their first post" if first is None else
                        f"it had to be signed by {first}, their first post")
                yield Finding(rule, where, message, hint, key="status" if contract else f"roster[{index}]", **context)
            if contract is not None:  # the threshold is reached: the contract must hold every clause
                yield from _clauses(workspace, jurisdiction, path, contract, context)


def _clauses(workspace: Workspace, jurisdiction: Jurisdiction, path: str, contract, context) -> Iterable[Finding]:
    missing = [c for c in jurisdiction.contract_clauses if c not in contract.clauses]
    if missing:
        yield Finding(jurisdiction.contract_rules["clauses"], workspace.locate(path, ("clauses",)),
                      f"the contract lacks the clauses {', '.join(missing)}", "add them to the contract and list "
                      "them under clauses", key="clauses", **context)
    for index, party in enumerate(contract.parties):
        if not party.address or not party.tax_residence:
            yield Finding(jurisdiction.contract_rules["clauses"], workspace.locate(path, ("parties", index)),
                          f"the party {party.name} has no {'address' if not party.address else 'tax residence'}",
                          "give each party's address and country of tax residence", key=f"parties[{index}]",
                          **context)


def _showcase(workspace: Workspace, campaign: Campaign, today: date) -> Iterable[Finding]:
    showcase = campaign.showcase
    if showcase is None:
        return
    path = f"{campaign.folder}/showcase.md"
    client = workspace.clients.get(campaign.brief.client)
    if showcase.publish and client and not client.client.consent.public:
        yield Finding(EVERYWHERE["consent"], workspace.locate(path, ("publish",)),
                      f"{client.client.name} has not agreed to a public case study: it will not be published",
                      "set consent.public: true in the client's file once they agree, or publish: false",
                      campaign=campaign.id, key="publish")
    posts = {post.id: post for post in campaign.posts}
    for index, post_id in enumerate(showcase.featured_posts):
        post = posts.get(post_id)
        if post is None:
            continue
        card = workspace.influencers.get(post.influencer)
        where = workspace.locate(path, ("featured_posts", index))
        context = {"campaign": campaign.id, "influencer": post.influencer, "post": post_id}
        if card and not card.card.consent.public:
            yield Finding(EVERYWHERE["consent"], where, f"{card.card.name} has not agreed to be shown publicly; "
                          "the public site leaves the post out", "remove the post, or record their consent",
                          key=f"featured_posts[{index}]", **context)
        contract = campaign.contracts.get(post.influencer)
        rights = contract.usage_rights if contract else None
        if rights is None or "case_study" not in rights.channels:
            yield Finding(EVERYWHERE["rights"], where, f"no contract grants the right to use {post_id} in a case "
                          "study", "add case_study to the contract's usage_rights.channels",
                          key=f"featured_posts[{index}]", **context)
        elif usage_rights_end(campaign.brief.end, rights.months) < today:
            yield Finding(EVERYWHERE["rights"], where, f"the usage rights on {post_id} expired on "
                          f"{usage_rights_end(campaign.brief.end, rights.months)}", "renew the rights, or remove the "
                          "post", key=f"featured_posts[{index}]", **context)
    text = " ".join([showcase.headline, campaign.showcase_text.markdown if campaign.showcase_text else "",
                     showcase.quote.text if showcase.quote else "", showcase.quote.author if showcase.quote else ""])
    for card in workspace.influencers.values():
        if card.card.consent.public:
            continue
        names = [card.card.name, *(account.handle for account in card.card.networks.values())]
        if find(text, names):
            yield Finding(EVERYWHERE["consent"], workspace.locate(path, ("headline",)),
                          f"the case study names {card.card.name}, who has not agreed to be shown publicly",
                          "remove the name from the story, or record their consent", campaign=campaign.id,
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
