"""The checks a workspace kept in git runs before a change is shared: `pressbook check` on each commit,
through pre-commit, and on each pull request and push, through GitHub Actions (problems shown on their
lines). `pressbook new` writes both; docs/checks.md says how to turn them on.

pressbook's repository ships the same hook for pre-commit (.pre-commit-hooks.yaml, installed by
pre-commit from the repository). A new workspace runs it as a local hook instead, with the pressbook
already installed on the machine: the version that builds the sites checks them, offline, and the
workspace needs no address for pressbook's repository, which has none to give yet."""
from __future__ import annotations

from pathlib import Path

from . import __version__
from .publishing.workflow import ACTIONS

PRE_COMMIT_CONFIG = Path(".pre-commit-config.yaml")
CHECK_WORKFLOW = Path(".github") / "workflows" / "check.yml"

# The hook, as .pre-commit-hooks.yaml at the repository's root declares it too (a test holds them equal):
# the whole workspace is checked once whenever a commit touches one of its inputs.
HOOK = {"id": "pressbook-check", "name": "pressbook check", "entry": "pressbook check",
        "pass_filenames": False, "files": r"^(content/|themes/|mkdocs\.yml$)", "always_run": False}

_PRE_COMMIT_COMMENT = """\
# Vérification avant chaque commit, écrite par `pressbook new`. Une fois pre-commit installé
# (`pip install pre-commit`, puis `pre-commit install` dans ce dossier), chaque commit qui touche
# content/, themes/ ou mkdocs.yml lance `pressbook check` : une erreur refuse le commit et s'affiche avec
# son fichier et sa ligne ; les avertissements n'arrêtent rien. C'est le pressbook installé sur la
# machine qui vérifie, celui de `pressbook serve`. Le dépôt de pressbook offre le même hook
# (pressbook-check) à qui veut que pre-commit l'installe lui-même : `repo:` son adresse, `rev:` la
# version. Voir docs/checks.md du projet pressbook.
"""


def pre_commit_config() -> str:
    """.pre-commit-config.yaml: the hook, local, calling the installed `pressbook`."""
    hook = [f"      - id: {HOOK['id']}", f"        name: {HOOK['name']}", f"        entry: {HOOK['entry']}",
            "        language: system", f"        pass_filenames: {str(HOOK['pass_filenames']).lower()}",
            f"        files: {HOOK['files']}", f"        always_run: {str(HOOK['always_run']).lower()}"]
    return _PRE_COMMIT_COMMENT + "\n".join(["repos:", "  - repo: local", "    hooks:", *hook]) + "\n"


def check_workflow(version: str = __version__) -> str:
    """.github/workflows/check.yml: `check --format github` on every pull request and push; an error fails
    it, and every problem is shown on its line of the pull request's files."""
    return "\n".join([
        "# Écrit par `pressbook new` : vérifie l'espace de travail à chaque pull request et à chaque push.",
        "# Chaque problème s'affiche à sa ligne dans les fichiers de la pull request ; une erreur fait échouer",
        "# la vérification, les avertissements n'arrêtent rien. pressbook est installé depuis l'index des",
        "# paquets, à la version qui a écrit ce fichier, comme dans le workflow de `pressbook deploy workflow`.",
        "name: check",
        "on:", "  pull_request:", "  push:",
        "permissions:", "  contents: read",
        "jobs:",
        "  check:", "    runs-on: ubuntu-latest", "    timeout-minutes: 15", "    steps:",
        f"      - uses: {ACTIONS['checkout']}", "        with:", "          persist-credentials: false",
        f"      - uses: {ACTIONS['python']}", "        with:", '          python-version: "3.12"',
        f'      - run: pip install "pressbook=={version}"',
        "      - run: pressbook check --format github",
    ]) + "\n"


def write_git_checks(root: Path) -> list[Path]:
    """Write pre-commit's configuration and the check workflow into the workspace `root`."""
    written = []
    for relative, text in ((PRE_COMMIT_CONFIG, pre_commit_config()), (CHECK_WORKFLOW, check_workflow())):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written
