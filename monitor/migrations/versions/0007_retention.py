"""retention: archive of the figures of removed periods, retention runs; audit entries expire after 12 months

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

APPEND_ONLY = "audit log is append-only"
KEPT = "audit log is append-only: entries are kept at least 12 months"


def upgrade() -> None:
    op.create_table('kpi_archive',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ags', sa.String(length=8), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('kpi', sa.String(length=8), nullable=False),
    sa.Column('part', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ags', 'period', 'kpi', 'part', name='uq_kpi_archive_figure')
    )
    op.create_table('kpi_archive_extent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ags', sa.String(length=8), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=True),
    sa.Column('first_case', sa.Date(), nullable=True),
    sa.Column('stand', sa.Date(), nullable=True),
    sa.Column('cases', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ags')
    )
    op.create_table('retention_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ran_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cut_off', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    # The audit log stays append-only, except that entries older than 12 months may be deleted (by the retention
    # run, monitor.audit.expire): a floor the database enforces, whatever the application is told. On PostgreSQL
    # the app's own role deletes nothing itself: audit_log_expire (0005) does it with the owner's rights.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("""CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR TRUNCATE ON audit_log
                      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""")
        op.execute(f"""
            CREATE FUNCTION audit_log_keep_young() RETURNS trigger AS $$
            BEGIN
                IF OLD.at > now() - interval '12 months' THEN RAISE EXCEPTION '{KEPT}'; END IF;
                RETURN OLD;
            END;
            $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER audit_log_keep_young BEFORE DELETE ON audit_log
                      FOR EACH ROW EXECUTE FUNCTION audit_log_keep_young()""")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute(f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                       WHEN OLD.at > datetime('now', '-12 months')
                       BEGIN SELECT RAISE(ABORT, '{KEPT}'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_log_keep_young ON audit_log")
        op.execute("DROP FUNCTION audit_log_keep_young()")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("""CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
                      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute(f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""")
    op.drop_table('retention_runs')
    op.drop_table('kpi_archive_extent')
    op.drop_table('kpi_archive')
