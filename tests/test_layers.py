"""The pipeline's stages import only stages below them, and each outside library has one home."""
from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "pressbook"

# Lower numbers come first in the pipeline; a module may import its own rank or lower.
RANKS = {
    "__init__": 0, "problems": 0, "clock": 0, "starter": 0, "timing": 0, "freshness": 0, "collector": 0,
    "theme_folders": 0, "catalogue": 0, "messages": 0,
    "sources": 1, "model": 1, "loading": 1,
    "validation": 2, "metrics": 2,
    "compliance": 3, "visibility": 3, "charts": 3, "importing": 3,
    "pages": 4, "checking": 4,
    "sites": 5, "export": 5, "cms": 5,
    "build": 6, "reference": 6, "editors": 6, "publishing": 6, "git_checks": 6,
    "cli": 7, "__main__": 8,
}

# Outside libraries that only one stage may import.
HOMES = {"jinja2": {"pages"}, "altair": {"charts"}, "vl_convert": {"charts"}, "mkdocs": {"sites"},
         "babel": {"pages", "catalogue"}, "click": {"cli"}, "PIL": {"sites", "validation"}, "xlsxwriter": {"export"},
         "bcrypt": {"publishing"}, "openpyxl": {"importing"}}


# Files pressbook copies out rather than imports: a new workspace's, and MkDocs' hook on a generated site.
COPIED = ("starter/files/", "sites/mkdocs_hook.py")


def _modules() -> list[Path]:
    return [module for module in sorted(PACKAGE.rglob("*.py"))
            if not any(part in module.relative_to(PACKAGE).as_posix() for part in COPIED)]


def _stage(module: Path) -> str:
    return module.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(module: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import in `module`, relative ones resolved."""
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    package = ".".join(("pressbook", *(parts[:-1] if parts[-1] != "__init__" else parts[:-1])))
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            name = ("." * node.level) + (node.module or "")
            found.append((importlib.util.resolve_name(name, package) if node.level else name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return found


def test_no_stage_imports_a_later_one() -> None:
    offences = []
    for module in _modules():
        stage = _stage(module)
        for name, line in _imports(module):
            parts = name.split(".")
            if parts[0] != "pressbook" or len(parts) < 2:
                continue
            target = parts[1]
            if target in RANKS and RANKS[target] > RANKS[stage]:
                offences.append(f"{module.relative_to(PACKAGE)}:{line} ({stage}) imports {name}")
    assert offences == []


def test_each_outside_library_has_one_home() -> None:
    offences = []
    for module in _modules():
        stage = _stage(module)
        for name, line in _imports(module):
            library = name.split(".")[0]
            if library in HOMES and stage not in HOMES[library]:
                offences.append(f"{module.relative_to(PACKAGE)}:{line} imports {library}")
    assert offences == []


def test_every_stage_is_ranked() -> None:
    stages = {_stage(p) for p in _modules()}
    assert stages - set(RANKS) == set()


def test_mkdocs_hook_stands_alone() -> None:
    """The hook is copied into generated trees and loaded by MkDocs, from anywhere: it may import the
    standard library and what MkDocs runs on, nothing of pressbook."""
    hook = PACKAGE / "sites" / "mkdocs_hook.py"
    imported = {name.split(".")[0] for name, _ in _imports(hook)}
    assert imported and imported <= set(sys.stdlib_module_names) | {"jinja2", "markupsafe", "mkdocs"}, imported
