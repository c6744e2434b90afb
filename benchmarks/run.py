"""Each stage of a pressbook build of a synthetic workspace: wall time and peak memory.

    python benchmarks/run.py --size M [--keep DIR]

M = 1,000 influencers, 100 campaigns, 20 posts a campaign, 30 daily snapshots a post;
L = 5,000 influencers, 500 campaigns, 20 posts a campaign, 100 daily snapshots a post.

Printed, in order:
1. `pressbook check`, as a command: wall time and peak memory;
2. a first `pressbook build` of every site, stage by stage (times exclude the stages run inside them,
   so that they add up; MkDocs and verification are per site, and sites are built side by side, so
   their sum may exceed the wall time);
3. `pressbook build --site internal` from nothing (its generated tree and site removed), beside a
   plain `mkdocs build` of the same generated tree, in turns (--repeat times, each first in every
   other turn), best of each, and the processor time of both;
4. a second `pressbook build` with nothing changed;
5. a build after one influencer card was edited, and which sites it rebuilt.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, generate  # noqa: E402
from machine import machine_state  # noqa: E402

from pressbook.build import build  # noqa: E402
from pressbook.cache import FOLDER as GENERATED  # noqa: E402
from pressbook.freshness import OUTPUT  # noqa: E402
from pressbook.sites.mkdocs_run import clean_environment  # noqa: E402
from pressbook.timing import measured  # noqa: E402

EPOCH = "1795683600"  # 2026-11-26 09:00 UTC, as the tests use


class Run(NamedTuple):
    seconds: float  # wall
    peak: float  # MiB, of the largest process
    processor: float  # user and kernel seconds of the command and every process it waited for
    output: str


def command(arguments: list[str], root: Path, extra_env: dict[str, str] | None = None) -> Run:
    """How a command run in `root` went."""
    environment = os.environ | {"SOURCE_DATE_EPOCH": EPOCH} | (extra_env or {})
    start = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=root, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output)


def pressbook(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "pressbook", *arguments]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="M")
    parser.add_argument("--keep", type=Path, help="generate the workspace here (or reuse it) and keep it")
    parser.add_argument("--repeat", type=int, default=2, help="runs of the comparison with plain MkDocs")
    parser.add_argument("--first-build-only", action="store_true",
                        help="stop after the first build (1 and 2 above): at L, the rest takes minutes")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix=f"pressbook-{args.size}-")) / "workspace"
    if not (args.keep and (root / "content").is_dir()):
        generate(root, *SIZES[args.size])
    # Everything built or kept before goes (the first build makes again what is kept).
    shutil.rmtree(root / OUTPUT, ignore_errors=True)
    for made in (root / GENERATED).glob("*"):
        if made.is_dir():
            shutil.rmtree(made)
    influencers, campaigns, posts, days = SIZES[args.size]
    print(f"size {args.size}: {influencers:,} influencers, {campaigns:,} campaigns, {campaigns * posts:,} posts, "
          f"{campaigns * posts * days:,} metrics rows")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"now: {machine_state()}")

    seconds, peak, _, _ = command(pressbook("check", "."), root)
    print(f"\npressbook check: {seconds:.2f} s, peak memory {peak:.0f} MiB")

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    start = time.perf_counter()
    with measured() as stages:
        result = build(root)
    total = time.perf_counter() - start
    assert result.ok, [(s.name, s.log[:500]) for s in result.sites if not s.ok]
    print(f"\nfirst build of {len(result.sites)} sites: {total:.2f} s")
    print(f"  {'stage':<34} {'seconds':>8} {'peak MiB':>9}")
    for name, (spent, peak) in sorted(stages.items(), key=_stage_order):
        print(f"  {name:<34} {spent:8.2f} {peak:9.0f}")

    print(f"  (the machine after it: {machine_state()})")
    if args.first_build_only:
        return
    # Taken in turns, as the machine's speed drifts from one minute to the next; the best of each. Which
    # goes first alternates: the one that follows the removal of the last trees would otherwise
    # always be the same.
    internal: list[Run] = []
    plain: list[Run] = []

    def with_pressbook() -> None:
        shutil.rmtree(root / OUTPUT / "internal")
        shutil.rmtree(root / GENERATED / "internal")
        internal.append(command(pressbook("build", "--site", "internal"), root))

    def plain_mkdocs() -> None:
        plain.append(command([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                              str(root / GENERATED / "internal" / "mkdocs.yml"), "--site-dir",
                              str(root / "plain-mkdocs")], root, clean_environment(int(EPOCH))))
        shutil.rmtree(root / "plain-mkdocs")
    for turn in range(args.repeat):
        for step in (with_pressbook, plain_mkdocs) if turn % 2 == 0 else (plain_mkdocs, with_pressbook):
            step()
    walls = [run.seconds for run in internal], [run.seconds for run in plain]
    ratios = sorted(ours / theirs for ours, theirs in zip(*walls))
    processor = sorted(ours.processor / theirs.processor for ours, theirs in zip(internal, plain))
    print(f"\npressbook build --site internal: {min(walls[0]):.2f} s (runs: {_seconds(walls[0])}); "
          f"plain mkdocs build of its tree: {min(walls[1]):.2f} s (runs: {_seconds(walls[1])}); "
          f"ratio of the best runs {min(walls[0]) / min(walls[1]):.2f}; of each run to the plain one beside it: "
          f"{', '.join(f'{ratio:.2f}' for ratio in ratios)} (median {statistics.median(ratios):.2f}); "
          f"processor time, user and kernel, of each pair: {', '.join(f'{ratio:.2f}' for ratio in processor)} "
          f"(pressbook {_seconds([run.processor for run in internal])} s; "
          f"plain {_seconds([run.processor for run in plain])} s); "
          f"the machine after them: {machine_state()}")

    again, _, _, output = command(pressbook("build"), root)
    print(f"\nsecond build, nothing changed: {again:.2f} s; {sum(line.startswith('unchanged ') for line in output.splitlines())} of {len(result.sites)} "
          "sites unchanged (MkDocs not run)")

    card = sorted((root / "content" / "influencers").glob("*.md"))[1]
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("Portrait de", "Nouveau portrait de", 1), encoding="utf-8")
    edited, _, _, output = command(pressbook("build"), root)
    rebuilt = [line.split(":")[0].removeprefix("built ") for line in output.splitlines() if line.startswith("built ")]
    print(f"\nafter editing {card.name}: {edited:.2f} s; rebuilt: {', '.join(rebuilt) or 'nothing'}")
    card.write_text(text, encoding="utf-8")


def _seconds(runs: list[float]) -> str:
    return ", ".join(f"{run:.2f}" for run in runs)


def _stage_order(item: tuple[str, tuple[float, float]]) -> tuple[int, str]:
    order = ["load", "validate", "compute", "compliance", "project", "render", "charts", "mkdocs", "verify"]
    return order.index(item[0].split(" ")[0]), item[0]


if __name__ == "__main__":
    main()
