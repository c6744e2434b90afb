"""One language per site: every word a reader sees comes from the catalogue of the site's language
(themes/labels.yml), no code of the files reaches a page, and French is printed as French is."""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Literal, get_args, get_origin

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel

from conftest import ROOT
from pressbook.checking import check_workspace
from pressbook.compliance.rules import JURISDICTIONS
from pressbook.metrics.deliverables import DeliverableState
from pressbook.model import campaign as campaign_model
from pressbook.model import people, settings
from pressbook.model.campaign import METRIC_NAMES, KpiTargets
from pressbook.pages.labels import Plural, load_labels
from pressbook.pages.numbers import RESULT_ORDER
from pressbook.problems import Severity

LANGUAGES = ("fr", "en")
OUTSIDE = ("client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "public")

# Which labels name the values of each vocabulary of the model: the prefix of their keys. A field of a
# fixed vocabulary (a Literal) that is in neither table fails the test below: say how pages name it.
LABELLED: dict[tuple[str, str], str] = {
    ("Deliverable", "network"): "network_", ("Post", "network"): "network_",
    ("Influencer", "networks"): "network_", ("Influencer", "preferred_network"): "network_",
    ("Influencer", "posts_per_week"): "network_",
    ("Deliverable", "format"): "format_", ("Post", "format"): "format_", ("Influencer", "content_types"): "format_",
    ("Influencer", "rate_card"): "format_",
    ("Brief", "status"): "status_", ("Brief", "approval"): "approval_", ("Party", "role"): "role_",
    ("Contract", "status"): "contract_", ("MetricsSnapshot", "source"): "source_",
    ("Mention", "sentiment"): "sentiment_", ("Report", "status"): "report_status_",
    ("Showcase", "highlights"): "metric_", ("Interaction", "kind"): "kind_",
    ("Engagement", "basis"): "basis_", ("Engagement", "actions"): "metric_",
    ("Settings", "jurisdiction"): "jurisdiction_",
}
# Vocabularies no page shows as such: how a CSV file is read; the language, named by Babel; where a
# site is published, which only `deploy` reads.
NOT_SHOWN = {("CsvDialect", "encoding"), ("CsvDialect", "decimal"), ("Settings", "language"),
             ("Target", "host"), ("Target", "access")}
# Vocabularies kept outside the model's Literal types, and free-text keys that hold codes pressbook
# knows (a brief's category, the clauses of a French contract, the usage rights' own channels).
OTHER_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "metric_": (*METRIC_NAMES, *RESULT_ORDER, *KpiTargets.model_fields),
    "component_": settings.SCORE_COMPONENTS,
    "state_": get_args(DeliverableState),
    "severity_": get_args(Severity),
    "clause_": tuple(clause for j in JURISDICTIONS.values() for clause in j.contract_clauses),
    "category_": ("gambling", *(code for j in JURISDICTIONS.values() for code in j.restricted)),
    "channel_": ("client_site", "case_study"),
}


def _literals(annotation: Any) -> Iterator[tuple[str, ...]]:
    if get_origin(annotation) is Literal:
        yield get_args(annotation)
        return
    for argument in get_args(annotation):
        yield from _literals(argument)


def _models() -> Iterator[type[BaseModel]]:
    for module in (campaign_model, people, settings):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
                yield value


def _vocabularies() -> dict[str, set[str]]:
    """Each label prefix, with the values it must name."""
    found: dict[str, set[str]] = {prefix: set(values) for prefix, values in OTHER_VOCABULARIES.items()}
    for model in _models():
        for name, field in model.model_fields.items():
            for values in _literals(field.annotation):
                place = (model.__name__, name)
                assert place in LABELLED or place in NOT_SHOWN, f"{model.__name__}.{name}: say which labels name {values}"
                if place in LABELLED:
                    found.setdefault(LABELLED[place], set()).update(values)
    return found


@lru_cache(maxsize=None)
def _catalogue(language: str) -> dict[str, Any]:
    return load_labels(ROOT, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_value_of_every_vocabulary_has_a_label(language: str) -> None:
    labels = _catalogue(language)
    missing = sorted(prefix + value for prefix, values in _vocabularies().items() for value in values
                     if prefix + value not in labels)
    assert missing == []
    assert {"Instagram", "TikTok", "YouTube", "X", "LinkedIn", "Pinterest", "Twitch", "Snapchat", "Podcast",
            "Blog"} <= {str(labels[f"network_{code}"]) for code in get_args(campaign_model.Network)}


def test_both_languages_have_the_same_labels_with_the_same_placeholders() -> None:
    french, english = _catalogue("fr"), _catalogue("en")
    assert sorted(set(french) ^ set(english)) == []

    def fields(label: Any) -> set[str]:
        forms = [words for _, words in label.forms] if isinstance(label, Plural) else [label]
        return {name for words in forms for name in re.findall(r"\{(\w+)\}", words)}
    assert [key for key in french if fields(french[key]) != fields(english[key])] == []
    for labels in (french, english):
        for key, label in labels.items():
            if isinstance(label, Plural):
                assert "other" in dict(label.forms) and label.count in fields(label), key


def test_every_label_the_pages_name_is_in_both_catalogues() -> None:
    from pressbook.pages.theme_templates import template_problems

    pages = sorted((path.name, path) for path in (ROOT / "themes" / "pages").glob("*.md"))
    problems, named = template_problems(ROOT, pages, (), [name for name, _ in pages])
    assert problems == []
    # And those the view code names: labels["x"], labels['x'], label["x"].
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "generator").rglob("*.py"))
    named |= set(re.findall(r"\blabels?\[\s*[\"']([\w-]+)[\"']\s*\]", source)) - {"x"}  # "x": a docstring's
    assert named, "the templates name labels"
    for language in LANGUAGES:
        assert sorted(named - set(_catalogue(language))) == [], language


def test_plural_forms_follow_each_languages_rules() -> None:
    french, english = _catalogue("fr"), _catalogue("en")
    assert french["rests_on"].format(n=1, of=1) == "1 publication sur 1"
    assert french["rests_on"].format(n=0, of=20) == "0 publication sur 20"
    assert french["rests_on"].format(n=18, of=20) == "18 publications sur 20"
    assert french["rests_on"].format(n=1234, of=2000) == "1\u202f234 publications sur 2\u202f000"
    assert english["rests_on"].format(n=1, of=1) == "1 of 1 post"
    assert english["rests_on"].format(n=1, of=20) == "1 of 20 posts"
    assert english["surge_day"].format(day="3 Mar 2026", n="1") == "3 Mar 2026: 1 negative mention"
    assert french["surge_day"].format(day="3 mars 2026", n="12") == "3 mars 2026\u202f: 12 mentions négatives"


def test_french_labels_are_spaced_as_french_is_printed() -> None:
    french = _catalogue("fr")
    assert french["colon"] == "\u00a0: "
    assert french["tile_target"].startswith("Objectif\u00a0: ") or french["tile_target"].startswith("Objectif\u202f: ")
    loose = {key: str(label) for key, label in french.items() if _LOOSE.search(str(label))}
    assert loose == {}
    assert _catalogue("en")["colon"] == ": "


_LOOSE = re.compile(r" [:;!?%€»]|« ")


# --- what the pages of the demo's client and public sites say ----------------------------------------

@pytest.fixture(scope="module", params=LANGUAGES)
def demo_in(request: pytest.FixtureRequest, built_demo: Path) -> tuple[str, Path]:
    if request.param == "fr":
        return "fr", built_demo
    return "en", request.getfixturevalue("english_demo")


# Free-text keys whose values are codes pressbook names (a brief's category, a mention's source, a
# card's languages...): a page shows their label, never the value as written.
_CODED_TEXT = {"category", "source", "languages", "channels", "clauses", "established_in", "tax_residence"}


def _written(value: Any, key: str = "") -> Iterator[str]:
    """The free text written in the workspace's files, which pages show as the agency wrote it."""
    if key in _CODED_TEXT:
        return
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            if not any(_literals(field.annotation)):  # a vocabulary's value is a code, not text
                yield from _written(getattr(value, name), name)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _written(item, key)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _written(item, key)
    elif isinstance(value, str):
        yield value
    elif hasattr(value, "markdown"):
        yield html.unescape(value.markdown)


@lru_cache(maxsize=None)
def _short_texts(root: Path) -> tuple[str, ...]:
    """The names and titles the agency wrote, longest first: what pressbook's own text is joined to (a
    page's title, "Campaign — Results")."""
    texts = {text for text in _authored(root).split("\x00") if text and "\n" not in text and len(text) < 200}
    return tuple(sorted(texts, key=len, reverse=True))


def _ours(text: str, root: Path) -> str:
    """`text` without what the agency wrote in it."""
    for written in _short_texts(root):
        if written in text:
            text = text.replace(written, " ")
    return text


@lru_cache(maxsize=None)
def _authored(root: Path) -> str:
    workspace, _ = check_workspace(root)
    assert workspace is not None
    texts: list[str] = []
    for file in workspace.clients.values():
        texts += _written(file.client)
    for card in workspace.influencers.values():
        texts += [*_written(card.card), *_written(card.portrait)]
    for campaign in workspace.campaigns.values():
        for part in (campaign.brief, campaign.brief_text, campaign.posts, campaign.mentions or (), campaign.report,
                     campaign.report_text, campaign.showcase, campaign.showcase_text):
            texts += _written(part)
    texts += _written(workspace.settings)
    return "\x00" + "\x00".join(texts) + "\x00"


def _codes(root: Path) -> set[str]:
    """What the files write that pages must name: every value of a vocabulary, and the countries and
    languages written as codes in the demo's files."""
    codes = {value for values in _vocabularies().values() for value in values}
    workspace, _ = check_workspace(root)
    assert workspace is not None
    for card in workspace.influencers.values():
        codes |= set(card.card.languages)
        if card.card.established_in:
            codes.add(card.card.established_in)
        if card.card.followers_demographics:
            codes |= set(card.card.followers_demographics.countries)
    for campaign in workspace.campaigns.values():
        codes |= {campaign.brief.category or ""} - {""}
    return codes


# Codes that are also words of the language, which pressbook's own text writes as words (the method
# page: « Σ conversions ÷ Σ clics »).
WORDS = {"fr": {"conversions", "impressions"}, "en": {"clicks", "conversions", "likes", "revenue", "due"}}


def _label_words(language: str) -> set[str]:
    """The words of the catalogue: a code that is also a word of the language ("posts", "live" in
    English) is that word where a label writes it."""
    words: set[str] = set(WORDS[language])
    for label in _catalogue(language).values():
        for text in ([w for _, w in label.forms] if isinstance(label, Plural) else [label]):
            words |= set(re.findall(r"[\w'-]+", text))
    return words


def _chart_words(spec: dict[str, Any]) -> Iterator[str]:
    """What a reader sees of a chart: the titles of its axes, legends and tooltips, and the values of
    its categories (the bars' names, the legend's entries)."""
    nominal: set[str] = set()
    rows: list[dict[str, Any]] = []

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                yield node["title"]
            if node.get("type") == "nominal" and isinstance(node.get("field"), str):
                nominal.add(node["field"])
            if isinstance(node.get("values"), list):
                rows.extend(row for row in node["values"] if isinstance(row, dict))
            for key, value in node.items():
                if key != "usermeta":
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
    yield from walk(spec)
    yield from (str(row[name]) for row in rows for name in nominal if name in row)


def _shown(path: Path, authored: str) -> Iterator[str]:
    """The texts of a page pressbook wrote (not those the agency did), as a reader sees and hears
    them: its body's text, its images' alternatives, its charts' words."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for script in soup.select("script.pb-chart-spec"):
        yield from _chart_words(json.loads(script.string))
    for hidden in soup.select("script, style"):
        hidden.decompose()
    for element in soup.select("[alt], [title], [aria-label], [placeholder]"):
        for attribute in ("alt", "title", "aria-label", "placeholder"):
            if element.get(attribute):
                yield element[attribute]
    for node in soup.find_all(string=True):
        text = str(node).strip()
        if text and not _is_authored(text.rstrip("…").strip(), authored):
            yield text


def _is_authored(text: str, authored: str) -> bool:
    """Whether `text` is the agency's: a whole value of its files, or words of one (a line of a caption,
    a paragraph of a report). A lone word inside a value (`tiktok` in an address) is not."""
    return f"\x00{text}\x00" in authored or (" " in text and text in authored)


_TOKEN = re.compile(r"[^\s,;:()\[\]«»\"“”·—–|]+")
_SNAKE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
_ISO_MONTH = re.compile(r"\b\d{4}-\d{2}\b")


def _pages(root: Path) -> list[Path]:
    return [page for site in OUTSIDE for page in sorted((root / "site" / site).rglob("*.html"))]


def test_no_page_outside_shows_a_code_a_snake_case_word_or_n_a(demo_in: tuple[str, Path]) -> None:
    language, root = demo_in
    authored = _authored(root)
    codes = _codes(root) - _label_words(language)
    assert {"instagram", "tiktok", "reel", "cosmetics", "FR", "fr"} <= codes
    found: dict[str, set[str]] = {}
    pages = _pages(root)
    assert len(pages) > 20
    def wrong(text: str) -> set[str]:
        tokens = [token.strip(".'’!?") for token in _TOKEN.findall(text)]
        bad = {t for t in tokens if t in codes or (_SNAKE.fullmatch(t) and not t.startswith(("@", "#")))}
        bad |= {"n/a"} if "n/a" in text.lower() else set()
        return bad | set(_ISO_MONTH.findall(text))
    for page in pages:
        for text in _shown(page, authored):
            bad = wrong(text) and wrong(_ours(text, root))  # looked at closer only when needed
            if bad:
                found.setdefault(str(page.relative_to(root / "site")), set()).update(bad)
    assert found == {}


def test_french_pages_are_spaced_and_agreed_as_french_is_printed(built_demo: Path) -> None:
    authored = _authored(built_demo)
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    wrong = re.compile(rf" [:;!?%€»]|« |\b1 (?:{months}|{months[:4]})|\b[01] publications\b|\b1 abonnés\b")
    found: dict[str, set[str]] = {}
    for page in _pages(built_demo):
        for text in _shown(page, authored):
            if wrong.search(text):
                text = _ours(text, built_demo)
            for match in wrong.finditer(text):
                found.setdefault(str(page.relative_to(built_demo / "site")), set()).add(
                    text[max(0, match.start() - 20):match.end() + 10])
    assert found == {}


def test_the_english_site_says_nothing_in_french(english_demo: Path) -> None:
    # Whatever the agency wrote in French stays as written; pressbook's own words are English.
    authored = _authored(english_demo)
    french, english = _catalogue("fr"), _catalogue("en")
    phrases = {str(french[key]) for key in french
               if str(french[key]) != str(english[key]) and len(str(french[key])) > 12
               and "{" not in str(french[key])}
    found: dict[str, set[str]] = {}
    for page in _pages(english_demo):
        text = "\n".join(_shown(page, authored))
        hits = {phrase for phrase in phrases if phrase in text}
        if hits:
            found[str(page.relative_to(english_demo / "site"))] = hits
    assert found == {}


# --- a workspace's own words ---------------------------------------------------------------------------

def test_a_workspace_may_write_its_own_plural_forms(starter: Path) -> None:
    labels_file = starter / "themes" / "labels.yml"
    labels_file.parent.mkdir(parents=True, exist_ok=True)
    labels_file.write_text("fr:\n  rests_on:\n    count: of\n    one: \"{n} sur {of} contenu\"\n"
                           "    other: \"{n} sur {of} contenus\"\n  journal: Carnet de bord\n", encoding="utf-8")
    _, problems = check_workspace(starter)
    assert problems == []
    labels = load_labels(starter, "fr")
    assert labels["rests_on"].format(n=0, of=1) == "0 sur 1 contenu"
    assert labels["rests_on"].format(n=2, of=12) == "2 sur 12 contenus"
    assert labels["journal"] == "Carnet de bord" and labels["colon"] == "\u00a0: "


def test_plural_forms_the_pages_could_not_use_are_errors(starter: Path) -> None:
    labels_file = starter / "themes" / "labels.yml"
    labels_file.parent.mkdir(parents=True, exist_ok=True)
    labels_file.write_text("fr:\n  rests_on:\n    count: total\n    plusieurs: \"{n} sur {of}\"\n"
                           "    one: \"{n} sur {of} {total}\"\n", encoding="utf-8")
    _, problems = check_workspace(starter)
    assert sorted((p.key, p.code) for p in problems) == [
        ("fr.rests_on", "theme.label"),  # no `other`
        ("fr.rests_on.count", "theme.label"),  # no placeholder {total}
        ("fr.rests_on.one", "theme.label"),  # {total} is filled by nothing
        ("fr.rests_on.plusieurs", "theme.label"),  # not a plural category
    ]
