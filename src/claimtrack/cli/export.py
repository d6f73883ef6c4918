"""claimtrack export claims|sources|actors"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimtrack import export as writers
from claimtrack import query
from claimtrack.cli import state
from claimtrack.controls import visible
from claimtrack.cli.claims import MaxOpt, MinOpt, build_filter
from claimtrack.cli.options import ExcelOpt, ExportFormat, ExportFormatOpt, LimitOpt, OutputOpt, RawOpt
from claimtrack.files import atomic_write

app = typer.Typer(no_args_is_help=True)


@app.callback()
def export_group() -> None:
    """Export claims, sources or actors as CSV, JSON or JSONL (stdout, or -o FILE).

    Example:

        claimtrack export claims --format csv --excel -o claims.csv
    """


@contextmanager
def _output(path: Path | None):
    """stdout, or FILE written whole or not at all (files.atomic_write)."""
    if path is None:
        yield sys.stdout
        return
    with atomic_write(path) as handle:
        yield handle


def _finish(count: int, output: Path | None) -> None:
    if output is not None:
        typer.echo(visible(f"{count} rows written to {output}"), err=True)


@app.command("claims")
def export_claims(
    ctx: typer.Context,
    fmt: ExportFormatOpt = ExportFormat.jsonl,
    output: OutputOpt = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Claimant or relay (any alias).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="troop_count, confirmation, denial, not_confirmed.")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Source id or file name.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Claims made on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Claims made on or before this date.")] = None,
    min_value: MinOpt = None,
    max_value: MaxOpt = None,
    text: Annotated[Optional[str], typer.Option("--text", help="Word or phrase in the quote.")] = None,
    force: Annotated[Optional[str], typer.Option("--force", help="Whose troops: North Korea, Russia, Wagner …")] = None,
    limit: LimitOpt = None,
    raw: RawOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export claims with every key of the export contract (FORMAT.md).

    Example:

        claimtrack export claims --format jsonl -o claims.jsonl
    """
    flt = build_filter(actor, kind, source, since, until, min_value, max_value, text, limit, force)
    flt.order = "id"  # in storage order: streams a million rows without a sort
    with state(ctx).reader().session() as session:
        query.check_filter(session, flt)  # a mistyped actor or source fails before a file is touched
        with _output(output) as out:
            count = _write_claims(session, flt, fmt, out, raw, excel)
    _finish(count, output)


def _write_claims(session, flt, fmt: ExportFormat, out, raw: bool, excel: bool) -> int:
    lines = query.claim_csv_lines(session, flt, raw=raw) if fmt == ExportFormat.csv else None
    if lines is not None:
        return writers.write_csv_lines(lines, out, query.CLAIM_COLUMNS, excel=excel, raw=raw)
    return writers.write(query.claim_rows(session, flt), out, fmt.value, columns=query.CLAIM_COLUMNS,
                         raw=raw, excel=excel)


@app.command("sources")
def export_sources(ctx: typer.Context, fmt: ExportFormatOpt = ExportFormat.jsonl, output: OutputOpt = None,
                   limit: LimitOpt = None, raw: RawOpt = False, excel: ExcelOpt = False) -> None:
    """Export sources: id, source, title, outlet, published, language, sha256, claims.

    Example:

        claimtrack export sources --format jsonl -o sources.jsonl
    """
    with state(ctx).db(existing=True).session() as session, _output(output) as out:
        count = writers.write(query.source_rows(session, limit=limit), out, fmt.value,
                              columns=query.SOURCE_COLUMNS, raw=raw, excel=excel)
    _finish(count, output)


@app.command("actors")
def export_actors(ctx: typer.Context, fmt: ExportFormatOpt = ExportFormat.jsonl, output: OutputOpt = None,
                  limit: LimitOpt = None, raw: RawOpt = False, excel: ExcelOpt = False) -> None:
    """Export actors with their aliases and how many claims and sources they have.

    Example:

        claimtrack export actors --format csv --excel -o actors.csv
    """
    with state(ctx).db(existing=True).session() as session, _output(output) as out:
        count = writers.write(query.actor_rows(session, limit=limit), out, fmt.value,
                              columns=query.ACTOR_COLUMNS, raw=raw, excel=excel)
    _finish(count, output)
