"""import_batches.gemeinden: the Gemeinden of a batch's rows (who may see it in the history; empty before)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('import_batches', sa.Column('gemeinden', sa.String(length=2000), nullable=True))


def downgrade() -> None:
    # not in batch mode: SQLite would copy the table, and the data tables' foreign keys refuse dropping it
    op.execute("ALTER TABLE import_batches DROP COLUMN gemeinden")
