"""The web editor (Decap CMS at /admin/): its vendored bundle, its configuration made from the model,
the local backend's refusals, and — in a browser — an influencer created and put on a roster."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
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

from conftest import DEMO_EPOCH, copy_demo

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


def test_configuration_validates_against_decaps_own_schema(new_workspace: Path, tmp_path: Path) -> None:
    # `pressbook new` writes it; `pressbook cms` writes it for the demo; /admin/ serves it.
    demo = copy_demo(tmp_path / "demo")
    subprocess.run([sys.executable, "-m", "pressbook", "cms", str(demo)], check=True, capture_output=True)
    for root in (new_workspace, demo):
        written = yaml.safe_load((root / "admin" / "config.yml").read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(editor_config(root))), root
        assert decap_errors(written) == [], root
    served = []
    body = application(demo)({"PATH_INFO": "/admin/config.yml", "REQUEST_METHOD": "GET"},
                             lambda status, headers: served.append(status))
    assert served == ["200 OK"] and decap_errors(yaml.safe_load(b"".join(body))) == []
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
    # Nor from a name made to point here (DNS rebinding): the browser would call it same-origin.
    environ = dict(environ, CONTENT_TYPE="application/json", HTTP_HOST="attacker.example:8000",
                   HTTP_ORIGIN="http://attacker.example:8000", **{"wsgi.input": __import__("io").BytesIO(body)})
    application(tmp_path)(environ, lambda status, headers: said.append(status))
    assert said == ["415 Unsupported Media Type", "403 Forbidden"]


# --- in a browser ------------------------------------------------------------------------------------

def _check(root: Path, env: dict[str, str]) -> tuple[int, set[tuple[str, str, str]]]:
    """`pressbook check`'s exit status and its problems, each as where and what (a save may move lines)."""
    run = subprocess.run([sys.executable, "-m", "pressbook", "check", str(root), "--format", "json"],
                         capture_output=True, text=True, env=env)
    return run.returncode, {(p["path"], p["code"], p.get("key") or "") for p in json.loads(run.stdout)}


def _expand(scope, title: str) -> None:
    """Open the group whose header reads `title` (Decap shows groups and lists folded)."""
    header = scope.locator("[class*=ExpandButtonContainer]").filter(has_text=re.compile(f"^{re.escape(title)}$"))
    header.first.get_by_test_id("expand-button").click()


def _front_matter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _wait_for(predicate, what: str, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.2)


@pytest.mark.browser
def test_editor_creates_an_influencer_and_puts_her_on_a_roster(browser, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    planted = root / "content" / "campaigns" / "rituel-hiver-2027" / "brief.md"
    planted.write_text(planted.read_text(encoding="utf-8").replace("\nroster:", "\n# à confirmer avec la cliente\nroster:", 1),
                       encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH)
    status_before, problems_before = _check(root, env)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--address", f"127.0.0.1:{port}"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    try:
        _wait_for(lambda: _answers(base + "/admin/"), "pressbook serve to answer", 90)
        page = context.new_page()
        errors: list[str] = []
        elsewhere: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("request", lambda request: not request.url.startswith((base, "data:", "blob:"))
                and elsewhere.append(request.url))
        page.goto(base + "/admin/")
        page.get_by_role("button", name="Se connecter").click()

        # A new card, through the forms.
        page.goto(base + "/admin/#/collections/influencers/new")
        page.get_by_label("Nom", exact=True).fill("Zoé Lambert")
        _expand(page, "Réseaux")
        _expand(page, "Instagram")
        page.locator("[id^=handle-field]").first.fill("zoelambert")
        page.locator("[id^=followers-field]").first.fill("48200")
        page.get_by_role("button", name="Ajouter thématiques").click()
        page.locator("[id^=item-field]").first.fill("cuisine")
        page.get_by_role("button", name="Publier").first.click()
        page.get_by_text("Publier maintenant").click()
        card = root / "content" / "influencers" / "zoe-lambert.md"
        _wait_for(card.is_file, "the card to be written")
        page.wait_for_url(re.compile(r"/entries/zoe-lambert$"))  # Decap opens the saved card: then leave
        assert _front_matter(card) == {"name": "Zoé Lambert", "networks": {"instagram": {"handle": "zoelambert",
                                       "followers": 48200}}, "topics": ["cuisine"]}

        # She joins the roster of the campaign in preparation, chosen by her name.
        brief = root / "content" / "campaigns" / "rituel-hiver-2027" / "brief.md"
        roster_before = _front_matter(brief)["roster"]
        values_before = _front_matter(brief)
        body_before = brief.read_text(encoding="utf-8").split("---\n", 2)[2]
        # As a person goes there: back to the lists, the campaign, its brief.
        page.goto(base + "/admin/#/collections/campaign-rituel-hiver-2027")
        page.get_by_role("link", name=re.compile("^Brief")).first.click()
        page.get_by_role("button", name=re.compile("^Ajouter influenceurs et livrables")).click()
        choice = page.locator("[id^=influencer-field]").last
        choice.click()
        page.keyboard.type("Zoé")
        page.get_by_text("Zoé Lambert", exact=True).last.click()
        page.get_by_role("button", name="Publier").first.click()
        page.get_by_text("Publier maintenant").click()
        _wait_for(lambda: len(_front_matter(brief)["roster"]) == len(roster_before) + 1, "the brief to be written")
        assert _front_matter(brief)["roster"] == [*roster_before, {"influencer": "zoe-lambert"}]
        # What docs/editing.md says a save does: the other values and the text stay, the comments go.
        assert {**_front_matter(brief), "roster": roster_before} == values_before
        assert brief.read_text(encoding="utf-8").split("---\n", 2)[2] == body_before
        assert "# " not in brief.read_text(encoding="utf-8").split("---\n", 2)[1]
        assert errors == [] and elsewhere == []
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=20)
    status_after, problems_after = _check(root, env)
    assert problems_after - problems_before == set()
    assert status_after == status_before


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
