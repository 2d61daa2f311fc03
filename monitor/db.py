"""Database schema (built from the data contract) and the process-wide engine.

The schema is created and upgraded only by the Alembic migrations in monitor/migrations; the tables
here describe it for queries and loads, and a test checks that both agree.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)

from monitor import contract, settings

metadata = MetaData()

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("row_count", Integer, nullable=False),
    Column("inserted", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(120), nullable=False),
)

# The values a row had before an import batch changed it: what undoing that batch restores.
row_versions = Table(
    "row_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("previous_batch_id", Integer, nullable=False, index=True),
    Column("previous", Text, nullable=False),  # JSON object: field name -> value (dates as ISO text)
    # "update": the batch changed the row; "delete": the batch removed it (a file that replaced its period).
    Column("action", String(10), nullable=False, server_default="update"),
)

# Column mappings staff made once for files whose header is not the contract's: by header signature
# (etl.transform.header_signature), the kind and, as JSON, normalised file header -> field name or null.
column_mappings = Table(
    "column_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("signature", String(64), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("columns", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(120), nullable=False),
)

# Value mappings for code fields: a value of the staff's own export (lower case) -> the contract's code.
value_mappings = Table(
    "value_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("field", String(40), nullable=False),
    Column("source", String(120), nullable=False),
    Column("code", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(120), nullable=False),
    UniqueConstraint("kind", "field", "source", name="uq_value_mappings_source"),
)

# Local accounts (embedded login; with OpenID Connect the town hall's provider knows the people instead).
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# Append-only (triggers in migrations 0002 and 0006 refuse UPDATE, and DELETE of entries younger than 12 months:
# only the retention run expires older ones, monitor.audit.expire). Never a cell value of the data.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(120), nullable=False),
    Column("role", String(20), nullable=True),
    Column("action", String(40), nullable=False, index=True),
    Column("object", String(255), nullable=True),
    Column("file_sha256", String(64), nullable=True),
    Column("row_count", Integer, nullable=True),
    Column("outcome", String(20), nullable=False),
    Column("detail", String(255), nullable=True),
)


# Retention (monitor.retention, docs/datenschutz.md): the exact figures of every KPI part of the closed periods
# whose rows were removed, per Gemeinde (period key "2019" or "2019-Q3").
kpi_archive = Table(
    "kpi_archive",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ags", String(8), nullable=False),
    Column("period", String(8), nullable=False),
    Column("kpi", String(8), nullable=False),
    Column("part", String(60), nullable=False),
    Column("value", Float, nullable=True),
    UniqueConstraint("ags", "period", "kpi", "part", name="uq_kpi_archive_figure"),
)

# Per Gemeinde, what the removed rows told beyond the figures: the first day of the records (earliest case or
# staffing row) and of the cases, the newest day they spoke about, the number of cases removed.
kpi_archive_extent = Table(
    "kpi_archive_extent",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ags", String(8), nullable=False, unique=True),
    Column("first_day", Date, nullable=True),
    Column("first_case", Date, nullable=True),
    Column("stand", Date, nullable=True),
    Column("cases", Integer, nullable=False),
)

# Each retention run that changed something (or was asked for on the command line): when, and its cut-off
# (None: only the audit log was expired). The newest cut-off is where the archive's periods end.
retention_runs = Table(
    "retention_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ran_at", DateTime(timezone=True), nullable=False),
    Column("cut_off", Date, nullable=True),
)


def _column_type(field: contract.Field):
    if field.type == contract.INT:
        return Integer()
    if field.type == contract.DECIMAL:
        return Float()
    if field.type == contract.DATE:
        return Date()
    if field.type == contract.BOOL:
        return Boolean()
    if field.pseudonymise:
        return String(64)  # hex HMAC-SHA256
    if field.type == contract.AGS:
        return String(8)
    if field.type in (contract.CODE, contract.CODES):
        return String(400 if field.type == contract.CODES else 40)
    return String(field.max_length)


def _table(kind: contract.Kind) -> Table:
    columns = [Column(f.name, _column_type(f), nullable=not f.required) for f in kind.fields]
    return Table(
        kind.name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False, index=True),
        *columns,
        UniqueConstraint(*kind.key, name=f"uq_{kind.name}_key"),
    )


TABLES: dict[str, Table] = {k.name: _table(k) for k in contract.KINDS}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        from pathlib import Path

        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """The one engine for this process (per URL), from `DATABASE_URL`."""
    return make_engine(url or settings.database_url())


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "monitor:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
