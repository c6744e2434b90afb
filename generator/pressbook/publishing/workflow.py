"""`pressbook deploy workflow`: a GitHub Actions workflow that builds each site in a job of its own and
puts it where the workspace's `sites.<site>.target` says, each job reading only its own site's secrets
(one GitHub environment per site)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..build import site_names
from ..model import Workspace
from ..messages import says
from ..problems import Location, Problem
from ..validation.publishing import WORKSPACE_FILE, doors
from .files import one_line, write_if_changed
from .host_headers import READ_BY
from .ready import checked_for_publishing

WORKFLOW = Path(".github") / "workflows" / "pressbook.yml"
# What each host's step reads, each site's in its own GitHub environment: a job reads only its own.
SECRETS = {"artifact": (), "github-pages": (), "netlify": ("NETLIFY_AUTH_TOKEN",),
           "cloudflare-pages": ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"),
           "server": ("SSH_PRIVATE_KEY", "SSH_KNOWN_HOSTS")}
ACTIONS = {"checkout": "actions/checkout@v7", "python": "actions/setup-python@v7", "node": "actions/setup-node@v7",
           "artifact": "actions/upload-artifact@v7", "pages-artifact": "actions/upload-pages-artifact@v5",
           "deploy-pages": "actions/deploy-pages@v5"}
NETLIFY_CLI, WRANGLER = "netlify-cli@27", "wrangler@4"
ARTIFACT_DAYS = 5
MOST_JOBS = 256  # a matrix's jobs in one run, on GitHub
# A project's name and a destination go into a shell command and the workflow's text: plain characters
# only, and never a first '-' that rsync or a CLI would take for an option.
_PROJECT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_DESTINATION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+")


@dataclass(frozen=True)
class Placement:
    """One site as the workflow sends it."""

    site: str
    host: str
    project: str | None
    destination: str | None
    access: str | None
    readers: tuple[str, ...]

    @property
    def environment(self) -> str:
        return "github-pages" if self.host == "github-pages" else f"pressbook-{self.site}"


def placements(workspace: Workspace) -> tuple[list[Placement], list[Problem]]:
    sites = workspace.settings.sites
    readers = {door.site: door.readers for door in doors(workspace)}
    found, problems = [], []
    for name in site_names(workspace):
        if name == "internal":
            key, address = ("sites", "internal"), sites.internal
        elif name == "public":
            key, address = ("sites", "public"), sites.public
        else:
            client_id = name.removeprefix("client-")
            key, address = ("sites", "clients", client_id), sites.clients.get(client_id)
        target = address.target if address is not None else None
        host = target.host if target else "artifact"
        placed = Placement(name, host, target.project if target else None, target.destination if target else None,
                           target.access if target else None, readers.get(name, ()))
        for field, form, example, used in (("project", _PROJECT, "herbier-de-lure", host in READ_BY),
                                           ("destination", _DESTINATION, "deploy@web.example.fr:/srv/sites/velonde/",
                                            host == "server")):
            value = getattr(placed, field)
            if used and value is not None and not form.fullmatch(value):
                problems.append(Problem(workspace.locate(WORKSPACE_FILE, (*key, "target", field)), "error",
                                        "publish.target", says("workflow.unusable", field=field),
                                        says("workflow.unusable.hint", example=example),
                                        key=".".join((*key, "target", field))))
        found.append(placed)
    built = [p for p in found if p.host != "github-pages"]
    if len(built) > MOST_JOBS:
        problems.append(Problem(Location(WORKSPACE_FILE), "error", "publish.target",
                                says("workflow.too-many", n=len(built), most=MOST_JOBS),
                                says("workflow.too-many.hint")))
    return found, problems


def workflow_text(agency: str, placed: list[Placement], version: str = __version__) -> str:
    built = [p for p in placed if p.host != "github-pages"]
    pages = next((p for p in placed if p.host == "github-pages"), None)
    hosts = {p.host for p in built}
    lines = [f"# Written by 'pressbook deploy workflow' for {one_line(agency)}: write it again after a change of",
             "# sites: in content/workspace.yml rather than edit it. The workspace is at the repository's root.",
             "#",
             "# On every push to main, and by hand (Actions > pressbook > Run workflow): check the workspace,",
             "# build each site in a job of its own, and send it where its target says.",
             "#",
             "# Create these environments (Settings > Environments), each limited to the branch main",
             "# (Deployment branches and tags: Selected, main), with only these secrets:"]
    for p in placed:
        names = ", ".join(SECRETS[p.host]) or "no secret"
        lines.append(f"#   {p.environment}: {names} ({p.host})")
    lines += ["# Never create these secrets for the repository or the organisation: every site's job would read",
              "# them there. In a private repository, environment secrets need GitHub Pro, Team or Enterprise.",
              "# An artifact is readable by everyone who can read this repository, for "
              f"{ARTIFACT_DAYS} days."]
    if pages:
        lines.append("# GitHub Pages: Settings > Pages > Source: GitHub Actions. Anyone may read what it shows.")
    lines += ["#",
              "# pressbook is installed from the package index at the version that wrote this file: this",
              "# repository holds a workspace, not pressbook's source.",
              "name: pressbook",
              "on:", "  push:", "    branches: [main]", "  workflow_dispatch:",
              "permissions:", "  contents: read",
              "concurrency:", "  group: pressbook-${{ github.ref }}", "  cancel-in-progress: false",
              "env:", f"  PRESSBOOK_VERSION: {_quoted(version)}",
              "jobs:",
              "  check:", "    runs-on: ubuntu-latest", "    timeout-minutes: 15", "    steps:",
              *_install(),
              # Every problem shown on the commit; a compliance finding is the agency's to act on and
              # stops nothing. The next step stops the run on what would stop a build or a deploy, and
              # when this file is not the one the workspace asks for (a target changed since).
              "      - run: pressbook check --format github", "        continue-on-error: true",
              "      - run: pressbook deploy workflow --check",
              "  sites:", "    name: ${{ matrix.site }}", "    needs: check", "    runs-on: ubuntu-latest",
              "    timeout-minutes: 60",
              "    environment:", "      name: pressbook-${{ matrix.site }}",
              "    strategy:", "      fail-fast: false", "      matrix:", "        include:"]
    for p in built:
        lines.append(f"          - site: {_quoted(p.site)}")
        lines.append(f"            host: {_quoted(p.host)}")
        if p.host in READ_BY and p.project is not None:
            lines.append(f"            project: {_quoted(p.project)}")
        if p.host == "server" and p.destination is not None:
            lines.append(f"            destination: {_quoted(p.destination)}")
    lines += ["    env:", "      SITE: ${{ matrix.site }}", "    steps:", *_install(pdfs=True),
              "      - run: pressbook build --site \"$SITE\""]
    if hosts & set(READ_BY):
        lines += [f"      - if: {_on(*sorted(hosts & set(READ_BY)))}",
                  "        run: pressbook deploy headers --site \"$SITE\""]
    lines += _host_steps(hosts)
    if pages:
        lines += ["  pages:", "    needs: check", "    runs-on: ubuntu-latest", "    timeout-minutes: 30",
                  "    permissions:", "      contents: read", "      pages: write", "      id-token: write",
                  "    environment:", "      name: github-pages", "      url: ${{ steps.deployment.outputs.page_url }}",
                  "    steps:", *_install(),
                  f"      - run: pressbook build --site {pages.site}",
                  f"      - uses: {ACTIONS['pages-artifact']}", "        with:", f"          path: site/{pages.site}",
                  "      - id: deployment", f"        uses: {ACTIONS['deploy-pages']}"]
    return "\n".join(lines) + "\n"


def _install(pdfs: bool = False) -> list[str]:
    lines = [f"      - uses: {ACTIONS['checkout']}", "        with:", "          persist-credentials: false",
             f"      - uses: {ACTIONS['python']}", "        with:", "          python-version: \"3.12\""]
    if pdfs:  # WeasyPrint's Pango and the reports' font: without them a client's reports have no PDF
        lines += ["      - if: startsWith(matrix.site, 'client-')",
                  "        run: sudo apt-get update && sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-lato"]
    return lines + ["      - run: pip install \"pressbook==$PRESSBOOK_VERSION\""]


def _host_steps(hosts: set[str]) -> list[str]:
    lines: list[str] = []
    if "artifact" in hosts:
        lines += [f"      - if: {_on('artifact')}", f"        uses: {ACTIONS['artifact']}", "        with:",
                  "          name: ${{ matrix.site }}", "          path: site/${{ matrix.site }}",
                  f"          retention-days: {ARTIFACT_DAYS}", "          if-no-files-found: error"]
    if hosts & set(READ_BY):
        lines += [f"      - if: {_on(*sorted(hosts & set(READ_BY)))}", f"        uses: {ACTIONS['node']}",
                  "        with:", "          node-version: \"24\""]
    if "netlify" in hosts:
        lines += [f"      - if: {_on('netlify')}", "        env:", *_secrets("netlify"),
                  "          NETLIFY_SITE_ID: ${{ matrix.project }}",
                  f"        run: npx --yes {NETLIFY_CLI} deploy --prod --no-build --dir \"site/$SITE\""]
    if "cloudflare-pages" in hosts:
        lines += [f"      - if: {_on('cloudflare-pages')}", "        env:", *_secrets("cloudflare-pages"),
                  "          PROJECT: ${{ matrix.project }}",
                  f"        run: npx --yes {WRANGLER} pages deploy \"site/$SITE\" --project-name \"$PROJECT\" "
                  "--branch main"]
    if "server" in hosts:
        lines += [f"      - if: {_on('server')}", "        env:", *_secrets("server"),
                  "          DESTINATION: ${{ matrix.destination }}",
                  "        run: |",
                  "          install -m 700 -d ~/.ssh",
                  "          printf '%s\\n' \"$SSH_PRIVATE_KEY\" > ~/.ssh/pressbook && chmod 600 ~/.ssh/pressbook",
                  "          printf '%s\\n' \"$SSH_KNOWN_HOSTS\" > ~/.ssh/known_hosts",
                  "          rsync --recursive --checksum --delete --chmod=D755,F644 \\",
                  "            -e 'ssh -i ~/.ssh/pressbook -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes' \\",
                  "            \"site/$SITE/\" \"$DESTINATION\"",
                  "          rm -f ~/.ssh/pressbook"]
    return lines


def _on(*hosts: str) -> str:
    return " || ".join(f"matrix.host == '{host}'" for host in hosts)


def _secrets(host: str) -> list[str]:
    return [f"          {name}: ${{{{ secrets.{name} }}}}" for name in SECRETS[host]]


def _quoted(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def workflow_for(root: Path) -> tuple[str | None, list[Placement], list[Problem]]:
    """The workflow's text for the workspace at `root`; None while an error stands."""
    workspace, problems = checked_for_publishing(root.resolve())
    if workspace is None:
        return None, [], problems
    placed, refused = placements(workspace)
    if refused:
        return None, placed, problems + refused
    return workflow_text(workspace.settings.agency, placed), placed, problems


def write_workflow(root: Path, out: Path | None = None) -> tuple[Path | None, list[Placement], list[Problem]]:
    """The workflow into `out` (default `.github/workflows/pressbook.yml` under `root`); nothing on an error."""
    text, placed, problems = workflow_for(root)
    if text is None:
        return None, placed, problems
    target = out if out is not None else root.resolve() / WORKFLOW
    target.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(target, text)
    return target, placed, problems
