"""`pressbook deploy headers`: the `_headers` file Netlify and Cloudflare Pages read, in each built site.

It is written in the syntax both hosts share, and so that no response matches two rules that set the
same header: where two rules meet, Cloudflare joins their values ("no-cache, max-age=…") while
Netlify keeps one. Every header of the site is set once, on `/*`; Cache-Control is set by rules that
part the site's files between them, a fingerprinted file by its exact name.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..build import UnknownSite, site_names
from ..folders import files_under
from ..freshness import OUTPUT
from ..problems import Problem
from .files import write_if_changed
from .headers import FINGERPRINTED, SiteHeaders, site_headers
from .ready import checked_for_publishing

HEADERS_FILE = "_headers"
READ_BY = ("netlify", "cloudflare-pages")  # the hosts that read `_headers`
# Cloudflare Pages reads at most 100 rules and lines of at most 2,000 characters (Netlify states no limit).
MOST_RULES = 100
LONGEST_LINE = 2000
_NAMED = re.compile(r"[A-Za-z0-9._-]+")  # a name a rule may hold as it is: no '*', ':', '%' or space


def headers_text(site: Path, headers: SiteHeaders, name: str) -> str:
    """The `_headers` file of the built site at `site`."""
    common = list(headers.common())
    policy = next(value for header, value in common if header == "Content-Security-Policy")
    lines = [f"# Written by 'pressbook deploy headers' for the site {name}, from its built pages:",
             "# write it again after each build rather than edit it. Netlify and Cloudflare Pages read it."]
    if len(f"  Content-Security-Policy: {policy}") > LONGEST_LINE:
        # Too long for Cloudflare: the header keeps what only a header can say; each page's own policy
        # (its <meta>) still holds its scripts to the site's.
        common = [(h, "frame-ancestors 'self'" if h == "Content-Security-Policy" else v) for h, v in common]
        lines.append("# The site's policy is too long for one line here: each page's <meta> carries it.")
    rules = cache_rules(site)
    lines += ["/*", *(f"  {header}: {value}" for header, value in common)]
    if rules is None:
        lines.append(f"  Cache-Control: {headers.cache(False)}")
    else:
        lines += ["", "# How long a browser may keep each file: one rule for each, so that none gets two."]
        for pattern, fingerprinted in rules:
            lines += [pattern, f"  Cache-Control: {headers.cache(fingerprinted)}"]
    return "\n".join(lines) + "\n"


def cache_rules(site: Path) -> list[tuple[str, bool]] | None:
    """(pattern, fingerprinted) rules that part the site's files between them: a folder without a
    fingerprinted file below is one rule (`/folder/*`); one with is opened and its files named. None
    when that would take more rules than Cloudflare reads, or a name a rule cannot hold: then every
    file is kept as a page is."""
    tree: dict = {}
    for relative, _ in files_under(site):
        if relative == HEADERS_FILE:
            continue
        *folders, leaf = relative.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node[leaf] = re.search(FINGERPRINTED, "/" + relative) is not None
    if not _holds_fingerprinted(tree):
        return None
    rules: list[tuple[str, bool]] = []
    if not _open_folder(tree, "/", rules):
        return None
    return rules if len(rules) + 1 <= MOST_RULES else None


def _holds_fingerprinted(node: dict | bool) -> bool:
    return node is True or isinstance(node, dict) and any(_holds_fingerprinted(v) for v in node.values())


def _open_folder(node: dict, path: str, rules: list[tuple[str, bool]]) -> bool:
    for name, child in sorted(node.items()):
        if not _NAMED.fullmatch(name):
            return False
        if isinstance(child, dict):
            if _holds_fingerprinted(child):
                if not _open_folder(child, f"{path}{name}/", rules):
                    return False
            else:
                rules.append((f"{path}{name}/*", False))
        elif name == "index.html":
            rules += [(path, False), (f"{path}{name}", False)]
        else:
            rules.append((f"{path}{name}", child))
            if name.endswith(".html"):
                rules.append((f"{path}{name[:-len('.html')]}", False))  # Cloudflare serves a page without it
    return True


def write_site_headers(root: Path, only: str | None = None) -> tuple[list[Path], list[Problem], list[str]]:
    """`_headers` into each built site (or `only` one): the paths written, the workspace's problems, and
    the sites not built yet. Nothing is written on an error, nor when a site is not built. Builds nothing;
    raises `build.UnknownSite` for a name that is no site."""
    root = root.resolve()
    workspace, problems = checked_for_publishing(root)
    if workspace is None:
        return [], problems, []
    names = site_names(workspace)
    if only is not None:
        if only not in names:
            raise UnknownSite(only)
        names = [only]
    missing = [name for name in names if not (root / OUTPUT / name / "index.html").is_file()]
    if missing:
        return [], problems, missing
    written = []
    for name in names:
        site = root / OUTPUT / name
        write_if_changed(site / HEADERS_FILE, headers_text(site, site_headers(site, name), name))
        written.append(site / HEADERS_FILE)
    return written, problems, []
