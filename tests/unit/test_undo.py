"""Undoing an import batch: the data return exactly to the state before it, on every backend; a batch whose
rows a later batch changed is refused in German; the same file can be imported again afterwards."""

from __future__ import annotations

from datetime import date

import pytest

from etl.pipeline import import_files
from etl.undo import UndoError, undo_batch
from monitor import audit, queries
from tests.unit.test_load import CASE_HEADER, batches, csv_file, rows, snapshot

FIRST = csv_file("faelle_q1.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1",
                 "03351023;F-2;geduldet;m;01.04.2016;;;2")
SECOND = csv_file("faelle_q2.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;30.06.2016;wegzug;1",
                  "03351023;F-2;geduldet;m;01.04.2016;;;2", "03351023;F-3;schutz_anerkannt;w;02.05.2016;;;3")

THREE = csv_file("faelle.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1",
                 "03351023;F-2;geduldet;m;01.04.2016;;;2", "03351023;F-3;geduldet;m;02.05.2016;;;")


def data_tables(engine) -> dict:
    return {name: rows for name, rows in snapshot(engine).items()
            if name not in ("audit_log", "import_batches", "row_versions")}


def test_undo_restores_the_state_before_the_batch(engine):
    assert import_files(engine, [FIRST], user="anna").ok
    before = data_tables(engine)
    version = queries.data_version(engine)
    assert import_files(engine, [SECOND], user="anna", replace=True).ok
    second = batches(engine)[-1]
    assert (second["inserted"], second["updated"], second["unchanged"]) == (1, 1, 1)

    result = undo_batch(engine, second["id"], actor="admin", role="admin")
    assert (result.removed, result.restored) == (1, 1)
    assert data_tables(engine) == before  # the closing date of F-1 is gone again, F-3 too
    assert [b["file_name"] for b in batches(engine)] == ["faelle_q1.csv"]
    assert queries.data_version(engine) > version  # caches see the change
    entry = audit.entries(engine, audit.Filter(actions=(audit.DELETE,))).iloc[0]
    assert (entry["actor"], entry["object"], entry["row_count"]) == ("admin", "cases:faelle_q2.csv", 3)

    again = import_files(engine, [SECOND], user="anna", replace=True)  # the same file may come again after an undo
    assert again.ok and again.files[0].status == "imported"


def test_an_earlier_batch_waits_for_the_later_one(engine):
    assert import_files(engine, [FIRST], user="anna").ok
    assert import_files(engine, [SECOND], user="anna", replace=True).ok
    first, second = batches(engine)
    with pytest.raises(UndoError, match=f"zuerst Import Nr. {second['id']} rückgängig"):
        undo_batch(engine, first["id"], actor="admin")
    undo_batch(engine, second["id"], actor="admin")
    undo_batch(engine, first["id"], actor="admin")
    assert all(rows == [] for rows in data_tables(engine).values())
    assert batches(engine) == []
    with pytest.raises(UndoError, match="gibt es nicht"):
        undo_batch(engine, first["id"], actor="admin")


def test_undo_of_an_independent_batch_leaves_the_others(engine):
    assert import_files(engine, [FIRST], user="anna").ok
    staff = csv_file("stellenanteile.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab",
                     "03351023;IB-M;m;1,0;01.10.2015")
    assert import_files(engine, [staff], user="anna").ok
    staffing_batch = batches(engine)[-1]["id"]
    cases_before = data_tables(engine)["cases"]
    undo_batch(engine, staffing_batch, actor="admin")
    assert data_tables(engine)["staffing"] == [] and data_tables(engine)["cases"] == cases_before


def test_undo_of_a_replacing_batch_brings_back_the_rows_it_removed(engine):
    assert import_files(engine, [THREE], user="anna").ok
    before = data_tables(engine)
    corrected = csv_file("faelle_korrigiert.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1",
                         "03351023;F-3;geduldet;m;02.05.2016;;;1")  # F-2 was entered by mistake; F-3 has a goal
    report = import_files(engine, [corrected], user="anna", replace=True)
    assert report.ok and (report.files[0].updated, report.files[0].removed) == (1, 1)
    assert len(data_tables(engine)["cases"]) == 2
    result = undo_batch(engine, batches(engine)[-1]["id"], actor="admin")
    assert (result.removed, result.restored) == (0, 2)
    assert data_tables(engine) == before  # same ids, same batch, same values


def test_a_file_that_adds_to_its_period_removes_nothing_and_undo_restores_the_change(engine):
    assert import_files(engine, [THREE], user="anna").ok
    before = data_tables(engine)
    news = csv_file("faelle_neu.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;2",
                    "03351023;F-4;geduldet;w;20.04.2016;;;")  # only what is new or changed: F-2 lacks
    undecided = import_files(engine, [news], user="anna", dry_run=True)
    assert undecided.files[0].status == "overlap" and (undecided.files[0].updated, undecided.files[0].stale) == (1, 1)
    report = import_files(engine, [news], user="anna", merge=True)
    assert report.ok and (report.files[0].inserted, report.files[0].updated, report.files[0].removed) == (1, 1, 0)
    assert report.files[0].stale == 1  # F-2 (01.04.) lies in the file's period and stays
    assert len(data_tables(engine)["cases"]) == 4
    undo_batch(engine, batches(engine)[-1]["id"], actor="admin")
    assert data_tables(engine) == before


def test_a_removed_row_stored_again_by_a_later_batch_makes_that_batch_go_first(engine):
    assert import_files(engine, [THREE], user="anna").ok
    original = data_tables(engine)
    without = csv_file("faelle_ohne_f2.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1",
                       "03351023;F-3;geduldet;m;02.05.2016;;;")
    assert import_files(engine, [without], user="anna", replace=True).ok  # removes F-2
    again = csv_file("faelle_f2.csv", CASE_HEADER, "03351023;F-2;geduldet;m;01.04.2016;;;3")
    assert import_files(engine, [again], user="anna").ok  # F-2 comes back, in a batch of its own
    _, replacing, later = batches(engine)
    before = data_tables(engine)
    with pytest.raises(UndoError, match=f"zuerst Import Nr. {later['id']} rückgängig"):
        undo_batch(engine, replacing["id"], actor="admin")
    assert data_tables(engine) == before  # nothing half done
    undo_batch(engine, later["id"], actor="admin")
    undo_batch(engine, replacing["id"], actor="admin")
    assert data_tables(engine) == original


def test_a_row_one_file_changed_and_a_later_file_removed_comes_back_under_its_id(engine):
    """Two files of one call: the first changes F-2, the second covers F-2's day without it and removes it. The
    first batch's version of F-2 points at a row id that only the second batch's version still holds: undoing
    the second batch first puts the row back there, then the first batch's old values can return."""
    assert import_files(engine, [THREE], user="anna").ok
    original = data_tables(engine)
    f2_id = next(row["id"] for row in rows(engine, "cases") if row["opened_on"] == date(2016, 4, 1))
    changed = csv_file("faelle_f2_ziele.csv", CASE_HEADER, "03351023;F-2;geduldet;m;01.04.2016;;;4")
    without = csv_file("faelle_ohne_f2.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1",
                       "03351023;F-3;geduldet;m;02.05.2016;;;")
    report = import_files(engine, [changed, without], user="anna", replace=True)
    assert report.ok and [(f.updated, f.removed) for f in report.files] == [(1, 0), (0, 1)]
    _, changing, removing = batches(engine)
    before = data_tables(engine)
    with pytest.raises(UndoError, match=f"zuerst Import Nr. {removing['id']} rückgängig"):
        undo_batch(engine, changing["id"], actor="admin")
    assert data_tables(engine) == before  # nothing half done
    undo_batch(engine, removing["id"], actor="admin")
    f2 = next(row for row in rows(engine, "cases") if row["opened_on"] == date(2016, 4, 1))
    assert (f2["id"], f2["batch_id"], f2["goals_set"]) == (f2_id, changing["id"], 4)  # as the first file left it
    undo_batch(engine, changing["id"], actor="admin")
    assert data_tables(engine) == original  # same ids, same batch, same values
