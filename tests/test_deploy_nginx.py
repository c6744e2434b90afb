"""`pressbook deploy nginx`, tried against nginx itself: the demo built once, its configuration written
with a random password for every reader the workspace names, nginx started on a free loopback port,
and each site asked for every kind of file by every kind of visitor — nobody, each client's readers,
the staff, a wrong password, a password given with another login. Then what every answer carries:
the pages' own Content-Security-Policy, noindex on every site but the public one, private caching,
no folder listed, nothing but GET and HEAD. Last, the same sites told apart by host name, and the
command refusing, with nothing written, when a password is missing or kept in the workspace."""
from __future__ import annotations

import base64
import http.client
import os
import re
import secrets
import shutil
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import DEMO_EPOCH, copy_demo

# Debian puts nginx in /usr/sbin, which the PATH of a user who is not root may lack.
NGINX_PLACES = ("/usr/sbin", "/usr/local/sbin")
INTERNAL_URL = "https://equipe.sillage-influence.fr/"  # the demo gives the internal site no url
CLIENTS_HOST = "clients.sillage-influence.fr"
PUBLIC_HOST = "etudes-de-cas.sillage-influence.fr"
NOWHERE = "client-nowhere"  # a client the workspace does not have
UNAUTHORIZED = frozenset({401})
NOT_THEIRS = frozenset({401, 403})
NOT_LISTED = frozenset({403, 404})
STARTUP = 15  # seconds nginx has to answer on its port


# --- The workspace, its readers and their passwords -------------------------------------------------


@dataclass(frozen=True)
class Readers:
    staff: tuple[str, ...]
    clients: dict[str, tuple[str, ...]]  # by site name, client-<id>

    def of(self, site: str | None) -> frozenset[str]:
        """Who may read `site`; None, an address of no site, is the staff's door."""
        if site is None or site == "internal":
            return frozenset(self.staff)
        return frozenset(self.staff) | frozenset(self.clients[site])

    def new_passwords(self) -> dict[str, str]:
        """A random password for each of them."""
        logins = {*self.staff, *(login for logins in self.clients.values() for login in logins)}
        return {login: random_password() for login in sorted(logins)}


def read_readers(root: Path) -> Readers:
    content = root / "content"
    workspace = yaml.safe_load((content / "workspace.yml").read_text(encoding="utf-8"))
    clients = {}
    for path in sorted((content / "clients").glob("*.yml")):
        clients[f"client-{path.stem}"] = tuple(yaml.safe_load(path.read_text(encoding="utf-8")).get("readers") or ())
    return Readers(tuple(workspace["sites"]["internal"]["readers"]), clients)


def random_password() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(20))


def write_secrets(path: Path, passwords: dict[str, str]) -> Path:
    path.write_text("".join(f'{login}: "{password}"\n' for login, password in sorted(passwords.items())),
                    encoding="utf-8")
    path.chmod(0o600)
    return path


def deploy(root: Path, out: Path, secrets_file: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pressbook", "deploy", "nginx", str(root), "--out", str(out),
               "--secrets", str(secrets_file), *options]
    if os.geteuid() == 0:
        # Started by root, nginx's workers switch to `nobody`, who may not enter pytest's folders
        # (mode 0700): they would answer 403 to everyone, and the matrix would test nothing.
        command += ["--user", "root"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH))


# --- nginx -------------------------------------------------------------------------------------------


def find_nginx() -> str:
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), *NGINX_PLACES]))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the nginx tests: apt-get install -y nginx")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int
    root: Path  # the workspace, its sites in site/
    readers: Readers
    passwords: dict[str, str]


@contextmanager
def run_nginx(nginx: str, out: Path, port: int) -> Iterator[subprocess.Popen]:
    """nginx in the foreground with the configuration in `out`, once it answers on `port`; stopped after."""
    process = subprocess.Popen([nginx, "-p", str(out), "-c", str(out / "nginx.conf"), "-e",
                                str(out / "logs" / "error.log"), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + STARTUP
        while not _answers(port):
            if process.poll() is not None:
                pytest.fail(f"nginx stopped at once (exit {process.returncode}):\n{process.stdout.read()}\n"
                            f"{_error_log(out)}")
            if time.monotonic() > deadline:
                pytest.fail(f"nginx did not answer on 127.0.0.1:{port} within {STARTUP} s:\n{_error_log(out)}")
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
    assert process.returncode == 0, f"nginx did not stop cleanly (exit {process.returncode}):\n{_error_log(out)}"
    assert not _answers(port), "something still answers on the port nginx was stopped on"


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _error_log(out: Path) -> str:
    log = out / "logs" / "error.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else "(no error log)"


@pytest.fixture(scope="module")
def nginx() -> str:
    return find_nginx()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Readers, Path, dict[str, str]]:
    """A copy of the demo with a url for its internal site too (for --by host; by path it changes
    nothing), its readers, and a secrets file beside it, outside it, with a password for each."""
    base = tmp_path_factory.mktemp("nginx")
    root = copy_demo(base / "demo")
    settings = root / "content" / "workspace.yml"
    text = settings.read_text(encoding="utf-8")
    assert "  internal:\n    readers:" in text
    with_url = f"  internal:\n    url: {INTERNAL_URL}\n    readers:"
    settings.write_text(text.replace("  internal:\n    readers:", with_url), encoding="utf-8")
    readers = read_readers(root)
    assert len(readers.staff) >= 2 and len(readers.clients) >= 2
    assert all(len(logins) >= 2 for logins in readers.clients.values())
    passwords = readers.new_passwords()
    return root, readers, write_secrets(base / "secrets.yml", passwords), passwords


@pytest.fixture(scope="module")
def by_path(nginx: str, workspace) -> Iterator[Server]:
    root, readers, secrets_file, passwords = workspace
    port = free_port()
    out = root.parent / "nginx-by-path"
    done = deploy(root, out, secrets_file, "--listen", f"127.0.0.1:{port}")
    assert done.returncode == 0, done.stdout + done.stderr
    with run_nginx(nginx, out, port):
        yield Server(port, root, readers, passwords)


@pytest.fixture(scope="module")
def by_host(nginx: str, workspace) -> Iterator[Server]:
    root, readers, secrets_file, passwords = workspace
    port = free_port()
    out = root.parent / "nginx-by-host"
    done = deploy(root, out, secrets_file, "--listen", f"127.0.0.1:{port}", "--by", "host")
    assert done.returncode == 0, done.stdout + done.stderr
    with run_nginx(nginx, out, port):
        yield Server(port, root, readers, passwords)


# --- Asking ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def get(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


@dataclass(frozen=True)
class Visitor:
    label: str
    login: str | None = None
    password: str | None = None
    genuine: bool = False  # the login's own password

    def authorization(self) -> dict[str, str]:
        if self.login is None:
            return {}
        token = base64.b64encode(f"{self.login}:{self.password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}


def ask(port: int, path: str, visitor: Visitor, method: str = "GET", host: str | None = None) -> Answer:
    """One request on a connection of its own: nothing of one visitor's is kept for the next."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {**visitor.authorization(), "Connection": "close"}
        if host is not None:
            headers["Host"] = host
        connection.request(method, path, body=b"x=1" if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def visitors(server: Server) -> list[Visitor]:
    readers, passwords = server.readers, server.passwords
    found = [Visitor("nobody")]
    for site, logins in sorted(readers.clients.items()):
        found += [Visitor(f"{site}'s reader {login}", login, passwords[login], True) for login in logins]
    found += [Visitor(f"staff {login}", login, passwords[login], True) for login in readers.staff]
    a_client = sorted(readers.clients.values())[0][0]
    found += [Visitor(f"staff {readers.staff[0]} with a wrong password", readers.staff[0], random_password()),
              Visitor(f"{a_client} with a wrong password", a_client, random_password()),
              Visitor(f"staff {readers.staff[0]} with {a_client}'s password", readers.staff[0], passwords[a_client]),
              Visitor(f"{a_client} with the password of staff {readers.staff[0]}", a_client,
                      passwords[readers.staff[0]])]
    return found


# --- The matrix --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    path: str
    what: str
    site: str | None  # the site the address lands in, once nginx has normalized it; None: no site
    ok: frozenset[int] = frozenset({200})  # the answer to whoever may read that site
    fixed: frozenset[int] | None = None  # the answer to anyone, whoever they are


def site_names(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "site").iterdir() if path.is_dir())


def cells_of(root: Path, site: str) -> list[Cell]:
    folder = root / "site" / site
    files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    pages = [name for name in files if name.endswith(".html") and "/" in name and name != "404.html"]
    deeper = sorted(pages, key=lambda name: (-name.count("/"), name))[0]
    stylesheet = next(name for name in files if re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", name))
    logo = next(name for name in files if name.startswith("assets/logos/") and name.endswith(".png"))
    at = f"/{site}/"
    found = [Cell(at, "home page", site), Cell(at + deeper, "a deeper page", site),
             Cell(at + "search/search_index.json", "search index", site),
             Cell(at + "search/search_index.js", "search index as a script", site),
             Cell(at + "sitemap.xml", "sitemap", site), Cell(at + "sitemap.xml.gz", "gzipped sitemap", site),
             Cell(at + stylesheet, "Material's stylesheet", site),
             Cell(at + "assets/pressbook/pressbook.css", "pressbook's stylesheet", site),
             Cell(at + "assets/pressbook/pressbook.js", "pressbook's script", site),
             Cell(at + logo, "a logo", site),
             *(Cell(at + name, "a report's PDF", site) for name in files if name.endswith(".pdf")),
             Cell(at + "no-such-page.html", "a page that does not exist", site, frozenset({404})),
             Cell(at + "assets/", "a folder without index.html", site, NOT_LISTED),
             Cell(at + "search/", "another folder without index.html", site, NOT_LISTED),
             Cell(at.rstrip("/"), "the folder without its last /", site, frozenset({301})),
             Cell("/" + at, "a double slash before the folder", site),
             Cell(at + "/search/search_index.json", "a double slash inside", site)]
    return found


def guessed_cells(root: Path) -> list[Cell]:
    clients = [name for name in site_names(root) if name.startswith("client-")]
    found = []
    for source in [*clients, "public"]:
        for target in [*clients, "internal"]:
            if target == source:
                continue
            found += [Cell(f"/{source}/../{target}/", f"from {source} by ..", target),
                      Cell(f"/{source}/%2e%2e/{target}/search/search_index.json", f"from {source} by %2e%2e", target),
                      Cell(f"/{source}/%2E%2E%2F{target}/sitemap.xml", f"from {source} by %2E%2E%2F", target)]
    found += [Cell(f"/{NOWHERE}/", "a client that does not exist", None, frozenset({404})),
              Cell(f"/{NOWHERE}/search/search_index.json", "a client that does not exist", None, frozenset({404})),
              Cell(f"/{NOWHERE}", "a client that does not exist", None, frozenset({404})),
              Cell("/.htpasswd", "a password file, guessed", None, frozenset({404})),
              Cell("/passwords/internal.htpasswd", "a password file, guessed", None, frozenset({404})),
              Cell("/nginx.conf", "the configuration, guessed", None, frozenset({404})),
              Cell("/public/../../etc/passwd", "out of every site by ..", None, fixed=frozenset({400})),
              Cell(f"/{clients[0]}/%2e%2e/%2e%2e/etc/passwd", "out of every site by %2e%2e", None,
                   fixed=frozenset({400}))]
    return found


def expected(cell: Cell, visitor: Visitor, readers: Readers) -> frozenset[int]:
    if cell.fixed is not None:
        return cell.fixed
    if cell.site == "public":
        return cell.ok
    if not visitor.genuine:
        return UNAUTHORIZED
    return cell.ok if visitor.login in readers.of(cell.site) else NOT_THEIRS


Matrix = dict[tuple[str, str], tuple[Cell, Visitor, Answer]]


@pytest.fixture(scope="module")
def matrix(by_path: Server) -> Matrix:
    cells = [cell for site in site_names(by_path.root) for cell in cells_of(by_path.root, site)]
    cells += guessed_cells(by_path.root)
    asked = [(cell, visitor) for cell in cells for visitor in visitors(by_path)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda pair: ask(by_path.port, pair[0].path, pair[1]), asked))
    return {(visitor.label, cell.path): (cell, visitor, answer) for (cell, visitor), answer in zip(asked, answers)}


def _differences(found: list[str], heading: str) -> str:
    return f"{len(found)} {heading}:\n" + "\n".join(found)


def test_every_site_open_to_its_readers_alone(by_path: Server, matrix: Matrix) -> None:
    assert len(site_names(by_path.root)) == 2 + len(by_path.readers.clients)
    assert any(cell.path.endswith(".pdf") for cell, _, _ in matrix.values())
    wrong = []
    for cell, visitor, answer in matrix.values():
        wanted = expected(cell, visitor, by_path.readers)
        if answer.status not in wanted:
            wrong.append(f"  GET {cell.path} ({cell.what}) as {visitor.label}: expected "
                         f"{' or '.join(map(str, sorted(wanted)))}, got {answer.status}")
    assert not wrong, _differences(wrong, "answers differ")


def test_a_readers_file_is_the_file_built(by_path: Server, matrix: Matrix) -> None:
    """What a reader is given is the file on the disk, not some other page answering 200."""
    wrong = []
    for cell, visitor, answer in matrix.values():
        if answer.status == 200 and cell.site is not None and cell.path.startswith(f"/{cell.site}/") \
                and "//" not in cell.path:
            name = cell.path.removeprefix(f"/{cell.site}/") or "index.html"
            name = name + "index.html" if name.endswith("/") else name
            if answer.body != (by_path.root / "site" / cell.site / name).read_bytes():
                wrong.append(f"  GET {cell.path} as {visitor.label}: not the built file")
    assert not wrong, _differences(wrong, "bodies differ")


def test_no_site_answers_a_stranger_apart_from_another(by_path: Server, matrix: Matrix) -> None:
    nobody = Visitor("nobody")
    statuses = {(cell.path, answer.status) for cell, visitor, answer in matrix.values()
                if visitor == nobody and (cell.site is None or cell.site.startswith("client-"))
                and cell.fixed is None}
    assert {status for _, status in statuses} == {401}, sorted(statuses)
    bodies = {answer.body for cell, visitor, answer in matrix.values()
              if visitor == nobody and answer.status == 401}
    assert len(bodies) == 1  # no name of a site, no path, in the refusal
    challenges = {tuple(answer.get("WWW-Authenticate")) for _, visitor, answer in matrix.values()
                  if visitor == nobody and answer.status == 401}
    assert len(challenges) == 1 and len(next(iter(challenges))) == 1, challenges


def test_a_client_that_does_not_exist_answers_exactly_like_one_that_does(by_path: Server) -> None:
    nobody = Visitor("nobody")
    for client in sorted(by_path.readers.clients):
        real, none = ask(by_path.port, f"/{client}/", nobody), ask(by_path.port, f"/{NOWHERE}/", nobody)
        assert (none.status, _without_date(none.headers), none.body) == \
               (real.status, _without_date(real.headers), real.body), client


def _without_date(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted((name.lower(), value) for name, value in headers if name.lower() != "date")


# --- What every answer carries -----------------------------------------------------------------------


def test_noindex_on_every_answer_of_a_private_site_and_none_of_the_public_one(matrix: Matrix) -> None:
    wrong = []
    for cell, visitor, answer in matrix.values():
        if cell.site is None or cell.fixed is not None:
            continue
        robots = answer.get("X-Robots-Tag")
        if cell.site == "public" and robots:
            wrong.append(f"  GET {cell.path} as {visitor.label} ({answer.status}): X-Robots-Tag {robots} "
                         "on the public site")
        if cell.site != "public" and not any("noindex" in value for value in robots):
            wrong.append(f"  GET {cell.path} ({cell.what}) as {visitor.label} ({answer.status}): no noindex")
    assert not wrong, _differences(wrong, "answers without the right X-Robots-Tag")


def test_a_private_site_is_never_kept_by_a_shared_cache(matrix: Matrix) -> None:
    wrong = []
    for cell, visitor, answer in matrix.values():
        if cell.site is None or cell.site == "public" or cell.fixed is not None:
            continue
        directives = _cache_directives(answer)
        if "private" not in directives or "public" in directives:
            wrong.append(f"  GET {cell.path} ({cell.what}) as {visitor.label} ({answer.status}): "
                         f"Cache-Control {answer.get('Cache-Control')}")
    assert not wrong, _differences(wrong, "answers a shared cache may keep")


def test_fingerprinted_files_kept_long_pages_asked_again(by_path: Server, matrix: Matrix) -> None:
    login = by_path.readers.staff[0]
    staff = Visitor(f"staff {login}", login, by_path.passwords[login], True)
    checked = {"long": set(), "asked again": set()}
    for cell, visitor, answer in matrix.values():
        if visitor != staff or cell.site is None or answer.status != 200 or "//" in cell.path:
            continue
        directives = _cache_directives(answer)
        if cell.what == "Material's stylesheet":
            ages = [int(d.split("=", 1)[1]) for d in directives if d.startswith("max-age=")]
            assert ages and min(ages) >= 30 * 24 * 3600 and "no-cache" not in directives, (cell.path, directives)
            checked["long"].add(cell.site)
        elif cell.path.endswith((".html", "/", ".json", "pressbook.css", "pressbook.js", "sitemap.xml")):
            # Not named after their content: a rebuilt site must show at once.
            assert "no-cache" in directives, (cell.path, directives)
            assert not any(d.startswith("max-age=") and d != "max-age=0" for d in directives), (cell.path, directives)
            checked["asked again"].add(cell.site)
    assert checked["long"] == checked["asked again"] == set(site_names(by_path.root))


def test_a_refusal_is_never_kept(matrix: Matrix) -> None:
    # A 401 kept a year for a stylesheet would leave the reader's page unstyled once logged in.
    wrong = [f"  GET {cell.path} as {visitor.label} ({answer.status}): {sorted(_cache_directives(answer))}"
             for cell, visitor, answer in matrix.values()
             if answer.status in (401, 403) and any(d.startswith("max-age=") for d in _cache_directives(answer))]
    refused = [cell for cell, _, answer in matrix.values() if answer.status == 401 and cell.what == "Material's stylesheet"]
    assert refused, "no refused stylesheet in the matrix: the test would prove nothing"
    assert not wrong, _differences(wrong, "refusals that a browser may keep")


def _cache_directives(answer: Answer) -> set[str]:
    return {part.strip().lower() for value in answer.get("Cache-Control") for part in value.split(",")
            if part.strip()}


def test_no_folder_is_listed(matrix: Matrix) -> None:
    listed = [f"  GET {cell.path} as {visitor.label}: {answer.status}"
              for cell, visitor, answer in matrix.values()
              if cell.ok == NOT_LISTED and (answer.status not in (401, *NOT_LISTED) or b"Index of" in answer.body)]
    assert any(cell.ok == NOT_LISTED and answer.status in NOT_LISTED for cell, _, answer in matrix.values())
    assert not listed, _differences(listed, "folders listed")


def test_only_get_and_head(by_path: Server) -> None:
    staff = Visitor("staff", by_path.readers.staff[0], by_path.passwords[by_path.readers.staff[0]], True)
    client, logins = sorted(by_path.readers.clients.items())[0]
    reader = Visitor("reader", logins[0], by_path.passwords[logins[0]], True)
    head = ask(by_path.port, f"/{client}/", reader, "HEAD")
    assert head.status == 200 and head.body == b""
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
        for path, visitor in (("/public/", Visitor("nobody")), (f"/{client}/", reader), ("/internal/", staff),
                              (f"/{client}/", Visitor("nobody"))):
            answer = ask(by_path.port, path, visitor, method)
            assert answer.status in (401, 403, 405), (method, path, visitor.label, answer.status)


# --- The Content-Security-Policy header: the site's, the pages' own ----------------------------------


def parse_policy(text: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for written in text.split(";"):
        tokens = written.split()
        if tokens:
            assert tokens[0].lower() not in directives, f"{tokens[0]} twice in {text}"
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def meta_policy(html: bytes | str) -> dict[str, list[str]] | None:
    soup = BeautifulSoup(html, "html.parser")
    found = [meta.get("content", "") for meta in soup.find_all("meta")
             if (meta.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(found) <= 1
    return parse_policy(found[0]) if found else None


def site_hashes(folder: Path) -> set[str]:
    """Every script hash some page of the built site carries in its own policy."""
    hashes: set[str] = set()
    for page in folder.rglob("*.html"):
        policy = meta_policy(page.read_text(encoding="utf-8"))
        if policy is not None:
            hashes |= {source for source in policy.get("script-src", []) if source.startswith("'sha")}
    return hashes


def test_the_header_is_the_pages_own_policy(by_path: Server) -> None:
    staff = Visitor("staff", by_path.readers.staff[0], by_path.passwords[by_path.readers.staff[0]], True)
    asked = []
    for site in site_names(by_path.root):
        folder = by_path.root / "site" / site
        asked += [(site, f"/{site}/{page.relative_to(folder).as_posix()}") for page in sorted(folder.rglob("*.html"))]
        asked.append((site, f"/{site}/no-such-page.html"))  # the site's 404 page, as nginx sends it
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda pair: ask(by_path.port, pair[1], staff), asked))
    hashes = {site: site_hashes(by_path.root / "site" / site) for site in site_names(by_path.root)}
    wrong = []
    for (site, path), answer in zip(asked, answers):
        assert answer.status == (404 if path.endswith("no-such-page.html") else 200), (path, answer.status)
        page = meta_policy(answer.body)
        headers = answer.get("Content-Security-Policy")
        if page is None or len(headers) != 1:
            wrong.append(f"  {path}: {'no policy in the page' if page is None else f'{len(headers)} headers'}")
            continue
        header = parse_policy(headers[0])
        for name, sources in page.items():
            if name == "script-src":
                extra = set(header.get(name, [])) - set(sources)
                if not set(sources) <= set(header.get(name, [])) or not extra <= hashes[site]:
                    wrong.append(f"  {path}: script-src {header.get(name)}, the page's {sources}, "
                                 f"extra sources not of the site: {sorted(extra - hashes[site])}")
            elif set(header.get(name, [])) != set(sources):
                wrong.append(f"  {path}: {name} {header.get(name)} in the header, {sources} in the page")
        if set(header) - set(page) != {"frame-ancestors"} or header["frame-ancestors"] != ["'self'"]:
            wrong.append(f"  {path}: the header adds {sorted(set(header) - set(page))}, "
                         f"frame-ancestors {header.get('frame-ancestors')}")
    assert len(asked) > 100
    assert not wrong, _differences(wrong, "pages whose header is not their own policy")


# --- Told apart by host name -------------------------------------------------------------------------


def test_sites_told_apart_by_host(by_host: Server) -> None:
    readers, passwords = by_host.readers, by_host.passwords
    (mine, my_logins), (theirs, _) = sorted(readers.clients.items())[:2]
    mine_id, theirs_id = mine.removeprefix("client-"), theirs.removeprefix("client-")
    reader = Visitor(f"{mine}'s reader", my_logins[0], passwords[my_logins[0]], True)
    staff = Visitor("staff", readers.staff[0], passwords[readers.staff[0]], True)
    nobody = Visitor("nobody")
    internal_host = INTERNAL_URL.split("/")[2]
    # host, path, visitor, the answers expected, whether the address is a private site's
    cases = [
        (CLIENTS_HOST, f"/{mine_id}/", reader, {200}, True),
        (CLIENTS_HOST, f"/{mine_id}/search/search_index.json", reader, {200}, True),
        (CLIENTS_HOST, f"/{theirs_id}/", reader, NOT_THEIRS, True),
        (CLIENTS_HOST, f"/{theirs_id}/sitemap.xml", reader, NOT_THEIRS, True),
        (CLIENTS_HOST, f"/{mine_id}/../{theirs_id}/", reader, NOT_THEIRS, True),
        (CLIENTS_HOST, f"/{mine_id}/", nobody, UNAUTHORIZED, True),
        (CLIENTS_HOST, f"/{theirs_id}/", staff, {200}, True),
        (CLIENTS_HOST, "/no-such-client/", nobody, UNAUTHORIZED, False),
        (CLIENTS_HOST, f"/{mine}/", reader, NOT_THEIRS, False),  # its folder by path is no address here
        (internal_host, "/", staff, {200}, True),
        (internal_host, "/", reader, NOT_THEIRS, True),
        (internal_host, "/", nobody, UNAUTHORIZED, True),
        (PUBLIC_HOST, "/", nobody, {200}, False),
        (PUBLIC_HOST, "/sitemap.xml", nobody, {200}, False),
        (PUBLIC_HOST, f"/{mine_id}/", nobody, {404}, False),
        ("www.example.org", "/", nobody, {404}, False),
        ("www.example.org", "/", staff, {404}, False),
        ("www.example.org", f"/{mine_id}/", reader, {404}, False),
        (None, "/public/", nobody, {404}, False),  # 127.0.0.1:<port>, the host no site has
    ]
    wrong = []
    for host, path, visitor, wanted, private in cases:
        answer = ask(by_host.port, path, visitor, host=host)
        if answer.status not in wanted:
            wrong.append(f"  GET {path} on {host or 'the bare address'} as {visitor.label}: expected "
                         f"{' or '.join(map(str, sorted(wanted)))}, got {answer.status}")
        if private and not any("noindex" in value for value in answer.get("X-Robots-Tag")):
            wrong.append(f"  GET {path} on {host} as {visitor.label} ({answer.status}): no noindex")
        if host == PUBLIC_HOST and answer.get("X-Robots-Tag"):
            wrong.append(f"  GET {path} on {host}: X-Robots-Tag on the public site")
    assert not wrong, _differences(wrong, "answers differ")
    mine_page = ask(by_host.port, f"/{mine_id}/", reader, host=CLIENTS_HOST).body
    assert mine_page == (by_host.root / "site" / mine / "index.html").read_bytes()
    public_page = ask(by_host.port, "/", nobody, host=PUBLIC_HOST).body
    assert public_page == (by_host.root / "site" / "public" / "index.html").read_bytes()


# --- Refusals: nothing written -----------------------------------------------------------------------


def test_refused_without_a_readers_password(demo: Path, tmp_path: Path) -> None:
    readers = read_readers(demo)
    passwords = readers.new_passwords()
    missing = sorted(readers.clients.items())[0][1][0]
    del passwords[missing]
    secrets_file = write_secrets(tmp_path / "secrets.yml", passwords)
    out = tmp_path / "nginx"
    done = deploy(demo, out, secrets_file)
    assert done.returncode != 0
    # in the workspace's language, French
    assert f"«\u202f{missing}\u202f» n'a pas de mot de passe" in done.stdout, done.stdout
    assert "rien n'a été écrit" in done.stderr
    assert not out.exists()
    assert not (demo / "site").exists()


def test_refused_with_the_secrets_file_in_the_workspace(demo: Path, tmp_path: Path) -> None:
    readers = read_readers(demo)
    passwords = readers.new_passwords()
    secrets_file = write_secrets(demo / "secrets.yml", passwords)
    out = tmp_path / "nginx"
    (out / "passwords").mkdir(parents=True)
    (out / "nginx.conf").write_text("# an earlier configuration\n", encoding="utf-8")
    before = sorted(path.relative_to(out).as_posix() for path in out.rglob("*"))
    done = deploy(demo, out, secrets_file)
    assert done.returncode != 0
    assert "le fichier des secrets est dans l'espace de travail" in done.stdout, done.stdout
    assert "rien n'a été écrit" in done.stderr
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*")) == before
    assert (out / "nginx.conf").read_text(encoding="utf-8") == "# an earlier configuration\n"
