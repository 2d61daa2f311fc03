"""The audit log: append-only in the database itself, filterable, and written by imports without cell values."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from etl.pipeline import import_files
from monitor import audit, db, settings

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
