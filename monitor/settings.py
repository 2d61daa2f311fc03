"""Settings from the environment, with embedded defaults that need no configuration."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEMO_DIR = DATA_DIR / "demo"


def database_url() -> str:
    """`DATABASE_URL`, or an SQLite file under data/ (created on first start)."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'monitor.db'}"


def owner_database_url() -> str:
    """`MONITOR_OWNER_DATABASE_URL`: the owner of the tables, for `python -m monitor db upgrade` only (never in the
    app's environment); without it the migrations run with `DATABASE_URL`, as the app does on start."""
    return os.environ.get("MONITOR_OWNER_DATABASE_URL") or database_url()


def app_role() -> str | None:
    """`MONITOR_APP_ROLE`: the PostgreSQL role the app connects as (the user of `DATABASE_URL`), which
    `python -m monitor db upgrade` gives the app's rights; unset: no rights are granted (one role for all)."""
    return (os.environ.get("MONITOR_APP_ROLE") or "").strip() or None


def pseudonym_secret() -> bytes:
    """Per-installation key for the keyed hash of case IDs.

    `MONITOR_SECRET` if set; otherwise a random key kept in data/.pseudonym_key (git-ignored), made once.
    Losing it means new uploads get other pseudonyms than old ones, so operations docs say: back it up.
    """
    env = os.environ.get("MONITOR_SECRET")
    if env:
        return env.encode("utf-8")
    path = Path(os.environ.get("MONITOR_SECRET_FILE", DATA_DIR / ".pseudonym_key"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")


MAX_UPLOAD_MB = 50  # also server.maxUploadSize in .streamlit/config.toml, so the browser refuses the same


def max_upload_mb() -> int:
    """Largest file the import takes, in MB: `MONITOR_MAX_UPLOAD_MB`, else 50."""
    return int(os.environ.get("MONITOR_MAX_UPLOAD_MB") or MAX_UPLOAD_MB)


LOCK_WAIT_SECONDS = 30  # how long an import or an undo waits for another one of the same data


def lock_wait_seconds() -> float:
    """How long an import or an undo waits while another one of the same Gemeinde and kind of data runs:
    `MONITOR_LOCK_WAIT_S`, else 30 seconds. Then it gives up with a German message and writes nothing."""
    return float(os.environ.get("MONITOR_LOCK_WAIT_S") or LOCK_WAIT_SECONDS)


# Retention (docs/datenschutz.md, "Aufbewahrung"): microdata for the current year plus this many, then only the
# figures; the audit log this many months. The database itself refuses to delete audit entries younger than
# AUDIT_FLOOR_MONTHS (migration 0007), so the setting may be longer, never shorter.
RETENTION_YEARS = 2
AUDIT_RETENTION_MONTHS = 12
AUDIT_FLOOR_MONTHS = 12
OFF = ("0", "aus", "off", "nie")


class SettingError(ValueError):
    """A setting that cannot be used; the message is German and names the setting."""


def _whole_number(name: str, default: int) -> int | None:
    """The setting as a whole number >= 0; None for "off" (0, "aus"); the default when unset."""
    from monitor.texts import cli as t

    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in OFF:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(t.SETTING_INVALID.format(name=name, value=raw[:20])) from None
    if value < 0:
        raise SettingError(t.SETTING_INVALID.format(name=name, value=raw[:20]))
    return value


def retention_years() -> int | None:
    """`MONITOR_RETENTION_YEARS`: microdata are kept for the current year plus this many years (default 2);
    None when retention is off ("0" or "aus")."""
    return _whole_number("MONITOR_RETENTION_YEARS", RETENTION_YEARS)


def audit_retention_months() -> int | None:
    """`MONITOR_AUDIT_RETENTION_MONTHS`: audit entries are kept this many months (default 12, at least 12);
    None when they are kept for ever ("aus")."""
    from monitor.texts import cli as t

    months = _whole_number("MONITOR_AUDIT_RETENTION_MONTHS", AUDIT_RETENTION_MONTHS)
    if months is not None and months < AUDIT_FLOOR_MONTHS:
        raise SettingError(t.AUDIT_MONTHS_TOO_SHORT.format(months=months, floor=AUDIT_FLOOR_MONTHS))
    return months
