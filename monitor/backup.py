"""Backup and restore of the database (docs/betrieb.md, "Sicherung und Wiederherstellung").

SQLite: the online backup of the sqlite3 module, a consistent copy even while the dashboard writes (a plain copy of
the file could miss what is still in its write-ahead log). PostgreSQL: ``pg_dump`` in its custom format, restored
with ``pg_restore``; the password goes through the environment, never on the command line. The pseudonym key
(data/.pseudonym_key or MONITOR_SECRET) is not in the database: it must be kept with every backup.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from monitor.texts import cli as t


class BackupError(RuntimeError):
    """A backup or restore that did not succeed; the message is German."""


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError(t.BACKUP_NO_FILE)
    return Path(url.database)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """The connection as pg_dump and pg_restore take it: a libpq URI without the password, and the environment
    that carries the password."""
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = URL.create("postgresql", username=url.username, host=url.host, port=url.port, database=url.database,
                       query=url.query)
    return plain.render_as_string(hide_password=False), env


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup from one file to another: consistent while the source is being written."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(t.BACKUP_TOOL_MISSING.format(tool=command[0])) from error
    if result.returncode != 0:  # the tool's own message may name the server: it goes to the log, not the user
        raise BackupError(t.BACKUP_FAILED.format(tool=command[0], code=result.returncode))


def backup(engine: Engine, out: Path) -> Path:
    """Write a backup of the database to `out` (SQLite: a database file; PostgreSQL: a pg_dump archive)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_path(engine.url), out)
        return out
    uri, env = _libpq(engine.url)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={out}", f"--dbname={uri}"], env)
    return out


def restore(engine: Engine, archive: Path) -> None:
    """Restore a backup made by ``backup`` into the (empty) database of `engine`: SQLite copies the backup into
    the database file; PostgreSQL runs pg_restore, after which ``python -m monitor db upgrade`` gives the
    application's role its rights again (docs/betrieb.md)."""
    archive = Path(archive)
    if not archive.exists():
        raise BackupError(t.BACKUP_MISSING.format(path=archive.name))
    if engine.dialect.name == "sqlite":
        engine.dispose()
        _sqlite_copy(archive, _sqlite_path(engine.url))
        return
    uri, env = _libpq(engine.url)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={uri}", str(archive)], env)
