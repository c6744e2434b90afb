"""What every `pressbook` command shares: exit codes, the workspace argument, the secrets option, and
how a refusal is said (in the workspace's language)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..messages import Message, says
from ..problems import FORMATTERS

EXIT_PROBLEMS = 1
EXIT_BUG = 70

workspace_dir = click.argument("directory", required=False, default=".",
                               type=click.Path(file_okay=False, path_type=Path))

secrets_option = click.option(
    "--secrets", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="The readers' passwords, a file outside the workspace (default: $PRESSBOOK_SECRETS). "
         "Each reader's may also be set as PRESSBOOK_PASSWORD_<LOGIN>.")


def not_ready(ready, directory: Path) -> None:
    report(ready.problems, directory)
    for failure in ready.failures:
        refuse(directory, says("cli.failed", failure=failure))
    refuse(directory, says("cli.nothing-written"))
    sys.exit(EXIT_PROBLEMS)


def report(problems, directory: Path) -> None:
    """The problems that stop a command, as `check` says them: in the workspace's language."""
    from ..loading.language import workspace_language

    click.echo(FORMATTERS["text"](problems, workspace_language(directory)), nl=False)


def refuse(directory: Path, message: Message, hint: Message | None = None) -> None:
    """Why a command did nothing, in the workspace's language, on the error stream."""
    from ..loading.language import workspace_language

    language = workspace_language(directory)
    click.echo(message.text(language) + (f"\n    {says('report.hint', hint=hint).text(language)}" if hint else ""),
               err=True)
