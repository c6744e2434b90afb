"""`pressbook import influencers`: a list exported by a discovery tool, read through the generic mapping,
creates and updates identity cards, without ever changing what a person wrote."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressbook.cli import cli
from pressbook.loading.frontmatter import load_front_matter
from pressbook.model.people import Influencer

from conftest import copy_demo

ON = date(2026, 12, 1)
CARD = "content/influencers/elodie-garcia.md"  # a demo card the list updates, by its Instagram account

# The list, as a person would read it: the same rows are written below as each format writes them.
ROWS = [
    {"name": "Élodie Garcia", "network": "Instagram", "handle": "@Elodie.EnAltitude", "followers": 61250,
     "rate": Decimal("3.2"), "views": 12500, "topics": "sport, montagne", "femmes": Decimal("64.5")},
    {"name": "Zoé Lefèvre", "network": "TikTok", "handle": "zoe.lefevre", "followers": 1204300,
     "rate": Decimal("5.75"), "views": 230000, "topics": "mode; beauté", "femmes": Decimal("71")},
    {"name": "Zoé Lefèvre", "network": "Instagram", "handle": "zoe.lefevre", "followers": 88000,
     "rate": Decimal("2.1"), "views": None, "topics": "mode; beauté", "femmes": None},
]
HEADER_FR = ["Nom", "Réseau", "Compte", "Abonnés", "Taux d’engagement", "Vues moyennes", "Thématiques", "Femmes"]
HEADER_EN = ["name", "network", "handle", "followers", "engagement rate", "average views", "topics", "women"]


def french_excel(rows: list[dict]) -> bytes:
    """As French Excel saves « CSV (séparateur : point-virgule) »: cp1252, `;`, decimal comma, thousands
    grouped by no-break spaces, percentages with their sign, CR LF."""
    def number(value, percent=False):
        if value is None:
            return ""
        if isinstance(value, int):
            return f"{value:,}".replace(",", "\u00a0")
        return str(value).replace(".", ",") + (" %" if percent else "")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER_FR)
    for row in rows:
        writer.writerow([row["name"], row["network"], row["handle"], number(row["followers"]),
                         number(row["rate"], True), number(row["views"]), row["topics"], number(row["femmes"])])
    return out.getvalue().encode("cp1252")


def utf8_csv(rows: list[dict]) -> bytes:
    def cell(value):
        text = "" if value is None else str(value)
        return f'"{text}"' if "," in text else text
    lines = [",".join(HEADER_EN)]
    for row in rows:
        lines.append(",".join(cell(v) for v in [row["name"], row["network"], row["handle"], row["followers"],
                                                 f"{row['rate']}%", row["views"], row["topics"], row["femmes"]]))
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def workbook(rows: list[dict], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    percent = book.add_format({"num_format": "0.00%"})
    sheet.write_row(0, 0, HEADER_FR)
    for line, row in enumerate(rows, start=1):
        sheet.write_row(line, 0, [row["name"], row["network"], row["handle"], row["followers"]])
        sheet.write_number(line, 4, float(row["rate"] / 100), percent)
        if row["views"] is not None:
            sheet.write_number(line, 5, row["views"])
        sheet.write_string(line, 6, row["topics"])
        if row["femmes"] is not None:
            sheet.write_number(line, 7, float(row["femmes"]))  # a number alone: the mapping says percent
    book.close()


def export(tmp_path: Path, kind: str, rows: list[dict] = ROWS, name: str = "prospects") -> Path:
    if kind == "xlsx":
        path = tmp_path / f"{name}.xlsx"
        workbook(rows, path)
        return path
    path = tmp_path / f"{name}.csv"
    path.write_bytes(french_excel(rows) if kind == "french" else utf8_csv(rows))
    return path


class Run:
    def __init__(self, result) -> None:
        self.exit_code = result.exit_code
        # The demo speaks French: its typography's no-break spaces read here as spaces.
        self.output = result.output.replace("\u00a0", " ").replace("\u202f", " ")


def run(root: Path, file: Path, *options: str, mapping: str = "generic-influencers") -> Run:
    return Run(CliRunner().invoke(cli, ["import", "influencers", str(file), "--mapping", mapping,
                                        "--workspace", str(root), *options], catch_exceptions=False))


def snapshot(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((root / "content").rglob("*")) if path.is_file()}


def front(root: Path, path: str):
    problems: list = []
    document = load_front_matter((root / path).read_text(encoding="utf-8"), path, problems)
    assert problems == []
    return document


def outside_networks(text: str) -> list[str]:
    """The card's lines but those of its `networks:` block (up to the next top-level key)."""
    kept, inside = [], False
    for line in text.split("\n"):
        if line.startswith("networks:"):
            inside = True
            continue
        if inside and line and not line.startswith((" ", "#")):
            inside = False
        if not inside:
            kept.append(line)
    return kept


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "workspace")


@pytest.mark.parametrize("kind", ["french", "utf8", "xlsx"])
def test_a_list_creates_cards_and_updates_accounts(root: Path, tmp_path: Path, kind: str) -> None:
    before_text = (root / CARD).read_text(encoding="utf-8")
    before = front(root, CARD).data
    assert date.fromisoformat(before["networks"]["instagram"]["followers_on"]) < ON
    result = run(root, export(tmp_path, kind), "--date", ON.isoformat(), "--write")
    assert result.exit_code == 0, result.output

    new = Influencer.model_validate(front(root, "content/influencers/zoe-lefevre.md").data)
    assert new.name == "Zoé Lefèvre"
    assert new.topics == ("mode", "beauté")
    assert set(new.networks) == {"tiktok", "instagram"}
    tiktok = new.networks["tiktok"]
    assert (tiktok.handle, tiktok.followers, tiktok.followers_on) == ("zoe.lefevre", ROWS[1]["followers"], ON)
    (reading,) = tiktok.declared
    assert reading.source == "prospects" and reading.on == ON
    assert reading.engagement_rate == ROWS[1]["rate"] / 100
    assert reading.average_views == ROWS[1]["views"]
    assert reading.audience.gender == {"femmes": ROWS[1]["femmes"] / 100}
    assert new.networks["instagram"].declared[0].average_views is None

    after_text = (root / CARD).read_text(encoding="utf-8")
    card = Influencer.model_validate(front(root, CARD).data)
    instagram = card.networks["instagram"]
    assert (instagram.followers, instagram.followers_on) == (ROWS[0]["followers"], ON)
    readings = {reading.source: reading for reading in instagram.declared}
    assert readings["prospects"].engagement_rate == ROWS[0]["rate"] / 100
    old_readings = before["networks"]["instagram"].get("declared", ())
    assert len(instagram.declared) == len(old_readings) + 1  # the others' readings are kept
    # What a person wrote is untouched: every line outside `networks:`, the body, the other accounts.
    assert outside_networks(after_text) == outside_networks(before_text)
    assert card.topics == tuple(before["topics"])  # the export's topics do not replace the card's
    assert front(root, CARD).data["networks"]["youtube"] == before["networks"]["youtube"]


def test_the_three_formats_give_the_same_cards(tmp_path: Path) -> None:
    results = []
    for kind in ("french", "utf8", "xlsx"):
        workspace = copy_demo(tmp_path / kind)
        assert run(workspace, export(tmp_path / kind, kind), "--date", ON.isoformat(), "--write").exit_code == 0
        results.append({path: (workspace / path).read_bytes() for path in
                        (CARD, "content/influencers/zoe-lefevre.md")})
    assert results[0] == results[1] == results[2]


def test_a_dry_run_shows_the_diff_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    result = run(root, export(tmp_path, "french"), "--date", ON.isoformat())
    assert result.exit_code == 0, result.output
    assert snapshot(root) == before
    assert f"--- a/{CARD}\n+++ b/{CARD}\n" in result.output
    assert "--- /dev/null\n+++ b/content/influencers/zoe-lefevre.md\n" in result.output
    assert f"+    followers: {ROWS[0]['followers']}\n" in result.output
    assert "+name: Zoé Lefèvre\n" in result.output
    assert re.search(r"1 fichier créé, 1 mis à jour, 0 inchangé", result.output)


def test_importing_twice_changes_nothing(root: Path, tmp_path: Path) -> None:
    file = export(tmp_path, "french")
    assert run(root, file, "--date", ON.isoformat(), "--write").exit_code == 0
    written = snapshot(root)
    again = run(root, file, "--date", ON.isoformat())
    assert again.exit_code == 0
    assert "+++" not in again.output and "@@" not in again.output
    assert "0 fichier créé, 0 mis à jour, 2 inchangés" in again.output
    assert run(root, file, "--date", ON.isoformat(), "--write").exit_code == 0
    assert snapshot(root) == written


def test_a_later_export_replaces_its_own_reading_and_an_older_one_keeps_the_count(root: Path, tmp_path: Path) -> None:
    file = export(tmp_path, "utf8")
    assert run(root, file, "--date", ON.isoformat(), "--write").exit_code == 0
    later = [dict(ROWS[0], followers=63000, rate=Decimal("2.9"))]
    assert run(root, export(tmp_path, "utf8", later), "--date", "2026-12-15", "--write").exit_code == 0
    account = Influencer.model_validate(front(root, CARD).data).networks["instagram"]
    mine = [reading for reading in account.declared if reading.source == "prospects"]
    assert [(r.on, r.engagement_rate) for r in mine] == [(date(2026, 12, 15), Decimal("0.029"))]
    assert account.followers == 63000
    older = [dict(ROWS[0], followers=50000)]
    assert run(root, export(tmp_path, "utf8", older), "--date", "2026-11-20", "--write").exit_code == 0
    account = Influencer.model_validate(front(root, CARD).data).networks["instagram"]
    assert (account.followers, account.followers_on) == (63000, date(2026, 12, 15))


def test_comments_and_hand_written_keys_stay_byte_for_byte(root: Path, tmp_path: Path) -> None:
    path = root / CARD
    text = path.read_text(encoding="utf-8")
    text = text.replace("\ntone:", "\n# Relu avec elle le 3 novembre : ne rien changer ici.\ntone:", 1)
    text = text.replace("\nnetworks:\n", "\nnetworks:  # ses comptes\n", 1)
    path.write_text(text, encoding="utf-8")
    assert run(root, export(tmp_path, "french"), "--date", ON.isoformat(), "--write").exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after != text
    assert outside_networks(after) == outside_networks(text)
    assert "networks:  # ses comptes\n" in after
    assert after.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]  # the portrait
    for key in ("tone", "personality", "notes", "interactions", "brands", "contact", "rate_card"):
        assert front(root, CARD).data.get(key) == load_front_matter(text, CARD, []).data.get(key)


def test_the_workspace_checks_as_before_after_an_import(root: Path, tmp_path: Path) -> None:
    from pressbook.checking import check_workspace

    def said(problems) -> set[tuple[str, str, str]]:
        return {(p.location.path, p.code, str(p.message)) for p in problems}

    _, before = check_workspace(root)
    assert run(root, export(tmp_path, "french"), "--date", ON.isoformat(), "--write").exit_code == 0
    _, after = check_workspace(root)
    assert said(after) - said(before) == set()
    assert any(p.location.path == "content/influencers/zoe-lefevre.md" for p in after) is False


def test_a_new_card_needs_topics(root: Path, tmp_path: Path) -> None:
    rows = [dict(ROWS[1], topics="")]
    file = export(tmp_path, "utf8", rows)
    result = run(root, file, "--date", ON.isoformat(), "--write")
    assert result.exit_code == 1
    assert f"{file}:2:1 " in result.output and "--topic" in result.output
    assert not (root / "content/influencers/zoe-lefevre.md").exists()
    assert run(root, file, "--date", ON.isoformat(), "--topic", "mode", "--write").exit_code == 0
    assert front(root, "content/influencers/zoe-lefevre.md").data["topics"] == ("mode",)


# --- bad input: each at the file's line and column, and nothing written ------------------------------

def where(file: Path, text: str, line: int, cell: str) -> str:
    """`file:line:col` of `cell` on `line` of a CSV text."""
    column = text.split("\n")[line - 1].index(cell) + 1
    return f"{file}:{line}:{column}"


def refused(root: Path, before: dict[str, str], result) -> str:
    assert result.exit_code == 1, result.output
    assert snapshot(root) == before
    return result.output


def test_a_value_that_does_not_fit_is_reported_at_its_cell(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    text = "\n".join(["nom,réseau,compte,abonnés,taux d'engagement,e-mail",
                      "Zoé Lefèvre,tiktok,zoe.lefevre,abc,5%,zoe@example.fr",
                      "Léo Brun,tiktok,leo.brun,1200,250 %,leo@example.fr",
                      "Léo Brun,youtube,leo.brun,1200,2%,pas-une-adresse",
                      "Ana Sol,tiktokk,ana.sol,1200,2%,ana@example.fr",
                      "Mia Roy,tiktok,mia.roy,12.5k,2%,mia@example.fr"]) + "\n"
    file = tmp_path / "bad.csv"
    file.write_text(text, encoding="utf-8")
    output = refused(root, before, run(root, file, "--date", ON.isoformat(), "--topic", "mode"))
    assert f"{where(file, text, 2, 'abc')} : erreur : followers : " in output and "« abc »" in output
    assert f"{where(file, text, 3, '250 %')} : erreur : engagement_rate : " in output
    assert f"{where(file, text, 4, 'pas-une-adresse')} : erreur : contact.email : " in output
    assert f"{where(file, text, 5, 'tiktokk')} : erreur : " in output and "« tiktok »" in output
    assert f"{where(file, text, 6, '12.5k')} : erreur : followers : " in output and "écrivez 12500" in output


def test_two_rows_for_the_same_account_are_refused(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    text = "\n".join(["name,network,handle,followers",
                      "Élodie Garcia,instagram,elodie.enaltitude,60000",
                      "Zoé Lefèvre,tiktok,zoe.lefevre,1000",
                      "E. Garcia,Instagram,@ELODIE.ENALTITUDE,61000"]) + "\n"
    file = tmp_path / "twice.csv"
    file.write_text(text, encoding="utf-8")
    output = refused(root, before, run(root, file, "--date", ON.isoformat(), "--topic", "mode"))
    assert f"{where(file, text, 4, '@ELODIE')} : erreur : " in output
    assert "ligne 2" in output


def test_a_mapping_naming_an_unknown_field_is_refused_at_its_line(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    mapping = tmp_path / "outil.yml"
    text = "kind: influencers\nnetwork: instagram\ncolumns:\n  handle: Username\n  folowers: Followers\n"
    mapping.write_text(text, encoding="utf-8")
    file = tmp_path / "list.csv"
    file.write_text("Username,Followers\nzoe.lefevre,1000\n", encoding="utf-8")
    output = refused(root, before, run(root, file, "--date", ON.isoformat(), mapping=str(mapping)))
    assert f"{mapping}:5:3 : erreur : columns.folowers : " in output and "« followers »" in output


def test_a_mapped_column_missing_from_the_export_is_refused_at_its_first_line(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    mapping = tmp_path / "outil.yml"
    mapping.write_text("kind: influencers\nnetwork: instagram\ncolumns:\n  handle: Username\n"
                       "  followers: Followers\n", encoding="utf-8")
    file = tmp_path / "list.csv"
    file.write_text("Username,Folowers count\nzoe.lefevre,1000\n", encoding="utf-8")
    output = refused(root, before, run(root, file, "--date", ON.isoformat(), mapping=str(mapping)))
    assert f"{file}:1:1 : erreur : " in output and "« Followers »" in output and "« Folowers count »" in output


def test_an_export_without_a_date_asks_for_one(root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    file = export(tmp_path, "utf8")
    output = refused(root, before, run(root, file))
    assert f"{file}:1:1 : erreur : " in output and "--date" in output


def test_a_card_saved_with_windows_line_ends_or_written_in_flow_style_keeps_its_other_lines(
        root: Path, tmp_path: Path) -> None:
    windows = root / "content/influencers/crlf-test.md"
    windows.write_bytes(b"---\r\nname: Crlf Test\r\ntopics: [mode]\r\nnetworks:\r\n  tiktok:\r\n    handle: crlf\r\n"
                        b"    followers: 5\r\n\r\n  # youtube: chiffres du kit\r\n  youtube: {handle: crlfyt, followers: 7}"
                        b"\r\n# fin\r\nlocation: Lyon\r\n---\r\nPortrait.\r\n")
    flow = root / "content/influencers/flow-test.md"
    flow.write_text("---\nname: Flow Test\ntopics: [mode]\n# ses comptes\nnetworks: {instagram: {handle: flowtest, "
                    "followers: 10}}\n---\nPortrait.\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in (windows, flow)}
    file = tmp_path / "list.csv"
    file.write_text("name,network,handle,followers\nCrlf Test,youtube,crlfyt,9\nFlow Test,instagram,flowtest,20\n",
                    encoding="utf-8")
    assert run(root, file, "--date", ON.isoformat(), "--write").exit_code == 0
    after = windows.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    kept = before[windows].split(b"\r\n")
    assert after.split(b"\r\n")[:9] == kept[:9]  # down to the comment above the account that changed
    assert after.split(b"\r\n")[-5:] == kept[-5:]
    assert Influencer.model_validate(front(root, "content/influencers/crlf-test.md").data) \
        .networks["youtube"].followers == 9
    card = Influencer.model_validate(front(root, "content/influencers/flow-test.md").data)
    assert card.networks["instagram"].followers == 20
    assert flow.read_text(encoding="utf-8").startswith("---\nname: Flow Test\ntopics: [mode]\n# ses comptes\n")
    assert flow.read_text(encoding="utf-8").endswith("\n---\nPortrait.\n")


def test_a_workbook_s_cell_is_reported_at_its_row_and_column_number(root: Path, tmp_path: Path) -> None:
    import xlsxwriter

    before = snapshot(root)
    file = tmp_path / "liste.xlsx"
    book = xlsxwriter.Workbook(str(file))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Nom", "Réseau", "Compte", "Abonnés"])
    sheet.write_row(1, 0, ["Zoé Lefèvre", "tiktok", "zoe.lefevre", 1000])
    sheet.write_row(3, 0, ["Léo Brun", "tiktok", "leo.brun", "beaucoup"])  # after a blank row, as typed
    book.close()
    output = refused(root, before, run(root, file, "--date", ON.isoformat(), "--topic", "mode"))
    assert f"{file}:4:4 : erreur : followers : " in output and "« beaucoup »" in output
