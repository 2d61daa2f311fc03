"""The server builds the published sets of a new data version in the background (ui.cache.prepare_published), so
that the first view of the public or the council after an import finds its Gemeinde's set ready: here the
preparation itself, run in the test's thread, and when the server starts it."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from monitor import audit, db, published, roles
from tests.app.measures import open_page
from tests.app.test_pages import WIETZE
from ui import cache


def builds(monkeypatch) -> list[str]:
    """The Gemeinden whose published set is built from now on (published.from_database wrapped, not replaced)."""
    built, build = [], published.from_database

    def counting(engine, today, ags=None):
        built.append(ags)
        return build(engine, today, ags)

    monkeypatch.setattr(published, "from_database", counting)
    return built


def test_a_prepared_set_is_the_one_the_council_s_first_view_reads(demo_db, monkeypatch):
    audit.record(db.get_engine(), audit.IMPORT, "test", detail="a new data version")  # as an import does
    built = builds(monkeypatch)
    database, version = cache.database()
    assert cache.prepare(database, version, cache._set_day(date.today())) == [WIETZE]
    assert built == [WIETZE]
    open_page("uebersicht", roles.COUNCIL)
    open_page("sprachkurse", roles.PUBLIC)
    assert built == [WIETZE]  # the pages built nothing: the prepared set was there
    audit.record(db.get_engine(), audit.IMPORT, "test", detail="the next import")
    open_page("uebersicht", roles.COUNCIL)
    assert built == [WIETZE, WIETZE]  # a new data version: a new set


def test_the_server_starts_one_preparation_per_data_version(demo_db, monkeypatch):
    started = []
    monkeypatch.setattr(cache.runtime, "exists", lambda: True)  # as in the server
    monkeypatch.setattr(cache, "_start", lambda name, target, key: started.append(key))
    assert cache.prepare_published(date.today()) and started
    assert not cache.prepare_published(date.today())  # the same version: already started
    audit.record(db.get_engine(), audit.IMPORT, "test", detail="a new data version")
    assert cache.prepare_published(date.today())
    assert len(started) == 2 and started[0][1] < started[1][1]  # the second for the new version
    monkeypatch.setattr(cache.runtime, "exists", lambda: False)  # AppTest, scripts: no server process
    audit.record(db.get_engine(), audit.IMPORT, "test", detail="one more")
    assert not cache.prepare_published(date.today()) and len(started) == 2


def test_a_view_after_an_import_shows_the_set_published_until_then_while_the_new_one_is_built(demo_db, monkeypatch):
    """In the server: the council's first view after an import does not wait for the audit. It shows the set of
    the data version before, says so, and the new set is built in the background; once it is ready, the next run
    (the page reloads itself) shows it without the note."""
    import threading
    import time

    from monitor.texts import ui

    first = open_page("uebersicht", roles.COUNCIL)  # no set before: this view builds it
    assert ui.PUBLISHED_UPDATING not in [i.value for i in first.info]
    release, built = threading.Event(), builds(monkeypatch)
    prepared, prepare = [], cache.prepare
    monkeypatch.setattr(cache, "prepare", lambda *key: prepared.append(prepare(*key)))
    build = published.from_database

    def held(engine, today, ags=None):  # the new set's audit takes until the test lets it finish
        assert release.wait(60)
        return build(engine, today, ags)

    monkeypatch.setattr(published, "from_database", held)
    audit.record(db.get_engine(), audit.IMPORT, "test", detail="a new data version")
    database, version = cache.database()
    monkeypatch.setattr(cache, "runtime", SimpleNamespace(exists=lambda: True))  # as in the server, for ui.cache
    assert cache.prepare_published(date.today())  # as the app's next run does (dashboard.py)
    during = open_page("uebersicht", roles.COUNCIL)
    assert ui.PUBLISHED_UPDATING in [i.value for i in during.info]
    assert [m.value for m in during.metric] == [m.value for m in first.metric]  # the figures published until now
    assert not cache.is_ready(database, version, WIETZE, date.today())
    release.set()
    for _ in range(600):
        if cache.is_ready(database, version, WIETZE, date.today()) and not cache._started:
            break
        time.sleep(0.1)
    assert cache.is_ready(database, version, WIETZE, date.today()) and built == [WIETZE]
    assert prepared == [[WIETZE]]  # the preparation of every offered Gemeinde ran through too
    after = open_page("uebersicht", roles.COUNCIL)
    assert ui.PUBLISHED_UPDATING not in [i.value for i in after.info] and built == [WIETZE]
