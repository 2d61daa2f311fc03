"""The migrations build exactly the schema that monitor.db describes, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

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
