"""The pipeline's stages import only stages below them, and each outside library has one home."""
from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "pressbook"

# The stages in the pipeline's order, one rank each: a module may import its own stage or an earlier one,
# never a later one. What a user's words become, from the bottom up:
PIPELINE = (
    # Underneath every stage: the package's face, time, timing; words (the catalogues, pressbook's
    # messages) and the problems said in them; a new workspace's files.
    "__init__", "clock", "timing", "catalogue", "messages", "problems", "starter",
    # Walking a folder; what a build keeps for the next and how it tells a change; where a workspace's
    # inputs are and whether any changed; where each value of a file was written.
    "folders", "cache", "freshness", "theme_folders", "sources",
    # The pipeline: the model, files loaded, validated into a Workspace; the numbers and the compliance
    # findings computed from it; each site's view (visibility: the projection, and the names a client's
    # site may not show); charts and pages made of a view; the whole check; the sites written, built
    # and verified; the exports; the build that runs them all.
    "model", "loading", "validation", "metrics", "compliance", "visibility", "charts", "pages", "checking",
    "sites", "export", "build",
    # Around the build, none of which it needs: imports of agencies' sheets into content/ (read and
    # checked as content is, by loading and validation); the web editor; publishing (which builds, then
    # puts the sites in front of readers) and its git checks; the limits and the reference, generated
    # from what every stage declares, and the editors' schemas made from it.
    "importing", "cms", "publishing", "git_checks", "limits", "reference", "editors",
    # The command line, and `python -m pressbook`.
    "cli", "__main__",
)
RANKS = {stage: rank for rank, stage in enumerate(PIPELINE)}


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
    """Each stage of the package has its one place in PIPELINE, and each place is a stage."""
    stages = {_stage(p) for p in _modules()}
    assert len(set(PIPELINE)) == len(PIPELINE)
    assert stages == set(RANKS)


def test_mkdocs_hook_imports_only_the_policy() -> None:
    """The hook is copied into generated trees and loaded by MkDocs as a file of its own, outside the
    package, where a relative import fails; whatever it imports, every site's MkDocs imports as it
    starts. So: the standard library, what MkDocs runs on, and pressbook's policy by its full name."""
    hook = PACKAGE / "sites" / "mkdocs_hook.py"
    relative = [node.lineno for node in ast.walk(ast.parse(hook.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level]
    imported = {name for name, _ in _imports(hook)}
    ours = {name for name in imported if name.split(".")[0] == "pressbook"}
    others = {name.split(".")[0] for name in imported - ours}
    assert not relative, relative
    assert ours == {"pressbook.sites.policy"}, ours
    assert others <= set(sys.stdlib_module_names) | {"jinja2", "markupsafe", "mkdocs"}, others
