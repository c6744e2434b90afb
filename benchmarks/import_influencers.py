"""Time and peak memory of `pressbook import influencers` on a generated list of 2,000 accounts.

    python benchmarks/import_influencers.py [--rows 2000] [--repeat 3] [--keep DIR]

The list is written as French Excel saves it (cp1252, `;`, decimal comma, thousands grouped by
no-break spaces), every column of the generic mapping filled: 1,500 people, 500 of them with a second
account, and the demo's Instagram accounts among them. Each import runs as its own process, on a
fresh copy of the demo workspace per repeat:

1. a dry run that would create 1,500 cards and update the demo's;
2. the same with --write;
3. the same list again, a dry run: every card read, nothing to change;
4. a list dated a week later, with --write: every account's count and reading updated.

Printed: the wall time and the peak resident memory of each process (its own resource usage, as
os.wait4 gives it), each run's and their median. The target: each within 10 s and 512 MiB.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import fresh_demo, machine_pace, print_medians, run_child  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ON = date(2026, 12, 1)
NETWORKS = ["instagram", "tiktok", "youtube", "pinterest", "x", "twitch"]
FIRST = ["Camille", "Léa", "Zoé", "Inès", "Chloé", "Noé", "Hugo", "Théo", "Élodie", "Maël", "Anaïs", "Jérôme"]
LAST = ["Lefèvre", "Garnier", "Rousseau", "Benoît", "Dubois", "Fontaine", "Mercier", "Chevalier", "Bérard"]
TOPICS = ["mode", "beauté", "cuisine", "voyage", "sport", "bien-être", "parentalité", "écologie"]
HEADER = ["Nom", "Réseau", "Compte", "URL", "Abonnés", "Taux d'engagement", "Vues moyennes", "Portée moyenne",
          "Publications par semaine", "Thématiques", "Ville", "Langues", "E-mail", "Femmes", "Hommes", "18-24",
          "25-34", "35-44", "France", "Belgique"]


def french(number: float | int) -> str:
    if isinstance(number, int):
        return f"{number:,}".replace(",", "\u00a0")
    return f"{number:.1f}".replace(".", ",")


def demo_accounts() -> list[tuple[str, str]]:
    """(name, Instagram handle) of the demo's cards that have one."""
    from pressbook.loading.frontmatter import load_front_matter

    found = []
    for path in sorted((ROOT / "content" / "influencers").glob("*.md")):
        data = load_front_matter(path.read_text(encoding="utf-8"), path.name, []).data
        if isinstance(data, dict) and "instagram" in (data.get("networks") or {}):
            found.append((data["name"], data["networks"]["instagram"]["handle"]))
    return found


def generate_list(path: Path, rows: int, seed: int, shift: int = 0) -> None:
    """`rows` accounts: the demo's Instagram accounts, then new people, a third of them on two networks."""
    randomness = random.Random(seed)
    lines: list[list[str]] = [HEADER]
    accounts: list[tuple[str, str, str]] = [(name, "instagram", handle) for name, handle in demo_accounts()]
    person = 0
    while len(accounts) < rows:
        name = f"{FIRST[person % len(FIRST)]} {LAST[person // len(FIRST) % len(LAST)]} {person:04d}"
        handle = name.lower().replace(" ", ".")
        networks = randomness.sample(NETWORKS, 2 if person % 3 == 0 else 1)
        accounts += [(name, network, handle) for network in networks]
        person += 1
    for name, network, handle in accounts[:rows]:
        women = randomness.randint(30, 90)
        young = randomness.randint(10, 40)
        lines.append([name, network, "@" + handle, f"https://example.com/{network}/{handle}",
                      french(randomness.randint(1_000, 2_000_000) + shift), french(randomness.uniform(0.5, 9.0)) + " %",
                      french(randomness.randint(500, 500_000)), french(randomness.randint(500, 400_000)),
                      french(randomness.uniform(0.5, 14)), ", ".join(randomness.sample(TOPICS, 2)), "Lyon (69)",
                      "fr, en", f"{handle}@example.fr", str(women), str(100 - women), str(young), str(40),
                      str(100 - 40 - young), str(randomness.randint(60, 85)), str(5)])
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(lines)
    path.write_bytes(text.getvalue().encode("cp1252"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="pressbook-import-"))
    base.mkdir(parents=True, exist_ok=True)
    first, later = base / "prospects.csv", base / "prospects-later.csv"
    generate_list(first, args.rows, seed=1)
    generate_list(later, args.rows, seed=1, shift=137)
    print(f"{args.rows} rows, {first.stat().st_size / 1024:.0f} KiB; machine pace {machine_pace():.2f} s "
          f"(ten million additions; about 0.4 s at its usual pace)")
    steps = [("dry run, creating", first, ON, False), ("--write, creating", first, ON, True),
             ("dry run, unchanged", first, ON, False), ("--write, updating", later, ON + timedelta(days=7), True)]
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in steps}
    for turn in range(args.repeat):
        workspace = fresh_demo(base / f"workspace-{turn}")
        for name, path, on, write in steps:
            seconds, peak, output = run_child([sys.executable, "-m", "pressbook", "import", "influencers", str(path),
                                             "--mapping", "generic-influencers", "--date", on.isoformat(),
                                             "--workspace", str(workspace), *(["--write"] if write else [])])
            figures[name].append((seconds, peak))
            print(f"  run {turn + 1}, {name:<20} {seconds:6.2f} s {peak:7.1f} MiB   {output.strip().splitlines()[-1]}")
        if not args.keep:
            shutil.rmtree(workspace)
    print_medians(figures)
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
