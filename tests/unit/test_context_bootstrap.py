"""The first start loads the shipped official context tables once (monitor.bootstrap): named one by one, so that
the constructed BA example, whose figures are invented, is never imported; not again at the next start, nor after
the administration removed a table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from monitor import audit, bootstrap, context, db, settings


def fresh(tmp_path):
    return db.make_engine(f"sqlite:///{tmp_path / 'start.db'}")


def test_the_first_start_imports_the_official_tables_and_never_the_constructed_example(tmp_path):
    engine = bootstrap.ensure_ready(fresh(tmp_path), load_demo=False, load_context=True)
    stored = context.files(engine)
    assert sorted(stored["source"]) == ["gemeindeverzeichnis", "genesis", "regionalstatistik", "regionalstatistik"]
    assert "ba" not in set(stored["source"])
    shipped = {p.name for p in (settings.DATA_DIR / "kontext").glob("*.csv")}
    assert set(bootstrap.OFFICIAL_CONTEXT_FILES) < shipped  # every name is a shipped file
    left_out = shipped - set(bootstrap.OFFICIAL_CONTEXT_FILES)
    assert left_out == {"ba_arbeitslose_celle_2018-12_konstruiertes_beispiel.csv"}  # only the invented one
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.context_values)
                            .where(db.context_values.c.variable == "unemployed")).scalar_one() == 0
    # the figures printed in the files
    assert context.population(engine, "03351023").value == 8360  # Gemeindeverzeichnis 2019
    assert context.population(engine, "03351", date(2018, 12, 31)).value == 178936  # GENESIS / Regionaldatenbank
    assert context.figure(engine, "03351", "protection_seekers").value == 4860
    entries = audit.entries(engine, audit.Filter(actions=(audit.IMPORT,)))
    assert len(entries) == 4 and set(entries["actor"]) == {bootstrap.CONTEXT_ACTOR}


def test_the_next_start_imports_nothing_again(tmp_path):
    engine = bootstrap.ensure_ready(fresh(tmp_path), load_demo=False, load_context=True)
    before = context.files(engine)["id"].tolist()
    bootstrap.ensure_ready(engine, load_demo=False, load_context=True)
    assert context.files(engine)["id"].tolist() == before
    assert len(audit.entries(engine, audit.Filter(actions=(audit.IMPORT,)))) == 4


def test_a_table_the_administration_removed_is_not_loaded_again(tmp_path):
    engine = bootstrap.ensure_ready(fresh(tmp_path), load_demo=False, load_context=True)
    for file_id in context.files(engine)["id"]:
        context.remove(engine, int(file_id), actor="it-admin")
    bootstrap.ensure_ready(engine, load_demo=False, load_context=True)
    assert context.files(engine).empty


def test_a_start_without_demo_data_loads_no_context_unless_asked(tmp_path):
    engine = bootstrap.ensure_ready(fresh(tmp_path), load_demo=False)
    assert context.files(engine).empty


def test_context_tables_imported_before_the_first_start_do_not_stop_the_demo(tmp_path):
    from etl import context as parser

    engine = fresh(tmp_path)
    db.upgrade(engine)
    name = bootstrap.OFFICIAL_CONTEXT_FILES[0]
    table = parser.parse((bootstrap.CONTEXT_DIR / name).read_bytes(), name)
    context.store(engine, [table], actor="it-admin")
    bootstrap.ensure_ready(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.import_batches)).scalar_one() == 9  # the demo
    assert len(context.files(engine)) == 1  # and the official tables are not loaded over the one imported
