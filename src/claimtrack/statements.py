"""Every SELECT the reading commands run, as SQLAlchemy builds it: the one place their SQL is written.

A builder takes the *shape* of a request (which filters are set, the order, whether there is a limit:
query.ClaimShape), never its values: those are bound parameters named here (`bindparam("actor_id")`)
and supplied by query.py at each run. So one compiled statement serves every request of its shape,
and reader.StatementCache may keep it across runs. Builders import nothing of claimtrack but the
tables (models) and the vocabularies (terms): reader.SQL_SOURCES fingerprints exactly these files.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Date, Integer, and_, bindparam, case, func, literal, or_, select, true
from sqlalchemy.orm import aliased

from claimtrack.models import Actor, Alias, Claim, CompareRow, Source, SummaryMark, WhoFigure, folded
from claimtrack.terms import CLAIM_COLUMNS, CLOSED_VOCABULARY, FIGURE_KEYS, FORMULA_FIRST

ESCAPE = "/"  # LIKE's escape character in the patterns query.like_pattern makes


def actor_by_id():
    return select(Actor.id).where(Actor.id == bindparam("id"))


def actor_by_alias():
    return select(Alias.actor_id).where(Alias.normalised == bindparam("key"))


def actor_by_lower_name():
    return select(Actor.id).where(func.lower(Actor.name) == bindparam("name"))


def actor_by_exact_alias():
    return select(Alias.actor_id).where(folded(Alias.name) == bindparam("key"))


def actor_by_exact_name():
    return select(Actor.id).where(folded(Actor.name) == bindparam("key"))


def alias_names():
    return select(Alias.name, Actor.name).join(Actor, Actor.id == Alias.actor_id)


def actor_names():
    return select(Actor.name)


def source_by_id():
    return select(Source.id).where(Source.id == bindparam("id"))


def source_by_ref(by_prefix: bool):
    conditions = [Source.file_name == bindparam("ref"), Source.path == bindparam("ref")]
    if by_prefix:
        conditions.append(Source.sha256.like(bindparam("prefix"), escape=ESCAPE))
    return select(Source.id).where(or_(*conditions)).limit(2)


def source_list(limited: bool):
    counts = select(Claim.source_id, func.count(Claim.id).label("n")).group_by(Claim.source_id).subquery()
    stmt = (select(Source.id, Source.file_name, Source.title, Source.outlet, Source.published, Source.language,
                   Source.sha256, func.coalesce(counts.c.n, 0), Source.encoding, Source.path, Source.url,
                   Source.ingested_at, Source.extractor_version)
            .outerjoin(counts, counts.c.source_id == Source.id).order_by(Source.id))
    return stmt.limit(bindparam("limit", type_=Integer)) if limited else stmt


def actor_list(one: bool, limited: bool):
    """Actors with their claims and sources counted, most claims first; `one`: the actor actor_id only."""
    counts = select(Claim.claimant_id.label("actor_id"), func.count(Claim.id).label("n"),
                    func.count(func.distinct(Claim.source_id)).label("s"))
    if one:
        counts = counts.where(Claim.claimant_id == bindparam("actor_id"))  # count only its claims (index)
    claims = counts.group_by(Claim.claimant_id).subquery()
    stmt = (select(Actor.id, Actor.name, Actor.type, Actor.description, Actor.origin,
                   func.coalesce(claims.c.n, 0), func.coalesce(claims.c.s, 0))
            .outerjoin(claims, claims.c.actor_id == Actor.id)
            .order_by(func.coalesce(claims.c.n, 0).desc(), Actor.name))
    if one:
        stmt = stmt.where(Actor.id == bindparam("actor_id"))
    return stmt.limit(bindparam("limit", type_=Integer)) if limited else stmt


def aliases_of(count: int):
    """The aliases of `count` actors (bound as a0, a1, …), with each actor's canonical name."""
    return (select(Alias.actor_id, Alias.name, Actor.name).join(Actor, Actor.id == Alias.actor_id)
            .where(Alias.actor_id.in_([bindparam(f"a{i}") for i in range(count)])).order_by(Alias.id))


def marked_claimants():
    return select(SummaryMark.claimant_id)


def troop_counts(count: int):
    """Troop counts per claimant, of `count` claimants (bound as c0, c1, …)."""
    return (select(Claim.claimant_id, func.count())
            .where(Claim.kind == "troop_count", Claim.claimant_id.in_([bindparam(f"c{i}") for i in range(count)]))
            .group_by(Claim.claimant_id))


def unattributed_troop_count():
    return select(func.count()).where(Claim.kind == "troop_count", Claim.claimant_id.is_(None))


def claim_figures(count: int):
    """The figures of `count` claims (bound as c0, c1, …)."""
    return (select(Claim.id, Claim.value, Claim.value_max, Claim.qualifier, Claim.magnitude)
            .where(Claim.id.in_([bindparam(f"c{i}") for i in range(count)])))


def who_rows(columns: tuple[str, ...], by_force: bool):
    """who_figure's `columns`, then claimant_id, sort_rank and sort_day; `by_force`: of the force bound."""
    table = WhoFigure.__table__
    stmt = select(*[table.c[key] for key in columns], table.c.claimant_id, table.c.sort_rank, table.c.sort_day)
    return stmt.where(func.lower(table.c.force) == bindparam("force")) if by_force else stmt


def who_lines(by_force: bool, roles: int):
    """who_figure's stored JSON lines of `roles` roles (bound as r0, r1, …) in who_view's order, with
    what merging them with other rows needs."""
    table = WhoFigure.__table__
    stmt = select(table.c.sort_rank, table.c.sort_day, table.c.claimant, table.c.source, table.c.figure,
                  table.c.id, table.c.claimant_id, table.c.line).where(
        table.c.role.in_([bindparam(f"r{i}") for i in range(roles)]))
    if by_force:
        stmt = stmt.where(func.lower(table.c.force) == bindparam("force"))
    # ties keep who_groups' order: stored rows by id, then the marked claimants' rows
    return stmt.order_by(table.c.sort_rank, table.c.sort_day, table.c.claimant, table.c.source, table.c.figure,
                         table.c.id)


def claims(shape):
    """The claims a filter of this shape selects, columns not ORM objects (exports stream hundreds of
    thousands of rows). Parameters: actor_id, kind, claimant ids c0…, force (casefolded), projection,
    source_id, since, until, min_value, max_value, text (a LIKE pattern), limit."""
    stmt, claimant = _claim_select()
    if shape.actor:
        # Two index lookups joined by UNION: with OR, SQLite scans every claim.
        as_claimant = select(Claim.id).where(Claim.claimant_id == bindparam("actor_id"))
        if shape.kind:
            as_claimant = as_claimant.where(Claim.kind == bindparam("kind"))
        as_via = select(Claim.id).where(Claim.via_id == bindparam("actor_id"))
        stmt = stmt.where(Claim.id.in_(as_claimant.union(as_via)))
    if shape.kind:
        stmt = stmt.where(Claim.kind == bindparam("kind"))
    if shape.claimants is not None:
        chosen = Claim.claimant_id.in_([bindparam(f"c{i}") for i in range(shape.claimants)])
        stmt = stmt.where(or_(chosen, Claim.claimant_id.is_(None)) if shape.unattributed else chosen)
    if shape.compare_basis:
        current = select(CompareRow.claim_id).where(CompareRow.claimant_id.not_in(select(SummaryMark.claimant_id)))
        stmt = stmt.where(Claim.id.in_(current))
    if shape.force:
        stmt = stmt.where(func.lower(Claim.force) == bindparam("force"))
    if shape.projection:
        stmt = stmt.where(Claim.projection == bindparam("projection"))
    if shape.source:
        stmt = stmt.where(Claim.source_id == bindparam("source_id"))
    # an open window (restated history: on or before date_to) is placed at its end
    effective_from = func.coalesce(Claim.date_from, Claim.date_to, Source.published)
    effective_to = func.coalesce(Claim.date_to, Source.published)
    undated = effective_to.is_(None)
    if shape.undated == "only":
        stmt = stmt.where(undated)
    else:
        in_range = []
        if shape.since:
            in_range.append(effective_to >= bindparam("since", type_=Date))
        if shape.until:
            in_range.append(effective_from <= bindparam("until", type_=Date))
        if shape.undated == "exclude":
            stmt = stmt.where(~undated, *in_range)
        elif in_range:
            stmt = stmt.where(or_(undated, and_(*in_range)))
    if shape.min_value:
        stmt = stmt.where(func.coalesce(Claim.value_max, Claim.value) >= bindparam("min_value"))
    if shape.max_value:
        stmt = stmt.where(Claim.value <= bindparam("max_value"))
    if shape.text:
        stmt = stmt.where(folded(Claim.quote).like(bindparam("text"), escape=ESCAPE))
    if shape.order == "id":
        stmt = stmt.order_by(Claim.id)
    elif shape.order == "timeline":
        # dated claims by their own date (an open window by its end), then the undated ones under their article
        own_undated = and_(Claim.date_from.is_(None), Claim.date_to.is_(None))
        stmt = stmt.order_by(own_undated, case((own_undated, None), else_=func.coalesce(Claim.date_from, Claim.date_to)),
                             case((own_undated, None), else_=claimant.name).nulls_first(), Source.file_name,
                             Claim.quote_start, Claim.id)
    else:
        # NULLS FIRST and the id last: the same order on SQLite and PostgreSQL (which sorts NULLs last)
        stmt = stmt.order_by(effective_from.is_(None), effective_from, claimant.name.nulls_first(), Claim.source_id,
                             Claim.quote_start, Claim.id)
    if shape.limit:
        stmt = stmt.limit(bindparam("limit", type_=Integer))
    return stmt


def _claim_select():
    """Every claim with its source's and actors' columns, unfiltered (claims() adds the filters), and
    the claimant's table (an alias of actor)."""
    claimant, via = aliased(Actor), aliased(Actor)
    return (select(Claim.id, Source.file_name, claimant.name.label("claimant_name"), Claim.claimant_id,
                   via.name.label("via_name"), Claim.kind, Claim.value,
                   Claim.value_max, Claim.qualifier, Claim.magnitude, Claim.unit, Claim.location, Claim.force,
                   Claim.projection, Claim.date_from, Claim.date_to, Claim.date_text, Claim.status,
                   Claim.revised_by_id, Claim.quote, Claim.quote_start, Claim.quote_end, Claim.mentions,
                   Source.published)
            .join(Source, Source.id == Claim.source_id)
            .outerjoin(claimant, claimant.id == Claim.claimant_id)
            .outerjoin(via, via.id == Claim.via_id)), claimant


def claim_count(shape):
    """How many claims `claims(shape)` selects (give it a shape without limit or order)."""
    return select(func.count()).select_from(claims(shape).with_only_columns(Claim.id).subquery())


def _column(stmt, key: str):
    """A labelled column of claims(), to build narrower selects on the same joins and filters."""
    return next(c for c in stmt.selected_columns if c.key == key)


def figures(shape):
    """What `who`, `compare` and the charts aggregate (FIGURE_KEYS; no aliases, no sort)."""
    return _figures_of(claims(shape))


def _figures_of(full):
    """figures()' columns of a claims() or _claim_select() statement, on its joins and filters."""
    columns = {"id": Claim.id, "source": Source.file_name, "claimant": _column(full, "claimant_name"),
               "via": _column(full, "via_name"), "kind": Claim.kind, "value": Claim.value,
               "value_max": Claim.value_max, "qualifier": Claim.qualifier, "magnitude": Claim.magnitude,
               "unit": Claim.unit, "location": Claim.location, "force": Claim.force, "projection": Claim.projection,
               "date_from": Claim.date_from, "date_to": Claim.date_to, "date_text": Claim.date_text,
               "status": Claim.status, "revised_by": Claim.revised_by_id, "published": Source.published,
               "outlet": Source.outlet, "quote": Claim.quote}
    return full.with_only_columns(*[columns[k] for k in FIGURE_KEYS], maintain_column_froms=True).order_by(None)


def compare_shown(by_force: bool):
    """The claims compare shows as they are (compare_row.shown), as figures() gives them, with their
    parts: latest, spread, loose; `by_force`: of the force bound (casefolded)."""
    stmt = (_figures_of(_claim_select()[0]).join(CompareRow, CompareRow.claim_id == Claim.id)
            .add_columns(CompareRow.latest, CompareRow.spread, CompareRow.loose).where(CompareRow.shown == true()))
    if by_force:
        stmt = stmt.where(func.lower(Claim.force) == bindparam("force"))
    return stmt.order_by(Claim.id)


def compare_facts(in_month: bool):
    """A force's facts (compare_row.fact; force_key bound) as figures() gives them, by (date_from, id)
    after the one bound (lo, after), at most `limit`; `in_month`: of the month bound only."""
    stmt = (_figures_of(_claim_select()[0]).join(CompareRow, CompareRow.claim_id == Claim.id)
            .where(CompareRow.fact == true(), CompareRow.force_key == bindparam("force_key")))
    if in_month:
        stmt = stmt.where(CompareRow.month == bindparam("month"))
    lo = bindparam("lo", type_=Date)
    # the range on date_from alone, which an index reads; the id only breaks the tie at its start
    stmt = stmt.where(CompareRow.date_from >= lo,
                      or_(CompareRow.date_from > lo, CompareRow.claim_id > bindparam("after")))
    return stmt.order_by(CompareRow.date_from, CompareRow.claim_id).limit(bindparam("limit", type_=Integer))


def claim_csv_lines(shape, raw: bool):
    """Claims as finished CSV lines (SQLite only): each cell quoted as the csv module would (excel
    dialect), formulas neutralised unless `raw`, a row's cells joined by one printf."""
    base = claims(shape)

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
    return (base.with_only_columns(line, maintain_column_froms=True)
            .join(source_cells, source_cells.c.id == Claim.source_id)
            .outerjoin(claimant_cells, claimant_cells.c.id == Claim.claimant_id)
            .outerjoin(via_cells, via_cells.c.id == Claim.via_id))


def nul_in_csv_text():
    """A row if any text claim_csv_lines writes holds a NUL character (a UTF-16 file can bring one):
    SQLite's printf and GLOB stop at it."""
    nul = func.char(0)
    found = select(literal(1)).where(or_(*[func.instr(c, nul) > 0 for c in (Claim.quote, Claim.location, Claim.date_text)]))
    found = found.union_all(select(literal(1)).where(func.instr(Actor.name, nul) > 0),
                            select(literal(1)).where(func.instr(Source.file_name, nul) > 0))
    return select(literal(1)).where(found.exists())


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


def compile_for(dialect_name: str, stmt, params: dict) -> tuple[str, list]:
    """The statement as `dialect_name` (sqlite, postgresql) runs it through its driver: its SQL and, per
    parameter ([name, bound, constant]; in order for SQLite's `?`), whether it is taken from the run's
    parameters by name, else the constant the builder wrote (a literal)."""
    if dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite.pysqlite import dialect
    else:
        from sqlalchemy.dialects.postgresql.psycopg import dialect
    compiled = stmt.compile(dialect=dialect())
    state = compiled.construct_expanded_state(params)  # IN lists written out
    values = state.parameters
    names = state.positiontup if compiled.positional else list(values)
    return state.statement, [[name, name in params, None if name in params else values[name]] for name in names]
