"""context statistics: official tables as imported (context_files) and their figures (context_values)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('context_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('table_code', sa.String(length=40), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('first_date', sa.Date(), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('licence', sa.String(length=80), nullable=False),
    sa.Column('attribution', sa.String(length=120), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('value_count', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('file_sha256')
    )
    op.create_table('context_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('region_key', sa.String(length=12), nullable=False),
    sa.Column('region_name', sa.String(length=120), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('variable', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['context_files.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_context_values_file_id'), 'context_values', ['file_id'], unique=False)
    op.create_index('ix_context_values_region_variable', 'context_values', ['region_key', 'variable'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_context_values_region_variable', table_name='context_values')
    op.drop_index(op.f('ix_context_values_file_id'), table_name='context_values')
    op.drop_table('context_values')
    op.drop_table('context_files')
