"""Advertising-law rules per jurisdiction, as data, and the findings they give on each campaign."""
from ..problems import register_codes
from .rules import JURISDICTIONS, all_rules

register_codes({rule.id: f"{rule.title} ({rule.severity}); source: {rule.source}." for rule in all_rules()})


def suggested_disclosure(jurisdiction: str, brand: str) -> str:
    """The wording the brief page suggests when the brief sets no `disclosure` (COMPLIANCE.md)."""
    return JURISDICTIONS[jurisdiction].suggested.format(brand=brand)
