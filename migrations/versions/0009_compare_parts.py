"""compare_row: which parts of compare each claim is in, so that compare reads only what it shows

Every claimant with troop counts is marked, so the rows are built right after migrating.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FLAGS = ('fact', 'latest', 'spread', 'loose', 'shown')


def upgrade() -> None:
    with op.batch_alter_table('compare_row') as batch:
        for name in FLAGS:
            batch.add_column(sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column('force_key', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('month', sa.String(length=7), nullable=True))
        batch.add_column(sa.Column('date_from', sa.Date(), nullable=True))
    op.create_index(op.f('ix_compare_row_shown'), 'compare_row', ['shown'], unique=False)
    op.create_index('ix_compare_row_month_facts', 'compare_row',
                    ['fact', 'force_key', 'month', 'date_from', 'claim_id'], unique=False)
    op.create_index('ix_compare_row_facts', 'compare_row', ['fact', 'force_key', 'date_from', 'claim_id'],
                    unique=False)
    op.execute("INSERT INTO summary_mark (claimant_id) "
               "SELECT DISTINCT coalesce(claimant_id, 0) FROM claim WHERE kind = 'troop_count' "
               "AND coalesce(claimant_id, 0) NOT IN (SELECT claimant_id FROM summary_mark)")


def downgrade() -> None:
    op.drop_index('ix_compare_row_facts', table_name='compare_row')
    op.drop_index('ix_compare_row_month_facts', table_name='compare_row')
    op.drop_index(op.f('ix_compare_row_shown'), table_name='compare_row')
    with op.batch_alter_table('compare_row') as batch:
        for name in ('date_from', 'month', 'force_key', *FLAGS):
            batch.drop_column(name)
