"""Advertising-law rules per jurisdiction, as data, and the findings they give on each campaign."""

# The wording the brief page suggests when the brief sets no `disclosure` (COMPLIANCE.md).
SUGGESTED_DISCLOSURE = {
    "fr": "Collaboration commerciale avec @{brand}",
    "us": "#ad",
    "uk": "#ad",
}


def suggested_disclosure(jurisdiction: str, brand: str) -> str:
    return SUGGESTED_DISCLOSURE[jurisdiction].format(brand=brand)
