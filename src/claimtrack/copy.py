"""Move a knowledge base between databases (SQLite ⇄ PostgreSQL) without loss.

Every row of every table goes over with its id, so claims keep their sources, actors, aliases and
revision links, and a copy of a copy is the original. The target must be empty: a copy never mixes
two knowledge bases (merging them is ingesting the articles again).
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, text, update

from claimtrack import summary
from claimtrack.db import Database, display_name
from claimtrack.errors import ClaimtrackError
from claimtrack.models import Actor, Alias, Claim, Source

# In the order their foreign keys need.
TABLES = (Source.__table__, Actor.__table__, Alias.__table__, Claim.__table__)
BATCH = 2000


def copy_database(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of `source` into the empty `target` in one transaction; rows copied per table."""
    copied: dict[str, int] = {}
    with source.session() as reading, target.session(write=True) as writing:
        held = {table.name: writing.execute(select(func.count()).select_from(table)).scalar_one() for table in TABLES}
        if any(held.values()):
            raise ClaimtrackError(f"{display_name(target.url)}: already holds "
                                  + ", ".join(f"{n} {name} rows" for name, n in held.items() if n)
                                  + "; copy into a new, empty database")
        out = writing.connection()
        links: list[dict] = []
        for table in TABLES:
            count = 0
            result = reading.connection().execution_options(yield_per=BATCH).execute(
                select(table).order_by(table.c.id))
            for rows in result.mappings().partitions(BATCH):
                rows = [dict(row) for row in rows]
                if table is Claim.__table__:  # a revision may point to a later claim: linked after all are in
                    links += [{"claim": r["id"], "by": r["revised_by_id"]} for r in rows if r["revised_by_id"]]
                    rows = [{**r, "revised_by_id": None} for r in rows]
                out.execute(insert(table), rows)
                count += len(rows)
            copied[table.name] = count
        claim = Claim.__table__
        for link in links:
            out.execute(update(claim).where(claim.c.id == link["claim"]).values(revised_by_id=link["by"]))
        if out.dialect.name == "postgresql":  # explicit ids leave the sequences behind: the next insert would clash
            for table in TABLES:
                out.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"))
        summary.mark_all(writing)  # derived rows are rebuilt in the target, not copied
        summary.refresh(writing)
    return copied
