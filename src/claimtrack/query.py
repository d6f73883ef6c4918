"""Filters → SELECT statements → plain row dicts. Never prints. User text only ever travels as bound parameters.

The statements themselves are built in statements.py from the *shape* of a filter (ClaimShape); this
module resolves the filter's names and values into parameters and runs the statement: through
SQLAlchemy on a Session, or on a reader.ReadSession through the driver alone (sqlite3, psycopg),
compiled once per shape.
Nothing here imports SQLAlchemy at module level, so the reading commands start without it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from claimtrack.errors import NotFound
from claimtrack.gazetteer import normalise
from claimtrack.reader import ReadSession, fetched, plain
from claimtrack.terms import CLAIM_COLUMNS, FIGURE_KEYS, fold

if TYPE_CHECKING:
    from sqlmodel import Session

    from claimtrack.models import Source

SOURCE_COLUMNS = ["id", "source", "title", "outlet", "published", "language", "sha256", "claims",
                  "encoding", "path", "url", "ingested_at", "extractor_version"]
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


@dataclass(frozen=True)
class ClaimShape:
    """What of a ClaimFilter decides the SQL (statements.claims): which filters are set, not their values."""

    actor: bool = False
    kind: bool = False
    source: bool = False
    since: bool = False
    until: bool = False
    min_value: bool = False
    max_value: bool = False
    text: bool = False
    force: bool = False
    projection: bool = False
    undated: str = "include"  # include, exclude or only
    order: str = "date"
    limit: bool = False
    claimants: int | None = None  # how many claimant ids, bound as c0, c1, …
    unattributed: bool = False  # and the unattributed claims
    compare_basis: bool = False


def claim_request(session, flt: ClaimFilter) -> tuple[ClaimShape, dict]:
    """The statement's shape and its parameters; names (actor, source) resolved now, NotFound if unknown."""
    params: dict = {}
    mode = flt.undated or ("exclude" if flt.since or flt.until else "include")
    if flt.actor:
        params["actor_id"] = find_actor_id(session, flt.actor)
    if flt.kind:
        params["kind"] = flt.kind
    claimants = None
    if flt.claimant_ids is not None:
        named = [i for i in flt.claimant_ids if i]
        claimants = len(named)
        params.update({f"c{i}": claimant_id for i, claimant_id in enumerate(named)})
    if flt.force:
        params["force"] = flt.force.casefold()
    if flt.projection is not None:
        params["projection"] = flt.projection
    if flt.source:
        params["source_id"] = find_source_id(session, flt.source)
    dated = mode != "only"  # "only" asks for the undated claims: no date bounds apply
    if dated and flt.since:
        params["since"] = flt.since
    if dated and flt.until:
        params["until"] = flt.until
    if flt.min_value is not None:
        params["min_value"] = flt.min_value
    if flt.max_value is not None:
        params["max_value"] = flt.max_value
    if flt.text:
        params["text"] = "%" + like_escaped(fold(flt.text)) + "%"
    if flt.limit:
        params["limit"] = flt.limit
    shape = ClaimShape(
        actor=bool(flt.actor), kind=bool(flt.kind), source=bool(flt.source), since=dated and bool(flt.since),
        until=dated and bool(flt.until), min_value=flt.min_value is not None, max_value=flt.max_value is not None,
        text=bool(flt.text), force=bool(flt.force), projection=flt.projection is not None, undated=mode,
        order=flt.order, limit=bool(flt.limit), claimants=claimants,
        unattributed=flt.claimant_ids is not None and 0 in flt.claimant_ids, compare_basis=flt.in_compare_basis)
    return shape, params


def like_escaped(text: str) -> str:
    """Text matched literally inside a LIKE pattern (escape character statements.ESCAPE)."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def run(session, builder: str, args: tuple = (), params: dict | None = None, size: int = 5000) -> Iterator[list[tuple]]:
    """The rows of statements.<builder>(*args) with `params` bound, in batches of plain tuples.

    On a ReadSession the statement is compiled once for its builder and arguments (the shape: values
    are only ever parameters) and kept; on a Session it is built and compiled by SQLAlchemy each time."""
    params = params or {}
    if isinstance(session, ReadSession):
        return session.batches(f"{builder}{args!r}", lambda: _build(builder, args), params, size)
    return raw_batches(session, _build(builder, args), size, params)


def _build(builder: str, args: tuple):
    from claimtrack import statements

    return getattr(statements, builder)(*args)


def first_value(session, builder: str, args: tuple = (), params: dict | None = None):
    """The first column of the first row of run(), or None."""
    for batch in run(session, builder, args, params, size=1):
        return batch[0][0]
    return None


def all_rows(session, builder: str, args: tuple = (), params: dict | None = None) -> list[tuple]:
    """Every row of run()."""
    return [row for batch in run(session, builder, args, params) for row in batch]


def _as_id(text: str) -> int | None:
    """A name that is an id: digits, and small enough for an INTEGER column."""
    if text.isdecimal():  # not isdigit: "²" is a digit int() cannot read
        number = int(text)
        if number < 2**63:
            return number
    return None


def find_actor_id(session, name: str, exact: bool = False) -> int:
    """An actor by id, canonical name or any alias (case-insensitive, punctuation and hyphens ignored);
    NotFound otherwise. `exact`: for changes that cannot be undone (a merge), only the id or a name
    exactly as stored, up to case and spacing."""
    number = _as_id(name)
    if number is not None:
        found = first_value(session, "actor_by_id", (), {"id": number})
        if found is not None:
            return found
    if exact:
        key = fold(" ".join(name.split()))
        actor_id = first_value(session, "actor_by_exact_alias", (), {"key": key}) or \
            first_value(session, "actor_by_exact_name", (), {"key": key})
        if actor_id is None:
            raise NotFound(f"no actor named exactly {name!r}{_did_you_mean(session, name)} "
                           "(merging needs an exact name or the id)")
        return actor_id
    actor_id = first_value(session, "actor_by_alias", (), {"key": normalise(name)})
    if actor_id is None:
        actor_id = first_value(session, "actor_by_lower_name", (), {"name": name.lower()})
    if actor_id is None:
        raise NotFound(f"no actor named {name!r}{_did_you_mean(session, name)}")
    return actor_id


def _did_you_mean(session, name: str) -> str:
    """'; did you mean 'NIS'?' from the closest aliases, else a pointer to the list."""
    import difflib

    names = {alias: canonical for alias, canonical in all_rows(session, "alias_names")}
    names |= {canonical: canonical for (canonical,) in all_rows(session, "actor_names")}
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


def find_source_id(session, ref: str) -> int:
    """A source by id, file name, path or sha256 prefix; NotFound otherwise."""
    number = _as_id(ref)
    if number is not None:
        found = first_value(session, "source_by_id", (), {"id": number})
        if found is not None:
            return found
    by_prefix = len(ref) >= 8
    params = {"ref": ref, **({"prefix": like_escaped(ref) + "%"} if by_prefix else {})}
    found = [row[0] for row in all_rows(session, "source_by_ref", (by_prefix,), params)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise NotFound(f"{ref!r} names more than one source; use its id")
    raise NotFound(f"no source {ref!r} (try: claimtrack sources)")


def find_source(session: Session, ref: str) -> Source:
    """The Source (an ORM object: a Session, not a ReadSession) by id, file name, path or sha256 prefix."""
    from claimtrack.models import Source

    return session.get(Source, find_source_id(session, ref))


def check_filter(session, flt: ClaimFilter) -> None:
    """Resolve the names a filter gives (actor, source) now: NotFound before any output is opened."""
    if flt.actor:
        find_actor_id(session, flt.actor)
    if flt.source:
        find_source_id(session, flt.source)


ALIAS_CHUNK = 512  # actors per lookup


def padded(ids: list[int], prefix: str) -> tuple[int, dict]:
    """ids as parameters prefix0, prefix1, … of an IN list padded to a power of two with its last id (the
    same id again changes nothing), so that a few compiled statements serve every length; (width, params)."""
    width = 1 << (len(ids) - 1).bit_length()
    ids = ids + ids[-1:] * (width - len(ids))
    return width, {f"{prefix}{k}": value for k, value in enumerate(ids)}


def aliases_by_actor(session, actor_ids: set[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    ids = sorted(actor_ids)
    for i in range(0, len(ids), ALIAS_CHUNK):
        width, params = padded(ids[i:i + ALIAS_CHUNK], "a")
        for actor_id, alias, canonical in all_rows(session, "aliases_of", (width,), params):
            if alias != canonical:
                result[actor_id].append(alias)
    return result


def source_rows(session: Session, limit: int | None = None) -> Iterator[dict]:
    """Sources with their claim counts (a Session: SQLAlchemy turns the stored dates into date objects)."""
    stmt = _build("source_list", (bool(limit),)).params(**({"limit": limit} if limit else {}))
    for row in session.execute(stmt):
        yield dict(zip(SOURCE_COLUMNS, row))


def claim_statement(session: Session, flt: ClaimFilter):
    """The SQLAlchemy statement of a filter, its values bound (for a plan or a test to look at)."""
    shape, params = claim_request(session, flt)
    return _build("claims", (shape,)).params(**params)


def count_claims(session, flt: ClaimFilter) -> int:
    """How many claims the filter selects, ignoring its limit."""
    shape, params = claim_request(session, replace(flt, order="id", limit=None))
    return first_value(session, "claim_count", (shape,), params)


def undated_left_out(session, flt: ClaimFilter) -> int:
    """How many claims the filter leaves out only because they have no date (0 unless it does)."""
    mode = flt.undated or ("exclude" if flt.since or flt.until else "include")
    if mode != "exclude":
        return 0
    return count_claims(session, replace(flt, undated="only"))


def raw_batches(session: Session, stmt, size: int, params: dict | None = None) -> Iterator[list[tuple]]:
    """Run a statement (with `params` for its named bind parameters) on the DB-API cursor and yield plain
    tuples in batches.

    SQLAlchemy's result processing (turning stored dates back into `date` objects, row objects) costs
    more than the query when a million rows stream out; exports want the stored ISO strings anyway.
    """
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect)
    state = compiled.construct_expanded_state(params or {})  # IN lists written out
    values = {key: plain(value) for key, value in state.parameters.items()}
    args = tuple(values[name] for name in state.positiontup) if compiled.positional else values
    # the driver's own cursor on the session's connection (same transaction): SQLAlchemy's result
    # wrapper made a row object of every tuple, ~1.3 s of a million-row export
    yield from fetched(connection.connection.dbapi_connection.cursor(), state.statement, args, size)


def claim_csv_lines(session, flt: ClaimFilter, raw: bool = False) -> Iterator[list[tuple]] | None:
    """Claims as finished CSV lines (without line ends), in batches of 1-tuples: SQLite quotes each cell as
    the csv module would (excel dialect), neutralises formulas unless `raw`, and joins a row's cells, so
    that no Python object is made per cell (fetching 24 cells a row and writerows were ~2/3 of a
    million-row export). The caller still shows control characters (export.write_csv_lines). None on
    other databases and where a text holds a NUL: use claim_rows."""
    if dialect_name(session) != "sqlite" or first_value(session, "nul_in_csv_text") is not None:
        return None  # SQLite's printf and GLOB stop at a NUL: such a database goes to the portable writer
    shape, params = claim_request(session, flt)
    return run(session, "claim_csv_lines", (shape, raw), params, 10_000)


def dialect_name(session) -> str:
    return session.dialect if isinstance(session, ReadSession) else session.get_bind().dialect.name


_ROW_KEYS = ["id", "source", "claimant", "claimant_id", "via", "kind", "value", "value_max", "qualifier", "magnitude",
             "unit", "location", "force", "projection", "date_from", "date_to", "date_text", "status", "revised_by",
             "quote", "start", "end",
             "mentions", "published"]


def claim_rows(session, flt: ClaimFilter | None = None, batch: int = 5000) -> Iterator[dict]:
    """Claims in the export format of FORMAT.md (plus mentions and the source's published date), streamed."""
    shape, params = claim_request(session, flt or ClaimFilter())
    alias_cache: dict[int, list[str]] = {}
    for rows in run(session, "claims", (shape,), params, batch):
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


def figure_rows(session, flt: ClaimFilter) -> list[dict]:
    """What `who`, `compare` and the charts aggregate (no aliases, no sort): cheaper than claim_rows.
    Dates as the database hands them (ISO text on SQLite; compare.day reads both)."""
    shape, params = claim_request(session, replace(flt, order="id", limit=None))
    return [dict(zip(FIGURE_KEYS, row)) for batch in run(session, "figures", (shape,), params) for row in batch]


def actor_rows(session: Session, name: str | None = None, limit: int | None = None) -> Iterator[dict]:
    params = {"actor_id": find_actor_id(session, name)} if name else {}
    if limit:
        params["limit"] = limit
    rows = session.execute(_build("actor_list", (bool(name), bool(limit))).params(**params)).all()
    aliases = aliases_by_actor(session, {row[0] for row in rows})
    for actor_id, actor_name, kind, description, origin, n_claims, n_sources in rows:
        yield {"id": actor_id, "name": actor_name, "type": kind, "description": description,
               "aliases": aliases.get(actor_id, []), "claims": n_claims, "sources": n_sources, "origin": origin}


__all__ = ["ClaimFilter", "claim_rows", "source_rows", "actor_rows", "find_actor_id", "find_source",
           "CLAIM_COLUMNS", "FIGURE_KEYS", "SOURCE_COLUMNS", "ACTOR_COLUMNS"]
