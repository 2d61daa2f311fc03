"""row versions, so that an import batch can be undone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('row_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('previous_batch_id', sa.Integer(), nullable=False),
    sa.Column('previous', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('row_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_row_versions_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_row_versions_previous_batch_id'), ['previous_batch_id'], unique=False)


def downgrade() -> None:
    op.drop_table('row_versions')
