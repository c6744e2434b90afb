"""`pressbook import`: a tool's export turned into workspace files, shown as a diff, written with --write
(docs/import-influencers.md)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..messages import says
from .common import EXIT_PROBLEMS, refuse, report

FILE = click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
WORKSPACE = click.option("--workspace", "directory", default=".", show_default=True,
                         type=click.Path(file_okay=False, path_type=Path), help="The folder that holds content/.")
DATE = click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                    help="The date the export was made; else the mapping's date column.")
WRITE = click.option("--write", is_flag=True, help="Apply the changes; without it, only show them.")


def mapping_option(kind: str):
    from ..importing import preset_names

    presets = ", ".join(preset_names(kind))
    return click.option("--mapping", "mapping", required=True, metavar="NAME|FILE",
                        help=f"Which column holds which field: a preset ({presets}) or a mapping file (.yml).")


@click.group("import")
def import_group() -> None:
    """Create or update workspace files from a spreadsheet exported by another tool (.csv or .xlsx).
    Shows what would change as a diff; --write applies it. See docs/import-influencers.md."""


@import_group.command()
@FILE
@mapping_option("influencers")
@DATE
@click.option("--topic", "topics", multiple=True, metavar="TOPIC",
              help="A topic for the cards this creates, when the export has none (repeat for several).")
@WRITE
@WORKSPACE
def influencers(file: Path, mapping: str, on: date | None, topics: tuple[str, ...], write: bool,
                directory: Path) -> None:
    """Create or update identity cards from a list of influencers exported by a discovery tool: the
    accounts' followers and the tool's declared figures. What a person wrote is never changed."""
    from ..importing.influencers import import_influencers

    _workspace(directory)
    problems: list = []
    changes = import_influencers(directory, file, click.format_filename(file), mapping,
                                 on.date() if on else None, topics, problems)
    finish(directory, changes, problems, write)


def _workspace(directory: Path) -> None:
    if not (directory / "content").is_dir():
        raise click.UsageError(f"{directory} has no content/ folder: give the workspace's folder with --workspace")


def _report_or_stop(directory: Path, problems: list, failed: bool) -> None:
    """Print the problems; on an error, say that nothing was written and stop."""
    if problems:
        report(sorted(problems, key=lambda problem: problem.sort_key()), directory)
    if failed or any(problem.severity == "error" for problem in problems):
        refuse(directory, says("cli.nothing-written"))
        sys.exit(EXIT_PROBLEMS)


def finish(directory: Path, changes, problems: list, write: bool) -> None:
    """The end of every import: the problems, if any, and nothing written; else the diff, or the files
    written; then one line of counts."""
    from ..importing.diff import summary, unified, write_changes
    from ..loading.language import workspace_language

    _report_or_stop(directory, problems, changes is None)
    if write:
        for path in write_changes(directory, changes):
            click.echo(f"wrote {path}")
    else:
        for change in changes:
            click.echo(unified(change), nl=False)
    click.echo(summary(changes, write).text(workspace_language(directory)))


@import_group.command()
@FILE
@click.option("--campaign", "campaign", required=True, metavar="ID",
              help="The campaign whose metrics.csv receives the figures: its folder's name in content/campaigns/.")
@mapping_option("metrics")
@DATE
@click.option("--skip-unmatched", is_flag=True,
              help="Leave out the rows that match no post of the campaign (an account's whole export), "
                   "instead of stopping on them.")
@WRITE
@WORKSPACE
def metrics(file: Path, campaign: str, mapping: str, on: date | None, skip_unmatched: bool, write: bool,
            directory: Path) -> None:
    """Append post statistics exported by a platform or a tool to a campaign's metrics.csv (see
    docs/import-metrics.md). Each row is matched to a post of posts.csv by its id, its address, the
    platform's id in that address, or the handle and publication date; rows already there are skipped."""
    from ..importing.diff import Change, unified, write_changes
    from ..importing.metrics import import_metrics
    from ..loading.language import workspace_language

    _workspace(directory)
    problems: list = []
    plan = import_metrics(directory, file, click.format_filename(file), mapping, campaign,
                          on.date() if on else None, problems, skip_unmatched)
    _report_or_stop(directory, problems, plan is None)
    language = workspace_language(directory)
    if plan.after is not None:
        change = Change(plan.path, plan.before, plan.after, plan.data)
        if write:
            write_changes(directory, [change])
        else:
            click.echo(unified(change), nl=False)
    for line in plan.summary(written=write):
        click.echo(line.text(language))
