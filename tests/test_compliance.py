"""Each rule of COMPLIANCE.md on captions and files written the way real ones are."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pressbook.checking import check_workspace
from pressbook.compliance.check import _disclosure, check_compliance
from pressbook.compliance.rules import JURISDICTIONS
from pressbook.model import Post

TODAY = date(2026, 11, 26)


def _post(caption: str, paid_label: bool = False) -> Post:
    return Post.model_construct(id="p", influencer="i", network="instagram", format="reel", url=None,
                                published=date(2026, 3, 4), caption=caption, paid_label=paid_label, approved=None,
                                edited_image=False, virtual_image=False)


def _rule(jurisdiction: str, caption: str, paid_label: bool = False, extra: tuple[str, ...] = ()) -> str | None:
    rules = JURISDICTIONS[jurisdiction]
    finding = _disclosure(rules, _post(caption, paid_label), [*rules.accepted, *extra])
    return finding[0].id if finding else None


@pytest.mark.parametrize("caption, expected", [
    ("Collaboration commerciale avec @herbierdelure 🌿\nMa routine du soir ✨", None),
    ("COLLABORATION COMMERCIALE avec @marque\nTrop bien", None),
    ("Sponsorisé par @velonde 🚲\nMon trajet du matin", None),
    ("SPONSORISE PAR Velonde\nsans accents, en capitales", None),
    ("Mon avis sur le vélo 🚲 #publicité\nLa suite…", None),
    ("Petit déj' du dimanche ☕️ #pub\nrecette en story", None),
    ("Ma #publication du jour, toute simple\n#vacances", "fr.disclosure"),
    ("Gros coup de cœur pour ce sérum 😍", "fr.disclosure"),
    ("J'adore ce sérum 😍 #ad", "fr.disclosure-weak"),
    ("Merci à @velonde pour ce vélo !\n#velotaf", "fr.disclosure-weak"),
    ("Colis reçu 🎁 #gifted #collab", "fr.disclosure-weak"),
    ("Nouvelle routine ✨ (en partenariat, mais sans le dire clairement)", "fr.disclosure"),
    ("Nouvelle routine ✨ en partenariat avec @marque", None),
    ("Ligne 1\nLigne 2\nLigne 3\nLigne 4 avec la suite de mon histoire\n" + "x" * 160 + "\n#velo #pub", "fr.disclosure-placement"),
    ("Une longue introduction sur ma matinée, mon café et ma playlist préférée, qui dure, qui dure, qui dure "
     "encore et encore pendant des lignes et des lignes\n\n\nLigne 2\nLigne 3\nLigne 4\nPublicité pour @marque",
     "fr.disclosure-placement"),
    ("Mes essentiels du mois 💄\n\n#beauty #skincare #pub", "fr.disclosure-placement"),
    ("Sponsored post ✨ ma routine\n(English and French mixed) #ad", "fr.disclosure-weak"),
])
def test_french_disclosure(caption: str, expected: str | None) -> None:
    assert _rule("fr", caption) == expected


@pytest.mark.parametrize("caption, start", [
    ("Ma routine #pub #beauty", 10), ("Ma routine #pub, #beauty !\n", 10), ("#a#b", 0), ("ab#c", 2),
    ("Ma routine #pub merci", 21), ("", 0), ("#pub x", 6),
    # Twenty thousand hashtags then a word: the run is not final (searched forwards, minutes).
    ("Collaboration commerciale avec @marque " + "#noel " * 20000 + "merci", 120044),
])
def test_the_final_run_of_hashtags(caption: str, start: int) -> None:
    from pressbook.compliance.matching import trailing_hashtags_start

    assert trailing_hashtags_start(caption) == start


def test_french_platform_label_alone_is_weak() -> None:
    assert _rule("fr", "Ma routine ✨", paid_label=True) == "fr.disclosure-weak"


def test_the_briefs_own_wording_is_accepted() -> None:
    assert _rule("fr", "En collab' avec Vélonde 🚲\nle vélo du quotidien", extra=("En collab' avec Vélonde",)) is None


@pytest.mark.parametrize("caption, expected", [
    ("#ad Loving my new bike 🚲", None), ("Paid partnership with @velonde\nMorning ride", None),
    ("Sponsored: my skincare routine", None), ("So adorable 😍 my morning routine", "us.disclosure"),
    ("Thanks for the gift! #sp", "us.disclosure-ambiguous"), ("My favourite serum #collab #partner", "us.disclosure-ambiguous"),
    ("Morning vibes\nline two\nline three\nline four\n#coffee #ad", "us.disclosure-placement"),
])
def test_us_disclosure(caption: str, expected: str | None) -> None:
    assert _rule("us", caption) == expected


def test_us_brand_partner_hashtag(starter: Path) -> None:
    rules = JURISDICTIONS["us"]
    from pressbook.compliance.matching import brand_tokens

    accepted = [*rules.accepted, *brand_tokens(rules.brand_patterns, ["@maison.exemple"])]
    assert _disclosure(rules, _post("#maisonexemplepartner Loving this new lamp"), accepted) is None


@pytest.mark.parametrize("caption, expected", [
    ("Ad | My new running shoes", None), ("Advertisement feature: the best cafés in town", None),
    ("In partnership with @brand, my trip", "uk.disclosure-discouraged"), ("Gifted by the brand 🎁", "uk.disclosure-discouraged"),
    ("My trip to Rome", "uk.disclosure"), ("Lovely day\nline\nline\nline\n#travel #ad", "uk.disclosure"),
])
def test_uk_disclosure(caption: str, expected: str | None) -> None:
    assert _rule("uk", caption) == expected


def _codes(root: Path) -> list[tuple[str, str]]:
    workspace, problems = check_workspace(root)
    assert workspace is not None, [p.headline() for p in problems if p.blocks_build and p.severity == "error"]
    return sorted({(f.rule.id, f.location.path.rsplit("/", 1)[-1]) for f in check_compliance(workspace, TODAY)})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_starter_is_compliant(starter: Path) -> None:
    assert _codes(starter) == []


def test_images_and_approval(starter: Path) -> None:
    posts = starter / "content" / "campaigns" / "lancement" / "posts.csv"
    _edit(posts, "#MaisonExemple\",yes,2026-02-04,no,no", "#MaisonExemple\",yes,2026-02-06,yes,yes")
    assert _codes(starter) == [("fr.approval", "posts.csv"), ("fr.edited-image", "posts.csv"),
                               ("fr.virtual-image", "posts.csv")]
    _edit(posts, "Ma routine du soir", "Images retouchées, image virtuelle. Ma routine du soir")
    _edit(posts, "2026-02-06,yes,yes", "2026-02-05,yes,yes")
    assert _codes(starter) == []


def test_contract_threshold_sums_two_small_campaigns(starter: Path) -> None:
    campaigns = starter / "content" / "campaigns"
    brief = campaigns / "lancement" / "brief.md"
    _edit(brief, "    fee: 1200", "    fee: 600")
    (campaigns / "lancement" / "contracts" / "lea-exemple.yml").unlink()
    assert _codes(starter) == [("fr.contract-advised", "brief.md")]
    second = campaigns / "relance"
    second.mkdir()
    shutil.copy(brief, second / "brief.md")
    _edit(second / "brief.md", "start: 2026-02-02", "start: 2026-05-04")
    _edit(second / "brief.md", "end: 2026-02-27", "end: 2026-05-29")
    _edit(second / "brief.md", "due: 2026-02-20", "due: 2026-05-20")
    # 600 + 600 in 2026 for the same client: a signed contract is now required in both
    assert _codes(starter) == [("deliverables.late", "brief.md"), ("fr.contract-pending", "brief.md"),
                               ("fr.contract-required", "brief.md")]


def test_contract_signed_late_and_missing_clauses(starter: Path) -> None:
    contract = starter / "content" / "campaigns" / "lancement" / "contracts" / "lea-exemple.yml"
    _edit(contract, "signed_on: 2026-01-26", "signed_on: 2026-02-10")
    _edit(contract, ", ip_rights, french_law]", "]")
    _edit(contract, "    address: 2 quai de l'Exemple, 44000 Nantes\n", "")
    assert _codes(starter) == [("fr.contract-clauses", "lea-exemple.yml"), ("fr.contract-required", "lea-exemple.yml")]


def test_restricted_category_gambling_and_minor(starter: Path) -> None:
    brief = starter / "content" / "campaigns" / "lancement" / "brief.md"
    card = starter / "content" / "influencers" / "lea-exemple.md"
    _edit(brief, "budget: 2500", "budget: 2500\ncategory: nicotine")
    assert ("fr.restricted-category", "brief.md") in _codes(starter)
    _edit(brief, "category: nicotine", "category: gambling")
    _edit(card, "established_in: FR", "established_in: FR\nminor: true")
    codes = _codes(starter)
    assert ("fr.gambling", "brief.md") in codes and ("fr.gambling", "posts.csv") in codes
    assert ("fr.minor", "brief.md") in codes


def test_unplanned_post_and_late_deliverable(starter: Path) -> None:
    brief = starter / "content" / "campaigns" / "lancement" / "brief.md"
    _edit(brief, "        count: 2", "        count: 3")
    assert _codes(starter) == [("deliverables.late", "brief.md")]


def test_showcase_rights_and_consent(starter: Path) -> None:
    folder = starter / "content" / "campaigns" / "lancement"
    (folder / "showcase.md").write_text("---\npublish: true\nheadline: Un lancement réussi\n"
                                        "featured_posts: [lea-1]\n---\nAvec Léa Exemple, la gamme a trouvé son public.\n",
                                        encoding="utf-8")
    codes = _codes(starter)
    assert codes == [("showcase.consent", "showcase.md"), ("showcase.rights", "showcase.md")]
    workspace, _ = check_workspace(starter)
    messages = [str(f.message) for f in check_compliance(workspace, TODAY) if f.rule.id == "showcase.consent"]
    assert any("not agreed to a public case study" in m for m in messages)
    assert any("has not agreed to be shown publicly" in m for m in messages)
    assert any("names Léa Exemple" in m for m in messages)


def test_compliance_pages_of_the_internal_site(built_demo: Path) -> None:
    from conftest import page

    site = built_demo / "site" / "internal"
    campaign = page(site, "campaigns/noel-gourmand-2026/compliance.html")
    rules = [h["id"] for h in campaign.select("article h2")]
    assert rules[0] == "fr.disclosure"  # errors first
    assert {"deliverables.late", "fr.contract-pending"} <= set(rules)
    link = campaign.select_one("h2#fr\\.disclosure + p + ul a")
    assert link["href"] == "posts.html#post-n06"
    assert "loi n° 2023-451" in campaign.select_one("h2#fr\\.disclosure + p").get_text()
    overview = page(site, "compliance/index.html")
    row = overview.select_one("table.pb-compliance-campaigns tr[data-campaign=noel-gourmand-2026]")
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert cells[1:3] == ["1", "2"] and cells[3].startswith("85,7")  # 6 of 7 posts without a finding
    assert overview.select("table.pb-compliance-influencers tbody tr")


def test_check_reports_findings_and_build_still_builds(demo: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, SOURCE_DATE_EPOCH="1795683600")
    check = subprocess.run([sys.executable, "-m", "pressbook", "check", str(demo), "--lang", "en"],
                           capture_output=True, text=True, env=env)
    assert check.returncode == 1
    assert ("content/campaigns/noel-gourmand-2026/posts.csv:20:1: error: caption: the caption carries no mention "
            "of the commercial partnership") in check.stdout
    build = subprocess.run([sys.executable, "-m", "pressbook", "build", str(demo)], capture_output=True, text=True,
                           env=env)
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize(("built", "language", "other"), [("built_demo", "fr", "en"), ("english_demo", "en", "fr")])
def test_the_compliance_pages_say_each_finding_in_the_sites_language(built: str, language: str, other: str,
                                                                     request: pytest.FixtureRequest) -> None:
    """Under the rules' headings, in the site's language, what each finding says and what to do: never
    the other language's words."""
    from datetime import datetime, timezone

    from bs4 import BeautifulSoup

    from conftest import DEMO_EPOCH
    from pressbook.checking import check_with_findings

    root: Path = request.getfixturevalue(built)  # built on the demo's day
    workspace, _, findings = check_with_findings(root, moment=datetime.fromtimestamp(int(DEMO_EPOCH), timezone.utc))
    assert workspace is not None and findings
    for campaign_id in sorted({finding.campaign for finding in findings if finding.campaign}):
        page = root / "site" / "internal" / "campaigns" / campaign_id / "compliance.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown = [" ".join(item.get_text().split()) for item in soup.select("ul.pb-findings li")]
        headings = " ".join(heading.get_text() for heading in soup.select("h2"))
        mine = [finding for finding in findings if finding.campaign == campaign_id]
        assert len(shown) == len(mine)
        for finding in mine:
            said, hint = (" ".join(text.split()) for text in (finding.message.text(language),
                                                              finding.hint.text(language)))
            assert any(said in item and hint in item for item in shown), (said, shown)
            assert not any(" ".join(finding.message.text(other).split()) in item for item in shown)
            assert finding.rule.title.text(language) in headings
