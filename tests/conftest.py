from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressbook.starter import write_starter

ROOT = Path(__file__).resolve().parent.parent


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
    target = tmp_path / "demo"
    target.mkdir()
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "mkdocs.yml").exists():
        shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def assert_golden(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path.name} was missing and has been written: review it")
        return
    assert actual == path.read_text(encoding="utf-8")
