"""No unused code in pressbook: vulture reads the package, with the tests, the benchmarks and the
allowlist (tests/unused_allowlist.py) as further readers, and finds nothing that nothing uses.

What other programs use by name, vulture cannot see: pydantic's fields and validators (the workspace's
format, read by name by the projection, the templates and the JSON Schemas), click's commands, the
names the theme's templates read, and what the allowlist says (MkDocs' hooks, the standard library's
and WeasyPrint's methods pressbook overrides...)."""
from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pydantic
import vulture

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator" / "pressbook"
# A new workspace's files are copied out, not run.
NOT_READ = ["*/starter/files/*"]
# Called by pydantic (validators) and by click (commands), by their decorators.
DECORATORS = ["@model_validator", "@field_validator", "@*.command", "@click.command", "@click.group"]


def _model_fields() -> set[str]:
    """Every field of a pydantic model of pressbook's (the workspace's files, the import mappings...)."""
    import pressbook
    for module in pkgutil.walk_packages(pressbook.__path__, "pressbook."):
        if ".starter.files" not in module.name and not module.name.endswith(("mkdocs_hook", "__main__")):
            importlib.import_module(module.name)
    fields, models = set(), [pydantic.BaseModel]
    while models:
        model = models.pop()
        models += model.__subclasses__()
        if model.__module__.startswith("pressbook."):
            fields |= set(model.model_fields)
    return fields


def _template_names() -> set[str]:
    """The names the theme's templates read: in every {{ … }} and {% … %} of themes/."""
    names: set[str] = set()
    for template in (ROOT / "themes").rglob("*"):
        if template.suffix in (".md", ".html", ".j2", ".xml", ".txt") and template.is_file():
            for code in re.findall(r"\{\{(.*?)\}\}|\{%(.*?)%\}", template.read_text(encoding="utf-8"), re.DOTALL):
                names |= set(re.findall(r"[A-Za-z_]\w*", " ".join(code)))
    return names


def test_no_unused_code() -> None:
    reader = vulture.Vulture(ignore_names=sorted(_model_fields() | _template_names()),
                             ignore_decorators=DECORATORS)
    reader.scavenge([str(PACKAGE), str(ROOT / "tests"), str(ROOT / "benchmarks"), str(ROOT / "scripts")],
                    exclude=NOT_READ)
    unused = [item.get_report() for item in reader.get_unused_code()
              if Path(item.filename).resolve().is_relative_to(PACKAGE)]
    assert unused == [], "\n".join(unused)


def test_accents_are_dropped_in_one_place() -> None:
    """One accent-insensitive comparison (model/spelling.py's `fold`, and `slug` made of it): no other
    module decomposes text to drop its accents."""
    decomposing = sorted(str(module.relative_to(PACKAGE)) for module in PACKAGE.rglob("*.py")
                         if re.search(r"""normalize\(\s*["']NFK?D["']""", module.read_text(encoding="utf-8")))
    assert decomposing == ["model/spelling.py"]
