"""Dates do not depend on the machine: every site is the same, byte for byte, whatever the builder's
time zone, and every chart's time axis shows the workspace's days, in the static images of the public
site as in the charts a reader's browser draws, whatever the reader's time zone."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO_EPOCH
from pressbook.starter import write_starter

ZONES = ("UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Tokyo")
# The starter's campaign, whose first metrics snapshot is read on 6 February 2026: the first day of
# its charts, a day that a reading in local time moves west of Greenwich (5 February, 16:00 in Los
# Angeles) and past noon east of it (6 February, 9:00 in Tokyo).
FIRST_DAY = "6 févr."
SNAPSHOT_DAYS = (6, 12, 17, 23)  # of the starter's metrics.csv
CAMPAIGN = "lancement"


def small_workspace(root: Path) -> Path:
    """The starter, with its case study published (client and influencer consenting) and e-reputation
    mentions: every kind of time axis, on every site, for a build of seconds."""
    write_starter(root)
    content = root / "content"
    for path in (content / "clients" / "maison-exemple.yml", content / "influencers" / "lea-exemple.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("public: false", "public: true"), encoding="utf-8")
    folder = content / "campaigns" / CAMPAIGN
    (folder / "showcase.md").write_text(
        "---\npublish: true\nheadline: La gamme Exemple en deux reels\nhighlights: [reach, engagement_rate]\n"
        "featured_posts: [lea-1]\n---\nDeux reels, deux semaines, une gamme lancée.\n", encoding="utf-8")
    (folder / "mentions.csv").write_text(
        "date,source,url,sentiment,reach,text\n2026-02-06,blog,,positive,120,Une belle routine\n"
        "2026-02-09,instagram,,neutral,80,Vu chez Léa\n2026-02-13,blog,,negative,40,Trop cher\n", encoding="utf-8")
    return root


def _build_in(zone: str, root: Path) -> None:
    """A whole build in a process of its own, in `zone`: a library that reads the zone when it starts
    (vl-convert's JavaScript engine does) reads this one."""
    env = dict(os.environ, TZ=zone, SOURCE_DATE_EPOCH=DEMO_EPOCH)
    done = subprocess.run([sys.executable, "-m", "pressbook", "build"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built_in_each_zone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    roots = {}
    for zone in ZONES:
        root = small_workspace(tmp_path_factory.mktemp("zone") / "ws")
        _build_in(zone, root)
        roots[zone] = root / "site"
    return roots


def test_every_site_is_the_same_whatever_the_builders_time_zone(built_in_each_zone: dict[str, Path]) -> None:
    reference = built_in_each_zone["UTC"]
    sites = sorted(p.name for p in reference.iterdir())
    assert sites == ["client-maison-exemple", "internal", "public"]
    assert (reference / "public" / "assets" / "charts" / f"{CAMPAIGN}.svg").is_file()  # a chart drawn here
    for zone, output in built_in_each_zone.items():
        assert sorted(p.name for p in output.iterdir()) == sites, zone
        for site in sites:
            expected, actual = _tree(reference / site), _tree(output / site)
            assert sorted(actual) == sorted(expected), (zone, site)
            assert [name for name in expected if actual[name] != expected[name]] == [], (zone, site)


def x_axis_labels(svg: str) -> list[str]:
    """The labels of a chart's x axis, left to right, in an SVG drawn by Vega."""
    axis = re.search(r'<g class="mark-group role-axis" [^>]*aria-label="X-axis.*?</g></g></g>', svg, re.DOTALL)
    assert axis, "no x axis in the image"
    labels = re.search(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', axis.group(0), re.DOTALL)
    return re.findall(r"<text[^>]*>([^<]*)</text>", labels.group(1))


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo"])
def test_a_static_charts_time_axis_starts_on_the_workspaces_first_day(built_in_each_zone: dict[str, Path],
                                                                     zone: str) -> None:
    svg = (built_in_each_zone[zone] / "public" / "assets" / "charts" / f"{CAMPAIGN}.svg").read_text(encoding="utf-8")
    labels = x_axis_labels(svg)
    assert labels[0] == FIRST_DAY
    assert all(re.fullmatch(r"\d{1,2} [a-zéû]+\.?", label) for label in labels), labels  # days, never hours
    # Each point is described with its day (what a screen reader says): the days of the snapshots.
    days = set(re.findall(r'aria-label="Date: ([^;"]+);', svg))
    assert days == {f"{day} févr." for day in SNAPSHOT_DAYS}


@pytest.mark.browser
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo"])
def test_a_drawn_charts_days_are_the_workspaces_in_the_readers_time_zone(built_in_each_zone: dict[str, Path],
                                                                        browser, zone: str) -> None:
    context = browser.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.goto((built_in_each_zone["UTC"] / "internal" / "campaigns" / CAMPAIGN / "results.html").as_uri())
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        view = page.locator("figure.pb-chart .pb-chart-view").first
        view.locator("svg .mark-symbol path").first.wait_for(timeout=20000)
        # The first point is the first snapshot's: its description and its tooltip say that day.
        point = view.locator("svg .mark-symbol path").first
        assert point.get_attribute("aria-label").startswith(f"Date: {FIRST_DAY};")
        point.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5000)
        assert f"{FIRST_DAY} 2026" in tooltip.inner_text()
        x_axis = view.locator('svg g.role-axis[aria-label^="X-axis"] .role-axis-label text')
        assert x_axis.first.text_content() == FIRST_DAY
    finally:
        context.close()
