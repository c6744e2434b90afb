"""`pressbook deploy nginx`: one folder holding a complete nginx configuration for the built sites,
to start as `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'`.

Each site is a location of its own (its folder by path, `/client-<id>/`, or its url's host and folder)
with HTTP basic authentication against its own password file, the public site's excepted. Any other
address asks for the staff's password before it answers 404, so that a stranger cannot tell a client's
site that exists from one that does not: both answer 401.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from ..messages import says
from ..problems import Location, Problem
from ..validation.publishing import Door, address_of
from .files import one_line, read_or_empty, write_if_changed
from .headers import FINGERPRINTED, FINGERPRINTED_CACHE, HTML_CACHE, REFUSAL_POLICY, SiteHeaders
from .ready import Ready

# nginx checks the password at every request (each page, script and image): at cost 5 a check takes
# about 2 ms, the cost Apache's htpasswd uses for the same reason. Each step up doubles it.
BCRYPT_COST = 5
DEFAULT_LISTEN = "127.0.0.1:8080"
# Where nginx would read a character as syntax or a variable: such a folder or name is refused.
_UNSAFE = re.compile(r"[\"'\\$;{}#\s]")
_MIME_TYPES = {
    "text/html": "html htm", "text/css": "css", "application/javascript": "js mjs", "application/json": "json",
    "image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg jpeg", "image/gif": "gif",
    "image/webp": "webp", "image/x-icon": "ico", "font/woff2": "woff2", "font/woff": "woff",
    "application/pdf": "pdf", "application/xml": "xml", "application/gzip": "gz", "text/plain": "txt",
}


@dataclass(frozen=True)
class Placed:
    door: Door
    host: str | None  # None: whatever host the request names
    path: str  # ends with '/'


def place(ready: Ready, by: str) -> tuple[list[Placed], list[Problem]]:
    """Where each site is served: by path, /<site>/ on any host; by host, at its url."""
    if by == "path":
        return [Placed(door, None, f"/{door.site}/") for door in ready.doors], []
    placed, problems = [], []
    for door in ready.doors:
        if door.url is None:
            problems.append(Problem(door.where, "error", "publish.address", says("nginx.no-url", site=door.site),
                                    says("nginx.no-url.hint")))
            continue
        host, path = address_of(door.url)
        placed.append(Placed(door, host, path))
    return placed, problems


def write_nginx(ready: Ready, out: Path, listen: str = DEFAULT_LISTEN, by: str = "path",
                sites_root: Path | None = None, user: str | None = None) -> tuple[list[Path], list[Problem]]:
    """The configuration and one password file per private site, into `out`; nothing on a problem."""
    placed, problems = place(ready, by)
    sites_root = (sites_root or ready.root / "site").absolute()
    out = out.absolute()
    for name, value in (("--out", str(out)), ("--root", str(sites_root)), ("--listen", listen),
                        ("--user", user or "")):
        if _UNSAFE.search(value):
            problems.append(Problem(Location(name), "error", "publish.address", says("nginx.unsafe", value=repr(value)),
                                    says("nginx.unsafe.hint")))
    if not re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}", listen):
        problems.append(Problem(Location("--listen"), "error", "publish.address",
                                says("nginx.listen", value=repr(listen)), says("nginx.listen.hint")))
    if problems:
        return [], problems
    passwords = out / "passwords"
    for folder in (out, passwords, out / "logs", out / "tmp", out / "empty"):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for door in ready.doors:
        if not door.open:
            target = passwords / f"{door.site}.htpasswd"
            write_if_changed(target, password_file(door.readers, ready.secrets.passwords, read_or_empty(target)),
                             mode=0o600)
            if user:
                _share_with(target, user)
            written.append(target)
    kept = {path.name for path in written}
    for stale in passwords.glob("*.htpasswd"):
        if stale.name not in kept:
            stale.unlink()  # a site gone: its readers' hashes go with it
    config = out / "nginx.conf"
    write_if_changed(config, nginx_conf(ready, placed, out, sites_root, listen, user))
    return [config, *written], []


def password_file(logins: tuple[str, ...], passwords: dict[str, str], before: str) -> str:
    """`login:hash` lines; a login whose earlier hash still matches its password keeps it, so that the
    same passwords give the same file."""
    earlier = dict(line.split(":", 1) for line in before.splitlines() if ":" in line)
    lines = []
    for login in sorted(logins):
        password = passwords[login].encode()
        hashed = earlier.get(login, "")
        if not (hashed.startswith("$2") and _matches(password, hashed)):
            hashed = bcrypt.hashpw(password, bcrypt.gensalt(BCRYPT_COST)).decode()
        lines.append(f"{login}:{hashed}\n")
    return "".join(lines)


def _matches(password: bytes, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password, hashed.encode())
    except ValueError:
        return False


def nginx_conf(ready: Ready, placed: list[Placed], out: Path, sites_root: Path, listen: str,
               user: str | None) -> str:
    lines = [
        f"# Written by 'pressbook deploy nginx' for {one_line(ready.agency)}: write it again rather than edit it.",
        f"# Start: nginx -p {out} -c {out / 'nginx.conf'} -g 'daemon off;'",
        f"# Reload after a new deploy: nginx -p {out} -c {out / 'nginx.conf'} -s reload",
    ]
    if user:
        lines.append(f"user {user};")
    lines += [
        "worker_processes auto;",
        f"pid {out / 'nginx.pid'};",
        f"error_log {out / 'logs' / 'error.log'} warn;",
        "events {", "    worker_connections 512;", "}", "", "http {",
        "    types {", *(f"        {kind} {suffixes};" for kind, suffixes in _MIME_TYPES.items()), "    }",
        "    default_type application/octet-stream;",
        "    charset utf-8;",
        "    charset_types text/css application/javascript application/json image/svg+xml application/xml text/plain;",
        f"    access_log {out / 'logs' / 'access.log'};",
        *(f"    {kind}_temp_path {out / 'tmp' / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        "    sendfile on;",
        "    server_tokens off;",
        "    autoindex off;",
        # The sites hold no link; one put there later is not followed out of them.
        "    disable_symlinks on;",
        "    gzip on;",
        "    gzip_types text/css application/javascript application/json image/svg+xml application/xml text/plain;",
        # Kept long: a fingerprinted file, as found (200) or unchanged (304); never a refusal.
        '    map "$status $uri" $pressbook_cache {',
        f'        default "{HTML_CACHE}";',
        f'        "~^(200|304) .*{FINGERPRINTED}" "{FINGERPRINTED_CACHE}";',
        "    }",
    ]
    for number, door in enumerate(ready.doors):
        # A site's own policy on what it serves; on a refusal, the words every refusal carries.
        lines += [f"    map $status $pressbook_policy_{number} {{",
                  f'        default "{ready.headers[door.site].policy}";']
        if not door.open:
            lines += [f'        401 "{REFUSAL_POLICY}";', f'        403 "{REFUSAL_POLICY}";']
        lines.append("    }")
    hosts: dict[str | None, list[Placed]] = {}
    for site in placed:
        hosts.setdefault(site.host, []).append(site)
    staff = next(site for site in placed if site.door.site == "internal")
    for host, sites in sorted(hosts.items(), key=lambda item: item[0] or ""):
        lines += _server(ready, host, sites, staff, out, sites_root, listen)
    if None not in hosts:
        # By host, a request for a host no site has gets nothing.
        lines += ["", "    server {", f"        listen {listen} default_server;", "        return 404;", "    }"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _server(ready: Ready, host: str | None, sites: list[Placed], staff: Placed, out: Path, sites_root: Path,
            listen: str) -> list[str]:
    realm = _realm(ready.agency)
    lines = ["", "    server {",
             f"        listen {listen}{' default_server' if host is None else ''};",
             f"        server_name {host or '_'};",
             f"        root {out / 'empty'};"]
    public = next((site for site in sites if site.door.open), None)
    if public is not None and public.path != "/":
        lines.append(f"        location = / {{ return 302 {public.path}; }}")
    for site in sorted(sites, key=lambda site: site.path):
        door, headers = site.door, ready.headers[site.door.site]
        policy = f"$pressbook_policy_{ready.doors.index(door)}"
        guard = _guard(None if door.open else out / "passwords" / f"{door.site}.htpasswd", realm)
        match = "/" if site.path == "/" else f"^~ {site.path}"
        lines += ["", f"        location {match} {{", f"            alias {sites_root / door.site}/;", *guard,
                  *_headers(headers, policy), f"            error_page 404 {site.path}404.html;", "        }"]
        if site.path != "/":
            # The address without its last '/': sent on, once the reader is known, to the site.
            bare = site.path.rstrip("/")
            lines += [f"        location = {bare} {{", *guard, *_headers(headers, policy),
                      f"            try_files /.pressbook-none @{door.site};", "        }",
                      f"        location @{door.site} {{", *_headers(headers, policy),
                      f"            return 301 {site.path};", "        }"]
    if not any(site.path == "/" for site in sites):
        refusal = SiteHeaders(REFUSAL_POLICY, indexable=False, private=True)
        lines += ["", "        # Anything else: the staff's password first, then 404, whether it exists or not,",
                  "        # with the headers of any other refusal.",
                  "        location / {", *_guard(out / "passwords" / f"{staff.door.site}.htpasswd", realm),
                  *_headers(refusal, f'"{REFUSAL_POLICY}"'), "            try_files /.pressbook-none =404;",
                  "        }"]
    lines.append("    }")
    return lines


def _guard(password_file: Path | None, realm: str) -> list[str]:
    lines = ["            limit_except GET HEAD { deny all; }"]
    if password_file is not None:
        lines += [f'            auth_basic "{realm}";', f"            auth_basic_user_file {password_file};"]
    return lines


def _headers(headers: SiteHeaders, policy: str) -> list[str]:
    # add_header in a location replaces the server's: each location carries the whole set, and
    # `always` puts it on the 401 and 404 answers too. `policy`: the value, or the variable holding it.
    lines = [f'            add_header {name} "{value}" always;' for name, value in headers.common()
             if name != "Content-Security-Policy"]
    return [f"            add_header Content-Security-Policy {policy} always;", *lines,
            f'            add_header Cache-Control "{headers.scope}, $pressbook_cache" always;']


def _realm(agency: str) -> str:
    # The same words on every door, the agency's name as far as it is plain letters: the realm is
    # shown before anyone is known, and must say nothing of which site was asked for.
    plain = re.sub(r"[^A-Za-z0-9 .,'&-]", "", agency).strip()
    return plain or "pressbook"


def _share_with(path: Path, user: str) -> None:
    """Give the group of nginx's workers' user the right to read a password file, where we may."""
    try:
        import pwd
        os.chown(path, -1, pwd.getpwnam(user).pw_gid)
        os.chmod(path, 0o640)
    except (ImportError, KeyError, PermissionError):
        pass  # the docs say how to give nginx's user the right to read it
