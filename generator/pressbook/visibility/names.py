"""Another client's name where a client's site would show it, found in the file it comes from.

The verification refuses a built client site that names another client (SPEC §2). The check looks
for the same names in what each client's site is made of — the client's own file, its campaigns'
files and folders, the cards of their influencers, in the keys a client may see, and of a report what
its page shows — so that the file and line are said before a build. A name counts where it stands
as words, both written as `comparable` writes them, as the verification reads it.

What the check finds does not stop the build: the verification has the last word on each site, and
refuses only the site that would show the name.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from functools import cached_property
from typing import Iterable, Iterator

from ..loading.yaml_strict import dotted
from ..model import Campaign, ClientFile, InfluencerCard, Text, Workspace
from ..messages import Message, listed, says
from ..problems import Location, Problem
from . import CLIENT_SITE, brand_of_another, comparable, folded_clients, shown_texts
from ..metrics.report import report_view
from ..model.campaign import INTERNAL_NOTES


class SoughtName:
    """One name, ready to be looked for where it stands as words in a text written as `comparable`
    writes it: a client called Nature is not named by "naturelle", nor "Client 1" by "Client 12". Its
    words may be apart by any space (a line break, a non-breaking space), as a page shows them."""

    def __init__(self, name: str) -> None:
        self.text = comparable(name)
        self.words = self.text.split()
        self.bounded_before = bool(_WORD.match(self.words[0]))
        # Its longest word looked for first: the most telling, most often enough to know that the name
        # is absent (the public site's verification looks for every influencer who has not consented).
        self.longest, *self.others = sorted(self.words, key=len, reverse=True)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Made when first needed: most names looked for are never near. Bounded where the name begins
        or ends with a letter or digit ("Yes!" is named in "Yes!!"); the bound before is looked at by
        hand, as a pattern that begins with its text is found faster."""
        after = r"(?!\w)" if re.search(r"\w\Z", self.words[-1]) else ""
        return re.compile(r"\s+".join(map(re.escape, self.words)) + after)

    def near(self, text: str) -> bool:
        """Whether each of the name's words is somewhere in `text`, if only inside other words."""
        return self.longest in text and all(word in text for word in self.others)

    def find(self, text: str) -> re.Match[str] | None:
        """Where the name first stands in `text`, if it does."""
        if not self.near(text):
            return None
        for found in self.pattern.finditer(text):
            start = found.start()
            if not (self.bounded_before and start and _WORD.match(text, start - 1)):
                return found
        return None


_WORD = re.compile(r"\w")


def other_clients_named(workspace: Workspace) -> list[Problem]:
    """Each place where a client's site would show another client's name."""
    sought = {client_id: SoughtName(file.client.name) for client_id, file in workspace.clients.items()}
    problems, within = _names_within_names(workspace, sought)
    shown_on: defaultdict[str, set[str]] = defaultdict(set)  # influencer → clients whose site shows the card
    for campaign in workspace.campaigns.values():
        for influencer_id in {entry.influencer for entry in campaign.brief.roster} | {p.influencer for p in campaign.posts}:
            shown_on[influencer_id].add(campaign.brief.client)
    everyone = folded_clients(workspace)
    # What each client's site is made of: texts, the clients whose site shows them, and what they are.
    made_of: list[tuple[Iterator[_Place], Iterable[str], Message]] = [
        (_settings_texts(workspace), workspace.clients, says("names.shown.every-page")),
        *((_client_texts(file), [client_id], says("names.shown.file"))
          for client_id, file in workspace.clients.items()),
        *((_campaign_texts(campaign), [campaign.brief.client], says("names.shown.campaign"))
          for campaign in workspace.campaigns.values()),
        *((_card_texts(workspace.influencers[influencer_id], everyone), sites, says("names.shown.card"))
          for influencer_id, sites in sorted(shown_on.items()) if influencer_id in workspace.influencers)]
    finder = _Finder(workspace, sought)
    for texts, sites, shown in made_of:
        for location, key, named in finder.places(texts):
            # Not the client's own name, nor one its own name holds (said once, at that name).
            readers = sorted(site for site in sites if site in workspace.clients and site != named
                             and named not in within[site])
            if readers:
                problems.append(_problem(location, key, workspace, named, readers, shown))
    return problems


def _names_within_names(workspace: Workspace, sought: dict[str, SoughtName]
                        ) -> tuple[list[Problem], defaultdict[str, set[str]]]:
    """A client whose name holds another's as words ('Maison' in 'Maison Exemple'): its site shows its
    own name on every page, and would be refused for it. Said once, at the name, and not again at each
    text of that site (two clients of one name are reported by the references' check)."""
    problems: list[Problem] = []
    within: defaultdict[str, set[str]] = defaultdict(set)  # client → the others its name holds
    for client_id, file in workspace.clients.items():
        own = sought[client_id].text
        for other_id, other in workspace.clients.items():
            if other_id == client_id or not sought[other_id].find(own):
                continue
            within[client_id].add(other_id)
            if sought[other_id].text != own:
                problems.append(Problem(
                    workspace.locate(file.source, ("name",)), "error", "visibility.other-client",
                    says("names.within", other=other.client.name, name=file.client.name), says("names.within.hint"),
                    key="name", blocks_build=False))
    return problems, within


def _problem(location: Location, key: str, workspace: Workspace, named: str, readers: list[str],
             shown: Message) -> Problem:
    names = [workspace.clients[reader].client.name for reader in readers]
    if len(names) == 1:
        sites = says("names.site-of-one", name=names[0])
    elif len(names) <= 3:
        sites = says("names.sites-of-few", names=listed(names))
    else:
        sites = says("names.sites-of-many", n=len(names))
    return Problem(location, "error", "visibility.other-client",
                   says("names.other-client", named=workspace.clients[named].client.name, sites=sites, shown=shown),
                   says("names.other-client.hint"), key=key, blocks_build=False)


# A text a site shows: its file, its row in a CSV file (None in YAML, found by key), its key, the text.
_Place = tuple[str, "int | None", tuple[str | int, ...], "str | Text"]


def _settings_texts(workspace: Workspace) -> Iterator[_Place]:
    for path, text in shown_texts(workspace.settings, CLIENT_SITE):
        yield "content/workspace.yml", None, path, text


def _client_texts(file: ClientFile) -> Iterator[_Place]:
    for path, text in shown_texts(file.client, CLIENT_SITE):
        yield file.source, None, path, text


def _campaign_texts(campaign: Campaign) -> Iterator[_Place]:
    """What the campaign's client sees of it (visibility.project_client keeps the same): its id is in
    the address of its pages."""
    yield campaign.folder, None, (), campaign.id
    brief = f"{campaign.folder}/brief.md"
    for path, text in shown_texts(campaign.brief, CLIENT_SITE):
        yield brief, None, path, text
    yield brief, None, (), campaign.brief_text
    for row, post in zip(campaign.post_lines, campaign.posts):
        for path, text in shown_texts(post, CLIENT_SITE):
            yield f"{campaign.folder}/posts.csv", row, path, text
    report = report_view(campaign)
    if report is None:  # the mentions are shown in the report only
        return
    rows = dict(zip(map(id, campaign.mentions or ()), campaign.mention_lines))
    for mention in report.top_mentions:
        for path, text in shown_texts(mention, CLIENT_SITE):
            yield f"{campaign.folder}/mentions.csv", rows[id(mention)], path, text
    path = f"{campaign.folder}/report.md"
    for key, text in shown_texts(campaign.report, CLIENT_SITE):
        yield path, None, key, text
    # Of the report's text, the blocks its page shows, each at the line where it is written.
    assert campaign.report_text is not None
    written = campaign.report_text.markdown
    for name, block in report.blocks.items():
        if block and name != INTERNAL_NOTES:  # the agency's own notes reach no client
            start = written.find(block)
            yield path, None, (), Text(block, campaign.report_text.line + written.count("\n", 0, max(start, 0)))


def _card_texts(card: InfluencerCard, everyone: set[str]) -> Iterator[_Place]:
    # An entry of `brands` that names a client is left out of every other client's site.
    for path, text in shown_texts(card.card, CLIENT_SITE):
        if path[:1] != ("brands",) or not brand_of_another(text, everyone):
            yield card.source, None, path, text
    yield card.source, None, (), card.portrait


class _Finder:
    def __init__(self, workspace: Workspace, sought: dict[str, SoughtName]) -> None:
        self.workspace = workspace
        self.names = list(sought.items())

    def places(self, texts: Iterator[_Place]) -> Iterator[tuple[Location, str, str]]:
        """Where each client is named among `texts`, with the key: the value's place, or for a Markdown
        body the line and column of the first place the name is written in it."""
        texts = list(texts)
        whole = comparable("\n".join(_as_shown(text) for *_, text in texts))
        named = [(client_id, name) for client_id, name in self.names if name.find(whole)]
        if not named:  # most of the time: one search of everything, then nothing more
            return
        for path, row, key_path, text in texts:
            lowered = comparable(_as_shown(text))
            for client_id, name in named:
                found = name.find(lowered)
                if found is None:
                    continue
                if isinstance(text, Text):  # its first place in the text; the next ones once it is reworded
                    start = found.start()
                    line = text.line + lowered.count("\n", 0, start)
                    yield Location(path, line, start - lowered.rfind("\n", 0, start)), "", client_id
                else:
                    yield Location(path, row, 1) if row else self.workspace.locate(path, key_path), \
                        dotted(key_path), client_id


def _as_shown(text: str | Text) -> str:
    # Markdown shows `&amp;` as `&`; a value of a YAML or CSV file is shown as written.
    return html.unescape(text.markdown) if isinstance(text, Text) else text
