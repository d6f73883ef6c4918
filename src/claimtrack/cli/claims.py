"""claimtrack claims | who | compare | timeline"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimtrack import compare as views
from claimtrack import export, query, render, summary
from claimtrack.cli import state
from claimtrack.controls import visible
from claimtrack.cli.options import Format, FormatOpt, LimitOpt, Undated, left_out_note, parse_day, table_limit
from claimtrack.query import ClaimFilter
from claimtrack.terms import CLAIM_KINDS

ActorOpt = Annotated[Optional[str], typer.Option("--actor", "-a", help="Claimant or relay, by any alias.")]
KindOpt = Annotated[Optional[str], typer.Option("--kind", "-k", help="troop_count, confirmation, denial, not_confirmed.")]
SourceOpt = Annotated[Optional[str], typer.Option("--source", "-s", help="Source id or file name.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Claims made on or after YYYY-MM-DD.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Claims made on or before YYYY-MM-DD.")]


def figure_bound(value: int | None) -> int | None:
    """A figure the database's INTEGER column can hold (checked here, not as the option's range, which
    the help would print as two 19-digit numbers)."""
    if value is not None and not -(2**63) <= value < 2**63:
        raise typer.BadParameter(f"{value} is beyond any figure a database can hold (±9.2 × 10^18)")
    return value


MinOpt = Annotated[Optional[int], typer.Option("--min", help="Smallest figure.", callback=figure_bound)]
MaxOpt = Annotated[Optional[int], typer.Option("--max", help="Largest figure.", callback=figure_bound)]
TextOpt = Annotated[Optional[str], typer.Option("--text", "-t", help="Word or phrase in the quote.")]
ForceOpt = Annotated[Optional[str], typer.Option("--force", help="Whose troops: North Korea, Russia, Wagner, NATO …")]

UndatedOpt = Annotated[Optional[Undated], typer.Option(
    "--undated", help="Claims without a date: include, exclude or only them \\[default: exclude with --since/--until].")]
AllOpt = Annotated[bool, typer.Option("--all", help="Also forecasts and sub-units (officers, generals), marked.")]

TABLE_COLUMNS = ["id", "date", "claimant", "kind", "figure", "via", "status", "source", "quote"]


def build_filter(actor, kind, source, since, until, min_value, max_value, text, limit, force=None,
                 undated: Undated | None = None) -> ClaimFilter:
    if kind is not None and kind not in CLAIM_KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of {', '.join(CLAIM_KINDS)}", param_hint="--kind")
    if text is not None and "\x00" in text:
        # SQLite's LIKE ends a pattern at NUL (it would match every quote), PostgreSQL refuses it
        raise typer.BadParameter("a NUL character is in no quote", param_hint="--text")
    return ClaimFilter(actor=actor, kind=kind, source=source, since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"), min_value=min_value, max_value=max_value,
                       text=text, limit=limit, force=force, undated=undated.value if undated else None)


def _note(message: str) -> None:
    render.note(message)


def _say_limited(session, flt: ClaimFilter, shown: int, defaulted: bool, what: str) -> None:
    """After a table cut at the terminal's default limit: how many rows it left out."""
    if defaulted and shown >= (flt.limit or 0):
        message = left_out_note(shown, query.count_claims(session, flt), what)
        if message:
            _note(message)


def _say_left_out(session, flt: ClaimFilter) -> None:
    left_out = query.undated_left_out(session, flt)
    if left_out:
        _note(f"{left_out} undated claim{'s' if left_out != 1 else ''} left out by --since/--until "
              "(--undated include keeps them)")


WHO_COLUMNS = ["claimant", "figure", "role", "stated", "claims", "origins", "force", "source", "quote"]
WHO_MACHINE = ["claimant", "figure", "value", "value_max", "qualifier", "magnitude", "unit", "force", "role",
               "stated", "first_date", "last_date", "date_text", "claims", "sources", "origins", "undated", "status",
               "revised_to", "next_figure", "next_value", "next_date", "source", "quote"]
WHO_HEADERS = {"claims": "n", "origins": "orig", "next_figure": "then", "role": "kind"}


def who_table(result: dict, fmt: Format, show_roles: bool, console=None, total: int | None = None,
              moves_shown: int | None = None) -> None:
    """`total`: the rows before a limit cut them (then only the shown claimants' moves are listed);
    `moves_shown`: at most this many claimants' moves (a terminal's default)."""
    rows = result["rows"]
    if fmt != Format.table:
        export.write(rows, sys.stdout, fmt.value, columns=WHO_MACHINE)
        return
    columns = [c for c in WHO_COLUMNS if (c != "role" or show_roles)
               and (c != "force" or len({r["force"] for r in rows}) > 1)]
    render.table(rows, columns, title="Who said how many troops when", headers=WHO_HEADERS,
                 priority=["figure", "claimant", "stated", "claims", "role", "origins", "force", "source", "quote"],
                 min_widths={"claimant": 20, "source": 12, "quote": 24, "force": 8},
                 max_widths={"claimant": 26, "source": 30, "quote": 90}, keep=("figure", "role", "stated"),
                 console=console)
    console = console or render.stdout_console()
    moves = result["moves"]
    if total is not None and total > len(rows):  # say so, and list the moves of the claimants shown
        _note(left_out_note(len(rows), total, "figures"))
        shown_claimants = {(r["claimant"], r["force"]) for r in rows}
        moves = [m for m in moves if (m["claimant"], m["force"]) in shown_claimants]
    moves_left = len(moves) - moves_shown if moves_shown is not None and len(moves) > moves_shown else 0
    if moves_left:
        moves = moves[:moves_shown]
    if moves:
        console.print("How the figures moved (dated strength figures, in the order first given):",
                      markup=False, highlight=False)
        several = len({m["force"] for m in moves}) > 1
        for move in moves:
            steps = " → ".join(f"{s['figure']} ({s['first_date']})" for s in move["steps"])
            force = f" [{move['force']}]" if several else ""
            for line in textwrap.wrap(visible(f"{move['claimant']}{force}: {steps}"), width=console.width - 1,
                                      initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False):
                console.print(line, markup=False, highlight=False, soft_wrap=True)
    if moves_left:
        _note(f"{moves_left:,} more claimants' figures moved (--actor NAME shows one, --limit 0 all)")
    notes = ["n: how often stated; origins: independent reports; stated: first..last date (<: on or before, "
             "“…”: the words of an undated article)"]
    hidden = result["hidden"]
    if hidden:
        notes.append(" and ".join(f"{n} {kind} claim{'s' if n != 1 else ''}" for kind, n in sorted(hidden.items()))
                     + " not shown (--all shows them)")
    for note in notes:
        _note(note)


def register(app: typer.Typer) -> None:
    @app.command("claims")
    def claims_command(ctx: typer.Context, actor: ActorOpt = None, kind: KindOpt = None, source: SourceOpt = None,
                       since: SinceOpt = None, until: UntilOpt = None, min_value: MinOpt = None,
                       max_value: MaxOpt = None, text: TextOpt = None, force: ForceOpt = None,
                       undated: UndatedOpt = None, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
        """List claims, ordered by date then claimant.

        Example:

            claimtrack claims --actor Pentagon --kind troop_count --since 2024-10-01
        """
        limit, defaulted = table_limit(limit, fmt)
        flt = build_filter(actor, kind, source, since, until, min_value, max_value, text, limit, force, undated)
        with state(ctx).reader().session() as session:
            query.check_filter(session, flt)
            rows = query.claim_rows(session, flt)
            if fmt == Format.table:
                rows = ({**r, "date": views.stated(r), "figure": views.figure(r), "quote": " ".join(r["quote"].split())}
                        for r in rows)
                shown = render.stacked(rows, [c for c in TABLE_COLUMNS if c != "quote"], "quote",
                                       priority=["id", "figure", "claimant", "date", "kind", "status", "via", "source"],
                                       min_widths={"claimant": 12, "source": 12, "date": 10, "quote": 40},
                                       max_widths={"quote": 90, "claimant": 26, "source": 30}, keep=("figure", "date"))
                _say_limited(session, flt, shown, defaulted, "claims")
            else:
                export.write(rows, sys.stdout, fmt.value, columns=query.CLAIM_COLUMNS)
            _say_left_out(session, flt)

    @app.command("who")
    def who_command(ctx: typer.Context, actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None,
                    force: ForceOpt = None, undated: UndatedOpt = None, every: AllOpt = False,
                    chart: Annotated[bool, typer.Option("--chart", help="Draw the figures over time.")] = False,
                    fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
        """Who said how many troops when, and how each claimant's figures moved.

        One row per claimant and figure, in time order, with how often and by how many independent
        reports it was stated.

        Troop strength only; --all adds forecasts and sub-units (officers, generals), marked.

        Example:

            claimtrack who --actor NIS --chart
        """
        flt = build_filter(actor, "troop_count", None, since, until, None, None, None, None, force, undated)
        roles = views.ROLES if every else ("strength",)
        over_all = actor is None and since is None and until is None and undated is None
        limit, defaulted = table_limit(limit, fmt)
        with state(ctx).reader().session() as session:
            if over_all and fmt in (Format.json, Format.jsonl):  # the lines kept at ingest
                lines = summary.who_lines(session, force, roles)
                _say_left_out(session, flt)
                export.write_lines(lines[:limit] if limit else lines, sys.stdout, fmt.value)
                return
            if over_all:
                result = views.who_view(summary.who_groups(session, force), roles=roles)  # kept at ingest
            else:
                result = views.who(query.figure_rows(session, flt), roles=roles)
            _say_left_out(session, flt)
        total = len(result["rows"])
        if limit:
            result["rows"] = result["rows"][:limit]
        if chart and fmt == Format.table:
            render.chart(result["rows"])
            return
        who_table(result, fmt, show_roles=every, total=total, moves_shown=MOVES_SHOWN if defaulted else None)

    @app.command("chart")
    def chart_command(ctx: typer.Context, output: Annotated[Path, typer.Option(
                          "--output", "-o", help="The picture to write: .svg, .png or .pdf.", dir_okay=False)],
                      actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None,
                      force: ForceOpt = None, every: AllOpt = False) -> None:
        """Draw the troop figures per claimant over time into a picture (SVG, PNG, PDF).

        Needs the chart extra: pip install 'claimtrack\\[chart]'.

        Example:

            claimtrack chart --force "North Korea" -o figures.svg
        """
        from claimtrack import chart as pictures

        flt = build_filter(actor, "troop_count", None, since, until, None, None, None, None, force)
        with state(ctx).reader().session() as session:
            rows = query.figure_rows(session, flt)
        rows = [r for r in rows if every or views.role(r) == "strength"]
        forces = sorted({r["force"] for r in rows if r["force"]})
        title = "Troop figures over time" + (f": {', '.join(forces)}" if 0 < len(forces) <= 3 else "")
        drawn = pictures.draw(rows, output, title=title)
        _note(f"{drawn} figures drawn into {output}")

    @app.command("compare")
    def compare_command(ctx: typer.Context, actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None,
                        force: ForceOpt = None, fmt: FormatOpt = Format.table,
                        per_month: Annotated[int, typer.Option(
                            "--contradictions", min=0, metavar="N", show_default=False,
                            help="List at most this many contradictions per month and force, the first by date; "
                                 f"0 for all \\[default: {views.CONTRADICTIONS_PER_MONTH:,}].")
                        ] = views.CONTRADICTIONS_PER_MONTH) -> None:
        """Compare claimants: figures side by side per month, contradictions, the spread.

        A contradiction is current strength for the same force and place, stated at overlapping times,
        that no reading of the qualifiers reconciles; the spread is each claimant's latest figure.

        Example:

            claimtrack compare --format json > compare.json
        """
        flt = build_filter(actor, "troop_count", None, since, until, None, None, None, None, force)
        with state(ctx).reader().session() as session:
            if actor is None and since is None and until is None:
                result = summary.compare(session, force, per_month or None)  # from what ingest kept
            else:
                result = views.compare(query.figure_rows(session, flt), per_month or None)
            _say_left_out(session, flt)
        if fmt != Format.table:
            export.write(_compare_records(result) if fmt != Format.json else [result], sys.stdout, fmt.value,
                         columns=COMPARE_MACHINE if fmt == Format.csv else None)
        else:
            compare_tables(result)
        _say_cut(result["contradictions_cut"])

    @app.command("timeline")
    def timeline_command(ctx: typer.Context, actor: ActorOpt = None, kind: KindOpt = None, since: SinceOpt = None,
                         until: UntilOpt = None, force: ForceOpt = None, undated: UndatedOpt = None,
                         fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
        """Every claim in date order, stances included; undated claims after, under their article.

        Example:

            claimtrack timeline --actor Kreml
        """
        limit, defaulted = table_limit(limit, fmt)
        flt = build_filter(actor, kind, None, since, until, None, None, None, limit, force, undated)
        flt.order = "timeline"  # sorted by the database: the rows stream
        with state(ctx).reader().session() as session:
            query.check_filter(session, flt)
            rows = (views.timeline_row(r) for r in query.claim_rows(session, flt))
            if fmt == Format.table:
                shown = render.stacked(({**r, "what": r["figure"] or r["kind"]} for r in rows),
                                       ["date", "claimant", "what", "status", "source"], "quote", title="Timeline",
                                       priority=["date", "claimant", "what", "source", "status"],
                                       min_widths={"claimant": 12, "date": 10, "source": 12, "quote": 40},
                                       max_widths={"quote": 90, "claimant": 26, "source": 30}, keep=("what", "date"))
                _say_limited(session, flt, shown, defaulted, "claims")
            else:
                export.write(rows, sys.stdout, fmt.value, columns=TIMELINE_MACHINE)
            _say_left_out(session, flt)


TIMELINE_MACHINE = ["date", "date_from", "date_to", "claimant", "kind", "figure", "value", "value_max", "qualifier",
                    "magnitude", "force", "status", "source", "quote", "claim_id"]
COMPARE_MACHINE = ["section", "month", "force", "claimant", "figure", "value", "value_max", "qualifier", "magnitude",
                   "location", "date_from", "date_to", "date", "undated", "source", "claim_id", "versus_claimant",
                   "versus_figure", "versus_value", "versus_value_max", "versus_qualifier", "versus_date_from",
                   "versus_date_to", "versus_source", "versus_claim_id"]


def _compare_records(result: dict):
    """compare as flat records (csv, jsonl): one per figure, with its section."""
    for block in result["side_by_side"]:
        for entry in block["figures"]:
            yield {"section": "side_by_side", "month": block["month"], **entry}
    for item in result["contradictions"]:
        versus = {f"versus_{k}": item["b"][k] for k in ("claimant", "figure", "value", "value_max", "qualifier",
                                                        "date_from", "date_to", "source", "claim_id")}
        yield {"section": "contradiction", "month": item["month"], **item["a"], **versus}
    for entry in result["spread"]:
        yield {"section": "spread", **entry}
    for entry in result["loosely_dated"]:
        yield {"section": "loosely_dated", **entry}


LOOSE_SHOWN = 6
MOVES_SHOWN = 40  # claimants whose figures' moves a terminal shows by default
CONTRADICTIONS_SHOWN = 50  # a table a person reads; the machine formats carry every one


def _say_cut(cut: list[dict]) -> None:
    """Months whose contradictions were cut at --contradictions: which, and how to see more."""
    if cut:
        listed = cut[0]["listed"]
        months = ", ".join(f"{c['month']}{' ' + c['force'] if c['force'] else ''}" for c in cut[:6])
        more = f" and {len(cut) - 6} more" if len(cut) > 6 else ""
        _note(f"{months}{more}: more than {listed:,} contradiction{'s' if listed > 1 else ''}, the first "
              f"{listed:,} by date listed (--contradictions 0 lists all; --actor, --since or --force "
              "narrows them)")


def _place(entry: dict) -> str:
    return f" in {entry['location']}" if entry.get("location") else ""


def compare_tables(result: dict, console=None) -> None:
    console = console or render.stdout_console()
    several = len({b["force"] for b in result["side_by_side"]}) > 1
    flagged = {(c["month"], c["force"]) for c in result["contradictions"]}
    rows = [{"month": b["month"] + (" !" if (b["month"], b["force"]) in flagged else ""),
             "force": b["force"],
             "figures": "; ".join(f"{e['claimant']} {e['figure']}{_place(e)}" for e in b["figures"])}
            for b in result["side_by_side"] if b["claimants"] > 1 or not result["contradictions"]]
    render.table(rows, ["month", "force", "figures"] if several else ["month", "figures"], console=console,
                 title="Side by side: each claimant's latest strength figure per month (! contradiction)",
                 keep=("month",))
    contradictions = [{"month": c["month"], "force": c["force"],
                       "claimant": c["a"]["claimant"], "figure": c["a"]["figure"] + _place(c["a"]),
                       "date": c["a"]["date"], "versus": c["b"]["claimant"],
                       "versus_figure": c["b"]["figure"] + _place(c["b"]), "versus_date": c["b"]["date"]}
                      for c in result["contradictions"][:CONTRADICTIONS_SHOWN]]
    columns = ["month", "claimant", "figure", "date", "versus", "versus_figure", "versus_date"]
    if contradictions:
        render.table(contradictions, columns, console=console,
                     title="Contradictions: figures for the same time that cannot both hold",
                     headers={"versus_figure": "figure", "versus_date": "date"},
                     keep=("figure", "versus_figure"), min_widths={"claimant": 10, "versus": 10},
                     priority=["figure", "versus_figure", "claimant", "versus", "month", "date", "versus_date"])
        more = len(result["contradictions"]) - len(contradictions)
        if more > 0:
            _note(f"{more:,} more contradictions not shown (--format csv or json lists all "
                  f"{len(result['contradictions']):,}; --actor or --since narrows them)")
    else:
        console.print("No contradictions between claimants.", markup=False, highlight=False)
    spread = [{**e, "date": "undated" if e["undated"] else e["date"]} for e in result["spread"]]
    render.table(spread, ["force", "claimant", "figure", "date", "source"] if several else
                 ["claimant", "figure", "date", "source"], console=console,
                 title="Spread: each claimant's latest figure (dated claims first)",
                 priority=["figure", "claimant", "date", "force", "source"], keep=("figure", "date"),
                 min_widths={"claimant": 12, "source": 12})
    loose = result["loosely_dated"]
    if loose:
        words = "; ".join(f"{e['claimant']} {e['figure']} {e['stated']}" for e in loose[:LOOSE_SHOWN])
        more = f"; and {len(loose) - LOOSE_SHOWN} more (--format json lists them)" if len(loose) > LOOSE_SHOWN else ""
        _note(f"{len(loose)} figures not placed in a month (undated, or dated only by a season or year): "
              f"{words}{more}")
