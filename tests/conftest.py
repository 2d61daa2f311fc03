"""Shared fixtures. Every database test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

os.environ.setdefault("MONITOR_SECRET", "test-secret-not-for-production")

from monitor import db  # noqa: E402

_BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _fresh_engine(backend: str, tmp_path):
    if backend == "sqlite":
        return db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    engine = db.make_engine(os.environ["TEST_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return engine


@pytest.fixture(params=_BACKENDS)
def engine(request, tmp_path):
    """An empty database at the newest migration, on each configured backend."""
    eng = _fresh_engine(request.param, tmp_path)
    db.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    eng = db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    db.upgrade(eng)
    yield eng
    eng.dispose()
