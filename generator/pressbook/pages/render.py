"""Jinja rendering of page templates into Markdown: the only module that imports jinja2."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..theme_folders import theme_dirs
from .formatting import Formats
from .labels import Label, typeset
from .plan import Page, SitePlan, relative_url
from .safety import plain, safe_markdown


@dataclass(frozen=True)
class SiteFacts:
    name: str
    kind: str
    title: str
    language: str


SYNTAX = {"autoescape": True, "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True}


class Renderer:
    def __init__(self, root: Path, formats: Formats, labels: dict[str, Label]):
        self.themes = theme_dirs(root)
        # A workspace's own page templates are input: rendered in Jinja's sandbox, which keeps them to
        # the values they are given (check refuses what reaches further, this is the second wall).
        # pressbook's own templates alone need none, and are rendered faster without.
        sandboxed = len(self.themes) > 1 and (self.themes[0] / "pages").is_dir()
        kind = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
        self.environment = kind(
            loader=jinja2.FileSystemLoader([str(d / "pages") for d in self.themes]),
            undefined=jinja2.StrictUndefined,
            # A renderer serves one generation: templates are not looked at again for each page.
            auto_reload=False,
            **SYNTAX,
        )
        self.formats = formats
        self.labels = labels
        self.environment.filters.update({
            "number": formats.number, "decimal": formats.decimal, "percent": formats.percent,
            "money": formats.money, "amount": formats.amount, "ratio": formats.ratio, "day": formats.day,
            "moment": formats.moment, "plain": plain,
            "markdown": _markdown, "label": self.label, "yesno": self.yes_no,
            "month": formats.month, "country": formats.country_name, "language": formats.language_name,
            "typeset": self.typeset,
        })
        self.environment.globals.update({"labels": labels})

    def label(self, key: str, prefix: str = "") -> str:
        return str(self.labels.get(f"{prefix}{key}", key))

    def typeset(self, text: str) -> str:
        """Text a template writes (`{% filter typeset %}`), spaced as the site's language puts it."""
        spaced = typeset(str(text), self.formats.language)
        return Markup(spaced) if isinstance(text, Markup) else spaced

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.labels["none"]
        return self.labels["yes" if value else "no"]

    def render(self, plan: SitePlan, page: Page) -> str:
        template = self.environment.get_template(page.template)
        context: dict[str, Any] = dict(plan.shared)
        context.update(page.context)
        # Of the site, a page is given only what names it, not the other pages: what a page shows is
        # what its plan entry holds (the preview renders again only the pages whose entry changed).
        site = SiteFacts(plan.name, plan.kind, plan.title, plan.language)
        context.update(internal=plan.kind == "internal", page=page, site=site, url=partial(relative_url, page.path))
        body = template.render(context)
        return front_matter(page.title, page.meta) + body.rstrip("\n") + "\n" + self.footer(plan, page)

    def footer(self, plan: SitePlan, page: Page) -> str:
        # The files a page is made from are the agency's business: a client or the public reads a report,
        # not where it came from.
        if not page.sources or plan.kind != "internal":
            return ""
        files = ", ".join(f"<code>{html.escape(source)}</code>" for source in page.sources)
        return f'\n<p class="pb-sources">{html.escape(self.labels["made_from"])} {files}</p>\n'


@jinja2.pass_context
def _markdown(context: jinja2.runtime.Context, text: str) -> Markup:
    """Authored Markdown; its images of content/assets/ from where the site publishes them
    (`authored_images`, made with the plan), relative to the page."""
    published: dict[str, str] = context.get("authored_images") or {}
    url = context["url"]
    return safe_markdown(text, lambda reference: url(published[reference]) if reference in published else None)


def front_matter(title: str, meta: dict[str, Any] | None = None) -> str:
    # MkDocs' theme templates do not escape page metadata: it is escaped here, once, as HTML text.
    fields = {"title": html.escape(title, quote=True), **_escaped(meta or {})}
    return f"---\n{json.dumps(fields, ensure_ascii=False, sort_keys=True)}\n---\n\n"


def _escaped(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return html.escape(value, quote=True) if isinstance(value, str) else value
