"""The HTTP headers every server or host sends with a site: its pages' own Content-Security-Policy,
noindex on every site but the public one, and how long a browser may keep each file.

The policy each page carries in a `<meta>` differs from page to page only by the hashes of its inline
scripts. The header carries the site's policy: the same directives, with the hashes of every page, so
that one header serves the whole site; the browser enforces both, and each page's own meta still
narrows it to its own scripts. The header adds `frame-ancestors 'self'`, which a meta cannot give:
no other site may show these pages in a frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..folders import files_under
from ..sites.html_reading import parse_page

HTML_CACHE = "no-cache"  # kept, but asked again (ETag) each time: a rebuilt page shows at once
# Material's scripts and styles carry their content's hash in their names: a new build is a new name.
FINGERPRINTED = r"/assets/(?:javascripts|stylesheets)/(?:[^/]+/)*[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)$"
FINGERPRINTED_CACHE = "max-age=31536000, immutable"


# What a refusal carries (401, 403) on every private site and on an address no site has: the same
# words everywhere, so that a stranger cannot tell a client's site that exists from one that does not.
REFUSAL_POLICY = "default-src 'none'; frame-ancestors 'none'"


@dataclass(frozen=True)
class SiteHeaders:
    """What every response of one site carries, whatever the server."""

    policy: str
    indexable: bool
    private: bool

    def common(self) -> list[tuple[str, str]]:
        found = [("Content-Security-Policy", self.policy),
                 ("X-Content-Type-Options", "nosniff"),
                 # A private site's addresses name its client: no link followed from it says where from.
                 ("Referrer-Policy", "no-referrer" if self.private else "strict-origin-when-cross-origin")]
        if not self.indexable:
            found.append(("X-Robots-Tag", "noindex, nofollow"))
        return found

    @property
    def scope(self) -> str:
        # A private site's files are for its readers' browsers only, never for a shared cache.
        return "private" if self.private else "public"

    def cache(self, fingerprinted: bool) -> str:
        return f"{self.scope}, {FINGERPRINTED_CACHE if fingerprinted else HTML_CACHE}"


def site_headers(site: Path, name: str) -> SiteHeaders:
    return SiteHeaders(site_policy(site), indexable=name == "public", private=name != "public")


def site_policy(site: Path) -> str:
    """The policy of every page of the built site at `site`, merged: directives in the pages' order,
    each with the sources of all pages (in the order first met)."""
    directives: dict[str, list[str]] = {}
    for page in _pages(site):
        policy = _page_policy(page)
        if policy is None:
            continue
        for written in policy.split(";"):
            tokens = written.split()
            if tokens:
                sources = directives.setdefault(tokens[0].lower(), [])
                sources += [source for source in tokens[1:] if source not in sources]
    if not directives:
        raise ValueError(f"no page of {site} carries a Content-Security-Policy")
    directives.setdefault("frame-ancestors", ["'self'"])
    return "; ".join(" ".join((name, *sources)) for name, sources in directives.items())


def _pages(site: Path) -> list[Path]:
    return sorted(Path(path) for name, path in files_under(site) if name.endswith(".html"))


def _page_policy(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8")
    head = text[:text.find("</head>") + len("</head>")] if "</head>" in text else text
    for meta in parse_page(head).css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() == "content-security-policy":
            return meta.attributes.get("content") or ""
    return None
