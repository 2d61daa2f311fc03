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
