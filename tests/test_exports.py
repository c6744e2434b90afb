"""`pressbook export --site NAME` writes what that site shows and nothing else: a client's export its
own campaigns, with figures computed from its site's view; the public export the figures its case
studies highlight. CSV and JSON unrounded, for programs; a French CSV and an xlsx workbook, for people,
read back here as a spreadsheet would read them."""
from __future__ import annotations

import codecs
import csv
import json
import os
import re
import time
import zipfile
from datetime import datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
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


# --- the formats made for people --------------------------------------------------------------

def export_files(workspace: Path, out: Path, *args: str, epoch: str = DEMO_EPOCH) -> list[Path]:
    result = CliRunner().invoke(cli, ["export", str(out), "--workspace", str(workspace), *args],
                                env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.splitlines()]


def french_csv(path: Path) -> list[list[str]]:
    """A French CSV as Python's csv module reads it with the French dialect: `;` between cells."""
    assert path.read_bytes().startswith(codecs.BOM_UTF8)  # how Excel knows it is UTF-8
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def as_dicts(rows: list[list]) -> list[dict]:
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def sheets(path: Path) -> dict[str, list[list]]:
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows()] for sheet in workbook}


ID_COLUMNS = ("Campagne", "Indicateur", "Influenceur", "Réseau", "Publication", "Format")  # the rest: numbers


def page_figure(text: str) -> Decimal | None:
    """A figure as a French page writes it (« 856 486 estimé », « 4,6 % », « 37 458,47 € »), as a number."""
    if text.startswith("non disponible"):
        return None
    figure = Decimal(re.sub(r"[^0-9,\-]", "", text.split(" estimé")[0]).replace(",", "."))
    return figure.scaleb(-2) if "%" in text else figure


def cell_shows(cell) -> Decimal:
    """An xlsx cell's number rounded as its format shows it (half to even: no figure here is a tie)."""
    code = cell.number_format
    places = len(code.split(".")[1].split("%")[0].split('"')[0]) if "." in code else 0
    places += 2 if code.endswith("%") else 0
    return Decimal(repr(cell.value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN)


@pytest.fixture(scope="module")
def client_site(workspace: Path) -> Path:
    """Herbier de Lure's site, built from the same workspace, to hold the exports against."""
    from pressbook.build import build

    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        assert build(workspace, "client-herbier-de-lure").ok
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return workspace / "site" / "client-herbier-de-lure"


def test_the_cli_offers_every_format_export_writes() -> None:
    from pressbook.export import FORMATS

    option = next(p for p in cli.commands["export"].params if p.name == "output_format")
    assert tuple(option.type.choices) == FORMATS


def test_the_french_csv_reads_as_french_excel_reads_numbers(workspace: Path, tmp_path: Path) -> None:
    written = export_files(workspace, tmp_path / "out", "--site", "client-herbier-de-lure", "--format", "csv-fr")
    assert [p.name for p in written] == ["campaigns.csv", "influencer_networks.csv", "posts.csv"]
    raw = written[0].read_text(encoding="utf-8-sig")
    assert raw.splitlines()[0] == ("Campagne;Indicateur;Valeur;Publications comptées;Publications en tout;"
                                   "Estimé;Cible;Atteinte")
    campaigns = as_dicts(french_csv(written[0]))
    rate = next(r for r in campaigns if (r["Campagne"], r["Indicateur"]) ==
                ("printemps-eclat-2026", "Taux d'engagement"))
    assert (rate["Valeur"], rate["Cible"], rate["Estimé"]) == ("0,046", "0,045", "oui")  # 4,6 % and 4,5 %
    revenue = next(r for r in campaigns if (r["Campagne"], r["Indicateur"]) ==
                   ("printemps-eclat-2026", "Chiffre d'affaires"))
    assert revenue["Valeur"] == "37458,47"  # no thousands separator: Excel reads it as a number
    for path in written:
        for row in as_dicts(french_csv(path)):
            for column, cell in row.items():
                if column not in (*ID_COLUMNS, "Estimé", "Publiée le"):
                    assert re.fullmatch(r"(-?[0-9]+(,[0-9]{1,4})?)?", cell), (path.name, column, cell)
    posts = as_dicts(french_csv(written[2]))
    first = next(r for r in posts if r["Publication"] == "p01")
    assert first["Publiée le"] == "04/03/2026"  # day/month/year, as French Excel reads a date
    assert first["Taux d'engagement"] == "0,070"
    assert (first["Réseau"], first["Format"]) == ("Instagram", "Reel")  # by name, as the pages say them
    assert {r["Format"] for r in posts} >= {"Carrousel", "Vidéo"} and "carousel" not in {r["Format"] for r in posts}


def test_the_people_formats_round_as_the_site_shows(workspace: Path, client_site: Path, tmp_path: Path) -> None:
    page = BeautifulSoup((client_site / "campaigns" / "printemps-eclat-2026" / "results.html")
                         .read_text(encoding="utf-8"), "html.parser")
    french = as_dicts(french_csv(export_files(workspace, tmp_path / "fr", "--site", "client-herbier-de-lure",
                                              "--format", "csv-fr")[0]))
    book = openpyxl.load_workbook(export_files(workspace, tmp_path / "xlsx", "--site", "client-herbier-de-lure",
                                               "--format", "xlsx")[0])
    cells = {(row[0].value, row[1].value): row for row in book["Campagnes"].iter_rows(min_row=2)}
    exported = {(r["Campagne"], r["Indicateur"]): r for r in french}
    compared = 0
    for row in page.select("table.pb-figures tbody tr"):
        name, shown = (td.get_text(" ", strip=True) for td in row.select("td")[:2])
        figure = page_figure(shown)
        written = exported["printemps-eclat-2026", name]["Valeur"]
        assert (Decimal(written.replace(",", ".")) if written else None) == figure, (name, shown, written)
        assert cell_shows(cells["printemps-eclat-2026", name][2]) == figure, name
        compared += 1
    for row in page.select("table.pb-kpis tbody tr"):
        name, target, _, reached = (td.get_text(" ", strip=True) for td in row.select("td")[:4])
        line = exported["printemps-eclat-2026", name]
        assert Decimal(line["Cible"].replace(",", ".")) == page_figure(target), name
        assert Decimal(line["Atteinte"].replace(",", ".")) == page_figure(reached), name
        assert cell_shows(cells["printemps-eclat-2026", name][7]) == page_figure(reached), name
        compared += 1
    assert compared == 28  # every figure of the page's two tables


def test_the_workbook_has_a_typed_formatted_sheet_per_table(workspace: Path, tmp_path: Path) -> None:
    written = export_files(workspace, tmp_path / "out", "--site", "client-herbier-de-lure", "--format", "xlsx")
    assert [p.name for p in written] == ["kpis.xlsx"]
    book = openpyxl.load_workbook(written[0])
    assert book.sheetnames == ["Campagnes", "Influenceurs par réseau", "Publications"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"  # the header row stays in sight
        header = [cell.value for cell in sheet[1]]
        assert all(cell.font.b for cell in sheet[1])
        for index, label in enumerate(header, start=1):
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width
            assert len(label) <= width <= 45, (sheet.title, label, width)
    posts = sheets(written[0])["Publications"]
    header = [cell.value for cell in posts[0]]
    assert header == ["Campagne", "Publication", "Influenceur", "Réseau", "Format", "Publiée le", "Portée",
                      "Impressions", "Vues", "Engagements", "Clics", "Conversions", "Chiffre d'affaires",
                      "Taux d'engagement", "Estimé"]
    first = {label: cell for label, cell in zip(header, next(r for r in posts if r[1].value == "p01"))}
    assert first["Portée"].value == 48712 and first["Portée"].data_type == "n"
    assert first["Portée"].number_format == "#,##0"
    assert first["Chiffre d'affaires"].value == 3437.03
    assert first["Chiffre d'affaires"].number_format == '#,##0.00" €"'
    assert abs(first["Taux d'engagement"].value - 0.0697627520759) < 1e-12  # the full value…
    assert first["Taux d'engagement"].number_format == "0.0%"  # …shown by its cell as 7,0 %
    assert first["Publiée le"].is_date and first["Publiée le"].value == datetime(2026, 3, 4)
    assert first["Publiée le"].number_format == "dd/mm/yyyy"
    assert first["Estimé"].value is False and first["Estimé"].data_type == "b"
    campaigns = sheets(written[0])["Campagnes"]
    roas = next(r for r in campaigns if (r[0].value, r[1].value) == ("printemps-eclat-2026", "ROAS"))
    assert roas[2].number_format == '0.00" ×"' and roas[7].number_format == "0.0%"
    cpe = next(r for r in campaigns if (r[0].value, r[1].value) == ("printemps-eclat-2026", "Coût par engagement"))
    assert cpe[2].number_format == cpe[6].number_format == '#,##0.00" €"'
    for sheet in sheets(written[0]).values():  # never a number written as text
        header = [cell.value for cell in sheet[0]]
        for row in sheet[1:]:
            for label, cell in zip(header, row):
                if label not in ID_COLUMNS:
                    assert isinstance(cell.value, (int, float, bool, datetime, type(None))), (label, cell.value)


def test_the_workbook_is_the_same_bytes_for_the_same_input(workspace: Path, tmp_path: Path) -> None:
    first = export_files(workspace, tmp_path / "one", "--format", "xlsx")[0]
    time.sleep(1.1)  # the clock moves on; the workbook does not follow it
    second = export_files(workspace, tmp_path / "two", "--format", "xlsx")[0]
    assert first.read_bytes() == second.read_bytes()
    assert openpyxl.load_workbook(first).properties.created == datetime.fromtimestamp(int(DEMO_EPOCH), timezone.utc
                                                                                      ).replace(tzinfo=None)
    later = export_files(workspace, tmp_path / "later", "--format", "xlsx", epoch=str(int(DEMO_EPOCH) + 86400))[0]
    assert later.read_bytes() != first.read_bytes()
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(later) as other:
        differ = [name for name in one.namelist() if one.read(name) != other.read(name)]
    assert differ == ["docProps/core.xml"]  # the creation date is the build's moment, nothing else moves


def test_an_english_workspace_gets_english_headers_and_its_currency_where_english_puts_it(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    settings = root / "content" / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: fr", "language: en")
                        .replace("currency: EUR", "currency: GBP"), encoding="utf-8")
    # The French Excel files keep DD/MM/YYYY dates, which only a French workspace reads.
    (root / "content" / "campaigns" / "rentree-velotaf-2026" / "posts.csv").unlink()
    (root / "content" / "campaigns" / "rentree-velotaf-2026" / "metrics.csv").unlink()
    book = openpyxl.load_workbook(export_files(root, tmp_path / "out", "--format", "xlsx")[0])
    assert book.sheetnames == ["Campaigns", "Influencers by network", "Posts"]
    header = [cell.value for cell in book["Campaigns"][1]]
    assert header == ["Campaign", "Metric", "Value", "Posts counted", "Posts in all", "Estimated", "Target",
                      "Attainment"]
    revenue = next(r for r in book["Campaigns"].iter_rows(min_row=2) if r[1].value == "Revenue")
    assert revenue[2].number_format == '"£"#,##0.00'
    fees = next(r for r in book["Campaigns"].iter_rows(min_row=2) if r[1].value.startswith("Fees"))
    assert fees[2].number_format == '"£"#,##0.00'  # internal figures, money as well


def test_text_a_spreadsheet_could_run_stays_text(workspace: Path, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    (root / "themes").mkdir()
    (root / "themes" / "labels.yml").write_text('fr:\n  metric_reach: "=HYPERLINK(\\"http://x.test\\")"\n'
                                                '  campaign: "@Campagne"\n', encoding="utf-8")
    book = export_files(root, tmp_path / "xlsx", "--format", "xlsx")[0]
    with zipfile.ZipFile(book) as archive:
        assert not any("<f>" in archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/"))
    campaigns = sheets(book)["Campagnes"]
    assert campaigns[0][0].value == "@Campagne" and campaigns[0][0].data_type == "s"
    reach = next(r for r in campaigns if r[1].value.startswith("=HYPER"))
    assert reach[1].data_type == "s"  # a string, never a formula
    french = french_csv(export_files(root, tmp_path / "fr", "--format", "csv-fr")[0])
    assert french[0][0] == "'@Campagne"
    assert any(row[1] == "'=HYPERLINK(\"http://x.test\")" for row in french)


def test_an_export_in_another_format_replaces_the_workbook(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_files(workspace, out, "--format", "xlsx")
    export_files(workspace, out, "--site", "client-velonde", "--format", "csv-fr")
    assert sorted(p.name for p in out.iterdir()) == ["campaigns.csv", "influencer_networks.csv", "posts.csv"]
    export_files(workspace, out, "--site", "public", "--format", "xlsx")
    assert sorted(p.name for p in out.iterdir()) == ["kpis.xlsx"]
    assert openpyxl.load_workbook(out / "kpis.xlsx").sheetnames == ["Études de cas"]
