"""The demo workspace in content/ is what a newcomer sees first: realistic, French, and clean."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from pressbook.checking import check_workspace
from pressbook.starter import write_starter

ROOT = Path(__file__).resolve().parent.parent


def test_demo_checks_clean_and_is_complete(demo: Path) -> None:
    workspace, problems = check_workspace(demo)
    assert [p for p in problems if p.severity == "error" and p.blocks_build] == []
    assert workspace is not None
    assert workspace.settings.language == "fr"
    assert len(workspace.clients) >= 3
    assert len(workspace.influencers) >= 12
    networks = {n for card in workspace.influencers.values() for n in card.card.networks}
    assert len(networks) >= 5
    statuses = sorted(c.brief.status for c in workspace.campaigns.values())
    assert len(statuses) >= 4 and {"planned", "live", "completed"} <= set(statuses)
    completed = [c for c in workspace.campaigns.values() if c.report and c.showcase and c.brief.status == "completed"]
    assert completed and all(c.posts and c.metrics for c in completed)
    assert any(c.mentions for c in workspace.campaigns.values())
    # daily snapshots: some post has consecutive-day readings
    metrics = completed[0].metrics
    days = sorted(metrics.day(i) for i in range(len(metrics)) if metrics.posts[i] == metrics.posts[0])
    assert any((b - a).days == 1 for a, b in zip(days, days[1:]))


def test_demo_has_a_french_excel_csv() -> None:
    french = []
    for path in (ROOT / "content" / "campaigns").rglob("*.csv"):
        data = path.read_bytes()
        header = data.split(b"\n", 1)[0]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            if b";" in header and b"\r\n" in data:
                french.append(path.name)
    assert french, "no CSV saved the way French Excel saves it (';', cp1252, CRLF)"


def test_demo_shows_compliance_findings_of_each_severity_on_purpose(demo: Path) -> None:
    _, problems = check_workspace(demo)
    findings = {(p.severity, p.code) for p in problems if not p.blocks_build}
    assert ("error", "fr.disclosure") in findings
    assert {("warning", "fr.disclosure-weak"), ("warning", "deliverables.late"), ("warning", "fr.minor")} <= findings
    documented = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in documented for _, code in findings)


def _plant_a_compliance_error(workspace: Path) -> str:
    """A paid post whose caption no longer says so, as in the demo; returns its file, as check names it."""
    posts = workspace / "content" / "campaigns" / "lancement" / "posts.csv"
    text = posts.read_text(encoding="utf-8")
    planted = text.replace("Collaboration commerciale avec @maison.exemple\nDeux semaines", "Deux semaines").replace(
        'avis sincère. #MaisonExemple",yes', 'avis sincère. #MaisonExemple",no')
    assert planted != text
    posts.write_text(planted, encoding="utf-8")
    return posts.relative_to(workspace).as_posix()


def test_scripts_demo_says_its_problems_are_on_purpose_and_ends_with_addresses(tmp_path: Path) -> None:
    """scripts/demo itself, in a folder laid out as the repository around a small workspace with one error,
    its scripts/setup stubbed: the real one is tested by test_install.py."""
    repo = tmp_path / "repo"
    write_starter(repo)
    planted = _plant_a_compliance_error(repo)
    (repo / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "demo", repo / "scripts" / "demo")
    (repo / "scripts" / "setup").write_text("#!/bin/sh\n")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "pressbook").write_text(f"#!/bin/sh\nexec '{sys.executable}' -m pressbook \"$@\"\n")
    for script in (repo / "scripts" / "setup", repo / ".venv" / "bin" / "pressbook"):
        script.chmod(0o755)
    ran = subprocess.run([repo / "scripts" / "demo"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         cwd=tmp_path)
    assert ran.returncode == 0, ran.stdout
    lines = ran.stdout.splitlines()
    # first, before check's report: one line saying the problems are on purpose, and where they are explained
    said = re.fullmatch(r".*on purpose.* (content/README\.md) .*« (.+) ».*", lines[0])
    assert said, lines[0]
    assert f"### {said.group(2)}\n" in (ROOT / said.group(1)).read_text(encoding="utf-8")
    report = subprocess.run([sys.executable, "-m", "pressbook", "check", str(repo)], capture_output=True, text=True)
    assert report.returncode == 1 and planted in report.stdout
    assert "\n".join(lines[1:]).startswith(report.stdout)
    # last: each site's address, one a site, that a browser opens on any system
    addresses = [re.fullmatch(r"built (\S+): (file:///\S+)", line) for line in lines]
    last = addresses[-len(list((repo / "site").iterdir())):]
    assert all(last) and addresses.index(last[0]) > 0
    for match in last:
        page = Path(url2pathname(urlparse(match.group(2)).path))
        assert page == repo / "site" / match.group(1) / "index.html" and page.is_file()
