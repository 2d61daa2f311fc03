"""How load writes and compares many rows: chunk by chunk through the driver, the same values as SQLAlchemy
would write, stored rows read by Gemeinde or as a whole table, and drivers with named parameters."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, select, text

from etl import load
from etl.pipeline import format_problem, import_files
from monitor import db
from tests.unit.test_load import with_roster

HEADER = "gemeinde_ags;kontakt_id;fall_id;datum;kontaktart;themen;beauftragte;dauer_minuten;vermittlung_an;rueckmeldung"
WIETZE, HAMBUEHREN = "03351023", "03351012"


def contacts(name: str, ags: str, count: int, changed: range = range(0), feedback: str = "ja") -> tuple[str, bytes]:
    lines = [HEADER]
    for n in range(count):
        minutes = 35 if n in changed else 30
        lines.append(f"{ags};K-{n:04d};F-{n % 7};{n % 28 + 1:02d}.05.2018;telefon;wohnen;IB-Mü;{minutes};P03;"
                     f"{feedback}")
    return name, ("\r\n".join(lines) + "\r\n").encode("cp1252")


def imported(engine, *files):
    with_roster(engine, WIETZE, HAMBUEHREN)  # the officers' Kürzel and partner_ids the contacts name
    report = import_files(engine, list(files), user="t", replace=True)  # a later file may change stored rows
    assert report.ok, [format_problem(p) for f in report.files for p in f.problems]
    return [(f.inserted, f.updated, f.unchanged) for f in report.files]


def stored(engine, ags: str | None = None) -> list[dict]:
    table = db.TABLES["contacts"]
    query = select(table).order_by(table.c.id)
    if ags is not None:
        query = query.where(table.c.ags == ags)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def test_rows_are_written_chunk_by_chunk_and_all_arrive(engine, monkeypatch):
    monkeypatch.setattr(load, "WRITE_CHUNK", 3)
    assert imported(engine, contacts("k1.csv", WIETZE, 10)) == [(10, 0, 0)]
    assert imported(engine, contacts("k2.csv", WIETZE, 12, changed=range(2, 9))) == [(2, 7, 3)]
    rows = stored(engine)
    assert len(rows) == 12
    assert [r["duration_min"] for r in rows] == [30, 30] + [35] * 7 + [30] * 3
    assert rows[4]["date"] == date(2018, 5, 5) and rows[4]["referral_feedback"] is True
    assert rows[4]["officer"] == "IB-Mü" and rows[4]["referral_partner"] == "P03"
    batch_ids = sorted({r["batch_id"] for r in rows})
    assert [r["batch_id"] for r in rows] == ([batch_ids[0]] * 2 + [batch_ids[1]] * 7 + [batch_ids[0]]
                                             + [batch_ids[1]] * 2)
    with engine.connect() as conn:
        versions = conn.execute(select(db.row_versions.c.row_id)).scalars().all()
    assert sorted(versions) == [r["id"] for r in rows[2:9]]


def test_sqlite_gets_the_values_sqlalchemy_would_write(sqlite_engine):
    imported(sqlite_engine, contacts("k1.csv", WIETZE, 2, feedback="nein"))
    with sqlite_engine.connect() as conn:
        raw = conn.execute(text("SELECT date, referral_feedback, duration_min FROM contacts ORDER BY id")).all()
    assert raw == [("2018-05-01", 0, 30), ("2018-05-02", 0, 30)]


def test_a_file_of_a_small_gemeinde_is_compared_with_its_own_rows_only(engine):
    # Hambühren holds most of the table: Wietze's rows are read by Gemeinde, not as the whole table.
    imported(engine, contacts("h.csv", HAMBUEHREN, 30), contacts("w1.csv", WIETZE, 4))
    assert imported(engine, contacts("w2.csv", WIETZE, 5, changed=range(1, 2))) == [(1, 1, 3)]
    assert [r["duration_min"] for r in stored(engine, WIETZE)] == [30, 35, 30, 30, 30]
    assert {r["duration_min"] for r in stored(engine, HAMBUEHREN)} == {30}


def test_a_file_of_the_gemeinde_that_holds_most_rows_reads_the_whole_table(engine):
    # The same raw ids in both Gemeinden: their keys (Gemeinde and pseudonym) still tell them apart.
    imported(engine, contacts("h.csv", HAMBUEHREN, 4), contacts("w1.csv", WIETZE, 30))
    assert imported(engine, contacts("w2.csv", WIETZE, 30, changed=range(0, 30, 10))) == [(0, 3, 27)]
    assert [r["duration_min"] for r in stored(engine, WIETZE)][:11] == [35] + [30] * 9 + [35]
    assert {r["duration_min"] for r in stored(engine, HAMBUEHREN)} == {30}


def test_a_driver_with_named_parameters_is_written_through_sqlalchemy(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'named.db'}", paramstyle="named")
    db.upgrade(engine)
    assert engine.dialect.paramstyle == "named"
    assert imported(engine, contacts("k1.csv", WIETZE, 5)) == [(5, 0, 0)]
    assert imported(engine, contacts("k2.csv", WIETZE, 6, changed=range(1, 3))) == [(1, 2, 3)]
    assert [r["duration_min"] for r in stored(engine)] == [30, 35, 35, 30, 30, 30]
    assert stored(engine)[0]["date"] == date(2018, 5, 1)
    engine.dispose()


def test_sqlite_writes_many_rows_with_a_larger_page_cache_and_restores_it(sqlite_engine, monkeypatch):
    with_roster(sqlite_engine, WIETZE, HAMBUEHREN)  # before the spy: only the contacts' writes are watched
    seen = []
    insert = load._insert

    def spying(conn, *args, **kwargs):
        seen.append(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
        return insert(conn, *args, **kwargs)

    monkeypatch.setattr(load, "_insert", spying)
    monkeypatch.setattr(load, "SQLITE_MANY_ROWS", 5)
    imported(sqlite_engine, contacts("small.csv", WIETZE, 4), contacts("large.csv", HAMBUEHREN, 6))
    assert seen == [-2000, -load.SQLITE_WRITE_CACHE_KIB]  # SQLite's default, then the larger one
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar_one() == -2000
        conn.exec_driver_sql("PRAGMA cache_size = -50000")  # a connection with more cache keeps it
    imported(sqlite_engine, contacts("more.csv", HAMBUEHREN, 12))
    assert seen[-1] == -50000
    assert len(stored(sqlite_engine)) == 16
