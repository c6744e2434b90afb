"""`pip install .` (not editable) gives a complete `pressbook`: the command and its packaged data."""
from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
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
    check = subprocess.run([command, "check", "ws"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert (check.returncode, check.stdout) == (0, "no problems found\n")
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
