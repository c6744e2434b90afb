"""Compliance findings arranged for pages: by rule on a campaign, counted on the overview. A page
shows a finding's words, and its rule's, in the site's language: what it is given is already said."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compliance.check import Finding
from ..messages import said
from ..model import Workspace
from ..problems import Location


@dataclass(frozen=True)
class ShownRule:
    """A rule as a page shows it: its title, and the law or guide it comes from."""

    id: str
    severity: str
    title: str
    source: str


@dataclass(frozen=True)
class ShownFinding:
    """A finding as a page shows it: what is wrong and what to do, then where."""

    message: str
    hint: str
    location: Location
    key: str
    post: str | None
    influencer: str | None


@dataclass(frozen=True)
class RuleGroup:
    rule: ShownRule
    findings: list[ShownFinding]


def group_by_rule(findings: list[Finding], language: str) -> list[RuleGroup]:
    rules: dict[str, RuleGroup] = {}
    for finding in findings:
        rule = finding.rule
        shown = ShownRule(rule.id, rule.severity, said(rule.title, language), said(rule.source, language))
        rules.setdefault(rule.id, RuleGroup(shown, [])).findings.append(ShownFinding(
            said(finding.message, language), said(finding.hint, language), finding.location, finding.key,
            finding.post, finding.influencer))
    return sorted(rules.values(), key=lambda g: (g.rule.severity != "error", g.rule.id))


def compliance_overview(workspace: Workspace, findings: list[Finding]) -> dict:
    """Counts per campaign and per influencer, and the share of posts with no finding at all."""
    campaigns = []
    for campaign in workspace.campaigns.values():
        mine = [f for f in findings if f.campaign == campaign.id]
        flagged = {f.post for f in mine if f.post}
        posts = len(campaign.posts)
        share = Decimal(posts - len(flagged)) / posts if posts else None
        campaigns.append((campaign, sum(f.rule.severity == "error" for f in mine),
                          sum(f.rule.severity == "warning" for f in mine), posts, share))
    influencers = []
    for card in workspace.influencers.values():
        mine = [f for f in findings if f.influencer == card.id]
        if mine:
            influencers.append((card, sum(f.rule.severity == "error" for f in mine),
                                sum(f.rule.severity == "warning" for f in mine)))
    all_posts = sum(len(c.posts) for c in workspace.campaigns.values())
    flagged = {(f.campaign, f.post) for f in findings if f.post}
    return {"campaigns": campaigns, "influencers": influencers,
            "share": Decimal(all_posts - len(flagged)) / all_posts if all_posts else None, "posts": all_posts}
