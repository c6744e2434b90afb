"""The `pressbook` command: arguments in, exit codes out. The work is done by the stages it calls."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from .. import __version__
from ..messages import says
from ..problems import FORMATTERS

from .common import (EXIT_BUG, EXIT_PROBLEMS, not_ready as _not_ready, refuse as _refuse, report as _report,
                     secrets_option as _secrets_option, workspace_dir as _workspace_dir)
from .deploy import deploy
from .importing import import_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressbook")
def cli() -> None:
    """Check an influencer-marketing workspace and publish it as static sites.

    DIRECTORY is the folder that holds content/ (the current folder by default).
    """


@cli.command()
@_workspace_dir
@click.option("--format", "output", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--lang", "language", type=click.Choice(["fr", "en"]), default=None,
              help="The language of the report.  [default: language in content/workspace.yml, else en]")
@_secrets_option
def check(directory: Path, output: str, strict: bool, language: str | None, secrets: Path | None) -> None:
    """Validate every file and report every problem, as path:line:col."""
    from ..checking import check_workspace
    from ..loading.language import workspace_language
    from ..loading.secrets import SecretsSource, secrets_file

    wanted = SecretsSource(secrets) if secrets_file(secrets) is not None else None
    _, problems = check_workspace(directory, secrets=wanted)
    click.echo(FORMATTERS[output](problems, language or workspace_language(directory)), nl=False)
    failing = [p for p in problems if p.severity == "error" or strict]
    sys.exit(EXIT_PROBLEMS if failing else 0)


@cli.command()
@_workspace_dir
@click.option("--site", "only", metavar="NAME", help="Build only this site (internal, client-<client>, public).")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="What builds the sites from the pages: MkDocs with Material, or Zensical (docs/sites.md).")
def build(directory: Path, only: str | None, engine: str) -> None:
    """Build the sites into site/: the previous ones stay until the new ones are complete."""
    from ..freshness import OUTPUT, unchanged_sites

    unchanged = unchanged_sites(directory.resolve(), only, engine)
    if unchanged is not None:
        for name in unchanged:
            click.echo(f"unchanged {name}: {(directory.resolve() / OUTPUT / name / 'index.html').as_uri()}")
        sys.exit(0)
    from ..build import UnknownSite, build as build_sites

    try:
        result = build_sites(directory, only, engine)
    except UnknownSite:
        raise click.UsageError(f"no site named '{only}'") from None
    blocking = [p for p in result.problems if p.severity == "error" and p.blocks_build]
    if blocking:
        _report(result.problems, directory)
        _refuse(directory, says("cli.nothing-built"))
        sys.exit(EXIT_PROBLEMS)
    for note in result.notes:  # what was left out first: the output ends with where to open each site
        click.echo(note, err=True)
    for site in result.sites:  # a file:// address, which a browser opens on any system
        if site.skipped:
            click.echo(f"unchanged {site.name}: {(site.path / 'index.html').resolve().as_uri()}")
        elif site.ok:
            click.echo(f"built {site.name}: {(site.path / 'index.html').resolve().as_uri()}")
        else:
            _refuse(directory, says("cli.site-failed", site=site.name, log=site.log))
    sys.exit(0 if result.ok else EXIT_PROBLEMS)


DIRTY_PREVIEW_PAGES = 400


@cli.command()
@_workspace_dir
@click.option("--site", "only", metavar="NAME", default="internal", show_default=True, help="The site to preview.")
@click.option("--address", default="127.0.0.1:8000", show_default=True, help="Where to serve it (host:port).")
@click.option("--all", "every", is_flag=True,
              help="Serve every site as it will be online, each behind its readers' passwords, with nginx "
                   "(no live reload: build again to see a change).")
@_secrets_option
def serve(directory: Path, only: str, address: str, every: bool, secrets: Path | None) -> None:
    """Preview a site with live reload while you edit the workspace; or, with --all, every site behind
    its doors."""
    if every:
        _serve_all(directory, address, secrets)
        return
    from ..build import Kept, UnknownSite, generate
    from ..cms.app import start as start_editor
    from ..loading.language import workspace_language
    from ..sites.preview_banner import banner_of
    from ..sites.serve import serve as serve_site

    directory = directory.resolve()
    kept = Kept()

    def regenerate() -> str:
        generated = generate(directory, only, kept=kept)
        blocking = [p for p in generated.problems if p.severity == "error" and p.blocks_build]
        if blocking:
            language = workspace_language(directory)  # as check says them, on the terminal and the pages
            click.echo(FORMATTERS["text"](generated.problems, language), nl=False, err=True)
            click.echo("the preview keeps the last good version until these are fixed; its pages "
                       "list them", err=True)
            return banner_of(directory, language, blocking)
        for plan, _, changed in generated.sites:
            if changed:
                click.echo(f"{plan.name}: regenerated {', '.join(changed)}")
        return ""

    try:
        generated = generate(directory, only, kept=kept)
    except UnknownSite:
        raise click.UsageError(f"no site named '{only}'") from None
    if not generated.sites:
        click.echo(FORMATTERS["text"](generated.problems, workspace_language(directory)), nl=False)
        sys.exit(EXIT_PROBLEMS)
    plan, tree, _ = generated.sites[0]
    # On a large site MkDocs rebuilds only the pages that changed: seconds instead of a minute, but
    # the preview's search then knows only those pages until the next full build.
    dirty = len(plan.pages) > DIRTY_PREVIEW_PAGES
    click.echo(f"serving {only} at http://{address}/ (Ctrl-C to stop)")
    if dirty:
        click.echo(f"{len(plan.pages)} pages: after an edit, only the pages that changed are rebuilt, and "
                   "the preview's search knows only those")
    editor = start_editor(directory)
    click.echo(f"web editor at http://{address}/admin/")
    serve_site(directory, tree, generated.epoch, address, regenerate, dirty=dirty, editor=editor)


def _serve_all(directory: Path, address: str, secrets: Path | None) -> None:
    from ..publishing.local import find_nginx, local_server, run_until_stopped
    from ..publishing.ready import Ready, ready_to_publish

    if find_nginx() is None:
        click.echo("serve --all needs nginx: install it (Debian, Ubuntu: sudo apt-get install nginx; "
                   "macOS: brew install nginx), then run this again", err=True)
        sys.exit(EXIT_PROBLEMS)
    ready = ready_to_publish(directory, secrets)
    if not isinstance(ready, Ready):
        _not_ready(ready, directory)
    command, problems = local_server(ready, address)
    if command is None:
        _report(problems, directory)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"serving every site at http://{address}/ (Ctrl-C to stop):")
    for door in ready.doors:
        who = "open to everyone" if door.open else f"{len(door.readers)} readers"
        click.echo(f"  http://{address}/{door.site}/  {who}")
    click.echo("the passwords are those of the secrets file; after 'pressbook build', reload the page")
    sys.exit(run_until_stopped(command))


@cli.command()
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--workspace", "directory", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The folder that holds content/.")
@click.option("--site", "only", metavar="NAME", default="internal", show_default=True,
              help="Export what this site shows and nothing else: internal, client-<client> or public.")
@click.option("--format", "output_format", type=click.Choice(["csv", "csv-fr", "json", "xlsx"]), default="csv",
              show_default=True,
              help="csv, json: unrounded values, for programs. csv-fr: for a spreadsheet in French (';', "
                   "decimal comma, rounded as the site shows). xlsx: a workbook, a sheet per table.")
def export(output: Path, directory: Path, only: str, output_format: str) -> None:
    """Write the KPI tables a site shows (per campaign, per influencer and network, per post; a case
    study's highlighted figures for the public site) into OUTPUT, replacing any earlier export there."""
    from ..build import UnknownSite, export_site

    try:
        problems, written = export_site(directory, only, output, output_format)
    except UnknownSite:
        raise click.UsageError(f"no site named '{only}'") from None
    if written is None:
        _report(problems, directory)
        sys.exit(EXIT_PROBLEMS)
    for path in written:
        click.echo(path)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def new(directory: Path) -> None:
    """Create a small workspace in DIRECTORY that checks and builds at once, with the JSON Schemas and
    VS Code's settings that check its YAML files as they are typed (docs/editing.md)."""
    from ..cms.config import write_config
    from ..editors import write_editor_setup
    from ..git_checks import write_git_checks
    from ..starter import write_starter

    try:
        written = write_starter(directory)
    except FileExistsError as error:
        raise click.UsageError(str(error)) from None
    written += len(write_editor_setup(directory))
    written += len(write_git_checks(directory))
    write_config(directory)
    written += 1
    click.echo(f"created a workspace with {written} files in {directory}")
    click.echo(f"next: cd {directory} && pressbook check")


@cli.command()
@_workspace_dir
def cms(directory: Path) -> None:
    """Write the web editor's configuration (Decap CMS), made from the model and the workspace's
    campaigns, into admin/config.yml: for an editor served elsewhere than by `pressbook serve`, which
    makes it afresh at each visit (docs/editing.md)."""
    from ..cms.config import write_config

    if not (directory / "content").is_dir():
        raise click.UsageError(f"{directory} has no content/ folder: give the workspace's folder")
    click.echo(write_config(directory))


@cli.command()
@click.argument("directory", required=False, default="schemas",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", "language", type=click.Choice(["fr", "en"]), default=None,
              help="The language of the schemas' titles and descriptions.  [default: language in "
                   "content/workspace.yml when run in a workspace, else en]")
def schema(directory: Path, language: str | None) -> None:
    """Write JSON Schemas of the workspace files into DIRECTORY, where the editor settings of `pressbook
    new` look for them: run it at the workspace's root after upgrading pressbook (docs/editing.md)."""
    from ..loading.language import workspace_language
    from ..reference import write_schemas

    for path in write_schemas(directory, language or workspace_language(Path.cwd())):
        click.echo(path)



cli.add_command(deploy)
cli.add_command(import_group)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except OSError as error:
        if error.filename is None:
            _stop_on_a_bug()
        # A folder given as a file, a file in the way of a folder, a full disk: the place is named.
        click.echo(f"pressbook cannot use {error.filename}: {error.strerror}\n"
                   "    hint: check that this is a folder pressbook may write in, and nothing else is in the way",
                   err=True)
        sys.exit(EXIT_PROBLEMS)
    except Exception:  # noqa: BLE001 - the one place where an unexpected failure is turned into words
        _stop_on_a_bug()


def _stop_on_a_bug() -> None:
    traceback.print_exc()
    click.echo("\npressbook stopped on an unexpected error: this is a bug in pressbook, not in your "
               "files. Please report it with the text above.", err=True)
    sys.exit(EXIT_BUG)
