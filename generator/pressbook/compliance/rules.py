"""The rules of each jurisdiction, as data: tokens, thresholds, categories, severities and sources
(../shared/COMPLIANCE.md). Adding a token or a jurisdiction is a change to this table and its tests."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Message, says


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error or warning
    title: Message  # said in the language of the site that shows it
    source: str | Message  # a law or a guide is cited as written; pressbook's own words are a message


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    suggested: str  # the wording a brief without `disclosure` is offered
    accepted: tuple[str, ...]  # clear mentions of commercial intent
    weak: tuple[str, ...]  # mentions the authority finds unclear, ambiguous or advises against
    disclosure: Rule
    weak_rule: Rule
    placement: Rule | None  # None: a misplaced mention breaks `disclosure` itself (UK: "up front")
    first_lines: int = 3
    first_characters: int | None = None  # also accepted as "up front" when set
    label_alone_is_weak: bool = True
    brand_patterns: tuple[str, ...] = ()  # "{brand}partner": accepted once the brand is known
    image_rules: tuple[tuple[str, Rule, tuple[str, ...]], ...] = ()  # (post flag, rule, tokens)
    approval: Rule | None = None
    contract_threshold: Decimal | None = None
    contract_rules: dict[str, Rule] = field(default_factory=dict)
    contract_clauses: tuple[str, ...] = ()
    restricted: tuple[str, ...] = ()
    restricted_rule: Rule | None = None
    gambling_rule: Rule | None = None
    age_mentions: tuple[str, ...] = ()
    minor_rule: Rule | None = None


FR_SOURCE = ("loi n° 2023-451 du 9 juin 2023 (rédaction de l'ordonnance n° 2024-978), art. 5 ; "
             "ARPP, Recommandation Communication publicitaire numérique, fiche influenceurs (29 mai 2024)")
FR_LAW = "loi n° 2023-451 du 9 juin 2023 (rédaction de l'ordonnance n° 2024-978)"
US_SOURCE = "FTC Endorsement Guides, 16 CFR Part 255 (2023); Disclosures 101 for Social Media Influencers"
UK_SOURCE = "ASA/CAP and CMA, Influencers' guide to making clear that ads are ads (3rd ed., 23 Mar 2023)"

FRANCE = Jurisdiction(
    code="fr", name="France",
    suggested="Collaboration commerciale avec @{brand}",
    accepted=("publicité", "collaboration commerciale", "sponsorisé par", "en partenariat avec", "#publicité",
              "#pub", "#sponsorisé", "#partenariat", "#collaborationcommerciale"),
    weak=("#ad", "#sponso", "#collab", "#gifted", "merci à"),
    disclosure=Rule("fr.disclosure", "error", says("rule.fr.disclosure"), FR_SOURCE),
    weak_rule=Rule("fr.disclosure-weak", "warning", says("rule.fr.disclosure-weak"), FR_SOURCE),
    placement=Rule("fr.disclosure-placement", "warning", says("rule.fr.disclosure-placement"), FR_SOURCE),
    first_lines=3, first_characters=150,
    image_rules=(
        ("edited_image", Rule("fr.edited-image", "error", says("rule.fr.edited-image"), f"{FR_LAW}, art. 5"),
         ("images retouchées", "image retouchée", "photo retouchée")),
        ("virtual_image", Rule("fr.virtual-image", "error", says("rule.fr.virtual-image"), f"{FR_LAW}, art. 5"),
         ("images virtuelles", "image virtuelle")),
    ),
    approval=Rule("fr.approval", "error", says("rule.fr.approval"), "brief (approval: required)"),
    contract_threshold=Decimal(1000),
    contract_rules={
        "required": Rule("fr.contract-required", "error", says("rule.fr.contract-required"),
                         f"{FR_LAW}, art. 8 ; décret n° 2025-1137 (seuil de 1 000 € HT)"),
        "pending": Rule("fr.contract-pending", "warning", says("rule.fr.contract-pending"),
                        f"{FR_LAW}, art. 8 ; décret n° 2025-1137"),
        "clauses": Rule("fr.contract-clauses", "error", says("rule.fr.contract-clauses"), f"{FR_LAW}, art. 8"),
        "advised": Rule("fr.contract-advised", "warning", says("rule.fr.contract-advised"), f"{FR_LAW}, art. 8"),
    },
    contract_clauses=("parties", "tax_residence", "missions", "remuneration", "in_kind", "payment_terms",
                      "ip_rights", "french_law"),
    restricted=("aesthetic_procedure", "therapeutic_substitute", "nicotine", "unlisted_animal",
                "unregistered_financial", "betting_tips"),
    restricted_rule=Rule("fr.restricted-category", "error", says("rule.fr.restricted-category"),
                         f"{FR_LAW}, art. 4"),
    gambling_rule=Rule("fr.gambling", "error", says("rule.fr.gambling"), f"{FR_LAW}, art. 4"),
    age_mentions=("18+", "+18", "-18", "interdit aux mineurs", "réservé aux majeurs"),
    minor_rule=Rule("fr.minor", "warning", says("rule.fr.minor"), f"{FR_LAW}, art. 5-2 ; code du travail L7124-1"),
)

UNITED_STATES = Jurisdiction(
    code="us", name="United States", suggested="#ad",
    accepted=("ad", "#ad", "advertisement", "sponsored", "#sponsored", "paid partnership"),
    weak=("#sp", "#spon", "#collab", "#thanks", "#partner", "#ambassador"),
    disclosure=Rule("us.disclosure", "error", says("rule.us.disclosure"), US_SOURCE),
    weak_rule=Rule("us.disclosure-ambiguous", "warning", says("rule.us.disclosure-ambiguous"), US_SOURCE),
    placement=Rule("us.disclosure-placement", "warning", says("rule.us.disclosure-placement"), US_SOURCE),
    first_lines=3,
    brand_patterns=("{brand}partner", "{brand}ambassador", "thanks to {brand} for the free"),
)

UNITED_KINGDOM = Jurisdiction(
    code="uk", name="United Kingdom", suggested="#ad",
    accepted=("ad", "#ad", "advert", "advertising", "advertisement", "advertisement feature"),
    weak=("sponsored", "spon", "sp", "gifted", "collab", "aff", "pr", "in association with", "in partnership with",
          "thanks to"),
    disclosure=Rule("uk.disclosure", "error", says("rule.uk.disclosure"), UK_SOURCE),
    weak_rule=Rule("uk.disclosure-discouraged", "warning", says("rule.uk.disclosure-discouraged"), UK_SOURCE),
    placement=None, first_lines=3,
)

JURISDICTIONS = {j.code: j for j in (FRANCE, UNITED_STATES, UNITED_KINGDOM)}

EVERYWHERE = {
    "late": Rule("deliverables.late", "warning", says("rule.deliverables.late"), says("rule.source.roster")),
    "unplanned": Rule("deliverables.unplanned", "error", says("rule.deliverables.unplanned"),
                      says("rule.source.roster")),
    "rights": Rule("showcase.rights", "error", says("rule.showcase.rights"), says("rule.source.contract")),
    "consent": Rule("showcase.consent", "error", says("rule.showcase.consent"), says("rule.source.consent")),
}


def all_rules() -> list[Rule]:
    rules: dict[str, Rule] = {}
    for jurisdiction in JURISDICTIONS.values():
        for rule in (jurisdiction.disclosure, jurisdiction.weak_rule, jurisdiction.placement, jurisdiction.approval,
                     jurisdiction.restricted_rule, jurisdiction.gambling_rule, jurisdiction.minor_rule,
                     *jurisdiction.contract_rules.values(), *(r for _, r, _ in jurisdiction.image_rules)):
            if rule is not None:
                rules[rule.id] = rule
    rules.update({rule.id: rule for rule in EVERYWHERE.values()})
    return sorted(rules.values(), key=lambda r: r.id)
