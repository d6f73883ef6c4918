"""views for sqlite3 and datasette users

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:06:48.684112
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


CLAIMS_VIEW = """
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
    # Views give names instead of ids to people who open the database in sqlite3 or Datasette.
    op.execute(CLAIMS_VIEW)
    op.execute(actors_view())


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS actors_view")
    op.execute("DROP VIEW IF EXISTS claims_view")
