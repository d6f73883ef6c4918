"""who_figure: who's rows kept at ingest; summary_mark: claimants whose rows are out of date

Every claimant with claims starts marked: claimtrack rebuilds the rows right after migrating, and
until then readers aggregate marked claimants from their claims.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 05:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'who_figure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claimant_id', sa.Integer(), nullable=False),
        sa.Column('claimant', sa.String(length=256), nullable=False),
        sa.Column('figure', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Integer(), nullable=True),
        sa.Column('value_max', sa.Integer(), nullable=True),
        sa.Column('qualifier', sa.String(length=16), nullable=True),
        sa.Column('magnitude', sa.String(length=32), nullable=True),
        sa.Column('unit', sa.String(length=32), nullable=True),
        sa.Column('force', sa.String(length=64), nullable=True),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('stated', sa.String(length=300), nullable=False),
        sa.Column('first_date', sa.String(length=10), nullable=True),
        sa.Column('last_date', sa.String(length=10), nullable=True),
        sa.Column('date_text', sa.String(length=256), nullable=True),
        sa.Column('claims', sa.Integer(), nullable=False),
        sa.Column('sources', sa.Integer(), nullable=False),
        sa.Column('origins', sa.Integer(), nullable=False),
        sa.Column('undated', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('revised_to', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=512), nullable=False),
        sa.Column('quote', sa.Text(), nullable=False),
        sa.Column('sort_rank', sa.Integer(), nullable=False),
        sa.Column('sort_day', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_who_figure')),
    )
    op.create_index(op.f('ix_who_figure_claimant_id'), 'who_figure', ['claimant_id'], unique=False)
    op.create_table(
        'summary_mark',
        sa.Column('claimant_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('claimant_id', name=op.f('pk_summary_mark')),
    )
    op.execute("INSERT INTO summary_mark (claimant_id) "
               "SELECT DISTINCT coalesce(claimant_id, 0) FROM claim WHERE kind = 'troop_count'")


def downgrade() -> None:
    op.drop_table('summary_mark')
    op.drop_index(op.f('ix_who_figure_claimant_id'), table_name='who_figure')
    op.drop_table('who_figure')
