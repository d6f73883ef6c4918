"""SQLModel tables: Source, Actor, Alias, Claim; WhoFigure, CompareRow and SummaryMark (what `who` and
`compare` read instead of every claim).

The naming convention is set before any table is declared: SQLite leaves constraints unnamed,
and Alembic's batch mode can only drop constraints that have names.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, MetaData, Text, false
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlmodel import Field, SQLModel

from claimtrack.terms import ACTOR_TYPES, CLAIM_KINDS, SQLITE_FUNCTIONS, fold  # noqa: F401 - their old home

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata



class Source(SQLModel, table=True):
    """One ingested article: its text as stored (offsets of claims point into it) and its metadata."""

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=512)
    path: str = Field(max_length=4096)
    sha256: str = Field(max_length=64, unique=True)  # of the stored text: its content identity
    raw_sha256: str | None = Field(default=None, max_length=64, index=True)  # of the file's bytes as read
    title: str | None = Field(default=None, max_length=1024)
    outlet: str | None = Field(default=None, max_length=256)
    url: str | None = Field(default=None, max_length=2048)
    published: date | None = Field(default=None)
    published_origin: str | None = Field(default=None, max_length=32)  # text, sources.csv, option, manual
    language: str = Field(default="de", max_length=8)
    encoding: str = Field(max_length=32)
    text: str = Field(sa_column=Column(Text, nullable=False))
    page_starts: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # PDF: JSON offsets
    size_bytes: int = Field(default=0)
    ingested_at: datetime
    extractor_version: str = Field(max_length=32)


class Actor(SQLModel, table=True):
    """Someone who makes or relays claims: a person, a government, an agency, an outlet."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=256, unique=True)
    type: str = Field(max_length=32)
    description: str | None = Field(default=None, max_length=1024)
    origin: str = Field(default="gazetteer", max_length=32)  # gazetteer, discovered, user


class Alias(SQLModel, table=True):
    """A name an actor goes by; `normalised` (casefold, NFKC, hyphens as spaces) is unique."""

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=256)
    normalised: str = Field(max_length=256, unique=True)


class Claim(SQLModel, table=True):
    """One statement in one article: a troop count or a stance, with its evidence and offsets."""

    __table_args__ = (
        Index("ix_claim_claimant_kind", "claimant_id", "kind"),
        Index("ix_claim_kind_date", "kind", "date_from"),
        Index("ix_claim_date", "date_from", "date_to"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    claimant_id: int | None = Field(default=None, foreign_key="actor.id", ondelete="SET NULL")
    via_id: int | None = Field(default=None, foreign_key="actor.id", index=True, ondelete="SET NULL")
    kind: str = Field(max_length=32)
    value: int | None = Field(default=None)
    value_max: int | None = Field(default=None)
    qualifier: str | None = Field(default=None, max_length=16)
    magnitude: str | None = Field(default=None, max_length=32)
    unit: str | None = Field(default=None, max_length=32)
    location: str | None = Field(default=None, max_length=128)
    force: str | None = Field(default=None, max_length=64, index=True)  # whose troops
    projection: bool = Field(default=False, sa_column_kwargs={"server_default": false()})  # a forecast or planned strength
    date_from: date | None = Field(default=None)
    date_to: date | None = Field(default=None)
    date_text: str | None = Field(default=None, max_length=256)
    status: str = Field(default="current", max_length=16)
    revised_by_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="SET NULL")
    quote: str = Field(sa_column=Column(Text, nullable=False))
    quote_start: int
    quote_end: int
    mentions: int = Field(default=1)  # how often the article repeats the statement
    rule: str | None = Field(default=None, max_length=64)  # which extraction rule fired, for explanations


class WhoFigure(SQLModel, table=True):
    """One claimant's figure as `who` shows it (compare.who_groups), kept up to date at ingest (summary.py).

    Derived data: it can always be rebuilt from the claims, and a claimant marked in SummaryMark is
    read from its claims instead."""

    __tablename__ = "who_figure"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(index=True)  # 0: unattributed claims
    claimant: str = Field(max_length=256)
    figure: str = Field(max_length=64)
    value: int | None = Field(default=None)
    value_max: int | None = Field(default=None)
    qualifier: str | None = Field(default=None, max_length=16)
    magnitude: str | None = Field(default=None, max_length=32)
    unit: str | None = Field(default=None, max_length=32)
    force: str | None = Field(default=None, max_length=64)
    role: str = Field(max_length=16)
    stated: str = Field(max_length=300)
    first_date: str | None = Field(default=None, max_length=10)
    last_date: str | None = Field(default=None, max_length=10)
    date_text: str | None = Field(default=None, max_length=256)
    claims: int
    sources: int
    origins: int
    undated: int
    status: str = Field(max_length=16)
    revised_to: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of figures
    source: str = Field(max_length=512)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    sort_rank: int  # 0 dated, 1 undated (ordered by its date words against sort_day)
    sort_day: date
    # the row as `who --format jsonl` writes it, with its next figure: who over all claims as JSON reads
    # these instead of encoding tens of thousands of rows (the encoding cost twice the query)
    line: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class CompareRow(SQLModel, table=True):
    """A claim `compare` needs (compare.compare_flags) and the parts it is in: a fact (the first claim of
    a figure one claimant stated for one force, place and window), the latest of its claimant's
    figures in a month, force and place, the latest per force (the spread), or loosely dated. Derived
    data, kept with WhoFigure (summary.py); a claimant marked in SummaryMark is read from its claims."""

    __tablename__ = "compare_row"
    __table_args__ = (
        # a month's facts by date, and a force's facts by date from any one on (compare reads as it needs)
        Index("ix_compare_row_month_facts", "fact", "force_key", "month", "date_from", "claim_id"),
        Index("ix_compare_row_facts", "fact", "force_key", "date_from", "claim_id"),
    )

    claim_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    claimant_id: int = Field(index=True)  # 0: unattributed claims
    fact: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    latest: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    spread: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    loose: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # latest, spread or loose: what compare shows as it is
    shown: bool = Field(default=False, index=True, sa_column_kwargs={"server_default": false()})
    force_key: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})  # the force, '' for none
    month: str | None = Field(default=None, max_length=7)  # of a placed claim: its window's middle
    date_from: date | None = Field(default=None)


class SummaryMark(SQLModel, table=True):
    """A claimant whose claims changed since its WhoFigure rows were computed."""

    __tablename__ = "summary_mark"

    claimant_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})  # 0: unattributed


class folded(GenericFunction):
    """fold() in SQL: SQLite calls the Python function registered on each connection (db.make_engine),
    since its lower() folds ASCII only; PostgreSQL's lower() is Unicode-aware."""

    type = Text()
    inherit_cache = True


@compiles(folded, "sqlite")
def _folded_sqlite(element, compiler, **kw):
    return f"claimtrack_fold({compiler.process(element.clauses, **kw)})"


@compiles(folded)
def _folded_default(element, compiler, **kw):
    return f"lower(normalize({compiler.process(element.clauses, **kw)}, NFC))"

