"""The workspace's mkdocs.yml: the look every site INHERITs (palette, logo, theme features).

It is MkDocs' file, not pressbook's: its tags (`!ENV`, `!!python/name:`) are MkDocs' business and are
not refused here. What is checked: that it is YAML MkDocs can read (otherwise every site's build
fails), and that it does not count on what pressbook sets itself for every site, whatever this file
says (sites/config.py): such a value has no effect, which is worth saying where it is written.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..loading.yaml_strict import syntax_problem
from ..problems import Location, Problem

LOOK = "mkdocs.yml"

# Where a workspace's mkdocs.yml is overruled, by key path, and what to do instead. The site's title
# (site_name) is overruled too, but MkDocs' own tools want one in every mkdocs.yml: it is not reported.
SET_BY_PRESSBOOK: dict[tuple[str, ...], str] = {
    ("docs_dir",): "each site's pages are generated into .cache/pressbook/<site>/docs/",
    ("site_dir",): "each site is built into site/<site>/",
    ("use_directory_urls",): "pages are .html files, so that a site opens straight from its folder",
    ("nav",): "each site's navigation is made from the content it shows",
    ("plugins",): "every site has search and offline, and no other plugin: a plugin runs code in every build",
    ("markdown_extensions",): "pages use a fixed set of extensions that read no files and run no code",
    ("hooks",): "a hook is Python run inside every build: only pressbook's own runs",
    ("extra_css",): "restyle the sites with your own themes/assets/pressbook.css",
    ("extra_javascript",): "no script but pressbook's own runs on the sites",
    ("repo_url",): "no page links to a repository host, nor loads anything from it",
    ("edit_uri",): "no page links to a repository host, nor loads anything from it",
    ("theme", "name"): "every site uses the Material theme",
    ("theme", "custom_dir"): "keep theme overrides in themes/overrides/",
    ("theme", "language"): "each site is in the workspace's language, set in content/workspace.yml",
    ("theme", "font"): "no web fonts: the sites load nothing from another origin",
    ("extra", "analytics"): "no analytics: the sites load nothing from another origin",
    ("extra", "consent"): "no cookie banner: the sites set no cookies and load nothing from another origin",
    ("extra", "social"): "no social links that load icons or counts from another origin",
    ("extra", "generator"): "the sites do not advertise the tools that made them",
    ("extra", "pressbook"): "pressbook keeps its own settings of each site here",
    ("extra", "polyfills"): "pressbook ships the one script the search needs to work from a folder",
}
# Values pressbook sets too: written in the workspace's mkdocs.yml (MkDocs' tools want a theme name),
# they are not worth a word.
SAME_AS_PRESSBOOK: dict[tuple[str, ...], set[str]] = {
    ("theme", "name"): {"material"},
    ("use_directory_urls",): {"false", "False", "FALSE"},
    ("theme", "font"): {"false", "False", "FALSE"},
    ("extra", "generator"): {"false", "False", "FALSE"},
}


def check_site_look(root: Path) -> list[Problem]:
    """The problems of `root/mkdocs.yml`, if there is one."""
    path = root / LOOK
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [Problem(Location(LOOK), "error", "file.encoding", "the file is not UTF-8",
                        "save it as UTF-8 in your editor")]
    try:
        # Composed, not loaded: the structure and its lines, without giving MkDocs' tags a meaning.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        return [syntax_problem(error, text, LOOK)]
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        return [Problem(_at(node), "error", "schema.type", "expected keys with values (a mapping)",
                        "each line of this file should read 'key: value'")]
    return [Problem(_at(key), "warning", "look.set-by-pressbook",
                    f"pressbook sets '{'.'.join(keys)}' itself for every site: this value has no effect", hint)
            for keys, key, value in _keys(node) if (hint := SET_BY_PRESSBOOK.get(keys))
            and not (isinstance(value, yaml.ScalarNode) and value.value in SAME_AS_PRESSBOOK.get(keys, ()))]


def _keys(node: yaml.MappingNode, above: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], yaml.Node, yaml.Node]]:
    """Every key path of the mapping, two levels deep (as far as SET_BY_PRESSBOOK goes), with its key
    and value."""
    found = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        path = (*above, key.value)
        found.append((path, key, value))
        if not above and isinstance(value, yaml.MappingNode):
            found += _keys(value, path)
    return found


def _at(node: yaml.Node) -> Location:
    return Location(LOOK, node.start_mark.line + 1, node.start_mark.column + 1)
