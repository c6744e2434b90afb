"""The web editor (Decap CMS at /admin/): its vendored bundle, its configuration made from the model,
the local backend's refusals, and — in a browser — an influencer created and put on a roster."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml

from pressbook.cms.app import application
from pressbook.cms.backend import Backend, Refused
from pressbook.cms.config import editor_config
from pressbook.model import Brief, Influencer, RosterEntry
from pressbook.model.types import Network
from pressbook.pages.labels import load_labels

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "generator" / "pressbook" / "cms" / "vendor"
SCHEMA = json.loads((ROOT / "tests" / "cms" / "decap-config.schema.json").read_text(encoding="utf-8"))


def _unique_item_properties(validator, names, instance, schema):
    """AJV's `uniqueItemProperties` (ajv-keywords), which Decap's schema uses: no two items alike in
    any of these properties."""
    if not validator.is_type(instance, "array"):
        return
    for name in names:
        seen = [item[name] for item in instance if isinstance(item, dict) and name in item]
        for value in {v for v in seen if seen.count(v) > 1}:
            yield jsonschema.ValidationError(f"two items have the {name} {value!r}")


DecapValidator = jsonschema.validators.extend(jsonschema.Draft7Validator,
                                              {"uniqueItemProperties": _unique_item_properties})


def decap_errors(config: dict[str, Any]) -> list[str]:
    # The configuration as Decap reads it: from YAML.
    loaded = yaml.safe_load(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in DecapValidator(SCHEMA).iter_errors(loaded))


def test_vendored_bundle_is_the_pinned_package() -> None:
    manifest = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    pinned = re.search(r'DECAP_VERSION = "([0-9.]+)"', (ROOT / "scripts" / "vendor-cms").read_text()).group(1)
    assert manifest["version"] == pinned and manifest["integrity"].startswith("sha512-")
    assert "decap-cms.js" in manifest["files"]
    on_disk = {path.name.removesuffix(".gz") for path in VENDOR.glob("*.gz")}
    assert on_disk == set(manifest["files"])
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(gzip.decompress((VENDOR / f"{name}.gz").read_bytes())).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def new_workspace(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("new") / "agence"
    subprocess.run([sys.executable, "-m", "pressbook", "new", str(target)], check=True, capture_output=True)
    return target


def test_configuration_validates_against_decaps_own_schema(new_workspace: Path) -> None:
    for root in (ROOT, new_workspace):
        config = editor_config(root)
        assert decap_errors(config) == [], root
    # The schema is not a formality: a relation without its collection, or an object without fields,
    # is what Decap refuses at start-up, and so does this test.
    broken = editor_config(ROOT)
    roster = next(f for f in broken["collections"][2]["files"][0]["fields"] if f["name"] == "roster")
    del roster["fields"][0]["collection"]
    broken["collections"][0]["fields"][1]["fields"] = []
    assert len(decap_errors(broken)) >= 2


def _field(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(field for field in fields if field["name"] == name)


def test_configuration_follows_the_model() -> None:
    config = editor_config(ROOT)
    labels = {key: str(value) for key, value in load_labels(ROOT, "fr").items()}
    assert config["locale"] == "fr" and config["media_folder"] == "content/assets"
    influencers = _field(config["collections"], "influencers")
    assert influencers["folder"] == "content/influencers"
    # One form field per key of the card, in the model's order, then the portrait.
    names = [field["name"] for field in influencers["fields"]]
    editable = [name for name in Influencer.model_fields if name != "followers_demographics"]
    assert names == [*editable, "body"]
    name = _field(influencers["fields"], "name")
    assert name["label"] == labels["name"] and name["required"] is True
    # The networks: one optional group per network the model knows, labelled as the sites name them.
    networks = _field(influencers["fields"], "networks")["fields"]
    assert [n["name"] for n in networks] == list(get_args(Network))
    assert [n["label"] for n in networks] == [labels[f"network_{value}"] for value in get_args(Network)]
    assert _field(networks[0]["fields"], "followers")["value_type"] == "int"
    # A vocabulary is a select of its values, labelled in French.
    campaigns = [c for c in config["collections"] if c["name"].startswith("campaign-")]
    assert {c["name"] for c in campaigns} == {f"campaign-{p.name}" for p in (ROOT / "content" / "campaigns").iterdir()}
    brief = next(f for f in campaigns[0]["files"] if f["name"] == "brief")
    assert brief["file"].endswith("/brief.md")
    status = _field(brief["fields"], "status")
    assert status["widget"] == "select"
    assert [o["value"] for o in status["options"]] == list(get_args(Brief.model_fields["status"].annotation))
    assert [o["label"] for o in status["options"]] == [labels[f"status_{o['value']}"] for o in status["options"]]
    # Ids are relations to the files they name.
    assert _field(brief["fields"], "client")["collection"] == "clients"
    roster = _field(brief["fields"], "roster")
    assert [f["name"] for f in roster["fields"]] == list(RosterEntry.model_fields)
    influencer = _field(roster["fields"], "influencer")
    assert (influencer["widget"], influencer["collection"], influencer["value_field"]) == \
        ("relation", "influencers", "{{slug}}")
    contracts = [c for c in config["collections"] if c["name"].startswith("contracts-")]
    assert contracts and all(c["folder"].endswith("/contracts") and c["extension"] == "yml" for c in contracts)


def test_backend_keeps_to_content(tmp_path: Path) -> None:
    (tmp_path / "content" / "influencers").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    (tmp_path / "content" / "link").symlink_to(tmp_path)
    backend = Backend(tmp_path)
    for path in ("secret.txt", "/etc/passwd", "content/../secret.txt", "content/link/secret.txt",
                 "content/.git/config", "mkdocs.yml", "content\\..\\secret.txt", "content"):
        with pytest.raises(Refused):
            backend.answer({"action": "getEntry", "params": {"path": path}})
        with pytest.raises(Refused):
            backend.answer({"action": "persistEntry", "params": {"entry": {"path": path, "raw": "x"}, "assets": []}})
    assert (tmp_path / "secret.txt").read_text(encoding="utf-8") == "no"
    backend.answer({"action": "persistEntry",
                    "params": {"entry": {"path": "content/influencers/ana.md", "raw": "---\nname: Ana\n---\n"},
                               "assets": []}})
    listed = backend.answer({"action": "entriesByFolder",
                             "params": {"folder": "content/influencers", "extension": "md", "depth": 1}})
    assert [(e["file"]["path"], e["data"]) for e in listed] == [("content/influencers/ana.md", "---\nname: Ana\n---\n")]


def test_api_refuses_a_form_post_from_another_page(tmp_path: Path) -> None:
    """A page of another site can make the browser POST a form here, not JSON: refused unread."""
    (tmp_path / "content").mkdir()
    said = []
    body = b'{"action": "deleteFile", "params": {"path": "content/workspace.yml"}}'
    environ = {"PATH_INFO": "/admin/api/v1", "REQUEST_METHOD": "POST", "CONTENT_TYPE": "text/plain",
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": __import__("io").BytesIO(body)}
    application(tmp_path)(environ, lambda status, headers: said.append(status))
    assert said == ["415 Unsupported Media Type"]
