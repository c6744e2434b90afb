"""Which post of a campaign a row of an export is about.

A row may carry pressbook's post id, the post's address, the platform's own id of the post (YouTube's
video id, X's post id: one that appears in the address), or the account's handle and the day it was
published. Each is tried in that order; the first that finds exactly one post of the campaign wins.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Mapping
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from ..model import Post
from ..model.workspace import InfluencerCard

@dataclass(frozen=True)
class Keys:
    """What a row says about its post; None where the export has no such column, or the cell is empty."""

    post: str | None = None
    url: str | None = None
    platform_id: str | None = None
    handle: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Match:
    post: str | None  # the post found, or None
    among: tuple[str, ...] = ()  # the posts it could be, when a key found two or more and none found one
    by: str = ""  # the key that found it (or them)


@lru_cache(maxsize=65536)  # an export names each post on every row of its dates
def normal_url(text: str, query: bool = False) -> str:
    """An address as compared: without its scheme, `www.`, query, fragment and final slash; host in
    lower case. With `query`, its query's parameters are kept, sorted."""
    parts = urlsplit(text.strip())
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    port = f":{parts.port}" if _port(parts) else ""
    result = f"{host}{port}{parts.path.rstrip('/')}"
    if query and parts.query:
        result += "?" + "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return result


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def url_tokens(text: str) -> set[str]:
    """The path segments and query values of an address: where a platform writes its id of a post."""
    parts = urlsplit(text.strip())
    tokens = {segment for segment in parts.path.split("/") if segment}
    tokens.update(value for _, value in parse_qsl(parts.query) if value)
    return tokens


def normal_handle(text: str) -> str:
    return text.strip().lstrip("@").strip().casefold()


class PostIndex:
    """The posts of one campaign, indexed by every key a row may carry."""

    def __init__(self, posts: Iterable[Post], cards: Mapping[str, InfluencerCard], zone: ZoneInfo,
                 network: str | None = None):
        self.posts = {post.id: post for post in posts}
        self.days = {post.id: post.published_on(zone) for post in self.posts.values()}
        self._urls: dict[str, list[str]] = defaultdict(list)
        self._full_urls: dict[str, list[str]] = defaultdict(list)
        self._tokens: dict[str, list[str]] = defaultdict(list)
        self._by_account_day: dict[tuple[str, str, date], list[str]] = defaultdict(list)
        self._by_account: dict[tuple[str, str], list[str]] = defaultdict(list)
        for post in self.posts.values():
            if post.url:
                self._urls[normal_url(post.url)].append(post.id)
                self._full_urls[normal_url(post.url, query=True)].append(post.id)
                for token in url_tokens(post.url):
                    self._tokens[token].append(post.id)
            self._by_account_day[(post.influencer, post.network, self.days[post.id])].append(post.id)
            self._by_account[(post.influencer, post.network)].append(post.id)
        # handle → the (influencer, network) accounts that have it; one network when the export says.
        self._accounts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for influencer_id, card in sorted(cards.items()):
            for name, account in sorted(card.card.networks.items()):
                if network is None or name == network:
                    self._accounts[normal_handle(account.handle)].append((influencer_id, name))

    def match(self, keys: Keys) -> Match:
        ambiguous: Match | None = None
        for by, found in self._candidates(keys):
            if len(found) == 1:
                return Match(found[0], by=by)
            if len(found) > 1 and ambiguous is None:
                ambiguous = Match(None, tuple(sorted(found)), by)
        return ambiguous or Match(None)

    def _candidates(self, keys: Keys) -> Iterable[tuple[str, list[str]]]:
        if keys.post is not None:
            yield "post", [keys.post] if keys.post in self.posts else []
        if keys.url is not None:
            found = self._urls.get(normal_url(keys.url), [])
            if len(found) > 1:  # two posts at one address but for its query (YouTube's watch?v=…)
                found = self._full_urls.get(normal_url(keys.url, query=True), []) or found
            yield "url", found
        if keys.platform_id is not None:
            value = keys.platform_id.strip()
            found = self._tokens.get(value, [])
            if not found and "_" in value:  # Facebook writes a page's post as <page id>_<post id>
                found = self._tokens.get(value.rpartition("_")[2], [])
            yield "platform_id", sorted(set(found))
        if keys.handle is not None and keys.published is not None:
            found = [post for influencer, network in self._accounts.get(normal_handle(keys.handle), [])
                     for post in self._by_account_day.get((influencer, network, keys.published), [])]
            yield "handle", found

    def closest(self, keys: Keys) -> str | None:
        """The post most like what the row says, for a hint."""
        if keys.post is not None:
            best = _most_alike(keys.post, {post: post for post in self.posts})
            if best:
                return best
        if keys.url is not None:
            best = _most_alike(normal_url(keys.url), {post: normal_url(p.url) for post, p in self.posts.items()
                                                      if p.url})
            if best:
                return best
        if keys.handle is not None:
            mine = [post for account in self._accounts.get(normal_handle(keys.handle), [])
                    for post in self._by_account.get(account, [])]
            if mine and keys.published is not None:
                return min(mine, key=lambda post: (abs((self.days[post] - keys.published).days), post))
            if mine:
                return min(mine)
        return None


def _most_alike(text: str, choices: dict[str, str]) -> str | None:
    """The choice most like `text` when it is alike at all (difflib's 0.6, as `did_you_mean`)."""
    best, score = None, 0.6
    for name, value in sorted(choices.items()):
        ratio = SequenceMatcher(None, text, value).ratio()
        if ratio > score:
            best, score = name, ratio
    return best
