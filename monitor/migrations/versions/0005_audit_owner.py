"""audit log: no overwriting by REPLACE or upsert (SQLite); expiry only through the owner's function (PostgreSQL)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

SQLite: `INSERT OR REPLACE` (and `REPLACE INTO`) of an existing id deletes the old row without firing the
DELETE trigger (unless recursive_triggers is on). A BEFORE INSERT trigger refuses any insert whose id is
taken, whatever the conflict clause; an AFTER INSERT trigger refuses ids below 1, because SQLite gives an
automatic id as -1 in a BEFORE INSERT trigger (a stored row -1 would make the first trigger refuse every entry).

PostgreSQL: `audit_log_expire(cutoff, actor)` deletes the entries older than the cutoff and logs that it did.
It runs with the rights of its owner (the role that ran the migrations, who owns audit_log), so a caller
needs neither DELETE on the table nor the right to switch its trigger off; it refuses a cutoff less than
12 months ago. Who may call it is granted by monitor.db.grant_app_role.
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

APPEND_ONLY = "audit log is append-only"
KEPT = "audit log entries are kept at least 12 months"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        # search_path pinned (pg_temp last): a caller's own objects cannot stand in for audit_log.
        op.execute(f"""
            CREATE FUNCTION audit_log_expire(cutoff timestamptz, by_actor text) RETURNS integer
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
            DECLARE
                removed integer;
            BEGIN
                IF cutoff IS NULL OR cutoff > now() - interval '12 months' THEN
                    RAISE EXCEPTION '{KEPT}' USING ERRCODE = 'check_violation';
                END IF;
                ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
                DELETE FROM audit_log WHERE at < cutoff;
                GET DIAGNOSTICS removed = ROW_COUNT;
                ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
                INSERT INTO audit_log (at, actor, role, action, object, row_count, outcome, detail)
                VALUES (clock_timestamp(), left(coalesce(by_actor, session_user::text), 120), NULL,
                        'audit_expired', 'audit_log', removed, 'ok',
                        left('before=' || to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                             || ' db=' || session_user::text, 255));
                RETURN removed;
            END
            $$""")
        op.execute("REVOKE ALL ON FUNCTION audit_log_expire(timestamptz, text) FROM PUBLIC")
    else:
        op.execute(f"""CREATE TRIGGER audit_log_no_overwrite BEFORE INSERT ON audit_log
                       WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
                       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""")
        op.execute(f"""CREATE TRIGGER audit_log_positive_id AFTER INSERT ON audit_log
                       WHEN NEW.id < 1
                       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP FUNCTION IF EXISTS audit_log_expire(timestamptz, text)")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_positive_id")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_overwrite")
