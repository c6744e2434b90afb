"""`pressbook serve --all`: every site on this machine behind the doors it will have online."""
from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import DEMO_EPOCH

NGINX = "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(url: str, login: str | None = None, password: str | None = None) -> int:
    request = urllib.request.Request(url)
    if login is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _nginx_running(folder: Path) -> bool:
    pid = folder / ".cache" / "pressbook" / "nginx" / "nginx.pid"
    if not pid.exists():
        return False
    try:
        os.kill(int(pid.read_text()), 0)
    except (ProcessLookupError, ValueError):
        return False
    return True


def test_serve_all_puts_every_site_behind_its_door_and_stops_with_ctrl_c(demo: Path, tmp_path: Path) -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the server tests: apt-get install -y nginx")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    secrets = tmp_path / "secrets.yml"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": DEMO_EPOCH}
    command = [sys.executable, "-m", "pressbook"]
    made = subprocess.run([*command, "deploy", "passwords", str(demo), "--secrets", str(secrets)],
                          capture_output=True, text=True, env=environment)
    assert made.returncode == 0, made.stderr
    passwords = yaml.safe_load(secrets.read_text())
    client = yaml.safe_load((demo / "content" / "clients" / "velonde.yml").read_text())["readers"][0]
    address = f"127.0.0.1:{_free_port()}"
    server = subprocess.Popen([*command, "serve", str(demo), "--all", "--secrets", str(secrets), "--address", address],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    try:
        deadline = time.monotonic() + 120
        while _status_or_none(f"http://{address}/public/") is None:
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "the server did not answer within two minutes"
            time.sleep(0.3)
        assert _status(f"http://{address}/public/") == 200
        assert _status(f"http://{address}/internal/") == 401
        assert _status(f"http://{address}/client-velonde/", client, passwords[client]) == 200
        assert _status(f"http://{address}/client-herbier-de-lure/", client, passwords[client]) == 401
        assert _status(f"http://{address}/client-velonde/", client, "not-the-password-at-all") == 401
        assert _nginx_running(demo)
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert f"http://{address}/client-velonde/" in output
    assert not _nginx_running(demo), "Ctrl-C left nginx running"
    assert _status_or_none(f"http://{address}/public/") is None


def _status_or_none(url: str) -> int | None:
    try:
        return _status(url)
    except (urllib.error.URLError, ConnectionError, OSError):
        return None
