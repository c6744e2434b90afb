"""The workspace's mkdocs.yml: the look every site INHERITs (palette, logo, theme features).

It is MkDocs' file, written for MkDocs' reader, which knows two tags of its own (`!ENV`, `!relative`)
and runs the Python that `!!python/...` tags name. Checked here, before any build: that MkDocs can
read it, and write its values out (no alias inside the value it names, no aliases of aliases that
multiply into millions of values); that it names no Python to run (a pull request could otherwise
run code in every build, as a hook would), nor any of the builder's environment (`!ENV`) or folders
(`!relative`); and which of its keys have no effect, because the
generated mkdocs.yml of every site sets them (sites/config.py; MkDocs merges mappings key by key and
replaces every other value).
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor

from ..loading.files import decode_utf8, not_utf8, read_bytes
from ..loading.yaml_strict import MAX_DEPTH, PARSER, syntax_problem, too_deep, unacceptable_character
from ..messages import Message, listed, quoted, says
from ..problems import Location, Problem
from ..theme_folders import theme_dirs
from .look import look_problems
from .mkdocs_nodes import KINDS, MKDOCS_YML, STANDARD, at
from .schema_errors import SECRET_HINT, SECRET_KEY

# What the generated mkdocs.yml sets, by key path, and where to do instead what the workspace's value
# meant to do. A path of two keys lies in a mapping MkDocs merges (theme, extra). The site's title
# (site_name) is set too, but MkDocs' own tools want one in every mkdocs.yml: it is not reported.
SET_BY_PRESSBOOK: dict[tuple[str, ...], Message] = {
    ("docs_dir",): says("mkdocs.set.docs-dir"),
    ("site_dir",): says("mkdocs.set.site-dir"),
    ("use_directory_urls",): says("mkdocs.set.directory-urls"),
    ("nav",): says("mkdocs.set.nav"),
    ("plugins",): says("mkdocs.set.plugins"),
    ("markdown_extensions",): says("mkdocs.set.markdown-extensions"),
    ("hooks",): says("mkdocs.set.hooks"),
    ("extra_css",): says("mkdocs.set.extra-css"),
    ("extra_javascript",): says("mkdocs.set.extra-javascript"),
    ("repo_url",): says("mkdocs.set.repository"),
    ("edit_uri",): says("mkdocs.set.repository"),
    ("edit_uri_template",): says("mkdocs.set.repository"),
    ("theme",): says("mkdocs.set.theme"),
    ("theme", "name"): says("mkdocs.set.theme-name"),
    ("theme", "custom_dir"): says("mkdocs.set.custom-dir"),
    ("theme", "language"): says("mkdocs.set.language"),
    ("theme", "font"): says("mkdocs.set.font"),
    ("extra", "analytics"): says("mkdocs.set.analytics"),
    ("extra", "consent"): says("mkdocs.set.consent"),
    ("extra", "social"): says("mkdocs.set.social"),
    ("extra", "generator"): says("mkdocs.set.generator"),
    ("extra", "pressbook"): says("mkdocs.set.pressbook"),
    ("extra", "polyfills"): says("mkdocs.set.polyfills"),
}
MERGED = {path[0] for path in SET_BY_PRESSBOOK if len(path) == 2}
# Values pressbook sets the same way: written in the workspace's mkdocs.yml (MkDocs' tools want a theme
# name), they are not worth a word. Compared as MkDocs reads them (`no` is false).
SAME_AS_PRESSBOOK: dict[tuple[str, ...], Any] = {
    ("theme",): "material", ("theme", "name"): "material",
    ("use_directory_urls",): False, ("theme", "font"): False, ("extra", "generator"): False,
}
# Values the aliases of mkdocs.yml may stand for, in all. A look is a few dozen settings; beyond this,
# aliases of aliases are multiplying, and MkDocs, which writes every setting out, would not finish.
MAX_ALIASED = 10_000
_NOT_TEXT = Problem(Location(MKDOCS_YML), "error", "file.encoding", says("mkdocs.not-text"),
                    says("mkdocs.save-as-utf8.hint"))


def read_mkdocs_yml(root: Path) -> tuple[bytes | None, list[Problem]]:
    """`root/mkdocs.yml` as read once, if there is one, and its problems. Those bytes, not the file,
    are what the sites are built with: the file may change after it was checked."""
    path = root / MKDOCS_YML
    if not path.is_file():
        return None, []
    problems: list[Problem] = []
    data = read_bytes(root, path, problems)
    return data, problems if data is None else _problems(data, theme_dirs(root))


def _problems(data: bytes, themes: list[Path]) -> list[Problem]:
    text = _decoded(data)
    if text is None:
        return [_NOT_TEXT]
    if isinstance(text, int):
        return [not_utf8(data, text, MKDOCS_YML, says("mkdocs.save-as-utf8.hint"))]
    refused = unacceptable_character(text, MKDOCS_YML)
    if refused is not None:
        return [refused]
    try:
        # From bytes, as MkDocs reads them: UTF-8 or UTF-16 by its byte order mark.
        structure, composable = _structure_problems(yaml.parse(data, Loader=PARSER))
        if not composable:
            return structure
        # Composed, not loaded: the structure and its lines, without running what its tags name.
        node = yaml.compose(data, Loader=PARSER)
        if isinstance(node, yaml.MappingNode):
            _flatten(node)
    except yaml.MarkedYAMLError as error:
        return [syntax_problem(error, text, MKDOCS_YML)]
    except yaml.YAMLError:
        # The reader's own refusal, were it to refuse a text that decoded above.
        return [_NOT_TEXT]
    if node is None:
        return structure
    constructor = SafeConstructor()  # it keeps what it made: one a check
    tags = structure + [problem for each in _nodes(node) for problem in _node_problems(each, constructor)]
    if not isinstance(node, yaml.MappingNode):
        return tags + [Problem(at(node), "error", "schema.type", says("mkdocs.not-mapping"),
                               says("schema.file-mapping.hint"))]
    inherits = [Problem(at(key), "error", "mkdocs.inherit", says("mkdocs.inherit"),
                        says("mkdocs.inherit.hint", file=value.value) if isinstance(value, yaml.ScalarNode)
                        else says("mkdocs.inherit-that.hint"))
                for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT"]
    # `extra:` takes any key: one named like a secret is refused here as the schema refuses it elsewhere.
    secrets = [Problem(at(key), "error", "secret.in-workspace", says("secret.in-workspace"), SECRET_HINT)
               for each in _nodes(node) if isinstance(each, yaml.MappingNode)
               for key, _ in each.value if isinstance(key, yaml.ScalarNode) and SECRET_KEY.search(key.value)]
    tags += secrets
    # A value already reported (a date that is none) is not reported again for its kind.
    reported = {tag.location for tag in tags}
    look = [problem for problem in look_problems(node, themes) if problem.location not in reported]
    return tags + inherits + look + [Problem(at(key), "warning", "mkdocs.overruled",
                           says("mkdocs.overruled", key=".".join(keys)), SET_BY_PRESSBOOK[keys])
                   for keys, key, value in _keys(node) if keys in SET_BY_PRESSBOOK and not _same(keys, value)]


def _decoded(data: bytes) -> str | int | None:
    """The text of the file, decoded as MkDocs' reader decodes it: UTF-16 by its byte order mark, or
    UTF-8. None if it is not UTF-16 text; the offset of its first bad byte if it is not UTF-8 text."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    return decode_utf8(data)


def _structure_problems(events: Iterator[yaml.Event]) -> tuple[list[Problem], bool]:
    """Nesting and aliases, checked on the parser's events, before anything walks the values.

    MkDocs reads an alias as the very value its anchor names. Written inside that value (`extra: &x
    {self: *x}`), it makes a value that contains itself: MkDocs reads it, and the build fails where
    the theme writes the value out. Aliases of lists of aliases multiply: nine lines of ten aliases
    each stand for a billion values, which MkDocs writes out in full (it logs every setting) and
    never finishes. Lists and mappings nested deeper than MAX_DEPTH stop the check at the first, and
    the file is not composed: the composer recurses, and the pure-Python one runs out of stack.
    The problems found, and whether the file can be composed.
    """
    problems: list[Problem] = []
    anchors: list[str | None] = []  # the anchor of each list or mapping being read, outermost first
    sizes: list[int] = []  # values in each of them so far, aliases written out
    named: dict[str, int] = {}  # values each anchor stands for, once it is read
    aliased = 0  # values that the aliases stand for, in all
    for event in events:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(anchors) == MAX_DEPTH:
                return problems + [too_deep(at(event))], False
            anchors.append(event.anchor)
            sizes.append(1)
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = anchors.pop(), sizes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, named.get(event.anchor, 1)  # an unknown one is the composer's to report
            if event.anchor in anchors:
                problems.append(Problem(at(event), "error", "yaml.anchor",
                                        says("mkdocs.alias-inside", anchor=event.anchor),
                                        says("mkdocs.alias-inside.hint", anchor=event.anchor)))
            aliased += size
            if aliased > MAX_ALIASED >= aliased - size:
                problems.append(Problem(at(event), "error", "yaml.anchor", says("mkdocs.aliases", most=MAX_ALIASED),
                                        says("mkdocs.aliases.hint")))
        else:
            continue
        if anchor is not None:
            named[anchor] = size
        if sizes:
            sizes[-1] += size
    return problems, True


def _flatten(root: yaml.MappingNode) -> None:
    """Merge keys (`<<: *defaults`) written out, in every mapping, as MkDocs' reader does.

    A mapping is flattened after the mappings it merges, so that flattening it never goes down a
    chain of merges by recursion (PyYAML's flatten_mapping flattens what it merges first)."""
    constructor = SafeConstructor()
    for node in _nodes(root):
        if isinstance(node, yaml.MappingNode):
            constructor.flatten_mapping(node)


def _nodes(root: yaml.Node) -> list[yaml.Node]:
    """Every node once, each after the nodes inside it, without recursion. Once: an aliased node is
    met again at each alias, and a value that contains itself would never end. An anchored node is
    met first where it is written, since an alias can only follow its anchor: it comes before the
    mappings that merge it, unless they hold it."""
    seen: set[int] = set()
    order: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, inside_done = stack.pop()
        if inside_done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            inside = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            inside = [part for pair in node.value for part in pair]
        else:
            inside = []
        stack.extend((child, False) for child in reversed(inside) if id(child) not in seen)
    return order


def _node_problems(node: yaml.Node, constructor: SafeConstructor) -> list[Problem]:
    """A tag that would run Python or that MkDocs does not know, or a value its tag says it cannot be."""
    tag = node.tag
    kind = tag[len(STANDARD):] if tag.startswith(STANDARD) else None
    if kind is None:
        if tag == "!ENV":
            return [_environment_refused(node)]
        if tag == "!relative":
            return [Problem(at(node), "error", "yaml.tag", says("mkdocs.relative"), says("mkdocs.relative.hint"))]
        return [Problem(at(node), "error", "yaml.tag", says("mkdocs.unknown-tag", tag=tag),
                        says("mkdocs.unknown-tag.hint"))]
    if kind.startswith("python/"):
        return [Problem(at(node), "error", "yaml.tag", says("mkdocs.python", kind=kind), says("mkdocs.python.hint"))]
    if isinstance(node, yaml.ScalarNode) and kind in KINDS:
        try:
            constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
            return [Problem(at(node), "error", "schema.value", says("mkdocs.not-of-kind", value=node.value,
                                                                                   kind=KINDS[kind]),
                            says("mkdocs.not-of-kind.hint"))]
    return []


def _environment_refused(node: yaml.Node) -> Problem:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: MkDocs would write the builder's variable out, and
    the builder's environment holds its HOME, its PATH, tokens. No variable is let through: the sites
    are made from the workspace alone, the same on every machine; the value is written instead."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    words = [item.value for item in items if isinstance(item, yaml.ScalarNode)]
    default = words.pop() if isinstance(node, yaml.SequenceNode) and len(words) > 1 else None
    names = listed((quoted(name) for name in words), "or") if words else says("mkdocs.env.a-variable")
    hint = says("mkdocs.env.default.hint", default=default) if default else says("mkdocs.env.hint")
    return Problem(at(node), "error", "yaml.tag", says("mkdocs.env", names=names), hint)


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
    # Compared by tag and text, not by constructing the value: `!!python/name:…` would be looked up,
    # and `!!bool maybe` or `!!int abc` raise (they are not pressbook's values either way).
    if keys not in SAME_AS_PRESSBOOK or not isinstance(value, yaml.ScalarNode):
        return False
    expected = SAME_AS_PRESSBOOK[keys]
    if isinstance(expected, bool):
        return value.tag == f"{STANDARD}bool" and SafeConstructor.bool_values.get(value.value.lower()) is expected
    return value.tag == f"{STANDARD}str" and value.value == expected
