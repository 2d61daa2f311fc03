"""Database schema (built from the data contract), the process-wide engine, and who may change what.

The schema is created and upgraded only by the Alembic migrations in monitor/migrations; the tables
here describe it for queries and loads, and a test checks that both agree.

PostgreSQL with two roles (docs/betrieb.md): the owner role runs the migrations (`python -m monitor db upgrade`
with `MONITOR_OWNER_DATABASE_URL`) and owns every table; the app connects with `DATABASE_URL` as another role,
which `grant_app_role` gives exactly the rights the app needs, again after every upgrade: a table that a later
migration adds is the app's to read and change, except the tables in APPEND_ONLY_TABLES (read and append) and
READ_ONLY_TABLES (read). With one role for both (the quick start) the app owns the tables itself.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from monitor import contract, settings
from monitor.texts import cli as texts

metadata = MetaData()

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),  # the same file may come again (a batch of its own)
    Column("row_count", Integer, nullable=False),
    Column("inserted", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(120), nullable=False),
    # the Gemeinden of the file's rows (monitor.scope's stored form), so that the history shows a batch only to
    # those who may see all of them; None for batches imported before it was kept (shown to "every Gemeinde" only)
    Column("gemeinden", String(2000), nullable=True),
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
    # the Gemeinden the account may see (monitor.scope): "*" or 8-digit keys separated by commas, nothing else
    Column("gemeinden", String(2000), nullable=False, server_default="*"),
)

# Append-only: triggers refuse UPDATE (migration 0002), DELETE of entries younger than 12 months (0007; only the
# retention run expires older ones, monitor.audit.expire) and, in SQLite, an insert of an id that is taken (0005);
# in PostgreSQL the app's role may only read and append (grant_app_role). Never a cell value of the data.
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

# Targets (Ziele) per Gemeinde, KPI and year, edited on the page "Ziele" (monitor.targets). No free text: where a
# target comes from is a code (council decision, ...) with the day of the decision and a file reference that
# follows a pattern (Drucksache, Vorlage).
targets = Table(
    "targets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ags", String(8), nullable=False),
    Column("kpi", String(8), nullable=False),
    Column("year", Integer, nullable=False),
    Column("direction", String(12), nullable=False),
    Column("value", Float, nullable=False),
    Column("source", String(20), nullable=True),
    Column("decided_on", Date, nullable=True),
    Column("reference", String(40), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(120), nullable=False),
    UniqueConstraint("ags", "kpi", "year", name="uq_targets_kpi_year"),
)

# Meetings (Sitzungsmodus) per Gemeinde and day, planned on the page "Sitzungsmodus" (monitor.meeting): the period
# (2025 or 2025-Q3) and the slides as a comma-separated list of fixed keys. No free text.
meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ags", String(8), nullable=False),
    Column("day", Date, nullable=False),
    Column("period", String(8), nullable=False),
    Column("slides", String(400), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(120), nullable=False),
    UniqueConstraint("ags", "day", name="uq_meetings_day"),
)

# Official context statistics (monitor.context, docs/kontext.md): one row per imported file with where it comes from,
# and its figures, one per region, reference date and variable. Only official titles and region names as text.
context_files = Table(
    "context_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(30), nullable=False),  # genesis, regionalstatistik, ba, gemeindeverzeichnis
    Column("table_code", String(40), nullable=True),
    Column("title", String(255), nullable=False),
    Column("first_date", Date, nullable=False),
    Column("reference_date", Date, nullable=False),  # the newest reference date in the file
    Column("licence", String(80), nullable=False),
    Column("attribution", String(120), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("file_sha256", String(64), nullable=False, unique=True),  # the same file is stored once
    Column("value_count", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(120), nullable=False),
)

context_values = Table(
    "context_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", Integer, ForeignKey("context_files.id"), nullable=False, index=True),
    Column("region_key", String(12), nullable=False),
    Column("region_name", String(120), nullable=False),
    Column("level", String(10), nullable=False),  # bund, land, bezirk, kreis, verband, gemeinde
    Column("reference_date", Date, nullable=False),
    Column("variable", String(60), nullable=False),
    Column("value", Float, nullable=True),  # missing (a placeholder in the file), never 0 for it
    Index("ix_context_values_region_variable", "region_key", "variable"),
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

# Stored rows per Gemeinde and kind, kept by every import, undo and retention run in its own transaction
# (refresh_row_counts): the list of Gemeinden and an import's size checks read this small table instead of counting
# whole tables (a count over a PostgreSQL table reads every row of it, so imports slowed down as the data grew).
gemeinde_rows = Table(
    "gemeinde_rows",
    metadata,
    Column("ags", String(8), primary_key=True),
    Column("kind", String(40), primary_key=True),
    Column("rows", Integer, nullable=False),
)


def refresh_row_counts(conn: Connection, kind_name: str, gemeinden=None) -> None:
    """Count the stored rows of `kind_name` again for `gemeinden` (every Gemeinde when None), in the caller's
    transaction; a Gemeinde without rows has no entry. Reads the rows of those Gemeinden only (the key index
    begins with the AGS)."""
    table, counts = TABLES[kind_name], gemeinde_rows
    found = select(table.c.ags, func.count()).group_by(table.c.ags)
    stale = delete(counts).where(counts.c.kind == kind_name)
    if gemeinden is not None:
        keys = sorted({str(a) for a in gemeinden if a is not None})
        if not keys:
            return
        found, stale = found.where(table.c.ags.in_(keys)), stale.where(counts.c.ags.in_(keys))
    rows = conn.execute(found).all()
    conn.execute(stale)
    if rows:
        conn.execute(insert(counts), [{"ags": ags, "kind": kind_name, "rows": n} for ags, n in rows])


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


class SchemaNotCurrent(RuntimeError):
    """The schema is missing or behind the newest migration, and this connection's role may not change it."""


class AppRoleError(ValueError):
    """The app role for `db upgrade` would not be kept from the audit log, or cannot be (German message)."""


# The app's role may read and append to these and only read those (PostgreSQL, grant_app_role).
APPEND_ONLY_TABLES = ("audit_log",)
READ_ONLY_TABLES = ("alembic_version",)
# The function through which entries older than the retention period leave the audit log (migration 0005).
EXPIRE_FUNCTION = "audit_log_expire(timestamptz, text)"
# What PostgreSQL answers a role that may not migrate: no right on the schema, or (before the owner's first
# `db upgrade`) no usable schema at all.
_NOT_ALLOWED_TO_MIGRATE = ("42501", "3F000")


def upgrade(engine: Engine, app_role: str | None = None) -> None:
    """Create or upgrade the schema to the newest migration, in one transaction.

    `app_role` (PostgreSQL, `engine` connected as the owner of the tables): afterwards give that role the app's
    rights (grant_app_role). Raises AppRoleError when the role would not be kept from the audit log, and
    SchemaNotCurrent when the schema needs a migration that this connection's role may not run (the app's role:
    then the owner must run `python -m monitor db upgrade`)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "monitor:migrations")
    with engine.begin() as connection:
        if app_role is not None:
            _check_app_role(connection, app_role)
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except DBAPIError as err:
            if getattr(err.orig, "sqlstate", None) in _NOT_ALLOWED_TO_MIGRATE:
                raise SchemaNotCurrent(texts.SCHEMA_NOT_CURRENT) from err
            raise
        if app_role is not None:
            grant_app_role(connection, app_role)


def _check_app_role(connection: Connection, role: str) -> None:
    if connection.dialect.name != "postgresql":
        raise AppRoleError(texts.APP_ROLE_ONLY_POSTGRESQL)
    found = connection.execute(text(
        "SELECT rolsuper, pg_has_role(oid, current_user, 'MEMBER') FROM pg_roles WHERE rolname = :role"),
        {"role": role}).first()
    if found is None:
        raise AppRoleError(texts.APP_ROLE_UNKNOWN.format(role=role))
    superuser, owner = found
    if superuser:
        raise AppRoleError(texts.APP_ROLE_SUPERUSER.format(role=role))
    if owner:
        raise AppRoleError(texts.APP_ROLE_IS_OWNER.format(role=role))
    holder = connection.execute(text(
        "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass('audit_log')")).scalar()
    if holder == role:
        raise AppRoleError(texts.APP_ROLE_OWNS_TABLES.format(role=role))


def grant_app_role(connection: Connection, role: str) -> None:
    """Give `role` exactly the app's rights on this schema (PostgreSQL; run by the owner, idempotent).

    All tables: SELECT, INSERT, UPDATE, DELETE. APPEND_ONLY_TABLES (audit_log): SELECT, and INSERT of every
    column but id (so an entry never takes an id the sequence will hand out). READ_ONLY_TABLES (alembic_version):
    SELECT. Sequences: USAGE. The expiry function: EXECUTE. Nothing else: no TRUNCATE, REFERENCES or TRIGGER, and
    no owner's rights (ALTER, DROP, DISABLE TRIGGER). Rights the role had on these before are revoked first, so
    the result does not depend on what was there. Raises AppRoleError if the role could still change an
    append-only or read-only table through another role (a group, PUBLIC, pg_write_all_data)."""
    role_sql = connection.dialect.identifier_preparer.quote(role)
    schema = connection.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    restricted = ", ".join(APPEND_ONLY_TABLES + READ_ONLY_TABLES)
    appends = [f"GRANT INSERT ({', '.join(c.name for c in metadata.tables[name].c if c.name != 'id')}) "
               f"ON {name} TO {role_sql}" for name in APPEND_ONLY_TABLES]
    for statement in (
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role_sql}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role_sql}",
        f"GRANT USAGE ON SCHEMA {schema} TO {role_sql}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role_sql}",
        f"REVOKE ALL ON {restricted} FROM {role_sql}",
        f"GRANT SELECT ON {restricted} TO {role_sql}",
        *appends,
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role_sql}",
        f"GRANT EXECUTE ON FUNCTION {EXPIRE_FUNCTION} TO {role_sql}",
    ):
        connection.exec_driver_sql(statement)
    # Rights can also come through another role (a group, PUBLIC, pg_write_all_data): what counts is the sum.
    for table in APPEND_ONLY_TABLES + READ_ONLY_TABLES:
        if connection.execute(text("SELECT has_table_privilege(:role, :table, 'UPDATE, DELETE, TRUNCATE')"),
                              {"role": role, "table": table}).scalar_one():
            raise AppRoleError(texts.APP_ROLE_INHERITS.format(role=role, table=table))
