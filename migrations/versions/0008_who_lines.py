"""who_figure.line: each row as `who --format jsonl` writes it, kept at ingest

Every claimant with troop counts is marked, so the lines are built right after migrating.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 08:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('who_figure', sa.Column('line', sa.Text(), nullable=True))
    op.execute("INSERT INTO summary_mark (claimant_id) "
               "SELECT DISTINCT coalesce(claimant_id, 0) FROM claim WHERE kind = 'troop_count' "
               "AND coalesce(claimant_id, 0) NOT IN (SELECT claimant_id FROM summary_mark)")


def downgrade() -> None:
    with op.batch_alter_table('who_figure') as batch:
        batch.drop_column('line')
