"""A list of influencers exported by a discovery tool → identity cards created or updated
(docs/import-influencers.md).

A row finds its card by its account (the network and the handle, without case or a leading @), else
by its name (the card whose id is the name made an id), else it makes a new card. On a card that
exists, the import changes only, on the row's network: the follower count and its date (unless the
card's count is more recent), the address if the card has none, and the reading declared by this
source (one per source and network). Top-level keys the card lacks may be added (topics, location,
languages, contact); nothing a person wrote is changed. Every resulting card is checked by the model;
a value it refuses is reported at the export's cell, and nothing is written while an error stands."""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..loading.csv_values import CellError
from ..sources import Document, KeyPath
from ..messages import quoted, says
from ..model.people import Influencer
from ..model.spelling import slug
from ..model.types import Network
from ..problems import Location, Problem
from ..validation.documents import validate_document
from ..validation.schema_errors import problems_from
from ..validation.suggestions import did_you_mean
from ..validation.workspace import suggest_id
from .cards import Card, card_path, new_card_text, read_cards, rewrite_card
from .diff import Change
from .mapping import LoadedMapping, find_columns, load_mapping
from .sheet import Cell, Sheet, SheetRow, cell_problem, count_of, date_of, number_of, percent_of, read_sheet, text_of

FIELDS = ("name", "network", "handle", "url", "followers", "engagement_rate", "average_views", "average_reach",
          "posts_per_week", "topics", "location", "languages", "email", "source",
          "audience.gender.*", "audience.age.*", "audience.countries.*")
NETWORKS = typing.get_args(Network)
COUNTS = ("followers", "average_views", "average_reach")
DECLARED = ("engagement_rate", "average_views", "average_reach", "posts_per_week")
ACCOUNT_ORDER = ("handle", "url", "followers", "followers_on", "declared")
_LIST = re.compile(r"[,;|]")


@dataclass
class Entry:
    """One row, read: its values by field, and the column of the cell each came from."""

    row: SheetRow
    values: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)
    on: date | None = None

    def at(self, name: str | None = None) -> tuple[int, int]:
        return (self.row.line, self.columns.get(name, 1) if name else 1)


@dataclass
class Target:
    """A card as the import leaves it, and where each value it brought came from."""

    card: Card
    data: dict[str, Any]
    added: dict[str, Any] = field(default_factory=dict)
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # network → the line of the row that brought it


def import_influencers(root: Path, export: Path, shown: str, spec: str, on: date | None, topics: tuple[str, ...],
                       problems: list[Problem]) -> list[Change] | None:
    """The cards an export creates or updates, as changes; None when an error stands."""
    loaded = load_mapping(spec, "influencers", FIELDS, problems)
    sheet = read_sheet(export, problems, shown)
    if loaded is None or sheet is None:
        return None
    _check_labels(loaded, problems)
    columns = find_columns(loaded, sheet, problems, date_given=on is not None)
    if columns is None or _errors(problems):
        return None
    if "network" not in columns and loaded.mapping.network is None:
        problems.append(Problem(loaded.at("columns"), "error", "schema.missing-key", says("import.no-network-column"),
                                says("import.no-network-column.hint"), key="network"))
        return None
    if on is None and "date_column" not in columns:
        problems.append(Problem(Location(sheet.path, 1, 1), "error", "csv.header", says("import.no-date"),
                                says("import.no-date.hint")))
        return None
    cards = read_cards(root, problems)
    if _errors(problems):
        return None
    source = loaded.source_for(export)
    importer = _Importer(sheet, loaded, columns, cards, source, on, tuple(t.strip() for t in topics if t.strip()),
                         problems)
    for row in sheet.rows:
        importer.add(row)
    changes = importer.changes()  # the cards are checked even after a refused cell: every problem is said at once
    return None if _errors(problems) else changes


def _errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def _check_labels(loaded: LoadedMapping, problems: list[Problem]) -> None:
    for name in loaded.mapping.columns:
        if name.startswith("audience.countries.") and not re.fullmatch(r"[A-Za-z]{2}", name.rsplit(".", 1)[1]):
            problems.append(Problem(loaded.at("columns", name), "error", "schema.value",
                                    says("import.country-code", label=name.rsplit(".", 1)[1]),
                                    says("import.country-code.hint"), key=f"columns.{name}"))


class _Importer:
    def __init__(self, sheet: Sheet, loaded: LoadedMapping, columns: dict[str, int], cards: dict[str, Card],
                 source: str, on: date | None, topics: tuple[str, ...], problems: list[Problem]):
        self.sheet, self.loaded, self.columns, self.cards = sheet, loaded, columns, cards
        self.source, self.on, self.topics, self.problems = source, on, topics, problems
        self.targets: dict[str, Target] = {}
        self.seen: dict[tuple[str, str], int] = {}  # (card, network) → the first row's line
        self.accounts: dict[tuple[str, str], str] = {}
        for card_id, card in cards.items():
            networks = card.data.get("networks")
            for network, account in (networks.items() if isinstance(networks, dict) else ()):
                if isinstance(account, dict) and account.get("handle") is not None:
                    self.accounts.setdefault((network, _handle_key(account["handle"])), card_id)

    # --- one row --------------------------------------------------------------------------------

    def add(self, row: SheetRow) -> None:
        entry, readable = self.read(row)
        if entry is None:
            return
        network, handle = entry.values.get("network"), entry.values.get("handle")
        card_id = self.accounts.get((network, _handle_key(handle))) if handle else None
        name = entry.values.get("name")
        if card_id is None and name and _spelt(name):
            card_id = suggest_id(name)
        if card_id is None:
            self.refuse(entry, "handle", "schema.missing-key", says("import.no-name"), says("import.no-name.hint"))
            return
        first = self.seen.get((card_id, network))
        if first is not None:
            self.refuse(entry, "handle" if handle else "name", "ref.duplicate-id",
                      says("import.same-account", id=card_id, network=network, line=first),
                      says("import.same-account.hint"))
            return
        self.seen[(card_id, network)] = row.line
        if not readable:
            return
        target = self.targets.get(card_id) or self.target(card_id, entry)
        if target is None:
            return
        self.targets[card_id] = target
        self.merge(target, entry, network)

    def read(self, row: SheetRow) -> tuple[Entry | None, bool]:
        """The row's values, and whether all of them could be read (a row with a refused cell still
        counts for finding the same account twice)."""
        entry = Entry(row)
        failed = False
        for name, index in self.columns.items():
            entry.columns[name] = row.column(index)
            cell = row.cell(index)
            if cell is None:
                continue
            try:
                entry.values[name] = self.value(name, cell)
            except CellError as error:
                self.problems.append(cell_problem(self.sheet, row, index, error, key=name))
                failed = True
        if "date_column" in entry.values:
            entry.on = entry.values.pop("date_column")
        entry.on = self.on or entry.on
        if entry.on is None:
            self.refuse(entry, "date_column", "csv.date", says("import.no-date"), says("import.no-date.hint"))
            failed = True
        network = entry.values.get("network") or self.loaded.mapping.network
        if network is None:
            self.refuse(entry, "network", "schema.missing-key", says("import.no-network"), says("import.no-network.hint"))
            return None, False
        if network not in NETWORKS:
            self.refuse(entry, "network", "schema.value", says("import.unknown-network", network=quoted(network)),
                        did_you_mean(network, NETWORKS))
            return None, False
        entry.values["network"] = network
        return entry, not failed

    def value(self, name: str, cell: Cell) -> Any:
        decimal = self.sheet.decimal
        if name == "date_column":
            return date_of(cell, self.loaded.mapping.date_format)
        if name in COUNTS:
            return count_of(cell, decimal)
        if name == "engagement_rate" or name.startswith("audience."):
            return f"{percent_of(cell, decimal, self.loaded.percent(name))}%"
        if name == "posts_per_week":
            return _plain(number_of(cell, decimal))
        if name in ("topics", "languages"):
            return tuple(part.strip() for part in _LIST.split(text_of(cell)) if part.strip())
        if name == "network":
            return text_of(cell).lower()
        if name == "handle":
            text = text_of(cell)
            return text[1:].strip() if text.startswith("@") else text
        return text_of(cell)

    def refuse(self, entry: Entry, name: str, code: str, message: Any, hint: Any) -> None:
        line, column = entry.at(name)
        self.problems.append(Problem(Location(self.sheet.path, line, column), "error", code, message, hint))

    # --- the card -------------------------------------------------------------------------------

    def target(self, card_id: str, entry: Entry) -> Target | None:
        card = self.cards.get(card_id)
        if card is not None:
            # A card already refused by the model is reported at its own lines, as check says it.
            if validate_document(Influencer, card.document, self.problems) is None:
                return None
            return Target(card, _thawed(card.data))
        values = entry.values
        if not values.get("name"):
            self.refuse(entry, "handle", "schema.missing-key", says("import.no-name"), says("import.no-name.hint"))
            return None
        topics = values.get("topics") or self.topics
        if not topics:
            self.refuse(entry, "name", "schema.missing-key", says("import.no-topics", id=card_id),
                      says("import.no-topics.hint"))
            return None
        target = Target(Card(card_id, card_path(card_id), None, None), {"name": values["name"], "networks": {}})
        target.positions[("name",)] = entry.at("name")
        target.data["topics"] = list(topics)
        target.positions[("topics",)] = entry.at("topics")
        target.positions[()] = entry.at()
        return target

    def merge(self, target: Target, entry: Entry, network: str) -> None:
        values, on = entry.values, entry.on
        assert on is not None
        networks = target.data.setdefault("networks", {})
        where = ("networks", network)
        target.positions.setdefault(("networks",), entry.at("network"))
        target.positions[where] = entry.at("handle" if "handle" in values else "network")
        target.rows[network] = entry.row.line
        account = networks.get(network)
        if account is None:
            if not values.get("handle"):
                self.refuse(entry, "handle", "schema.missing-key", says("import.no-handle", network=network),
                          says("import.no-handle.hint"))
                return
            account = networks[network] = {"handle": values["handle"]}
            target.positions[where + ("handle",)] = entry.at("handle")
        elif values.get("handle") and _handle_key(values["handle"]) != _handle_key(account.get("handle")):
            self.refuse(entry, "handle", "schema.value",
                      says("import.other-handle", file=target.card.path, network=network,
                           handle=quoted(account.get("handle")), found=quoted(values["handle"])),
                      says("import.other-handle.hint"))
            return
        if "url" in values and account.get("url") is None:
            _put(account, "url", values["url"])
            target.positions[where + ("url",)] = entry.at("url")
        if "followers" in values and not _later(account.get("followers_on"), on):
            _put(account, "followers", values["followers"])
            _put(account, "followers_on", on.isoformat())
            target.positions[where + ("followers",)] = entry.at("followers")
            target.positions[where + ("followers_on",)] = entry.at("date_column")
        self.declare(target, entry, account, where)
        self.fill(target, entry)

    def declare(self, target: Target, entry: Entry, account: dict[str, Any], where: KeyPath) -> None:
        values, on = entry.values, entry.on
        assert on is not None
        source = values.get("source") or self.source
        reading: dict[str, Any] = {"source": source, "on": on.isoformat()}
        positions: dict[KeyPath, tuple[int, int]] = {("source",): entry.at("source"), ("on",): entry.at("date_column")}
        for name in DECLARED:
            if name in values:
                reading[name] = values[name]
                positions[(name,)] = entry.at(name)
        audience: dict[str, dict[str, str]] = {}
        for name, value in values.items():
            if name.startswith("audience."):
                _, group, label = name.split(".", 2)
                label = label.upper() if group == "countries" else label
                audience.setdefault(group, {})[label] = value
                positions[("audience", group, label)] = entry.at(name)
        if audience:
            reading["audience"] = {group: audience[group] for group in ("gender", "age", "countries") if group in audience}
            positions[("audience",)] = entry.at(next(name for name in values if name.startswith("audience.")))
        if len(reading) == 2:
            return  # no figure: nothing declared
        readings = list(account.get("declared") or ())
        same = [index for index, old in enumerate(readings)
                if isinstance(old, dict) and str(old.get("source", "")).casefold() == source.casefold()]
        if same:
            index = same[0]
            if _later(readings[index].get("on"), on):
                return  # the card holds a more recent reading of this source
            if readings[index] == reading:
                return
            readings[index] = reading
        else:
            index = len(readings)
            readings.append(reading)
        _put(account, "declared", readings)
        base = where + ("declared", index)
        target.positions[base] = entry.at()
        for path, position in positions.items():
            target.positions[base + path] = position

    def fill(self, target: Target, entry: Entry) -> None:
        """Top-level keys the card lacks, from the row: never a key the card has."""
        values = entry.values
        wanted: dict[str, Any] = {}
        if values.get("topics"):
            wanted["topics"] = list(values["topics"])
        if values.get("location"):
            wanted["location"] = values["location"]
        if values.get("languages"):
            wanted["languages"] = list(values["languages"])
        if values.get("email"):
            wanted["contact"] = {"email": values["email"]}
        for key, value in wanted.items():
            if key in target.data:
                continue
            target.data[key] = value
            if target.card.text is not None:
                target.added[key] = value
            column = {"contact": "email"}.get(key, key)
            target.positions[(key,)] = entry.at(column)
            if key == "contact":
                target.positions[("contact", "email")] = entry.at("email")

    # --- the result -----------------------------------------------------------------------------

    def changes(self) -> list[Change] | None:
        changes = []
        for card_id in sorted(self.targets):
            target = self.targets[card_id]
            if not self.valid(target):
                continue
            card = target.card
            if card.text is None:
                changes.append(Change(card.path, None, new_card_text(target.data)))
            else:
                changes.append(Change(card.path, card.text, rewrite_card(
                    card, _frozen(target.data.get("networks", {})), _frozen(target.added))))
        return None if _errors(self.problems) else changes

    def valid(self, target: Target) -> bool:
        """The card as it would be written, checked by the model; a refusal is reported at the cell the
        value came from."""
        document = Document(self.sheet.path, _frozen(target.data), read=True)
        first = min(target.rows.values(), default=1)
        document.value_at[()] = target.positions.get((), (first, 1))
        for path, position in target.positions.items():
            document.value_at[path] = position
            document.key_at[path] = position
        try:
            Influencer.model_validate(document.data)
        except ValidationError as error:
            self.problems.extend(problems_from(error, Influencer, document))
            return False
        return True


def _spelt(name: str) -> bool:
    """Whether a name gives an id: it has a letter or digit of the Latin alphabet, accents aside."""
    return bool(slug(name))


def _handle_key(handle: Any) -> str:
    text = str(handle or "").strip()
    return (text[1:] if text.startswith("@") else text).casefold()


def _later(written: Any, on: date) -> bool:
    """Whether a date written on the card is after `on` (a date the card writes badly is not)."""
    try:
        return date.fromisoformat(str(written)) > on if written is not None else False
    except ValueError:
        return False


def _put(account: dict[str, Any], key: str, value: Any) -> None:
    """A key of an account set, a new one at its place in the usual order (handle, url, followers...)."""
    if key in account:
        account[key] = value
        return
    rank = ACCOUNT_ORDER.index(key)
    items = list(account.items())
    at = len(items)
    for index, (name, _) in enumerate(items):
        if name in ACCOUNT_ORDER and ACCOUNT_ORDER.index(name) > rank:
            at = index
            break
    items.insert(at, (key, value))
    account.clear()
    account.update(items)


def _plain(number: Decimal) -> Decimal:
    return Decimal(format(number.normalize(), "f"))


def _thawed(value: Any) -> Any:
    """Raw values as the import changes them: lists for tuples, copies of mappings."""
    if isinstance(value, dict):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    return value


def _frozen(value: Any) -> Any:
    """Raw values as the loader gives them (tuples for lists), for the model."""
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value
