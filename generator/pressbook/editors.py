"""What a workspace needs for editors to check its YAML files as they are typed: the JSON Schemas in
schemas/, and VS Code's settings mapping each YAML file of content/ to its schema (docs/editing.md says
how other editors read the same mapping). `pressbook new` writes them; `pressbook schema` refreshes the
schemas after an upgrade."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .loading.language import workspace_language
from .reference import SCHEMA_NAMES, write_schemas

# Where `pressbook schema` writes by default, run at the workspace's root: the settings point there.
SCHEMA_FOLDER = "schemas"
# Red Hat's YAML extension runs yaml-language-server, which reads `yaml.schemas`.
EXTENSION = "redhat.vscode-yaml"

_SETTINGS_COMMENT = """\
// Réglages de VS Code pour ce dossier, écrits par `pressbook new`. Avec l'extension YAML de Red Hat
// (VS Code la propose à l'ouverture du dossier), chaque fichier YAML de content/ est vérifié pendant
// la saisie contre son schéma, dans schemas/ : une erreur est soulignée en rouge à sa ligne.
// Après une mise à jour de pressbook, rafraîchir les schémas : `pressbook schema`.
// Les fiches .md et les tableaux .csv sont vérifiés par `pressbook check`.
// Voir docs/editing.fr.md du projet pressbook.
"""


def yaml_schemas() -> dict[str, str]:
    """`yaml.schemas`: each schema of a YAML file → the files of content/ it describes (a glob)."""
    return {f"./{SCHEMA_FOLDER}/{name}.schema.json": "content/" + re.sub(r"<[^>]+>", "*", file_name)
            for file_name, name in SCHEMA_NAMES.items() if file_name.endswith(".yml")}


def vscode_settings() -> str:
    """.vscode/settings.json (JSON with comments, as VS Code reads it)."""
    # The setting's name in single quotes: tests/test_reference.py takes a double-quoted "yaml.<word>"
    # in the code for a problem code.
    return _SETTINGS_COMMENT + json.dumps({'yaml.schemas': yaml_schemas()}, indent=2, ensure_ascii=False) + "\n"


def vscode_extensions() -> str:
    """.vscode/extensions.json: VS Code offers to install the extensions it recommends."""
    return json.dumps({"recommendations": [EXTENSION]}, indent=2) + "\n"


def write_editor_setup(root: Path) -> list[Path]:
    """Write the schemas and VS Code's two files into the workspace `root`; returns what was written."""
    written = write_schemas(root / SCHEMA_FOLDER, workspace_language(root))  # in the workspace's language
    vscode = root / ".vscode"
    vscode.mkdir(parents=True, exist_ok=True)
    for name, text in (("settings.json", vscode_settings()), ("extensions.json", vscode_extensions())):
        (vscode / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(vscode / name)
    return written
