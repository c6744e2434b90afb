"""`pip install .` (not editable) gives a complete `pressbook`: the command and its packaged data."""
from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_non_editable_install_works(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # Only pressbook itself is installed here (its dependencies come from the test environment): what is
    # checked is what the built wheel carries, not what the source tree happens to hold.
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
                    str(ROOT)], check=True, cwd=tmp_path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([sysconfig.get_paths()["purelib"], *site.getsitepackages()]))
    command = venv / "bin" / "pressbook"
    help_text = subprocess.run([command, "--help"], capture_output=True, text=True, check=True, env=env).stdout
    for name in ("check", "build", "serve", "new", "schema"):
        assert f"  {name} " in help_text
    subprocess.run([command, "new", "ws"], cwd=tmp_path, check=True, env=env)
    # The editor's setup (docs/editing.md) is made by the installed code, not left in the source tree.
    for written in (".vscode/settings.json", ".vscode/extensions.json", "schemas/contract.schema.json"):
        assert (tmp_path / "ws" / written).is_file(), written
    check = subprocess.run([command, "check", "ws"], cwd=tmp_path, capture_output=True, text=True, env=env)
    # In the workspace's language: the catalogue of messages is installed with the code.
    assert (check.returncode, check.stdout) == (0, "aucun problème\n")
    # A build uses what is copied out of the package, not imported: themes, MkDocs' hook.
    built = subprocess.run([command, "build", "ws"], cwd=tmp_path, capture_output=True, text=True,
                           env=env | {"SOURCE_DATE_EPOCH": "1795683600"})
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "ws" / ".cache" / "pressbook" / "internal" / "pressbook_hook.py").is_file()
    assert (tmp_path / "ws" / "site" / "internal" / "index.html").is_file()
    installed = subprocess.run([venv / "bin" / "python", "-c", "import pressbook; print(pressbook.__file__)"],
                               capture_output=True, text=True, check=True).stdout
    assert str(venv) in installed and str(ROOT) not in installed


def test_every_package_is_shipped() -> None:
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "generator"
    present = {p.parent.relative_to(source).as_posix().replace("/", ".") for p in source.rglob("__init__.py")
               if "starter/files" not in p.as_posix()}
    assert present | {"pressbook.themes"} == listed


# pip's own word on the indexes this machine is configured with (an index that lacks a package): not
# pressbook's packaging, and not on a user's machine.
_PIP_INDEX_NOTICE = re.compile(r"^WARNING: Location '[^']*' is ignored: it is neither a file nor a directory\.$")


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "warning" in line.lower() and not _PIP_INDEX_NOTICE.match(line)]


def _wheel(project: Path, into: Path) -> tuple[Path, list[str]]:
    """Build `project`'s wheel with the pip of the test environment, which shows the build backend's warnings
    for a project in a local folder (as `scripts/setup` and `pip install .` show them to a developer)."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(into), str(project)],
                           capture_output=True, text=True, cwd=into.parent)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = into.glob("*.whl")
    return wheel, _warnings(built.stdout + built.stderr)


def test_the_wheel_builds_without_a_warning_and_ships_every_data_file(tmp_path: Path) -> None:
    # The same pip shows setuptools' warning on a project laid out as pressbook was (data folders under a
    # package, include-package-data left on): otherwise this test could not fail.
    faulty = tmp_path / "faulty"
    (faulty / "sample" / "files" / "inner").mkdir(parents=True)
    (faulty / "sample" / "__init__.py").write_text("")
    (faulty / "sample" / "files" / "inner" / "a.yml").write_text("a: 1\n")
    (faulty / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools>=64"]\n'
                                           'build-backend = "setuptools.build_meta"\n'
                                           '[project]\nname = "sample"\nversion = "1"\n'
                                           '[tool.setuptools]\npackages = ["sample"]\n'
                                           '[tool.setuptools.package-data]\nsample = ["files/**/*"]\n')
    _, said = _wheel(faulty, tmp_path / "faulty-wheel")
    assert any("'sample.files.inner' is absent from the `packages` configuration" in line for line in said), said

    wheel, said = _wheel(ROOT, tmp_path / "wheel")
    assert said == []
    shipped = set(zipfile.ZipFile(wheel).namelist())
    sources = [(ROOT / "generator" / "pressbook", "pressbook"), (ROOT / "themes", "pressbook/themes")]
    present = {f"{name}/{path.relative_to(folder).as_posix()}" for folder, name in sources
               for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert sorted(present - shipped) == []
    # hidden files and folders of the starter are data like any other (.gitignore, .pre-commit-config.yaml)
    assert any(name.startswith("pressbook/starter/files/.") for name in present)


def test_the_editable_install_of_scripts_setup_says_nothing(tmp_path: Path) -> None:
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    line = re.search(r"^(?:PYTHONWARNINGS='([^']*)' )?\.venv/bin/python -m pip install --quiet --no-deps -e \.$",
                     setup, re.MULTILINE)
    assert line, "scripts/setup no longer installs pressbook editable as this test does"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    env = dict(os.environ)
    if line.group(1):
        env["PYTHONWARNINGS"] = line.group(1)
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                                "--quiet", "--no-deps", "-e", str(ROOT)], capture_output=True, text=True, env=env,
                               cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert _warnings(installed.stdout + installed.stderr) == []
