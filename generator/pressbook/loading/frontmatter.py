"""Markdown files with YAML front matter: the front matter must open on the file's first line."""
from __future__ import annotations

from ..messages import quoted, says
from ..problems import Location, Problem
from ..sources import Document
from .yaml_strict import load_yaml

_FENCE = "---"


def load_front_matter(text: str, path: str, problems: list[Problem]) -> Document:
    """Split `---` front matter from the body; line numbers stay those of the file."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != _FENCE:
        first = lines[0].strip() if lines else ""
        message = says("frontmatter.missing", found=quoted(first[:40])) if first else \
            says("frontmatter.missing-empty")
        problems.append(Problem(Location(path, 1, 1), "error", "frontmatter.missing", message,
                                says("frontmatter.missing.hint")))
        return Document(path, None)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r") == _FENCE:
            break
    else:
        problems.append(Problem(Location(path, 1, 1), "error", "frontmatter.unclosed",
                                says("frontmatter.unclosed"), says("frontmatter.unclosed.hint")))
        return Document(path, None)
    yaml_text = "\n".join(lines[1:index])
    document = load_yaml(yaml_text, path, problems, line_offset=1)
    document.body = "\n".join(line.rstrip("\r") for line in lines[index + 1:])
    document.body_line = index + 2
    return document
