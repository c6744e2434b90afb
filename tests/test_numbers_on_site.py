"""The figures and charts of the internal site, and `pressbook export`."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEMO_EPOCH, page as _page
from pressbook.cli import cli


def test_campaign_results(site: Path) -> None:
    page = _page(site, "campaigns/printemps-eclat-2026/results.html")
    reach = page.select_one("table.pb-kpis tr[data-metric=reach]").get_text(" ", strip=True)
    assert "700\u202f000" in reach and "14 publications sur 14" in reach and "estimé" in reach
    views = page.select_one("table.pb-kpis tr[data-metric=views]").get_text(" ", strip=True)
    assert "10 publications sur 14" in views
    figures = page.select_one("table.pb-figures tr[data-metric=cpv]").get_text(" ", strip=True)
    assert "€" in figures
    money = page.select_one("dl.pb-facts").get_text(" ", strip=True)
    assert "Marge" in money
    charts = [figure["id"] for figure in page.select("figure.pb-chart")]
    assert charts == ["campaign-printemps-eclat-2026-cumulative", "campaign-printemps-eclat-2026-engagements-influencer",
                      "campaign-printemps-eclat-2026-engagements-network", "campaign-printemps-eclat-2026-attainment",
                      "campaign-printemps-eclat-2026-sentiment"]


def test_undefined_figures_read_not_available(site: Path) -> None:
    planned = _page(site, "campaigns/rituel-hiver-2027/results.html")
    cells = {row["data-metric"]: row.select("td")[1].get_text(strip=True) for row in planned.select("table.pb-figures tbody tr")}
    # In words, as a screen reader says them, never "n/a" nor 0.
    assert cells["reach"] == cells["engagement_rate"] == cells["cpe"] == "non disponible"
    assert cells["posts"] == "0"


def test_charts_embed_only_what_they_plot(site: Path) -> None:
    page = _page(site, "campaigns/printemps-eclat-2026/results.html")
    ids = set()
    for figure in page.select("figure.pb-chart"):
        ids.add(figure["id"])
        spec = json.loads(figure.select_one("script.pb-chart-spec").string)
        assert spec["usermeta"]["embedOptions"]["actions"] is False
        text = json.dumps(spec)
        for secret in ("fee", "margin", "rate_card", "Vélonde", "Belleroche"):
            assert secret not in text
        assert figure.select_one("figcaption").get_text() and figure.select_one(".pb-chart-view")["aria-label"]
        assert figure.select("details table tbody tr")
    assert len(ids) == 5


def test_card_figures_and_score(site: Path) -> None:
    page = _page(site, "influencers/lea-fontaine.html")
    assert [r["data-network"] for r in page.select("table.pb-network-figures tbody tr")] == ["instagram", "tiktok"]
    scores = page.select("table.pb-scores tbody tr")
    assert [r.select_one("a").get_text() for r in scores] == ["beauté", "bien-être"]
    assert len(page.select("ol.pb-best li")) == 3
    assert {f["id"] for f in page.select("figure.pb-chart")} == {"influencer-lea-fontaine-followers",
                                                                  "influencer-lea-fontaine-engagement-rate"}


def test_comparison_page_ranks_by_score(site: Path) -> None:
    page = _page(site, "comparison/beaute.html")
    scores = [float(r.select("td")[2].contents[0].get_text().replace(",", "."))
              for r in page.select("table.pb-comparison tbody tr")]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 2
    assert "Pondérations" in page.select_one("p.pb-weights").get_text()


def test_dashboard_totals_and_method(site: Path) -> None:
    page = _page(site, "index.html")
    assert page.select_one("dl.pb-totals dd[data-metric=reach]")
    assert page.select_one("figure#dashboard-reach-by-month")
    method = _page(site, "method.html").select_one("article").get_text(" ")
    assert "poolés" in method and "(n − 1)" in method


def test_vega_is_served_by_the_site(site: Path) -> None:
    bundle = site / "assets" / "pressbook" / "vega.js"
    assert bundle.stat().st_size > 100_000
    assert not re.search(rb"<script[^>]+src=\"https?://", (site / "index.html").read_bytes())


@pytest.mark.parametrize("output", ["csv", "json"])
def test_export(built_demo: Path, tmp_path: Path, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--workspace", str(built_demo),
                                      "--format", output])
    assert result.exit_code == 0, result.output
    if output == "csv":
        with open(tmp_path / "out" / "campaigns.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = json.loads((tmp_path / "out" / "campaigns.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r["campaign"] == "printemps-eclat-2026" and r["metric"] == "engagement_rate")
    assert len(str(row["value"])) > 10  # unrounded
    assert {r["metric"] for r in rows} >= {"fees", "margin", "cpm", "roas"}
    assert (tmp_path / "out" / f"posts.{output}").is_file()
    assert (tmp_path / "out" / f"influencer_networks.{output}").is_file()


def test_an_export_without_campaigns_keeps_each_tables_header(starter: Path, tmp_path: Path) -> None:
    shutil.rmtree(starter / "content" / "campaigns")
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--workspace", str(starter)])
    assert result.exit_code == 0, result.output
    headers = {path.stem: path.read_text(encoding="utf-8") for path in sorted((tmp_path / "out").glob("*.csv"))}
    assert headers == {
        "campaigns": "campaign,metric,value,posts,of,estimated,target,attainment\n",
        "influencer_networks": "influencer,network,metric,value,posts,of,estimated\n",
        "posts": "campaign,post,influencer,network,format,published,reach,impressions,views,engagements,clicks,"
                 "conversions,revenue,engagement_rate,estimated\n"}
