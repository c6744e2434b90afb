"""The workspace's mkdocs.yml: the look every site INHERITs (palette, logo, theme features).

It is MkDocs' file, written for MkDocs' reader, which knows two tags of its own (`!ENV`, `!relative`)
and runs the Python that `!!python/...` tags name. Checked here, before any build: that MkDocs can
read it; that it names no Python to run (a pull request could otherwise run code in every build, as a
hook would); and which of its keys have no effect, because the generated mkdocs.yml of every site
sets them (sites/config.py; MkDocs merges mappings key by key and replaces every other value).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor

from ..loading.files import read_bytes
from ..loading.yaml_strict import PARSER, syntax_problem
from ..problems import Location, Problem

MKDOCS_YML = "mkdocs.yml"

# What the generated mkdocs.yml sets, by key path, and where to do instead what the workspace's value
# meant to do. A path of two keys lies in a mapping MkDocs merges (theme, extra). The site's title
# (site_name) is set too, but MkDocs' own tools want one in every mkdocs.yml: it is not reported.
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
    ("edit_uri_template",): "no page links to a repository host, nor loads anything from it",
    ("theme",): "every site uses the Material theme; write its look as keys under theme: (palette, logo)",
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
MERGED = {path[0] for path in SET_BY_PRESSBOOK if len(path) == 2}
# Values pressbook sets the same way: written in the workspace's mkdocs.yml (MkDocs' tools want a theme
# name), they are not worth a word. Compared as MkDocs reads them (`no` is false).
SAME_AS_PRESSBOOK: dict[tuple[str, ...], Any] = {
    ("theme",): "material", ("theme", "name"): "material",
    ("use_directory_urls",): False, ("theme", "font"): False, ("extra", "generator"): False,
}
MKDOCS_TAGS = ("!ENV", "!relative")
_STANDARD = "tag:yaml.org,2002:"


def read_mkdocs_yml(root: Path) -> tuple[bytes | None, list[Problem]]:
    """`root/mkdocs.yml` as read once, if there is one, and its problems. Those bytes, not the file,
    are what the sites are built with: the file may change after it was checked."""
    path = root / MKDOCS_YML
    if not path.is_file():
        return None, []
    problems: list[Problem] = []
    data = read_bytes(root, path, problems)
    return data, problems if data is None else _problems(data)


def _problems(data: bytes) -> list[Problem]:
    try:
        # Composed, not loaded: the structure and its lines, without running what its tags name.
        # From bytes, as MkDocs reads it: UTF-8 or UTF-16 by its byte order mark.
        node = yaml.compose(data, Loader=PARSER)
        if isinstance(node, yaml.MappingNode):
            _flatten(node)
    except yaml.MarkedYAMLError as error:
        return [syntax_problem(error, data.decode("utf-8", errors="replace"), MKDOCS_YML)]
    except yaml.YAMLError:
        return [Problem(Location(MKDOCS_YML), "error", "file.encoding", "the file is not UTF-8 text",
                        "save it as UTF-8 in your editor")]
    if node is None:
        return []
    tags = list(_tag_problems(node))
    if not isinstance(node, yaml.MappingNode):
        return tags + [Problem(_at(node), "error", "schema.type", "expected keys with values (a mapping)",
                               "each line of this file should read 'key: value'")]
    inherits = [Problem(_at(key), "error", "mkdocs.inherit",
                        "'INHERIT' is not followed: every site is built with this file alone",
                        f"copy the settings of {value.value if isinstance(value, yaml.ScalarNode) else 'that file'} "
                        "into mkdocs.yml and remove the INHERIT line")
                for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT"]
    return tags + inherits + [Problem(_at(key), "warning", "mkdocs.overruled",
                           f"pressbook sets '{'.'.join(keys)}' itself for every site: this value has no effect",
                           SET_BY_PRESSBOOK[keys])
                   for keys, key, value in _keys(node) if keys in SET_BY_PRESSBOOK and not _same(keys, value)]


def _flatten(node: yaml.MappingNode) -> None:
    """Merge keys (`<<: *defaults`) written out, in every mapping, as MkDocs' reader does."""
    SafeConstructor().flatten_mapping(node)
    for _, value in node.value:
        if isinstance(value, yaml.MappingNode):
            _flatten(value)


def _tag_problems(node: yaml.Node) -> Iterator[Problem]:
    tag = node.tag
    if tag.startswith(f"{_STANDARD}python/"):
        yield Problem(_at(node), "error", "yaml.tag", f"'!!{tag[len(_STANDARD):]}' would run Python in every build",
                      "remove it: a site's look needs no code (pressbook sets the Markdown extensions itself)")
    elif not tag.startswith(_STANDARD) and tag not in MKDOCS_TAGS:
        yield Problem(_at(node), "error", "yaml.tag", f"MkDocs does not know the tag '{tag}'",
                      f"remove it; MkDocs knows {' and '.join(MKDOCS_TAGS)} only")
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _tag_problems(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _tag_problems(key)
            yield from _tag_problems(value)


def _keys(node: yaml.MappingNode) -> Iterator[tuple[tuple[str, ...], yaml.Node, yaml.Node]]:
    """Each top-level key path with its key and value; inside the mappings MkDocs merges, each key of
    theirs instead."""
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value in MERGED and isinstance(value, yaml.MappingNode):
            yield from (((key.value, inner.value), inner, inner_value) for inner, inner_value in value.value
                        if isinstance(inner, yaml.ScalarNode))
        else:
            yield (key.value,), key, value


def _same(keys: tuple[str, ...], value: yaml.Node) -> bool:
    if keys not in SAME_AS_PRESSBOOK or not isinstance(value, yaml.ScalarNode) or not value.tag.startswith(_STANDARD):
        return False
    meant = SafeConstructor().construct_object(value)
    expected = SAME_AS_PRESSBOOK[keys]
    return type(meant) is type(expected) and meant == expected


def _at(node: yaml.Node) -> Location:
    return Location(MKDOCS_YML, node.start_mark.line + 1, node.start_mark.column + 1)
