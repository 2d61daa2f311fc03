"""Shared by the page tests: pointing the app at a database, and the demo database's fixtures."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
import streamlit as st

from monitor import bootstrap, db, settings


def _engine_or_none():
    try:
        return db.get_engine()
    except OSError:  # the start-up failure test points at a path that cannot be created
        return None


@contextmanager
def use_database(url: str):
    """Point the app at `url`: environment, the engine cache and Streamlit's data cache."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    db.get_engine.cache_clear()
    st.cache_data.clear()
    try:
        yield _engine_or_none()
    finally:
        engine = _engine_or_none()
        if engine is not None:
            engine.dispose()
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
        db.get_engine.cache_clear()
        st.cache_data.clear()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """A database with the shipped demo data, loaded the way the app does on its first start."""
    assert list(settings.DEMO_DIR.glob("*.csv")), "data/demo/*.csv missing: the demo exports are needed"
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'demo.db'}"
    with use_database(url):
        bootstrap.ensure_ready()
    return url


@pytest.fixture
def demo_db(demo_url):
    with use_database(demo_url) as engine:
        yield engine


@pytest.fixture
def empty_db(tmp_path):
    with use_database(f"sqlite:///{tmp_path / 'empty.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        yield engine
