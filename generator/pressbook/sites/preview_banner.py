"""The preview's banner: while the workspace has errors that stop the build, every page `pressbook
serve` answers with begins with them (file:line:column, the message, the hint), over the last good
version of the site it keeps showing.

The banner is HTML made here, once per regeneration, and added to each page by MkDocs' server as it
answers (mkdocs_hook.py, `on_serve`): the built pages never hold it. What a problem says comes from
the workspace (a file name, a value): every word of it is escaped here, and is never markup. The page's
policy allows inline styles and no inline script but the live-reload one: the banner is a style and
markup, with no script.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Mapping

from ..pages.labels import Label, load_labels
from ..problems import Problem, shown_safely
from ..theme_folders import default_theme

MOST = 50  # problems listed; the others are counted (a broken CSV may make hundreds)

# Above the theme's header, in the flow of the page (Material's body is a column of flex items): it
# scrolls away with the page, and its list scrolls in its own box when long. Wraps any word at a
# phone's width (a path has no space to break at).
STYLE = """\
.pb-preview-problems{flex:0 0 auto;box-sizing:border-box;width:100%;max-height:60vh;overflow:auto;\
margin:0;padding:.8rem 1rem;background:#8c1d18;color:#fff;font:400 .8rem/1.5 system-ui,sans-serif;\
overflow-wrap:anywhere;border-bottom:.2rem solid #f4b400}
.pb-preview-problems p{margin:0 0 .4rem}
.pb-preview-problems ul{margin:0;padding:0 0 0 1.2rem}
.pb-preview-problems li{margin:.3rem 0}
.pb-preview-problems code{font:inherit;font-family:ui-monospace,monospace;color:#fff;background:none;padding:0}
.pb-preview-problems .pb-preview-hint{display:block;opacity:.9}
"""


def preview_banner(problems: list[Problem], language: str, labels: Mapping[str, Label]) -> str:
    """The banner of `problems` (those that stop the build) in `language`, or "" when there are none."""
    if not problems:
        return ""
    items = []
    for problem in problems[:MOST]:
        hint = (f'<span class="pb-preview-hint">{_text(labels["preview_hint"])}{_text(labels["colon"])}'
                f"{_text(problem.hint_text(language))}</span>") if problem.hint else ""
        said = problem.subject(language) + problem.text(language)
        items.append(f"<li><code>{_text(problem.location)}</code> {_text(said)}{hint}</li>")
    if len(problems) > MOST:
        items.append(f"<li>{_text(labels['preview_problems_more'].format(n=len(problems) - MOST))}</li>")
    return (f"<style>{STYLE}</style>"
            f'<div class="pb-preview-problems" role="alert">'
            f"<p><strong>{_text(labels['preview_problems'].format(n=len(problems)))}</strong> "
            f"{_text(labels['preview_last_good'])}</p>"
            f"<ul>{''.join(items)}</ul></div>\n")


def banner_of(root: Path, language: str, problems: list[Problem]) -> str:
    """The banner in the workspace's words (its own labels over pressbook's), or in pressbook's own
    when the workspace's labels file is what cannot be read or misses what the banner says."""
    try:
        return preview_banner(problems, language, load_labels(root, language))
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return preview_banner(problems, language, load_labels(default_theme().parent, language))


def _text(value: object) -> str:
    return html.escape(shown_safely(str(value)), quote=True)
