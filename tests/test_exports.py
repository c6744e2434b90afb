"""`pressbook export --site NAME` writes what that site shows and nothing else: a client's export its
own campaigns, with figures computed from its site's view; the public export the figures its case
studies highlight."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEMO_EPOCH, copy_demo
from pressbook.cli import cli


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, where Léa Fontaine (Herbier de Lure's campaign) has also published one post for
    Vélonde: her figures on Vélonde's site rest on that post alone."""
    root = copy_demo(tmp_path_factory.mktemp("exports") / "demo")
    posts = root / "content" / "campaigns" / "rentree-velotaf-2026" / "posts.csv"
    with open(posts, "a", encoding="cp1252", newline="") as handle:
        handle.write("v12;lea-fontaine;instagram;reel;;20/09/2026 18:00;Publicité avec @velonde;oui;19/09/2026;"
                     "non;non\r\n")
    metrics = root / "content" / "campaigns" / "rentree-velotaf-2026" / "metrics.csv"
    with open(metrics, "a", encoding="cp1252", newline="") as handle:
        handle.write("v12;22/09/2026;;7000;;;;;;;;;measured\r\n")
    return root


def export(workspace: Path, out: Path, *args: str) -> dict[str, list[dict]]:
    """The tables `pressbook export OUT *args` writes, read back, by name."""
    result = CliRunner().invoke(cli, ["export", str(out), "--workspace", str(workspace), *args],
                                env={"SOURCE_DATE_EPOCH": DEMO_EPOCH})
    assert result.exit_code == 0, result.output
    tables = {}
    for path in sorted(out.iterdir()):
        if path.suffix == ".json":
            tables[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        else:
            with open(path, encoding="utf-8", newline="") as handle:
                tables[path.stem] = list(csv.DictReader(handle))
    return tables


@pytest.mark.parametrize("output", ["csv", "json"])
def test_a_clients_export_holds_its_campaigns_only(workspace: Path, tmp_path: Path, output: str) -> None:
    tables = export(workspace, tmp_path / "out", "--site", "client-herbier-de-lure", "--format", output)
    assert {row["campaign"] for row in tables["campaigns"]} == {"printemps-eclat-2026", "rituel-hiver-2027"}
    assert {row["campaign"] for row in tables["posts"]} == {"printemps-eclat-2026"}
    assert {row["metric"] for row in tables["campaigns"]}.isdisjoint({"fees", "margin"})
    influencers = {row["influencer"] for row in tables["influencer_networks"]}
    assert influencers == {row["influencer"] for row in tables["posts"]}
    assert not influencers & {"mathis-leroy", "sarah-nguyen", "amandine-petit"}  # other clients' creators


def _figure(rows: list[dict], influencer: str, network: str, metric: str) -> dict:
    return next(r for r in rows if (r["influencer"], r["network"], r["metric"]) == (influencer, network, metric))


def test_a_creators_figures_in_a_clients_export_rest_on_that_clients_posts(workspace: Path, tmp_path: Path) -> None:
    velonde = export(workspace, tmp_path / "velonde", "--site", "client-velonde", "--format", "json")
    internal = export(workspace, tmp_path / "internal", "--format", "json")
    own = _figure(velonde["influencer_networks"], "lea-fontaine", "instagram", "reach")
    whole = _figure(internal["influencer_networks"], "lea-fontaine", "instagram", "reach")
    assert (own["value"], own["posts"], own["of"]) == (7000, 1, 1)
    assert whole["of"] > 1 and whole["value"] != 7000  # her Herbier de Lure posts, internally only
    assert [r["post"] for r in velonde["posts"] if r["influencer"] == "lea-fontaine"] == ["v12"]


@pytest.mark.parametrize("output", ["csv", "json"])
def test_the_public_export_holds_the_highlights_of_published_case_studies(workspace: Path, tmp_path: Path,
                                                                         output: str) -> None:
    public = export(workspace, tmp_path / "public", "--site", "public", "--format", output)
    internal = export(workspace, tmp_path / "internal", "--format", output)
    assert list(public) == ["case_studies"]
    rows = public["case_studies"]
    assert [(r["campaign"], r["metric"]) for r in rows] == [
        ("printemps-eclat-2026", metric) for metric in ("reach", "views", "engagement_rate", "conversions")]
    assert set(rows[0]) == {"campaign", "metric", "value"}
    whole = {(r["campaign"], r["metric"]): r["value"] for r in internal["campaigns"]}
    assert all(r["value"] == whole[r["campaign"], r["metric"]] for r in rows)  # the campaign's, unrounded


def test_an_export_replaces_the_tables_of_an_earlier_one(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(workspace, out)
    export(workspace, out, "--site", "client-velonde", "--format", "json")
    assert sorted(p.name for p in out.iterdir()) == ["campaigns.json", "influencer_networks.json", "posts.json"]
    assert "margin" not in (out / "campaigns.json").read_text(encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    export(workspace, out, "--site", "public")
    assert sorted(p.name for p in out.iterdir()) == ["case_studies.csv", "notes.txt"]


def test_an_unknown_site_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--workspace", str(workspace),
                                      "--site", "client-inconnu"], env={"SOURCE_DATE_EPOCH": DEMO_EPOCH})
    assert result.exit_code == 2 and "no site named 'client-inconnu'" in result.output
    assert not (tmp_path / "out").exists()
