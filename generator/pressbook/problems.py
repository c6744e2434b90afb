"""Problems found in a workspace, and the ways they are printed.

A problem is data: where it is, how bad it is, a stable code, and words a campaign manager can act on:
its message and hint are messages of the catalogue (messages.py), said in the reader's language only
when the report is printed. Every stage reports problems; none of them prints.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from .messages import DEFAULT_LANGUAGE, Message, quoted, said, says

__all__ = ["CODES", "FORMATTERS", "Location", "Problem", "Severity", "quoted", "register_codes"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in the workspace: a path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    location: Location
    severity: Severity
    code: str
    message: Message
    hint: Message | None = None
    key: str = ""
    # Compliance findings are shown and fixed on the internal site; they never stop a build.
    blocks_build: bool = True

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} is not in problems.CODES")
        if not isinstance(self.message, Message) or not (self.hint is None or isinstance(self.hint, Message)):
            # Words written out in the code would be said in English to every reader.
            raise TypeError(f"a problem's message and hint are messages of the catalogue, made by says(): "
                            f"{self.message!r}, {self.hint!r}")

    def sort_key(self) -> tuple:
        return (self.location, self.severity != "error", self.code, self.key, str(self.message))

    def headline(self, language: str = DEFAULT_LANGUAGE) -> str:
        """`path:line:col: error: key: message`, in `language`."""
        return shown_safely(says("report.headline", location=str(self.location), severity=_SEVERITY[self.severity],
                                 subject=self.subject(language), message=self.message).text(language))

    def subject(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The key the problem is about, and what follows it: `roster[1].influencer: `."""
        return says("report.subject", key=self.key).text(language) if self.key else ""

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message alone, in `language`."""
        return said(self.message, language)

    def hint_text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return said(self.hint, language)


_SEVERITY = {"error": says("report.error"), "warning": says("report.warning")}


def format_text(problems: list[Problem], language: str = DEFAULT_LANGUAGE) -> str:
    lines = []
    for problem in problems:
        lines.append(problem.headline(language))
        if problem.hint:
            lines.append("    " + shown_safely(says("report.hint", hint=problem.hint).text(language)))
    lines.append(summary_line(problems, language))
    return "\n".join(lines) + "\n"


# A message quotes what the workspace holds (a cell, a key): its control characters are written out,
# so that a terminal or a CI log never obeys one (an escape sequence that retitles the window or
# rewrites the lines above, a carriage return that hides the message).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def shown_safely(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def summary_line(problems: list[Problem], language: str = DEFAULT_LANGUAGE) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = len({p.location.path for p in problems})
    if not problems:
        return says("report.none").text(language)
    return says("report.summary", errors=says("report.errors", n=errors), warnings=says("report.warnings", n=warnings),
                files=says("report.files", n=files)).text(language)


def format_json(problems: list[Problem], language: str = DEFAULT_LANGUAGE) -> str:
    rows = [
        {
            "path": p.location.path,
            "line": p.location.line,
            "column": p.location.column,
            "severity": p.severity,
            "code": p.code,
            "key": p.key,
            "message": p.text(language),
            "hint": p.hint_text(language),
        }
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def format_github(problems: list[Problem], language: str = DEFAULT_LANGUAGE) -> str:
    """GitHub Actions workflow commands: one annotation a problem, shown on the pull request's diff."""
    lines = []
    for p in problems:
        text = shown_safely(p.subject(language) + p.text(language)) + \
            (f"\n{shown_safely(p.hint_text(language))}" if p.hint else "")
        params = [f"file={_escape_property(p.location.path)}", f"line={p.location.line}",
                  f"col={p.location.column}"]
        params.append(f"title={_escape_property(p.code)}")
        lines.append(f"::{p.severity} {','.join(params)}::{_escape_data(text)}")
    lines.append(summary_line(problems, language))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


# Every problem code pressbook reports, with what it means. Codes are stable: CI scripts and editors
# may match on them. docs/problems.md is generated from this table.
CODES: dict[str, str] = {
    "file.symlink": "A symbolic link inside content/; links are refused so that nothing outside it is read.",
    "file.unreadable": "A file or folder in the workspace that is there but cannot be read (its permissions).",
    "file.encoding": "A file that is not valid text in UTF-8 (or, for CSV, cp1252).",
    "file.encoding-guessed": "A CSV file that is not UTF-8 and was read as cp1252 (Windows Excel).",
    "file.unexpected": "A file or folder in content/ that pressbook does not know what to do with.",
    "file.missing": "A file the workspace needs, or one a key refers to, does not exist.",
    "file.outside": "A file reference that points outside content/.",
    "file.image": "An image a key refers to that cannot be shown: not a PNG, JPEG, GIF or WebP, damaged, or too large.",
    "id.invalid": "A file or folder name that is not a valid id (lower-case letters, digits, hyphens).",
    "yaml.duplicate-key": "The same key twice in one mapping; YAML would silently keep only the last.",
    "yaml.anchor": "An anchor (&) or alias (*): they hide where a value comes from and are not allowed (in mkdocs.yml, one inside its own value or aliases multiplying values).",
    "yaml.tag": "A custom tag (!something or !!type): values are typed by the schema, not by tags.",
    "yaml.multiple-documents": "More than one YAML document (---) in a file that holds one.",
    "mkdocs.inherit": "An INHERIT in mkdocs.yml: each site is built with that file alone, so its settings must be in it.",
    "mkdocs.overruled": "A key of mkdocs.yml that pressbook sets itself for every site: its value has no effect.",
    "frontmatter.missing": "A Markdown file that does not begin with front matter between --- lines.",
    "frontmatter.unclosed": "Front matter that starts with --- but never ends with a --- line.",
    "schema.missing-key": "A required key is absent.",
    "schema.unknown-key": "A key the format does not know; often a typo.",
    "schema.type": "A value of the wrong kind: text where a number is expected, a list where a mapping is.",
    "schema.value": "A value of the right kind that is not allowed: an unknown network, a negative count, "
                    "a currency code no country uses (`EUO`; the hint offers the codes one slip away: `EUR`).",
    "csv.header": "A CSV header with a missing, unknown or repeated column.",
    "csv.row": "A CSV row with more or fewer cells than the header.",
    "csv.number": "A number that cannot be read without guessing (separators, letters, decimals in counts).",
    "csv.date": "A date or date-time that is not ISO (or DD/MM/YYYY in a French workspace).",
    "csv.empty": "A CSV file with no header line.",
    "ref.unknown-client": "A brief names a client that has no file in clients/.",
    "ref.unknown-influencer": "A reference to an influencer who has no card in influencers/.",
    "ref.unknown-post": "A reference to a post id that is not in the campaign's posts.csv.",
    "ref.ambiguous-post": "A row of an imported export that matches two or more posts of the campaign.",
    "ref.unknown-network": "A network that the influencer's card does not list.",
    "ref.topic-spelling": "A topic written on two cards with different case, accents or spaces: they are compared apart.",
    "ref.duplicate-id": "Two rows or entries with the same id.",
    "dates.order": "A period that ends before it starts.",
    "metrics.duplicate": "Two metrics snapshots of the same post on the same date.",
    "metrics.before-publication": "A metrics snapshot dated before its post was published.",
    "visibility.other-client": "Another client's name where a client's site would show it; that site would be refused.",
    "report.missing-section": "A report without one of its blocks (Analysis, Conclusion, Recommendations, E-reputation).",
}


def register_codes(codes: dict[str, str]) -> None:
    """Codes declared by a later stage's own tables (the compliance rules), listed with the others."""
    CODES.update(codes)
