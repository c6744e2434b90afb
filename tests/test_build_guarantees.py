"""What every build promises: golden pages, byte-identical output, atomic swap, overridable templates."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path


from conftest import DEMO_EPOCH, ROOT, assert_golden, copy_demo

GOLDEN = Path(__file__).parent / "golden"


def _tree(directory: Path, pattern: str = "*") -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob(pattern)) if p.is_file()}


def _pressbook(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pressbook", *args], cwd=cwd, capture_output=True, text=True,
                          env=env or dict(os.environ, SOURCE_DATE_EPOCH=DEMO_EPOCH))


def test_golden_markdown_tree_of_the_internal_site(built_demo: Path, update_goldens: bool) -> None:
    generated = built_demo / ".cache" / "pressbook" / "internal"
    actual = {name: data for name, data in _tree(generated).items()
              if name.endswith(".md") or name == "mkdocs.yml"}
    golden = GOLDEN / "internal"
    if update_goldens:
        for name, data in actual.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
        for stale in set(_tree(golden)) - set(actual):
            (golden / stale).unlink()
    assert sorted(_tree(golden)) == sorted(actual), "pages appeared or vanished: run pytest --update-goldens"
    for name, data in actual.items():
        assert_golden(golden / name, data.decode("utf-8"), False)


def test_two_builds_are_byte_identical_whatever_the_environment(tmp_path: Path) -> None:
    """No SOURCE_DATE_EPOCH: "now" is the workspace repository's last commit, whatever the clock says."""
    outputs = []
    for run, (zone, lang, seed) in enumerate((("UTC", "C.UTF-8", "1"), ("Pacific/Auckland", "fr_FR.UTF-8", "4242"))):
        root = copy_demo(tmp_path / f"run{run}")
        git = dict(os.environ, GIT_AUTHOR_DATE="2026-11-20T10:00:00Z", GIT_COMMITTER_DATE="2026-11-20T10:00:00Z",
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@example.org")
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "demo"]):
            subprocess.run(["git", *command], cwd=root, env=git, check=True)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(TZ=zone, LANG=lang, LC_ALL=lang, PYTHONHASHSEED=seed)
        result = _pressbook("build", cwd=root, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(_tree(root / "site" / "internal"))
    assert outputs[0].keys() == outputs[1].keys()
    differing = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differing == []
    assert b"20 novembre 2026" in outputs[0]["index.html"]


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    assert _pressbook("build", cwd=root).returncode == 0
    before = {name: hashlib.sha256(data).hexdigest() for name, data in _tree(root / "site").items()}
    # A theme override that fails only as MkDocs renders it (the check reads its syntax, which is
    # fine) makes MkDocs fail in the middle of writing the new site.
    overrides = root / "themes" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text('{% extends "base.html" %}{% block content %}{{ missing() }}{% endblock %}',
                                         encoding="utf-8")
    card = root / "content" / "influencers" / "lea-fontaine.md"
    card.write_text(card.read_text(encoding="utf-8").replace("Léa Fontaine", "Léa Fontaine-Martin", 1),
                    encoding="utf-8")
    result = _pressbook("build", cwd=root)
    assert result.returncode == 1
    assert "échec de internal\u00a0: le site précédent reste tel quel" in result.stderr  # the workspace's language
    after = {name: hashlib.sha256(data).hexdigest() for name, data in _tree(root / "site").items()}
    assert after == before
    assert sorted(p.name for p in (root / "site").iterdir()) == [
        "client-chocolaterie-belleroche", "client-herbier-de-lure", "client-velonde", "internal", "public"]


def test_content_errors_build_nothing(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    brief = root / "content" / "campaigns" / "noel-gourmand-2026" / "brief.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("client: ", "client: inconnu-", 1), encoding="utf-8")
    result = _pressbook("build", cwd=root)
    assert result.returncode == 1
    assert "ref.unknown-client" not in result.stdout and "client inconnu «\u202finconnu-" in result.stdout
    assert not (root / "site").exists()


def test_a_workspace_overrides_one_template(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    pages = root / "themes" / "pages"
    pages.mkdir(parents=True)
    default = (ROOT / "themes" / "pages" / "journal.md").read_text(encoding="utf-8")
    (pages / "journal.md").write_text("<p class=\"our-journal\">Notre journal maison</p>\n\n" + default,
                                      encoding="utf-8")
    assert _pressbook("build", cwd=root).returncode == 0
    journal = (root / "site" / "internal" / "journal.html").read_text(encoding="utf-8")
    assert 'class="our-journal"' in journal
    card = (root / "site" / "internal" / "influencers" / "lea-fontaine.html").read_text(encoding="utf-8")
    assert "Fréquence de publication" in card  # every other template is still pressbook's


def test_an_edited_theme_override_shows_in_the_next_build(tmp_path: Path) -> None:
    """A workspace's override of the theme, added or edited after a build, shows in the next one."""
    root = copy_demo(tmp_path / "demo")
    assert _pressbook("build", "--site", "public", cwd=root).returncode == 0
    overrides = root / "themes" / "overrides"
    overrides.mkdir(parents=True)
    default = (ROOT / "themes" / "overrides" / "main.html").read_text(encoding="utf-8")
    for words in ("Notre bandeau", "Notre nouveau bandeau"):
        (overrides / "main.html").write_text(default + f'{{% block announce %}}{words}{{% endblock %}}\n',
                                             encoding="utf-8")
        result = _pressbook("build", "--site", "public", cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert words in (root / "site" / "public" / "index.html").read_text(encoding="utf-8")


def test_a_look_the_check_accepts_builds_with_the_agencys_own_icon_and_favicon(tmp_path: Path) -> None:
    """Icons and images are looked for where the sites find them: Material's icons and the workspace's
    overrides; the workspace's themes/assets, published under assets/pressbook/."""
    from PIL import Image

    root = copy_demo(tmp_path / "demo")
    icons = root / "themes" / "overrides" / ".icons" / "agence"
    icons.mkdir(parents=True)
    (icons / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                                    '<path d="M12 2 2 22h20z"/></svg>', encoding="utf-8")
    (root / "themes" / "assets").mkdir()
    Image.new("RGB", (32, 32), (90, 40, 160)).save(root / "themes" / "assets" / "favicon.png")
    look = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(look.replace("  palette:\n", "  icon:\n    logo: agence/logo\n"
                                                  "    admonition:\n      note: material/pencil\n"
                                                  "  favicon: assets/pressbook/favicon.png\n  palette:\n")
                                     + 'copyright: "© 2026 Sillage Influence"\n', encoding="utf-8")
    result = _pressbook("build", "--site", "public", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (root / "site" / "public" / "index.html").read_text(encoding="utf-8")
    assert "M12 2 2 22h20z" in home and "© 2026 Sillage Influence" in home
    assert 'href="assets/pressbook/favicon.png"' in home
    assert (root / "site" / "public" / "assets" / "pressbook" / "favicon.png").is_file()


def test_hooks_of_the_workspaces_mkdocs_yml_do_not_run(tmp_path: Path) -> None:
    """A hook is Python run inside MkDocs: the workspace's mkdocs.yml sets the look, not code."""
    root = copy_demo(tmp_path / "demo")
    ran = tmp_path / "the hook ran"
    (root / "theirs.py").write_text(f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hooks:\n  - {root / 'theirs.py'}\n")
    result = _pressbook("build", "--site", "public", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not ran.exists()


def test_check_names_as_overruled_what_every_generated_mkdocs_yml_sets(tmp_path: Path, monkeypatch) -> None:
    """`check` warns of each key of the workspace's mkdocs.yml that has no effect because every
    generated mkdocs.yml sets it: given the generated settings themselves as the workspace's, it names
    every one of them, and nothing else, so the warning is never wrong and never missing."""
    import yaml
    from pressbook.build import generate
    from pressbook.validation.mkdocs_yml import SAME_AS_PRESSBOOK, read_mkdocs_yml

    root = copy_demo(tmp_path / "demo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    generated = generate(root)
    settings: dict = {}
    for _, tree, _ in generated.sites:
        for key, value in yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8")).items():
            if isinstance(value, dict):
                settings.setdefault(key, {}).update(value)
            else:
                settings[key] = value
    expected = {(key, inner) if isinstance(value, dict) else (key,)
                for key, value in settings.items() for inner in (value if isinstance(value, dict) else [None])}
    # Not reported: the site's title and address (MkDocs' tools want a site_name in every mkdocs.yml),
    # where the settings come from (an error of its own), how much MkDocs logs, and what pressbook sets
    # the same way.
    expected -= {("site_name",), ("site_url",), ("INHERIT",), ("validation", "nav"), *SAME_AS_PRESSBOOK}
    # Nor the favicon made from workspace.yml's logo: set only where the workspace's mkdocs.yml sets none.
    expected -= {("theme", "favicon")}
    settings["theme"].pop("favicon")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    _, reported = read_mkdocs_yml(root)
    assert {tuple(str(problem.message).split("'")[1].split(".")) for problem in reported
            if problem.code == "mkdocs.overruled"} == expected
    assert {problem.code for problem in reported} == {"mkdocs.overruled", "mkdocs.inherit"}


def test_a_workspace_mkdocs_yml_that_names_python_builds_nothing(tmp_path: Path) -> None:
    """MkDocs' reader runs the Python a `!!python/...` tag names: such a mkdocs.yml stops the build
    before MkDocs reads it."""
    root = copy_demo(tmp_path / "demo")
    ran = tmp_path / "it ran"
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"extra:\n  surprise: !!python/object/apply:os.mkdir [{str(ran)!r}]\n")
    result = _pressbook("build", "--site", "public", cwd=root)
    assert result.returncode == 1
    assert "mkdocs.yml" in result.stdout + result.stderr and "exécuterait du Python" in result.stdout + result.stderr
    assert not ran.exists() and not (root / "site" / "public").exists()


def test_english_interface(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    settings = root / "content" / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: fr", "language: en"),
                        encoding="utf-8")
    # The French Excel files keep DD/MM/YYYY dates, which only a French workspace reads.
    (root / "content" / "campaigns" / "rentree-velotaf-2026" / "posts.csv").unlink()
    (root / "content" / "campaigns" / "rentree-velotaf-2026" / "metrics.csv").unlink()
    result = _pressbook("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    card = (root / "site" / "internal" / "influencers" / "lea-fontaine.html").read_text(encoding="utf-8")
    assert "84,300 followers" in card and "86.0%" in card and "Posting frequency" in card
    dashboard = (root / "site" / "internal" / "index.html").read_text(encoding="utf-8")
    assert "As of 26 Nov 2026" in dashboard


def test_unchanged_sites_are_not_built_again(tmp_path: Path) -> None:
    from pressbook.build import build

    root = copy_demo(tmp_path / "demo")
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        first = build(root)
        assert first.ok and not any(site.skipped for site in first.sites)
        second = build(root)
        assert second.ok and all(site.skipped for site in second.sites)
        card = root / "content" / "influencers" / "mathis-leroy.md"  # on Vélonde's roster only
        card.write_text(card.read_text(encoding="utf-8").replace("tone: ", "tone: Posé. ", 1), encoding="utf-8")
        third = build(root)
        # The look is every site's: its edit rebuilds them all, though no page's Markdown changed.
        look = root / "mkdocs.yml"
        look.write_text(look.read_text(encoding="utf-8").replace("primary: deep purple", "primary: teal"),
                        encoding="utf-8")
        fourth = build(root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    rebuilt = sorted(site.name for site in third.sites if not site.skipped)
    assert rebuilt == ["client-velonde", "internal"]
    assert "Posé." in (root / "site" / "client-velonde" / "influencers" / "mathis-leroy.html").read_text(encoding="utf-8")
    assert fourth.ok and not any(site.skipped for site in fourth.sites)
    assert 'data-md-color-primary="teal"' in (root / "site" / "public" / "index.html").read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_does_nothing(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from pressbook import build as pipeline
    from pressbook.cli import cli

    root = copy_demo(tmp_path / "demo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    assert CliRunner().invoke(cli, ["build", str(root)]).exit_code == 0

    def nothing_to_do(*args, **kwargs):
        raise AssertionError("nothing changed: the workspace is not even loaded")
    monkeypatch.setattr(pipeline, "generate", nothing_to_do)
    again = CliRunner().invoke(cli, ["build", str(root)])
    assert again.exit_code == 0, again.output
    assert again.output.count("unchanged ") == 5 and "built " not in again.output

    # Whatever a build reads makes the next one work again: a card, the build date, a site removed.
    card = root / "content" / "influencers" / "mathis-leroy.md"
    text, page = card.read_text(encoding="utf-8"), (root / "site" / "public" / "index.html").read_bytes()
    changes = [(lambda: card.write_text(text + "\n", encoding="utf-8"), lambda: card.write_text(text, encoding="utf-8")),
               (lambda: monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DEMO_EPOCH) + 86400)),
                lambda: monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)),
               (lambda: (root / "site" / "public" / "index.html").unlink(),
                lambda: (root / "site" / "public" / "index.html").write_bytes(page))]
    for change, undo in changes:
        change()
        assert "not even loaded" in str(CliRunner().invoke(cli, ["build", str(root)]).exception)
        undo()
        assert CliRunner().invoke(cli, ["build", str(root)]).exit_code == 0


def test_pages_rendered_while_mkdocs_reads_them_are_those_of_a_generation(tmp_path: Path, monkeypatch) -> None:
    """A first build renders the pages in MkDocs' reading order while MkDocs reads them; the preview,
    once, and keeps them: every way, the tree is the one a plain generation writes."""
    from pressbook.build import Kept, build, generate
    from pressbook.cache import FOLDER as GENERATED

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    trees = []
    for name, make in (("plain", generate), ("kept", lambda root, site: generate(root, site, kept=Kept())),
                       ("built", build)):
        root = copy_demo(tmp_path / name)
        assert make(root, "internal").sites
        trees.append(_tree(root / GENERATED, "internal/docs/**/*.md"))
    assert len(trees[0]) > 50 and trees[0] == trees[1] == trees[2]


def _pages_taken_out(tree: Path) -> dict[str, bytes]:
    """The pages of a generated tree, taken out of it, in the order MkDocs reads them."""
    from pressbook.sites.mkdocs_run import reading_order

    docs = tree / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    for name in pages:
        (docs / name).unlink()
    return dict(sorted(pages.items(), key=lambda item: reading_order(item[0])))


def _client_tree(built_demo: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of a client site's generated tree, and its pages, taken out of it."""
    tree = tmp_path / "tree"
    shutil.copytree(built_demo / ".cache" / "pressbook" / "client-velonde", tree)
    (tree / ".built").unlink()
    return tree, _pages_taken_out(tree)


def test_pages_written_while_mkdocs_runs_make_the_site_the_mkdocs_command_makes(built_demo: Path, tmp_path: Path) -> None:
    """On a first build MkDocs starts before the pages are written: it waits for each page it reads,
    and the site is the one `python -m mkdocs build --strict` makes of the finished tree."""
    import threading
    import time

    from pressbook.sites.mkdocs_run import MkdocsRunner, clean_environment, pages_to_come
    from pressbook.sites.tree import write_files

    tree, pages = _client_tree(built_demo, tmp_path)
    coming = pages_to_come(tree, list(pages))
    outcomes = []
    building = threading.Thread(target=lambda: outcomes.append(
        MkdocsRunner(int(DEMO_EPOCH)).build(tree, tmp_path / "coming", coming=coming)))
    building.start()
    time.sleep(3)  # MkDocs has walked the folder, without a page in it
    for name, data in pages.items():
        write_files(tree / "docs", {name: data})
    building.join(timeout=120)
    assert outcomes and outcomes[0].ok, outcomes
    assert not coming.exists()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tree / "mkdocs.yml"),
                    "--site-dir", str(tmp_path / "command")], env=clean_environment(int(DEMO_EPOCH)), check=True)
    built, command = _tree(tmp_path / "coming"), _tree(tmp_path / "command")
    assert len(built) > 10 and built == command


def test_mkdocs_stops_with_a_reason_when_pages_stop_coming(built_demo: Path, tmp_path: Path) -> None:
    """Rendering failed: the list of pages to come goes, and MkDocs, waiting for the second page,
    ends and says which."""
    import threading
    import time

    from pressbook.sites.mkdocs_run import MkdocsRunner, pages_to_come

    tree, pages = _client_tree(built_demo, tmp_path)
    first, second = list(pages)[:2]
    (tree / "docs" / first).write_bytes(pages[first])
    coming = pages_to_come(tree, list(pages))
    outcomes = []
    building = threading.Thread(target=lambda: outcomes.append(
        MkdocsRunner(int(DEMO_EPOCH)).build(tree, tmp_path / "out", coming=coming)))
    building.start()
    time.sleep(3)
    coming.unlink()
    building.join(timeout=120)
    assert not building.is_alive() and outcomes and not outcomes[0].ok
    # Or, had MkDocs been slower to start than the sleep, before any page.
    assert f"pressbook stopped before it wrote {second}" in outcomes[0].log or \
        "pressbook stopped before it wrote the site's pages" in outcomes[0].log


def test_mkdocs_waiting_for_pages_ends_when_pressbook_is_gone(built_demo: Path, tmp_path: Path) -> None:
    """pressbook killed while MkDocs waits for a page: MkDocs ends, rather than wait for ever."""
    import time

    from pressbook.sites.mkdocs_run import pages_to_come

    tree, pages = _client_tree(built_demo, tmp_path)
    coming = pages_to_come(tree, list(pages))
    # A pressbook that starts MkDocs and is gone at once, its list of pages left behind.
    started = subprocess.run([sys.executable, "-c", f"""
import os, subprocess, sys
from pressbook.sites.mkdocs_run import clean_environment
from pressbook.sites.mkdocs_hook import COMING, WRITER
process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", {str(tree / "mkdocs.yml")!r},
                            "--site-dir", {str(tmp_path / "out")!r}], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=clean_environment({DEMO_EPOCH}) | {{COMING: {str(coming)!r}, WRITER: str(os.getpid())}})
print(process.pid)
"""], capture_output=True, text=True, check=True)
    deadline = time.monotonic() + 60
    while _running(int(started.stdout)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(int(started.stdout)), "MkDocs still waits"
    assert coming.exists()


def _running(pid: int) -> bool:
    """Whether the process runs still: not ended, nor ended and waiting for its parent to hear it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(") ")[2][0] != "Z"
    except FileNotFoundError:
        return False


def test_a_first_build_whose_rendering_fails_ends_and_builds_nothing(tmp_path: Path, monkeypatch) -> None:
    """A template that breaks half-way through a site: the build ends with the error, and no site is
    put in place."""
    import threading

    from pressbook.build import build
    from pressbook.pages.render import Renderer

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    root = copy_demo(tmp_path / "demo")
    render, rendered = Renderer.render, []

    def failing(self, plan, page):
        rendered.append(page)
        if len(rendered) == 20:
            raise RuntimeError("a template broke")
        return render(self, plan, page)
    monkeypatch.setattr(Renderer, "render", failing)
    errors = []

    def building() -> None:
        try:
            build(root, "internal")
        except RuntimeError as error:
            errors.append(error)
    thread = threading.Thread(target=building, daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive() and [str(error) for error in errors] == ["a template broke"]
    assert not (root / "site").exists() or not any((root / "site").iterdir())


def test_a_failing_mkdocs_run_reports_why(tmp_path: Path) -> None:
    from pressbook.sites.mkdocs_run import MkdocsRunner

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n\n[gone](missing.md)\n", encoding="utf-8")
    outcome = MkdocsRunner(int(DEMO_EPOCH)).build(tmp_path, tmp_path / "out")
    assert not outcome.ok and "missing.md" in outcome.log


def test_the_preview_regenerates_what_a_fresh_generation_makes(tmp_path: Path, monkeypatch) -> None:
    """The preview keeps what it made of unchanged files and pages between saves; after an edit, what it
    writes is what a generation from nothing writes, problems included, and only the edited card's
    pages are written again. An edit that leaves the file's size and time of change as they were (two
    saves within one tick of the file system's clock) is seen all the same."""
    from pressbook.build import Kept, generate
    from pressbook.pages.render import Renderer

    root = copy_demo(tmp_path / "demo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    kept = Kept()
    first = generate(root, "internal", kept=kept)
    card = root / "content" / "influencers" / "mathis-leroy.md"
    before = card.stat()
    card.write_text(card.read_text(encoding="utf-8").replace("tone: Technique", "tone: Rigoureux", 1), encoding="utf-8")
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card.stat().st_size == before.st_size
    rendered = []
    render = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda renderer, plan, page: (
        rendered.append(page.path), render(renderer, plan, page))[1])
    again = generate(root, "internal", kept=kept)
    tree = root / ".cache" / "pressbook" / "internal"
    written, pages = _tree(tree), rendered
    assert "influencers/mathis-leroy.md" in pages and len(pages) < len(again.sites[0][0].pages) / 4, pages
    assert "Rigoureux et enthousiaste" in (tree / "docs" / "influencers" / "mathis-leroy.md").read_text(encoding="utf-8")
    shutil.rmtree(tree)
    fresh = generate(root, "internal")
    assert _tree(tree) == written
    assert again.problems == fresh.problems and first.problems == fresh.problems


def test_a_generated_tree_is_written_where_it_changed_only(tmp_path: Path, monkeypatch) -> None:
    """A page whose bytes did not change is not touched, and what nothing generates any more goes,
    with its emptied folder."""
    from pressbook.build import generate

    root = copy_demo(tmp_path / "demo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    tree = root / ".cache" / "pressbook" / "internal"
    first = generate(root, "internal")
    alone = _tree(tree)
    assert first.sites[0][2] == sorted(alone)
    (tree / ".built").write_text("stamp")
    (tree / "docs" / "old").mkdir()
    (tree / "docs" / "old" / "gone.md").write_text("stale")
    touched = {path: path.stat().st_mtime_ns for path in tree.rglob("*.md")}
    card = root / "content" / "influencers" / "mathis-leroy.md"
    card.write_text(card.read_text(encoding="utf-8").replace("tone: ", "tone: Posé et précis. ", 1), encoding="utf-8")
    again = generate(root, "internal")
    assert "docs/influencers/mathis-leroy.md" in again.sites[0][2] and len(again.sites[0][2]) < len(alone) / 4
    assert all(path.stat().st_mtime_ns == time for path, time in touched.items()
               if path.exists() and path.relative_to(tree).as_posix() not in again.sites[0][2])
    assert not (tree / "docs" / "old").exists() and (tree / ".built").read_text() == "stamp"


def test_a_build_works_out_its_moment_once(tmp_path: Path, monkeypatch) -> None:
    """'Now' is the repository's last commit unless SOURCE_DATE_EPOCH says otherwise: a build asks git
    once, so every stage dates the build alike even if a commit lands meanwhile."""
    from pressbook.build import build

    root = copy_demo(tmp_path / "demo")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    asked = []
    run = subprocess.run

    def counting(arguments, *args, **kwargs):
        if list(arguments[:2]) == ["git", "log"]:
            asked.append(arguments)
        return run(arguments, *args, **kwargs)
    monkeypatch.setattr(subprocess, "run", counting)
    assert build(root, "public").ok
    assert len(asked) == 1
