"""The second engine: Zensical builds a generated tree, as `mkdocs build --strict` does (mkdocs_run.py).

Zensical reads the tree's mkdocs.yml (and the workspace's, which it INHERITs) and the theme overrides,
but runs no MkDocs hook: what pressbook's hook does during a MkDocs build (mkdocs_hook.py) is done here
after Zensical, over the pages it wrote, before the verification reads them:

- every page of the theme gets the sites' Content-Security-Policy, with the sha256 of each inline
  script outside the page's content, found by the verification's own reading of the page
  (html_reading.walk: the content is Material's <article>);
- Zensical's skip link leads to an anchor it writes first in the page's content (<a id="__skip">);
  the verification refuses an id of the theme's there (page_rules.RESERVED: content could stand in
  for it), so the anchor is moved to just before the content, where the link leads all the same;
- the third-party licences of Zensical's scripts (assets/javascripts/LICENSE) are kept as
  LICENSE.txt: a site holds only web file types.

What the hook does for the preview (the banner, the web editor) and for speed (compiled templates,
pages read as they are written) has no counterpart: `pressbook serve` runs MkDocs.

Zensical builds only into a folder of the project it reads (site_dir must lie under the folder of its
mkdocs.yml) and keeps a cache there (.cache): it works on a copy of the tree made of hard links, beside
the site's staging folder, so that the generated tree stays as pressbook wrote it (its stamp says what
was built) and the build is renamed into place.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from .html_reading import child_text, parse_page, walk
from .mkdocs_hook import policy_text, script_hash, script_kind
from .mkdocs_run import MkdocsResult, clean_environment

ENGINE = "zensical"
SEARCH_INDEX = "search.json"  # where Zensical writes the search index (MkDocs: search/search_index.json)
_CHARSET = '<meta charset="utf-8">'
_LICENSES = "assets/javascripts/LICENSE"
# As Zensical's base.html writes them: its content's opening, and the skip link's anchor first in it.
_SKIP_TARGET = re.compile(r'(<article class="md-content__inner md-typeset">)(\s*)(<a id="__skip" tabindex="-1"></a>)')


class ZensicalRunner:
    """Runs `zensical build --strict` on a generated tree; the same calls as MkdocsRunner, with no
    process started ahead (Zensical starts in a fraction of a second) and no pages read as they are
    written (Zensical runs no hook: `pages_to_come` is never asked for)."""

    streams_pages = False

    def __init__(self, epoch: int, ahead: int = 1) -> None:
        self.epoch = epoch

    def build(self, generated: Path, output: Path, meanwhile: Callable[[], None] | None = None,
              every: float = 0.5, coming: object = None) -> MkdocsResult:
        assert coming is None, "Zensical reads every page at once"
        work = output.parent / f"{output.name}.zensical"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(generated, work, copy_function=os.link,
                        ignore=shutil.ignore_patterns("__pycache__", ".cache", "site"))
        try:
            process = subprocess.Popen([sys.executable, "-m", "zensical", "build", "--strict", "--config-file",
                                        str(work / "mkdocs.yml")], cwd=work, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, env=clean_environment(self.epoch))
            while True:
                try:
                    log, _ = process.communicate(timeout=every)
                    break
                except subprocess.TimeoutExpired:
                    if meanwhile is not None:
                        meanwhile()
            built = work / "site"
            if process.returncode != 0 or not built.is_dir():
                return MkdocsResult(False, log.strip())
            finish(built)
            os.rename(built, output)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return MkdocsResult(True, log.strip())

    def close(self) -> None:
        pass


def finish(site: Path) -> None:
    """What MkDocs' hook would have done to the pages of `site`, and the licences' file named as text."""
    licenses = site / _LICENSES
    if licenses.is_file():
        os.rename(licenses, licenses.with_name("LICENSE.txt"))
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        finished = add_policy(_SKIP_TARGET.sub(r"\3\1\2", text, count=1))
        if finished != text:
            path.write_text(finished, encoding="utf-8")


def add_policy(page: str) -> str:
    """`page` with the sites' policy first after its charset, naming the inline scripts of the theme
    (those outside the page's content) by their sha256. A page without the theme's charset is left
    as it is: the verification refuses it for want of a policy."""
    at = page.find(_CHARSET)
    if at < 0:
        return page
    inline = sorted({script_hash(child_text(node)) for node, tag, attributes, in_content, _ in walk(parse_page(page))
                     if tag == "script" and not in_content and script_kind(attributes) == "inline"})
    text = html.escape(policy_text(inline), quote=False).replace('"', "&quot;")
    at += len(_CHARSET)
    return page[:at] + f'<meta http-equiv="Content-Security-Policy" content="{text}">' + page[at:]
