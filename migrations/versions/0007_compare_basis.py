"""compare_row: the claims `compare` needs, kept at ingest beside who_figure

Every claimant with troop counts is marked, so the rows are built right after migrating.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'compare_row',
        sa.Column('claim_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('claimant_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_compare_row')),
    )
    op.create_index(op.f('ix_compare_row_claimant_id'), 'compare_row', ['claimant_id'], unique=False)
    op.execute("INSERT INTO summary_mark (claimant_id) "
               "SELECT DISTINCT coalesce(claimant_id, 0) FROM claim WHERE kind = 'troop_count' "
               "AND coalesce(claimant_id, 0) NOT IN (SELECT claimant_id FROM summary_mark)")


def downgrade() -> None:
    op.drop_index(op.f('ix_compare_row_claimant_id'), table_name='compare_row')
    op.drop_table('compare_row')
