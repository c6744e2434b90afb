"""`pressbook deploy`: the built sites put in front of their readers (docs/publishing.md)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..messages import says
from .common import EXIT_PROBLEMS, not_ready, refuse, report, secrets_option, workspace_dir


@click.group()
def deploy() -> None:
    """Put the built sites in front of their readers: a web server's configuration, the files static
    hosts read, a CI workflow, or one site as a zip to send. See docs/publishing.md."""


@deploy.command()
@workspace_dir
@click.option("--site", "only", metavar="NAME", required=True, help="The site to send: client-<client> or public.")
@click.option("--out", type=click.Path(path_type=Path), metavar="FILE",
              help="Where to write the zip.  [default: site/NAME.zip]")
def archive(directory: Path, only: str, out: Path | None) -> None:
    """Write one site, its reports' PDFs included, as a zip to send by e-mail: unzipped, it opens from
    its folder, search included. The same content gives the same bytes. Builds the site first if
    anything changed."""
    from ..build import UnknownSite
    from ..publishing.archive import NotSent, archive_site

    try:
        archived = archive_site(directory, only, out)
    except UnknownSite:
        raise click.UsageError(f"no site named '{only}'") from None
    except NotSent as refusal:
        refuse(directory, says("cli.error", message=refusal.message), refusal.hint)
        sys.exit(EXIT_PROBLEMS)
    for note in archived.notes:
        click.echo(note, err=True)
    if archived.path is None:
        if archived.failure:
            refuse(directory, says("cli.site-not-built", site=only, log=archived.failure))
        else:
            report(archived.problems, directory)
        refuse(directory, says("cli.nothing-written"))
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"wrote {archived.path} ({archived.entries} files and folders)")
    click.echo(f"to open it: unzip it, then open {only}/index.html (search works without a connection)")


@deploy.command("nginx")
@workspace_dir
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write nginx.conf and the password files into.")
@secrets_option
@click.option("--listen", default="127.0.0.1:8080", show_default=True, help="The address nginx listens on, HOST:PORT.")
@click.option("--by", type=click.Choice(["path", "host"]), default="path", show_default=True,
              help="path: each site in its folder, /internal/, /client-<id>/, /public/; "
                   "host: each site at its url's host name and folder (sites: in workspace.yml).")
@click.option("--root", "sites_root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the built sites are on the server (default: this workspace's site/).")
@click.option("--user", default=None, help="The system user nginx's workers run as, when nginx is started as root.")
def deploy_nginx(directory: Path, out: Path, secrets: Path | None, listen: str, by: str, sites_root: Path | None,
                 user: str | None) -> None:
    """Build the sites and write a complete nginx configuration that serves them, each behind its
    readers' passwords (the public site open)."""
    from ..publishing.nginx import write_nginx
    from ..publishing.ready import Ready, ready_to_publish

    ready = ready_to_publish(directory, secrets)
    if not isinstance(ready, Ready):
        not_ready(ready, directory)
    written, problems = write_nginx(ready, out, listen, by, sites_root, user)
    if problems:
        report(problems, directory)
        sys.exit(EXIT_PROBLEMS)
    for path in written:
        click.echo(path)
    config = out.absolute() / "nginx.conf"
    click.echo(f"start it with: nginx -p {out.absolute()} -c {config} -g 'daemon off;'")
    if by == "path":
        click.echo(f"then open http://{listen}/public/, /internal/ and /client-<id>/")
    if user is None and hasattr(os, "geteuid") and os.geteuid() == 0:
        click.echo("started by root, nginx's workers run as 'nobody', who cannot read the password files "
                   "(readable by you alone): give the user they should run as, e.g. --user www-data", err=True)



@deploy.command("headers")
@workspace_dir
@click.option("--site", "only", metavar="NAME", help="Only this site (default: every site).")
def deploy_headers(directory: Path, only: str | None) -> None:
    """Write site/NAME/_headers into each built site: its Content-Security-Policy, noindex and how long
    browsers keep each file, as Netlify and Cloudflare Pages read them. Builds nothing."""
    from ..build import UnknownSite
    from ..publishing.host_headers import write_site_headers

    try:
        written, problems, missing = write_site_headers(directory, only)
    except UnknownSite:
        raise click.UsageError(f"no site named '{only}'") from None
    if not written:
        if missing:
            refuse(directory, says("cli.error", message=says("cli.not-built-yet", sites=", ".join(missing))),
                    says("cli.build-site-first.hint", site=only) if only else says("cli.build-first.hint"))
        else:
            report(problems, directory)
        refuse(directory, says("cli.nothing-written"))
        sys.exit(EXIT_PROBLEMS)
    for path in written:
        click.echo(path)


@deploy.command("workflow")
@workspace_dir
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Where to write it.  [default: DIRECTORY/.github/workflows/pressbook.yml]")
@click.option("--check", "compare", is_flag=True,
              help="Write nothing; fail when the file is not the one the workspace asks for.")
def deploy_workflow(directory: Path, out: Path | None, compare: bool) -> None:
    """Write a GitHub Actions workflow that checks the workspace on every push to main, builds each site
    in a job of its own and sends it where sites: in workspace.yml says (GitHub Pages, Netlify,
    Cloudflare Pages, a server, or an artifact of the run). Prints the environments and secrets to
    create, and the readers to let in where a host's access rule is set by hand."""
    from ..publishing.workflow import SECRETS, WORKFLOW, workflow_for, write_workflow

    if compare:
        text, _, problems = workflow_for(directory)
        target = out if out is not None else directory / WORKFLOW
        if text is None:
            report(problems, directory)
            sys.exit(EXIT_PROBLEMS)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            refuse(directory, says("cli.error", message=says("cli.stale-workflow", file=str(target))),
                    says("cli.stale-workflow.hint"))
            sys.exit(EXIT_PROBLEMS)
        click.echo(f"{target} is the workflow this workspace asks for")
        return
    written, placed, problems = write_workflow(directory, out)
    if written is None:
        report(problems, directory)
        refuse(directory, says("cli.nothing-written"))
        sys.exit(EXIT_PROBLEMS)
    click.echo(written)
    click.echo("create these environments (Settings > Environments), each for the branch main only, "
               "holding these secrets:")
    for site in placed:
        click.echo(f"  {site.environment}: {', '.join(SECRETS[site.host]) or 'no secret'} ({site.host})")
    guarded = [site for site in placed if site.access is not None and site.host in ("netlify", "cloudflare-pages")]
    if guarded:
        click.echo("let in only these readers, in the access rule of each site's host:")
    for site in guarded:
        click.echo(f"  {site.site} ({site.access}, project {site.project}): "
                   f"{', '.join(site.readers) or 'nobody is named'}")

@deploy.command("passwords")
@workspace_dir
@click.option("--secrets", type=click.Path(dir_okay=False, path_type=Path), required=True, metavar="FILE",
              help="The secrets file, outside the workspace; created if need be, readable by you alone.")
def deploy_passwords(directory: Path, secrets: Path) -> None:
    """Give each reader who has no password yet a long random one, in the secrets file. Passwords
    already there are kept."""
    from ..checking import check_workspace
    from ..publishing.passwords import add_passwords
    from ..validation.publishing import readers_of

    workspace, problems = check_workspace(directory)
    if workspace is None:
        report(problems, directory)
        sys.exit(EXIT_PROBLEMS)
    added, problems = add_passwords(directory, secrets, readers_of(workspace))
    if problems:
        report(problems, directory)
        refuse(directory, says("cli.nothing-written"))
        sys.exit(EXIT_PROBLEMS)
    for login in added:
        click.echo(f"new password for {login}")
    if added:
        click.echo(f"they are in {secrets}: send each person their own, by another way than their site's address")
    else:
        click.echo("every reader has a password already")
