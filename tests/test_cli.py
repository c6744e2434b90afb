"""The command as a user runs it: help, exit codes, output formats, a new workspace."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressbook.cli import cli


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pressbook", *args], cwd=cwd, capture_output=True, text=True)


def test_help_lists_the_commands() -> None:
    result = _run("--help")
    assert result.returncode == 0
    commands = result.stdout.split("Commands:")[1]
    for name in ("check", "build", "serve", "new", "schema"):
        assert f"  {name} " in commands


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert _run("check", "--format", "xml", cwd=tmp_path).returncode == 2
    assert _run("frobnicate").returncode == 2


def test_new_workspace_passes_check_and_builds(tmp_path: Path) -> None:
    assert _run("new", "ws", cwd=tmp_path).returncode == 0
    result = _run("check", "ws", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "aucun problème\n")  # the workspace's language
    assert _run("check", "ws", "--lang", "en", cwd=tmp_path).stdout == "no problems found\n"
    built = _run("build", "ws", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "ws" / "site" / "internal" / "influencers" / "lea-exemple.html").is_file()
    assert _run("new", "ws", cwd=tmp_path).returncode == 2  # not over an existing workspace


def _break(workspace: Path) -> None:
    card = workspace / "content" / "influencers" / "lea-exemple.md"
    card.write_text(card.read_text(encoding="utf-8").replace("followers: 48200", "followers: 48,2k"),
                    encoding="utf-8")
    (workspace / "content" / "campaigns" / "lancement" / "notes.txt").write_text("x")


def test_json_format(starter: Path) -> None:
    _break(starter)
    result = CliRunner().invoke(cli, ["check", str(starter), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert [r["code"] for r in rows] == ["file.unexpected", "schema.type"]
    assert set(rows[1]) >= {"path", "line", "column", "severity", "code", "message", "hint"}
    assert rows[1] | {"message": ""} == {
        "path": "content/influencers/lea-exemple.md", "line": 7, "column": 16, "severity": "error",
        "code": "schema.type", "key": "networks.instagram.followers", "message": "", "hint": "write 48200"}


def test_github_format(starter: Path) -> None:
    _break(starter)
    result = CliRunner().invoke(cli, ["check", str(starter), "--format", "github", "--lang", "en"])
    lines = result.output.splitlines()
    assert lines[1] == ("::error file=content/influencers/lea-exemple.md,line=7,col=16,title=schema.type::"
                        "networks.instagram.followers: expected a whole number, found '48,2k'%0Awrite 48200")
    assert lines[0].startswith("::warning file=content/campaigns/lancement/notes.txt,line=1,col=1,")


def test_strict_turns_warnings_into_failure(starter: Path) -> None:
    (starter / "content" / "campaigns" / "lancement" / "notes.txt").write_text("x")
    assert CliRunner().invoke(cli, ["check", str(starter)]).exit_code == 0
    assert CliRunner().invoke(cli, ["check", str(starter), "--strict"]).exit_code == 1


def test_no_workspace_is_said_plainly(tmp_path: Path) -> None:
    result = _run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "content/workspace.yml does not exist" in result.stdout


def test_garbage_never_gives_a_traceback(starter: Path) -> None:
    card = starter / "content" / "influencers" / "lea-exemple.md"
    for garbage in (b"---\n- a\n- b\n---\n", b"---\n\x00\xff\xfe\n---\n", b"---\n: :\n---\n", b"---\n---\n",
                    b"---\nnetworks: {instagram: [1]}\ntopics: {a: 1}\ninteractions: [[]]\n---\n"):
        card.write_bytes(garbage)
        result = _run("check", str(starter))
        assert result.returncode == 1, garbage
        assert "Traceback" not in result.stderr, result.stderr
        assert "content/influencers/lea-exemple.md:" in result.stdout


def test_a_file_the_system_will_not_open_is_said_at_the_file(starter: Path, monkeypatch) -> None:
    # A socket is a file that even root cannot open, as a file without read permission is to others.
    monkeypatch.chdir(starter / "content" / "influencers")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("nadia.md")
        # check in English, as asked; build in the workspace's language, French
        for command, said in (("check", "content/influencers/nadia.md:1:1: error: the file cannot be read: "
                                        "No such device or address"),
                              ("build", "content/influencers/nadia.md:1:1\u00a0: erreur\u00a0: le fichier ne peut pas "
                                        "être lu\u00a0: aucun périphérique ni adresse de ce nom")):
            result = _run(command, str(starter), *(["--lang", "en"] if command == "check" else []))
            assert result.returncode == 1, command
            assert "Traceback" not in result.stderr, result.stderr
            assert said in result.stdout, result.stdout
    assert not (starter / "site").exists()


@pytest.mark.parametrize("command, in_the_way", [
    (("new", "a-file/workspace"), "a-file/workspace"), (("schema", "a-file/schemas"), "a-file/schemas"),
    (("build", "--site", "public"), "site"), (("export", "out"), "out/campaigns.csv"),
])
def test_a_place_to_write_that_is_in_the_way_is_named(starter: Path, command: tuple[str, ...], in_the_way: str) -> None:
    (starter / "a-file").write_text("x", encoding="utf-8")
    (starter / "site").write_text("a file where the sites go", encoding="utf-8")
    (starter / "out" / "campaigns.csv").mkdir(parents=True)
    result = _run(*command, cwd=starter)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"pressbook cannot use {in_the_way}" in result.stderr or \
        f"pressbook cannot use {starter / in_the_way}" in result.stderr, result.stderr
