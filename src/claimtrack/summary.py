"""`who` and `compare` kept at ingest: one stored row per claimant and figure (compare.who_groups), so
that `who` over every claim reads a few thousand rows instead of aggregating a million claims, and the
claims `compare` needs with the parts they are in (compare.compare_flags), so that `compare` reads
what it shows and, month by month, only as many facts as the month's contradictions need.

Writers mark the claimants whose claims they change (`mark`, in their own transaction) and `refresh`
recomputes the marked claimants' rows and clears their marks. A reader takes the stored rows of
unmarked claimants and takes the marked ones from all their claims (`who_groups`, `compare_rows`), so
it is right at any moment: a killed ingest leaves marks, never wrong rows. Storage only: no parsing in here.

The readers run on a Session or a reader.ReadSession (their statements are in statements.py); the
writers need a Session, and import SQLAlchemy where they run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import count
from typing import TYPE_CHECKING

from claimtrack import compare as views
from claimtrack import export
from claimtrack.query import ClaimFilter, all_rows, dialect_name, figure_rows, padded, run
from claimtrack.terms import FIGURE_KEYS

if TYPE_CHECKING:
    from sqlmodel import Session

UNATTRIBUTED_ID = 0  # who_figure and summary_mark keep unattributed claims under 0 (no actor has it)
CHUNK = 512  # ids per IN (...) list (a shorter list is padded to a power of two: query.padded)
CLAIMS_AT_ONCE = 5_000  # claims aggregated together: memory stays flat however large the database
FIRST_FACTS, CHUNK_OF_FACTS = 64, 4096  # facts read at once: the first page, the largest
ID_AT, DATE_FROM_AT = FIGURE_KEYS.index("id"), FIGURE_KEYS.index("date_from")
# who_figure's columns that hold who_groups' values, in table order (tests/test_summary.py checks them)
STORED = ["claimant", "figure", "value", "value_max", "qualifier", "magnitude", "unit", "force", "role", "stated",
          "first_date", "last_date", "date_text", "claims", "sources", "origins", "undated", "status", "revised_to",
          "source", "quote"]


def mark(session: Session, claimant_ids: Iterable[int | None]) -> None:
    """Note that these claimants' claims changed (None: unattributed claims)."""
    from sqlalchemy import insert, select

    from claimtrack.models import SummaryMark

    wanted = {UNATTRIBUTED_ID if i is None else i for i in claimant_ids}
    if not wanted:
        return
    table = SummaryMark.__table__
    held = set()
    for chunk in _chunks(sorted(wanted)):
        held.update(session.execute(select(table.c.claimant_id).where(table.c.claimant_id.in_(chunk))).scalars())
    missing = wanted - held
    if missing:  # writers hold the write lock: nobody adds the same mark meanwhile
        session.connection().execute(insert(table), [{"claimant_id": i} for i in sorted(missing)])


def mark_all(session: Session) -> None:
    """Every claimant with troop counts, e.g. after a copy or when the rows are to be rebuilt."""
    from sqlalchemy import func, select

    from claimtrack.models import Claim

    ids = session.execute(select(func.coalesce(Claim.claimant_id, UNATTRIBUTED_ID))
                          .where(Claim.kind == "troop_count").distinct()).scalars()
    mark(session, ids)


def claimants_of_source(session: Session, source_id: int) -> set[int | None]:
    from sqlalchemy import select

    from claimtrack.models import Claim

    return set(session.execute(select(Claim.claimant_id).where(Claim.source_id == source_id).distinct()).scalars())


def marked(session) -> set[int]:
    return {row[0] for row in all_rows(session, "marked_claimants")}


def refresh(session: Session) -> int:
    """Recompute the rows of every marked claimant and clear the marks; returns how many claimants."""
    from sqlalchemy import delete, insert, select

    from claimtrack.models import Actor, CompareRow, SummaryMark, WhoFigure

    ids = marked(session)
    if not ids:
        return 0
    table, basis_table = WhoFigure.__table__, CompareRow.__table__
    for chunk in _chunks(sorted(ids)):
        session.execute(delete(table).where(table.c.claimant_id.in_(chunk)))
        session.execute(delete(basis_table).where(basis_table.c.claimant_id.in_(chunk)))
    names = {name: actor_id for actor_id, name in session.execute(select(Actor.id, Actor.name))}
    for chunk in _by_claims(session, ids):
        claims = _rows(session, chunk)
        flags = views.compare_flags(claims)
        owners = {r["id"]: names.get(r["claimant"], UNATTRIBUTED_ID) for r in claims if r["id"] in flags}
        needed = [{"claim_id": i, "claimant_id": owners[i], **flags[i],
                   "shown": flags[i]["latest"] or flags[i]["spread"] or flags[i]["loose"]} for i in sorted(flags)]
        for start in range(0, len(needed), CHUNK):
            session.connection().execute(insert(basis_table), needed[start:start + CHUNK])
        groups = _groups(session, claims)
        rows = [{**{key: group[key] for key in STORED}, "revised_to": json.dumps(group["revised_to"]),
                 "claimant_id": names.get(group["claimant"], UNATTRIBUTED_ID),
                 "sort_rank": group["_sort"][0], "sort_day": views.day(group["_sort"][1])} for group in groups]
        for row, line in zip(rows, _lines(groups)):
            row["line"] = line
        for start in range(0, len(rows), CHUNK):
            session.connection().execute(insert(table), rows[start:start + CHUNK])
    mark_table = SummaryMark.__table__
    for chunk in _chunks(sorted(ids)):
        session.execute(delete(mark_table).where(mark_table.c.claimant_id.in_(chunk)))
    return len(ids)


def who_groups(session, force: str | None = None) -> list[dict]:
    """compare.who_groups over every troop count (optionally of one force), from the stored rows and,
    for claimants marked since, from their claims."""
    stale = marked(session)
    groups = []
    revised_at, claimant_at = STORED.index("revised_to"), len(STORED)
    # plain tuples: row objects cost more than the query
    for batch in run(session, "who_rows", (tuple(STORED), bool(force)), _force(force)):
        for row in batch:
            if row[claimant_at] in stale:
                continue
            group = dict(zip(STORED, row))
            revised = row[revised_at]
            group["revised_to"] = [] if revised == "[]" else json.loads(revised)
            group["_sort"] = (row[-2], str(row[-1])[:10])
            groups.append(group)
    for chunk in _by_claims(session, stale):
        groups += _groups(session, _rows(session, chunk, force))
    return groups


def _force(force: str | None) -> dict:
    return {"force": force.casefold()} if force else {}


def who_lines(session, force: str | None = None, roles: tuple[str, ...] = ("strength",)) -> list[str]:
    """compare.who_view's rows over every troop count as export.json_line encodes them, in its order:
    the stored lines, and for claimants marked since, lines from their claims."""
    stale = marked(session)
    params = {**_force(force), **{f"r{i}": role for i, role in enumerate(roles)}}
    stored = [row for batch in run(session, "who_lines", (bool(force), len(roles)), params) for row in batch]
    if not stale and dialect_name(session) == "sqlite":
        return [row[-1] for row in stored]  # SQLite's text order (BINARY) is Python's: nothing to merge or sort
    keyed = [(((rank, str(day)[:10]), claimant, source, figure), 0, row_id, line)
             for rank, day, claimant, source, figure, row_id, claimant_id, line in stored if claimant_id not in stale]
    position = count()  # the marked claimants' rows in who_groups' order, across chunks
    for chunk in _by_claims(session, stale):
        groups = _groups(session, _rows(session, chunk, force))
        wanted = [(group["role"] in roles, (group["_sort"], group["claimant"], group["source"], group["figure"]))
                  for group in groups]  # before _lines takes the groups over
        keyed += [(key, 1, next(position), line) for (shown, key), line in zip(wanted, _lines(groups)) if shown]
    keyed.sort(key=lambda item: item[:3])  # another database's collation may order text otherwise
    return [item[3] for item in keyed]


def _lines(groups: list[dict]) -> list[str]:
    """The JSON lines of who_groups' rows of whole claimants, with their next figures (who_view over every
    role; the roles asked for only choose rows); the groups are taken over."""
    views.who_view(groups, roles=views.ROLES)
    return [export.json_line(group) for group in groups]


def _rows(session, claimant_ids: tuple[int, ...], force: str | None = None) -> list[dict]:
    return figure_rows(session, ClaimFilter(kind="troop_count", claimant_ids=claimant_ids, force=force))


def _groups(session, rows: list[dict]) -> list[dict]:
    known = {r["id"] for r in rows}
    wanted = sorted({r["revised_by"] for r in rows if r["revised_by"] is not None} - known)
    revisers = {}
    for chunk in _chunks(wanted):  # a figure revised by another claimant's claim: its figure is shown
        width, params = padded(chunk, "c")
        revisers.update({r[0]: dict(zip(("id", "value", "value_max", "qualifier", "magnitude"), r))
                         for r in all_rows(session, "claim_figures", (width,), params)})
    return views.who_groups(rows, revisers)


def compare_rows(session, force: str | None = None) -> list[dict]:
    """The rows compare.compare needs over every troop count (optionally of one force): the stored
    basis of unmarked claimants and every claim of claimants marked since; in id order."""
    stale = marked(session)
    rows = figure_rows(session, ClaimFilter(kind="troop_count", force=force, in_compare_basis=True))
    if stale:
        for chunk in _by_claims(session, stale):
            rows += _rows(session, chunk, force)
    rows.sort(key=lambda r: r["id"])
    return rows


def compare(session, force: str | None = None, per_month: int | None = views.CONTRADICTIONS_PER_MONTH) -> dict:
    """compare.compare over every troop count (optionally of one force), from the parts kept at ingest:
    the claims it shows as they are, and the facts read month by month only as far as the month's
    contradictions need (a month full of them is left at once). With claimants marked since, from
    compare_rows instead."""
    if marked(session):
        return views.compare(compare_rows(session, force), per_month)
    parts: dict[str, list[dict]] = {"latest": [], "spread": [], "loose": []}
    for batch in run(session, "compare_shown", (bool(force),), _force(force)):
        for row in batch:
            claim = dict(zip(FIGURE_KEYS, row))
            for part, flag in zip(("latest", "spread", "loose"), row[len(FIGURE_KEYS):]):
                if flag:
                    parts[part].append(claim)
    months = {(views.month_of_window(*views.window(row)), row["force"]) for row in parts["latest"]}
    figures: dict[tuple, tuple] = {}

    def facts(params: dict, lo, after: int) -> Iterator[tuple]:
        """In pages, each larger: most months need a few facts, some all of them."""
        size = FIRST_FACTS
        while True:
            page = all_rows(session, "compare_facts", ("month" in params,),
                            {**params, "lo": lo, "after": after, "limit": size})
            for row in page:
                yield views.fact_of(dict(zip(FIGURE_KEYS, row)), figures)
            if len(page) < size:
                return
            lo, after = page[-1][DATE_FROM_AT], page[-1][ID_AT]
            size = min(size * 4, CHUNK_OF_FACTS)

    return views.compare_view(
        parts["latest"], parts["spread"], parts["loose"], months,
        lambda month, force_of: facts({"force_key": force_of or "", "month": month}, date.min, 0),
        lambda force_of, lo, claim_id: facts({"force_key": force_of or ""}, lo, claim_id), per_month)


def _by_claims(session, ids: set[int]) -> Iterable[tuple[int, ...]]:
    """The claimants in groups of at most CLAIMS_AT_ONCE troop counts (a larger claimant alone)."""
    counts = {}
    for chunk in _chunks(sorted(ids)):
        named = [i for i in chunk if i != UNATTRIBUTED_ID]
        if named:
            width, params = padded(named, "c")
            counts.update(all_rows(session, "troop_counts", (width,), params))
    if UNATTRIBUTED_ID in ids:
        counts[UNATTRIBUTED_ID] = all_rows(session, "unattributed_troop_count")[0][0]
    group, held = [], 0
    for claimant_id in sorted(ids):
        size = counts.get(claimant_id, 0)
        if group and (held + size > CLAIMS_AT_ONCE or len(group) >= CHUNK):
            yield tuple(group)
            group, held = [], 0
        group.append(claimant_id)
        held += size
    if group:
        yield tuple(group)


def _chunks(items: list) -> Iterable[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
