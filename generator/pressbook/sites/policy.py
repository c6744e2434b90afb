"""The Content-Security-Policy every page of every site carries, as data: the verification refuses a
page whose policy allows more, and MkDocs' hook (mkdocs_hook.py) writes it into each page with the
hashes of the theme's own inline scripts.

What it allows: the site's own scripts, and the theme's inline ones by their sha256 (never
'unsafe-inline' or 'unsafe-eval': Vega's expressions are interpreted, not compiled); images, styles,
fonts, search data and workers from the site only; no frame, form or base URL elsewhere. Inline
styles are allowed: Vega and Material add style elements from their scripts, and a style can run no
script, while the image and font sources it could use to send something out are the site's only.
A `<meta http-equiv>` policy works from the file system (file://, where 'self' is the site's folder
in Chromium) as over http, and needs no server."""
from __future__ import annotations

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
