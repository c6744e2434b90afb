"""The second engine: Zensical builds a generated tree, as `mkdocs build --strict` does (mkdocs_run.py).

Zensical reads the tree's mkdocs.yml and the theme overrides, but runs no MkDocs hook: what pressbook's
hook does during a MkDocs build (mkdocs_hook.py) is done here, before Zensical on its settings and after
it over the pages it wrote, before the verification reads them:

- Zensical, as MkDocs, writes names into the theme without escaping them: its mkdocs.yml is the tree's
  and the workspace's (INHERIT) merged as MkDocs merges them (mappings key by key, a list replacing a
  list, where Zensical would add them up), the names escaped once as the hook escapes them (settings'
  names, navigation titles, every text of `extra`). Where Zensical escapes a name again (the site
  name's tooltip on the logo), the name is written back escaped once;

- every page of the theme gets the sites' Content-Security-Policy (policy.py, as the hook puts it in
  MkDocs' pages);
- Zensical's skip link leads to an anchor it writes first in the page's content (<a id="__skip">);
  the verification refuses an id of the theme's there (page_rules.RESERVED: content could stand in
  for it), so the anchor is moved to just before the content, where the link leads all the same;
- the search index's titles are text to Zensical's search, which shows them as they are written:
  pressbook's titles, written for MkDocs already escaped, are unescaped there (search.json, and
  search.js, the same index for pages read from file://);
- the third-party licences of Zensical's scripts (assets/javascripts/LICENSE) are kept as
  LICENSE.txt: a site holds only web file types.

What the hook does for the preview (the banner, the web editor) has no counterpart: `pressbook serve`
runs MkDocs.

Zensical builds only into a folder of the project it reads (site_dir must lie under the folder of its
mkdocs.yml) and keeps a cache there (.cache): it works on a copy of the tree made of hard links, beside
the site's staging folder, so that the generated tree stays as pressbook wrote it (its stamp says what
was built) and the build is renamed into place.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Callable

import yaml
from markupsafe import escape

from .mkdocs_hook import NAMES, as_text
from .policy import with_policy
from .mkdocs_run import MkdocsResult, clean_environment, run_watched

SEARCH_INDEX = "search.json"  # where Zensical writes the search index (MkDocs: search/search_index.json)
_LICENSES = "assets/javascripts/LICENSE"
# As Zensical's base.html writes them: its content's opening, and the skip link's anchor first in it.
_SKIP_TARGET = re.compile(r'(<article class="md-content__inner md-typeset">)(\s*)(<a id="__skip" tabindex="-1"></a>)')


class ZensicalRunner:
    """Runs `zensical build --strict` on a generated tree; the same calls as MkdocsRunner."""

    engine = "zensical"
    reads_ahead = False  # Zensical has no hooks: it reads a tree once it is written

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def build(self, generated: Path, output: Path, meanwhile: Callable[[], None] | None = None,
              every: float = 0.5, coming: None = None) -> MkdocsResult:
        work = output.parent / f"{output.name}.zensical"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(generated, work, copy_function=_linked,
                        ignore=shutil.ignore_patterns("__pycache__", ".cache", "site"))
        try:
            config = settings(generated)
            # A new file, not the tree's (the copy's files are the tree's, linked).
            (work / "mkdocs.yml").unlink()
            (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
            code, log = run_watched([sys.executable, "-m", "zensical", "build", "--strict", "--config-file",
                                     str(work / "mkdocs.yml")], clean_environment(self.epoch), meanwhile, every,
                                    cwd=work)
            built = work / "site"
            if code != 0 or not built.is_dir():
                return MkdocsResult(False, log)
            finish(built, str(config["site_name"]))
            os.rename(built, output)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return MkdocsResult(True, log)


def _linked(source: str, target: str) -> None:
    """A file of the copy: the tree's own, linked (a copy where the two lie on different disks)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def settings(tree: Path) -> dict[str, Any]:
    """The tree's mkdocs.yml and the workspace's it INHERITs, merged as MkDocs merges them, with every
    name the theme shows escaped once (as mkdocs_hook.py makes them for MkDocs). Both files passed the
    check: the workspace's has none of MkDocs' tags."""
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    inherited = config.pop("INHERIT", None)
    if inherited is not None:
        config = _merged(yaml.safe_load((tree / inherited).read_text(encoding="utf-8")) or {}, config)
    for key in NAMES:
        if isinstance(config.get(key), str):
            config[key] = _escaped(config[key])
    config["extra"] = as_text(config.get("extra") or {}, _escaped)
    config["nav"] = _escaped_titles(config.get("nav") or [])
    return config


def _merged(parent: Any, child: Any) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        return {**parent, **{key: _merged(parent.get(key), value) for key, value in child.items()}}
    return child


def _escaped(text: str) -> str:
    """`text` escaped once, as plain text for the YAML Zensical reads."""
    return str(escape(text))


def _escaped_titles(nav: list[Any]) -> list[Any]:
    """The navigation, each title escaped (a page's path is no name)."""
    return [{_escaped(title): _escaped_titles(target) if isinstance(target, list) else target
             for title, target in item.items()} if isinstance(item, dict) else item for item in nav]


def _zensical_escaped(text: str) -> str:
    """`text` as Zensical's `| e` filter writes it."""
    return html.escape(text, quote=True).replace("/", "&#x2f;")


def finish(site: Path, site_name: str) -> None:
    """What MkDocs' hook would have done to the pages of `site`, and the licences' file named as text.
    `site_name`: as the settings gave it, escaped once."""
    licenses = site / _LICENSES
    if licenses.is_file():
        os.rename(licenses, licenses.with_name("LICENSE.txt"))
    _index_as_text(site)
    twice = f'title="{_zensical_escaped(site_name)}"'
    once = f'title="{site_name}"'
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        finished = with_policy(_SKIP_TARGET.sub(r"\3\1\2", text, count=1).replace(twice, once))
        if finished != text:
            path.write_text(finished, encoding="utf-8")


def _index_as_text(site: Path) -> None:
    """The titles of Zensical's search index (each section's, and those of the pages above it)
    unescaped: its search shows them as text."""
    index = site / SEARCH_INDEX
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for item in data.get("items", []):
        if isinstance(item.get("title"), str):
            item["title"] = html.unescape(item["title"])
        if isinstance(item.get("path"), list):
            item["path"] = [html.unescape(part) if isinstance(part, str) else part for part in item["path"]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    index.write_text(text, encoding="utf-8")
    if (site / "search.js").is_file():
        (site / "search.js").write_text(f"var __index = {text};", encoding="utf-8")
