"""Editors check the workspace's YAML files as they are typed: `pressbook new` writes the schemas and
VS Code's settings, and yaml-language-server (what VS Code's YAML extension, Neovim, Helix and Zed run),
given those settings, finds nothing to say on a clean file and shows a mistake at its line."""
from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from conftest import copy_demo
from pressbook.cli import cli
from pressbook.editors import EXTENSION, write_editor_setup, yaml_schemas

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tests" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
DEADLINE = 20.0  # seconds for a whole session; one takes about 2
ERROR = 1  # LSP DiagnosticSeverity.Error: underlined in red
QUIET = 0.6  # seconds without a new diagnostic once every file has some (the server waits 200 ms to validate)


def _settings(root: Path) -> dict:
    """.vscode/settings.json as VS Code reads it: JSON with `//` comment lines."""
    text = (root / ".vscode" / "settings.json").read_text(encoding="utf-8")
    return json.loads("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")))


def _yaml_files(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.yml"))


def _server() -> Path:
    missing = None
    if not SERVER.is_file():
        missing = f"{SERVER} is missing (scripts/setup runs `npm ci --prefix tests`)"
    elif shutil.which("node") is None:
        missing = "node is not on PATH (apt-get install -y nodejs npm)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the editor test: {missing}")
        pytest.skip(missing)
    return SERVER


class _Session:
    """One yaml-language-server over stdio, spoken to as an editor does (Language Server Protocol)."""

    def __init__(self, root: Path, yaml_settings: dict, locale: str) -> None:
        server = _server()
        self.errors = tempfile.TemporaryFile()  # not a pipe: one nobody reads could fill and stop the server
        self.process = subprocess.Popen(["node", str(server), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)
        self.messages: queue.Queue = queue.Queue()
        self.yaml_settings = yaml_settings
        threading.Thread(target=self._read, daemon=True).start()
        self._send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "locale": locale, "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {"workspace": {"configuration": True, "workspaceFolders": True},
                             "textDocument": {"publishDiagnostics": {}}}}})

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while (line := stream.readline()).strip():
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:  # the server has gone
                self.messages.put(None)
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _answer(self, request: dict) -> None:
        """The server asks for its settings (`workspace/configuration`): `yaml` is the settings file's."""
        result = None
        if request["method"] == "workspace/configuration":
            result = [self.yaml_settings if item.get("section") == "yaml" else {}
                      for item in request["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def diagnostics(self, files: list[Path]) -> dict[Path, list[dict]]:
        """Open each file; wait for the diagnostics of all of them to settle; return them."""
        uris = {path.as_uri(): path for path in files}
        found: dict[Path, list[dict]] = {}
        opened, last, start = False, time.monotonic(), time.monotonic()
        while not (opened and len(found) == len(files) and time.monotonic() - last > QUIET):
            if time.monotonic() - start > DEADLINE:
                pytest.fail(f"yaml-language-server gave diagnostics for {len(found)} of {len(files)} files "
                            f"in {DEADLINE:.0f} s")
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            if message is None:
                self.errors.seek(0)
                pytest.fail("yaml-language-server stopped: " + self.errors.read().decode(errors="replace"))
            if "method" in message and "id" in message:
                self._answer(message)
            elif message.get("id") == 1:  # initialized: settings first, then the files, as an editor does
                self._send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
                self._send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {}}})
                for uri, path in uris.items():
                    self._send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                        "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}}})
                opened = True
            elif message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] in uris:
                found[uris[message["params"]["uri"]]] = message["params"]["diagnostics"]
                last = time.monotonic()
        return found

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            stream.close()


def editor_diagnostics(root: Path, locale: str = "en") -> dict[str, list[tuple[int, int, str]]]:
    """content/… → (line, severity, message) of what an editor with the workspace's settings shows on
    each YAML file. SchemaStore stays off: the test reads no catalogue from the network."""
    root = root.resolve()
    yaml_settings = {"schemas": _settings(root)["yaml.schemas"], "validate": True, "schemaStore": {"enable": False}}
    session = _Session(root, yaml_settings, locale)
    try:
        found = session.diagnostics(_yaml_files(root))
    finally:
        session.close()
    return {path.relative_to(root).as_posix(): [(d["range"]["start"]["line"] + 1, d.get("severity"), d["message"])
                                                for d in diagnostics]
            for path, diagnostics in found.items()}


def _listing(found: dict[str, list[tuple[int, int, str]]]) -> str:
    return "\n".join(f"{name}:{line}: {message}" for name, items in sorted(found.items())
                     for line, _, message in items)


@pytest.fixture
def new_workspace(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    return tmp_path / "ws"


@pytest.fixture
def demo_for_editors(tmp_path: Path) -> Path:
    """The demo, with the editor setup `pressbook new` gives a workspace."""
    root = copy_demo(tmp_path / "demo")
    write_editor_setup(root)
    return root


def test_new_maps_every_yaml_file_to_a_schema_it_writes(new_workspace: Path, demo_for_editors: Path) -> None:
    assert json.loads((new_workspace / ".vscode" / "extensions.json").read_text())["recommendations"] == [EXTENSION]
    schemas = _settings(new_workspace)["yaml.schemas"]
    for schema in schemas:
        assert (new_workspace / schema).is_file(), schema
    for root in (new_workspace, demo_for_editors):
        for path in _yaml_files(root):
            matching = [s for s, pattern in schemas.items() if PurePosixPath(path.relative_to(root).as_posix()).match(pattern)]
            assert len(matching) == 1, f"{path.relative_to(root)} is checked against {matching or 'no schema'}"


def test_editor_shows_no_problem_on_a_new_workspace(new_workspace: Path) -> None:
    found = editor_diagnostics(new_workspace)
    assert len(found) == len(_yaml_files(new_workspace)) >= 3
    assert _listing(found) == ""


def test_editor_shows_no_problem_on_the_demo(demo_for_editors: Path) -> None:
    found = editor_diagnostics(demo_for_editors)
    assert len(found) == len(_yaml_files(demo_for_editors)) >= 10
    assert _listing(found) == ""


def _plant(path: Path, pattern: str, replacement: str) -> int:
    """Replace the first line matching `pattern`; return its number (from 1)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if re.match(pattern, line))
    lines[number] = re.sub(pattern, replacement, lines[number])
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def test_editor_shows_a_mistake_at_its_line(demo_for_editors: Path) -> None:
    content = demo_for_editors / "content"
    client = sorted((content / "clients").glob("*.yml"))[0]
    contract = sorted(content.glob("campaigns/*/contracts/*.yml"))[0]
    # One mistake a manager makes in each kind of YAML file: a key in French (the message names it),
    # words for a number, a currency spelt out.
    planted = {
        client: (_plant(client, r"^sector:", "secteur:"), "secteur"),
        contract: (_plant(contract, r"^(  months:) \d+", r"\1 douze"), ""),
        content / "workspace.yml": (_plant(content / "workspace.yml", r"^currency: .*", "currency: euros"), ""),
    }
    found = editor_diagnostics(demo_for_editors, locale="fr")  # as a French manager's VS Code asks
    for path, (line, word) in planted.items():
        name = path.relative_to(demo_for_editors).as_posix()
        at_line = [(severity, message) for number, severity, message in found[name] if number == line]
        assert at_line, f"nothing shown at {name}:{line}; shown:\n{_listing({name: found[name]})}"
        assert any(severity == ERROR and word in message for severity, message in at_line), at_line


@pytest.mark.parametrize("guide", ["editing.md", "editing.fr.md"])
def test_the_guide_gives_other_editors_the_mapping_new_writes(guide: str) -> None:
    """Neovim's, Helix's and Zed's snippets and the table of docs/editing*.md say what the settings say."""
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    expected = set(yaml_schemas().items())
    table = {(f"./schemas/{schema}", pattern)
             for pattern, schema in re.findall(r"^\| `([^`]+)` \| `schemas/([^`]+)` \|$", text, re.MULTILINE)}
    assert table == expected
    snippets = re.findall(r"```(lua|toml|json)\n(.*?)```", text, re.DOTALL)
    assert [language for language, _ in snippets] == ["lua", "toml", "json"]
    for language, snippet in snippets:
        assert set(re.findall(r'"(\./schemas/[\w.-]+)"\]?\s*[:=]\s*"([^"]+)"', snippet)) == expected, language
