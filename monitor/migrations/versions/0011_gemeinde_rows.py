"""gemeinde_rows: stored rows per Gemeinde and kind, kept by imports, undo and retention (filled here once)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

KINDS = ("cases", "contacts", "courses", "enrolments", "internships", "cafe_sessions", "partners", "network_events",
         "staffing")


def upgrade() -> None:
    op.create_table('gemeinde_rows',
    sa.Column('ags', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('ags', 'kind')
    )
    for kind in KINDS:
        op.execute(f"INSERT INTO gemeinde_rows (ags, kind, rows) SELECT ags, '{kind}', count(*) FROM {kind} "
                   "GROUP BY ags")


def downgrade() -> None:
    op.drop_table('gemeinde_rows')
