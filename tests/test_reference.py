"""The JSON Schemas, the key and problem references and the limits are generated from the code; the docs that
quote a limit link to it with the code's figure. None of them may drift."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

import pressbook.compliance  # noqa: F401 - declares the compliance codes
from pressbook.cli import cli
from pressbook.problems import CODES
from pressbook.limits import limits
from pressbook.reference import DOCS, schemas

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `python -m pressbook.reference` at the project root and review the diff"
# A figure the code decides, quoted in prose: [1 MiB](limits.md#max-text-bytes), from README.md [..](docs/limits.md#…).
QUOTED = re.compile(r"\[([^\]\n]+)\]\((?:docs/)?limits\.md#([a-z0-9-]+)\)")
# The prose docs: every Markdown page but the generated ones and the dated log of measurements, whose
# figures are those of their day.
PROSE = [ROOT / "README.md", *(page for page in sorted((ROOT / "docs").glob("*.md"))
                               if f"docs/{page.name}" not in DOCS and page.name != "performance-log.md")]


def test_committed_schemas_match_the_model() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "schemas").glob("*.json")}
    assert committed == schemas(), FIX


def test_committed_references_match_the_model() -> None:
    for name, render in DOCS.items():
        assert (ROOT / name).read_text(encoding="utf-8") == render(), f"{name} drifted: {FIX}"


def test_schema_command_writes_loadable_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", str(tmp_path / "out")])
    assert result.exit_code == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "influencer.schema.json" in written and "brief.schema.json" in written
    influencer = json.loads((tmp_path / "out" / "influencer.schema.json").read_text(encoding="utf-8"))
    assert influencer["additionalProperties"] is False
    assert influencer["properties"]["name"]["x-visibility"] == "public"


def test_every_code_raised_is_documented() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py"))
    # A code is written in quotes; a message's key too, but as what `says` is given (messages.py).
    raised = set(re.findall(r'(?<!says\()"((?:yaml|file|frontmatter|schema|csv|ref|dates|metrics|report|id|'
                            r'deliverables)\.[a-z-]+)"', source))
    raised = {code for code in raised if not code.endswith((".csv", ".css", ".md", ".yml"))}  # file names
    assert len(raised) > 20
    assert raised - set(CODES) == set()


def _figures() -> dict[str, str]:
    return {limit.anchor: limit.figure for entries in limits().values() for limit in entries}


def test_figures_quoted_in_the_docs_are_the_code_s() -> None:
    figures = _figures()
    quoted, wrong = 0, []
    for page in PROSE:
        for text, anchor in QUOTED.findall(page.read_text(encoding="utf-8")):
            quoted += 1
            if anchor not in figures:
                wrong.append(f"{page.name}: limits.md#{anchor} is no figure of docs/limits.md")
            elif text != figures[anchor]:
                wrong.append(f"{page.name} says {text!r} where the code says {figures[anchor]!r} (limits.md#{anchor})")
    assert quoted > 20
    assert wrong == []


def test_no_doc_quotes_a_limit_without_its_link() -> None:
    """A figure with its unit ('1 MiB', '12 characters') written bare would drift unseen: it is quoted
    as a link to limits.md, which the test above holds to the code."""
    bare = []
    for anchor, figure in _figures().items():
        if len(figure.partition(" ")[2]) < 2:
            continue  # a bare number ('3') or seconds ('0.25 s'): too common in prose and timings to look for
        written = re.compile(rf"(?<![\w.,]){re.escape(figure)}(?!\w)")
        for page in PROSE:
            text = page.read_text(encoding="utf-8")
            for found in written.finditer(text):
                if not (text[found.start() - 1:found.start()] == "[" and text.startswith("](", found.end())):
                    line = text.count("\n", 0, found.start()) + 1
                    bare.append(f"{page.name}:{line}: {figure!r} without its link to limits.md#{anchor}")
    assert bare == []
