"""Imports and undos of the same data from two workplaces, on SQLite and PostgreSQL.

One import (or undo) of a Gemeinde's kind of data at a time (etl.locks); an import confirmed on a preview writes
nothing if the stored rows changed since that preview (its fingerprint), so that no change is overwritten unseen;
an undo the database refuses is a German UndoError; and the same file again is "nothing to do" only while the
stored rows still hold it."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from sqlalchemy import func, select, update

from etl import locks, mappings, pipeline
from etl.extract import normalise_header
from etl.pipeline import CHANGED, IMPORTED, OVERLAP, UNCHANGED, import_files
from etl.transform import pseudonym
from etl.undo import UndoError, undo_batch
from monitor import audit, contract, db, settings
from monitor.texts import errors
from tests.unit.test_load import CASE_HEADER, DEMO, batches, csv_file, rows, snapshot

log = logging.getLogger(__name__)

AGS, OTHER_AGS = "03351023", "03351024"
MANY = 3_000  # cases of the stored export: an import takes a moment, so two of them overlap in time


def case_file(name: str, cases: list[tuple[str, str, int]], ags: str = AGS) -> tuple[str, bytes]:
    """(case number, opening day as written, goals set) per row."""
    return csv_file(name, CASE_HEADER, *(f"{ags};{case};geduldet;w;{day};;;{goals}" for case, day, goals in cases))


EXPORT = [(f"F-{n:05d}", f"{1 + n % 28:02d}.{1 + n % 12:02d}.2016", 1) for n in range(MANY)]
STORED = case_file("faelle.csv", EXPORT)
# Two workplaces correct the same case differently, each in a full export (a file that changes one stored row).
# File names without a given name: a name like "faelle_anna.csv" is not stored (etl.identifying).
BY_ANNA = case_file("faelle_platz1.csv", [("F-00000", "01.01.2016", 2), *EXPORT[1:]])
BY_BERND = case_file("faelle_platz2.csv", [("F-00000", "01.01.2016", 3), *EXPORT[1:]])


def sha(file: tuple[str, bytes]) -> str:
    return pipeline.hashlib.sha256(file[1]).hexdigest()


def data_tables(engine) -> dict:
    return {name: stored for name, stored in snapshot(engine).items() if name in db.TABLES}


def goals_of_the_first_case(engine) -> int:
    secret = settings.pseudonym_secret()
    table = db.TABLES["cases"]
    with engine.connect() as conn:
        return conn.execute(select(table.c.goals_set)
                            .where(table.c.case_id == pseudonym(secret, AGS, "F-00000"))).scalar_one()


def preview(engine, file: tuple[str, bytes], decision: str | None = "replace") -> pipeline.FileResult:
    """A dry run of one file with staff's decision on it, as the upload page makes it."""
    chosen = {sha(file)} if decision else set()
    report = import_files(engine, [file], user="vorschau", dry_run=True,
                          replace=chosen if decision == "replace" else (), merge=chosen if decision == "merge" else ())
    return report.files[0]


def confirmed(engine, file: tuple[str, bytes], seen: pipeline.FileResult, user: str) -> pipeline.ImportReport:
    """The import staff confirmed on that preview: the same decision, bound to the preview's fingerprint."""
    return import_files(engine, [file], user=user, replace={seen.sha256}, expected={seen.sha256: seen.fingerprint})


def at_once(engine, jobs: dict[str, tuple]) -> dict:
    """Run ``function(own engine, *args)`` per workplace, each in a thread with its own engine (connections),
    all started at the same moment. Returns workplace -> result; an exception in a thread fails the test."""
    url = engine.url.render_as_string(hide_password=False)
    start = threading.Barrier(len(jobs))
    results: dict = {}
    failures: list[BaseException] = []

    def workplace(who: str, function, *args) -> None:
        own = db.make_engine(url)
        try:
            start.wait()
            results[who] = function(own, *args)
        except BaseException as err:  # noqa: BLE001 - reported in the test's thread
            failures.append(err)
        finally:
            own.dispose()

    threads = [threading.Thread(target=workplace, args=(who, *job)) for who, job in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    assert len(results) == len(jobs)
    return results


def imports_logged(engine) -> list[str]:
    logged = audit.entries(engine, audit.Filter(actions=(audit.IMPORT,)))
    return sorted(logged["object"])


# ------------------------------------------------------------------------------ two imports, one preview each


@pytest.mark.parametrize("first", ["anna", "bernd"])
def test_of_two_imports_planned_on_the_same_rows_the_later_one_writes_nothing(engine, first):
    """Both previews are made before either import (each says: 1 changed). Whichever imports first writes; the
    other finds the row changed since its preview and writes nothing: no change is overwritten unseen."""
    assert import_files(engine, [STORED], user="anna").ok
    before = data_tables(engine)
    files = {"anna": BY_ANNA, "bernd": BY_BERND}
    seen = {who: preview(engine, file) for who, file in files.items()}
    assert [(s.status, s.updated, s.removed) for s in seen.values()] == [("valid", 1, 0)] * 2
    second = "bernd" if first == "anna" else "anna"

    done = confirmed(engine, files[first], seen[first], first)
    assert done.ok and done.files[0].status == IMPORTED
    refused = confirmed(engine, files[second], seen[second], second)
    assert not refused.ok and refused.changed and refused.files[0].status == CHANGED
    assert goals_of_the_first_case(engine) == (2 if first == "anna" else 3)  # the first one's change stays
    assert [b["file_name"] for b in batches(engine)] == ["faelle.csv", files[first][0]]
    assert imports_logged(engine) == sorted(["cases:faelle.csv", f"cases:{files[first][0]}"])

    undo_batch(engine, batches(engine)[-1]["id"], actor="admin")  # the written one can be undone as ever
    assert data_tables(engine) == before
    again = preview(engine, files[second])  # the other one, looked at again, can be imported now
    assert confirmed(engine, files[second], again, second).ok


def test_two_imports_at_once_one_writes_and_the_other_finds_the_rows_changed(engine):
    """Each workplace with its own connection; both previews made before either import, then both imports
    started at the same moment. Exactly one writes; the other writes nothing. Three rounds, each undone again."""
    assert import_files(engine, [STORED], user="anna").ok
    before = data_tables(engine)
    files = {"anna": BY_ANNA, "bernd": BY_BERND}
    winners = []
    for _ in range(3):
        seen = {who: preview(engine, file) for who, file in files.items()}
        reports = at_once(engine, {who: (confirmed, files[who], seen[who], who) for who in files})
        statuses = {who: report.files[0].status for who, report in reports.items()}
        assert sorted(statuses.values()) == [CHANGED, IMPORTED], statuses
        winner = next(who for who, status in statuses.items() if status == IMPORTED)
        winners.append(winner)
        assert goals_of_the_first_case(engine) == (2 if winner == "anna" else 3)
        assert len(batches(engine)) == 2
        undo_batch(engine, batches(engine)[-1]["id"], actor="admin")
        assert data_tables(engine) == before
    log.info("%s: first to write, by round: %s", engine.dialect.name, winners)  # not asserted: the machine decides


def test_two_imports_at_once_without_a_preview_run_one_after_the_other(engine):
    """The command line plans and writes in one go: the lock makes the second plan on what the first wrote, so
    its change is kept as the row's newer version and undoing them, newest first, leads back exactly."""
    assert import_files(engine, [STORED], user="anna").ok
    before = data_tables(engine)

    def import_replacing(own, file: tuple[str, bytes], who: str) -> pipeline.ImportReport:
        return import_files(own, [file], user=who, replace=True)

    reports = at_once(engine, {"anna": (import_replacing, BY_ANNA, "anna"), "bernd": (import_replacing, BY_BERND,
                                                                                      "bernd")})
    assert all(report.ok for report in reports.values()) and len(reports) == 2
    _, earlier, later = batches(engine)
    assert goals_of_the_first_case(engine) == (3 if later["file_name"] == BY_BERND[0] else 2)
    assert (earlier["updated"], later["updated"]) == (1, 1)  # the later one changed the earlier one's value
    with pytest.raises(UndoError, match=f"zuerst Import Nr. {later['id']} rückgängig"):
        undo_batch(engine, earlier["id"], actor="admin")
    undo_batch(engine, later["id"], actor="admin")
    undo_batch(engine, earlier["id"], actor="admin")
    assert data_tables(engine) == before


def test_a_replacing_import_that_the_preview_said_removes_2_does_not_remove_22(engine):
    """Preview: the file replaces its period and 2 stored cases are missing in it. Meanwhile another workplace
    adds 20 cases in that period. The import with the decision made on that preview writes nothing."""
    assert import_files(engine, [case_file("faelle.csv", [("F-1", "01.01.2016", 1), ("F-2", "01.02.2016", 1),
                                                          ("F-3", "01.03.2016", 1), ("F-4", "01.04.2016", 1)])],
                        user="anna").ok
    corrected = case_file("faelle_korrigiert.csv", [("F-1", "01.01.2016", 1), ("F-4", "01.04.2016", 1)])
    seen = preview(engine, corrected)
    assert (seen.status, seen.removed) == ("valid", 2)
    news = case_file("faelle_neu.csv", [(f"N-{n}", f"{n:02d}.02.2016", 0) for n in range(2, 22)])
    assert import_files(engine, [news], user="kollegin", merge=True).ok  # another workplace, adding only
    before = snapshot(engine)

    report = confirmed(engine, corrected, seen, "anna")
    assert not report.ok and report.files[0].status == CHANGED
    assert snapshot(engine) == before  # nothing written, not even an audit entry
    assert len(rows(engine, "cases")) == 24
    assert preview(engine, corrected).removed == 22  # what a new preview says, for staff to decide again


def test_an_import_bound_to_a_preview_writes_nothing_when_a_mapping_changed_since(engine):
    """The preview's fingerprint holds the rows as the file was read: a value mapping saved since reads it
    otherwise, so the import refuses although no stored row changed."""
    own_values = csv_file("faelle.csv", CASE_HEADER, f"{AGS};F-1;geduldet;weiblich;01.01.2016;;;1")
    mappings.save_values(engine, "cases", "gender", {"weiblich": "w"}, user="anna")
    seen = preview(engine, own_values, decision=None)
    assert seen.status == "valid"
    mappings.save_values(engine, "cases", "gender", {"weiblich": "d"}, user="kollegin")
    report = import_files(engine, [own_values], user="anna", expected={seen.sha256: seen.fingerprint})
    assert report.files[0].status == CHANGED and rows(engine, "cases") == []
    again = preview(engine, own_values, decision=None)
    assert import_files(engine, [own_values], user="anna", expected={again.sha256: again.fingerprint}).ok
    assert [r["gender"] for r in rows(engine, "cases")] == ["d"]


def test_an_import_whose_bytes_were_imported_since_its_preview_is_changed_too(engine):
    seen = preview(engine, STORED, decision=None)
    assert import_files(engine, [STORED], user="kollegin").ok
    report = import_files(engine, [STORED], user="anna", expected={seen.sha256: seen.fingerprint})
    assert report.files[0].status == CHANGED and len(batches(engine)) == 1


# ---------------------------------------------------------------------------------------------- the lock


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setenv("MONITOR_LOCK_WAIT_S", "0.3")


def held(engine, *pairs: tuple[str, str]):
    """Another workplace's transaction holding the locks of these pairs (roll it back to let them go)."""
    conn = engine.connect()
    conn.begin()
    locks.lock(conn, set(pairs))
    return conn


def test_an_import_that_waits_too_long_for_the_lock_writes_nothing_and_says_so_in_german(engine, short_wait):
    holder = held(engine, (AGS, "cases"))
    try:
        before = snapshot(engine)
        started = time.monotonic()
        with pytest.raises(locks.LockTimeout) as raised:
            import_files(engine, [STORED], user="anna")
        assert time.monotonic() - started >= 0.3
        assert str(raised.value) == errors.LOCK_TIMEOUT
        assert snapshot(engine) == before
        assert import_files(engine, [STORED], user="anna", dry_run=True).files[0].inserted == MANY  # a preview reads
    finally:
        holder.rollback()
        holder.close()
    assert import_files(engine, [STORED], user="anna").ok


def test_on_postgresql_an_import_of_another_gemeinde_does_not_wait(engine, short_wait):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one write lock for the whole database")
    holder = held(engine, (OTHER_AGS, "cases"), (AGS, "contacts"))
    try:
        assert import_files(engine, [STORED], user="anna").ok
    finally:
        holder.rollback()
        holder.close()


def test_the_lock_keys_are_fixed_and_distinct_per_gemeinde_and_kind():
    keys = {locks.lock_key(ags, kind.name) for ags in (AGS, OTHER_AGS) for kind in contract.KINDS}
    assert len(keys) == 2 * len(contract.KINDS)
    assert locks.lock_key(AGS, "cases") == locks.lock_key(AGS, "cases")
    assert all(-2 ** 63 <= key < 2 ** 63 for key in keys)


# ---------------------------------------------------------------------------------------------------- undo


def test_an_undo_that_waits_too_long_for_the_lock_is_a_german_undo_error(engine, short_wait):
    assert import_files(engine, [STORED], user="anna").ok
    holder = held(engine, (AGS, "cases"))
    try:
        with pytest.raises(UndoError) as raised:
            undo_batch(engine, batches(engine)[0]["id"], actor="admin")
        assert str(raised.value) == errors.LOCK_TIMEOUT
    finally:
        holder.rollback()
        holder.close()
    assert len(rows(engine, "cases")) == MANY
    undo_batch(engine, batches(engine)[0]["id"], actor="admin")
    assert rows(engine, "cases") == []


def test_an_undo_the_database_refuses_is_a_german_undo_error_and_changes_nothing(engine):
    """A row version pointing at a batch that is not there (e.g. a database restored in part): restoring the row
    breaks a foreign key. The undo says so in German and leaves everything as it was."""
    assert import_files(engine, [STORED], user="anna").ok
    assert import_files(engine, [BY_ANNA], user="anna", replace=True).ok
    later = batches(engine)[-1]["id"]
    with engine.begin() as conn:
        conn.execute(update(db.row_versions).values(previous_batch_id=999))
    before = snapshot(engine)
    with pytest.raises(UndoError) as raised:
        undo_batch(engine, later, actor="admin")
    assert str(raised.value) == errors.UNDO_FAILED.format(batch=later)
    assert snapshot(engine) == before


# ------------------------------------------------------------------------- the same file again, by stored rows


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the files the import reads (validates), call after call."""
    read: list[str] = []
    real = pipeline.validate_file

    def counted(file, *args, **kwargs):
        read.append(file)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(pipeline, "validate_file", counted)
    return read


def demo_cases() -> tuple[str, bytes]:
    return "faelle.csv", (DEMO / "faelle.csv").read_bytes()


def mapped_export_changing_one_row() -> tuple[str, bytes]:
    """The first case of the demo file in a case software's own export (its own names for two columns, a
    remembered column mapping), with one goal less reached."""
    lines = (DEMO / "faelle.csv").read_bytes().decode("utf-8-sig").splitlines()
    names = lines[0].split(";")
    cells = lines[1].split(";")
    reached = names.index("ziele_erreicht")
    cells[reached] = str(int(cells[reached]) - 1)
    return "export_fachverfahren.csv", ("\r\n".join([";".join(["Gemeinde", "Fall-Nr.", *names[2:]]),
                                                     ";".join(cells)]) + "\r\n").encode("utf-8")


def without_batch_ids(tables: dict) -> dict:
    return {name: [r[:1] + r[2:] for r in stored] for name, stored in tables.items()}


def test_the_demo_cases_file_again_after_a_mapped_file_changed_one_row_would_change_it_back(engine, reads):
    staffing = ("stellenanteile.csv", (DEMO / "stellenanteile.csv").read_bytes())  # the officers the cases name
    assert import_files(engine, [staffing, demo_cases()], user="anna").ok
    after_demo = data_tables(engine)
    export = mapped_export_changing_one_row()
    header = export[1].decode().splitlines()[0].split(";")
    by_header = {f.header: f.name for f in contract.CASES.fields}
    mappings.save_columns(engine, header, "cases", {normalise_header(h): by_header.get(h) for h in header} |
                          {"gemeinde": "ags", "fall_nr.": "case_id"}, user="anna")
    changed = import_files(engine, [export], user="kollegin", merge=True)
    assert changed.ok and changed.files[0].updated == 1

    reads.clear()
    again = import_files(engine, [demo_cases()], user="anna", dry_run=True)
    result = again.files[0]
    assert reads == ["faelle.csv"]  # read, since a later file changed rows of its kind
    assert (result.status, result.inserted, result.updated, result.stale) == (OVERLAP, 0, 1, 0)  # 1 change back

    report = import_files(engine, [demo_cases()], user="anna", replace=True)
    assert report.ok and (report.files[0].status, report.files[0].updated) == (IMPORTED, 1)
    demo_batches = [b for b in batches(engine) if b["file_name"] == "faelle.csv"]
    assert len(demo_batches) == 2 and demo_batches[0]["sha256"] == demo_batches[1]["sha256"]  # a batch of its own
    assert without_batch_ids(data_tables(engine)) == without_batch_ids(after_demo)  # the demo's rows again

    reads.clear()
    assert import_files(engine, [demo_cases()], user="anna", dry_run=True).files[0].status == UNCHANGED
    assert reads == []  # its import is the newest change of cases again: not read

    undo_batch(engine, demo_batches[1]["id"], actor="admin")  # the mapped file's value comes back
    assert import_files(engine, [demo_cases()], user="anna", dry_run=True).files[0].updated == 1


def test_the_same_file_with_its_rows_unchanged_is_nothing_to_do_and_read_only_when_needed(engine, reads):
    assert import_files(engine, [STORED], user="anna").ok
    reads.clear()
    started = time.monotonic()
    report = import_files(engine, [STORED], user="anna", dry_run=True)
    assert report.files[0].status == UNCHANGED and reads == []  # by its hash alone: not read
    assert time.monotonic() - started < 2.0

    elsewhere = case_file("faelle_nachbarn.csv", [("F-1", "01.01.2016", 1)], ags=OTHER_AGS)
    assert import_files(engine, [elsewhere], user="kollegin").ok  # a later file of cases, another Gemeinde
    for dry_run in (True, False):
        reads.clear()
        report = import_files(engine, [STORED], user="anna", dry_run=dry_run)
        assert report.ok and report.files[0].status == UNCHANGED and reads == ["faelle.csv"]  # read: still stored
    assert len(batches(engine)) == 2  # and nothing written

    undo_batch(engine, batches(engine)[-1]["id"], actor="admin")  # an undo of cases: read again, still unchanged
    reads.clear()
    assert import_files(engine, [STORED], user="anna").files[0].status == UNCHANGED and reads == ["faelle.csv"]


def test_a_known_file_after_a_file_of_its_kind_in_the_same_call_is_planned_on_what_that_one_wrote(engine, reads):
    """The call [Anna's correction, the stored export]: the correction comes first, so the export, though its
    import is the newest change of cases, would change the case back; it is read, planned, and written."""
    assert import_files(engine, [STORED], user="anna").ok
    reads.clear()
    report = import_files(engine, [BY_ANNA, STORED], user="anna", replace=True)
    assert [f.status for f in report.files] == [IMPORTED, IMPORTED] and reads == ["faelle_platz1.csv", "faelle.csv"]
    assert goals_of_the_first_case(engine) == 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.import_batches)).scalar_one() == 3


def test_only_changes_of_its_own_kind_make_a_known_file_be_read_again(engine, reads):
    """An import, an undo or a mapping of another kind leaves the import of the file the newest change of cases."""
    assert import_files(engine, [STORED], user="anna").ok
    staffing = ("stellenanteile.csv", (DEMO / "stellenanteile.csv").read_bytes())
    assert import_files(engine, [staffing], user="anna").ok
    undo_batch(engine, batches(engine)[-1]["id"], actor="admin")
    mappings.save_values(engine, "contacts", "contact_type", {"tel": "telefon"}, user="anna")
    reads.clear()
    assert import_files(engine, [STORED], user="anna", dry_run=True).files[0].status == UNCHANGED and reads == []
    mappings.save_values(engine, "cases", "gender", {"weiblich": "w"}, user="anna")  # one of cases: read again
    assert import_files(engine, [STORED], user="anna", dry_run=True).files[0].status == UNCHANGED
    assert reads == ["faelle.csv"]


def test_a_preview_of_two_files_of_one_kind_waits_for_the_lock_too(engine, short_wait):
    """It writes the first (rolled back) for the second to be planned on: like an import, it holds the lock."""
    second = case_file("faelle_2017.csv", [("F-99999", "01.01.2017", 1)])
    holder = held(engine, (AGS, "cases"))
    try:
        with pytest.raises(locks.LockTimeout):
            import_files(engine, [STORED, second], user="anna", dry_run=True)
    finally:
        holder.rollback()
        holder.close()
    assert [f.inserted for f in import_files(engine, [STORED, second], user="anna", dry_run=True).files] == [MANY, 1]
