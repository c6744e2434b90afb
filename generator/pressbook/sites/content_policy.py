"""The Content-Security-Policy every built page carries, as the verification holds it: what each
directive may allow, in one table, and the reading of a page's policy (a `<meta http-equiv>`, which
works from file:// as over http) against it.

A browser enforces the policy; the verification makes sure the policy is one worth enforcing — that
it runs only the site's own scripts (inline ones by their sha256), loads nothing from another origin
and sends nothing there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..messages import Message, listed, says

# MkDocs' hook writes the policy into every page of the theme (mkdocs_hook.py): a page
# without one is refused. Off (for pages made by hand in tests), a page's policy is held to the rules
# below only where it has one.
REQUIRE_POLICY = True

SELF, NONE = "'self'", "'none'"


@dataclass(frozen=True)
class Directive:
    sources: frozenset[str]  # what it may hold, keywords quoted and in lower case, schemes as "data:"
    required: bool = False
    hashes: bool = False  # may hold 'sha256-…' sources
    single: bool = False  # holds exactly one source


def _may(*sources: str, **rest: bool) -> Directive:
    return Directive(frozenset(sources), **rest)


# Every directive a page's policy may have; any other (script-src-attr, which overrules script-src
# for event handlers, upgrade-insecure-requests, which breaks the site served over http…) is refused.
# default-src covers the fetches no directive names (media, manifests, prefetches).
POLICY_RULES: dict[str, Directive] = {
    "default-src": _may(SELF, NONE, required=True, single=True),
    "script-src": _may(SELF, required=True, hashes=True),
    "object-src": _may(NONE, required=True, single=True),
    "base-uri": _may(SELF, NONE, required=True, single=True),
    "connect-src": _may(SELF, NONE),
    "form-action": _may(SELF, NONE),
    "frame-src": _may(SELF, NONE, "blob:"),
    "worker-src": _may(SELF, NONE, "blob:"),
    "style-src": _may(SELF, NONE, "'unsafe-inline'"),
    "img-src": _may(SELF, NONE, "data:", "blob:"),
    "font-src": _may(SELF, NONE, "data:", "blob:"),
    "media-src": _may(SELF, NONE),
    "manifest-src": _may(SELF, NONE),
}
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")
_ASCII_WHITESPACE = "\t\n\f\r "


@lru_cache(maxsize=256)
def judge_policy(policy: str) -> tuple[frozenset[str], tuple[Message, ...]]:
    """The scripts a policy lets run (their hashes), and what is wrong with it for POLICY_RULES."""
    problems: list[Message] = []
    seen: dict[str, list[str]] = {}
    # As browsers read a policy: directives split at ';', tokens at ASCII white space, names in any case.
    for written in policy.split(";"):
        tokens = written.strip(_ASCII_WHITESPACE).split()
        if not tokens:
            continue
        name, sources = tokens[0].lower(), tokens[1:]
        if name in seen:
            problems.append(says("policy.twice", name=name))
            continue
        seen[name] = sources
        rule = POLICY_RULES.get(name)
        if rule is None:
            problems.append(says("policy.directive", name=name))
            continue
        allowed = [source for source in sources if _allowed(rule, source)]
        problems += [says("policy.allows", name=name, source=source) for source in sources if source not in allowed]
        if rule.single and len(sources) != 1:
            problems.append(says("policy.one-of", name=name, sources=listed(sorted(rule.sources), "or")))
        elif NONE in (source.lower() for source in sources) and len(sources) > 1:
            problems.append(says("policy.none-beside", name=name))
    problems += [says("policy.missing", name=name) for name, rule in POLICY_RULES.items()
                 if rule.required and name not in seen]
    hashes = frozenset(source for source in seen.get("script-src", ()) if _HASH.fullmatch(source))
    return hashes, tuple(problems)


def _allowed(rule: Directive, source: str) -> bool:
    # Keywords and schemes are read in any case; a hash's base64 is not.
    return source.lower() in rule.sources or (rule.hashes and _HASH.fullmatch(source) is not None)
