"""`python -m monitor user ...` and `kpis --role` as municipal IT scripts them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from monitor import settings


def run_cli(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=settings.PROJECT_DIR, env=env, input=stdin,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_accounts_from_the_command_line(url):
    added = run_cli(url, "user", "add", "anna", "--role", "rat", "--password-stdin", stdin="ein langes Passwort\n")
    assert added.returncode == 0, added.stderr
    assert "Konto „anna“ mit der Rolle rat angelegt." in added.stderr
    short = run_cli(url, "user", "add", "berta", "--role", "rat", "--password-stdin", stdin="kurz\n")
    assert short.returncode == 1 and "mindestens 10 Zeichen" in short.stderr
    assert run_cli(url, "user", "add", "carla", "--role", "chef", "--password-stdin", stdin="x" * 12).returncode == 2
    assert run_cli(url, "user", "role", "anna", "verwaltung").returncode == 0
    assert run_cli(url, "user", "deactivate", "anna").returncode == 0
    listed = run_cli(url, "user", "list")
    assert listed.stdout == "anna\tverwaltung\t* (deaktiviert)\n"
    assert run_cli(url, "user", "role", "nobody", "rat").returncode == 1


def test_the_gemeinden_of_an_account_from_the_command_line(url):
    added = run_cli(url, "user", "add", "eva", "--role", "verwaltung", "--gemeinden", "03351025,03351003",
                    stdin="ein langes Passwort\n")
    assert added.returncode == 0, added.stderr
    assert run_cli(url, "user", "list").stdout == "eva\tverwaltung\t03351003,03351025\n"
    changed = run_cli(url, "user", "gemeinden", "eva", "03351025")
    assert changed.returncode == 0 and "03351025" in changed.stderr
    assert run_cli(url, "user", "list").stdout == "eva\tverwaltung\t03351025\n"
    wrong = run_cli(url, "user", "gemeinden", "eva", "3351025")  # a leading zero lost: refused, not guessed
    assert wrong.returncode == 1 and "„3351025“ ist kein Gemeindeschlüssel" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    assert run_cli(url, "user", "list").stdout == "eva\tverwaltung\t03351025\n"
    wrong_add = run_cli(url, "user", "add", "fritz", "--role", "rat", "--gemeinden", "123", stdin="")
    assert wrong_add.returncode == 1 and "„123“ ist kein Gemeindeschlüssel" in wrong_add.stderr  # before a password
    assert run_cli(url, "user", "gemeinden", "eva", "*").returncode == 0
    assert run_cli(url, "user", "list").stdout == "eva\tverwaltung\t*\n"


def test_a_piped_password_is_read_without_the_option(url):
    added = run_cli(url, "user", "add", "anna", "--role", "rat", stdin="ein langes Passwort\n")
    assert added.returncode == 0, added.stderr
    changed = run_cli(url, "user", "password", "anna", stdin="ein anderes langes Passwort\n")
    assert changed.returncode == 0, changed.stderr
    from monitor import auth, db

    engine = db.make_engine(url)
    assert auth.authenticate(engine, "anna", "ein anderes langes Passwort").ok
    engine.dispose()


@pytest.mark.parametrize("args", [("user", "add", "berta", "--role", "rat"),
                                  ("user", "add", "berta", "--role", "rat", "--password-stdin"),
                                  ("user", "password", "berta")])
def test_no_password_on_the_pipe_is_a_german_error_not_a_traceback(url, args):
    result = run_cli(url, *args, stdin="")
    assert result.returncode == 1
    assert "Kein Passwort erhalten" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("entries, code, message", [
    (["ein langes Passwort", "ein langes Passwort"], 0, "angelegt"),
    (["ein langes Passwort", "ein anderes Passwort"], 1, "stimmen nicht überein"),
    (["ein langes Passwort", EOFError], 1, "Kein Passwort erhalten"),
])
def test_at_a_terminal_the_password_is_asked_twice(monkeypatch, capsys, tmp_path, entries, code, message):
    from monitor import cli

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tty.db'}")
    monkeypatch.setattr(cli.db, "get_engine", lambda: cli.db.make_engine(os.environ["DATABASE_URL"]))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(entries)

    def fake_getpass(prompt):
        answer = next(answers)
        if answer is EOFError:
            raise EOFError
        return answer

    monkeypatch.setattr(cli.getpass, "getpass", fake_getpass)
    assert cli.main(["user", "add", "anna", "--role", "rat"]) == code
    assert message in capsys.readouterr().err


def test_kpis_for_the_council_give_no_suppressed_number(url):
    assert run_cli(url, "demo").returncode == 0
    council = json.loads(run_cli(url, "kpis", "--as-of", "2026-11-24", "--role", "rat", "--json").stdout)
    assert council["role"] == "rat"
    # 2026 is running on 24.11.2026: the council gets the last closed year, and is told so
    assert council["period"]["key"] == "2025" and council["period"]["clamped"] is True
    exact = json.loads(run_cli(url, "kpis", "--as-of", "2025-12-31", "--json").stdout)["kpis"]
    assert all(set(kpi) == {"value", "unit", "suppressed", "change", "parts"} for kpi in council["kpis"].values())
    hidden = [k for k, kpi in council["kpis"].items() if kpi["suppressed"]]
    assert hidden, "the demo year should have a suppressed KPI for the council"
    for kpi_id in hidden:
        assert council["kpis"][kpi_id]["value"] is None and exact[kpi_id]["value"] is not None
    shown = [k for k in council["kpis"] if k not in hidden]
    assert all(council["kpis"][k]["value"] == exact[k]["value"] for k in shown)
    for kpi in council["kpis"].values():
        for part in kpi["parts"].values():
            assert (part["value"] is None) == part["suppressed"] or part["value"] is None
    text = run_cli(url, "kpis", "--as-of", "2026-11-24", "--role", "rat")
    assert "•" in text.stdout
