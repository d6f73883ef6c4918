"""The `claimtrack` command: a thin layer that parses options, calls the library and renders.

Library errors become one line `Error: …` on stderr and an exit code, in one place (ClaimtrackGroup);
CLAIMTRACK_DEBUG=1 lets tracebacks through.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import DatabaseError, OperationalError
from typer.core import TyperGroup

from claimtrack import __version__
from claimtrack.db import Database, open_database
from claimtrack.errors import ClaimtrackError


def _debug() -> bool:
    return os.environ.get("CLAIMTRACK_DEBUG", "") not in ("", "0")


class ClaimtrackGroup(TyperGroup):
    """Maps errors to a one-line message and an exit code for every command below it."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimtrackError as err:
            if _debug():
                raise
            typer.echo(f"Error: {err}", err=True)
            raise typer.Exit(err.exit_code) from None
        except (OperationalError, DatabaseError) as err:
            if _debug():
                raise
            typer.echo(f"Error: database: {getattr(err, 'orig', err)}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=ClaimtrackGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    def __init__(self, db_option: str | None):
        self.db_option = db_option
        self._db: Database | None = None

    def db(self, existing: bool = False) -> Database:
        """The database; `existing=True` for commands that only read it (they never create one)."""
        if self._db is None:
            self._db = open_database(self.db_option, existing=existing)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", metavar="PATH",
                  help="Database file or SQLAlchemy URL [default: $CLAIMTRACK_DB, else ./claimtrack.db]")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Track who claimed what, and when, across news articles.

    Example:

        claimtrack ingest seeds/ && claimtrack who
    """
    state = State(db)
    ctx.obj = state
    ctx.call_on_close(state.close)


def state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


from claimtrack.cli import actors as _actors  # noqa: E402
from claimtrack.cli import claims as _claims  # noqa: E402
from claimtrack.cli import eval as _eval  # noqa: E402
from claimtrack.cli import export as _export  # noqa: E402
from claimtrack.cli import ingest as _ingest  # noqa: E402
from claimtrack.cli import sources as _sources  # noqa: E402

_ingest.register(app)
_claims.register(app)
app.add_typer(_actors.app, name="actors")
_eval.register(app)
app.add_typer(_sources.app, name="sources")
app.add_typer(_export.app, name="export")


def main() -> None:
    app()
