"""The readers' passwords: read from a file outside the workspace, or from the environment, never
from the workspace itself (its files go to git, and git to everyone who clones it).

The secrets file is YAML, a login and its password a line:

    helene.arnaud@herbier-de-lure.fr: "a long password nobody else knows"

It is named by `--secrets FILE` or by the variable PRESSBOOK_SECRETS. A password may also come from a
variable of its own, PRESSBOOK_PASSWORD_ followed by the login in capitals with every other character
as `_` (PRESSBOOK_PASSWORD_HELENE_ARNAUD_HERBIER_DE_LURE_FR): it wins over the file's. No message ever
shows a password.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import quoted, says
from ..problems import Location, Problem, register_codes
from .files import reason_of
from .yaml_strict import load_yaml

SECRETS_VARIABLE = "PRESSBOOK_SECRETS"
PASSWORD_PREFIX = "PRESSBOOK_PASSWORD_"
# Basic authentication sends the password with every request, and nginx checks it every time, so its
# hash is a quick one (publishing/nginx.py): what protects a stolen password file is the length.
SHORTEST_PASSWORD = 12

register_codes({
    "secret.in-workspace": "A password, token or private key written in the workspace, where git would "
                           "publish it; it belongs in the secrets file outside the repository.",
    "secret.file": "The secrets file cannot be used: missing, unreadable, not a list of logins and "
                   "passwords, inside the workspace, or readable by other users of the machine.",
    "secret.weak": f"A reader's password shorter than {SHORTEST_PASSWORD} characters.",
})


@dataclass(frozen=True)
class Secrets:
    """Each reader's password (by login) and where it was read, for messages."""

    passwords: Mapping[str, str] = field(default_factory=dict)
    where: Mapping[str, Location] = field(default_factory=dict)
    file: Path | None = None


@dataclass(frozen=True)
class SecretsSource:
    """Passwords are wanted, from this file (None: PRESSBOOK_SECRETS's, if set) and the environment."""

    file: Path | None = None


def password_variable(login: str) -> str:
    return PASSWORD_PREFIX + re.sub(r"[^A-Z0-9]", "_", login.upper())


def secrets_file(given: Path | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    if given is not None:
        return given
    named = environ.get(SECRETS_VARIABLE, "").strip()
    return Path(named) if named else None


def load_secrets(root: Path, given: Path | None, logins: list[str],
                 environ: Mapping[str, str] = os.environ) -> tuple[Secrets, list[Problem]]:
    """The passwords of `logins` from the secrets file (`given`, or PRESSBOOK_SECRETS) and the
    environment; every problem with them. A login without a password is simply absent: who needs
    one is for the caller to say, at the login's own line."""
    problems: list[Problem] = []
    passwords: dict[str, str] = {}
    where: dict[str, Location] = {}
    path = secrets_file(given, environ)
    if path is not None:
        _read_file(root, path, passwords, where, problems)
    by_variable: dict[str, str] = {}
    for login in sorted(set(logins)):
        variable = password_variable(login)
        other = by_variable.setdefault(variable, login)
        if other != login:
            problems.append(Problem(Location(SECRETS_VARIABLE), "error", "secret.file",
                                    says("secret.same-variable", first=quoted(other), second=quoted(login),
                                         variable=variable),
                                    says("secret.same-variable.hint")))
            continue
        if environ.get(variable):
            passwords[login], where[login] = environ[variable], Location(f"${variable}")
    for login, password in sorted(passwords.items()):
        if len(password) < SHORTEST_PASSWORD:
            problems.append(Problem(where[login], "error", "secret.weak",
                                    says("secret.weak", login=quoted(login), n=len(password), least=SHORTEST_PASSWORD),
                                    says("secret.weak.hint")))
    return Secrets(passwords, where, path), problems


def _read_file(root: Path, path: Path, passwords: dict[str, str], where: dict[str, Location],
               problems: list[Problem]) -> None:
    shown = str(path)
    inside = inside_workspace(root, path)
    if inside is not None:
        problems.append(inside)
        return
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode
    except (OSError, UnicodeDecodeError) as error:
        reason = reason_of(error) if isinstance(error, OSError) else says("secret.not-utf8")
        problems.append(Problem(Location(shown), "error", "secret.file", says("secret.unreadable", reason=reason),
                                says("secret.unreadable.hint", file=shown)))
        return
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        problems.append(Problem(Location(shown), "warning", "secret.file", says("secret.readable-by-others"),
                                says("secret.readable-by-others.hint", file=shown)))
    found: list[Problem] = []
    document = load_yaml(text, shown, found)
    # The loader's messages quote values: a password would be among them.
    problems += [Problem(p.location, p.severity, p.code, says("secret.not-yaml"), says("secret.not-yaml.hint"))
                 for p in found]
    data = document.data if document.read else None
    if data is None and not found:
        return  # an empty file: no password yet
    if not isinstance(data, dict):
        if not found:
            problems.append(Problem(Location(shown), "error", "secret.file", says("secret.not-lines")))
        return
    for login, password in data.items():
        location = document.locate((login,))
        if not isinstance(password, str) or not password:
            problems.append(Problem(location, "error", "secret.file", says("secret.not-text", login=quoted(str(login))),
                                    says("secret.not-text.hint")))
            continue
        passwords[str(login)], where[str(login)] = password, location


def inside_workspace(root: Path, path: Path) -> Problem | None:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    return Problem(Location(str(path)), "error", "secret.file", says("secret.inside"), says("secret.inside.hint"))
