"""Alembic environment: runs on the connection handed in by monitor.db.upgrade, or on DATABASE_URL."""

from alembic import context

from monitor import db

target_metadata = db.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        with db.get_engine().begin() as own:
            _migrate(own)
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
