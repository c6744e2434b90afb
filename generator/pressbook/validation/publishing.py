"""Who may read which site, as the workspace says it, checked before anything is put online; and no
secret in the workspace's files.

Publishing is on once the workspace names a reader anywhere: the agency's staff in
`sites.internal.readers` (they read every site), a client's people in `readers` of its file. From
then on every site but the public one needs its readers, and every reader a password (when the
passwords are at hand: `deploy`, or `check --secrets`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..folders import files_under
from ..loading.secrets import SHORTEST_PASSWORD, Secrets, password_variable
from ..model import Workspace
from ..messages import Message, quoted, says
from ..problems import Location, Problem, register_codes

register_codes({
    "publish.readers": "A site nobody may read, a reader without a password, a reader written twice, or one "
                       "person reading the sites of two clients.",
    "publish.address": "Two sites at the same address, or one inside another's.",
    "publish.target": "A site sent where its readers cannot be enforced (a private site on GitHub Pages), "
                      "or a target missing what it needs.",
})

WORKSPACE_FILE = "content/workspace.yml"
STAFF = ("sites", "internal", "readers")


@dataclass(frozen=True)
class Door:
    """One site as a server must hold it: who may read it (nobody listed: everyone), and its address."""

    site: str
    readers: tuple[str, ...]
    url: str | None
    where: Location  # where its address is written, or would be

    @property
    def open(self) -> bool:
        return self.site == "public"


def publishing_on(workspace: Workspace) -> bool:
    return bool(workspace.settings.sites.internal.readers or
                any(client.client.readers for client in workspace.clients.values()))


def doors(workspace: Workspace) -> list[Door]:
    """Every site's door: staff read every site; a client's people read their own."""
    sites = workspace.settings.sites

    def where(*key_path: str) -> Location:
        return workspace.locate(WORKSPACE_FILE, ("sites", *key_path, "url"))
    staff = sites.internal.readers
    found = [Door("internal", _unique(staff), sites.internal.url, where("internal"))]
    for client_id, client in sorted(workspace.clients.items()):
        address = sites.clients.get(client_id)
        found.append(Door(f"client-{client_id}", _unique((*staff, *client.client.readers)),
                          address.url if address else None, where("clients", client_id)))
    found.append(Door("public", (), sites.public.url, where("public")))
    return found


def readers_of(workspace: Workspace) -> list[str]:
    return sorted({login for door in doors(workspace) for login in door.readers})


def publishing_problems(workspace: Workspace, secrets: Secrets | None = None) -> list[Problem]:
    problems: list[Problem] = []
    if publishing_on(workspace):
        problems += _reader_problems(workspace, secrets)
    problems += _address_problems(workspace)
    problems += _target_problems(workspace)
    # The sites build whoever reads them; `deploy` is what refuses to put them online.
    return [replace(problem, blocks_build=False) for problem in problems]


def _reader_problems(workspace: Workspace, secrets: Secrets | None) -> list[Problem]:
    problems: list[Problem] = []
    staff = workspace.settings.sites.internal.readers
    if not staff:
        problems.append(Problem(workspace.locate(WORKSPACE_FILE, STAFF), "error", "publish.readers",
                                says("publish.no-staff"), says("publish.no-staff.hint"), key="sites.internal.readers"))
    lists = [(WORKSPACE_FILE, STAFF, staff, None)]
    for client_id, client in sorted(workspace.clients.items()):
        if not client.client.readers:
            problems.append(Problem(workspace.locate(client.source, ("readers",)), "error", "publish.readers",
                                    says("publish.no-client-reader"), says("publish.no-client-reader.hint"),
                                    key="readers"))
        lists.append((client.source, ("readers",), client.client.readers, client_id))
    reading: dict[str, str] = {}
    for source, key_path, logins, client_id in lists:
        seen: set[str] = set()
        for index, login in enumerate(logins):
            at = workspace.locate(source, (*key_path, index))
            key = ".".join(map(str, key_path)) + f"[{index}]"
            folded = login.casefold()
            if folded in seen:
                problems.append(Problem(at, "error", "publish.readers",
                                        says("publish.reader-twice", login=quoted(login)),
                                        says("publish.reader-twice.hint"), key=key))
                continue
            seen.add(folded)
            if client_id is not None and folded not in {s.casefold() for s in staff}:
                other = reading.setdefault(folded, client_id)
                if other != client_id:
                    problems.append(Problem(at, "warning", "publish.readers",
                                            says("publish.reads-two-clients", login=quoted(login), other=other),
                                            says("publish.reads-two-clients.hint"), key=key))
            if secrets is not None and login not in secrets.passwords:
                problems.append(Problem(at, "error", "publish.readers",
                                        says("publish.no-password", login=quoted(login)),
                                        says("publish.no-password.hint", variable=password_variable(login)),
                                        key=key))
    return problems


def _address_problems(workspace: Workspace) -> list[Problem]:
    sites = workspace.settings.sites
    addresses = [("internal", ("sites", "internal", "url"), sites.internal.url),
                 *((f"client-{client_id}", ("sites", "clients", client_id, "url"), site.url)
                   for client_id, site in sorted(sites.clients.items())),
                 ("public", ("sites", "public", "url"), sites.public.url)]
    problems: list[Problem] = []
    placed: list[tuple[str, str, str]] = []
    for name, key_path, url in addresses:
        if url is None:
            continue
        host, path = urlsplit(url).netloc.lower(), address_of(url)[1]  # the port too: another server
        for other, other_host, other_path in placed:
            if host != other_host:
                continue
            if path == other_path:
                message = says("publish.same-address", other=other)
            elif path.startswith(other_path) or other_path.startswith(path):
                message = says("publish.nested-address", other=other, address=f"{other_host}{other_path}")
            else:
                continue
            problems.append(Problem(workspace.locate(WORKSPACE_FILE, key_path), "error", "publish.address",
                                    message, says("publish.address.hint"),
                                    key=".".join(key_path)))
            break
        placed.append((name, host, path))
    return problems


def address_of(url: str) -> tuple[str, str]:
    """The host and the folder of a site's url, the folder ending with '/'."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return (parts.hostname or "").lower(), path


def _target_problems(workspace: Workspace) -> list[Problem]:
    sites = workspace.settings.sites
    targets = [("internal", ("sites", "internal"), sites.internal.target),
               *((f"client-{client_id}", ("sites", "clients", client_id), site.target)
                 for client_id, site in sorted(sites.clients.items())),
               ("public", ("sites", "public"), sites.public.target)]
    problems: list[Problem] = []
    for name, key_path, target in targets:
        def refuse(message: Message, hint: Message, key: str = "host") -> None:
            where = (*key_path, "target", key)
            problems.append(Problem(workspace.locate(WORKSPACE_FILE, where), "error", "publish.target", message,
                                    hint, key=".".join(where)))
        private = name != "public"
        if target.host == "github-pages" and private:
            refuse(says("publish.github-pages", site=name), says("publish.github-pages.hint"))
        if target.host in ("netlify", "cloudflare-pages"):
            if not target.project:
                refuse(says("publish.which-project", host=target.host, site=name), says("publish.which-project.hint"),
                       "project")
            if private and target.access is None:
                refuse(says("publish.open-host", host=target.host, site=name), says("publish.open-host.hint"), "access")
        if target.host == "server" and not target.destination:
            refuse(says("publish.where-on-server", site=name), says("publish.where-on-server.hint"), "destination")
    return problems


# What a scanner can tell from ordinary text: keys and tokens of the services agencies use, private
# keys, and lines of a password file. A password alone looks like any word; the readers' own are
# looked for as written when the secrets are at hand.
TOKEN_FORMS = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})"
    r"|\bAKIA[0-9A-Z]{16}\b"
    r"|\bxox[abposr]-[A-Za-z0-9-]{10,}"
    r"|\bnfp_[A-Za-z0-9]{30,}"
    r"|\bsk_live_[A-Za-z0-9]{20,}"
    r"|\bAIza[0-9A-Za-z_-]{35}\b"
    r"|^[^:\s]+:(?:\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}|\$apr1\$[./A-Za-z0-9]{1,8}\$|\{SSHA\}|\{SHA\})",
    re.MULTILINE)
# Each form above holds one of these as written: a text without any is not read by the pattern, which
# tries its alternatives at every character (a third of a check's time on the demo).
_MARKERS = ("PRIVATE KEY", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "AKIA", "xox", "nfp_",
            "sk_live_", "AIza", "$2", "$apr1$", "{SSHA}", "{SHA}")
_SCANNED = ("content", "themes", "mkdocs.yml")
_TEXT_SUFFIXES = {".yml", ".yaml", ".md", ".markdown", ".csv", ".txt", ".html", ".htm", ".json", ".css", ".js",
                  ".svg", ".xml", ".env", ".ini", ".conf", ".cfg", ".toml", ".htpasswd", ""}


def secrets_in_files(root: Path, secrets: Secrets | None = None) -> list[Problem]:
    """Every token, private key or reader's password written in a file of the workspace."""
    # A shorter one is refused as such; looked for, it would be found inside ordinary words.
    passwords = sorted((login, password) for login, password in (secrets.passwords if secrets else {}).items()
                       if len(password) >= SHORTEST_PASSWORD)
    problems: list[Problem] = []
    for name in _SCANNED:
        top = root / name
        files = [(name, str(top))] if top.is_file() else files_under(top, name, unreadable=[]) if top.is_dir() else []
        for relative, path in files:
            if Path(relative).suffix.lower() not in _TEXT_SUFFIXES:
                continue
            try:
                with open(path, "rb") as file:
                    text = file.read().decode("utf-8", errors="replace")
            except OSError:
                continue  # the check says so where it reads the file
            for match in TOKEN_FORMS.finditer(text) if any(marker in text for marker in _MARKERS) else ():
                problems.append(Problem(_place(relative, text, match.start()), "error", "secret.in-workspace",
                                        says("secret.written", start=quoted(match.group()[:6] + "…")),
                                        says("secret.written.hint")))
            for login, password in passwords:
                start = text.find(password)
                if start >= 0:
                    problems.append(Problem(_place(relative, text, start), "error", "secret.in-workspace",
                                            says("secret.password-written", login=quoted(login)),
                                            says("secret.password-written.hint")))
    return problems


def _place(relative: str, text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(relative, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _unique(logins: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for login in logins:
        seen.setdefault(login.casefold(), login)
    return tuple(seen.values())
