"""The values of mkdocs.yml that MkDocs and the Material theme use as they are written.

Found by building with each key the theme reads set to values of every kind. These stopped every
build with a Python error: `copyright: 2026` (MkDocs wants text), `palette: 5`, `features: 5`,
`icon: {admonition: material/pencil}`, `extra: {alternate: 5}`, a palette's `toggle` written as an
icon alone, and any icon Material does not have (`material/brightness-8`: a missing template). The
same keys given text where a list or a set of colours goes (`features: navigation.top`, `palette:
red`, `alternate: fr`) built, misread: a feature looked for inside that line, each letter taken for a
language, the palette ignored. They are reported too; none is ever what was meant. A key left empty
is a key not set, as the theme reads it; a value of MkDocs' own tags (`!ENV`, `!relative`) is refused
by the check of mkdocs.yml, and not looked at again here.
"""
from __future__ import annotations

import re
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import Iterator

import yaml

from ..folders import files_under
from ..messages import Message, quoted, says
from ..problems import Problem
from ..theme_folders import ICONS, OVERRIDES, PUBLISHED_ASSETS, published
from .mkdocs_nodes import KINDS, MKDOCS_TAGS, STANDARD, at
from .suggestions import did_you_mean

# Material features that would make text markup: its tooltips put a title, or a truncated title's
# words, into the page as HTML (a name "<img src=x>" would become an image).
_UNSAFE_FEATURES = {"content.tooltips": says("look.tooltips")}
# Under theme.icon, these hold one icon a name (a kind of admonition, a tag); the others are one icon.
_ICON_GROUPS = ("admonition", "tag")


def look_problems(node: yaml.MappingNode, themes: list[Path]) -> Iterator[Problem]:
    """What of `node`, the whole of mkdocs.yml, would stop MkDocs or fail the build. `themes`: the
    theme folders, whose overrides/.icons add to Material's icons and whose files are published in
    every site (assets/ under assets/pressbook/, overrides/ as they are)."""
    icons = _Icons([folder / "overrides" for folder in themes])
    for key, value in _settings(node).items():
        if key in ("copyright", "site_description", "site_author"):
            yield from _text(value, key, says("look.text.hint", key=key, value=_shown(value)))
        elif key == "theme" and isinstance(value, yaml.MappingNode):
            yield from _theme(value, icons, themes)
        elif key == "extra" and isinstance(value, yaml.MappingNode):
            yield from _extra(value)


def _extra(node: yaml.MappingNode) -> Iterator[Problem]:
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key == "alternate":
            yield from _list_of_settings(value, "extra.alternate", says("look.alternate.hint"))
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    link = _settings(item).get("link") if isinstance(item, yaml.MappingNode) else None
                    if link is not None:
                        yield from _link(link, f"extra.alternate[{index}].link")
        elif key == "homepage":
            yield from _link(value, "extra.homepage")
        elif key == "version" and not _unset(value):
            # Material's version selector reads ../versions.json: outside the site, on a server the
            # sites beside it.
            yield Problem(at(key_node), "error", "schema.value", says("look.version"), says("look.version.hint"),
                          key="extra.version")


# Links the theme writes as given: a page of the site (relative) or another website over https. A
# backslash is a slash to browsers (two make another host); any other scheme may run script.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _link(node: yaml.Node, path: str) -> Iterator[Problem]:
    if _unset(node) or _theirs(node):
        return
    if not _is_text(node):
        yield _wrong_kind(node, path, says("look.expected.link"), says("look.link.hint"))
        return
    text = node.value.strip()
    scheme = _SCHEME.match(text)
    if "\\" in text or any(c < " " for c in text) or (scheme and not text.lower().startswith("https://")) \
            or text.startswith("//"):
        yield Problem(at(node), "error", "schema.value", says("look.not-a-link", value=_shown(node)),
                      says("look.link.hint"), key=path)


def _theme(node: yaml.MappingNode, icons: _Icons, themes: list[Path]) -> Iterator[Problem]:
    for key, value in _settings(node).items():
        path = f"theme.{key}"
        hint = says("look.image.hint", assets=PUBLISHED_ASSETS)
        if key == "favicon" or (key == "logo" and not _unset(value)):  # an empty favicon stops the build
            yield from _text(value, path, hint, required=key == "favicon")
            if _is_text(value):
                yield from _image(value, path, themes, icons.material, hint)
        elif key == "features" and not (_unset(value) or isinstance(value, yaml.SequenceNode)):
            yield _wrong_kind(value, path, says("look.kind.list"), says("look.features.hint"))
        elif key == "features" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.ScalarNode) and item.value in _UNSAFE_FEATURES:
                    yield Problem(at(item), "error", "schema.value", _UNSAFE_FEATURES[item.value],
                                  says("look.remove-line.hint", feature=item.value), key=path)
        elif key == "palette" and not _unset(value):
            yield from _palette(value, icons)
        elif key == "icon" and not _unset(value):
            yield from _icon_settings(value, icons)


def _palette(node: yaml.Node, icons: _Icons) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        return  # one scheme: the theme shows no toggle
    if not isinstance(node, yaml.SequenceNode):
        yield _wrong_kind(node, "theme.palette", says("look.expected.colours"), says("look.palette.hint"))
        return
    for index, scheme in enumerate(node.value):
        path = f"theme.palette[{index}]"
        if not isinstance(scheme, yaml.MappingNode):
            yield _wrong_kind(scheme, path, says("look.expected.colours"), says("look.scheme.hint"))
            continue
        toggle = _settings(scheme).get("toggle")
        if toggle is None or _unset(toggle) or _theirs(toggle):
            continue
        if not isinstance(toggle, yaml.MappingNode) or "icon" not in _settings(toggle):
            yield _wrong_kind(toggle, f"{path}.toggle", says("look.expected.icon-and-name"), says("look.toggle.hint"))
            continue
        yield from icons.check(_settings(toggle)["icon"], f"{path}.toggle.icon", required=True)


def _icon_settings(node: yaml.Node, icons: _Icons) -> Iterator[Problem]:
    if not isinstance(node, yaml.MappingNode):
        yield _wrong_kind(node, "theme.icon", says("look.expected.icons"), says("look.icons.hint"))
        return
    for key, value in _settings(node).items():
        if key not in _ICON_GROUPS:
            yield from icons.check(value, f"theme.icon.{key}")
        elif not (_unset(value) or isinstance(value, yaml.MappingNode)):
            yield _wrong_kind(value, f"theme.icon.{key}", says("look.expected.icon-group", key=key),
                              says("look.icon-group.hint", key=key))
        elif isinstance(value, yaml.MappingNode):
            for inner, inner_value in _settings(value).items():
                yield from icons.check(inner_value, f"theme.icon.{key}.{inner}")


def _image(node: yaml.ScalarNode, path: str, themes: list[Path], material: Path | None,
           hint: Message) -> Iterator[Problem]:
    """A logo or favicon is a file of every site: one of a theme's assets/, published under
    assets/pressbook/, one of its overrides/, or one of Material's own that MkDocs publishes. Anything
    else the verification refuses, at the end of a build, as a link to nothing or to another website."""
    name = node.value
    if ":" in name or name.startswith("//"):
        yield Problem(at(node), "error", "schema.value", says("look.other-website", name=name),
                      says("look.other-website.hint", hint=hint), key=path)
        return
    relative = name.lstrip("/")
    places = [folder / "overrides" / relative for folder in themes]
    if relative.startswith(PUBLISHED_ASSETS):
        places += [folder / "assets" / relative.removeprefix(PUBLISHED_ASSETS) for folder in themes]
    places += [material / relative] if material is not None else []
    if not (published(OVERRIDES, relative) and any(place.is_file() for place in places)):
        yield Problem(at(node), "error", "schema.value", says("look.no-image", name=name), hint, key=path)
    elif name.startswith("/"):
        yield Problem(at(node), "error", "schema.value", says("look.slash", name=name),
                      says("look.slash.hint", relative=relative), key=path)


class _Icons:
    """The icons a site can show: Material's, and those of the theme overrides."""

    def __init__(self, overrides: list[Path]) -> None:
        spec = find_spec("material")  # found, not imported: the check stays quick
        locations = spec.submodule_search_locations if spec else None
        self.material = Path(locations[0]) / "templates" if locations else None
        self.folders = [folder / ICONS for folder in [*overrides, self.material] if folder is not None]

    def check(self, node: yaml.Node, path: str, required: bool = False) -> Iterator[Problem]:
        """An icon left empty is the theme's own, except where there is none to fall back on."""
        if _theirs(node) or (_unset(node) and not required):
            return
        if not _is_text(node) or not node.value:
            yield _wrong_kind(node, path, says("look.expected.icon"), says("look.icon.hint"))
        elif not (_is_icon_name(node.value) and any((folder / f"{node.value}.svg").is_file()
                                                     for folder in self.folders)):
            # Thousands of icons: a hint names a close one, or says how they are named.
            hint = did_you_mean(node.value, self.names) or says("look.icon-names.hint", icons=ICONS)
            yield Problem(at(node), "error", "schema.value", says("look.no-icon", name=node.value), hint, key=path)

    @cached_property
    def names(self) -> list[str]:
        return [name.removesuffix(".svg") for folder in self.folders if folder.is_dir()
                for name, _ in files_under(folder) if name.endswith(".svg")]


def _is_icon_name(name: str) -> bool:
    # A name that climbs out of the icons' folder is none, though a file may lie there.
    return not name.startswith("/") and ".." not in PurePosixPath(name).parts


def _text(node: yaml.Node, path: str, hint: Message, required: bool = False) -> Iterator[Problem]:
    if not (_is_text(node) or _theirs(node) or (_unset(node) and not required)):
        yield _wrong_kind(node, path, says("look.expected.text"), hint)


def _shown(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else "…"


def _list_of_settings(node: yaml.Node, path: str, hint: Message) -> Iterator[Problem]:
    if _unset(node) or _theirs(node):
        return
    if not isinstance(node, yaml.SequenceNode):
        yield _wrong_kind(node, path, says("look.kind.list"), hint)
        return
    for index, item in enumerate(node.value):
        if not isinstance(item, yaml.MappingNode):
            yield _wrong_kind(item, f"{path}[{index}]", says("look.expected.settings"), hint)


def _wrong_kind(node: yaml.Node, path: str, expected: Message, hint: Message) -> Problem:
    return Problem(at(node), "error", "schema.type", says("look.wrong-kind", expected=expected, found=_kind(node)),
                   hint, key=path)


def _kind(node: yaml.Node) -> Message:
    if isinstance(node, yaml.SequenceNode):
        return says("look.kind.list")
    if isinstance(node, yaml.MappingNode):
        return says("look.kind.settings")
    kind = node.tag.removeprefix(STANDARD)
    if kind not in KINDS:
        return quoted(node.value)
    if node.value and kind != "null":
        return says("look.kind.with-value", kind=KINDS[kind], value=node.value)
    return KINDS[kind]


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == f"{STANDARD}str"


def _unset(node: yaml.Node) -> bool:
    """Left empty: the theme reads it as not set."""
    return isinstance(node, yaml.ScalarNode) and (node.tag == f"{STANDARD}null" or node.value == "")


def _theirs(node: yaml.Node) -> bool:
    """A value of MkDocs' own tags: refused already (mkdocs_yml.py), so not said again of its kind."""
    return node.tag in MKDOCS_TAGS


def _settings(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    """A mapping's keys and values; where a key comes twice (merged, then its own), the last, as MkDocs
    reads it."""
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
