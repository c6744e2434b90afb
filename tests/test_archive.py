"""`pressbook deploy archive`: one site as a zip to send by e-mail. It holds that site alone, under one
folder, opens from the file system once unzipped, search included, and is the same bytes for the
same content whatever the machine's time zone, hash seed, folder or files' times."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from click.testing import CliRunner

from conftest import DEMO_EPOCH, copy_demo
from pressbook.catalogue import typeset
from pressbook.cli import cli
from pressbook.publishing.archive import write_archive

CLIENT = "client-herbier-de-lure"
REPORT = "campaigns/printemps-eclat-2026/report.html"
PDF = "campaigns/printemps-eclat-2026/printemps-eclat-2026-bilan.pdf"


def _archive(root: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pressbook", "deploy", "archive", str(root), "--site", CLIENT,
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH, **env))


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo archived by the command in two folders, side by side, under two environments, with
    its files' times set apart; then again in the first, into a folder of its own."""
    base = tmp_path_factory.mktemp("archive")
    here = copy_demo(base / "here" / "demo")
    there = copy_demo(base / "over" / "there" / "agence")
    for path in sorted(there.rglob("*")):
        os.utime(path, (1_600_000_000, 1_600_000_000))
    running = [_archive(here, TZ="Asia/Tokyo", PYTHONHASHSEED="1"),
               _archive(there, TZ="America/Los_Angeles", PYTHONHASHSEED="4242", LC_ALL="C.UTF-8")]
    printed = [_finish(process) for process in running]
    assert printed[0] == (f"wrote {here / 'site' / (CLIENT + '.zip')} (85 files and folders)\n"
                          f"to open it: unzip it, then open {CLIENT}/index.html (search works without a connection)\n")
    outbox = base / "outbox"
    outbox.mkdir()
    _finish(_archive(here, "--out", str(outbox), TZ="Europe/Paris", PYTHONHASHSEED="7"))
    return {"root": here, "zip": here / "site" / f"{CLIENT}.zip", "there": there / "site" / f"{CLIENT}.zip",
            "again": outbox / f"{CLIENT}.zip"}


def test_the_zip_holds_the_site_and_nothing_else(archived: dict[str, Path]) -> None:
    site = archived["root"] / "site" / CLIENT
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    folders = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}
    assert PDF in files and "index.html" in files and "search/search_index.json" in files
    with zipfile.ZipFile(archived["zip"]) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert all(name.startswith(f"{CLIENT}/") for name in names)
        assert {name.removeprefix(f"{CLIENT}/") for name in names if not name.endswith("/")} == set(files)
        assert {name.removeprefix(f"{CLIENT}/").rstrip("/") for name in names if name.endswith("/")} == folders | {""}
        for name, data in files.items():
            assert archive.read(f"{CLIENT}/{name}") == data, name
        assert names == sorted(names, key=lambda name: name.rstrip("/").split("/"))
        moment = datetime.fromtimestamp(int(DEMO_EPOCH), timezone.utc)  # Tokyo's time zone changes nothing
        for info in infos:
            folder = info.filename.endswith("/")
            assert info.date_time == (moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)
            assert info.create_system == 3 and info.extra == b"" and info.comment == b""
            assert info.external_attr >> 16 == (0o040755 if folder else 0o100644), info.filename
            assert info.compress_type == (zipfile.ZIP_STORED if folder else zipfile.ZIP_DEFLATED)
    assert [path.name for path in archived["zip"].parent.iterdir() if path.is_file()] == [f"{CLIENT}.zip"]


def test_the_same_content_gives_the_same_bytes(archived: dict[str, Path]) -> None:
    data = archived["zip"].read_bytes()
    assert archived["there"].read_bytes() == data  # another folder, time zone, hash seed, files' times
    assert archived["again"].read_bytes() == data  # a second time, on the site already built


def test_a_moment_before_1980_is_dated_1980_and_links_stay_out(tmp_path: Path) -> None:
    site = tmp_path / "public"
    (site / "deep" / "er").mkdir(parents=True)
    (site / "deep" / "er" / "page.html").write_text("page\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    (site / "secret.txt").symlink_to(tmp_path / "secret.txt")
    target = tmp_path / "out" / "public.zip"
    assert write_archive(site, "public", target, datetime(1970, 1, 1, tzinfo=timezone.utc)) == 4
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert archive.namelist() == ["public/", "public/deep/", "public/deep/er/", "public/deep/er/page.html"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert sorted(path.name for path in target.parent.iterdir()) == ["public.zip"]


@pytest.mark.browser
def test_the_unzipped_site_opens_from_the_file_system(browser, archived: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(archived["zip"]) as archive:
        archive.extractall(tmp_path)
    folder = (tmp_path / CLIENT).resolve()
    context = browser.new_context()
    errors: list[str] = []
    outside: list[str] = []

    def route(route) -> None:
        if urlparse(route.request.url).scheme in ("http", "https", "ws", "wss"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()
    context.route("**/*", route)
    try:
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((folder / "index.html").as_uri())
        assert "L'Herbier de Lure" in page.locator("h1").first.inner_text()
        page.click("label.md-search__icon, .md-search__input")
        # Queries typed while the index is still loading are dropped, as a reader would see.
        page.wait_for_selector(".md-search-result__meta:has-text('Taper pour démarrer la recherche')", timeout=15000)
        page.locator("input.md-search__input").press_sequentially("printemps", delay=40)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        found = page.locator(".md-search-result__link").evaluate_all("links => links.map(link => link.href)")
        assert found
        for address in found:
            path = Path(url2pathname(urlparse(address).path))
            assert path.is_relative_to(folder) and path.is_file(), address
        page.goto((folder / REPORT).as_uri())
        pdf = page.locator("a[href$='.pdf']").first.evaluate("link => link.href")
        assert Path(url2pathname(urlparse(pdf).path)) == folder / PDF and (folder / PDF).is_file()
        assert (folder / PDF).read_bytes()[:5] == b"%PDF-"
        assert outside == [] and errors == []
    finally:
        context.close()


def test_the_internal_site_is_never_sent(demo: Path) -> None:
    result = CliRunner().invoke(cli, ["deploy", "archive", str(demo), "--site", "internal"])
    assert result.exit_code == 1
    # in the workspace's language, French
    assert typeset("erreur : le site interne est celui de l'agence", "fr") in result.output
    assert typeset("conseil : envoyez le site d'un client (--site client-<client>)", "fr") in result.output
    assert not (demo / "site").exists() and list(demo.rglob("*.zip")) == []


def test_a_zip_is_never_written_into_a_site(demo: Path) -> None:
    inside = demo / "site" / "public" / "rapport.zip"
    result = CliRunner().invoke(cli, ["deploy", "archive", str(demo), "--site", CLIENT, "--out", str(inside)])
    assert result.exit_code == 1 and typeset("le zip serait publié avec lui", "fr") in result.output
    assert not (demo / "site").exists()


def test_an_unknown_site_is_a_usage_error(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    result = CliRunner().invoke(cli, ["deploy", "archive", str(demo), "--site", "client-herbier"])
    assert result.exit_code == 2 and "no site named 'client-herbier'" in result.output
    assert list(demo.rglob("*.zip")) == []


def test_nothing_is_written_while_a_content_error_stands(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    card = demo / "content" / "influencers" / "lea-fontaine.md"
    card.write_text(card.read_text(encoding="utf-8").replace("followers: 84300", "followers: 84,3k", 1),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["deploy", "archive", str(demo), "--site", CLIENT])
    assert result.exit_code == 1
    assert "content/influencers/lea-fontaine.md:7:" in result.output and "rien n'a été écrit" in result.output
    assert not (demo / "site").exists() and list(demo.rglob("*.zip")) == []
