"""The rules of each jurisdiction, as data: tokens, thresholds, categories, severities and sources
(../shared/COMPLIANCE.md). Adding a token or a jurisdiction is a change to this table and its tests."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error or warning
    title: str
    source: str


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
    disclosure=Rule("fr.disclosure", "error", "Mention claire de l'intention commerciale", FR_SOURCE),
    weak_rule=Rule("fr.disclosure-weak", "warning", "Mention jugée peu claire par l'ARPP", FR_SOURCE),
    placement=Rule("fr.disclosure-placement", "warning", "Mention mal placée", FR_SOURCE),
    first_lines=3, first_characters=150,
    image_rules=(
        ("edited_image", Rule("fr.edited-image", "error", "Image retouchée", f"{FR_LAW}, art. 5"),
         ("images retouchées", "image retouchée", "photo retouchée")),
        ("virtual_image", Rule("fr.virtual-image", "error", "Image virtuelle", f"{FR_LAW}, art. 5"),
         ("images virtuelles", "image virtuelle")),
    ),
    approval=Rule("fr.approval", "error", "Validation des contenus avant publication", "brief (approval: required)"),
    contract_threshold=Decimal(1000),
    contract_rules={
        "required": Rule("fr.contract-required", "error", "Contrat écrit signé",
                         f"{FR_LAW}, art. 8 ; décret n° 2025-1137 (seuil de 1 000 € HT)"),
        "pending": Rule("fr.contract-pending", "warning", "Contrat à signer avant la première publication",
                        f"{FR_LAW}, art. 8 ; décret n° 2025-1137"),
        "clauses": Rule("fr.contract-clauses", "error", "Clauses obligatoires du contrat", f"{FR_LAW}, art. 8"),
        "advised": Rule("fr.contract-advised", "warning", "Contrat écrit conseillé", f"{FR_LAW}, art. 8"),
    },
    contract_clauses=("parties", "tax_residence", "missions", "remuneration", "in_kind", "payment_terms",
                      "ip_rights", "french_law"),
    restricted=("aesthetic_procedure", "therapeutic_substitute", "nicotine", "unlisted_animal",
                "unregistered_financial", "betting_tips"),
    restricted_rule=Rule("fr.restricted-category", "error", "Catégorie interdite aux influenceurs",
                         f"{FR_LAW}, art. 4"),
    gambling_rule=Rule("fr.gambling", "error", "Jeux d'argent et de hasard", f"{FR_LAW}, art. 4"),
    age_mentions=("18+", "+18", "-18", "interdit aux mineurs", "réservé aux majeurs"),
    minor_rule=Rule("fr.minor", "warning", "Influenceur mineur", f"{FR_LAW}, art. 5-2 ; code du travail L7124-1"),
)

UNITED_STATES = Jurisdiction(
    code="us", name="United States", suggested="#ad",
    accepted=("ad", "#ad", "advertisement", "sponsored", "#sponsored", "paid partnership"),
    weak=("#sp", "#spon", "#collab", "#thanks", "#partner", "#ambassador"),
    disclosure=Rule("us.disclosure", "error", "Clear disclosure of a material connection", US_SOURCE),
    weak_rule=Rule("us.disclosure-ambiguous", "warning", "Ambiguous disclosure", US_SOURCE),
    placement=Rule("us.disclosure-placement", "warning", "Disclosure not up front", US_SOURCE),
    first_lines=3,
    brand_patterns=("{brand}partner", "{brand}ambassador", "thanks to {brand} for the free"),
)

UNITED_KINGDOM = Jurisdiction(
    code="uk", name="United Kingdom", suggested="#ad",
    accepted=("ad", "#ad", "advert", "advertising", "advertisement", "advertisement feature"),
    weak=("sponsored", "spon", "sp", "gifted", "collab", "aff", "pr", "in association with", "in partnership with",
          "thanks to"),
    disclosure=Rule("uk.disclosure", "error", "Ads must be obviously identifiable, up front", UK_SOURCE),
    weak_rule=Rule("uk.disclosure-discouraged", "warning", "A label the guide advises against", UK_SOURCE),
    placement=None, first_lines=3,
)

JURISDICTIONS = {j.code: j for j in (FRANCE, UNITED_STATES, UNITED_KINGDOM)}

EVERYWHERE = {
    "late": Rule("deliverables.late", "warning", "Deliverable late", "the brief's roster"),
    "unplanned": Rule("deliverables.unplanned", "error", "Post by an influencer not on the roster",
                      "the brief's roster"),
    "rights": Rule("showcase.rights", "error", "Usage rights for a case study", "the influencer's contract"),
    "consent": Rule("showcase.consent", "error", "Consent to be shown publicly", "consent.public of client and "
                    "influencer cards"),
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
