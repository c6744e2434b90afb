from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pressbook.starter import write_starter

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium, for every browser test: Playwright's sync API runs one at a time."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output (review the diff like code)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A fresh copy of the workspace `pressbook new` writes."""
    target = tmp_path / "workspace"
    write_starter(target)
    return target


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo workspace, safe to modify."""
    return copy_demo(tmp_path / "demo")


# 2026-11-26 09:00 UTC: the demo's "now", so that deadlines and late deliverables do not move.
DEMO_EPOCH = "1795683600"


def copy_demo(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build_on_demo_day(root: Path, engine: str = "mkdocs"):
    """Every site of `root` built on the demo's "now" (the environment left as it was), all of them
    built, by `engine`. For module and session fixtures, which cannot use monkeypatch."""
    from pressbook.build import build

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        result = build(root, engine=engine)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert result.ok, (result.problems, [site.log for site in result.sites])
    return result


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace built once for the whole session; tests only read it."""
    root = copy_demo(tmp_path_factory.mktemp("built") / "demo")
    build_on_demo_day(root)
    return root


@pytest.fixture(scope="session")
def english_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as an English-speaking agency keeps it, built once for the session; tests only read it.
    `language: en`, and without the posts and metrics written as French spreadsheets export them, whose
    DD/MM/YYYY dates only a French workspace reads."""
    root = copy_demo(tmp_path_factory.mktemp("english") / "demo")
    workspace_file = root / "content" / "workspace.yml"
    workspace_file.write_text(workspace_file.read_text(encoding="utf-8").replace("language: fr", "language: en"),
                              encoding="utf-8")
    for name in ("posts.csv", "metrics.csv"):
        (root / "content" / "campaigns" / "rentree-velotaf-2026" / name).unlink()
    build_on_demo_day(root)
    return root


@pytest.fixture(scope="module")
def site(built_demo: Path) -> Path:
    """The demo's internal site."""
    return built_demo / "site" / "internal"


def page(site: Path, path: str):
    """A built page, parsed, to be read through CSS selectors."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def assert_golden(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path.name} was missing and has been written: review it")
        return
    assert actual == path.read_text(encoding="utf-8")
