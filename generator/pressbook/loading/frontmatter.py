"""Markdown files with YAML front matter: the front matter must open on the file's first line."""
from __future__ import annotations

from ..problems import Location, Problem
from .documents import Document
from .yaml_strict import load_yaml

_FENCE = "---"


def load_front_matter(text: str, path: str, problems: list[Problem]) -> Document:
    """Split `---` front matter from the body; line numbers stay those of the file."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != _FENCE:
        first = lines[0].strip() if lines else ""
        shown = f"'{first[:40]}'" if first else "an empty line"
        problems.append(Problem(Location(path, 1, 1), "error", "frontmatter.missing",
                                f"the file must begin with front matter, found {shown} on line 1",
                                "put '---' on the very first line, the keys, then '---' again; "
                                "nothing may come before it"))
        return Document(path, None)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r") == _FENCE:
            break
    else:
        problems.append(Problem(Location(path, 1, 1), "error", "frontmatter.unclosed",
                                "the front matter opened on line 1 is never closed",
                                "add a line with '---' after the last key"))
        return Document(path, None)
    yaml_text = "\n".join(lines[1:index])
    document = load_yaml(yaml_text, path, problems, line_offset=1)
    document.body = "\n".join(line.rstrip("\r") for line in lines[index + 1:])
    document.body_line = index + 2
    return document
