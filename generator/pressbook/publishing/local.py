"""`pressbook serve --all`: every site on this machine behind the doors it will have online, served by
nginx with the configuration `deploy nginx` writes, so that an account manager can try each reader's
password before anything is published."""
from __future__ import annotations

import os
import shutil
import subprocess

from ..cache import FOLDER
from ..problems import Problem
from ..sites.serve import stop
from .nginx import write_nginx
from .ready import Ready

# Where nginx is when the PATH of a user who is not root does not say (Debian, Homebrew).
_NGINX_PLACES = ("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/opt/homebrew/bin")


def find_nginx() -> str | None:
    return shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), *_NGINX_PLACES]))


def local_server(ready: Ready, address: str) -> tuple[list[str] | None, list[Problem]]:
    """The command that runs nginx in the foreground with this workspace's doors, its configuration
    written under .cache/pressbook/nginx/; None with the problems that stopped it."""
    nginx = find_nginx()
    if nginx is None:
        return None, []
    out = ready.root / FOLDER / "nginx"
    # Started by root, nginx's workers would run as nobody, who may not read a home folder.
    user = "root" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    _, problems = write_nginx(ready, out, listen=address, by="path", user=user)
    if problems:
        return None, problems
    config = out / "nginx.conf"
    return [nginx, "-p", str(out), "-c", str(config), "-e", str(out / "logs" / "error.log"),
            "-g", "daemon off;"], []


def run_until_stopped(command: list[str]) -> int:
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        # From a terminal, Ctrl-C reached nginx too; from anything else, it did not.
        stop(process)
        return 0
