"""claimtrack sources [set|show]"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from claimtrack import export, query, render
from claimtrack.cli import state
from claimtrack.controls import visible
from claimtrack.cli.ingest import parse_published
from claimtrack.cli.options import Format, FormatOpt, LimitOpt
from claimtrack.errors import UsageError
from claimtrack.ingest.formats import page_of
from claimtrack.sources import set_source_metadata

app = typer.Typer()

TABLE_COLUMNS = ["id", "source", "title", "outlet", "published", "language", "claims"]


@app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List ingested sources with their metadata and claim counts.

    Example:

        claimtrack sources --format csv > sources.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    with state(ctx).db(existing=True).session() as session:
        rows = query.source_rows(session, limit=limit)
        if fmt == Format.table:
            render.table(rows, TABLE_COLUMNS, headers={"language": "lang"}, max_widths={"title": 60, "source": 20},
                         priority=["source", "published", "claims", "title", "outlet", "id", "language"],
                         keep=("published", "claims"), min_widths={"source": 14, "title": 24, "outlet": 10})
        else:
            export.write(rows, sys.stdout, fmt.value, columns=query.SOURCE_COLUMNS)


@app.command("set")
def set_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Source id, file name or sha256 prefix.")],
    published: Annotated[Optional[str], typer.Option(
        "--published", help="Publication date, YYYY-MM-DD; 'none' clears a wrong one.")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Outlet name.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title.")] = None,
) -> None:
    """Correct a source's metadata; relative dates of its claims are resolved again.

    Example:

        claimtrack sources set 3 --published 2024-10-25
        claimtrack sources set 3 --published none
    """
    if published is None and outlet is None and title is None:
        raise UsageError("nothing to set: give --published, --outlet or --title")
    clear = published is not None and published.strip().lower() in ("none", "")
    day = None if clear else parse_published(published)
    with state(ctx).db(existing=True).session(write=True) as session:
        row = set_source_metadata(session, source, published=day, outlet=outlet, title=title, clear_published=clear)
    typer.echo(visible(f"source {row['id']} ({row['source']}): published {row['published'] or '-'}, "
                       f"outlet {row['outlet'] or '-'}, {row['claims']} claims"))


@app.command("show")
def show_command(ctx: typer.Context,
                 source: Annotated[str, typer.Argument(help="Source id, file name or sha256 prefix.")]) -> None:
    """Print an article with its claims highlighted, then the claims.

    Example:

        claimtrack sources show 004_767a37a78c410947.txt
    """
    from claimtrack import compare as views

    with state(ctx).db(existing=True).session() as session:
        row = query.find_source(session, source)
        text, header = row.text, f"{row.file_name} | {row.title or '(no title)'} | {row.outlet or '-'} | " \
                                 f"published {row.published or 'unknown'}"
        claims = list(query.claim_rows(session, query.ClaimFilter(source=str(row.id))))
        starts = json.loads(row.page_starts) if row.page_starts else []
    where = {c["id"]: f"p. {page_of(c['start'], starts)}  " if starts else "" for c in claims}  # a PDF's page
    render.article(header, text, claims, [f"{where[c['id']]}{views.when(c)}  {c['claimant'] or '(unattributed)'}  "
                                          f"{c['kind']}  {views.figure(c)}" for c in claims])
