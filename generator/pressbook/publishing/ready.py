"""Before any door is written: the workspace checked with its readers' passwords, every site built
and current, and what each site's responses must carry read from the built pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..build import build
from ..checking import check_workspace
from ..freshness import OUTPUT, unchanged_sites
from ..loading.secrets import Secrets, SecretsSource, load_secrets
from ..model import Workspace
from ..messages import Message, says
from ..problems import Location, Problem
from ..validation.publishing import WORKSPACE_FILE, Door, doors, publishing_on, readers_of
from .headers import SiteHeaders, site_headers


@dataclass(frozen=True)
class Ready:
    root: Path
    agency: str
    doors: list[Door]
    secrets: Secrets
    headers: dict[str, SiteHeaders]


@dataclass
class NotReady:
    problems: list[Problem] = field(default_factory=list)
    failures: list[str | Message] = field(default_factory=list)  # sites that would not build, with MkDocs' words


def checked_for_publishing(root: Path, secrets: SecretsSource | None = None
                           ) -> tuple[Workspace | None, list[Problem]]:
    """The workspace, or None when an error stands that would stop the build or leave a door in doubt.
    A compliance finding is the agency's to act on (the internal site shows it): it stops neither."""
    workspace, problems = check_workspace(root, secrets=secrets)
    if workspace is None or any(problem.severity == "error" and
                                (problem.blocks_build or problem.code.startswith(("publish.", "secret.")))
                                for problem in problems):
        return None, problems
    return workspace, problems


def ready_to_publish(root: Path, secrets_file: Path | None, passwords: bool = True) -> Ready | NotReady:
    """`passwords`: the doors need them (a server's); a static host's files do not."""
    root = root.resolve()
    workspace, problems = checked_for_publishing(root, SecretsSource(secrets_file) if passwords else None)
    if workspace is None:
        return NotReady(problems)
    if not publishing_on(workspace):
        return NotReady(problems + [Problem(Location(WORKSPACE_FILE), "error", "publish.readers",
                                            says("publish.no-reader"), says("publish.no-reader.hint"))])
    secrets = Secrets()
    if passwords:
        secrets, _ = load_secrets(root, secrets_file, readers_of(workspace))  # its problems were the check's
    if unchanged_sites(root, None) is None:  # as `pressbook build` does: inputs unchanged, nothing to redo
        built = build(root)
        failed: list[str | Message] = [f"{site.name}: {site.log}" for site in built.sites if not site.ok]
        if not built.ok:
            return NotReady(built.problems, failed or [says("publish.not-built")])
    found = doors(workspace)
    headers = {door.site: site_headers(root / OUTPUT / door.site, door.site) for door in found}
    return Ready(root, workspace.settings.agency, found, secrets, headers)
