"""claimtrack claims | who | compare | timeline"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from claimtrack import compare as views
from claimtrack import export, query, render
from claimtrack.cli import state
from claimtrack.cli.options import Format, FormatOpt, LimitOpt, parse_day
from claimtrack.models import CLAIM_KINDS
from claimtrack.query import ClaimFilter

ActorOpt = Annotated[Optional[str], typer.Option("--actor", "-a", help="Claimant or relay, by any alias.")]
KindOpt = Annotated[Optional[str], typer.Option("--kind", "-k", help="troop_count, confirmation, denial, not_confirmed.")]
SourceOpt = Annotated[Optional[str], typer.Option("--source", "-s", help="Source id or file name.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Claims made on or after YYYY-MM-DD.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Claims made on or before YYYY-MM-DD.")]
MinOpt = Annotated[Optional[int], typer.Option("--min", help="Smallest figure.", min=-(2**63), max=2**63 - 1)]
MaxOpt = Annotated[Optional[int], typer.Option("--max", help="Largest figure.", min=-(2**63), max=2**63 - 1)]
TextOpt = Annotated[Optional[str], typer.Option("--text", "-t", help="Word or phrase in the quote.")]
ForceOpt = Annotated[Optional[str], typer.Option("--force", help="Whose troops: North Korea, Russia, Wagner, NATO …")]

TABLE_COLUMNS = ["id", "date", "claimant", "kind", "figure", "via", "status", "source", "quote"]


def build_filter(actor, kind, source, since, until, min_value, max_value, text, limit, force=None) -> ClaimFilter:
    if kind is not None and kind not in CLAIM_KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of {', '.join(CLAIM_KINDS)}", param_hint="--kind")
    return ClaimFilter(actor=actor, kind=kind, source=source, since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"), min_value=min_value, max_value=max_value,
                       text=text, limit=limit, force=force)


def _emit(rows, columns, fmt: Format, title: str | None = None, max_widths=None) -> None:
    if fmt == Format.table:
        render.table(rows, columns, title=title, max_widths=max_widths)
    else:
        export.write(rows, sys.stdout, fmt.value, columns=columns)


def register(app: typer.Typer) -> None:
    @app.command("claims")
    def claims_command(ctx: typer.Context, actor: ActorOpt = None, kind: KindOpt = None, source: SourceOpt = None,
                       since: SinceOpt = None, until: UntilOpt = None, min_value: MinOpt = None,
                       max_value: MaxOpt = None, text: TextOpt = None, force: ForceOpt = None,
                       fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
        """List claims, ordered by date then claimant.

        Example:

            claimtrack claims --actor Pentagon --kind troop_count --since 2024-10-01
        """
        flt = build_filter(actor, kind, source, since, until, min_value, max_value, text, limit, force)
        with state(ctx).db().session() as session:
            rows = query.claim_rows(session, flt)
            if fmt == Format.table:
                rows = ({**r, "date": views.when(r), "figure": views.figure(r), "quote": " ".join(r["quote"].split())}
                        for r in rows)
                _emit(rows, TABLE_COLUMNS, fmt, max_widths={"quote": 70, "claimant": 24})
            else:
                _emit(rows, query.CLAIM_COLUMNS, fmt)

    @app.command("who")
    def who_command(ctx: typer.Context, actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None,
                    force: ForceOpt = None,
                    chart: Annotated[bool, typer.Option("--chart", help="Draw the figures over time.")] = False,
                    fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
        """Who said how many troops when: one row per claimant and figure, in time order.

        Example:

            claimtrack who --chart
        """
        flt = build_filter(actor, "troop_count", None, since, until, None, None, None, None, force)
        rows: list[dict] = []
        with state(ctx).db().session() as session:
            groups = query.who_groups(session, flt)
            if groups is None or chart:
                rows = query.figure_rows(session, flt)
        result = views.who_from_groups(groups) if groups is not None else views.who(rows)
        if limit:
            result = result[:limit]
        columns = ["date", "claimant", "figure", "revised_to", "sources", "first_source"]
        _emit((w.as_dict() for w in result), columns, fmt, title="Who said how many troops when",
              max_widths={"first_source": 32})
        if chart and fmt == Format.table:
            render.chart(rows)

    @app.command("compare")
    def compare_command(ctx: typer.Context, actor: ActorOpt = None, force: ForceOpt = None,
                        fmt: FormatOpt = Format.table) -> None:
        """Compare sources: figures per claimant with independent origins, contradictions, and the spread.

        Example:

            claimtrack compare --format json > compare.json
        """
        flt = build_filter(actor, "troop_count", None, None, None, None, None, None, None, force)
        with state(ctx).db().session() as session:
            rows = query.figure_rows(session, flt)
            outlets = {r["source"]: r["outlet"] for r in query.source_rows(session)}
        result = views.compare(rows, outlets)
        if fmt in (Format.json, Format.jsonl):
            export.write([result] if fmt == Format.json else
                         ({"section": k, **row} for k in ("figures", "contradictions", "spread") for row in result[k]),
                         sys.stdout, fmt.value)
            return
        if fmt == Format.csv:
            export.write(({"section": k, **row} for k in ("figures", "contradictions", "spread") for row in result[k]),
                         sys.stdout, "csv", columns=["section", "claimant", "figure", "first_date", "sources", "origins",
                                                     "status", "figure_a", "source_a", "figure_b", "source_b", "when",
                                                     "date", "source"])
            return
        render.table(result["figures"], ["claimant", "figure", "first_date", "origins", "sources", "status"],
                     title="Figures by claimant (origins: independent reports)", max_widths={"sources": 50})
        render.table(result["contradictions"], ["claimant", "figure_a", "source_a", "figure_b", "source_b", "when"],
                     title="Contradictions: same claimant, different figures, overlapping time")
        render.table(result["spread"], ["claimant", "figure", "date", "source"],
                     title="Spread: each claimant's latest current figure")

    @app.command("timeline")
    def timeline_command(ctx: typer.Context, actor: ActorOpt = None, kind: KindOpt = None, since: SinceOpt = None,
                         until: UntilOpt = None, force: ForceOpt = None, fmt: FormatOpt = Format.table,
                         limit: LimitOpt = None) -> None:
        """Every claim in date order, stances included; undated claims after, under their article.

        Example:

            claimtrack timeline --actor Kreml
        """
        flt = build_filter(actor, kind, None, since, until, None, None, None, None, force)
        with state(ctx).db().session() as session:
            rows = views.timeline(list(query.claim_rows(session, flt)))
        if limit:
            rows = rows[:limit]
        _emit(rows, ["date", "claimant", "kind", "figure", "status", "source", "quote"], fmt, title="Timeline",
              max_widths={"quote": 70, "source": 28})
