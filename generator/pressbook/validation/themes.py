"""The workspace's themes/ folder, checked as input like content/: no symbolic links, no file of a kind
a theme does not publish in a folder a site publishes, and labels.yml read strictly (duplicate keys,
labels pressbook does not have, placeholders its figures do not fill).

The templates themselves are read by pages/theme_templates.py, where Jinja lives; `read_themes` says
which files they are.
"""
from __future__ import annotations

import errno
import functools
import os
import re
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..loading.files import read_text, relative, unreadable
from ..loading.yaml_strict import load_yaml
from ..messages import Message, listed, says
from ..problems import Location, Problem, register_codes
from ..theme_folders import (ASSETS, LABELS, OVERRIDE_TEMPLATE, OVERRIDES, PAGE_TEMPLATE, PAGES,
                             PUBLISHED_SUFFIXES, hidden, published, theme_dirs, theme_files, used)
from .suggestions import did_you_mean

register_codes({
    "theme.symlink": "A symbolic link inside the workspace's themes/ (or themes/ itself); nothing is read through it.",
    "theme.unpublished": "A file in themes/ that no site publishes and pressbook does not read: text, YAML, "
                         "Markdown, CSV or any kind but styles, scripts, images and web fonts; left out of "
                         "every site.",
    "theme.label": "A label in themes/labels.yml that pressbook does not have (often a typo), or whose {…} "
                   "placeholders are not those pressbook fills in.",
})

_SHOWN_SUFFIXES = ", ".join(sorted(PUBLISHED_SUFFIXES))


@dataclass
class ThemeFiles:
    """The files of the workspace's own themes/ that pressbook reads: page templates and Material's
    templates (each as its name below its folder, and its path), and labels.yml."""

    pages: list[tuple[str, Path]] = field(default_factory=list)
    overrides: list[tuple[str, Path]] = field(default_factory=list)
    labels: Path | None = None


def read_themes(root: Path) -> tuple[ThemeFiles, list[Problem]]:
    """The workspace's theme files, and the problems of its themes/ as a folder: links, and files that
    would be published but are of no kind a theme publishes, or that nothing reads. Nothing for a
    workspace without its own themes/ (pressbook's are checked by its tests)."""
    own = root / "themes"
    if own.is_symlink():
        return ThemeFiles(), [_link(root, own, folder=True)]
    if len(theme_dirs(root)) == 1:  # none, or pressbook's own (its demo)
        return ThemeFiles(), []
    files, links, unreadable_folders = theme_files(own)
    problems = [_link(root, own / name, folder=(own / name).is_dir()) for name in links]
    problems += [unreadable(relative(root, own / name), error, "folder") for name, error in unreadable_folders]
    found = ThemeFiles()
    for name, place in files:
        folder, _, below = name.partition("/")
        path = Path(place)
        if name == LABELS:
            found.labels = path
        elif folder not in (PAGES, ASSETS, OVERRIDES) or not below:
            if not hidden(name) and name != "README.md":
                problems.append(_unread(root, path, says("theme.holds")))
        elif used(folder, below):
            if published(folder, below) and not os.access(path, os.R_OK):  # only the build reads it: said now
                problems.append(unreadable(relative(root, path), PermissionError(errno.EACCES,
                                                                                  os.strerror(errno.EACCES))))
            elif folder == PAGES:
                found.pages.append((below, path))
            elif Path(below).suffix.lower() == OVERRIDE_TEMPLATE:
                found.overrides.append((below, path))
        elif folder in (ASSETS, OVERRIDES) and not hidden(below):
            problems.append(Problem(Location(relative(root, path)), "warning", "theme.unpublished",
                                    says("theme.not-published", folder=folder),
                                    says("theme.not-published.hint", suffixes=_SHOWN_SUFFIXES)))
        elif folder == PAGES and not hidden(below):
            problems.append(_unread(root, path, says("theme.page-templates", suffix=PAGE_TEMPLATE)))
    return found, problems


def _link(root: Path, path: Path, folder: bool) -> Problem:
    return Problem(Location(relative(root, path)), "error", "theme.symlink", says("theme.symlink"),
                   says("theme.symlink-folder.hint") if folder else says("file.symlink.hint"))


def _unread(root: Path, path: Path, why: Message) -> Problem:
    return Problem(Location(relative(root, path)), "warning", "theme.unpublished", says("theme.unread"),
                   says("theme.unread.hint", why=why))


def label_problems(root: Path, path: Path | None, named: frozenset[str] = frozenset()) -> list[Problem]:
    """The problems of the workspace's themes/labels.yml. `named`: the labels its own templates name,
    which it may add to pressbook's."""
    if path is None:
        return []
    problems: list[Problem] = []
    text = read_text(root, path, problems)
    if text is None:
        return problems
    document = load_yaml(text, relative(root, path), problems)
    if not document.data:  # unreadable (reported), or empty
        return problems
    ours = pressbook_labels()
    if not isinstance(document.data, dict):
        return problems + [Problem(document.locate(()), "error", "schema.type", says("label.languages"),
                                   says("label.languages.hint"))]
    for language, labels in document.data.items():
        if language not in ours:
            problems.append(Problem(document.locate((language,), key=True), "warning", "theme.label",
                                    says("label.no-language", language=language), did_you_mean(language, ours),
                                    key=str(language)))
        elif labels is not None and not isinstance(labels, dict):
            problems.append(Problem(document.locate((language,)), "error", "schema.type", says("label.lines"),
                                    says("label.lines.hint"), key=str(language)))
        elif labels:
            for key, value in labels.items():
                problems += _label_problems(document, language, key, value, ours[language], named)
    return problems


def _label_problems(document: Any, language: str, key: str, value: Any, ours: dict[str, str],
                    named: frozenset[str], where: tuple[str, ...] = ()) -> list[Problem]:
    where = where or (language, key)
    dotted = ".".join(where)
    if isinstance(value, dict) and len(where) == 2 and key in ours and _fields(ours[key]):
        return _plural_problems(document, language, key, value, ours, named)
    if isinstance(value, (dict, tuple)) or value is None or isinstance(value, bool):
        message = says("label.nothing") if value is None else says("label.boolean") if isinstance(value, bool) \
            else says("label.structure")
        return [Problem(document.locate(where), "error", "schema.type", message, says("label.words.hint"),
                        key=dotted)]
    if key not in ours:
        if key in named:  # a label of the workspace's own, which its templates show
            return []
        return [Problem(document.locate(where, key=True), "warning", "theme.label", says("label.unknown", key=key),
                        did_you_mean(key, ours) or says("label.unknown.hint"), key=dotted)]
    markup = _MARKUP.search(str(value))
    if markup is not None or _slug_start(str(value)).startswith("__"):
        # Labels are words of pressbook's pages, headings among them, which MkDocs' Markdown reads: a
        # link there would be a link, and a heading's id is made of its words (`__config` is Material's).
        message = says("label.link", markup=markup.group()) if markup is not None else says("label.underscores")
        return [Problem(document.locate(where), "error", "theme.label", message, says("label.alone.hint"),
                        key=dotted)]
    expected = _fields(ours[key])
    if not expected:
        return []
    found = _fields(str(value))
    if found is None or not found <= expected:
        return [Problem(document.locate(where), "error", "theme.label",
                        says("label.placeholders", names=listed(f"{{{name}}}" for name in sorted(expected))),
                        says("label.placeholders.hint", ours=ours[key]), key=dotted)]
    return []


# A label that holds a count may say it in plural forms (pages/labels.py): words for each plural
# category of CLDR the language uses, `other` always, and which placeholder counts.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _plural_problems(document: Any, language: str, key: str, forms: dict[Any, Any], ours: dict[str, str],
                     named: frozenset[str]) -> list[Problem]:
    where, dotted = (language, key), f"{language}.{key}"
    problems: list[Problem] = []
    for category, words in forms.items():
        if category == "count":
            if words not in _fields(ours[key]):
                problems.append(Problem(document.locate(where + (category,)), "error", "theme.label",
                                        says("label.count", names=listed(sorted(_fields(ours[key]) or ()), ",")),
                                        says("label.count.hint"), key=f"{dotted}.count"))
        elif category not in PLURAL_CATEGORIES:
            problems.append(Problem(document.locate(where + (category,), key=True), "error", "theme.label",
                                    says("label.not-a-form", category=category), says("label.not-a-form.hint"),
                                    key=f"{dotted}.{category}"))
        else:
            problems += _label_problems(document, language, key, words, ours, named, where + (category,))
    if "other" not in forms:
        problems.append(Problem(document.locate(where), "error", "theme.label", says("label.no-other"),
                                says("label.no-other.hint"), key=dotted))
    return problems


_MARKUP = re.compile(r"\]\s*[(\[:]")  # a Markdown link or its reference; markup itself is escaped


def _slug_start(text: str) -> str:
    # As MkDocs' table of contents makes a heading's id: what is not a letter, digit, _, - or space goes.
    return re.sub(r"[^\w\s-]", "", text).strip()


def _fields(text: str) -> frozenset[str] | None:
    """The names of the {…} placeholders of `text`; None when they cannot be read (a lone brace)."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


@functools.cache
def pressbook_labels() -> dict[str, dict[str, str]]:
    """pressbook's own labels, by language: the keys a workspace's labels.yml may set."""
    path = Path(str(resources.files("pressbook.themes"))) / LABELS
    document = load_yaml(path.read_text(encoding="utf-8"), str(path), [])
    # A label in plural forms is checked against its `other` form, which holds every placeholder.
    return {language: {str(key): str(value["other"] if isinstance(value, dict) else value)
                       for key, value in labels.items()}
            for language, labels in (document.data or {}).items()}
