"""How long one report's PDF takes to make, at the demo's size.

    python benchmarks/pdf.py [--repeat 7]

Builds the demo workspace once into a temporary folder, then makes the PDF of its campaign report
from the built client site again and again, each time with an empty PDF cache (so nothing is
reused), in this one process: WeasyPrint and vl-convert are imported before the clock starts, as
a build imports them while it plans. Prints every run's wall and processor seconds, then min,
median and max.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_state  # noqa: E402

import weasyprint  # noqa: E402,F401
from pressbook.clock import build_moment  # noqa: E402
from pressbook.pages.plan import PdfOfPage  # noqa: E402
from pressbook.sites.pdf import make_pdfs  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
CLIENT, CAMPAIGN = "herbier-de-lure", "printemps-eclat-2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(machine_state())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "demo"
        root.mkdir()
        shutil.copytree(PROJECT / "content", root / "content")
        shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
        subprocess.run([sys.executable, "-m", "pressbook", "build", str(root), "--site", f"client-{CLIENT}"],
                       check=True, stdout=subprocess.DEVNULL)
        site = root / "site" / f"client-{CLIENT}"
        pdf = PdfOfPage(f"campaigns/{CAMPAIGN}/report.html", f"campaigns/{CAMPAIGN}/benchmark.pdf",
                        CAMPAIGN, "benchmark")
        walls, cpus = [], []
        for run in range(args.repeat):
            fresh = Path(folder) / f"run-{run}"  # a workspace of its own: nothing kept from the run before
            started, cpu = time.perf_counter(), time.process_time()
            made = make_pdfs(site, [pdf], build_moment(root), fresh, f"client-{CLIENT}")
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            assert not made.problems, made.problems
            print(f"run {run + 1}: wall {walls[-1]:.2f} s, cpu {cpus[-1]:.2f} s")
        for name, values in (("wall", walls), ("cpu", cpus)):
            print(f"{name}: min {min(values):.2f} s, median {statistics.median(values):.2f} s, "
                  f"max {max(values):.2f} s")


if __name__ == "__main__":
    main()
