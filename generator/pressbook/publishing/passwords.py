"""`pressbook deploy passwords`: a long random password for each reader who has none yet, added to the
secrets file (created readable by its owner alone). Passwords already there are kept as they are."""
from __future__ import annotations

import json
import os
import secrets as random
from pathlib import Path

from ..loading.secrets import inside_workspace, load_secrets

# 15 random bytes: 20 characters of URL-safe base64, 120 bits; easy to paste, impossible to guess.
_RANDOM_BYTES = 15


def add_passwords(root: Path, file: Path, logins: list[str]) -> tuple[list[str], list]:
    """The logins that got a new password; the problems that stopped it (nothing written then)."""
    if not file.exists():
        inside = inside_workspace(root, file)
        return ([], [inside]) if inside else (_write(file, sorted(set(logins)), b""), [])
    secrets, problems = load_secrets(root, file, logins, environ={})
    blocking = [p for p in problems if p.severity == "error" and p.code != "secret.weak"]
    if blocking:
        return [], blocking
    missing = [login for login in sorted(set(logins)) if login not in secrets.passwords]
    if not missing:
        return [], []
    return _write(file, missing, file.read_bytes()), []


def _write(file: Path, logins: list[str], earlier: bytes) -> list[str]:
    # JSON strings are YAML strings: the login and the password quoted whatever they hold.
    added = "".join(f"{json.dumps(login)}: {json.dumps(random.token_urlsafe(_RANDOM_BYTES))}\n" for login in logins)
    if earlier and not earlier.endswith(b"\n"):
        added = "\n" + added
    file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as stream:
        stream.write(added)
    return logins
