"""The preview shows problems: after a save that breaks the workspace, every page `pressbook serve`
answers carries a banner with the errors (file:line:column, message) over the last good version,
until a save makes the workspace clean again; a built site never holds it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DEMO_EPOCH, copy_demo
from pressbook.messages import says
from pressbook.pages.labels import load_labels
from pressbook.problems import Location, Problem
from pressbook.sites.html_reading import parse_page
from pressbook.sites.preview_banner import MOST, banner_of, preview_banner
from test_browser import Watched, _free_port, wait_until
from test_cms import _answers, _wait_for

BANNER = ".pb-preview-problems"
PHONE = {"width": 390, "height": 844}
# A key whose name is markup: the banner must show it as text, never make an element of it.
MARKUP = "<img src=x onerror=alert(1)>"


def _errors(root: Path, env: dict[str, str]) -> list[dict]:
    """The errors `pressbook check` reports, as its JSON gives them."""
    done = subprocess.run([sys.executable, "-m", "pressbook", "check", str(root), "--format", "json"], env=env,
                          capture_output=True, text=True, check=False)
    return [row for row in json.loads(done.stdout) if row["severity"] == "error"]


def _shown(row: dict) -> str:
    return f"{row['path']}:{row['line']}:{row['column']}"


@pytest.mark.browser
def test_every_page_of_the_preview_lists_the_errors_until_they_are_fixed(browser, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    env = dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH)
    # The demo's own error (a compliance finding, on purpose) stops no build: the banner is not for it.
    before = _errors(root, env)
    port = _free_port()
    # The public site, the smallest (the banner is every site's alike): the test stays short.
    server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--site", "public", "--address",
                               f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    watched = Watched(browser, "127.0.0.1")
    dialogs: list[str] = []
    watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    phone = browser.new_context(viewport=PHONE)
    client = root / "content" / "clients" / "velonde.yml"
    good = client.read_text(encoding="utf-8")
    try:
        page = watched.page
        deadline = time.time() + 60
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/method.html")
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        assert page.locator(BANNER).count() == 0

        client.write_text(good + f'"{MARKUP}": 1\n', encoding="utf-8")
        new = [row for row in _errors(root, env) if row not in before]
        assert new and all(row["path"] == "content/clients/velonde.yml" for row in new)
        # The open page reloads by itself once the banner is there; a reload shows it again.
        page.wait_for_selector(BANNER, timeout=30000)
        page.reload()
        banner = page.locator(BANNER)
        text = banner.inner_text()
        assert banner.locator("li").count() == len(new)
        for row in new:
            assert _shown(row) in text and row["message"] in text and row["hint"] in text
        # Markup from the workspace is text: no element made of it, nothing run.
        assert MARKUP in text
        assert banner.locator("img").count() == 0 and page.locator("img[src=x]").count() == 0
        # The page is the last good version's, under the banner.
        assert page.locator(".md-content h1").count() == 1

        page.goto(f"http://127.0.0.1:{port}/index.html")
        assert page.locator(BANNER).count() == 1 and _shown(new[0]) in page.locator(BANNER).inner_text()
        # On a phone: at the top of the page, within the screen's width, every word wrapped in it.
        tab = phone.new_page()
        tab.goto(f"http://127.0.0.1:{port}/method.html")
        box = tab.locator(BANNER).bounding_box()
        assert box is not None and box["y"] == 0 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert tab.locator(BANNER).is_visible()
        assert tab.evaluate(f"document.querySelector('{BANNER}').scrollWidth") <= box["width"] + 0.5
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        client.write_text(good, encoding="utf-8")
        page.wait_for_selector(BANNER, state="detached", timeout=30000)
        page.reload()
        wait_until(page, "document.body !== null && document.querySelector('.md-content') !== null")
        assert page.locator(BANNER).count() == 0
        assert dialogs == [] and watched.outside == []
    finally:
        phone.close()
        watched.close()
        server.terminate()
        output, _ = server.communicate(timeout=10)
    # The terminal lists them too.
    assert all(_shown(row) in output for row in new)

    # A built site never holds the banner: it belongs to the preview.
    subprocess.run([sys.executable, "-m", "pressbook", "build", str(root), "--site", "public"], env=env,
                   check=True, capture_output=True)
    built = list((root / "site" / "public").rglob("*.html"))
    assert built
    assert [path for path in built if "pb-preview-problems" in path.read_text(encoding="utf-8")] == []


def _unknown_keys(count: int) -> list[Problem]:
    return [Problem(Location("content/clients/velonde.yml", line, 1), "error", "schema.unknown-key",
                    says("schema.unknown-key", key=f"<b>{line}</b>"), says("value.write", value="<i>it</i>"),
                    key=f"<b>{line}</b>")
            for line in range(1, count + 1)]


def _read(banner: str):
    return parse_page(f"<!doctype html><html><body>{banner}</body></html>")


def test_a_long_list_is_cut_and_counted_and_its_markup_is_text(tmp_path: Path) -> None:
    problems = _unknown_keys(MOST + 7)
    labels = load_labels(tmp_path, "en")
    page = _read(preview_banner(problems, "en", labels))
    items = page.css(".pb-preview-problems li")
    assert len(items) == MOST + 1
    assert items[0].text() == ("content/clients/velonde.yml:1:1 <b>1</b>: unknown key '<b>1</b>'"
                               "Hint: write <i>it</i>")
    assert items[-1].text() == labels["preview_problems_more"].format(n=7)
    assert page.css(".pb-preview-problems b, .pb-preview-problems i") == []
    assert preview_banner([], "en", labels) == ""


def test_the_banner_speaks_the_workspace_words_even_when_its_labels_file_is_broken(starter: Path,
                                                                                   tmp_path: Path) -> None:
    problems = _unknown_keys(1)
    french = load_labels(tmp_path, "fr")  # pressbook's own: tmp_path has no themes/
    labels = starter / "themes" / "labels.yml"
    labels.parent.mkdir(parents=True, exist_ok=True)
    labels.write_text("fr:\n  preview_hint: À faire\n", encoding="utf-8")
    assert f"À faire{french['colon']}écrivez <i>it</i>" in _read(banner_of(starter, "fr", problems)).text()
    labels.write_text("fr:\n  preview_hint: [À faire\n", encoding="utf-8")
    shown = _read(banner_of(starter, "fr", problems)).text()
    assert f"{french['preview_hint']}{french['colon']}écrivez <i>it</i>" in shown


@pytest.mark.parametrize("stop", ["system", "terminal", "script"])
def test_a_stopped_preview_leaves_nothing_in_the_temporary_folder(tmp_path: Path, stop: str) -> None:
    """MkDocs' server serves a copy of the site from the temporary folder, and removes it when stopped
    as Ctrl-C stops it: however `pressbook serve` is stopped, no copy stays behind, one for each
    preview an account manager ever opened. Stopped by the system (SIGTERM), by Ctrl-C in a terminal
    (SIGINT to every process of the command, MkDocs' server too), or by a script (SIGINT to
    pressbook alone)."""
    root = copy_demo(tmp_path / "demo")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "pressbook", "serve", str(root), "--site", "public", "--address",
                               f"127.0.0.1:{port}"], env=dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH,
                                                              TMPDIR=str(temporary)),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_for(lambda: _answers(f"http://127.0.0.1:{port}/"), "the preview to answer", 120)
        assert [folder.name for folder in temporary.glob("mkdocs_*")], "MkDocs serves from elsewhere"
        if stop == "terminal":
            os.killpg(server.pid, signal.SIGINT)
        else:
            server.send_signal(signal.SIGTERM if stop == "system" else signal.SIGINT)
        server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert sorted(path.name for path in temporary.iterdir()) == []

