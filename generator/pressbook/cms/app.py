"""/admin/ in `pressbook serve`: the editor's page, its configuration made afresh from the workspace,
the vendored Decap CMS bundle, and the local backend's API — one WSGI application.

`pressbook serve` runs it in a thread on a loopback port of its own (`start`); MkDocs' server, which
answers the preview's address, hands it every request under /admin/ (sites/mkdocs_hook.py), so the
editor and the preview share one address.

The editor is not a site: the sites' Content-Security-Policy is not its. It gets its own, as strict as
Decap CMS allows: its scripts from this address only, but `'unsafe-eval'` (AJV, which checks its
configuration, compiles schemas into functions) and inline styles (its components style themselves at
run time); nothing from any other address; no frame may hold it.
"""
from __future__ import annotations

import gzip
import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from socketserver import ThreadingMixIn

from .backend import Backend, Refused
from .config import editor_config

PREFIX = "/admin/"
POLICY = ("default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
          "worker-src 'self' blob:; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
LARGEST_REQUEST = 64 * 1024 * 1024  # an image sent through the media library, base64

PAGE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="preload" href="config.yml" as="fetch" crossorigin>
</head>
<body>
<script src="{bundle}/decap-cms.js"></script>
</body>
</html>
"""
TITLES = {"fr": "Éditeur du workspace — pressbook", "en": "Workspace editor — pressbook"}

TYPES = {".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm"}


def bundle_folder() -> str:
    """The address folder of the vendored bundle, named after its version: what a browser keeps of it
    stays good until pressbook ships another (its chunks are found beside decap-cms.js)."""
    manifest = json.loads((resources.files(__package__) / "vendor" / "manifest.json").read_text(encoding="utf-8"))
    return f"decap-cms-{manifest['version']}"


def vendored(name: str) -> bytes | None:
    """The gzipped bytes of a vendored file, or None when there is no such file."""
    if "/" in name or not name or name.startswith("."):
        return None
    entry = resources.files(__package__) / "vendor" / f"{name}.gz"
    return entry.read_bytes() if entry.is_file() else None


def application(root: Path) -> Callable[..., Iterable[bytes]]:
    backend = Backend(root)
    bundle = PREFIX + bundle_folder() + "/"

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")

        def send(status: str, body: bytes, content_type: str, *extra: tuple[str, str]) -> list[bytes]:
            kept = "public, max-age=31536000, immutable" if status.startswith("200") and path.startswith(bundle) \
                else "no-cache"
            headers = [("Content-Type", content_type), ("Content-Length", str(len(body))),
                       ("Content-Security-Policy", POLICY), ("X-Content-Type-Options", "nosniff"),
                       ("Referrer-Policy", "no-referrer"), ("Cache-Control", kept), *extra]
            start_response(status, headers)
            return [body] if method != "HEAD" else []

        if path in ("/admin", "/admin/index.html"):
            return send("301 Moved Permanently", b"", "text/plain", ("Location", PREFIX))
        if path == PREFIX and method in ("GET", "HEAD"):
            config = editor_config(root)
            page = PAGE.format(language=config["locale"], title=TITLES[config["locale"]], bundle=bundle_folder())
            return send("200 OK", page.encode("utf-8"), "text/html; charset=utf-8")
        if path == PREFIX + "config.yml" and method in ("GET", "HEAD"):
            # JSON is YAML too, and made a hundred times faster: the editor's first screen waits for it.
            text = json.dumps(editor_config(root), ensure_ascii=False)
            return send("200 OK", text.encode("utf-8"), "text/yaml; charset=utf-8")
        if path == PREFIX + "api/v1":
            if method != "POST":
                return send("405 Method Not Allowed", b"", "text/plain", ("Allow", "POST"))
            return _api(backend, environ, send)
        name = path[len(bundle):] if path.startswith(bundle) else ""
        suffix = name[name.rfind("."):] if "." in name else ""
        data = vendored(name) if suffix in TYPES and method in ("GET", "HEAD") else None
        if data is None:
            return send("404 Not Found", b"Not found", "text/plain; charset=utf-8")
        if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            return send("200 OK", data, TYPES[suffix], ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding"))
        return send("200 OK", gzip.decompress(data), TYPES[suffix], ("Vary", "Accept-Encoding"))

    return app


def _api(backend: Backend, environ: dict[str, Any], send: Callable[..., list[bytes]]) -> list[bytes]:
    # Only a page of this address may ask: a page elsewhere can send a simple POST, never JSON with
    # this content type without a preflight, which nothing here answers.
    if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        return _json(send, "415 Unsupported Media Type", {"error": "expected JSON"})
    # A site whose name is made to point at this computer (DNS rebinding) would be of this address to
    # the browser: the editor is reached by an IP address or as localhost, never by such a name.
    host = environ.get("HTTP_HOST", "")
    if not _local_name(host) or (environ.get("HTTP_ORIGIN") not in (None, f"http://{host}")):
        return _json(send, "403 Forbidden", {"error": "open the editor at http://127.0.0.1:<port>/admin/"})
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 < length <= LARGEST_REQUEST:
        return _json(send, "413 Content Too Large", {"error": "this request is too large for the editor"})
    try:
        request = json.loads(environ["wsgi.input"].read(length))
        if not isinstance(request, dict):
            raise ValueError("not an object")
        answer = backend.answer(request)
    except Refused as refused:
        return _json(send, "422 Unprocessable Content", {"error": str(refused)})
    except (ValueError, KeyError, TypeError, AttributeError):
        return _json(send, "400 Bad Request", {"error": "pressbook's editor could not read this request"})
    except OSError as error:
        return _json(send, "500 Internal Server Error", {"error": f"pressbook could not write the file: {error.strerror}"})
    return _json(send, "200 OK", answer)


def _local_name(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if name.startswith("[") and name.endswith("]"):
        return True  # an IPv6 address
    return name == "localhost" or (name.count(".") == 3 and name.replace(".", "").isdigit())


def _json(send: Callable[..., list[bytes]], status: str, value: Any) -> list[bytes]:
    return send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # MkDocs' server already says each request
        pass


def start(root: Path) -> str:
    """Serve the editor of the workspace at `root` on a free loopback port, in a thread that ends with
    the process; returns its address (http://127.0.0.1:port)."""
    server = make_server("127.0.0.1", 0, application(root), server_class=_Server, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="pressbook-editor", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"
