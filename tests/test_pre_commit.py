"""Checks before the push: pre-commit's hook, as pressbook's repository ships it (tried with `pre-commit
try-repo`, which installs pressbook from this repository as a user's pre-commit would) and as `pressbook new`
writes it into a workspace, and the GitHub workflow that checks each pull request."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

from conftest import DEMO_EPOCH, ROOT, copy_demo
from pressbook import __version__
from pressbook.git_checks import CHECK_WORKFLOW, HOOK, PRE_COMMIT_CONFIG

# pressbook as this test environment has it: the local hook of a new workspace runs the installed command.
BIN = str(Path(sys.executable).parent)


def _env(tmp_path: Path) -> dict[str, str]:
    """pre-commit's store in the test's folder; a commit's author; the demo's "now" for every check."""
    return dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit"), PATH=BIN + os.pathsep + os.environ["PATH"],
                SOURCE_DATE_EPOCH=DEMO_EPOCH, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
                GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")


def _git_repository(folder: Path, env: dict[str, str]) -> None:
    for command in (["init", "--quiet", "--initial-branch", "main"], ["add", "--all"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)


def _pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)


def _check(workspace: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pressbook", "check", str(workspace)], env=env,
                          capture_output=True, text=True)


def _new(tmp_path: Path, env: dict[str, str]) -> Path:
    made = subprocess.run([sys.executable, "-m", "pressbook", "new", "ws"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return tmp_path / "ws"


def test_the_repositorys_hook_is_the_one_a_new_workspace_runs(tmp_path: Path) -> None:
    env = _env(tmp_path)
    manifest = _pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=tmp_path, env=env)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    (shipped,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert shipped["language"] == "python"  # pre-commit installs pressbook from the repository
    assert {key: shipped[key] for key in HOOK} == HOOK

    workspace = _new(tmp_path, env)
    config = _pre_commit("validate-config", str(workspace / PRE_COMMIT_CONFIG), cwd=tmp_path, env=env)
    assert config.returncode == 0, config.stdout + config.stderr
    (repository,) = yaml.safe_load((workspace / PRE_COMMIT_CONFIG).read_text(encoding="utf-8"))["repos"]
    assert repository["repo"] == "local"  # no address to give: the installed pressbook checks
    (local,) = repository["hooks"]
    assert local == HOOK | {"language": "system"}


def test_try_repo_refuses_the_demo_with_its_problems(tmp_path: Path) -> None:
    env = _env(tmp_path)
    demo = copy_demo(tmp_path / "demo")
    _git_repository(demo, env)
    expected = _check(demo, env)
    assert expected.returncode == 1  # the demo keeps an error on purpose (content/README.md)
    tried = _pre_commit("try-repo", str(ROOT), HOOK["id"], "--all-files", cwd=demo, env=env)
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert f"{HOOK['name']}." in output and "Failed" in output
    # the hook's word is check's whole report on the workspace, the demo's error and warnings
    assert expected.stdout.strip() in output


def test_a_new_workspace_refuses_a_commit_that_leaves_an_error(tmp_path: Path) -> None:
    env = _env(tmp_path)
    workspace = _new(tmp_path, env)
    _git_repository(workspace, env)
    installed = _pre_commit("install", cwd=workspace, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(message: str) -> subprocess.CompletedProcess:
        subprocess.run(["git", "add", "--all"], cwd=workspace, env=env, check=True)
        return subprocess.run(["git", "commit", "--quiet", "-m", message], cwd=workspace, env=env,
                              capture_output=True, text=True)

    first = commit("a new workspace")
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"{HOOK['name']}." in first.stdout + first.stderr and "Passed" in first.stdout + first.stderr

    # a paid post whose caption no longer says so: an error of check, which stops the commit
    posts = workspace / "content" / "campaigns" / "lancement" / "posts.csv"
    text = posts.read_text(encoding="utf-8")
    posts.write_text(text.replace("Collaboration commerciale avec @maison.exemple\nDeux semaines", "Deux semaines")
                     .replace('avis sincère. #MaisonExemple",yes', 'avis sincère. #MaisonExemple",no'),
                     encoding="utf-8")
    report = _check(workspace, env)
    assert report.returncode == 1
    refused = commit("a post without its mention")
    assert refused.returncode != 0
    assert report.stdout.strip() in refused.stdout + refused.stderr
    log = subprocess.run(["git", "log", "--format=%s"], cwd=workspace, env=env, capture_output=True, text=True)
    assert log.stdout.splitlines() == ["a new workspace"]

    # a commit that touches none of the workspace's inputs is not checked
    subprocess.run(["git", "reset", "--quiet", "--hard"], cwd=workspace, env=env, check=True)
    (workspace / "notes.txt").write_text("à faire\n", encoding="utf-8")
    aside = commit("notes")
    assert aside.returncode == 0, aside.stdout + aside.stderr
    assert "(no files to check)Skipped" in aside.stdout + aside.stderr


def test_a_new_workspace_checks_each_pull_request(tmp_path: Path) -> None:
    workspace = _new(tmp_path, _env(tmp_path))
    text = (workspace / CHECK_WORKFLOW).read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub reads YAML 1.2
    # SchemaStore's schema of a GitHub workflow, as check-jsonschema vendors it: offline.
    schema = json.loads(resources.files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-workflows.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(workflow), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == [f'pip install "pressbook=={__version__}"', "pressbook check --format github"]
    # the workspace as written passes that check: a new repository's first pull request is green
    assert _check(workspace, _env(tmp_path)).returncode == 0
