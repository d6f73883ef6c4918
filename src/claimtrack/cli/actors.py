"""claimtrack actors [NAME] | merge | alias"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from claimtrack import actors as actor_ops
from claimtrack import export, query, render
from claimtrack.cli import state
from claimtrack.cli.options import Format, FormatOpt, LimitOpt

app = typer.Typer(help="List actors, merge duplicates, add aliases.")


@app.callback(invoke_without_command=True)
def actors(ctx: typer.Context,
           name: Annotated[Optional[str], typer.Argument(help="Show one actor (any alias).")] = None,
           fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List actors with their aliases, type, claims made and sources.

    Example:

        claimtrack actors Selenskij
    """
    if ctx.invoked_subcommand is not None:
        return
    with state(ctx).db().session() as session:
        rows = list(query.actor_rows(session, name=name, limit=limit))
    if fmt == Format.table:
        render.table(rows, ["id", "name", "type", "claims", "sources", "aliases", "description"],
                     max_widths={"aliases": 60, "description": 40})
    else:
        export.write(rows, sys.stdout, fmt.value, columns=query.ACTOR_COLUMNS)


@app.command("merge")
def merge(ctx: typer.Context, keep: Annotated[str, typer.Argument(help="The actor that stays.")],
          other: Annotated[str, typer.Argument(help="The actor merged into it.")]) -> None:
    """Merge OTHER into KEEP: its claims and aliases move over, its name becomes an alias.

    Example:

        claimtrack actors merge "Wolodymyr Selenskyj" "Selenski"
    """
    with state(ctx).db().session(write=True) as session:
        moved = actor_ops.merge(session, keep, other)
    typer.echo(f"merged {other!r} into {keep!r}: {moved} claims moved")


@app.command("alias")
def alias(ctx: typer.Context, actor: Annotated[str, typer.Argument(help="Actor (any alias).")],
          name: Annotated[str, typer.Argument(help="The new alias.")]) -> None:
    """Add an alias to an actor.

    Example:

        claimtrack actors alias NIS "Südkoreas Spionagedienst"
    """
    with state(ctx).db().session(write=True) as session:
        actor_ops.add_alias(session, actor, name)
    typer.echo(f"{name!r} is now an alias of {actor!r}")
