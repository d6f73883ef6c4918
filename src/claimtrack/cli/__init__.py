"""The `claimtrack` command: a thin layer that parses options, calls the library and renders.

Library errors become one line `Error: …` on stderr and an exit code, in one place (ClaimtrackGroup);
CLAIMTRACK_DEBUG=1 lets tracebacks through.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import DBAPIError
from typer.core import TyperGroup

from claimtrack import __version__, render
from claimtrack.config import database_url
from claimtrack.db import Database, open_database, storage_error
from claimtrack.errors import ClaimtrackError


def _debug() -> bool:
    return os.environ.get("CLAIMTRACK_DEBUG", "") not in ("", "0")


class ClaimtrackGroup(TyperGroup):
    """Maps errors to one line `Error: …` on stderr and an exit code for every command below it."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or closed pipe shows here, not as a traceback at exit
            return result
        except ClaimtrackError as err:
            self._fail(str(err), err.exit_code)
        except DBAPIError as err:
            root = ctx.find_root().obj
            self._fail(str(storage_error(err, root.url if isinstance(root, State) else "")), 1)
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except OSError as err:
            if err.errno == errno.EPIPE:
                _silence_stdout()
                raise typer.Exit(0) from None
            _silence_stdout()
            self._fail(f"{err.filename}: {err.strerror or err}" if err.filename else
                       f"output: cannot write: {err.strerror or err}", 1)

    @staticmethod
    def _fail(message: str, code: int):
        if _debug():
            raise
        render.error_line(message)
        raise typer.Exit(code) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null: the interpreter's last flush must not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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

    @property
    def url(self) -> str:
        return database_url(self.db_option)

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
from claimtrack.cli import database as _database  # noqa: E402
from claimtrack.cli import eval as _eval  # noqa: E402
from claimtrack.cli import export as _export  # noqa: E402
from claimtrack.cli import ingest as _ingest  # noqa: E402
from claimtrack.cli import serve as _serve  # noqa: E402
from claimtrack.cli import sources as _sources  # noqa: E402

_ingest.register(app)
_claims.register(app)
app.add_typer(_actors.app, name="actors")
_eval.register(app)
app.add_typer(_sources.app, name="sources")
app.add_typer(_export.app, name="export")
app.add_typer(_database.app, name="db")
_serve.register(app)


def main() -> None:
    app()
