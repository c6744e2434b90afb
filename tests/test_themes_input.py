"""A workspace's themes/ is input like content/: checked with file:line, no symbolic links, only the
kinds of file a theme needs published, and never a traceback from a template or labels.yml."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import DEMO_EPOCH, ROOT
from pressbook.catalogue import typeset
from pressbook.checking import check_workspace

SECRET = "CONTRAT-CONFIDENTIEL-7f3a"


def _pressbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pressbook", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH))


def _reported(root: Path) -> list[tuple[str, int, str, str]]:
    _, problems = check_workspace(root)
    return [(p.location.path, p.location.line, p.severity, p.code) for p in problems]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _every_byte(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]


def _tree_hash(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in _every_byte(folder)}


# Symbolic links

def test_a_link_in_themes_is_an_error_at_its_path(starter: Path, tmp_path: Path) -> None:
    secret = _write(tmp_path / "elsewhere" / "contrat.css", f"/* {SECRET} */\n")
    (starter / "themes" / "assets").mkdir(parents=True)
    (starter / "themes" / "assets" / "extra.css").symlink_to(secret)
    (starter / "themes" / "pages").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert _reported(starter) == [("themes/assets/extra.css", 1, "error", "theme.symlink"),
                                  ("themes/pages", 1, "error", "theme.symlink")]


def test_themes_itself_a_link_is_an_error_and_is_not_used(starter: Path, tmp_path: Path) -> None:
    _write(tmp_path / "elsewhere" / "labels.yml", "fr:\n  dashboard: [oops\n")
    (starter / "themes").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert _reported(starter) == [("themes", 1, "error", "theme.symlink")]
    from pressbook.theme_folders import theme_dirs
    assert theme_dirs(starter) == [theme_dirs(tmp_path)[0]]  # pressbook's own alone


def test_a_site_never_takes_a_file_through_a_link(starter: Path, tmp_path: Path) -> None:
    """Even were the check skipped: what a generated tree takes of themes/ is read from regular files."""
    from pressbook.sites.generate import theme_folder

    secret = _write(tmp_path / "elsewhere" / "contrat.css", f"/* {SECRET} */\n")
    assets = starter / "themes" / "assets"
    _write(assets / "ours.css", "body { color: teal }\n")
    (assets / "extra.css").symlink_to(secret)
    (assets / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    taken = theme_folder(starter, "assets")
    assert "ours.css" in taken and "pressbook.css" in taken
    assert not any(name.startswith(("extra", "linked")) for name in taken)
    assert not any(SECRET.encode() in data for data in taken.values())


def test_whether_a_build_is_needed_is_known_without_reading_through_a_link(starter: Path, tmp_path: Path) -> None:
    from pressbook.freshness import fingerprint

    (starter / "themes" / "assets").mkdir(parents=True)
    link = starter / "themes" / "assets" / "extra.css"
    stamps = []
    for text in ("/* one */", "/* two */"):
        target = _write(tmp_path / text[3:6] / "extra.css", text)
        link.unlink(missing_ok=True)
        link.symlink_to(target)
        stamps.append(fingerprint(starter, None))
    assert stamps[0] == stamps[1]


def test_a_build_with_a_link_in_themes_builds_nothing_and_the_sites_stay(starter: Path, tmp_path: Path) -> None:
    assert _pressbook("build", cwd=starter).returncode == 0
    before = _tree_hash(starter / "site")
    secret = _write(tmp_path / "elsewhere" / "contrat.css", f"/* {SECRET} */\n")
    (starter / "themes" / "assets").mkdir(parents=True)
    (starter / "themes" / "assets" / "extra.css").symlink_to(secret)
    result = _pressbook("build", cwd=starter)
    assert result.returncode == 1, result.stdout + result.stderr
    # in the workspace's language, French
    assert typeset("themes/assets/extra.css:1:1 : erreur : les liens symboliques ne sont pas autorisés dans themes/",
                   "fr") in result.stdout
    assert "Traceback" not in result.stderr and "rien n'a été construit" in result.stderr
    assert _tree_hash(starter / "site") == before
    for folder in (starter / "site", starter / ".cache"):
        assert not any(SECRET.encode() in data for _, data in _every_byte(folder))


# Kinds of file

def test_only_styles_scripts_images_and_fonts_of_a_theme_are_published(starter: Path) -> None:
    from PIL import Image

    themes = starter / "themes"
    _write(themes / "assets" / "contrat.txt", f"Contrat signé {SECRET}\n")
    _write(themes / "assets" / "notes.md", f"# Notes {SECRET}\n")
    _write(themes / "assets" / "tarifs.csv", f"influencer;fee\nlea;{SECRET}\n")
    _write(themes / "overrides" / "brief.yml", f"secret: {SECRET}\n")
    _write(themes / "overrides" / "partials" / "lisez-moi.txt", f"{SECRET}\n")
    _write(themes / "assets" / "extra.css", ".maison { color: teal }\n")
    _write(themes / "assets" / "extra.js", "document.documentElement.dataset.maison = 'oui';\n")
    (themes / "overrides" / "images").mkdir(parents=True)
    Image.new("RGB", (8, 8), (200, 30, 30)).save(themes / "overrides" / "images" / "logo.png")
    assert _reported(starter) == [
        ("themes/assets/contrat.txt", 1, "warning", "theme.unpublished"),
        ("themes/assets/notes.md", 1, "warning", "theme.unpublished"),
        ("themes/assets/tarifs.csv", 1, "warning", "theme.unpublished"),
        ("themes/overrides/brief.yml", 1, "warning", "theme.unpublished"),
        ("themes/overrides/partials/lisez-moi.txt", 1, "warning", "theme.unpublished"),
    ]
    result = _pressbook("build", cwd=starter)
    assert result.returncode == 0, result.stdout + result.stderr
    sites = sorted((starter / "site").iterdir())
    assert [site.name for site in sites] == ["client-maison-exemple", "internal", "public"]
    for site in sites:
        published = dict(_every_byte(site))
        assert "assets/pressbook/extra.css" in published and "assets/pressbook/extra.js" in published
        assert "images/logo.png" in published
        assert not [name for name in published if name.endswith(("contrat.txt", "notes.md", "tarifs.csv",
                                                                  "brief.yml", "lisez-moi.txt"))]
        assert not [name for name, data in published.items() if SECRET.encode() in data]
    # Nor is any of them in what MkDocs was given.
    assert not [name for name, data in _every_byte(starter / ".cache") if SECRET.encode() in data]


def test_the_published_kinds_are_said_once_and_in_the_docs() -> None:
    from pressbook.theme_folders import PUBLISHED_SUFFIXES, published, used

    docs = (ROOT / "docs" / "sites.md").read_text(encoding="utf-8")
    assert all(f"`{suffix}`" in docs for suffix in PUBLISHED_SUFFIXES)
    assert published("assets", "fonts/maison.woff2") and published("overrides", "images/logo.svg")
    assert not published("assets", "contrat.txt") and not published("overrides", "main.html")
    assert not published("assets", ".secret.css") and not published("pages", "style.css")
    assert used("overrides", "main.html") and used("overrides", ".icons/agence/logo.svg")
    assert used("pages", "journal.md") and not used("pages", "journal.txt")


# Templates

def test_a_template_syntax_error_is_a_problem_at_its_line(starter: Path) -> None:
    _write(starter / "themes" / "pages" / "journal.md",
           "# Journal\n\n{% for entry in entries %}\n{{ entry.summary }}\n")
    _write(starter / "themes" / "overrides" / "main.html",
           '{% extends "base.html" %}\n{% block announce %}\nBienvenue {{ config.site_name \n{% endblock %}\n')
    _, problems = check_workspace(starter)
    shown = [(str(p.location), p.code, str(p.message), str(p.hint or "")) for p in problems]
    assert shown == [
        ("themes/overrides/main.html:4:1", "theme.template",
         "a {{ }} is not closed where it should be: Jinja found '{'",
         "close each {{ with }} around one value or one tag"),
        ("themes/pages/journal.md:3:4", "theme.template", "this {% for %} is never closed",
         "add {% endfor %} where it should end"),
    ]


def test_a_build_with_a_broken_template_builds_nothing_without_a_traceback(starter: Path) -> None:
    assert _pressbook("build", cwd=starter).returncode == 0
    before = _tree_hash(starter / "site")
    _write(starter / "themes" / "pages" / "journal.md", "{% if entries %}\n{{ entries | count }}\n{% endfor %}\n")
    _write(starter / "themes" / "labels.yml", "fr:\n  dashboard: Accueil\n  dashboard: Tableau\n")
    result = _pressbook("build", cwd=starter)
    assert result.returncode == 1
    # In the workspace's language, French; Jinja's tags as written (the words around them are typeset).
    french = lambda line: line.replace(" : ", "\u00a0: ").replace(" ; ", "\u202f; ").replace("« ", "«\u202f") \
        .replace(" »", "\u202f»")  # noqa: E731
    assert result.stdout.splitlines()[:4] == [french(line) for line in (
        "themes/labels.yml:3:3 : erreur : fr.dashboard : la clé « dashboard » est écrite deux fois au même niveau",
        "    conseil : la première est à la ligne 2 ; gardez-en une seule",
        "themes/pages/journal.md:3:4 : erreur : {% endfor %} est ici alors que le {% if %} ouvert avant attend "
        "{% endif %}",
        "    conseil : fermez d'abord le {% if %}, ou retirez ce {% endfor %}",
    )]
    assert "Traceback" not in result.stderr and "bug in pressbook" not in result.stderr
    assert _tree_hash(starter / "site") == before


def test_unknown_variables_filters_and_templates_are_found(starter: Path) -> None:
    _write(starter / "themes" / "pages" / "method.md",
           '{% import "_macros.md" as m with context %}\n'
           "{{ settings.currency }} {{ campaigns }}\n"
           "{{ settings.agency | upper | majuscules }}\n"
           "{% if extra is defined %}{{ extra }}{% endif %}\n"
           '{% include "_signature.md" %}\n'
           "{% for x in range(3) %}{{ loop.index }}{{ site.title }}{{ url(page.path) }}{% endfor %}\n")
    _, problems = check_workspace(starter)
    assert [(str(p.location), p.code, str(p.message), str(p.hint or "")) for p in problems] == [
        ("themes/pages/method.md:2:28", "theme.variable", "pressbook gives this page no 'campaigns'",
         "pressbook's own method.md shows what this page is given"),
        ("themes/pages/method.md:3:30", "theme.template", "there is no filter 'majuscules'",
         "pressbook's filters are amount, country, day, decimal, label, language, markdown, moment, money, month, "
         "number, percent, plain, ratio, typeset, yesno, besides Jinja's own"),
        ("themes/pages/method.md:5:1", "theme.template", "the template '_signature.md' does not exist",
         "put it in themes/pages/"),
    ]


def test_a_page_template_includes_templates_only(starter: Path) -> None:
    _write(starter / "themes" / "pages" / "contrat.txt", f"{SECRET}\n")
    _write(starter / "themes" / "pages" / "journal.md", '# Journal\n{% include "contrat.txt" %}\n')
    _, problems = check_workspace(starter)
    assert [(str(p.location), p.severity, str(p.message)) for p in problems] == [
        ("themes/pages/contrat.txt:1:1", "warning", "pressbook does not read this file, and no site publishes it"),
        ("themes/pages/journal.md:2:1", "error", "'contrat.txt' is not a page template: those are .md files")]


def test_a_theme_file_that_cannot_be_read_is_a_problem_of_the_check(starter: Path, monkeypatch) -> None:
    """The build reads what is published; the check says first that it could not (as root, the test
    cannot take the permission away: the question is answered no)."""
    import pressbook.validation.themes as themes

    _write(starter / "themes" / "assets" / "maison.css", "body { color: teal }\n")
    monkeypatch.setattr(themes.os, "access", lambda path, mode: not str(path).endswith("maison.css"))
    workspace, problems = check_workspace(starter)
    assert workspace is None
    assert [(str(p.location), p.code, str(p.message)) for p in problems] == [
        ("themes/assets/maison.css:1:1", "file.unreadable", "the file cannot be read: Permission denied")]


def test_a_variable_of_another_page_is_offered_when_close(starter: Path) -> None:
    _write(starter / "themes" / "pages" / "journal.md", "{% for e in entry %}{{ e }}{% endfor %}\n")
    _, problems = check_workspace(starter)
    assert [(str(p.location), str(p.message), str(p.hint or "")) for p in problems] == [
        ("themes/pages/journal.md:1:13", "pressbook gives this page no 'entry'", "did you mean 'entries'?")]


def test_pressbooks_own_theme_copied_into_a_workspace_checks_clean(starter: Path) -> None:
    """No false alarm: every template of pressbook's, as a workspace's own, with its labels."""
    shutil.copytree(ROOT / "themes", starter / "themes", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    assert _reported(starter) == []


def test_the_variables_pages_are_given_are_those_the_check_knows(tmp_path: Path) -> None:
    """The check's table of what each page template is given, against what the demo's plans give."""
    from conftest import copy_demo
    from pressbook.build import plan_sites, site_names
    from pressbook.checking import check_with_findings
    from pressbook.clock import build_moment
    from pressbook.pages.theme_templates import PAGE_VARIABLES, PRESSBOOK_FILTERS, RENDERER_GIVES, variables_of

    root = copy_demo(tmp_path / "demo").resolve()
    moment = build_moment(root)
    workspace, _, findings = check_with_findings(root, None, moment)
    assert workspace is not None
    renderer, plans = plan_sites(root, workspace, site_names(workspace), findings, moment)
    given: dict[str, set[str]] = defaultdict(set)
    for plan in plans:
        for page in plan.pages:
            given[page.template] |= set(page.context) | set(plan.shared)
    assert {name: set(variables) for name, variables in given.items()} == \
        {name: set(variables_of(name) - RENDERER_GIVES) for name in PAGE_VARIABLES}
    import jinja2
    assert set(renderer.environment.filters) == set(jinja2.Environment().filters) | PRESSBOOK_FILTERS
    assert set(renderer.environment.globals) - set(jinja2.Environment().globals) == {"labels"}


# Labels

def test_labels_duplicate_unknown_and_broken_placeholders(starter: Path) -> None:
    _write(starter / "themes" / "labels.yml",
           "fr:\n"
           "  dashbord: Accueil\n"
           "  rests_on: \"{n} publications sur {total}\"\n"
           "  journal: Carnet\n"
           "  journal: Journal\n"
           "  maison: Notre maison\n"
           "de:\n"
           "  dashboard: Übersicht\n")
    _write(starter / "themes" / "pages" / "journal.md", "{{ labels.maison }}\n")
    _, problems = check_workspace(starter)
    assert [(str(p.location), p.severity, p.code, p.key, str(p.message), str(p.hint or "")) for p in problems] == [
        ("themes/labels.yml:2:3", "warning", "theme.label", "fr.dashbord",
         "pressbook has no label 'dashbord': this one is never shown", "did you mean 'dashboard'?"),
        ("themes/labels.yml:3:13", "error", "theme.label", "fr.rests_on",
         "this label holds {n} and {of}, which pressbook replaces with figures; nothing else may be written "
         "between braces", "pressbook's own: \"{n} publications sur {of}\""),
        ("themes/labels.yml:5:3", "error", "yaml.duplicate-key", "fr.journal",
         "'journal' is written twice in this mapping", "the first one is on line 4; keep one of them"),
        ("themes/labels.yml:7:1", "warning", "theme.label", "de", "pressbook has no language 'de'",
         "expected one of: en, fr"),
    ]


def test_labels_the_check_accepts_are_shown(starter: Path) -> None:
    _write(starter / "themes" / "labels.yml", "fr:\n  rests_on: \"{of} publications, dont {n} mesurées\"\n"
                                               "  journal: Carnet de bord\n")
    assert _reported(starter) == []
    from pressbook.pages.labels import load_labels
    labels = load_labels(starter, "fr")
    assert labels["journal"] == "Carnet de bord" and labels["dashboard"] == "Tableau de bord"


@pytest.mark.parametrize("text", ["fr: [a, b]\n", "- fr\n", "fr:\n  journal:\n    - a\n", "fr:\n  journal:\n"])
def test_labels_of_the_wrong_shape_are_errors_not_tracebacks(starter: Path, text: str) -> None:
    _write(starter / "themes" / "labels.yml", text)
    workspace, problems = check_workspace(starter)
    assert workspace is None
    assert [(p.location.path, p.code) for p in problems] == [("themes/labels.yml", "schema.type")]


def test_the_demo_checks_clean_and_quickly() -> None:
    import time

    from pressbook.checking import theme_problems

    started = time.perf_counter()
    assert theme_problems(ROOT) == []
    assert time.perf_counter() - started < 0.2


def test_a_template_added_since_the_last_check_is_found(starter: Path) -> None:
    """The preview checks again at every save, in one process: a template that was missing, then
    written, is no longer reported missing (the parsed templates kept between checks do not hide it)."""
    _write(starter / "themes" / "pages" / "journal.md", "# Journal\n{% include 'piece.md' %}\n")
    _, problems = check_workspace(starter)
    assert [str(p.message) for p in problems if p.code == "theme.template"] == [
        "the template 'piece.md' does not exist"]
    _write(starter / "themes" / "pages" / "piece.md", "Une pièce.\n")
    _, problems = check_workspace(starter)
    assert [p for p in problems if p.code == "theme.template"] == []
