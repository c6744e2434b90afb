"""The workspace's own templates, read as Jinja reads them, for `pressbook check`: page templates
(themes/pages/*.md) and Material's overrides (themes/overrides/**/*.html).

Each is parsed once, never rendered: a syntax error, a filter or test the renderer does not have, a
page template that includes one that does not exist, a variable pressbook does not give the page.
Each of these stopped the build with a Python traceback, after the check had passed. Material's
overrides are given MkDocs' and the theme's own variables, too many to list: only their syntax is
checked. jinja2 is imported only when a workspace has templates of its own.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterable

from ..loading.files import read_text, relative
from ..messages import Message, listed, says
from ..problems import Location, Problem, register_codes
from ..theme_folders import PAGE_TEMPLATE
from ..validation.suggestions import closest, did_you_mean

register_codes({
    "theme.template": "A template of the workspace's themes/ that Jinja cannot read (its syntax), or that uses "
                      "a filter or test pressbook does not have, or includes a template that does not exist.",
    "theme.variable": "A page template of the workspace's themes/ that uses a variable pressbook does not "
                      "give that page.",
})

# What pressbook gives each page template besides what every page has (below): the plan's entry for it
# (pages/internal.py, client_site.py, public_site.py) and, on the internal and client sites, the
# plan's shared values. tests/test_themes_input.py compares it with the plans of the demo's sites.
PAGE_VARIABLES: dict[str, frozenset[str]] = {name: frozenset(variables.split()) for name, variables in {
    "brief.md": "brief campaign client_name disclosure disclosure_suggested kpi_targets tabs",
    "campaigns.md": "campaigns",
    "client.md": "campaigns client entry",
    "client_home.md": "campaigns cards client compared comparison logo",
    "clients.md": "campaign_counts clients",
    "comparison.md": "components ranked topic weights",
    "comparison_index.md": "topics",
    "compliance.md": "brief campaign groups jurisdiction tabs",
    "compliance_overview.md": "campaigns influencers posts share",
    "contracts.md": "brief campaign client_name rows tabs",
    "dashboard.md": "charts live overdue today totals upcoming watch",
    "directory.md": "networks rows topics",
    "influencer.md": "best by_network campaigns card charts declared frequency has_followers_on influencer readings score_columns scores",
    "journal.md": "entries overdue upcoming",
    "method.md": "settings",
    "posts.md": "brief campaign client_name names posts tabs",
    "public_home.md": "studies",
    "public_study.md": "campaign chart client cover featured figures logo named showcase story",
    "report.md": "brief campaign charts client_name cover kpis pdf report tabs",
    "results.md": "brief campaign charts client_name fees figures kpis margin names order post_rows surges tabs",
    "roster.md": "brief campaign cast client_name names statuses tabs",
}.items()}
SHARED_VARIABLES = frozenset({"client_names", "influencer_names"})  # internal and client sites only
PUBLIC_TEMPLATES = frozenset({"public_home.md", "public_study.md"})
# What Renderer.render adds to every entry's values, and the renderer's one global.
RENDERER_GIVES = frozenset({"internal", "page", "site", "url", "labels"})
# Every page: those, and the plan's shared values of every site (where each image of content/assets/
# a text shows is published).
EVERY_PAGE = RENDERER_GIVES | {"authored_images"}
# The filters pressbook's renderer adds to Jinja's (pages/render.py); the test above compares them too.
PRESSBOOK_FILTERS = frozenset({"number", "decimal", "percent", "money", "amount", "ratio", "day", "moment",
                               "plain", "markdown", "label", "yesno", "month", "country", "language", "typeset"})
# Jinja's tags that a {% end… %} closes; `set` only when it has no `=` (a block of text).
_BLOCK_TAGS = frozenset({"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans", "set"})


_ANY_PAGE = frozenset().union(*PAGE_VARIABLES.values(), SHARED_VARIABLES)


def variables_of(template: str) -> frozenset[str]:
    """What the page template `template` may use: its own, or for one pressbook does not render as a
    page (an included piece, a macro file), what any page is given."""
    own = PAGE_VARIABLES.get(template)
    if own is None:
        own = _ANY_PAGE
    elif template not in PUBLIC_TEMPLATES:
        own |= SHARED_VARIABLES
    return own | EVERY_PAGE


def template_problems(root: Path, pages: Iterable[tuple[str, Path]], overrides: Iterable[tuple[str, Path]],
                      known_pages: Iterable[str]) -> tuple[list[Problem], frozenset[str]]:
    """The problems of the workspace's page templates (`pages`: name below themes/pages/, path) and
    Material overrides, and the labels the page templates name (`labels.x`, `"x" | label`).
    `known_pages`: every page template a page may include, the workspace's and pressbook's."""
    problems: list[Problem] = []
    labels: set[str] = set()
    known = frozenset(known_pages)
    for kind, files in (("pages", pages), ("overrides", overrides)):
        for name, path in files:
            source = read_text(root, path, problems)
            if source is None:
                continue
            found, named = _checked(kind, name, relative(root, path), source, known)
            problems += found
            labels |= named
    return problems, frozenset(labels)


# Kept between two checks of the preview: a template is parsed again only when it, or the set of
# templates it may include, changed.
@functools.lru_cache(maxsize=512)
def _checked(kind: str, name: str, where: str, source: str, known: frozenset[str]
             ) -> tuple[tuple[Problem, ...], frozenset[str]]:
    import jinja2
    import jinja2.meta

    environment = _environment(kind)
    try:
        tree = environment.parse(source, name)
    except jinja2.TemplateSyntaxError as error:
        return (_syntax_problem(environment, error, source, where),), frozenset()
    # One walk of the tree for everything looked at below.
    nodes = list(tree.find_all((jinja2.nodes.Filter, jinja2.nodes.Test, jinja2.nodes.Name, jinja2.nodes.Getattr,
                                jinja2.nodes.Getitem, jinja2.nodes.Call, jinja2.nodes.Const)))
    reaching = tuple(_reaching_into_python(nodes, source, where, sandboxed=kind == "pages"))
    if kind != "pages":
        return reaching, frozenset()
    problems = list(_unknown_filters_and_tests(nodes, environment, source, where))
    for included in jinja2.meta.find_referenced_templates(tree):
        if included is not None and included not in known:
            # Only templates: a page that included a text file would publish it.
            if included.endswith(PAGE_TEMPLATE):
                message = says("template.missing", name=included)
                hint = did_you_mean(included, known) or says("template.missing.hint")
            else:
                message = says("template.not-a-page", name=included, suffix=PAGE_TEMPLATE)
                hint = says("template.not-a-page.hint", suffix=PAGE_TEMPLATE)
            problems.append(Problem(Location(where, _line_naming(source, included), 1), "error", "theme.template",
                                    message, hint))
    given = variables_of(name) | set(environment.globals)
    guarded = {node.node.name for node in nodes if isinstance(node, jinja2.nodes.Test)
               and node.name in ("defined", "undefined") and isinstance(node.node, jinja2.nodes.Name)}
    unknown = sorted(jinja2.meta.find_undeclared_variables(tree) - given - guarded)
    lines = {}
    for node in nodes:
        if isinstance(node, jinja2.nodes.Name) and node.ctx == "load":
            lines.setdefault(node.name, node.lineno)
    for variable in unknown:
        line = lines.get(variable, 1)
        near = closest(variable, given - set(environment.globals))
        hint = (says("hint.did-you-mean", word=near) if near else says("template.own-page.hint", name=name)
                if name in PAGE_VARIABLES else says("template.any-page.hint"))
        problems.append(Problem(Location(where, line, _column_of(source, line, variable, r"\b")), "error",
                                "theme.variable", says("template.no-variable", variable=variable), hint))
    return reaching + tuple(problems), _labels_named(nodes)


# What a template reaches Python's insides through: a name with an underscore (`__globals__`, `_module`),
# and str.format, whose fields read attributes (`"{0.__class__}".format(x)`). Page templates are also
# rendered in Jinja's sandbox, which formats safely; Material's overrides are rendered by MkDocs' Jinja,
# which is not sandboxed: they may not call format at all.
_FORMATTING = {"format", "format_map"}


def _reaching_into_python(found: list[Any], source: str, where: str, sandboxed: bool) -> Iterable[Problem]:
    from jinja2 import nodes

    for node in found:
        word = None
        if isinstance(node, nodes.Call):
            called = node.node
            if not sandboxed and isinstance(called, nodes.Getattr) and called.attr in _FORMATTING:
                word = called.attr
        elif isinstance(node, nodes.Getattr):
            word = node.attr if node.attr.startswith("_") else None
        elif isinstance(node, nodes.Getitem):
            value = getattr(node.arg, "value", None)
            word = value if isinstance(value, str) and value.startswith("_") else None
        elif isinstance(node, nodes.Const) and isinstance(node.value, str) and "__" in node.value:
            word = node.value
        if word is not None:
            yield Problem(Location(where, node.lineno, _column_of(source, node.lineno, word, "")), "error",
                          "theme.template", says("template.python", word=word), says("template.python.hint"))


def _environment(kind: str) -> Any:
    """A Jinja environment that reads templates as the renderer (pages) or MkDocs (overrides) does.
    The filters are names only: nothing is rendered."""
    import jinja2

    if kind == "pages":
        from .render import SYNTAX  # the renderer's settings: which whitespace is kept, never where a line is

        environment = jinja2.Environment(**SYNTAX)
        environment.filters.update(dict.fromkeys(PRESSBOOK_FILTERS, str))
        return environment
    # MkDocs' environment of a theme: its translations extension, for Material's {% trans %}.
    return jinja2.Environment(extensions=["jinja2.ext.i18n"])


def _unknown_filters_and_tests(nodes: list[Any], environment: Any, source: str, where: str) -> Iterable[Problem]:
    import jinja2.nodes

    for node_type, known, filters, before in ((jinja2.nodes.Filter, environment.filters, True, r"\|\s*"),
                                              (jinja2.nodes.Test, environment.tests, False, r"\bis\s+(?:not\s+)?")):
        for node in nodes:
            if isinstance(node, node_type) and node.name not in known:
                near = closest(node.name, known)
                hint = (says("hint.did-you-mean", word=near) if near else
                        says("template.filters.hint", filters=listed(sorted(PRESSBOOK_FILTERS), ",")) if filters
                        else says("template.tests.hint"))
                message = says("template.no-filter", name=node.name) if filters else \
                    says("template.no-test", name=node.name)
                yield Problem(Location(where, node.lineno, _column_of(source, node.lineno, node.name, before)),
                              "error", "theme.template", message, hint)
                # Said once; and Jinja's own walk of the template, for its variables, would stop on it.
                known[node.name] = str


def _labels_named(found: list[Any]) -> frozenset[str]:
    """The labels a template names as it is written: `labels.x`, `labels["x"]`, `"x" | label`."""
    import jinja2.nodes as nodes

    named = set()
    for node in found:
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "labels":
            named.add(node.attr)
        elif isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == "labels" \
                and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            named.add(node.arg.value)
        elif isinstance(node, nodes.Filter) and node.name == "label" and not node.args \
                and isinstance(node.node, nodes.Const) and isinstance(node.node.value, str):
            named.add(node.node.value)
    return frozenset(named)


def _syntax_problem(environment: Any, error: Any, source: str, where: str) -> Problem:
    """Jinja's refusal in a campaign manager's words, at the line to look at."""
    message = error.message or ""
    line = error.lineno or 1
    unclosed = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if message.startswith("Unexpected end of template") and unclosed:
        tag = unclosed.group(1)
        line = _opened_at(environment, source, tag) or line
        return Problem(Location(where, line, _column_of(source, line, tag)), "error", "theme.template",
                       says("template.unclosed", tag=f"{{% {tag} %}}"),
                       says("template.unclosed.hint", end=f"{{% end{tag} %}}"))
    if unknown and unclosed:
        tag, expected = unknown.group(1), unclosed.group(1)
        # {% endblok %} is a slip of the pen; {% endfor %}, a tag closed in the wrong order.
        misspelt = tag[3:] not in _BLOCK_TAGS and closest(tag, [f"end{expected}"]) is not None
        written, opened, end = f"{{% {tag} %}}", f"{{% {expected} %}}", f"{{% end{expected} %}}"
        return Problem(Location(where, line, _column_of(source, line, tag)), "error", "theme.template",
                       says("template.crossed", tag=written, opened=opened, end=end),
                       says("template.did-you-mean", end=end) if misspelt else
                       says("template.crossed.hint", tag=written, opened=opened))
    if unknown:
        tag = unknown.group(1)
        if tag.startswith("end"):
            return Problem(Location(where, line, _column_of(source, line, tag)), "error", "theme.template",
                           says("template.closes-nothing", tag=f"{{% {tag} %}}", opened=f"{{% {tag[3:]} %}}"),
                           says("template.closes-nothing.hint", opened=f"{{% {tag[3:]} %}}"))
        return Problem(Location(where, line, _column_of(source, line, tag)), "error", "theme.template",
                       says("template.no-tag", tag=f"{{% {tag} %}}"),
                       did_you_mean(tag, _BLOCK_TAGS | {"include", "import", "from", "extends", "else", "elif"})
                       or says("template.show-value.hint", example="{{ value }}"))
    expected = re.match(r"expected token 'end of (print statement|statement block)', got '(.*)'", message)
    if expected:
        pair = "{{ }}" if expected.group(1) == "print statement" else "{% %}"
        return Problem(Location(where, line, 1), "error", "theme.template",
                       says("template.not-closed", pair=pair, found=expected.group(2)),
                       says("template.not-closed.hint", open=pair[:2], close=pair[3:]))
    reason: Message | str = message.rstrip(".")
    if message == "unexpected 'end of template'":
        reason = says("template.ends-inside", value="{{ }}", statement="{% %}")
    return Problem(Location(where, line, 1), "error", "theme.template", says("template.unreadable", reason=reason),
                   says("template.unreadable.hint", value="{{ }}", statement="{% %}"))


def _opened_at(environment: Any, source: str, tag: str) -> int | None:
    """The line of the last block `tag` that no {% end… %} closes."""
    import jinja2

    opened: list[tuple[str, int]] = []
    try:
        tokens = [token for token in environment.lex(source) if token[1] != "whitespace"]
    except jinja2.TemplateSyntaxError:
        return None
    for index, (line, kind, value) in enumerate(tokens):
        if kind != "name" or index == 0 or tokens[index - 1][1] != "block_begin":
            continue
        if value in _BLOCK_TAGS and not (value == "set" and _assigns(tokens, index)):
            opened.append((value, line))
        elif value.startswith("end"):
            for position in range(len(opened) - 1, -1, -1):
                if opened[position][0] == value[3:]:
                    del opened[position:]
                    break
    lines = [line for name, line in opened if name == tag]
    return lines[-1] if lines else None


def _assigns(tokens: list[tuple[int, str, str]], index: int) -> bool:
    for _, kind, _ in tokens[index + 1:]:
        if kind == "block_end":
            return False
        if kind == "assign":
            return True
    return False


def _column_of(source: str, line: int, word: str, before: str = r"\{%[-+]?\s*") -> int:
    """Where on `line` `word` is written after what `before` matches (a tag's {%), else 1."""
    lines = source.split("\n")
    found = re.search(before + re.escape(word) + r"\b", lines[line - 1]) if 0 < line <= len(lines) else None
    return found.end() - len(word) + 1 if found else 1


def _line_naming(source: str, name: str) -> int:
    at = source.find(f'"{name}"')
    at = at if at >= 0 else source.find(f"'{name}'")
    return source.count("\n", 0, at) + 1 if at >= 0 else 1
