"""The JSON Schemas and the key and problem references are generated from the model; they must not drift."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

import pressbook.compliance  # noqa: F401 - declares the compliance codes
from pressbook.cli import cli
from pressbook.problems import CODES
from pressbook.reference import DOCS, schemas

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `python -m pressbook.reference` at the project root and review the diff"


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
