"""claimtrack actors [NAME] | merge | alias"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from claimtrack import actors as actor_ops
from claimtrack import export, query, render
from claimtrack.cli import state
from claimtrack.controls import visible
from claimtrack.cli.options import Format, FormatOpt, LimitOpt

class ActorsGroup(TyperGroup):
    """`claimtrack actors NAME` shows one actor; `merge` and `alias` are subcommands."""

    def parse_args(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["show", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=ActorsGroup)


@app.callback(invoke_without_command=True)
def actors(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List actors with their aliases, type, claims made and sources; `actors NAME` shows one.

    Example:

        claimtrack actors Selenskij
    """
    if ctx.invoked_subcommand is not None:
        return
    _show(ctx, None, fmt, limit)


@app.command("show")
def show(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Actor, by any alias.")],
         fmt: FormatOpt = Format.table) -> None:
    """Show one actor: aliases, type, claims made, sources.

    Example:

        claimtrack actors show Selenskij
    """
    _show(ctx, name, fmt, None)


def _show(ctx: typer.Context, name: Optional[str], fmt: Format, limit: Optional[int]) -> None:
    claims = []
    with state(ctx).db(existing=True).session() as session:
        rows = list(query.actor_rows(session, name=name, limit=limit))
        if name is not None and fmt == Format.table:
            claims = list(query.claim_rows(session, query.ClaimFilter(actor=name)))
    if fmt != Format.table:
        export.write(rows, sys.stdout, fmt.value, columns=query.ACTOR_COLUMNS)
        return
    render.table(rows, ["id", "name", "type", "claims", "sources", "aliases", "description"],
                 max_widths={"aliases": 60, "description": 40}, priority=["name", "claims", "type", "aliases",
                                                                          "sources", "description", "id"])
    if claims:  # one actor: what it claimed (or relayed), with the evidence
        from claimtrack import compare as views

        render.stacked(({**c, "date": views.stated(c), "figure": views.figure(c) or c["kind"]} for c in claims),
                       ["id", "date", "figure", "status", "source"], "quote", title=f"Claims of {rows[0]['name']}",
                       priority=["id", "figure", "date", "status", "source"], keep=("figure", "date"),
                       min_widths={"source": 12, "quote": 40}, max_widths={"quote": 90, "source": 30})


@app.command("merge")
def merge(ctx: typer.Context, keep: Annotated[str, typer.Argument(help="The actor that stays.")],
          other: Annotated[str, typer.Argument(help="The actor merged into it.")]) -> None:
    """Merge OTHER into KEEP: its claims and aliases move over, its name becomes an alias.

    Example:

        claimtrack actors merge "Wolodymyr Selenskyj" "Selenski"
    """
    with state(ctx).db(existing=True).session(write=True) as session:
        moved = actor_ops.merge(session, keep, other)
    typer.echo(visible(f"merged {other!r} into {keep!r}: {moved} claims moved"))


@app.command("alias")
def alias(ctx: typer.Context, actor: Annotated[str, typer.Argument(help="Actor (any alias).")],
          name: Annotated[str, typer.Argument(help="The new alias.")]) -> None:
    """Add an alias to an actor.

    Example:

        claimtrack actors alias NIS "Südkoreas Spionagedienst"
    """
    with state(ctx).db(existing=True).session(write=True) as session:
        actor_ops.add_alias(session, actor, name)
    typer.echo(visible(f"{name!r} is now an alias of {actor!r}"))
