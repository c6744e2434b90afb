"""Time and peak memory of `pressbook import metrics` on a generated sheet of 100,000 snapshots.

    python benchmarks/import_metrics.py [--posts 2000] [--dates 50] [--repeat 3] [--keep DIR]

A campaign of 2,000 posts (the demo's spring campaign, its brief and roster, with generated posts on
its influencers' networks) is added to a fresh copy of the demo workspace per repeat; the sheet holds
one row per post and date, 50 dates each, matched to posts by their address (the slowest way: each
address is taken apart), with seven figures a row, as the generic mapping reads them. Each import
runs as its own process:

1. the sheet as an .xlsx workbook, a dry run: 100,000 snapshots to add;
2. the sheet as a CSV file, a dry run: the same, its diff printed;
3. the CSV file with --write;
4. the CSV file again, a dry run: metrics.csv now holds the 100,000 rows, each found already there.

Printed: the wall time and the peak resident memory of each process (its own resource usage, as
os.wait4 gives it, the same as resource.getrusage(RUSAGE_CHILDREN) after a single child), each run's
and their median. The target: each within 10 s and 512 MiB.
"""
from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import fresh_demo, machine_pace, print_medians, run_child  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "banc-essai-2027"
FIRST_DAY = date(2027, 2, 1)
HEADER = ["URL", "Date", "Vues", "Portée", "J'aime", "Commentaires", "Partages", "Enregistrements", "Clics"]
ADDRESSES = {"instagram": "https://www.instagram.com/p/BENCH{n:06d}/",
             "tiktok": "https://www.tiktok.com/@bench/video/7{n:018d}",
             "youtube": "https://www.youtube.com/watch?v=bench{n:06d}",
             "pinterest": "https://www.pinterest.fr/pin/9{n:017d}/"}


def make_campaign(workspace: Path, count: int) -> list[tuple[str, str, date]]:
    """A campaign of `count` posts on the spring campaign's roster: (id, address, publication day)."""
    from pressbook.loading.frontmatter import load_front_matter

    spring = workspace / "content" / "campaigns" / "printemps-eclat-2026"
    folder = workspace / "content" / "campaigns" / CAMPAIGN
    folder.mkdir()
    shutil.copy(spring / "brief.md", folder / "brief.md")
    shutil.copytree(spring / "contracts", folder / "contracts")
    accounts = []
    for path in sorted((spring / "contracts").glob("*.yml")):
        card = (workspace / "content" / "influencers" / f"{path.stem}.md").read_text(encoding="utf-8")
        networks = load_front_matter(card, path.name, []).data["networks"]
        accounts += [(path.stem, network) for network in sorted(networks) if network in ADDRESSES]
    posts = []
    lines = [["id", "influencer", "network", "format", "url", "published", "caption", "paid_label", "approved",
              "edited_image", "virtual_image"]]
    for number in range(count):
        influencer, network = accounts[number % len(accounts)]
        post_id, url = f"b{number:05d}", ADDRESSES[network].format(n=number)
        day = FIRST_DAY + timedelta(days=number % 28)
        posts.append((post_id, url, day))
        lines.append([post_id, influencer, network, "post", url, f"{day.isoformat()}T18:00",
                      "Collaboration commerciale avec @herbierdelure", "yes", (day - timedelta(days=2)).isoformat(),
                      "no", "no"])
    write_csv(folder / "posts.csv", lines)
    return posts


def write_csv(path: Path, rows: list[list[object]]) -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")


def sheet_rows(posts: list[tuple[str, str, date]], dates: int):
    for number, (_, url, day) in enumerate(posts):
        for offset in range(dates):
            grown = (offset + 1) * (number % 97 + 1)
            yield [url, (day + timedelta(days=offset)).isoformat(), 1000 * grown, 800 * grown, 50 * grown,
                   4 * grown, 3 * grown, 2 * grown, grown]


def write_workbook(path: Path, rows) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    day_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for line, row in enumerate(rows, start=1):
        sheet.write_string(line, 0, row[0])
        sheet.write_datetime(line, 1, date.fromisoformat(row[1]), day_format)
        sheet.write_row(line, 2, row[2:])
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--dates", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="pressbook-import-metrics-"))
    base.mkdir(parents=True, exist_ok=True)
    sheet_csv, sheet_xlsx = base / "statistiques.csv", base / "statistiques.xlsx"
    steps = [("xlsx, dry run", sheet_xlsx, False), ("csv, dry run", sheet_csv, False),
             ("csv, --write", sheet_csv, True), ("csv again, dry run", sheet_csv, False)]
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in steps}
    for turn in range(args.repeat):
        workspace = fresh_demo(base / f"workspace-{turn}")
        posts = make_campaign(workspace, args.posts)
        if turn == 0:
            write_csv(sheet_csv, [HEADER, *sheet_rows(posts, args.dates)])
            write_workbook(sheet_xlsx, sheet_rows(posts, args.dates))
            print(f"{args.posts} posts × {args.dates} dates = {args.posts * args.dates} rows: "
                  f"CSV {sheet_csv.stat().st_size / 2**20:.1f} MiB, xlsx {sheet_xlsx.stat().st_size / 2**20:.1f} MiB; "
                  f"machine pace {machine_pace():.2f} s (ten million additions; about 0.4 s at its usual pace)")
        for name, path, write in steps:
            seconds, peak, output = run_child([sys.executable, "-m", "pressbook", "import", "metrics", str(path),
                                             "--campaign", CAMPAIGN, "--mapping", "generic-metrics",
                                             "--workspace", str(workspace), *(["--write"] if write else [])])
            figures[name].append((seconds, peak))
            print(f"  run {turn + 1}, {name:<19} {seconds:6.2f} s {peak:7.1f} MiB   {output.strip().splitlines()[-1]}")
        if not args.keep:
            shutil.rmtree(workspace)
    print_medians(figures)
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
