"""The generated mkdocs.yml of one site. It INHERITs (a copy of) the workspace's mkdocs.yml for look and
feel and sets everything the guarantees depend on: no web fonts, no outside scripts, safe Markdown
extensions."""
from __future__ import annotations

from typing import Any

import yaml

from ..pages.plan import SitePlan

# Only these extensions: none of them reads files or runs code from content (no snippets, no macros).
# None lets text choose an id, a class or an attribute (no attr_list, md_in_html, admonition): no text
# of any page can, whoever wrote it.
MARKDOWN_EXTENSIONS: list[Any] = ["tables", "def_list", {"toc": {"permalink": False}}]
PLUGINS = ("search", "offline")
DOCS_DIR = "docs"  # where the pages go in a generated tree
HOOK = "pressbook_hook.py"  # MkDocs' one hook, beside the generated mkdocs.yml (see mkdocs_hook.py)


# The workspace's mkdocs.yml as checked (plan.look), written into each generated tree and INHERITed
# from there. MkDocs then reads only what passed the check: an edit of the look changes the tree (so
# the site is built again, and the preview's MkDocs rebuilds it), and a mkdocs.yml the check refuses
# never reaches MkDocs, not even the preview's server, which reads its settings again at each rebuild.
LOOK = "workspace-mkdocs.yml"


def mkdocs_config(plan: SitePlan) -> str:
    config: dict[str, Any] = {}
    if plan.look is not None:
        config["INHERIT"] = LOOK
    config.update({
        "site_name": plan.title,
        "docs_dir": DOCS_DIR,
        "use_directory_urls": False,
        "theme": {"name": "material", "custom_dir": "overrides", "language": plan.language, "font": False},
        "nav": [{entry.title: entry.path} for entry in plan.nav],
        "plugins": [{"search": {"lang": plan.language}}, *PLUGINS[1:]],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        # Ours only: a hook of the workspace's mkdocs.yml would run its code in every build.
        "hooks": [HOOK],
        # Most pages are reached from index pages, not the navigation: MkDocs need not list them
        # (on a large site, a log of thousands of lines at every build of the preview).
        "validation": {"nav": {"omitted_files": "ignore"}},
        "extra_css": ["assets/pressbook/pressbook.css"],
        "extra_javascript": [*(["assets/pressbook/vega.js"] if "assets/pressbook/vega.js" in plan.assets else []),
                             "assets/pressbook/pressbook.js"],
        # Whatever the workspace's mkdocs.yml says, nothing may call another origin: no analytics, no
        # cookie banner, no repository widget asking an API for stars.
        "extra": {"pressbook": {"site": plan.name, "noindex": plan.noindex}, "generator": False,
                  "polyfills": ["assets/pressbook/iframe-worker.js"],
                  "analytics": None, "consent": None, "social": []},
        "repo_url": None,
        "edit_uri": None,
        "edit_uri_template": None,
    })
    # workspace.yml's logo brands the header (themes/overrides/partials/logo.html: the agency's and, on a
    # client's site, the client's) and makes the favicon, where the workspace's mkdocs.yml, the look,
    # does not choose them itself (theme.logo or theme.icon.logo; theme.favicon): what it writes wins.
    chosen = _look_chooses(plan.look)
    logos = [who for who in ("agency", "client") if who in plan.logos and (who, "logo") not in chosen]
    if logos:
        config["extra"]["pressbook"]["logos"] = [{"who": who, "src": plan.logos[who], "alt": plan.logo_names[who]}
                                                 for who in logos]
    if plan.favicon and ("agency", "favicon") not in chosen:
        config["theme"]["favicon"] = plan.favicon
    if plan.site_url:
        config["site_url"] = plan.site_url
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _look_chooses(look: bytes | None) -> set[tuple[str, str]]:
    """What the workspace's mkdocs.yml chooses of the agency's branding: ("agency", "logo") when it
    writes theme.logo or theme.icon.logo, ("agency", "favicon") for theme.favicon. Composed, not loaded:
    the file was checked, and its tags are not read here."""
    if look is None:
        return set()
    node = yaml.compose(look.decode("utf-8"), Loader=yaml.SafeLoader)
    theme = _value(node, "theme")
    chosen = set()
    if _value(theme, "logo") is not None or _value(_value(theme, "icon"), "logo") is not None:
        chosen.add(("agency", "logo"))
    if _value(theme, "favicon") is not None:
        chosen.add(("agency", "favicon"))
    return chosen


def _value(node: Any, key: str) -> Any:
    """The node written under `key` in the mapping `node`, unless absent or empty."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            empty = isinstance(value, yaml.ScalarNode) and value.value in ("", "null", "~")
            return None if empty else value
    return None
