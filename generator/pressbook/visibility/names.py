"""Another client's name where a client's site would show it, found in the file it comes from.

The verification refuses a built client site that names another client (SPEC §2). The check looks
for the same names in what each client's site is made of — its campaigns' files and the cards of
their influencers, the keys a client may see — so that the file and line are said before a build.
A name counts where it stands as words, whatever its case, as the verification reads it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from ..loading.yaml_strict import dotted
from ..model import Campaign, InfluencerCard, Text, Workspace
from ..problems import Location, Problem
from . import CLIENT_SITE, brand_of_another, other_clients, shown_texts


def other_clients_named(workspace: Workspace) -> list[Problem]:
    """Each place where a client's site would show another client's name: an error, as that site
    would be refused."""
    problems, within = _names_within_names(workspace)
    finder = _Finder(workspace)
    everyone = other_clients(workspace, "")
    shown_on: defaultdict[str, set[str]] = defaultdict(set)  # influencer → clients whose site shows the card
    for campaign in workspace.campaigns.values():
        client_id = campaign.brief.client
        if client_id not in workspace.clients:
            continue
        shown_on_site = {entry.influencer for entry in campaign.brief.roster} | {p.influencer for p in campaign.posts}
        for influencer_id in shown_on_site:
            shown_on[influencer_id].add(client_id)
        for location, key, named in finder.places(_campaign_texts(campaign)):
            if named != client_id and named not in within[client_id]:
                problems.append(_problem(location, key, workspace, named, [client_id], "this campaign"))
    for influencer_id, sites in sorted(shown_on.items()):
        card = workspace.influencers.get(influencer_id)
        if card is None:
            continue
        for location, key, named in finder.places(_card_texts(card, everyone)):
            readers = sorted(site for site in sites if site != named and named not in within[site])
            if readers:
                problems.append(_problem(location, key, workspace, named, readers, "this card"))
    return problems


def _names_within_names(workspace: Workspace) -> tuple[list[Problem], defaultdict[str, set[str]]]:
    """A client whose name holds another's as words ('Maison' in 'Maison Exemple'): its site shows its
    own name on every page, and would be refused for it. Said once, at the name, and not again at each
    text of that site (two clients of one name are reported by the references' check). Like that one,
    it leaves the other sites to be built."""
    problems: list[Problem] = []
    within: defaultdict[str, set[str]] = defaultdict(set)  # client → the others its name holds
    for client_id, file in workspace.clients.items():
        own = file.client.name.casefold()
        for other_id, other in workspace.clients.items():
            name = other.client.name.casefold()
            if other_id == client_id or not as_words(name).search(own):
                continue
            within[client_id].add(other_id)
            if name != own:
                problems.append(Problem(
                    workspace.locate(file.source, ("name",)), "error", "visibility.other-client",
                    f"'{other.client.name}', another client's name, is part of this one; {file.client.name}'s "
                    "report site shows its own name on every page", "give one of the two a name that does not "
                    "hold the other's: no client's site may name another client", key="name", blocks_build=False))
    return problems, within


def _problem(location: Location, key: str, workspace: Workspace, named: str, readers: list[str],
             shown: str) -> Problem:
    sites = " and ".join(f"{workspace.clients[reader].client.name}'s" for reader in readers)
    return Problem(location, "error", "visibility.other-client",
                   f"'{workspace.clients[named].client.name}', another client, is named here; "
                   f"{sites} report site shows {shown}",
                   "a client's site never names another client: write it another way (a competitor, "
                   "another brand), or keep it in a key only the agency sees, such as notes", key=key)


# A text a site shows: its file, its row in a CSV file (None in YAML, found by key), its key, the text.
_Place = tuple[str, "int | None", tuple[str | int, ...], "str | Text"]


def _campaign_texts(campaign: Campaign) -> Iterator[_Place]:
    """What the campaign's client sees of it (visibility.project_client keeps the same)."""
    brief = f"{campaign.folder}/brief.md"
    for path, text in shown_texts(campaign.brief, CLIENT_SITE):
        yield brief, None, path, text
    yield brief, None, (), campaign.brief_text
    for row, post in zip(campaign.post_lines, campaign.posts):
        for path, text in shown_texts(post, CLIENT_SITE):
            yield f"{campaign.folder}/posts.csv", row, path, text
    for row, mention in zip(campaign.mention_lines, campaign.mentions or ()):
        for path, text in shown_texts(mention, CLIENT_SITE):
            yield f"{campaign.folder}/mentions.csv", row, path, text
    if campaign.report is not None:
        report = f"{campaign.folder}/report.md"
        for path, text in shown_texts(campaign.report, CLIENT_SITE):
            yield report, None, path, text
        if campaign.report_text is not None:
            yield report, None, (), campaign.report_text


def _card_texts(card: InfluencerCard, everyone: set[str]) -> Iterator[_Place]:
    # An entry of `brands` that names a client is left out of every other client's site.
    for path, text in shown_texts(card.card, CLIENT_SITE):
        if path[:1] != ("brands",) or not brand_of_another(text, everyone):
            yield card.source, None, path, text
    yield card.source, None, (), card.portrait


class _Finder:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.names = [(client_id, file.client.name.casefold()) for client_id, file in workspace.clients.items()]

    def places(self, texts: Iterator[_Place]) -> Iterator[tuple[Location, str, str]]:
        """Where each client is named among `texts`, with the key: the value's place, or for a Markdown
        body the line and column of the first place the name is written in it."""
        texts = list(texts)
        whole = "\n".join(text.markdown if isinstance(text, Text) else text for *_, text in texts).casefold()
        named = [(client_id, name) for client_id, name in self.names if name in whole]
        if not named:  # most of the time: one look at everything, then nothing more
            return
        for path, row, key_path, text in texts:
            body = isinstance(text, Text)
            lowered = (text.markdown if body else text).casefold()
            for client_id, name in named:
                found = as_words(name).search(lowered) if name in lowered else None
                if found is None:
                    continue
                if body:  # the first place in the text, which the message says is not the only one
                    start = found.start()
                    line = text.line + lowered.count("\n", 0, start)
                    yield Location(path, line, start - lowered.rfind("\n", 0, start)), "", client_id
                else:
                    yield Location(path, row, 1) if row else self.workspace.locate(path, key_path), \
                        dotted(key_path), client_id


@lru_cache(maxsize=1024)
def as_words(name: str) -> re.Pattern[str]:
    """A name where it stands as words: a client called Nature is not named by "naturelle", nor
    "Client 1" by "Client 12"."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
