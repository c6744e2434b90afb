"""What `pressbook check` and `pressbook deploy` say of readers and their passwords when the passwords
are at hand. They come from outside the workspace (`--secrets FILE`, $PRESSBOOK_SECRETS,
PRESSBOOK_PASSWORD_<LOGIN>), so the golden reports of tests/broken/ cannot hold these cases.

Every assertion is on the text a user reads, file:line:col included, and on what it must never show:
a password.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressbook.catalogue import typeset
from pressbook.cli import cli

CASES = Path(__file__).parent / "broken"

STAFF = ("camille.fabre@sillage-influence.fr", "julien.morel@sillage-influence.fr")
CLIENT_READERS = {
    "chocolaterie-belleroche": ("veronique@chocolaterie-belleroche.fr", "karim.saidi@chocolaterie-belleroche.fr"),
    "herbier-de-lure": ("helene.arnaud@herbier-de-lure.fr", "baptiste.correard@herbier-de-lure.fr"),
    "velonde": ("nadia.ferrand@velonde.fr", "gregoire.faure@velonde.fr"),
}
READERS = (*STAFF, *(login for logins in CLIENT_READERS.values() for login in logins))
# Long, and unlike any word of the demo: found in the output, they could only have been printed.
PASSWORDS = {login: f"Kq7-{index:02d}-vT9w-pL3x-{login.split('@')[0]}" for index, login in enumerate(READERS)}

ABSENT = "gregoire.faure@velonde.fr"
ABSENT_VARIABLE = "PRESSBOOK_PASSWORD_GREGOIRE_FAURE_VELONDE_FR"
SHORT = "Zx9-qq-7Lw"  # 10 characters
TOKEN = "ghp" + "_" + "Zq8" * 12  # in two pieces: this file holds nothing a secret scanner takes for a token


@pytest.fixture(autouse=True)
def _no_passwords_from_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests say where every password comes from: none from the environment they run in."""
    for name in list(os.environ):
        if name == "PRESSBOOK_SECRETS" or name.startswith("PRESSBOOK_PASSWORD_"):
            monkeypatch.delenv(name)


def write_secrets(path: Path, passwords: dict[str, str]) -> Path:
    path.write_text("".join(f'{login}: "{password}"\n' for login, password in passwords.items()), encoding="utf-8")
    path.chmod(0o600)
    return path


def run(*arguments: str) -> tuple[int, str]:
    """The command's exit code and output; `check` says its report in English, as the tests' texts are."""
    english = ["--lang", "en"] if arguments[:1] == ("check",) else []
    result = CliRunner().invoke(cli, [*arguments, *english])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def position(path: Path, text: str, after: str = "") -> tuple[int, int]:
    """The line and column (1-based, in characters) where `text` is first written in the file, after
    the first line that holds `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(number for number, line in enumerate(lines) if after in line) if after else 0
    for number, line in enumerate(lines[start:], start + 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} is not in {path}")


def reader_line(demo: Path, client: str, login: str) -> str:
    """What check says of a reader of `client` who has no password."""
    path = demo / "content" / "clients" / f"{client}.yml"
    line, column = position(path, login, after="readers:")
    index = CLIENT_READERS[client].index(login)
    return f"content/clients/{client}.yml:{line}:{column}: error: readers[{index}]: '{login}' has no password\n"


def assert_no_password_in(output: str, *passwords: str) -> None:
    for password in (*PASSWORDS.values(), SHORT, *passwords):
        assert password not in output


# --- check --secrets ------------------------------------------------------------------------------

def test_every_reader_with_a_password_adds_nothing_to_the_report(demo: Path, tmp_path: Path) -> None:
    # No false positive on the demo: with every password at hand, the report is the one without them.
    secrets = write_secrets(tmp_path / "secrets.yml", PASSWORDS)
    without = run("check", str(demo))
    code, output = run("check", str(demo), "--secrets", str(secrets))
    assert (code, output) == without
    assert "password" not in output
    assert_no_password_in(output)


def test_a_reader_without_a_password_is_reported_at_their_line_in_the_clients_file(demo: Path, tmp_path: Path
                                                                                     ) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", {k: v for k, v in PASSWORDS.items() if k != ABSENT})
    code, output = run("check", str(demo), "--secrets", str(secrets))
    assert code == 1
    assert reader_line(demo, "velonde", ABSENT) + (
        f"    hint: add it to the secrets file, or set {ABSENT_VARIABLE}; 'pressbook deploy passwords' writes "
        "one for each reader who has none\n") in output
    assert output.count("has no password") == 1
    assert_no_password_in(output)


def test_a_staff_member_without_a_password_is_reported_in_workspace_yml(demo: Path, tmp_path: Path) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", {k: v for k, v in PASSWORDS.items() if k != STAFF[1]})
    _, output = run("check", str(demo), "--secrets", str(secrets))
    line, column = position(demo / "content" / "workspace.yml", STAFF[1])
    assert (f"content/workspace.yml:{line}:{column}: error: sites.internal.readers[1]: '{STAFF[1]}' has no "
            "password\n    hint: add it to the secrets file, or set "
            "PRESSBOOK_PASSWORD_JULIEN_MOREL_SILLAGE_INFLUENCE_FR;") in output
    assert output.count("has no password") == 1


def test_a_password_given_by_its_variable_counts(demo: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", {k: v for k, v in PASSWORDS.items() if k != ABSENT})
    without = run("check", str(demo))
    monkeypatch.setenv(ABSENT_VARIABLE, "a long one, from the environment")
    code, output = run("check", str(demo), "--secrets", str(secrets))
    assert "has no password" not in output
    assert (code, output) == without
    assert "a long one" not in output


def test_a_short_password_is_reported_at_its_line_in_the_secrets_file(demo: Path, tmp_path: Path) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", {**PASSWORDS, ABSENT: SHORT})
    code, output = run("check", str(demo), "--secrets", str(secrets))
    line, column = position(secrets, f'"{SHORT}"', after=ABSENT)
    assert code == 1
    assert (f"{secrets}:{line}:{column}: error: the password of '{ABSENT}' has 10 characters; at least 12 are "
            "needed\n    hint: 'pressbook deploy passwords' writes a long random one for each reader who has "
            "none; remove this one first\n") in output
    assert "has no password" not in output
    assert_no_password_in(output)


def test_a_short_password_from_its_variable_names_the_variable(demo: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", {k: v for k, v in PASSWORDS.items() if k != ABSENT})
    monkeypatch.setenv(ABSENT_VARIABLE, SHORT)
    code, output = run("check", str(demo), "--secrets", str(secrets))
    assert code == 1
    [said] = [line for line in output.splitlines() if "characters; at least 12" in line]
    assert said.startswith(f"${ABSENT_VARIABLE}:")
    assert said.endswith(f"error: the password of '{ABSENT}' has 10 characters; at least 12 are needed")
    assert_no_password_in(output)


@pytest.mark.parametrize("place", ["secrets.yml", "content/secrets.yml"])
def test_a_secrets_file_inside_the_workspace_is_refused(demo: Path, place: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = write_secrets(demo / place, PASSWORDS)
    monkeypatch.chdir(demo)
    code, output = run("check", "--secrets", place)
    assert code == 1
    assert (f"{place}:1:1: error: the secrets file is inside the workspace, where git would publish it\n"
            "    hint: move it out of the repository, e.g. to ~/.config/pressbook/secrets.yml, and change every "
            "password it held if it was ever committed\n") in output
    assert secrets.exists()
    assert_no_password_in(output)


def test_a_secrets_file_that_is_missing_is_said_so(demo: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "secrets.yml"
    code, output = run("check", str(demo), "--secrets", str(missing))
    assert code == 1
    assert (f"{missing}:1:1: error: the secrets file cannot be read: No such file or directory\n"
            f"    hint: create it with 'pressbook deploy passwords --secrets {missing}'\n") in output


@pytest.mark.parametrize("source", ["file", "variable"])
def test_a_readers_password_written_in_a_report_is_found_at_its_place(demo: Path, tmp_path: Path, source: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    login = "nadia.ferrand@velonde.fr"
    password = PASSWORDS[login]
    if source == "variable":
        monkeypatch.setenv("PRESSBOOK_PASSWORD_NADIA_FERRAND_VELONDE_FR", password)
        secrets = write_secrets(tmp_path / "secrets.yml", {k: v for k, v in PASSWORDS.items() if k != login})
    else:
        secrets = write_secrets(tmp_path / "secrets.yml", PASSWORDS)
    report = demo / "content" / "campaigns" / "rentree-velotaf-2026" / "report.md"
    # After accented letters: the column counts characters, as an editor shows them, not bytes.
    report.write_text(report.read_text(encoding="utf-8") + f"\nAccès envoyé à Nadia : « {password} »\n",
                      encoding="utf-8")
    line, column = position(report, password)
    code, output = run("check", str(demo), "--secrets", str(secrets))
    assert code == 1
    assert (f"content/campaigns/rentree-velotaf-2026/report.md:{line}:{column}: error: the password of '{login}' "
            "is written here\n    hint: remove it and give them a new password: git keeps this one in the "
            "history\n") in output
    assert_no_password_in(output)


def test_PRESSBOOK_SECRETS_names_the_file_as_secrets_does(demo: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    passwords = {k: v for k, v in PASSWORDS.items() if k != ABSENT}
    secrets = write_secrets(tmp_path / "secrets.yml", {**passwords, STAFF[0]: SHORT})
    _, given = run("check", str(demo), "--secrets", str(secrets))
    monkeypatch.setenv("PRESSBOOK_SECRETS", str(secrets))
    code, named = run("check", str(demo))
    assert code == 1
    assert named == given
    # Not equal by both ignoring the file: it was read, its short password and its missing reader said.
    assert reader_line(demo, "velonde", ABSENT) in named
    assert f"error: the password of '{STAFF[0]}' has 10 characters" in named
    assert_no_password_in(named)


def test_without_secrets_no_reader_is_said_to_lack_a_password(demo: Path) -> None:
    _, output = run("check", str(demo))
    assert "password" not in output
    assert "secrets file" not in output


# --- the golden reports of secrets ------------------------------------------------------------------

@pytest.mark.parametrize(("case", "value"), [
    ("secret-password-key-in-client", "hunter2"),
    ("secret-token-in-influencer-notes", "Zq8Zq8"),
    ("secret-private-key-in-report", "PRIVATE KEY"),
    ("secret-private-key-in-report", "b3BlbnNz"),
])
def test_no_golden_report_shows_a_secret(case: str, value: str) -> None:
    # --update-goldens takes whatever check prints: a value printed would become the expected text.
    for language in ("fr", "en"):
        expected = (CASES / case / f"expected.{language}.txt").read_text(encoding="utf-8")
        assert ("error: " if language == "en" else "erreur\u00a0: ") in expected
        assert value not in expected


# --- deploy writes nothing ---------------------------------------------------------------------------
# A reader without a password, and the secrets file inside the workspace: tests/test_deploy_nginx.py.

def test_deploy_nginx_writes_nothing_when_a_token_is_written_in_content(demo: Path, tmp_path: Path) -> None:
    secrets = write_secrets(tmp_path / "secrets.yml", PASSWORDS)
    brief = demo / "content" / "campaigns" / "noel-gourmand-2026" / "brief.md"
    brief.write_text(brief.read_text(encoding="utf-8") + f"\nLe jeton du dépôt : {TOKEN}\n", encoding="utf-8")
    line, column = position(brief, TOKEN)
    out = tmp_path / "nginx"
    code, output = run("deploy", "nginx", str(demo), "--out", str(out), "--secrets", str(secrets))
    assert code == 1
    # in the workspace's language, French
    assert typeset(f"content/campaigns/noel-gourmand-2026/brief.md:{line}:{column} : erreur : un secret est écrit "
                   f"ici (« {TOKEN[:6]}… »)\n", "fr") in output
    assert TOKEN[:7] not in output
    assert typeset("rien n'a été écrit : corrigez d'abord les erreurs ci-dessus", "fr") in output
    assert not out.exists()
    assert not (demo / "site").exists()
    assert_no_password_in(output)


def test_a_key_named_like_a_secret_in_mkdocs_yml_is_refused_without_its_value(demo: Path) -> None:
    # extra: takes any key, so the schema's unknown-key refusal never sees it.
    with (demo / "mkdocs.yml").open("a", encoding="utf-8") as file:
        file.write("extra:\n  analytics:\n    api_key: 'K2f9-never-shown'\n")
    line = (demo / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("    api_key: 'K2f9-never-shown'") + 1
    code, output = run("check", str(demo))
    assert code == 1
    assert f"mkdocs.yml:{line}:5: error: a secret has no place in the workspace, where git would publish it" in output
    assert "K2f9" not in output


def test_the_same_folder_on_another_port_is_another_address(demo: Path) -> None:
    workspace = demo / "content" / "workspace.yml"
    text = workspace.read_text(encoding="utf-8")
    same = text.replace("https://clients.sillage-influence.fr/velonde/", "https://clients.sillage-influence.fr/herbier-de-lure/")
    workspace.write_text(same, encoding="utf-8")
    assert "is at the same address" in run("check", str(demo))[1]
    workspace.write_text(text.replace("https://clients.sillage-influence.fr/velonde/",
                                      "https://clients.sillage-influence.fr:8443/herbier-de-lure/"), encoding="utf-8")
    assert "publish.address" not in run("check", "--format", "json", str(demo))[1]
