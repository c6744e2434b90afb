"""Decap CMS's configuration, made from the model: one collection per kind of file an account manager
edits, one form field per key, each with the widget that writes what pressbook reads, labelled with the
words of the sites' catalogue (themes/labels.yml) in the workspace's language.

The model decides everything a form shows: the keys and their order, which are required, the values
of each vocabulary (a select), which keys name another file (a relation to its collection). Keys whose
names are free (the shares of `followers_demographics`) have no form field; Decap keeps them as they
are written. The campaigns are read from the workspace, so the configuration is made again when one is
added (`pressbook serve` makes it at each load of /admin/; `pressbook cms` writes it to a file).
"""
from __future__ import annotations

import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..loading.frontmatter import load_front_matter
from ..loading.language import workspace_language
from ..model import Brief, Client, Contract, Influencer, Record, Report, Showcase
from ..model.amounts import Amount, Count, Months, Number, Rate
from ..model.types import ContentPath, Day, HttpsUrl, Id, WebUrl
from ..pages.labels import load_labels

ADMIN = "admin"  # the folder of the editor's page, at the workspace's root as at its address
CONFIG = "config.yml"  # where Decap looks for its configuration: beside its page
API = "/admin/api/v1"  # pressbook's answer to Decap's local backend (backend.py)
MEDIA = "content/assets"
# A file reference is written relative to content/ (SPEC §1): `assets/logo.png`.
PUBLIC = "assets"

# Keys whose value is the id of another file, and the collection of those files.
RELATIONS = {"client": "clients", "influencer": "influencers"}
# Long texts: several lines in the form.
LONG = {"notes", "summary", "tone", "personality", "target", "payment_terms", "address", "text"}
# The label of a key, where the sites' catalogue names it otherwise than by the key itself.
LABEL_KEYS = {"consent": "consent_public", "public": "consent_public", "followers_demographics": "demographics",
              "posts_per_week": "posting_frequency", "value": "target_value", "publish": "case_studies",
              "headline": "title", "highlights": "figures", "cover": "report_cover", "author": "name",
              "quote": "mention_text", "url": "link", "declared": "declared_figures", "on": "read_on",
              "engagement_rate": "metric_engagement_rate"}
# The catalogue's prefix for the values of a vocabulary, by key (and by file for the keys named alike).
VALUE_PREFIXES = {"network": "network_", "preferred_network": "network_", "format": "format_",
                  "content_types": "format_", "kind": "kind_", "role": "role_", "highlights": "metric_",
                  "approval": "approval_", "sentiment": "sentiment_", "source": "source_",
                  (Brief, "status"): "status_", (Contract, "status"): "contract_",
                  (Report, "status"): "report_status_"}


def _funcs(alias: Any) -> set[Any]:
    return {getattr(item, "func", None) for item in get_args(alias)[1:]} - {None}


# The value types of the model, known by their validators.
_KINDS = [(kind, _funcs(alias)) for kind, alias in (
    ("day", Day), ("count", Count), ("count", Months), ("number", Number), ("rate", Rate),
    ("amount", Amount), ("path", ContentPath), ("id", Id), ("url", HttpsUrl), ("url", WebUrl))]


def _kind(metadata: tuple[Any, ...]) -> str | None:
    found = {getattr(item, "func", None) for item in metadata}
    return next((kind for kind, funcs in _KINDS if funcs & found), None)


def _unwrap(annotation: Any, metadata: tuple[Any, ...] = ()) -> tuple[Any, tuple[Any, ...], bool]:
    """(type, its metadata, whether None is allowed) of an annotation: Annotated and `| None` undone."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation, metadata = get_args(annotation)[0], (*metadata, *get_args(annotation)[1:])
        elif origin in (Union, types.UnionType) and type(None) in get_args(annotation):
            rest = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = True
            annotation = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # type: ignore[assignment]
        else:
            return annotation, metadata, optional


class Labels:
    """The words of the forms: the catalogue's, else the key itself, made readable."""

    def __init__(self, root: Path, language: str) -> None:
        self.catalogue = {key: str(value) for key, value in load_labels(root, language).items()}

    def field(self, name: str) -> str:
        for key in (name, LABEL_KEYS.get(name)):
            if key and key in self.catalogue:
                return self.catalogue[key]
        return name.replace("_", " ").capitalize()

    def value(self, prefix: str | None, value: str) -> str:
        return self.catalogue.get(f"{prefix}{value}", value) if prefix else value


def _field(model: type[BaseModel], name: str, info: FieldInfo, labels: Labels) -> dict[str, Any] | None:
    widget = _widget(model, name, info.annotation, tuple(info.metadata), labels)
    if widget is None:
        return None
    field = {"name": name, "label": labels.field(name), **widget}
    field["required"] = info.is_required()
    if not field["required"]:
        _optional_inside(field)
    return field


def _optional_inside(field: dict[str, Any]) -> None:
    """A group the file may leave out holds no required field: Decap would ask for them even when the
    whole group is left empty. `pressbook check` says what a group written in part lacks."""
    if field["widget"] != "object":
        return
    for inner in field["fields"]:
        inner["required"] = False
        _optional_inside(inner)


def _widget(model: type[BaseModel], name: str, annotation: Any, metadata: tuple[Any, ...],
            labels: Labels) -> dict[str, Any] | None:
    """The widget of a value of `annotation`, or None where no widget writes it as pressbook reads it."""
    annotation, metadata, _ = _unwrap(annotation, metadata)
    origin = get_origin(annotation)
    kind = _kind(metadata)
    if origin is Literal:
        prefix = VALUE_PREFIXES.get((model, name)) or VALUE_PREFIXES.get(name)  # type: ignore[call-overload]
        return {"widget": "select",
                "options": [{"label": labels.value(prefix, value), "value": value} for value in get_args(annotation)]}
    if origin is tuple:
        item, item_metadata, _ = _unwrap(get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, Record):
            return {"widget": "list", "collapsed": True, "fields": _fields(item, labels)}
        inner = _widget(model, name, item, item_metadata, labels)
        if inner is None:
            return None
        if inner["widget"] == "select":
            return {**inner, "multiple": True}
        # One field per item, never a comma-separated line: a sentence may hold a comma.
        return {"widget": "list", "field": {"name": "item", "label": labels.field(name), **inner}}
    if origin is dict:
        keys, values = get_args(annotation)
        keys, _, _ = _unwrap(keys)
        if get_origin(keys) is not Literal:
            return None  # free keys: no form can name them
        prefix = VALUE_PREFIXES.get("network" if "instagram" in get_args(keys) else "format")
        value, value_metadata, _ = _unwrap(values)
        fields = []
        for key in get_args(keys):
            inner = (_object(value, labels) if isinstance(value, type) and issubclass(value, Record)
                     else _widget(model, name, value, value_metadata, labels))
            if inner is None:
                return None
            fields.append({"name": key, "label": labels.value(prefix, key), **inner, "required": False})
            _optional_inside(fields[-1])
        return {"widget": "object", "collapsed": True, "fields": fields}
    if isinstance(annotation, type) and issubclass(annotation, Record) and kind != "amount":
        return _object(annotation, labels)
    if annotation is bool:
        return {"widget": "boolean"}
    if kind == "day":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
                "picker_utc": True}
    if kind == "count":
        return {"widget": "number", "value_type": "int", "min": 0}
    if kind in ("number", "amount"):
        # An amount in another currency ({amount, currency}) is kept as written when left alone.
        return {"widget": "number", "value_type": "float", "min": 0}
    if kind == "rate":
        return {"widget": "string", "pattern": [r"^[0-9]+([.,][0-9]+)? ?%$", "4,5 %"]}
    if kind == "id" and name in RELATIONS:
        return {"widget": "relation", "collection": RELATIONS[name], "value_field": "{{slug}}",
                "search_fields": ["name"], "display_fields": ["name"]}
    if kind == "path":
        return {"widget": "image" if name in ("logo", "cover") else "file", "choose_url": False}
    if annotation is str or annotation is Decimal or kind in ("id", "url"):
        pattern = next((getattr(item, "pattern", None) for item in metadata if getattr(item, "pattern", None)), None)
        widget: dict[str, Any] = {"widget": "text" if name in LONG else "string"}
        if pattern:
            widget["pattern"] = [pattern, pattern]
        return widget
    return None


def _object(model: type[Record], labels: Labels) -> dict[str, Any] | None:
    fields = _fields(model, labels)
    return {"widget": "object", "collapsed": True, "fields": fields} if fields else None


def _fields(model: type[BaseModel], labels: Labels) -> list[dict[str, Any]]:
    found = (_field(model, name, info, labels) for name, info in model.model_fields.items())
    return [field for field in found if field is not None]


def _body(label: str) -> dict[str, Any]:
    # Decap keeps a Markdown file's text under `body`.
    return {"name": "body", "label": label, "widget": "markdown", "required": False, "modes": ["raw", "rich_text"]}


def campaigns(root: Path) -> list[tuple[str, str]]:
    """(id, title) of each campaign folder that holds a brief, by id; the title is the id where the
    brief cannot be read."""
    found = []
    folder = root / "content" / "campaigns"
    for brief in sorted(folder.glob("*/brief.md")) if folder.is_dir() else ():
        try:
            data = load_front_matter(brief.read_text(encoding="utf-8"), str(brief), []).data
        except (OSError, UnicodeDecodeError):
            data = None
        title = data.get("title") if isinstance(data, dict) else None
        found.append((brief.parent.name, title if isinstance(title, str) and title.strip() else brief.parent.name))
    return found


def editor_config(root: Path) -> dict[str, Any]:
    """The configuration of the web editor for the workspace at `root`."""
    language = workspace_language(root)
    labels = Labels(root, language)
    word = labels.catalogue.get
    collections: list[dict[str, Any]] = [
        {"name": "influencers", "label": word("influencers", "Influencers"),
         "label_singular": word("influencer", "Influencer"),
         "folder": "content/influencers", "extension": "md", "format": "yaml-frontmatter", "create": True,
         "identifier_field": "name", "slug": "{{slug}}", "summary": "{{name}}",
         "fields": [*_fields(Influencer, labels), _body(word("portrait", "Portrait"))]},
        {"name": "clients", "label": word("clients", "Clients"), "label_singular": word("client", "Client"),
         "folder": "content/clients", "extension": "yml", "format": "yml", "create": True,
         "identifier_field": "name", "slug": "{{slug}}", "summary": "{{name}}", "fields": _fields(Client, labels)},
    ]
    for campaign, title in campaigns(root):
        base = f"content/campaigns/{campaign}"
        collections.append({
            "name": f"campaign-{campaign}", "label": f"{word('campaign', 'Campaign')} — {title}",
            "files": [
                {"name": "brief", "label": word("brief", "Brief"), "file": f"{base}/brief.md",
                 "format": "yaml-frontmatter", "fields": [*_fields(Brief, labels), _body(word("brief_text", "Brief"))]},
                {"name": "report", "label": word("report", "Report"), "file": f"{base}/report.md",
                 "format": "yaml-frontmatter", "fields": [*_fields(Report, labels), _body(word("report", "Report"))]},
                {"name": "showcase", "label": word("case_studies", "Case study"), "file": f"{base}/showcase.md",
                 "format": "yaml-frontmatter", "fields": [*_fields(Showcase, labels), _body(word("case_studies", "Story"))]},
            ]})
        # A contract's file is named after its influencer, a name no field of the file holds: contracts
        # are edited here and created as files (docs/editing.md).
        collections.append({
            "name": f"contracts-{campaign}", "label": f"{word('contracts', 'Contracts')} — {title}",
            "label_singular": word("contract", "Contract"),
            "folder": f"{base}/contracts", "extension": "yml", "format": "yml", "create": False,
            "identifier_field": "status", "summary": "{{slug}} — {{status}}", "fields": _fields(Contract, labels)})
    return {
        "backend": {"name": "proxy", "proxy_url": API, "branch": "main"},
        "locale": language,
        "media_folder": MEDIA,
        "public_folder": PUBLIC,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": collections,
    }


HEADER = """\
# The web editor's configuration (Decap CMS), made from pressbook's model by `pressbook cms`.
# Do not edit it: run `pressbook cms` again after adding a campaign, or after updating pressbook.
# `pressbook serve` makes it afresh for /admin/ and does not read this file.
"""


def render(config: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110)


def write_config(root: Path) -> Path:
    """Write the configuration into admin/config.yml of the workspace at `root`; returns its path."""
    path = root / ADMIN / CONFIG
    path.parent.mkdir(exist_ok=True)
    text = render(editor_config(root))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
