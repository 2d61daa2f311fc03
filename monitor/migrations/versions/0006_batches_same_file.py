"""the same file may be imported again as a batch of its own (sha256 no longer unique, but indexed)

A file whose rows another file or an undo changed since its import is planned again when it comes again, and
if staff import it, it becomes a new batch with the same SHA-256.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

COLUMNS = ["id", "kind", "file_name", "sha256", "row_count", "inserted", "updated", "unchanged", "imported_at",
           "imported_by"]


def _columns() -> list:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('row_count', sa.Integer(), nullable=False),
        sa.Column('inserted', sa.Integer(), nullable=False),
        sa.Column('updated', sa.Integer(), nullable=False),
        sa.Column('unchanged', sa.Integer(), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_by', sa.String(length=120), nullable=False),
    ]


def _rebuild_sqlite(*constraints) -> None:
    """SQLite cannot drop or add a UNIQUE constraint: the table is made anew with the same rows and ids. Every data
    table and row_versions refer to it, so foreign keys are checked only at the commit (by then each reference
    finds its batch again). The copy goes into a table nobody refers to, since dropping the referred table counts
    its references as broken and only inserting the batches anew counts them back."""
    bind = op.get_bind()
    if not bind.connection.driver_connection.in_transaction:
        bind.exec_driver_sql("BEGIN")  # the driver opens none before DDL; the pragma below lasts one transaction
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    columns = ", ".join(COLUMNS)
    bind.exec_driver_sql(f"CREATE TABLE _import_batches_copy AS SELECT {columns} FROM import_batches")
    op.drop_table('import_batches')
    op.create_table('import_batches', *_columns(), sa.PrimaryKeyConstraint('id'), *constraints)
    bind.exec_driver_sql(f"INSERT INTO import_batches ({columns}) SELECT {columns} FROM _import_batches_copy")
    op.drop_table('_import_batches_copy')


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        _rebuild_sqlite()
    else:
        for constraint in sa.inspect(bind).get_unique_constraints('import_batches'):
            if constraint['column_names'] == ['sha256']:
                op.drop_constraint(constraint['name'], 'import_batches', type_='unique')
    op.create_index(op.f('ix_import_batches_sha256'), 'import_batches', ['sha256'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_import_batches_sha256'), table_name='import_batches')
    if op.get_bind().dialect.name == 'sqlite':
        _rebuild_sqlite(sa.UniqueConstraint('sha256'))
    else:
        op.create_unique_constraint(None, 'import_batches', ['sha256'])
