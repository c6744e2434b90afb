"""Compliance findings arranged for pages: by rule on a campaign, counted on the overview."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compliance.check import Finding
from ..compliance.rules import Rule
from ..model import Workspace


@dataclass(frozen=True)
class RuleGroup:
    rule: Rule
    findings: list[Finding]


def group_by_rule(findings: list[Finding]) -> list[RuleGroup]:
    rules: dict[str, RuleGroup] = {}
    for finding in findings:
        rules.setdefault(finding.rule.id, RuleGroup(finding.rule, [])).findings.append(finding)
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
