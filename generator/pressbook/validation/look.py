"""The values of mkdocs.yml that MkDocs and the Material theme use as they are written.

Found by building with each key the theme reads set to values of every kind. These stopped every
build with a Python error: `copyright: 2026` (MkDocs wants text), `palette: 5`, `features: 5`,
`icon: {admonition: material/pencil}`, `extra: {alternate: 5}`, a palette's `toggle` written as an
icon alone, and any icon Material does not have (`material/brightness-8`: a missing template). The
same keys given text where a list or a set of colours goes (`features: navigation.top`, `palette:
red`, `alternate: fr`) built, misread: a feature looked for inside that line, each letter taken for a
language, the palette ignored. They are reported too; none is ever what was meant.
"""
from __future__ import annotations

from functools import cached_property
from importlib.util import find_spec
from pathlib import Path
from typing import Iterator

import yaml

from ..problems import Location, Problem
from .suggestions import did_you_mean

MKDOCS_YML = "mkdocs.yml"
STANDARD = "tag:yaml.org,2002:"  # the prefix of YAML's own tags
ICONS = ".icons"  # Material's folder of icons, in its templates and in a theme's overrides
PUBLISHED = "assets/pressbook/"  # where every site has the files of themes/assets/ (sites/generate.py)
# Under theme.icon, these hold one icon a name (a kind of admonition, a tag); the others are one icon.
_ICON_GROUPS = ("admonition", "tag")


def look_problems(node: yaml.MappingNode, themes: Path) -> Iterator[Problem]:
    """What of `node`, the whole of mkdocs.yml, would stop MkDocs or fail the build. `themes`: the
    workspace's themes/ folder, whose overrides/.icons add to Material's icons and whose assets/ are
    published in every site."""
    icons = _Icons(themes / "overrides")
    for key, value in _pairs(node):
        if key in ("copyright", "site_description", "site_author"):
            yield from _text(value, key, f'write it as text, in quotes: {key}: "{_plain(value)}"')
        elif key == "theme" and isinstance(value, yaml.MappingNode):
            yield from _theme(value, icons, themes / "assets")
        elif key == "extra" and isinstance(value, yaml.MappingNode):
            for inner, inner_value in _pairs(value):
                if inner == "alternate":
                    yield from _list_of_mappings(inner_value, "extra.alternate",
                                                 "one language a line: '- name: English', then 'link:' and 'lang:'")


def _theme(node: yaml.MappingNode, icons: _Icons, assets: Path) -> Iterator[Problem]:
    for key, value in _pairs(node):
        path = f"theme.{key}"
        if key in ("logo", "favicon"):
            yield from _text(value, path, f"put the image in themes/assets/ and write {PUBLISHED}<its name>")
            if _is_text(value) and value.tag == f"{STANDARD}str":
                yield from _image(value, path, assets, icons.material)
        elif key == "features":
            if not isinstance(value, yaml.SequenceNode):
                yield _wrong_kind(value, path, "a list", "Material's feature names, one a line after a dash: "
                                                         "'- navigation.top'")
        elif key == "palette":
            yield from _palette(value, icons)
        elif key == "icon":
            yield from _icon_settings(value, icons)


def _palette(node: yaml.Node, icons: _Icons) -> Iterator[Problem]:
    schemes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for index, scheme in enumerate(schemes):
        path = f"theme.palette[{index}]" if isinstance(node, yaml.SequenceNode) else "theme.palette"
        if not isinstance(scheme, yaml.MappingNode):
            yield _wrong_kind(scheme, path, "a set of colours",
                              "write 'primary:' and 'accent:' on the lines below 'palette:', indented; "
                              "for a light and a dark scheme, one set a line after a dash")
            continue
        for key, value in _pairs(scheme):
            if key != "toggle":
                continue
            if not isinstance(value, yaml.MappingNode) or "icon" not in dict(_pairs(value)):
                yield _wrong_kind(value, f"{path}.toggle", "an icon and a name",
                                  "write 'icon: material/brightness-7' and 'name: …' on the lines below 'toggle:', "
                                  "indented")
                continue
            yield from icons.check(dict(_pairs(value))["icon"], f"{path}.toggle.icon")


def _icon_settings(node: yaml.Node, icons: _Icons) -> Iterator[Problem]:
    if not isinstance(node, yaml.MappingNode):
        yield _wrong_kind(node, "theme.icon", "icons by what they stand for",
                          "write 'logo: material/leaf' and the like on the lines below 'icon:', indented")
        return
    for key, value in _pairs(node):
        if key not in _ICON_GROUPS:
            yield from icons.check(value, f"theme.icon.{key}")
        elif not isinstance(value, yaml.MappingNode):
            yield _wrong_kind(value, f"theme.icon.{key}", f"one icon for each kind of {key}",
                              f"write 'note: material/pencil' and the like on the lines below '{key}:', indented")
        else:
            for inner, inner_value in _pairs(value):
                yield from icons.check(inner_value, f"theme.icon.{key}.{inner}")


def _image(node: yaml.ScalarNode, path: str, assets: Path, material: Path | None) -> Iterator[Problem]:
    """A logo or favicon is a file of every site: one of themes/assets/, published under
    assets/pressbook/, or one of Material's own. Anything else the verification refuses, at the end of
    a build, as a link to nothing (or to another origin)."""
    name = node.value
    places = [assets / name.removeprefix(PUBLISHED)] if name.startswith(PUBLISHED) else []
    places += [material / name] if material is not None else []
    if ":" in name or name.startswith("/") or not any(place.is_file() for place in places):
        outside = ":" in name or name.startswith("//")
        yield Problem(at(node), "error", "schema.value", f"no site has the image '{name}'",
                      f"put the image in themes/assets/ and write {PUBLISHED}<its name>"
                      + (": the sites load nothing from another origin" if outside else ""), key=path)


class _Icons:
    """The icons a site can show: Material's, and those of the theme overrides."""

    def __init__(self, overrides: Path) -> None:
        spec = find_spec("material")  # found, not imported: the check stays quick
        locations = spec.submodule_search_locations if spec else None
        self.material = Path(locations[0]) / "templates" if locations else None
        self.folders = [folder / ICONS for folder in [overrides, self.material] if folder is not None]

    def check(self, node: yaml.Node, path: str) -> Iterator[Problem]:
        if not _is_text(node):
            yield _wrong_kind(node, path, "the name of an icon", "write it as Material names it: material/leaf")
        elif not any((folder / f"{node.value}.svg").is_file() for folder in self.folders):
            # Thousands of icons: a hint names a close one, or says how they are named.
            hint = did_you_mean(node.value, self.names) or ("Material's icons are named like material/leaf or "
                                                           f"fontawesome/solid/star; a new one goes in "
                                                           f"themes/overrides/{ICONS}/")
            yield Problem(at(node), "error", "schema.value", f"the theme has no icon '{node.value}'", hint,
                          key=path)

    @cached_property
    def names(self) -> list[str]:
        return [path.relative_to(folder).with_suffix("").as_posix()
                for folder in self.folders if folder.is_dir() for path in folder.rglob("*.svg")]


def _text(node: yaml.Node, path: str, hint: str) -> Iterator[Problem]:
    if not _is_text(node):
        yield _wrong_kind(node, path, "text", hint)


def _plain(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else "…"


def _list_of_mappings(node: yaml.Node, path: str, hint: str) -> Iterator[Problem]:
    if not isinstance(node, yaml.SequenceNode):
        yield _wrong_kind(node, path, "a list", hint)
        return
    for index, item in enumerate(node.value):
        if not isinstance(item, yaml.MappingNode):
            yield _wrong_kind(item, f"{path}[{index}]", "keys with values", hint)


def _wrong_kind(node: yaml.Node, path: str, expected: str, hint: str) -> Problem:
    return Problem(at(node), "error", "schema.type", f"MkDocs wants {expected} here, not {_kind(node)}",
                   hint, key=path)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "keys with values"
    kind = node.tag.removeprefix(STANDARD)
    return {"int": f"the number {node.value}", "float": f"the number {node.value}", "bool": f"'{node.value}' (true or false)",
            "null": "an empty value", "timestamp": f"the date {node.value}"}.get(kind, f"'{node.value}'")


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag in (f"{STANDARD}str", "!ENV", "!relative")


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[str, yaml.Node]]:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            yield key.value, value


def at(node: yaml.Node | yaml.Event) -> Location:
    return Location(MKDOCS_YML, node.start_mark.line + 1, node.start_mark.column + 1)
