"""PostgreSQL with an owner role and an app role, set up exactly as docs/betrieb.md says: the app's connection can
read and append to the audit log and do all its work, but cannot change, delete, empty or unprotect the log.

Runs only with TEST_DATABASE_URL (a superuser's URL). Roles are cluster-wide, so their names are derived from the
test database's name, and every test removes them again."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from etl import mappings
from etl.pipeline import import_files
from etl.undo import undo_batch
from monitor import audit, auth, bootstrap, db, queries, settings
from tests.unit.test_schema import migrate

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs TEST_DATABASE_URL")

BETRIEB = settings.PROJECT_DIR / "docs" / "betrieb.md"
SECTION = "### PostgreSQL mit Eigentümer- und Anwendungsrolle"
# The example names and passwords of the docs, replaced per test database.
DOC_OWNER, DOC_APP, DOC_DATABASE = "monitor_owner", "monitor_app", "integrationsmonitor"
DOC_PASSWORDS = ("passwort-eigentuemer", "passwort-anwendung")
INSUFFICIENT_PRIVILEGE = "42501"


def documented_blocks() -> dict[str, list[str]]:
    """The code blocks of the section, by language (sql blocks in order, joined; bash blocks likewise)."""
    section = re.split(r"\n#{1,3} ", BETRIEB.read_text(encoding="utf-8").split(SECTION, 1)[1], maxsplit=1)[0]
    blocks: dict[str, list[str]] = {}
    for language, body in re.findall(r"^ *```(\w+)\n(.*?)^ *```", section, flags=re.M | re.S):
        blocks.setdefault(language, []).append(re.sub(r"(?m)^ +", "", body))
    return blocks


def statements(block: str) -> list[str]:
    return [s.strip() for s in block.split(";") if s.strip()]


@dataclass
class Setup:
    admin: Engine
    database: str
    owner: str
    app: str
    owner_url: str
    app_url: str

    def engine(self, url: str) -> Engine:
        return db.make_engine(url)


def _quote(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote(name)


def _drop_roles(admin: Engine, database: str, *roles: str) -> None:
    with admin.begin() as conn:
        if conn.execute(text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :d"),
                        {"d": database}).scalar_one() in roles:  # left over by an interrupted run
            conn.exec_driver_sql(f"ALTER DATABASE {_quote(admin, database)} OWNER TO CURRENT_USER")
        for role in roles:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
                conn.execute(text(f"DROP OWNED BY {_quote(admin, role)} CASCADE"))
                conn.execute(text(f"DROP ROLE {_quote(admin, role)}"))


def _fresh_schema(admin: Engine) -> None:
    with admin.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def setup():
    """The database of TEST_DATABASE_URL prepared by the SQL of docs/betrieb.md, with an owner and an app role
    named after it; not yet migrated. The test database exists, so instead of CREATE DATABASE … OWNER the test
    makes the owner role its owner (and gives it back afterwards)."""
    admin = db.make_engine(os.environ["TEST_DATABASE_URL"])
    url = make_url(os.environ["TEST_DATABASE_URL"])
    database = url.database
    owner, app = f"{database}_owner"[:63], f"{database}_app"[:63]
    passwords = [secrets.token_hex(12) for _ in DOC_PASSWORDS]
    _fresh_schema(admin)
    _drop_roles(admin, database, owner, app)
    with admin.connect() as conn:
        database_owner = conn.execute(text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :d"),
                                      {"d": database}).scalar_one()
    names = {DOC_OWNER: _quote(admin, owner), DOC_APP: _quote(admin, app), DOC_DATABASE: _quote(admin, database)}
    created = []
    try:
        for block in documented_blocks()["sql"]:
            for statement in statements(block):
                sql = re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: names[m.group(1)], statement)
                for documented, password in zip(DOC_PASSWORDS, passwords):
                    sql = sql.replace(f"'{documented}'", f"'{password}'")
                if sql.upper().startswith("CREATE DATABASE"):
                    created.append(sql)
                    sql = f"ALTER DATABASE {names[DOC_DATABASE]} OWNER TO {names[DOC_OWNER]}"
                with admin.begin() as conn:
                    conn.exec_driver_sql(sql)
        assert created == [f"CREATE DATABASE {names[DOC_DATABASE]} OWNER {names[DOC_OWNER]}"]
        yield Setup(admin, database, owner, app,
                    url.set(username=owner, password=passwords[0]).render_as_string(hide_password=False),
                    url.set(username=app, password=passwords[1]).render_as_string(hide_password=False))
    finally:
        _fresh_schema(admin)
        with admin.begin() as conn:
            conn.exec_driver_sql(f"ALTER DATABASE {names[DOC_DATABASE]} OWNER TO {_quote(admin, database_owner)}")
            conn.exec_driver_sql(f"GRANT CONNECT, TEMPORARY ON DATABASE {names[DOC_DATABASE]} TO PUBLIC")
        _drop_roles(admin, database, owner, app)
        admin.dispose()


def documented_upgrade(setup: Setup) -> subprocess.CompletedProcess:
    """`python -m monitor db upgrade` with the variables of the documented command (its values for this test)."""
    [command] = documented_blocks()["bash"]
    variables = dict(re.findall(r"^(\w+)=(\S+)", command, flags=re.M))
    assert set(variables) == {"MONITOR_OWNER_DATABASE_URL", "MONITOR_APP_ROLE"}
    assert command.rstrip().endswith("python -m monitor db upgrade")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", *variables)}
    env |= {"MONITOR_OWNER_DATABASE_URL": setup.owner_url, "MONITOR_APP_ROLE": setup.app}
    return subprocess.run([sys.executable, "-m", "monitor", "db", "upgrade"], cwd=settings.PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def migrated(setup):
    result = documented_upgrade(setup)
    assert result.returncode == 0, result.stderr
    assert f"„{setup.app}“" in result.stderr
    owner, app = setup.engine(setup.owner_url), setup.engine(setup.app_url)
    yield setup, owner, app
    owner.dispose()
    app.dispose()


def log(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(db.audit_log).order_by(db.audit_log.c.id)).mappings()]


def refused(engine: Engine, sql: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    return caught.value


def test_the_tables_belong_to_the_owner_and_the_app_is_not_it(migrated):
    setup, owner, app = migrated
    with app.connect() as conn:
        assert conn.exec_driver_sql("SELECT current_user").scalar_one() == setup.app
        tables = dict(conn.exec_driver_sql(
            "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'").all())
        function_owner = conn.exec_driver_sql(
            "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit_log_expire'").scalar_one()
    assert set(tables.values()) == {setup.owner} and "audit_log" in tables and function_owner == setup.owner


def test_the_app_can_append_and_read_but_not_change_empty_or_unprotect_the_log(migrated):
    setup, owner, app = migrated
    audit.record(app, audit.LOGIN, "anna", "rat")
    before = log(app)
    assert [e["actor"] for e in before] == ["anna"]
    entry = before[0]["id"]
    attacks = [
        f"UPDATE audit_log SET actor = 'mallory' WHERE id = {entry}",
        f"DELETE FROM audit_log WHERE id = {entry}",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DROP TABLE audit_log",
        "DROP FUNCTION audit_log_append_only() CASCADE",
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ "
        "LANGUAGE plpgsql",
        "ALTER TABLE audit_log OWNER TO CURRENT_USER",
        "ALTER TABLE audit_log RENAME TO audit_log_old",
        # an entry with an id of its choice: it could take the id the sequence hands out next
        f"INSERT INTO audit_log (id, at, actor, action, outcome) VALUES ({entry + 1}, now(), 'x', 'login', 'ok')",
        f"INSERT INTO audit_log (id, at, actor, action, outcome) VALUES ({entry}, now(), 'x', 'login', 'ok') "
        "ON CONFLICT (id) DO UPDATE SET actor = 'mallory'",
        "SELECT setval('audit_log_id_seq', 1)",
        "UPDATE alembic_version SET version_num = '0001'",
        "CREATE TABLE audit_log_copy (id integer)",
    ]
    for sql in attacks:
        error = refused(app, sql)
        assert error.orig.sqlstate == INSUFFICIENT_PRIVILEGE, (sql, error)
    assert log(app) == before
    with app.connect() as conn:  # the trigger is still on, and still refuses its owner
        assert conn.exec_driver_sql("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_append_only'"
                                    ).scalar_one() == "O"
    with pytest.raises(DBAPIError, match="append-only"):
        with owner.begin() as conn:
            conn.execute(update(db.audit_log).values(actor="mallory"))
    with pytest.raises(DBAPIError, match="append-only"):
        with owner.begin() as conn:
            conn.execute(delete(db.audit_log))
    audit.record(app, audit.LOGOUT, "anna", "rat")  # the sequence still hands out the next id
    assert [e["action"] for e in log(app)] == [audit.LOGIN, audit.LOGOUT]


def test_the_app_does_all_its_work_with_its_role(migrated):
    setup, owner, app = migrated
    bootstrap.ensure_ready(app, load_demo=False)  # the start: the schema is current, nothing to migrate
    demo = [(p.name, p.read_bytes()) for p in (settings.DEMO_DIR / n for n in (
        "stellenanteile.csv", "netzwerkpartner.csv", "faelle.csv", "kurse.csv"))]  # officers and partners first
    report = import_files(app, demo, user="anna")
    assert report.ok, [p.message for f in report.files for p in f.problems]
    assert queries.data_version(app) > 0
    with app.connect() as conn:
        batch = conn.execute(select(db.import_batches.c.id).where(db.import_batches.c.file_name == "kurse.csv")
                             ).scalar_one()
    assert undo_batch(app, batch, actor="anna").removed > 0

    auth.add_user(app, "berta", "verwaltung", "ein langes Passwort 1", actor="cli:it")
    assert auth.authenticate(app, "berta", "falsch").outcome == auth.WRONG_PASSWORD
    assert auth.authenticate(app, "berta", "ein langes Passwort 1").outcome == auth.OK
    auth.set_password(app, "berta", "ein anderes Passwort 2", actor="cli:it")
    auth.deactivate(app, "berta", actor="cli:it")

    assert mappings.save_values(app, "cases", "gender", {"weiblich": "w"}, user="anna") == 1
    saved = mappings.listing(app)
    assert len(saved) == 1
    with app.connect() as conn:
        mapping_id = conn.execute(select(db.value_mappings.c.id)).scalar_one()
    mappings.forget(app, "value_mappings", mapping_id, user="anna")

    actions = [e["action"] for e in log(app)]
    for action in (audit.IMPORT, audit.DELETE, audit.USER_ADDED, audit.LOGIN_FAILED, audit.LOGIN,
                   audit.PASSWORD_CHANGED, audit.USER_DEACTIVATED, audit.MAPPING):
        assert action in actions


def test_the_app_expires_old_entries_only_through_the_owners_function(migrated):
    setup, owner, app = migrated
    old = datetime(2020, 5, 1, tzinfo=UTC)
    audit.record(app, audit.IMPORT, "anna", at=old)
    audit.record(app, audit.LOGIN, "anna", at=old + timedelta(days=1))
    audit.record(app, audit.LOGIN, "berta")
    version = queries.data_version(app)
    assert audit.expire(app, datetime(2020, 6, 1, tzinfo=UTC), actor="cli:it") == 2
    entries = log(app)
    assert [e["actor"] for e in entries] == ["berta", "cli:it"]
    expired = entries[-1]
    assert (expired["action"], expired["row_count"]) == (audit.AUDIT_EXPIRED, 2)
    assert expired["detail"] == f"before=2020-06-01T00:00:00Z db={setup.app}"
    assert queries.data_version(app) > version  # never back, never 0 (which would load the demo data)
    # The database itself keeps the last 12 months, whatever the caller: straight SQL, past the Python check.
    for months in (11, 0):
        error = refused(app, f"SELECT audit_log_expire(now() - interval '{months} months', 'mallory')")
        assert "kept at least 12 months" in str(error.orig)
    with app.begin() as conn:
        assert conn.exec_driver_sql("SELECT audit_log_expire(now() - interval '13 months', 'cli:it')"
                                    ).scalar_one() == 0
    assert refused(app, "DELETE FROM audit_log").orig.sqlstate == INSUFFICIENT_PRIVILEGE
    with app.connect() as conn:
        assert conn.exec_driver_sql("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_append_only'"
                                    ).scalar_one() == "O"


def test_the_app_cannot_migrate_and_says_who_must(setup):
    app = setup.engine(setup.app_url)
    try:  # before the owner's first `db upgrade`
        with pytest.raises(db.SchemaNotCurrent, match="db upgrade"):
            db.upgrade(app)
    finally:
        app.dispose()


def test_after_an_update_the_app_waits_for_the_owners_db_upgrade(migrated):
    setup, owner, app = migrated
    migrate(owner, "0004", down=True)  # as if a newer release had brought migrations 0005 and later
    with pytest.raises(db.SchemaNotCurrent, match="db upgrade"):
        bootstrap.ensure_ready(app, load_demo=False)
    assert documented_upgrade(setup).returncode == 0
    bootstrap.ensure_ready(app, load_demo=False)
    assert audit.expire(app, datetime(2020, 1, 1, tzinfo=UTC), actor="cli:it") == 0


def test_db_upgrade_refuses_a_role_that_would_not_be_kept_from_the_log(migrated):
    setup, owner, app = migrated
    superuser = make_url(os.environ["TEST_DATABASE_URL"]).username
    for role, message in ((setup.owner, "Eigentümer"), (superuser, "Superuser"),
                          (f"{setup.database}_nobody", "gibt es in PostgreSQL nicht")):
        with pytest.raises(db.AppRoleError, match=message):
            db.upgrade(owner, app_role=role)
    table = "audit_log"
    with setup.admin.begin() as conn:  # a right that comes through PUBLIC counts as well
        conn.exec_driver_sql(f"GRANT UPDATE ON {table} TO PUBLIC")
    with pytest.raises(db.AppRoleError, match="über eine andere Rolle oder PUBLIC"):
        db.upgrade(owner, app_role=setup.app)
    with setup.admin.begin() as conn:
        conn.exec_driver_sql(f"REVOKE UPDATE ON {table} FROM PUBLIC")
        conn.exec_driver_sql(f"ALTER TABLE {table} OWNER TO {_quote(setup.admin, setup.app)}")
    with pytest.raises(db.AppRoleError, match="REASSIGN OWNED"):
        db.upgrade(owner, app_role=setup.app)
