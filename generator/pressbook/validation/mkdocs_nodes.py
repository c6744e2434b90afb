"""What the checks of mkdocs.yml share: the file's name, its tags, and where a node of it lies."""
from __future__ import annotations

import yaml

from ..messages import says
from ..problems import Location

MKDOCS_YML = "mkdocs.yml"
STANDARD = "tag:yaml.org,2002:"  # the prefix of YAML's own tags
MKDOCS_TAGS = ("!ENV", "!relative")  # MkDocs' own, refused: they would write the build machine's values
# What a scalar is, by its tag, in words; text is named by itself.
KINDS = {"timestamp": says("mkdocs.kind.date"), "int": says("mkdocs.kind.whole-number"),
         "float": says("mkdocs.kind.number"), "bool": says("mkdocs.kind.boolean"), "binary": says("mkdocs.kind.base64"),
         "null": says("mkdocs.kind.nothing")}


def at(node: yaml.Node | yaml.Event) -> Location:
    return Location(MKDOCS_YML, node.start_mark.line + 1, node.start_mark.column + 1)
