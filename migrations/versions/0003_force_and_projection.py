"""force (whose troops) and projection (a forecast) on every claim

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:10:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT claim.id, source.file_name AS source, source.outlet, source.published,
       claimant.name AS claimant, via.name AS via, claim.kind, claim.value, claim.value_max,
       claim.qualifier, claim.magnitude, claim.unit, claim.location, claim.force, claim.projection,
       claim.date_from, claim.date_to, claim.date_text, claim.status, claim.revised_by_id AS revised_by,
       claim.mentions, claim.quote, claim.quote_start, claim.quote_end, claim.rule
FROM claim
JOIN source ON source.id = claim.source_id
LEFT JOIN actor AS claimant ON claimant.id = claim.claimant_id
LEFT JOIN actor AS via ON via.id = claim.via_id
"""

OLD_CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT claim.id, source.file_name AS source, source.outlet, source.published,
       claimant.name AS claimant, via.name AS via, claim.kind, claim.value, claim.value_max,
       claim.qualifier, claim.magnitude, claim.unit, claim.location, claim.date_from, claim.date_to,
       claim.date_text, claim.status, claim.revised_by_id AS revised_by, claim.mentions,
       claim.quote, claim.quote_start, claim.quote_end, claim.rule
FROM claim
JOIN source ON source.id = claim.source_id
LEFT JOIN actor AS claimant ON claimant.id = claim.claimant_id
LEFT JOIN actor AS via ON via.id = claim.via_id
"""


ACTORS_VIEW = """
CREATE VIEW actors_view AS
SELECT actor.id, actor.name, actor.type, actor.description, actor.origin,
       (SELECT {joined_aliases} FROM alias
         WHERE alias.actor_id = actor.id AND alias.name <> actor.name) AS aliases,
       (SELECT count(*) FROM claim WHERE claim.claimant_id = actor.id) AS claims
FROM actor
"""


# The one dialect-specific piece of the views: joining an actor's aliases into one text.
JOINED_ALIASES = {"sqlite": "group_concat(alias.name, ' | ')", "postgresql": "string_agg(alias.name, ' | ')"}


def actors_view() -> str:
    return ACTORS_VIEW.format(joined_aliases=JOINED_ALIASES[op.get_bind().dialect.name])


def upgrade() -> None:
    # The views read claim, and a batch migration rebuilds the table under them: drop them first.
    op.execute("DROP VIEW IF EXISTS actors_view")
    op.execute("DROP VIEW IF EXISTS claims_view")
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('force', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('projection', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_claim_force'), ['force'], unique=False)
    op.execute(CLAIMS_VIEW)
    op.execute(actors_view())


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS actors_view")
    op.execute("DROP VIEW IF EXISTS claims_view")
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_force'))
        batch_op.drop_column('projection')
        batch_op.drop_column('force')
    op.execute(OLD_CLAIMS_VIEW)
    op.execute(actors_view())
