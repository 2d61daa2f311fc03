"""The audit log: append-only in the database itself, filterable, and written by imports without cell values."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from etl.pipeline import import_files
from monitor import audit, db, queries, settings

TEMPLATES = settings.PROJECT_DIR / "docs" / "vorlagen"


def rows(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(db.audit_log).order_by(db.audit_log.c.id)).mappings()]


def test_entries_round_trip_and_filters(engine):
    audit.record(engine, audit.LOGIN, "anna", "rat", at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    audit.record(engine, audit.EXPORT, "berta", "verwaltung", object="uebersicht",
                 at=datetime(2026, 3, 5, 23, 30, tzinfo=UTC))
    every = audit.entries(engine)
    assert list(every["actor"]) == ["berta", "anna"]  # newest first
    assert str(every["at"].iloc[0]) == "2026-03-06 00:30:00+01:00"  # shown in the Gemeinde's time
    assert list(audit.entries(engine, audit.Filter(actions=(audit.LOGIN,)))["actor"]) == ["anna"]
    assert list(audit.entries(engine, audit.Filter(actor="ert"))["actor"]) == ["berta"]
    assert list(audit.entries(engine, audit.Filter(since=date(2026, 3, 2)))["actor"]) == ["berta"]
    assert list(audit.entries(engine, audit.Filter(until=date(2026, 3, 1)))["actor"]) == ["anna"]
    with pytest.raises(ValueError):
        audit.record(engine, "fiddle", "anna")


def test_the_log_refuses_update_and_delete(engine):
    audit.record(engine, audit.LOGIN, "anna", "rat")
    before = rows(engine)
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(update(db.audit_log).values(actor="mallory"))
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(delete(db.audit_log))
    assert rows(engine) == before


def test_imports_are_logged_with_hash_and_rows_once(engine):
    files = [(p.name, p.read_bytes()) for p in sorted(TEMPLATES.glob("*.csv"))]
    assert import_files(engine, files, user="anna").ok
    entries = [e for e in rows(engine) if e["action"] == audit.IMPORT]
    assert {e["file_sha256"] for e in entries} == {hashlib.sha256(data).hexdigest() for _, data in files}
    assert all(e["actor"] == "anna" and e["row_count"] == 1 and e["outcome"] == "ok" for e in entries)
    assert import_files(engine, files, user="anna").ok  # the same files again change nothing ...
    assert len([e for e in rows(engine) if e["action"] == audit.IMPORT]) == len(files)  # ... and log no import


def test_a_rejected_file_is_logged_without_any_cell_value(engine):
    text = (TEMPLATES / "faelle.csv").read_text(encoding="utf-8-sig").replace("14.03.2016", "31.02.2016")
    data = text.encode("cp1252")
    report = import_files(engine, [("faelle.csv", data)], user="anna")
    assert not report.ok
    [entry] = rows(engine)
    assert (entry["action"], entry["outcome"], entry["object"]) == ("import_rejected", "refused", "cases:faelle.csv")
    assert entry["file_sha256"] == hashlib.sha256(data).hexdigest()
    cells = [c for line in text.splitlines()[1:] for c in line.split(";") if len(c) > 2]  # not counts like "1"
    logged = " ".join(str(v) for v in entry.values())
    assert not [c for c in cells if c in logged.split()], "a cell value reached the audit log"
    assert "31.02.2016" not in logged and "F-2017-0042" not in logged


def test_entries_for_the_page_are_german_and_show_no_none(engine):
    audit.record(engine, audit.LOGIN, "anna", "rat")
    audit.record(engine, audit.IMPORT, "berta", None, object="cases:faelle.csv", file_sha256="ab" * 32, row_count=4662)
    shown = audit.labelled(audit.entries(engine))
    assert shown[["Person", "Aktion", "Rolle", "Zeilen", "Objekt"]].values.tolist() == [
        ["berta", "Import", "–", "4.662", "cases:faelle.csv"], ["anna", "Anmeldung", "Rat", "–", "–"]]


# Each statement would overwrite entry 1 (or, with id -1, make every later automatic id collide in SQLite's
# BEFORE INSERT trigger, where an automatic id reads -1).
COLUMNS = "audit_log (id, at, actor, action, outcome)"
ENTRY_1 = "(1, '2026-01-01', 'm', 'login', 'ok')"
OVERWRITES = {
    "sqlite": [
        f"INSERT OR REPLACE INTO {COLUMNS} VALUES {ENTRY_1}",
        f"REPLACE INTO {COLUMNS} VALUES {ENTRY_1}",
        f"INSERT OR REPLACE INTO {COLUMNS.replace('(id', '(rowid')} VALUES {ENTRY_1}",
        f"INSERT INTO {COLUMNS} VALUES {ENTRY_1} ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
        f"INSERT INTO {COLUMNS} VALUES {ENTRY_1} ON CONFLICT DO UPDATE SET actor = 'm'",
        f"INSERT OR REPLACE INTO {COLUMNS} SELECT id, at, 'm', action, outcome FROM audit_log",
        "UPDATE OR REPLACE audit_log SET actor = 'm'",
        f"INSERT INTO {COLUMNS} VALUES {ENTRY_1.replace('(1', '(-1')}",
        f"INSERT INTO {COLUMNS} VALUES {ENTRY_1.replace('(1', '(0')}",
    ],
    "postgresql": [
        f"INSERT INTO {COLUMNS} VALUES {ENTRY_1} ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
    ],
}


def test_the_log_refuses_replacing_an_entry_by_insert_or_replace_and_upsert(engine):
    audit.record(engine, audit.LOGIN, "anna", "rat")
    before = rows(engine)
    assert before[0]["id"] == 1
    for sql in OVERWRITES[engine.dialect.name]:
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.exec_driver_sql(sql)
    assert rows(engine) == before
    audit.record(engine, audit.LOGOUT, "anna", "rat")  # automatic ids still work
    assert [e["id"] for e in rows(engine)] == [1, 2]


def test_expire_deletes_the_older_entries_and_logs_it(engine):
    old = datetime(2020, 5, 1, tzinfo=UTC)
    audit.record(engine, audit.IMPORT, "anna", object="cases:faelle.csv", at=old)
    audit.record(engine, audit.LOGIN, "anna", "rat", at=datetime(2020, 6, 1, tzinfo=UTC))
    audit.record(engine, audit.LOGIN, "berta", "rat")
    version = queries.data_version(engine)
    assert audit.expire(engine, datetime(2020, 6, 1, tzinfo=UTC), actor="cli:it") == 1  # strictly older only
    kept = rows(engine)
    assert [(e["actor"], e["action"]) for e in kept] == [
        ("anna", audit.LOGIN), ("berta", audit.LOGIN), ("cli:it", audit.AUDIT_EXPIRED)]
    assert kept[-1]["row_count"] == 1 and kept[-1]["detail"].startswith("before=2020-06-01T00:00:00Z")
    # The newest import entry is gone; the data version still does not go back (nor to 0: demo data on start).
    assert queries.data_version(engine) > version
    # The log is append-only again afterwards.
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(delete(db.audit_log))
    assert audit.labelled(audit.entries(engine))["Aktion"].iloc[0] == "Alte Protokolleinträge gelöscht"


def test_expire_keeps_the_last_twelve_months(engine):
    audit.record(engine, audit.LOGIN, "anna", "rat", at=datetime.now(UTC) - timedelta(days=300))
    for cutoff in (datetime.now(UTC), datetime.now(UTC) - timedelta(days=330)):
        with pytest.raises(audit.ExpiryRefused, match="mindestens 12 Monate"):
            audit.expire(engine, cutoff, actor="cli:it")
    assert len(rows(engine)) == 1
    assert audit.expire(engine, datetime.now(UTC) - timedelta(days=400), actor="cli:it") == 0


def test_the_latest_cutoff_is_twelve_calendar_months_back():
    assert audit.latest_cutoff(datetime(2026, 11, 24, 9, 30, tzinfo=UTC)) == datetime(2025, 11, 24, 9, 30, tzinfo=UTC)
    assert audit.latest_cutoff(datetime(2028, 2, 29, tzinfo=UTC)) == datetime(2027, 2, 28, tzinfo=UTC)
    assert audit.latest_cutoff(datetime(2026, 1, 31, tzinfo=UTC)) == datetime(2025, 1, 31, tzinfo=UTC)
