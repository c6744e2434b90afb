"""`pressbook deploy headers` and `pressbook deploy workflow`: what static hosts read.

`_headers` of each demo site is read back as Netlify documents its syntax (a path line, then indented
`Name: value` lines; `*` matches anything, `:name` one segment) and every file of the built site is
asked for: each gets the site's policy, noindex on every site but the public one, one Cache-Control
only (Cloudflare joins two where Netlify keeps one), private on private sites, and the long cache on
fingerprinted files alone. Every line keeps to Cloudflare's limits.

The workflow is read with YAML and checked against GitHub's documented structure (SchemaStore's
schema, as check-jsonschema ships it); its matrix holds one job per site that is not on GitHub
Pages; every secret it names is read in its site's own environment, by the step of that site's host
only; and only the Pages job may write to Pages.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import DEMO_EPOCH, build_on_demo_day, copy_demo
from pressbook import __version__
from pressbook.catalogue import typeset
from pressbook.cli import cli
from pressbook.freshness import fingerprint
from pressbook.publishing.headers import FINGERPRINTED, SiteHeaders, site_headers, site_policy
from pressbook.publishing.host_headers import HEADERS_FILE, headers_text
from pressbook.publishing.workflow import SECRETS, WORKFLOW, workflow_text

SITES = ["internal", "client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "public"]
LONG = "max-age=31536000, immutable"
CLOUDFLARE_RULES, CLOUDFLARE_LINE = 100, 2000


# `_headers` read back ----------------------------------------------------------------------------

def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rules in Netlify's documented syntax: `#` lines are comments, a line starting with '/' is a
    path, every other line `Name: value` for the path above it."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("/"):
            assert not line[0].isspace(), f"line {number}: a path is not indented"
            rules.append((stripped, []))
            continue
        assert line.startswith("  ") and rules, f"line {number}: a header comes indented, under a path"
        name, _, value = stripped.partition(":")
        assert name and value.strip(), f"line {number}: 'Name: value' expected"
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    """`*` matches anything (nothing too), `:name` one segment; case does not count (Netlify)."""
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in re.split(r"(\*|:[A-Za-z]+)", pattern))
    return re.fullmatch(regex, path, re.IGNORECASE) is not None


def headers_for(rules, path: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers:
                found.setdefault(name.lower(), []).append(value)
    return found


def addresses(relative: str) -> list[str]:
    """What a browser asks for to get this file: its path; a page's also without '.html' (Cloudflare
    serves it so) and an index's folder."""
    found = ["/" + relative]
    if relative == "index.html" or relative.endswith("/index.html"):
        found.append("/" + relative.removesuffix("index.html"))
    elif relative.endswith(".html"):
        found.append("/" + relative.removesuffix(".html"))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("static") / "demo")
    build_on_demo_day(root)
    result = CliRunner().invoke(cli, ["deploy", "headers", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(root / "site" / site / HEADERS_FILE) for site in SITES]
    return root


@pytest.mark.parametrize("site", SITES)
def test_every_answer_carries_the_sites_headers(built: Path, site: str) -> None:
    folder = built / "site" / site
    rules = parse_headers((folder / HEADERS_FILE).read_text(encoding="utf-8"))
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != HEADERS_FILE)
    assert len(files) > 20
    scope = "public" if site == "public" else "private"
    for relative in files:
        for path in addresses(relative):
            found = headers_for(rules, path)
            assert found["content-security-policy"] == [site_policy(folder)], path
            assert found["x-content-type-options"] == ["nosniff"], path
            assert found.get("x-robots-tag") == (None if site == "public" else ["noindex, nofollow"]), path
            # One rule sets it: Cloudflare would join two values into one header.
            assert len(found["cache-control"]) == 1, (path, found["cache-control"])
            cache = found["cache-control"][0]
            assert cache.startswith(f"{scope}, "), path
            fingerprinted = re.search(FINGERPRINTED, path) is not None
            assert (LONG in cache) == fingerprinted, (path, cache)
    # Not vacuous: Material's styles and scripts are kept a year, and only they.
    long_rules = [pattern for pattern, headers in rules if any(LONG in value for _, value in headers)]
    assert any(p.endswith(".css") for p in long_rules) and any(p.endswith(".js") for p in long_rules)
    for pattern in long_rules:
        assert "*" not in pattern and ":" not in pattern, pattern  # a file by its name, never a folder
        assert (folder / pattern.lstrip("/")).is_file() and re.search(FINGERPRINTED, pattern), pattern
    assert "'sha256-" in site_policy(folder) and "frame-ancestors 'self'" in site_policy(folder)


@pytest.mark.parametrize("site", SITES)
def test_headers_keep_to_cloudflares_limits(built: Path, site: str) -> None:
    text = (built / "site" / site / HEADERS_FILE).read_text(encoding="utf-8")
    rules = parse_headers(text)
    assert len(rules) <= CLOUDFLARE_RULES
    assert all(len(line) <= CLOUDFLARE_LINE for line in text.splitlines())
    assert all(pattern.count("*") <= 1 for pattern, _ in rules)  # Cloudflare: one splat a rule
    assert text.endswith("\n") and "\r" not in text


def test_headers_are_the_same_bytes_and_leave_the_build_as_it_was(built: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = built / "site" / "client-velonde"
    before = (folder / HEADERS_FILE).read_bytes()
    (folder / HEADERS_FILE).unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    stamp = fingerprint(built, None)
    assert CliRunner().invoke(cli, ["deploy", "headers", str(built), "--site", "client-velonde"]).exit_code == 0
    assert (folder / HEADERS_FILE).read_bytes() == before
    assert headers_text(folder, site_headers(folder, "client-velonde"), "client-velonde").encode() == before
    # The next build has nothing to do: _headers is no input of it, and the site is still in place.
    assert fingerprint(built, None) == stamp


def test_headers_build_nothing_and_refuse_a_site_not_built(demo: Path) -> None:
    result = CliRunner().invoke(cli, ["deploy", "headers", str(demo), "--site", "client-velonde"])
    assert result.exit_code == 1
    # in the workspace's language, French
    assert typeset("pas encore construit : client-velonde", "fr") in result.output
    assert "pressbook build --site client-velonde" in result.output
    assert not (demo / "site").exists()
    unknown = CliRunner().invoke(cli, ["deploy", "headers", str(demo), "--site", "client-nowhere"])
    assert unknown.exit_code == 2 and "no site named 'client-nowhere'" in unknown.output



def _fake_site(folder: Path, names: list[str]) -> Path:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    return folder


@pytest.mark.parametrize("extra", [[f"page-{n:03}/index.html" for n in range(120)], ["un nom.html"]])
def test_a_site_the_rules_cannot_part_keeps_every_file_as_a_page(tmp_path: Path, extra: list[str]) -> None:
    """More rules than Cloudflare reads, or a name a rule cannot hold: no long cache at all, rather
    than a file kept a year that changes, or a path with two Cache-Control rules."""
    site = _fake_site(tmp_path, ["index.html", "assets/stylesheets/main.0123abcd.min.css", *extra])
    text = headers_text(site, SiteHeaders("default-src 'none'", indexable=False, private=True), "client-x")
    rules = parse_headers(text)
    assert [pattern for pattern, _ in rules] == ["/*"]
    assert headers_for(rules, "/assets/stylesheets/main.0123abcd.min.css")["cache-control"] == ["private, no-cache"]


def test_a_policy_too_long_for_cloudflare_leaves_the_pages_their_own(tmp_path: Path) -> None:
    site = _fake_site(tmp_path, ["index.html", "assets/javascripts/bundle.0123abcd.min.js"])
    policy = "default-src 'none'; script-src 'self' " + " ".join(f"'sha256-{n:044}'" for n in range(60))
    text = headers_text(site, SiteHeaders(policy, indexable=True, private=False), "public")
    assert all(len(line) <= CLOUDFLARE_LINE for line in text.splitlines())
    found = headers_for(parse_headers(text), "/assets/javascripts/bundle.0123abcd.min.js")
    assert found["content-security-policy"] == ["frame-ancestors 'self'"]
    assert found["cache-control"] == [f"public, {LONG}"] and "x-robots-tag" not in found

# The workflow -------------------------------------------------------------------------------------

TARGETS = {  # a site's lines under sites: in workspace.yml, and what the workflow must do with it
    "internal": "    target:\n      host: server\n      destination: deploy@web.example.fr:/srv/sites/internal/\n",
    "client-herbier-de-lure": "      target:\n        host: netlify\n        project: herbier-de-lure-site\n"
                              "        access: netlify-password\n",
    "client-velonde": "      target:\n        host: cloudflare-pages\n        project: velonde-rapports\n"
                      "        access: cloudflare-access\n",
    "client-chocolaterie-belleroche": "      target:\n        host: artifact\n",
}
HOSTS = {"internal": "server", "client-herbier-de-lure": "netlify", "client-velonde": "cloudflare-pages",
         "client-chocolaterie-belleroche": "artifact"}
DEPLOYS = {"server": "rsync", "netlify": "netlify-cli", "cloudflare-pages": "wrangler",
           "artifact": "actions/upload-artifact"}


def set_targets(root: Path) -> None:
    path = root / "content" / "workspace.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  internal:\n", "  internal:\n" + TARGETS["internal"], 1)
    for site, lines in TARGETS.items():
        if site.startswith("client-"):
            client = site.removeprefix("client-")
            url = f"      url: https://clients.sillage-influence.fr/{client}/\n"
            assert url in text
            text = text.replace(url, url + lines)
    path.write_text(text, encoding="utf-8")


def read_workflow(text: str) -> dict:
    loaded = yaml.safe_load(text)
    loaded["on"] = loaded.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub reads YAML 1.2
    return loaded


def runs_for(step: dict, entry: dict) -> bool:
    """Whether a step runs for a matrix entry: its `if` is `matrix.host == '…'` terms joined by `||`,
    or `startsWith(matrix.site, '…')`."""
    condition = step.get("if")
    if condition is None:
        return True
    for term in condition.split("||"):
        term = term.strip()
        host = re.fullmatch(r"matrix\.host == '([a-z-]+)'", term)
        start = re.fullmatch(r"startsWith\(matrix\.site, '([a-z-]+)'\)", term)
        assert host or start, f"a condition the test cannot read: {condition}"
        if host and entry["host"] == host.group(1) or start and entry["site"].startswith(start.group(1)):
            return True
    return False


def secrets_named(value) -> set[str]:
    return set(re.findall(r"\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}", json.dumps(value)))


def validate_structure(workflow: dict) -> None:
    """SchemaStore's schema of a GitHub workflow, as check-jsonschema vendors it: offline."""
    schema = json.loads(resources.files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-workflows.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(workflow), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


@pytest.fixture
def targeted(demo: Path) -> Path:
    set_targets(demo)
    return demo


def test_the_demos_workflow(demo: Path) -> None:
    result = CliRunner().invoke(cli, ["deploy", "workflow", str(demo)])
    assert result.exit_code == 0, result.output
    path = demo / WORKFLOW
    text = path.read_text(encoding="utf-8")
    workflow = read_workflow(text)
    validate_structure(workflow)
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["env"]["PRESSBOOK_VERSION"] == __version__
    assert set(workflow["jobs"]) == {"check", "sites", "pages"}
    check = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert "pressbook check --format github" in check and "pressbook deploy workflow --check" in check
    sites = workflow["jobs"]["sites"]
    entries = sites["strategy"]["matrix"]["include"]
    # The public site goes to GitHub Pages: its own job; every other site once in the matrix.
    assert [entry["site"] for entry in entries] == SITES[:-1]
    assert all(entry["host"] == "artifact" for entry in entries)
    builds = [step["run"] for step in sites["steps"] if "pressbook build" in step.get("run", "")]
    assert builds == ['pressbook build --site "$SITE"'] and sites["env"]["SITE"] == "${{ matrix.site }}"
    pages = workflow["jobs"]["pages"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    assert [step.get("uses", "").split("@")[0] for step in pages["steps"]][-2:] == [
        "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert any(step.get("run") == "pressbook build --site public" for step in pages["steps"])
    for name, job in workflow["jobs"].items():
        if name != "pages":
            assert "permissions" not in job, name  # the workflow's: contents: read
    assert secrets_named(workflow) == set()
    for step in (step for job in workflow["jobs"].values() for step in job["steps"]):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v[0-9]+", step["uses"]), step["uses"]
    # What to set up is printed, and said at the top of the file.
    assert "pressbook-client-velonde: no secret (artifact)" in result.output
    assert "github-pages: no secret (github-pages)" in result.output
    assert "#   pressbook-internal: no secret (artifact)" in text
    check = CliRunner().invoke(cli, ["deploy", "workflow", str(demo), "--check"])
    assert check.exit_code == 0, check.output


def test_each_site_reaches_its_host_with_its_own_secrets(targeted: Path) -> None:
    result = CliRunner().invoke(cli, ["deploy", "workflow", str(targeted)])
    assert result.exit_code == 0, result.output
    text = (targeted / WORKFLOW).read_text(encoding="utf-8")
    workflow = read_workflow(text)
    validate_structure(workflow)
    # Every secret the text names is read in the sites job, whose environment is its site's own.
    named = set(re.findall(r"secrets\.([A-Za-z0-9_]+)", text))
    assert named == {name for host in HOSTS.values() for name in SECRETS[host]}
    for name, job in workflow["jobs"].items():
        assert secrets_named(job) == (named if name == "sites" else set()), name
    sites = workflow["jobs"]["sites"]
    assert sites["environment"] == {"name": "pressbook-${{ matrix.site }}"}
    assert secrets_named({key: value for key, value in sites.items() if key != "steps"}) == set()
    entries = sites["strategy"]["matrix"]["include"]
    assert sorted(entry["site"] for entry in entries) == sorted(HOSTS)
    for entry in entries:
        host = HOSTS[entry["site"]]
        assert entry["host"] == host
        running = [step for step in sites["steps"] if runs_for(step, entry)]
        # The job reads the secrets of its own host only, and its host's step alone sends the site.
        assert set().union(*(secrets_named(step) for step in running)) == set(SECRETS[host]), entry
        for other, word in DEPLOYS.items():
            sent = [step for step in running if word in json.dumps(step)]
            assert len(sent) == (1 if other == host else 0), (entry["site"], other)
        headers = [step for step in running if "pressbook deploy headers" in step.get("run", "")]
        assert len(headers) == (1 if host in ("netlify", "cloudflare-pages") else 0), entry
        if host in ("netlify", "cloudflare-pages"):
            assert sites["steps"].index(headers[0]) < sites["steps"].index(sent_step(running, host))
    by_site = {entry["site"]: entry for entry in entries}
    assert by_site["client-herbier-de-lure"]["project"] == "herbier-de-lure-site"
    assert by_site["client-velonde"]["project"] == "velonde-rapports"
    assert by_site["internal"]["destination"] == "deploy@web.example.fr:/srv/sites/internal/"
    assert "project" not in by_site["client-chocolaterie-belleroche"]
    # Workspace values reach a command through the environment, never spliced into its text.
    for step in sites["steps"]:
        assert "matrix." not in step.get("run", ""), step
    # The readers to let in where a host's access rule is set by hand are printed.
    assert ("client-velonde (cloudflare-access, project velonde-rapports): camille.fabre@sillage-influence.fr, "
            "julien.morel@sillage-influence.fr, nadia.ferrand@velonde.fr, gregoire.faure@velonde.fr") in result.output
    assert "pressbook-client-velonde: CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID (cloudflare-pages)" in result.output
    assert "pressbook-internal: SSH_PRIVATE_KEY, SSH_KNOWN_HOSTS (server)" in result.output


def sent_step(running: list[dict], host: str) -> dict:
    return next(step for step in running if DEPLOYS[host] in json.dumps(step))


def test_the_same_workspace_gives_the_same_workflow(targeted: Path, tmp_path: Path) -> None:
    first = CliRunner().invoke(cli, ["deploy", "workflow", str(targeted), "--out", str(tmp_path / "a.yml")])
    second = CliRunner().invoke(cli, ["deploy", "workflow", str(targeted), "--out", str(tmp_path / "b.yml")])
    assert first.exit_code == second.exit_code == 0
    assert (tmp_path / "a.yml").read_bytes() == (tmp_path / "b.yml").read_bytes()
    # A target changed since the file was written: the run stops at the check.
    text = (targeted / "content" / "workspace.yml").read_text(encoding="utf-8")
    (targeted / "content" / "workspace.yml").write_text(text.replace("host: artifact", "host: server\n"
                                                        "        destination: web@example.fr:/srv/b/"), encoding="utf-8")
    stale = CliRunner().invoke(cli, ["deploy", "workflow", str(targeted), "--check", "--out", str(tmp_path / "a.yml")])
    assert stale.exit_code == 1 and "lancez pressbook deploy workflow" in stale.output


@pytest.mark.parametrize("value", ["-e sh evil", "x$(id)", "${{ github.token }}"])
def test_a_target_value_that_would_run_is_refused(demo: Path, value: str) -> None:
    path = demo / "content" / "workspace.yml"
    url = "      url: https://clients.sillage-influence.fr/velonde/\n"
    path.write_text(path.read_text(encoding="utf-8").replace(
        url, url + f"      target:\n        host: cloudflare-pages\n        project: {json.dumps(value)}\n"
        "        access: cloudflare-access\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["deploy", "workflow", str(demo)])
    assert result.exit_code == 1
    assert re.search(typeset(r"content/workspace\.yml:\d+:\d+ : erreur : sites.clients.velonde.target.project : le "
                             r"workflow ne peut pas utiliser ce project", "fr"), result.output)
    assert not (demo / ".github").exists()


def test_a_private_site_on_github_pages_writes_nothing(demo: Path) -> None:
    path = demo / "content" / "workspace.yml"
    url = "      url: https://clients.sillage-influence.fr/velonde/\n"
    path.write_text(path.read_text(encoding="utf-8").replace(url, url + "      target:\n        host: github-pages\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["deploy", "workflow", str(demo)])
    assert result.exit_code == 1 and "GitHub Pages montre le site client-velonde" in result.output
    assert not (demo / ".github").exists()


def test_workflow_text_names_every_host_it_uses_once() -> None:
    from pressbook.publishing.workflow import Placement

    placed = [Placement("internal", "artifact", None, None, None, ()),
              Placement("public", "github-pages", None, None, None, ())]
    text = workflow_text("Agence « A »\nnouvelle ligne", placed, "9.9")
    assert "nouvelle ligne" in text.splitlines()[0]  # a line break in a name stays in the comment
    workflow = read_workflow(text)
    validate_structure(workflow)
    steps = json.dumps(workflow["jobs"]["sites"]["steps"])
    assert "netlify" not in steps and "wrangler" not in steps and "rsync" not in steps
    assert workflow["env"]["PRESSBOOK_VERSION"] == "9.9"
