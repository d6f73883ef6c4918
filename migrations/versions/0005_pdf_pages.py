"""where each page of a PDF source begins in its text

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 03:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('source', sa.Column('page_starts', sa.Text(), nullable=True))


def downgrade() -> None:
    bind = op.get_bind()
    views = bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view'")).all() \
        if bind.dialect.name == "sqlite" else []
    for name, _ in views:
        op.execute(f'DROP VIEW IF EXISTS "{name}"')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('page_starts')
    for _, sql in views:
        op.execute(sql)
