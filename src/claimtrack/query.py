"""Filters → SELECT statements → plain row dicts. Never prints. User text only ever travels as bound parameters."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, literal, or_, select  # noqa: F401
from sqlalchemy.orm import aliased
from sqlmodel import Session

from claimtrack.errors import NotFound
from claimtrack.gazetteer import normalise
from claimtrack.models import Actor, Alias, Claim, CompareRow, Source, SummaryMark, fold, folded

SOURCE_COLUMNS = ["id", "source", "title", "outlet", "published", "language", "sha256", "claims",
                  "encoding", "path", "url", "ingested_at", "extractor_version"]
CLAIM_COLUMNS = ["id", "source", "claimant", "claimant_aliases", "via", "kind", "value", "value_max", "qualifier",
                 "magnitude", "unit", "location", "force", "projection", "date_from", "date_to", "date_text", "status",
                 "revised_by", "quote", "start", "end", "mentions", "published"]
ACTOR_COLUMNS = ["id", "name", "type", "description", "aliases", "claims", "sources", "origin"]


@dataclass
class ClaimFilter:
    actor: str | None = None
    kind: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    min_value: int | None = None
    max_value: int | None = None
    text: str | None = None
    force: str | None = None  # whose troops, case-insensitive
    projection: bool | None = None  # True: forecasts only, False: none of them
    undated: str | None = None  # include, exclude or only; None: exclude when since/until is given
    limit: int | None = None
    claimant_ids: tuple[int, ...] | None = None  # these claimants only (0: unattributed claims)
    in_compare_basis: bool = False  # only claims in compare_row, of claimants not marked since (summary.py)
    order: str = "date"  # date (for reading), timeline (own dates, undated by article) or id (exports: no sort)


def find_actor_id(session: Session, name: str, exact: bool = False) -> int:
    """An actor by id, canonical name or any alias (case-insensitive, punctuation and hyphens ignored);
    NotFound otherwise. `exact`: for changes that cannot be undone (a merge), only the id or a name
    exactly as stored, up to case and spacing."""
    if name.isdigit():
        found = session.get(Actor, int(name))
        if found:
            return found.id
    if exact:
        key = fold(" ".join(name.split()))
        actor_id = session.execute(select(Alias.actor_id).where(folded(Alias.name) == key)).scalar() or \
            session.execute(select(Actor.id).where(folded(Actor.name) == key)).scalar()
        if actor_id is None:
            raise NotFound(f"no actor named exactly {name!r}{_did_you_mean(session, name)} "
                           "(merging needs an exact name or the id)")
        return actor_id
    key = normalise(name)
    actor_id = session.execute(select(Alias.actor_id).where(Alias.normalised == key)).scalar()
    if actor_id is None:
        actor_id = session.execute(select(Actor.id).where(func.lower(Actor.name) == name.lower())).scalar()
    if actor_id is None:
        raise NotFound(f"no actor named {name!r}{_did_you_mean(session, name)}")
    return actor_id


def _did_you_mean(session: Session, name: str) -> str:
    """'; did you mean 'NIS'?' from the closest aliases, else a pointer to the list."""
    import difflib

    names = {alias: canonical for alias, canonical in session.execute(
        select(Alias.name, Actor.name).join(Actor, Actor.id == Alias.actor_id))}
    names |= {canonical: canonical for canonical in session.execute(select(Actor.name)).scalars()}
    by_key = {normalise(n): n for n in names}
    key = normalise(name)
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in
                     difflib.get_close_matches(key, list(by_key), n=6, cutoff=0.6)), reverse=True)
    best = scored[0][0] if scored else 0
    # the alias as written, with its actor when that is another name: 'NSC' (Weißes Haus)
    suggestions = list(dict.fromkeys(
        repr(by_key[k]) + (f" ({names[by_key[k]]})" if names[by_key[k]] != by_key[k] else "")
        for ratio, k in scored if ratio >= best - 0.1))[:3]
    if not suggestions:
        return " (try: claimtrack actors)"
    return "; did you mean " + " or ".join(suggestions) + "?"


def find_source(session: Session, ref: str) -> Source:
    """A source by id, file name, path or sha256 prefix; NotFound otherwise."""
    query = select(Source)
    if ref.isdigit():
        found = session.get(Source, int(ref))
        if found:
            return found
    conditions = [Source.file_name == ref, Source.path == ref]
    if len(ref) >= 8:
        conditions.append(Source.sha256.startswith(ref, autoescape=True))
    found = session.execute(query.where(or_(*conditions)).limit(2)).scalars().all()
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise NotFound(f"{ref!r} names more than one source; use its id")
    raise NotFound(f"no source {ref!r} (try: claimtrack sources)")


def check_filter(session: Session, flt: ClaimFilter) -> None:
    """Resolve the names a filter gives (actor, source) now: NotFound before any output is opened."""
    if flt.actor:
        find_actor_id(session, flt.actor)
    if flt.source:
        find_source(session, flt.source)


def aliases_by_actor(session: Session, actor_ids: set[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    ids = list(actor_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(Alias.actor_id, Alias.name, Actor.name)
            .join(Actor, Actor.id == Alias.actor_id)
            .where(Alias.actor_id.in_(ids[i:i + 500]))
            .order_by(Alias.id)
        )
        for actor_id, alias, canonical in rows:
            if alias != canonical:
                result[actor_id].append(alias)
    return result


def source_rows(session: Session, limit: int | None = None) -> Iterator[dict]:
    counts = (select(Claim.source_id, func.count(Claim.id).label("n")).group_by(Claim.source_id).subquery())
    stmt = (select(Source.id, Source.file_name, Source.title, Source.outlet, Source.published, Source.language,
                   Source.sha256, func.coalesce(counts.c.n, 0), Source.encoding, Source.path, Source.url,
                   Source.ingested_at, Source.extractor_version)
            .outerjoin(counts, counts.c.source_id == Source.id).order_by(Source.id))
    if limit:
        stmt = stmt.limit(limit)
    for row in session.execute(stmt):
        yield dict(zip(SOURCE_COLUMNS, row))


def claim_statement(session: Session, flt: ClaimFilter):
    """Columns, not ORM objects: exports stream hundreds of thousands of rows."""
    claimant, via = aliased(Actor), aliased(Actor)
    stmt = (select(Claim.id, Source.file_name, claimant.name.label("claimant_name"), Claim.claimant_id,
                   via.name.label("via_name"), Claim.kind, Claim.value,
                   Claim.value_max, Claim.qualifier, Claim.magnitude, Claim.unit, Claim.location, Claim.force, Claim.projection,
                   Claim.date_from, Claim.date_to, Claim.date_text, Claim.status, Claim.revised_by_id, Claim.quote, Claim.quote_start,
                   Claim.quote_end, Claim.mentions, Source.published)
            .join(Source, Source.id == Claim.source_id)
            .outerjoin(claimant, claimant.id == Claim.claimant_id)
            .outerjoin(via, via.id == Claim.via_id))
    if flt.actor:
        # Two index lookups joined by UNION: with OR, SQLite scans every claim.
        actor_id = find_actor_id(session, flt.actor)
        as_claimant = select(Claim.id).where(Claim.claimant_id == actor_id)
        if flt.kind:
            as_claimant = as_claimant.where(Claim.kind == flt.kind)
        stmt = stmt.where(Claim.id.in_(as_claimant.union(select(Claim.id).where(Claim.via_id == actor_id))))
    if flt.kind:
        stmt = stmt.where(Claim.kind == flt.kind)
    if flt.claimant_ids is not None:
        named = [i for i in flt.claimant_ids if i]
        chosen = Claim.claimant_id.in_(named)
        stmt = stmt.where(or_(chosen, Claim.claimant_id.is_(None)) if 0 in flt.claimant_ids else chosen)
    if flt.in_compare_basis:
        current = select(CompareRow.claim_id).where(CompareRow.claimant_id.not_in(select(SummaryMark.claimant_id)))
        stmt = stmt.where(Claim.id.in_(current))
    if flt.force:
        stmt = stmt.where(func.lower(Claim.force) == flt.force.casefold())
    if flt.projection is not None:
        stmt = stmt.where(Claim.projection == flt.projection)
    if flt.source:
        stmt = stmt.where(Claim.source_id == find_source(session, flt.source).id)
    # an open window (restated history: on or before date_to) is placed at its end
    effective_from = func.coalesce(Claim.date_from, Claim.date_to, Source.published)
    effective_to = func.coalesce(Claim.date_to, Source.published)
    undated = effective_to.is_(None)
    mode = flt.undated or ("exclude" if flt.since or flt.until else "include")
    if mode == "only":
        stmt = stmt.where(undated)
    else:
        in_range = []
        if flt.since:
            in_range.append(effective_to >= flt.since)
        if flt.until:
            in_range.append(effective_from <= flt.until)
        if mode == "exclude":
            stmt = stmt.where(~undated, *in_range)
        elif in_range:
            stmt = stmt.where(or_(undated, and_(*in_range)))
    if flt.min_value is not None:
        stmt = stmt.where(func.coalesce(Claim.value_max, Claim.value) >= flt.min_value)
    if flt.max_value is not None:
        stmt = stmt.where(Claim.value <= flt.max_value)
    if flt.text:
        stmt = stmt.where(folded(Claim.quote).contains(fold(flt.text), autoescape=True))
    if flt.order == "id":
        stmt = stmt.order_by(Claim.id)
    elif flt.order == "timeline":
        # dated claims by their own date (an open window by its end), then the undated ones under their article
        own_undated = and_(Claim.date_from.is_(None), Claim.date_to.is_(None))
        stmt = stmt.order_by(own_undated, case((own_undated, None), else_=func.coalesce(Claim.date_from, Claim.date_to)),
                             case((own_undated, None), else_=claimant.name).nulls_first(), Source.file_name,
                             Claim.quote_start, Claim.id)
    else:
        # NULLS FIRST and the id last: the same order on SQLite and PostgreSQL (which sorts NULLs last)
        stmt = stmt.order_by(effective_from.is_(None), effective_from, claimant.name.nulls_first(), Claim.source_id,
                             Claim.quote_start, Claim.id)
    if flt.limit:
        stmt = stmt.limit(flt.limit)
    return stmt


def count_claims(session: Session, flt: ClaimFilter) -> int:
    """How many claims the filter selects, ignoring its limit."""
    stmt = claim_statement(session, ClaimFilter(**{**flt.__dict__, "order": "id", "limit": None}))
    return session.execute(select(func.count()).select_from(stmt.with_only_columns(Claim.id).subquery())).scalar_one()


def undated_left_out(session: Session, flt: ClaimFilter) -> int:
    """How many claims the filter leaves out only because they have no date (0 unless it does)."""
    mode = flt.undated or ("exclude" if flt.since or flt.until else "include")
    if mode != "exclude":
        return 0
    stmt = claim_statement(session, ClaimFilter(**{**flt.__dict__, "undated": "only", "order": "id", "limit": None}))
    return session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()


def _column(stmt, key: str):
    """A labelled column of claim_statement, to build narrower selects on the same joins and filters."""
    return next(c for c in stmt.selected_columns if c.key == key)


def raw_batches(session: Session, stmt, size: int) -> Iterator[list[tuple]]:
    """Run a statement on the DB-API cursor and yield plain tuples in batches.

    SQLAlchemy's result processing (turning stored dates back into `date` objects, row objects) costs
    more than the query when a million rows stream out; exports want the stored ISO strings anyway.
    """
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    for key, value in params.items():
        if isinstance(value, (date, datetime)):
            params[key] = value.isoformat()
    args = tuple(params[name] for name in compiled.positiontup) if compiled.positional else params
    # the driver's own cursor on the session's connection (same transaction): SQLAlchemy's result
    # wrapper made a row object of every tuple, ~1.3 s of a million-row export
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(str(compiled), args)
        while True:
            rows = cursor.fetchmany(size)
            if not rows:
                return
            yield rows
    finally:
        cursor.close()


def claim_csv_lines(session: Session, flt: ClaimFilter, raw: bool = False) -> Iterator[list[tuple]] | None:
    """Claims as finished CSV lines (without line ends), in batches of 1-tuples: SQLite quotes each cell as
    the csv module would (excel dialect), neutralises formulas unless `raw`, and joins a row's cells, so
    that no Python object is made per cell (fetching 24 cells a row and writerows were ~2/3 of a
    million-row export). The caller still shows control characters (export.write_csv_lines). None on
    other databases and where a text holds a NUL: use claim_rows."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or _holds_nul(session):
        return None
    base = claim_statement(session, flt)

    def text(column, formula=True):
        return _csv_quoted(column, formula=formula and not raw)

    # names and an actor's other names (a JSON list) quoted once per actor and source, not once per claim
    alias_json = (select(Alias.actor_id.label("actor_id"), func.json_group_array(Alias.name).label("names"))
                  .join(Actor, Actor.id == Alias.actor_id).where(Alias.name != Actor.name)
                  .group_by(Alias.actor_id).subquery())
    actor_cells = _materialized(select(Actor.id.label("id"), text(Actor.name).label("name"),
                                       _csv_quoted(func.coalesce(alias_json.c.names, "[]"), formula=False).label("aliases"))
                                .outerjoin(alias_json, alias_json.c.actor_id == Actor.id).cte("actor_cell"))
    source_cells = _materialized(select(Source.id.label("id"), text(Source.file_name).label("name"))
                                 .cte("source_cell"))
    claimant_cells, via_cells = actor_cells.alias("claimant_cell"), actor_cells.alias("via_cell")
    cells = {
        "id": Claim.id, "source": source_cells.c.name, "claimant": claimant_cells.c.name,
        "claimant_aliases": func.coalesce(claimant_cells.c.aliases, "[]"), "via": via_cells.c.name,
        "value": Claim.value, "value_max": Claim.value_max, "location": text(Claim.location),
        "projection": case((Claim.projection, literal("true")), else_=literal("false")),
        "date_from": Claim.date_from, "date_to": Claim.date_to, "date_text": text(Claim.date_text),
        "revised_by": Claim.revised_by_id, "quote": text(Claim.quote), "start": Claim.quote_start,
        "end": Claim.quote_end, "mentions": Claim.mentions, "published": Source.published,
        **{name: getattr(Claim, name) for name in CLOSED_VOCABULARY},  # the extractor's words: nothing to quote
    }
    # one printf a row (NULL prints as nothing): a chain of || copies the growing line at each cell, 2x slower
    line = func.printf(",".join(["%s"] * len(CLAIM_COLUMNS)), *[cells[c] for c in CLAIM_COLUMNS])
    stmt = (base.with_only_columns(line, maintain_column_froms=True)
            .join(source_cells, source_cells.c.id == Claim.source_id)
            .outerjoin(claimant_cells, claimant_cells.c.id == Claim.claimant_id)
            .outerjoin(via_cells, via_cells.c.id == Claim.via_id))
    return raw_batches(session, stmt, 10_000)


def _holds_nul(session: Session) -> bool:
    """Whether any text claim_csv_lines writes holds a NUL character (a UTF-16 file can bring one): SQLite's
    printf and GLOB stop at it, so such a database is exported by the portable writer instead."""
    nul = func.char(0)
    found = select(literal(1)).where(or_(*[func.instr(c, nul) > 0 for c in (Claim.quote, Claim.location, Claim.date_text)]))
    found = found.union_all(select(literal(1)).where(func.instr(Actor.name, nul) > 0),
                            select(literal(1)).where(func.instr(Source.file_name, nul) > 0))
    return session.execute(select(literal(1)).where(found.exists())).first() is not None


def _materialized(cte):
    """The CTE computed once (SQLite 3.35+ knows the hint; older versions may compute it per use, slower)."""
    return cte.prefix_with("MATERIALIZED") if sqlite3.sqlite_version_info >= (3, 35) else cte


def _csv_quoted(column, *, formula: bool):
    """The text as csv.writer (QUOTE_MINIMAL) writes it: in double quotes, inner ones doubled, when it holds
    a comma, a quote or a line break; behind a ' when a spreadsheet would run it as a formula (`formula`)."""
    body = column
    if formula:
        body = case((func.substr(column, 1, 1).in_(FORMULA_FIRST), literal("'")), else_=literal("")) + column
    special = column.op("GLOB")(literal('*[",\n\r]*'))
    # NULL first: most claims have no place or date words, and the tests below cost more on NULL
    return case((column.is_(None), None), (special, literal('"') + func.replace(body, '"', '""') + literal('"')),
                else_=body)


FORMULA_FIRST = ["=", "+", "-", "@", "\t", "\r", "\n"]
# Columns whose values are the extractor's own words (tests/test_safety.py: none starts a formula or holds
# a comma, quote or control character, and every stored value is one of them): claim_csv_lines quotes and
# neutralises only free text; the checks cost ~1.8 s and ~1.1 s a million rows on these columns too.
CLOSED_VOCABULARY = ("kind", "qualifier", "magnitude", "unit", "status", "force")


_ROW_KEYS = ["id", "source", "claimant", "claimant_id", "via", "kind", "value", "value_max", "qualifier", "magnitude",
             "unit", "location", "force", "projection", "date_from", "date_to", "date_text", "status", "revised_by",
             "quote", "start", "end",
             "mentions", "published"]


def claim_rows(session: Session, flt: ClaimFilter | None = None, batch: int = 5000) -> Iterator[dict]:
    """Claims in the export format of FORMAT.md (plus mentions and the source's published date), streamed."""
    flt = flt or ClaimFilter()
    alias_cache: dict[int, list[str]] = {}
    for rows in raw_batches(session, claim_statement(session, flt), batch):
        missing = {r[3] for r in rows if r[3] and r[3] not in alias_cache}
        if missing:
            alias_cache.update({i: [] for i in missing})
            alias_cache.update(aliases_by_actor(session, missing))
        for row in rows:
            item = dict(zip(_ROW_KEYS, row))
            claimant_id = item.pop("claimant_id")
            item["claimant_aliases"] = alias_cache.get(claimant_id, []) if claimant_id else []
            item["projection"] = bool(item["projection"])  # SQLite hands back 0/1
            yield {key: item[key] for key in CLAIM_COLUMNS}


FIGURE_KEYS = ["id", "source", "claimant", "via", "kind", "value", "value_max", "qualifier", "magnitude", "unit",
               "location", "force", "projection", "date_from", "date_to", "date_text", "status", "revised_by",
               "published", "outlet", "quote"]


def figure_rows(session: Session, flt: ClaimFilter) -> list[dict]:
    """What `who`, `compare` and the charts aggregate (no aliases, no sort): cheaper than claim_rows."""
    full = claim_statement(session, ClaimFilter(**{**flt.__dict__, "order": "id", "limit": None}))
    columns = {"id": Claim.id, "source": Source.file_name, "claimant": _column(full, "claimant_name"),
               "via": _column(full, "via_name"), "kind": Claim.kind, "value": Claim.value,
               "value_max": Claim.value_max, "qualifier": Claim.qualifier, "magnitude": Claim.magnitude,
               "unit": Claim.unit, "location": Claim.location, "force": Claim.force, "projection": Claim.projection,
               "date_from": Claim.date_from, "date_to": Claim.date_to, "date_text": Claim.date_text,
               "status": Claim.status, "revised_by": Claim.revised_by_id, "published": Source.published,
               "outlet": Source.outlet, "quote": Claim.quote}
    stmt = full.with_only_columns(*[columns[k] for k in FIGURE_KEYS], maintain_column_froms=True).order_by(None)
    # the driver's tuples (dates as the database hands them: ISO text on SQLite, compare.day reads both):
    # SQLAlchemy's row processing was half of reading compare's 32,616 rows
    return [dict(zip(FIGURE_KEYS, row)) for batch in raw_batches(session, stmt, 5000) for row in batch]


def actor_rows(session: Session, name: str | None = None, limit: int | None = None) -> Iterator[dict]:
    counts = select(Claim.claimant_id.label("actor_id"), func.count(Claim.id).label("n"),
                    func.count(func.distinct(Claim.source_id)).label("s"))
    actor_id = find_actor_id(session, name) if name else None
    if actor_id is not None:
        counts = counts.where(Claim.claimant_id == actor_id)  # one actor: count only its claims (index)
    claims = counts.group_by(Claim.claimant_id).subquery()
    stmt = (select(Actor, func.coalesce(claims.c.n, 0), func.coalesce(claims.c.s, 0))
            .outerjoin(claims, claims.c.actor_id == Actor.id)
            .order_by(func.coalesce(claims.c.n, 0).desc(), Actor.name))
    if actor_id is not None:
        stmt = stmt.where(Actor.id == actor_id)
    if limit:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    aliases = aliases_by_actor(session, {actor.id for actor, _, _ in rows})
    for actor, n_claims, n_sources in rows:
        yield {"id": actor.id, "name": actor.name, "type": actor.type, "description": actor.description,
               "aliases": aliases.get(actor.id, []), "claims": n_claims, "sources": n_sources, "origin": actor.origin}


__all__ = ["ClaimFilter", "claim_rows", "source_rows", "actor_rows", "find_actor_id", "find_source",
           "CLAIM_COLUMNS", "SOURCE_COLUMNS", "ACTOR_COLUMNS"]
