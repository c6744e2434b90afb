"""The sites' Content-Security-Policy, and where it goes in a built page.

Every page gets the policy as the first element after its charset, with the sha256 of each inline
script of the theme: of the scripts outside the page's content (its <article>), read on the same tree
the verification reads (html_reading.py), so that no script from the content could ever be allowed by
it. Which script is inline and how it is hashed are said here once; MkDocs' hook puts the policy in each
page as MkDocs writes it, pressbook puts it in Zensical's pages after Zensical is done, and the
verification (content_policy.py, page_rules.py) checks it with the same functions.
"""
from __future__ import annotations

import base64
import hashlib
import html

from .html_reading import child_text, parse_page, walk

# What every page allows: the site's own scripts, and the theme's inline ones by their sha256 (never
# 'unsafe-inline' or 'unsafe-eval': Vega's expressions are interpreted, not compiled); images, styles,
# fonts, search data and workers from the site only; no frame, form or base URL elsewhere. Inline
# styles are allowed: Vega and Material add style elements from their scripts, and a style can run no
# script, while the image and font sources it could use to send something out are the site's only.
# A `<meta http-equiv>` policy works from the file system (file://, where 'self' is the site's folder
# in Chromium) as over http, and needs no server.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),  # followed, page by page, by the hashes of the theme's inline scripts
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "frame-src": ("'self'",),
    "manifest-src": ("'self'",),
    "media-src": ("'self'",),
    "form-action": ("'self'",),
    "base-uri": ("'none'",),
    "object-src": ("'none'",),
}


def policy_text(inline: list[str]) -> str:
    """The policy, `inline` (the hashes of the page's inline scripts, or 'unsafe-inline') in script-src."""
    return "; ".join(" ".join([name, *sources, *(inline if name == "script-src" else ())])
                     for name, sources in POLICY.items())


def script_hash(text: str) -> str:
    """An inline script's source as a policy names it: the sha256 of its text as the browser has it
    (line ends made LF by the HTML parser), in UTF-8."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()).decode() + "'"


def script_kind(attributes: dict[str, str | None]) -> str:
    """'data' (JSON, which no browser runs), 'file' (from a src, checked as any load) or 'inline'.
    `attributes`: names in lower case."""
    if (attributes.get("type") or "").strip("\t\n\f\r ").lower() == "application/json":
        return "data"
    if any(attributes.get(name) is not None for name in ("src", "href", "xlink:href")):
        return "file"
    return "inline"


CHARSET = '<meta charset="utf-8">'


def with_policy(page: str, inline_allowed: bool = False) -> str:
    """`page` with the policy first after its charset, naming the inline scripts of the theme by their
    sha256, or, with `inline_allowed` (the preview, whose server adds a live-reload script of its own
    to every page), allowing every inline script. A page without the theme's charset is left as it
    is: the verification refuses it for want of a policy."""
    at = page.find(CHARSET)
    if at < 0:
        return page
    if inline_allowed:
        inline = ["'unsafe-inline'"]
    else:
        inline = sorted({script_hash(child_text(node)) for node, tag, attributes, in_content, _ in walk(parse_page(page))
                         if tag == "script" and not in_content and script_kind(attributes) == "inline"})
    text = html.escape(policy_text(inline), quote=False).replace('"', "&quot;")
    at += len(CHARSET)
    return page[:at] + f'<meta http-equiv="Content-Security-Policy" content="{text}">' + page[at:]
