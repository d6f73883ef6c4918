"""claimtrack db copy SRC DST"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.db import display_name, open_database

app = typer.Typer(no_args_is_help=True)


@app.callback()
def db_group() -> None:
    """Work on whole databases: copy a knowledge base between SQLite and PostgreSQL.

    Example:

        claimtrack db copy claimtrack.db postgresql://analyst@db.example/claimtrack
    """


@app.command("copy")
def copy_command(
    source: Annotated[str, typer.Argument(help="The database to copy: a file or an SQLAlchemy URL.")],
    target: Annotated[str, typer.Argument(help="An empty (or new) database: a file or an SQLAlchemy URL.")],
) -> None:
    """Copy every source, actor, alias, claim and revision link into an empty database, ids kept.

    Example:

        claimtrack db copy team.db postgresql://analyst@127.0.0.1:5432/claimtrack
    """
    from claimtrack.copy import copy_database

    origin = open_database(source, existing=True)
    try:
        destination = open_database(target)
        try:
            copied = copy_database(origin, destination)
        finally:
            destination.close()
    finally:
        origin.close()
    typer.echo(f"copied {copied['source']} sources, {copied['actor']} actors, {copied['alias']} aliases and "
               f"{copied['claim']} claims from {display_name(origin.url)} to {display_name(destination.url)}")
