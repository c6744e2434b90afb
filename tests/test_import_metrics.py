"""`pressbook import metrics`: post statistics exported by a platform appended to a campaign's metrics.csv.

Every test works on a copy of the demo workspace and small exports generated from its own posts.csv, so
that the expectations are computed from the workspace, not written out: the figures imported are those
the sites then show, the rows already there stay byte for byte, and a bad row is reported at its line
and column with nothing written."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from conftest import copy_demo
from pressbook.checking import check_workspace
from pressbook.cli import cli
from pressbook.metrics.compute import compute_numbers
from pressbook.validation.workspace import load_workspace

SPRING = "printemps-eclat-2026"  # ',' separated, ISO dates, UTF-8
SCHOOL = "rentree-velotaf-2026"  # ';' separated, DD/MM/YYYY, decimal comma, CR LF
CHRISTMAS = "noel-gourmand-2026"
LATER = date(2027, 1, 15)  # after every post of the demo, and after every snapshot


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "demo")


def run(ws: Path, export: Path, campaign: str, mapping: str, *more: str):
    result = CliRunner().invoke(cli, ["import", "metrics", str(export), "--campaign", campaign,
                                      "--mapping", mapping, "--workspace", str(ws), *more])
    assert "Traceback" not in result.output, result.output
    return result


def metrics_path(ws: Path, campaign: str) -> Path:
    return ws / "content" / "campaigns" / campaign / "metrics.csv"


def posts(ws: Path, campaign: str):
    workspace, problems = load_workspace(ws)
    assert workspace is not None, problems
    return workspace.campaigns[campaign].posts


def published(post) -> date:
    return post.published_on(ZoneInfo("Europe/Paris"))


def write_csv(path: Path, rows: list[list[object]], separator: str = ",", encoding: str = "utf-8") -> Path:
    text = io.StringIO()
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def cell_column(path: Path, line: int, index: int, separator: str = ",", encoding: str = "utf-8") -> int:
    """Where cell `index` of `line` starts, counted in characters as the report counts them."""
    raw = path.read_bytes().decode(encoding).replace("\r\n", "\n").split("\n")[line - 1]
    column, quoted = 1, False
    starts = [1]
    for char in raw:
        column += 1
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            starts.append(column)
    return starts[index]


def located(output: str, path: Path, line: int, column: int) -> bool:
    """Whether the report names this place, as `path:line:col`, followed by its severity."""
    return re.search(re.escape(f"{path}:{line}:{column}") + r"\s:", output) is not None


def figures(ws: Path, campaign: str) -> dict[str, dict[str, object]]:
    """Each post's figures as the sites show them: metric → value at its latest known date."""
    workspace, problems = load_workspace(ws)
    assert workspace is not None, problems
    numbers = compute_numbers(workspace, LATER)
    return {item.post.id: {name: reading.value for name, reading in item.readings.items()}
            for item in numbers.posts[campaign]}


def check_problems(ws: Path) -> list[str]:
    _, problems = check_workspace(ws)
    return sorted(f"{p.location} {p.code} {p.message}" for p in problems)


# --- every preset, on an export generated from the campaign's own posts -----------------------------

def instagram_export(path: Path, chosen: list, day_figures: list[dict[str, int]]) -> Path:
    header = ["Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
              "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
              "Shares", "Follows", "Comments", "Saves"]
    rows = [header]
    for number, (post, values) in enumerate(zip(chosen, day_figures)):
        rows.append([f"1801{number:013d}", "17841400000000000", "account", "Name", "a caption, with a comma", 0,
                     post.published.strftime("%m/%d/%Y %H:%M"), post.url, "IG reel", "", "Lifetime",
                     values["views"], values["reach"], values["likes"], values["shares"], 3, values["comments"],
                     values["saves"]])
    return write_csv(path, rows)


def test_instagram_export_appends_its_figures_and_the_sites_show_them(ws: Path, tmp_path: Path) -> None:
    chosen = [p for p in posts(ws, SPRING) if p.network == "instagram" and "/stories/" not in p.url][:3]
    values = [dict(views=100000 + i, reach=80000 + i, likes=5000 + i, shares=300 + i, comments=200 + i,
                   saves=400 + i) for i in range(len(chosen))]
    export = instagram_export(tmp_path / "instagram.csv", chosen, values)
    path = metrics_path(ws, SPRING)
    before_bytes, before_check = path.read_bytes(), check_problems(ws)

    dry = run(ws, export, SPRING, "instagram-meta-metrics", "--date", LATER.isoformat())
    assert dry.exit_code == 0, dry.output
    assert path.read_bytes() == before_bytes  # a dry run writes nothing
    added = [line[1:] for line in dry.output.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(added) == len(chosen)
    assert f"+++ b/content/campaigns/{SPRING}/metrics.csv" in dry.output

    written = run(ws, export, SPRING, "instagram-meta-metrics", "--date", LATER.isoformat(), "--write")
    assert written.exit_code == 0, written.output
    after = path.read_bytes()
    assert after.startswith(before_bytes)  # the rows already there, byte for byte
    assert after[len(before_bytes):].decode().splitlines() == added  # what the dry run showed
    assert check_problems(ws) == before_check  # the file still passes check, as it did
    shown = figures(ws, SPRING)
    for post, expected in zip(chosen, values):
        for name, value in expected.items():
            assert shown[post.id][name] == value
        assert shown[post.id]["impressions"] != expected["views"]  # not mapped: the earlier value stays

    again = run(ws, export, SPRING, "instagram-meta-metrics", "--date", LATER.isoformat())
    assert again.exit_code == 0 and "+++" not in again.output  # the second import changes nothing
    assert re.search(rf"\b{len(chosen)} déjà présents", again.output)
    assert path.read_bytes() == after


def test_facebook_export_finds_posts_by_their_id_in_the_address(ws: Path, tmp_path: Path) -> None:
    # The demo has no Facebook post: one of its influencers gets a page, and the campaign a post on it.
    card = ws / "content" / "influencers" / "lea-fontaine.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "networks:\n", "networks:\n  facebook:\n    handle: leafontaine.page\n    followers: 12000\n", 1), encoding="utf-8")
    posts_csv = ws / "content" / "campaigns" / SPRING / "posts.csv"
    with posts_csv.open("a", encoding="utf-8", newline="") as file:
        file.write("p15,lea-fontaine,facebook,post,https://www.facebook.com/leafontaine.page/posts/"
                   "1234567890123456,2026-04-20T10:00,Collaboration commerciale avec @herbierdelure,yes,"
                   "2026-04-18,no,no\n")
    header = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
              "Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
              "Funded content status", "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
              "Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks"]
    row = ["1122334455_1234567890123456", "1122334455", "Léa", "", "", "", "04/20/2026 10:00", "", 
           "https://www.facebook.com/leafontaine.page/posts/pfbid02XyZ", "No", "No", "Photos", "", "", "", "",
           "Lifetime", 9000, 7000, 600, 500, 60, 40, 300, 120, 180]
    export = write_csv(tmp_path / "facebook.csv", [header, row])
    result = run(ws, export, SPRING, "facebook-meta-metrics", "--date", LATER.isoformat(), "--write")
    assert result.exit_code == 0, result.output
    shown = figures(ws, SPRING)["p15"]
    assert (shown["views"], shown["reach"], shown["likes"], shown["comments"], shown["shares"], shown["clicks"]) \
        == (9000, 7000, 500, 60, 40, 120)


def test_youtube_studio_skips_its_total_row_in_english_and_in_french(ws: Path, tmp_path: Path) -> None:
    videos = [p for p in posts(ws, SPRING) + posts(ws, SCHOOL) if p.network == "youtube"]
    spring = [p for p in posts(ws, SPRING) if p.network == "youtube"]
    video_id = re.search(r"v=([^&]+)", spring[0].url).group(1)
    english = write_csv(tmp_path / "Table data.csv", [
        ["Content", "Video title", "Video publish time", "Duration", "Views", "Impressions", "Likes",
         "Comments added", "Shares", "Watch time (hours)"],
        ["Total", "", "", "", 52000, 400000, 2100, 180, 90, "1234.5"],
        [video_id, "Ma routine", "Mar 10, 2026", 912, 52000, 400000, 2100, 180, 90, "1234.5"]])
    result = run(ws, english, SPRING, "youtube-studio-metrics", "--date", LATER.isoformat(), "--write")
    assert result.exit_code == 0, result.output
    shown = figures(ws, SPRING)[spring[0].id]
    assert (shown["views"], shown["impressions"], shown["likes"], shown["comments"], shown["shares"]) == \
        (52000, 400000, 2100, 180, 90)
    # French Studio: its headers, thousands grouped by narrow no-break spaces, decimal commas.
    school = [p for p in posts(ws, SCHOOL) if p.network == "youtube"][0]
    school_id = re.search(r"v=([^&]+)", school.url).group(1)
    french = write_csv(tmp_path / "Données du tableau.csv", [
        ["Contenu", "Titre de la vidéo", "Heure de publication de la vidéo", "Durée", "Vues", "Impressions",
         "Durée moyenne de visionnage (%)"],
        ["Total", "", "", "", "44\u202f531", "120\u202f000", "62,1"],
        [school_id, "Mon vélo", "12 sept. 2026", "812", "44\u202f531", "120\u202f000", "62,1"]])
    assert len(videos) >= 2
    before = metrics_path(ws, SCHOOL).read_bytes()
    result = run(ws, french, SCHOOL, "youtube-studio-metrics", "--date", LATER.isoformat(), "--write")
    assert result.exit_code == 0, result.output
    assert metrics_path(ws, SCHOOL).read_bytes().startswith(before)  # its CR LF rows, byte for byte
    assert (figures(ws, SCHOOL)[school.id]["views"], figures(ws, SCHOOL)[school.id]["impressions"]) == (44531, 120000)
    # The ';' file keeps its dialect: DD/MM/YYYY and CR LF.
    assert metrics_path(ws, SCHOOL).read_bytes().endswith(
        f"{school.id};{LATER:%d/%m/%Y};120000;;44531;;;;;;;;measured\r\n".encode())


def test_tiktok_studio_xlsx_is_matched_by_video_link(ws: Path, tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    videos = [p for p in posts(ws, CHRISTMAS) if p.network == "tiktok"]
    export = tmp_path / "Content.xlsx"
    book = xlsxwriter.Workbook(str(export))
    sheet = book.add_worksheet()
    header = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
              "Total views"]
    sheet.write_row(0, 0, header)
    for line, post in enumerate(videos, start=1):
        sheet.write_row(line, 0, ["", "a video", post.url, "Nov 15", 3000 + line, 100 + line, 50 + line,
                                  90000 + line])
    book.close()
    result = run(ws, export, CHRISTMAS, "tiktok-studio-metrics", "--date", LATER.isoformat(), "--write")
    assert result.exit_code == 0, result.output
    shown = figures(ws, CHRISTMAS)
    for line, post in enumerate(videos, start=1):
        assert (shown[post.id]["likes"], shown[post.id]["views"]) == (3000 + line, 90000 + line)


def test_x_export_finds_a_twitter_address_by_the_post_id(ws: Path, tmp_path: Path) -> None:
    card = ws / "content" / "influencers" / "julien-marchand.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "networks:\n", "networks:\n  x:\n    handle: julienmobilite\n    followers: 5400\n", 1), encoding="utf-8")
    posts_csv = ws / "content" / "campaigns" / SCHOOL / "posts.csv"
    with posts_csv.open("ab") as file:
        file.write("v12;julien-marchand;x;thread;https://twitter.com/julienmobilite/status/2074000000000000001;"
                   "20/10/2026 08:00;Collaboration commerciale avec @velonde;oui;19/10/2026;non;non\r\n"
                   .encode("cp1252"))
    header = ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements", "Bookmarks",
              "Shares", "New follows", "Replies", "Reposts", "Profile visits", "Detail Expands", "URL Clicks",
              "Hashtag Clicks", "Permalink Clicks"]
    row = ["2074000000000000001", "Tue, Oct 20, 2026", "Le vélotaf, thread", 
           "https://x.com/julienmobilite/status/2074000000000000001", 122978, 812, 3000, 45, 7, 3, 44, 575, 129,
           200, 66, 0, 0]
    export = write_csv(tmp_path / "account_analytics_content.csv", [header, row])
    result = run(ws, export, SCHOOL, "x-analytics-metrics", "--date", LATER.isoformat(), "--write")
    assert result.exit_code == 0, result.output
    shown = figures(ws, SCHOOL)["v12"]
    assert (shown["impressions"], shown["likes"], shown["comments"], shown["shares"], shown["saves"],
            shown["clicks"]) == (122978, 812, 44, 575, 45, 66)


# --- the generic mapping, French Excel, a snapshot per row ------------------------------------------

def test_generic_mapping_reads_french_excel_with_one_row_per_post_and_date(ws: Path, tmp_path: Path) -> None:
    chosen = posts(ws, SPRING)[:2]
    days = [LATER, LATER + timedelta(days=7)]
    rows = [["Publication", "Relevé le", "Vues", "J'aime", "Chiffre d'affaires"]]
    for post in chosen:
        for number, day in enumerate(days):
            rows.append([post.id, day.strftime("%d/%m/%Y"), f"1 {number}00 000", str(700 + number),
                         f"1 234,{number}5"])
    export = write_csv(tmp_path / "relevés.csv", rows, separator=";", encoding="cp1252")
    path = metrics_path(ws, SPRING)
    before = path.read_bytes()
    result = run(ws, export, SPRING, "generic-metrics", "--write")
    assert result.exit_code == 0, result.output
    added = path.read_bytes()[len(before):].decode()
    # Appended in the file's dialect: ',' separated, ISO dates, a decimal point.
    assert f"{chosen[0].id},{days[1].isoformat()},,,1100000,701,,,,,,1234.15,measured\r\n" not in added
    assert f"{chosen[0].id},{days[1].isoformat()},,,1100000,701,,,,,,1234.15,measured\n" in added
    assert added.count("\n") == len(chosen) * len(days)
    shown = figures(ws, SPRING)
    assert (shown[chosen[1].id]["views"], shown[chosen[1].id]["revenue"]) == (1100000, Decimal("1234.15"))


def test_generic_mapping_reads_an_xlsx_with_typed_dates_and_numbers(ws: Path, tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    post = posts(ws, SCHOOL)[0]
    export = tmp_path / "relevés.xlsx"
    book = xlsxwriter.Workbook(str(export))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["URL", "Date", "Vues", "Likes", "Revenue"])
    sheet.write_string(1, 0, post.url)
    sheet.write_datetime(1, 1, __import__("datetime").datetime(LATER.year, LATER.month, LATER.day),
                         book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_number(1, 2, 64000)
    sheet.write_number(1, 3, 2100)
    sheet.write_number(1, 4, 99.5)
    book.close()
    result = run(ws, export, SCHOOL, "generic-metrics", "--write")
    assert result.exit_code == 0, result.output
    assert metrics_path(ws, SCHOOL).read_bytes().endswith(
        f"{post.id};{LATER:%d/%m/%Y};;;64000;2100;;;;;;99,5;measured\r\n".encode())
    assert figures(ws, SCHOOL)[post.id]["revenue"] == Decimal("99.5")


def test_a_file_without_a_column_is_written_again_with_it(ws: Path, tmp_path: Path) -> None:
    path = metrics_path(ws, CHRISTMAS)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    saves = rows[0].index("saves")
    path.write_text("".join(",".join(r[:saves] + r[saves + 1:]) + "\n" for r in rows), encoding="utf-8")
    post = posts(ws, CHRISTMAS)[0]
    export = write_csv(tmp_path / "saves.csv", [["post", "date", "saves"], [post.id, LATER.isoformat(), "77"]])
    result = run(ws, export, CHRISTMAS, "generic-metrics", "--write")
    assert result.exit_code == 0, result.output
    assert "saves" in result.output  # said: the file is written again with the column
    written = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert written[0] == rows[0]  # the column back at its place
    assert [r[:saves] + r[saves + 1:] for r in written[1:-1]] == [r[:saves] + r[saves + 1:] for r in rows[1:]]
    assert {r[saves] for r in written[1:-1]} == {""}  # unknown on the earlier rows
    assert figures(ws, CHRISTMAS)[post.id]["saves"] == 77


def test_a_campaign_without_metrics_gets_a_new_file(ws: Path, tmp_path: Path) -> None:
    path = metrics_path(ws, CHRISTMAS)
    path.unlink()
    post = posts(ws, CHRISTMAS)[0]
    export = write_csv(tmp_path / "first.csv", [["post", "date", "likes"], [post.id, LATER.isoformat(), "12"]])
    dry = run(ws, export, CHRISTMAS, "generic-metrics")
    assert "--- /dev/null" in dry.output and not path.exists()
    result = run(ws, export, CHRISTMAS, "generic-metrics", "--write")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == f"post,date,likes,source\n{post.id},{LATER.isoformat()},12,measured\n"


def test_source_of_the_mapping_fills_the_source_column(ws: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "from-creators.yml"
    mapping.write_text("kind: metrics\nsource: creator_reported\nabout: screenshots the influencers sent\n"
                       "columns:\n  post: Post\n  date: Date\n  reach: Reach\n", encoding="utf-8")
    post = posts(ws, SPRING)[0]
    export = write_csv(tmp_path / "captures.csv", [["Post", "Date", "Reach"], [post.id, LATER.isoformat(), "5"]])
    result = run(ws, export, SPRING, str(mapping), "--write")
    assert result.exit_code == 0, result.output
    assert metrics_path(ws, SPRING).read_text(encoding="utf-8").endswith(
        f"{post.id},{LATER.isoformat()},,5,,,,,,,,,creator_reported\n")
    assert "creator_reported" in result.output and "captures.csv" in result.output


def test_skip_unmatched_leaves_out_other_posts_of_an_account(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[0]
    export = write_csv(tmp_path / "account.csv", [["url", "likes"], [post.url, "10"],
                                                   ["https://www.instagram.com/p/SOMETHINGELSE/", "3"]])
    refused = run(ws, export, SPRING, "generic-metrics", "--date", LATER.isoformat())
    assert refused.exit_code == 1
    result = run(ws, export, SPRING, "generic-metrics", "--date", LATER.isoformat(), "--skip-unmatched")
    assert result.exit_code == 0, result.output
    assert re.search(r"\b1 ligne ne correspond", result.output)


# --- bad input: at the export's line and column, nothing written ------------------------------------

def refused(ws: Path, export: Path, campaign: str, mapping: str, *more: str) -> str:
    path = metrics_path(ws, campaign)
    before = path.read_bytes()
    result = run(ws, export, campaign, mapping, *more, "--write")
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    return result.output


def test_a_row_that_matches_no_post_is_refused_with_the_closest(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[0]
    typo = post.url.replace("BBlQt4AcEI5", "BBlQt4AcEI6")
    assert typo != post.url
    export = write_csv(tmp_path / "typo.csv", [["likes", "url"], ["10", typo]])
    output = refused(ws, export, SPRING, "generic-metrics", "--date", LATER.isoformat())
    assert located(output, export, 2, cell_column(export, 2, 1))
    assert re.search(rf"conseil\W+la plus proche est «\W{post.id}\W»", output)  # the hint: the closest post


def test_a_row_that_matches_two_posts_names_them(ws: Path, tmp_path: Path) -> None:
    # Two posts of one account published the same day: the handle and the day cannot tell them apart.
    same_day: dict = {}
    for post in posts(ws, CHRISTMAS):
        same_day.setdefault((post.influencer, post.network, published(post)), []).append(post)
    (influencer, network, day), pair = next((key, found) for key, found in same_day.items() if len(found) > 1)
    card = (ws / "content" / "influencers" / f"{influencer}.md").read_text(encoding="utf-8")
    handle = re.search(rf"\n  {network}:\n    handle: (\S+)", card).group(1)
    export = write_csv(tmp_path / "handles.csv", [["compte", "publié le", "likes"],
                                                   [f"@{handle}", day.strftime("%d/%m/%Y"), "12"]])
    output = refused(ws, export, CHRISTMAS, "generic-metrics", "--date", LATER.isoformat())
    assert located(output, export, 2, 1)
    assert all(post.id in output for post in pair)


def test_a_value_that_is_not_a_number_is_refused_at_its_cell(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[0]
    export = write_csv(tmp_path / "k.csv", [["post", "likes", "views"], [post.id, "12", "182k"]])
    output = refused(ws, export, SPRING, "generic-metrics", "--date", LATER.isoformat())
    assert located(output, export, 2, cell_column(export, 2, 2)) and "182k" in output
    assert "182000" in output  # the hint: the number to write, not a guess of it


def test_two_rows_for_one_post_and_date_are_refused(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[0]
    export = write_csv(tmp_path / "twice.csv", [["post", "date", "likes"], [post.id, LATER.isoformat(), "1"],
                                                 [post.id, LATER.isoformat(), "2"]])
    output = refused(ws, export, SPRING, "generic-metrics")
    assert located(output, export, 3, cell_column(export, 3, 1))
    assert "ligne 2" in output  # the hint: where the first one is


def test_a_reading_that_contradicts_metrics_csv_is_refused(ws: Path, tmp_path: Path) -> None:
    workspace, _ = load_workspace(ws)
    table = workspace.campaigns[SPRING].metrics
    post, day, likes = table.posts[0], table.day(0), table.value("likes", 0)
    same = write_csv(tmp_path / "same.csv", [["post", "date", "likes"], [post, day.isoformat(), str(likes)]])
    result = run(ws, same, SPRING, "generic-metrics", "--write")
    assert result.exit_code == 0 and "+++" not in result.output  # the same reading: already there
    other = write_csv(tmp_path / "other.csv", [["post", "date", "likes"], [post, day.isoformat(), str(likes + 1)]])
    output = refused(ws, other, SPRING, "generic-metrics")
    assert located(output, other, 2, cell_column(other, 2, 2))
    assert f"ligne {table.lines[0]}" in output  # the hint: the line that already has that day


def test_a_snapshot_before_publication_is_refused(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[-1]
    before = published(post) - timedelta(days=1)
    export = write_csv(tmp_path / "early.csv", [["url", "likes"], [post.url, "10"]])
    output = refused(ws, export, SPRING, "generic-metrics", "--date", before.isoformat())
    assert located(output, export, 2, 1) and before.isoformat() in output


def test_an_export_without_a_date_asks_for_one(ws: Path, tmp_path: Path) -> None:
    post = posts(ws, SPRING)[0]
    export = write_csv(tmp_path / "undated.csv", [["url", "likes"], [post.url, "10"]])
    output = refused(ws, export, SPRING, "generic-metrics")
    assert located(output, export, 1, 1) and "--date" in output


def test_a_mapping_with_another_source_is_refused_at_its_line(ws: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "tool.yml"
    mapping.write_text("kind: metrics\nsource: Modash\ncolumns:\n  url: URL\n  likes: Likes\n", encoding="utf-8")
    export = write_csv(tmp_path / "e.csv", [["URL", "Likes"], [posts(ws, SPRING)[0].url, "1"]])
    output = refused(ws, export, SPRING, str(mapping), "--date", LATER.isoformat())
    assert f"{mapping}:2:" in output and "creator_reported" in output


def test_an_unknown_campaign_is_refused(ws: Path, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "e.csv", [["post", "likes"], ["p01", "1"]])
    result = run(ws, export, "printemps-eclat", "generic-metrics", "--date", LATER.isoformat())
    assert result.exit_code == 1 and SPRING in result.output  # did you mean


def test_the_diff_of_rows_appended_is_the_one_difflib_writes() -> None:
    # Rows appended are diffed without difflib's search (seconds for 100,000 rows): the same text.
    import difflib

    from pressbook.importing.diff import Change, unified

    def reference(change: Change) -> str:
        old = "/dev/null" if change.before is None else f"a/{change.path}"
        lines = difflib.unified_diff((change.before or "").splitlines(keepends=True),
                                     change.after.splitlines(keepends=True), old, f"b/{change.path}", n=3)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

    for kept in range(6):
        for added in range(1, 4):
            before = "".join(f"row {n}\n" for n in range(kept))
            after = before + "".join(f"new {n}\n" for n in range(added))
            for change in (Change("m.csv", before, after), Change("m.csv", None, after)):
                assert unified(change) == reference(change)


def test_imported_figures_appear_on_the_internal_site(ws: Path, tmp_path: Path, monkeypatch) -> None:
    from conftest import DEMO_EPOCH
    from pressbook.build import build

    post = [p for p in posts(ws, SPRING) if p.network == "instagram" and "/reel/" in p.url][-1]
    reach = 46593  # more than any reach the demo has for it, so the site's figure can only be this one
    export = instagram_export(tmp_path / "instagram.csv", [post],
                              [dict(views=90001, reach=reach, likes=4999, shares=301, comments=190, saves=560)])
    result = run(ws, export, SPRING, "instagram-meta-metrics", "--date", "2026-05-20", "--write")
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    built = build(ws, "internal")
    assert all(site.ok for site in built.sites), [site.log for site in built.sites]
    page = (ws / "site" / "internal" / "campaigns" / SPRING / "results.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    row = re.search(rf"\b{post.id}\b(.*?)\bp\d\d\b|\b{post.id}\b(.*)", text)
    assert row and re.search(r"\b46\s?593\b", row.group(0)), row and row.group(0)[:300]
