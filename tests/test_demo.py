"""The demo workspace in content/ is what a newcomer sees first: realistic, French, and clean."""
from __future__ import annotations

from pathlib import Path

from pressbook.checking import check_workspace

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
