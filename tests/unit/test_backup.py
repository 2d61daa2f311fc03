"""A backup restored into an empty database gives the same KPIs, exact and published, on SQLite and on PostgreSQL
(monitor.backup: SQLite's online backup, pg_dump and pg_restore); a missing backup gives a German error."""

from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from etl.pipeline import import_files
from monitor import backup, cli, db, queries, roles, settings
from monitor.scope import ALL

WIETZE = "03351023"
AS_OF = date(2025, 12, 31)
TODAY = date(2026, 12, 3)


def _empty_target(source, tmp_path):
    """An empty database of the same kind as `source` (PostgreSQL: a database of its own beside the test's)."""
    if source.dialect.name == "sqlite":
        return db.make_engine(f"sqlite:///{tmp_path / 'wiederhergestellt.db'}"), None
    name = f"{source.url.database}_restore"
    admin = create_engine(source.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return db.make_engine(source.url.set(database=name).render_as_string(hide_password=False)), (admin, name)


def _drop(extra) -> None:
    if extra is not None:
        admin, name = extra
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def figures(engine) -> tuple[dict, dict, list[str], int]:
    exact = cli.kpis_payload(engine, AS_OF, WIETZE, False, today=TODAY, scope=ALL)
    public = cli.kpis_payload(engine, AS_OF, WIETZE, False, role=roles.COUNCIL, today=TODAY, scope=ALL)
    return exact, public, queries.gemeinden(engine), queries.data_version(engine)


def test_a_restored_backup_gives_the_same_kpis(engine, tmp_path):
    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    before = figures(engine)
    assert before[0]["kpis"]["K1"]["value"] > 0 and before[1]["kpis"]
    archive = backup.backup(engine, tmp_path / "sicherung" / "monitor.backup")
    assert archive.stat().st_size > 10_000
    target, extra = _empty_target(engine, tmp_path)
    try:
        backup.restore(target, archive)
        db.upgrade(target)  # nothing to migrate: the backup is at the newest revision
        assert figures(target) == before
    finally:
        target.dispose()
        _drop(extra)


def test_a_missing_backup_is_a_german_error(engine, tmp_path):
    with pytest.raises(backup.BackupError, match="wurde nicht gefunden"):
        backup.restore(engine, tmp_path / "fehlt.backup")


def test_the_password_never_goes_on_the_command_line():
    url = db.make_engine("postgresql+psycopg://app:geheim@127.0.0.1:5432/monitor").url
    uri, env = backup._libpq(url)
    assert "geheim" not in uri and uri.startswith("postgresql://app@127.0.0.1:5432/monitor")
    assert env["PGPASSWORD"] == "geheim" and os.environ.get("PGPASSWORD") != "geheim"


def test_backup_and_restore_from_the_command_line(tmp_path):
    from tests.unit.test_cli import run_cli

    source = f"sqlite:///{tmp_path / 'quelle.db'}"
    assert run_cli(source, "demo").returncode == 0
    made = run_cli(source, "backup", "--out", str(tmp_path / "s.backup"))
    assert made.returncode == 0, made.stderr
    assert "Sicherung geschrieben" in made.stderr and "pseudonym_key" in made.stderr
    target = f"sqlite:///{tmp_path / 'ziel.db'}"
    back = run_cli(target, "restore", str(tmp_path / "s.backup"))
    assert back.returncode == 0, back.stderr
    before = run_cli(source, "kpis", "--json", "--as-of", "2025-12-31")
    after = run_cli(target, "kpis", "--json", "--as-of", "2025-12-31")
    assert before.returncode == after.returncode == 0 and before.stdout == after.stdout
    missing = run_cli(target, "restore", str(tmp_path / "fehlt.backup"))
    assert missing.returncode == 1 and "wurde nicht gefunden" in missing.stderr
