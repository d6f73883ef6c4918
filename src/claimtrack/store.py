"""Writes extraction results. No parsing in here: it receives decoded text, metadata and claim records.

Idempotence is by content: a file whose text's sha256 is stored already is 'unchanged' (or re-extracted
with force). `store_sources` stores many files in the caller's transaction with a handful of bulk
statements (Core, no ORM objects); `store_source` one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlmodel import Session

from claimtrack import gazetteer, summary
from claimtrack.extract.records import ActorRef, ClaimRecord
from claimtrack.gazetteer import normalise
from claimtrack.models import Actor, Alias, Claim, Source


@dataclass
class SourceInput:
    """Everything about one file that storage needs, already parsed."""

    file_name: str
    path: str
    sha256: str  # content identity (ingest.read.content_sha256)
    text: str
    encoding: str
    size_bytes: int
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    published_origin: str | None
    language: str
    extractor_version: str
    raw_sha256: str | None = None
    page_starts: list[int] | None = None  # a PDF's pages: where each begins in the text


@dataclass
class StoreResult:
    status: str  # new, unchanged, updated
    source_id: int
    claims: int


class ActorResolver:
    """Maps actor references to ids within one transaction, creating actors the database lacks."""

    def __init__(self, session: Session):
        self.session = session
        self.by_alias: dict[str, int] = dict(session.execute(select(Alias.normalised, Alias.actor_id)).all())

    def resolve(self, ref: ActorRef) -> int:
        for name in (ref.name, *ref.aliases):  # the name mostly: its aliases are normalised only when it is new
            key = normalise(name)
            if key in self.by_alias:
                return self.by_alias[key]
        actor_id = self.create_actor(ref.name, ref.type, ref.description, "gazetteer" if ref.known else "discovered")
        for alias in ref.aliases:
            self.add_alias(actor_id, alias)
        return actor_id

    def create_actor(self, name: str, type_: str, description: str | None, origin: str) -> int:
        taken = self.session.execute(select(Actor.id).where(Actor.name == name)).scalar()
        if taken is not None:  # a canonical name whose alias row was removed by a merge
            self.add_alias(taken, name)
            return taken
        actor_id = self.session.execute(
            insert(Actor).values(name=name, type=type_, description=description, origin=origin).returning(Actor.id)
        ).scalar_one()
        self.add_alias(actor_id, name)
        return actor_id

    def add_alias(self, actor_id: int, name: str) -> bool:
        key = normalise(name)
        if not key or key in self.by_alias:
            return False
        self.session.execute(insert(Alias).values(actor_id=actor_id, name=name, normalised=key))
        self.by_alias[key] = actor_id
        return True


def sync_gazetteer(session: Session) -> int:
    """Add the gazetteer's actors and aliases the database lacks; never undoes a user's merge."""
    resolver = ActorResolver(session)
    added = 0
    for entry in gazetteer.entries():
        key = normalise(entry.name)
        if key in resolver.by_alias:
            actor_id = resolver.by_alias[key]
        else:
            actor_id = resolver.create_actor(entry.name, entry.type, entry.description, "gazetteer")
            added += 1
        for alias in entry.aliases:
            resolver.add_alias(actor_id, alias)
    return added


def stored_files(session: Session, raw_sha256s: list[str]) -> dict[str, tuple[int, int]]:
    """Of these hashes of files' bytes, those a source was read from: hash → (source id, its claims)."""
    table = Source.__table__
    found: dict[str, int] = {}
    for start in range(0, len(raw_sha256s), 500):
        found.update((sha, source_id) for source_id, sha in session.execute(
            select(table.c.id, table.c.raw_sha256).where(table.c.raw_sha256.in_(raw_sha256s[start:start + 500]))))
    counts: dict[int, int] = {}
    ids = sorted(set(found.values()))
    for start in range(0, len(ids), 500):
        counts.update(session.execute(select(Claim.source_id, func.count(Claim.id)).where(
            Claim.source_id.in_(ids[start:start + 500])).group_by(Claim.source_id)).all())
    return {sha: (source_id, counts.get(source_id, 0)) for sha, source_id in found.items()}


def store_sources(session: Session, batch: list[tuple[SourceInput, list[ClaimRecord]]], *, force: bool = False,
                  resolver: ActorResolver | None = None) -> list[StoreResult]:
    """Store many sources and their claims in the caller's transaction: one lookup of their contents,
    one insert of the new sources, one of all their claims. Results in the order of `batch`."""
    resolver = resolver or ActorResolver(session)
    table = Source.__table__
    shas = sorted({item.sha256 for item, _ in batch})
    existing: dict[str, int] = {}
    for start in range(0, len(shas), 500):
        existing.update((sha, source_id) for source_id, sha in session.execute(
            select(table.c.id, table.c.sha256).where(table.c.sha256.in_(shas[start:start + 500]))))
    results: list[StoreResult | None] = [None] * len(batch)
    fresh: list[int] = []  # positions of new contents, first occurrence only
    first_of: dict[str, int] = {}
    for position, (item, claims) in enumerate(batch):
        if item.sha256 in existing:
            if force:  # re-extraction: rare, one by one
                results[position] = store_source(session, item, claims, force=True, resolver=resolver)
        elif item.sha256 in first_of:
            pass  # the same content twice in one batch: the later one is unchanged
        else:
            first_of[item.sha256] = position
            fresh.append(position)
    if fresh:
        now = datetime.now(timezone.utc)
        ids = insert_rows(session, table, [_source_values(batch[i][0], now) for i in fresh])
        for position, source_id in zip(fresh, ids):
            existing[batch[position][0].sha256] = source_id
            results[position] = StoreResult("new", source_id, len(batch[position][1]))
        insert_claims_of(session, [(source_id, batch[i][1]) for i, source_id in zip(fresh, ids)], resolver)
    unchanged = [i for i, r in enumerate(results) if r is None]
    if unchanged:
        counted = dict(session.execute(select(Claim.source_id, func.count(Claim.id)).where(
            Claim.source_id.in_({existing[batch[i][0].sha256] for i in unchanged})).group_by(Claim.source_id)).all())
        for i in unchanged:
            source_id = existing[batch[i][0].sha256]
            results[i] = StoreResult("unchanged", source_id, counted.get(source_id, 0))
    return results


def insert_rows(session: Session, table, rows: list[dict]) -> list[int]:
    """Insert rows and return their new ids in the order of `rows`.

    PostgreSQL returns them (RETURNING, ordered by SQLAlchemy's sentinel). SQLite cannot promise the
    order of a multi-row RETURNING, so SQLAlchemy would run one statement per row; there the rows are
    inserted in one executemany instead: inside the write transaction, SQLite gives each new row one more
    than the largest id before it (https://sqlite.org/autoinc.html), so the ids are the run of
    consecutive numbers that ends at the largest id afterwards."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return list(connection.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True),
                                       rows).scalars())
    connection.execute(table.insert(), rows)
    last = connection.execute(select(func.max(table.c.id))).scalar_one()
    return list(range(last - len(rows) + 1, last + 1))


def _source_values(item: SourceInput, now: datetime) -> dict:
    return dict(
        file_name=item.file_name, path=item.path, sha256=item.sha256, raw_sha256=item.raw_sha256,
        page_starts=json.dumps(item.page_starts) if item.page_starts else None,
        title=item.title, outlet=item.outlet,
        url=item.url, published=item.published, published_origin=item.published_origin, language=item.language,
        encoding=item.encoding, text=item.text, size_bytes=item.size_bytes,
        ingested_at=now, extractor_version=item.extractor_version,
    )


def store_source(session: Session, item: SourceInput, claims: list[ClaimRecord], *, force: bool = False,
                 resolver: ActorResolver | None = None) -> StoreResult:
    """Store one source and its claims in the caller's transaction."""
    existing = session.execute(select(Source.id, Source.published, Source.published_origin)
                               .where(Source.sha256 == item.sha256)).one_or_none()
    if existing is not None and not force:
        count = session.execute(select(func.count(Claim.id)).where(Claim.source_id == existing.id)).scalar()
        return StoreResult("unchanged", existing.id, count)
    values = _source_values(item, datetime.now(timezone.utc))
    if existing is None:
        source_id = session.connection().execute(
            Source.__table__.insert().values(**values).returning(Source.__table__.c.id)).scalar_one()
        status = "new"
    else:
        source_id = existing.id
        if existing.published_origin == "manual" and item.published_origin != "manual":
            # a correction by hand outlives re-extraction (unless it is itself being corrected)
            values.update(published=existing.published, published_origin="manual")
        session.execute(update(Source).where(Source.id == source_id).values(**values))
        summary.mark(session, summary.claimants_of_source(session, source_id))
        session.execute(update(Claim).where(Claim.source_id == source_id).values(revised_by_id=None))
        session.execute(delete(Claim).where(Claim.source_id == source_id))
        status = "updated"
    insert_claims(session, source_id, claims, resolver or ActorResolver(session))
    return StoreResult(status, source_id, len(claims))


def insert_claims(session: Session, source_id: int, claims: list[ClaimRecord], resolver: ActorResolver) -> list[int]:
    return insert_claims_of(session, [(source_id, claims)], resolver)


def insert_claims_of(session: Session, sources: list[tuple[int, list[ClaimRecord]]],
                     resolver: ActorResolver) -> list[int]:
    """The claims of several sources in one bulk insert; revision links (indexes within a source's
    claims) become ids. Returns the new ids in order."""
    rows, owners = [], []
    for source_id, claims in sources:
        for c in claims:
            rows.append(dict(
                source_id=source_id,
                claimant_id=resolver.resolve(c.claimant) if c.claimant else None,
                via_id=resolver.resolve(c.via) if c.via else None,
                kind=c.kind, value=c.value, value_max=c.value_max, qualifier=c.qualifier, magnitude=c.magnitude,
                unit=c.unit, location=c.location, force=c.force, projection=c.projection, date_from=c.date_from,
                date_to=c.date_to, date_text=c.date_text, status=c.status, quote=c.quote, quote_start=c.start,
                quote_end=c.end, mentions=c.mentions, rule=c.rule,
            ))
        owners.append((len(rows) - len(claims), claims))
    if not rows:
        return []
    summary.mark(session, {r["claimant_id"] for r in rows if r["kind"] == "troop_count"})
    # Core, not the ORM's bulk path: this runs for every file and the ORM layer doubled its cost.
    table = Claim.__table__
    ids = insert_rows(session, table, rows)
    links = [{"claim": ids[first + i], "by": ids[first + c.revised_by]}
             for first, claims in owners for i, c in enumerate(claims)
             if c.revised_by is not None and 0 <= c.revised_by < len(claims)]
    if links:
        session.connection().execute(
            table.update().where(table.c.id == bindparam("claim")).values(revised_by_id=bindparam("by")), links)
    return ids
