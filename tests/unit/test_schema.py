"""The migrations build exactly the schema that monitor.db describes, on every backend."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from monitor import contract, db


def test_migrations_match_the_contract_tables(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_every_contract_field_is_a_column(engine):
    inspector = inspect(engine)
    for kind in contract.KINDS:
        columns = {c["name"] for c in inspector.get_columns(kind.name)}
        assert {f.name for f in kind.fields} <= columns


def test_upgrade_twice_is_harmless(engine):
    db.upgrade(engine)
    assert "import_batches" in inspect(engine).get_table_names()


def migrate(engine, revision: str, down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "monitor:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_0006_keeps_every_batch_with_its_rows_and_lets_the_same_file_come_again(engine):
    """The batches table is made anew on SQLite (a UNIQUE constraint cannot be dropped there): the batches keep
    their ids, the rows and row versions that refer to them stay valid, and foreign keys are still enforced."""
    from datetime import UTC, date, datetime

    from sqlalchemy import delete, insert, select
    from sqlalchemy.exc import IntegrityError

    migrate(engine, "0005", down=True)
    batch = dict(kind="staffing", file_name="s.csv", sha256="a" * 64, row_count=1, inserted=1, updated=0,
                 unchanged=0, imported_at=datetime.now(UTC), imported_by="anna")
    row = dict(ags="03351023", officer="IB-W", gender="w", fte=0.5, valid_from=date(2020, 1, 1))
    staffing = db.TABLES["staffing"]
    with engine.begin() as conn:
        conn.execute(insert(db.import_batches).values(id=7, **batch))
        conn.execute(insert(staffing).values(id=3, batch_id=7, **row))
        conn.execute(insert(db.row_versions).values(batch_id=7, kind="staffing", row_id=3, previous_batch_id=7,
                                                    previous="{}", action="update"))
    with pytest.raises(IntegrityError), engine.begin() as conn:  # before: the same file only once
        conn.execute(insert(db.import_batches).values(id=8, **batch))
    migrate(engine, "head")
    with engine.begin() as conn:
        assert conn.execute(select(db.import_batches.c.id, db.import_batches.c.sha256)).all() == [(7, "a" * 64)]
        assert conn.execute(select(staffing.c.batch_id)).scalars().all() == [7]
        conn.execute(insert(db.import_batches).values(id=8, **batch))  # the same file again
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    with pytest.raises(IntegrityError), engine.begin() as conn:  # a row of a batch that does not exist
        conn.execute(insert(staffing).values(batch_id=99, **{**row, "officer": "IB-M"}))
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
    with engine.begin() as conn:
        conn.execute(delete(db.import_batches).where(db.import_batches.c.id == 8))
    migrate(engine, "0005", down=True)  # and back, as long as no file came twice
    with engine.connect() as conn:
        assert conn.execute(select(staffing.c.batch_id)).scalars().all() == [7]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(db.import_batches).values(id=8, **batch))


def test_0008_adds_the_targets_table_and_takes_it_away_again(engine):
    """Up and down on every backend: the targets table (one target per Gemeinde, KPI and year) comes and goes."""
    from datetime import UTC, datetime

    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    migrate(engine, "0007", down=True)
    assert "targets" not in inspect(engine).get_table_names()
    migrate(engine, "head")
    row = dict(ags="03351023", kpi="K7", year=2026, direction="hoechstens", value=42.0,
               changed_at=datetime.now(UTC), changed_by="t")
    with engine.begin() as conn:
        conn.execute(insert(db.targets).values(**row))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(db.targets).values(**row))


def test_0011_counts_the_rows_already_stored_per_gemeinde_and_kind(engine):
    """A database with data gets its row counts filled by the migration itself, the same a fresh count gives."""
    from etl.pipeline import import_files
    from monitor import queries, settings

    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    with engine.connect() as conn:
        kept = sorted(conn.execute(select(db.gemeinde_rows)).all())
        cases = conn.execute(select(func.count()).select_from(db.TABLES["cases"])).scalar_one()
    assert ("03351023", "cases", cases) in [tuple(r) for r in kept] and len(kept) == len(db.TABLES)
    migrate(engine, "0010", down=True)
    assert "gemeinde_rows" not in inspect(engine).get_table_names()
    migrate(engine, "head")
    with engine.connect() as conn:
        assert sorted(conn.execute(select(db.gemeinde_rows)).all()) == kept
    assert queries.gemeinden(engine) == ["03351023"]
