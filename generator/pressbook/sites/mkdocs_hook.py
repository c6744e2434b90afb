"""MkDocs' one hook on a generated site, copied beside its mkdocs.yml. It runs inside MkDocs, which
pressbook starts with its own Python: of pressbook, it imports only the policy.

Every page gets the sites' Content-Security-Policy as MkDocs writes it (policy.py). In the preview
(PREVIEW set by `pressbook serve`), MkDocs' server adds its live-reload script inline to every page
it serves, a new one each time: there, inline scripts are allowed instead of hashed. Built sites never
are.

While the workspace has errors, the preview shows the last good version of the site under a banner
that lists them (sites/preview_banner.py makes it, escaped): `pressbook serve` writes it into a file
named by PROBLEMS (empty when the workspace is clean), which MkDocs' server watches, so that open pages
reload when it changes, and reads again as it answers each HTML page, to put it first in the page's
body. The built pages never hold it.

On a site's first build, MkDocs starts before the site's pages are written, and reads the first ones
while pressbook renders the others. COMING names a file that lists every page to come, in the order
MkDocs reads them; the hook lists those pages where MkDocs' own walk of the folder would have, and
holds MkDocs' reading of a page until the page is there (pressbook writes each whole under another
name, then renames it). If the list is gone before the page is there, or MkDocs' parent is no longer
the process that writes them (WRITER), pressbook stopped: MkDocs stops with the page's name. Without
the variables, as in a plain `mkdocs build` of the tree, the hook does nothing of the kind.

The preview's address also serves the web editor: `pressbook serve` runs it on a loopback port of its
own, named by EDITOR, and MkDocs' server hands it every request under /admin/ as it came.

Names are text. MkDocs renders the theme without escaping, and Material escapes some of its values
(`| e`) and not others: a name would be markup in one place and double-escaped in another. So every
text the theme shows outside a page's content arrives escaped once and marked safe, which `| e` leaves
as it is: the settings' names and every string of `extra` (as written in mkdocs.yml), the navigation's
titles, and the page's metadata (which pressbook writes already escaped).
"""
from __future__ import annotations

import http.client
import os
import re
import time
from collections.abc import Mapping

from markupsafe import Markup, escape
from pressbook.sites.policy import with_policy

PREVIEW = "PRESSBOOK_PREVIEW"
PROBLEMS = "PRESSBOOK_PREVIEW_PROBLEMS"
EDITOR = "PRESSBOOK_EDITOR"  # where `pressbook serve` runs the web editor (cms/app.py), for /admin/
COMING = "PRESSBOOK_COMING"
WRITER = "PRESSBOOK_WRITER"  # the process that writes the pages to come, MkDocs' parent

_coming: set[str] = set()  # the pages listed as to come that MkDocs' walk of the folder did not find


NAMES = ("site_name", "site_description", "site_author", "copyright")  # the settings the theme shows


def on_config(config):
    for key in NAMES:
        if isinstance(config.get(key), str):
            config[key] = escape(config[key])
    config["extra"] = as_text(config.get("extra") or {})
    return config


def as_text(value, mark=escape):
    """Every string of `value` marked safe: escaped first, or (mark=Markup) already escaped."""
    if isinstance(value, str):
        return mark(value)
    # MkDocs gives `extra` as its own mapping (a UserDict), not a dict: its strings are escaped too.
    if isinstance(value, Mapping):
        return {key: as_text(item, mark) for key, item in value.items()}
    if isinstance(value, list):
        return [as_text(item, mark) for item in value]
    return value


def on_nav(nav, config, files):
    def walk(items) -> None:
        for item in items:
            if isinstance(item.__dict__.get("title"), str):  # a title the navigation gives, as written
                item.title = escape(item.__dict__["title"])
            walk(getattr(item, "children", None) or [])
    walk(nav.items)
    return nav


def on_files(files, config):
    listing = os.environ.get(COMING)
    if not listing:
        return files
    # Imported here: pressbook imports this module for its names, and MkDocs' own modules take a
    # sixth of a second to import.
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions
    try:
        with open(listing, encoding="utf-8") as names:
            coming = names.read().split("\n")
    except FileNotFoundError:
        raise PluginError("pressbook stopped before it wrote the site's pages") from None
    docs_dir = config["docs_dir"]
    found = {file.src_uri for file in files}
    added = [File(name, docs_dir, config["site_dir"], config["use_directory_urls"])
             for name in coming if name and name not in found]
    set_exclusions(added, config)
    _coming.update(file.src_uri for file in added)
    docs = [file for file in files if file.src_dir == docs_dir] + added
    return Files(sorted(docs, key=file_sort_key) + [file for file in files if file.src_dir != docs_dir])


def on_page_read_source(page, config) -> None:
    if page.file.src_uri in _coming:
        while not os.path.exists(page.file.abs_src_path):
            if not os.path.exists(os.environ[COMING]) or str(os.getppid()) != os.environ.get(WRITER):
                from mkdocs.exceptions import PluginError
                raise PluginError(f"pressbook stopped before it wrote {page.file.src_uri}")
            time.sleep(0.01)
    return None  # MkDocs reads the page itself


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Every page is read before any is rendered: the navigation of each shows the others' titles.
    page.meta = as_text(page.meta, Markup)
    return markdown


def on_post_page(output: str, page, config) -> str:
    return with_policy(output, inline_allowed=bool(os.environ.get(PREVIEW)))


def on_template_context(context, template_name: str, config):
    # MkDocs names everything of an error page from the server's root (/assets/…), for a server that
    # answers any missing address with it. pressbook's sites are first read from their folder, where
    # those addresses lead out of the site, to the disk's root: the page is made as the site's top
    # page is, relative.
    if template_name == "404.html":
        context["base_url"] = "."
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    # Static templates (404.html) have no content of the workspace; sitemap.xml is no page.
    return with_policy(output, inline_allowed=bool(os.environ.get(PREVIEW))) if template_name.endswith(".html") else output


_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def on_serve(server, config, builder):
    path = os.environ.get(PROBLEMS)
    if path:
        server.watch(path)  # a change of the banner reloads the open pages, as an edit does
        server.set_app(_with_banner(server.get_app(), path))
    editor = os.environ.get(EDITOR)
    if editor:  # last, so that the editor's pages never get the banner
        server.set_app(_with_editor(server.get_app(), editor))
    return server


def _with_editor(app, editor: str):
    """MkDocs' server's answers, but those under /admin/, which the editor's own server gives."""
    host, _, port = editor.removeprefix("http://").partition(":")

    def answer(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path != "/admin" and not path.startswith("/admin/"):
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else None
        headers = {name: environ[key] for name, key in (("Content-Type", "CONTENT_TYPE"), ("Host", "HTTP_HOST"),
                   ("Origin", "HTTP_ORIGIN"), ("Accept-Encoding", "HTTP_ACCEPT_ENCODING")) if environ.get(key)}
        query = environ.get("QUERY_STRING")
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            connection.request(environ["REQUEST_METHOD"], path + (f"?{query}" if query else ""), body, headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        start_response(f"{response.status} {response.reason}",
                       [(name, value) for name, value in response.getheaders()
                        if name.lower() not in ("connection", "transfer-encoding", "keep-alive", "date", "server")])
        return [content]
    return answer


def _with_banner(app, path: str):
    """MkDocs' server's answers, the banner in `path` first in the body of each HTML page."""
    def answer(environ, start_response):
        said = []  # MkDocs' server says the status and headers before it gives the body
        body = app(environ, lambda status, headers, exc_info=None: said.append((status, headers)))
        status, headers = said[-1]
        banner = _banner(path) if any(name.lower() == "content-type" and value.startswith("text/html")
                                      for name, value in headers) else b""
        if banner:
            try:
                content = b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
            opening = _BODY.search(content)
            if opening is not None:
                content = content[:opening.end()] + banner + content[opening.end():]
                headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
                headers.append(("Content-Length", str(len(content))))
            body = [content]
        start_response(status, headers)
        return body
    return answer


def _banner(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return b""
