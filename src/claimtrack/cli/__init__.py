"""The `claimtrack` command: a thin layer that parses options, calls the library and renders.

Library errors become one line `Error: …` on stderr and an exit code, in one place (ClaimtrackGroup);
CLAIMTRACK_DEBUG=1 lets tracebacks through. Commands load lazily: a run imports the module of the
command it runs and nothing else, so `--help` never loads the database layer (SQLAlchemy, SQLModel:
most of a second).
"""

from __future__ import annotations

import errno
import importlib
import inspect
import os
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from claimtrack import __version__, render
from claimtrack.config import database_url
from claimtrack.errors import ClaimtrackError

if TYPE_CHECKING:
    from claimtrack.db import Database
    from claimtrack.reader import PostgresReader, SQLiteReader

# Every command, in the order `--help` lists them: name → (module under claimtrack.cli, its short help).
# The short help is the command's own first paragraph, repeated here so that listing the commands
# imports none of them; tests/test_startup.py checks that the two agree.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest", "Read articles, extract their claims and store them. The same content is stored once."),
    "claims": ("claims", "List claims, ordered by date then claimant."),
    "who": ("claims", "Who said how many troops when, and how each claimant's figures moved."),
    "chart": ("claims", "Draw the troop figures per claimant over time into a picture (SVG, PNG, PDF)."),
    "compare": ("claims", "Compare claimants: figures side by side per month, contradictions, the spread."),
    "timeline": ("claims", "Every claim in date order, stances included; undated claims after, under their article."),
    "eval": ("eval", "Score the claims in the database against gold annotations, as eval/score.py does."),
    "serve": ("serve", "Look at the knowledge base in a browser (Datasette, read-only, on 127.0.0.1)."),
    "actors": ("actors", "List actors with their aliases, type, claims made and sources; `actors NAME` shows one."),
    "sources": ("sources", "List ingested sources with their metadata and claim counts."),
    "export": ("export", "Export claims, sources or actors as CSV, JSON or JSONL (stdout, or -o FILE)."),
    "db": ("database", "Work on whole databases: copy a knowledge base between SQLite and PostgreSQL."),
}


def load_command(name: str) -> TyperCommand | TyperGroup:
    """The command `name`, built from its module: a module with `register(app)` adds plain commands,
    one with `app` is a group of subcommands. (Typer's own classes: Typer 0.29 carries its own copy of
    click and no longer installs click itself.)"""
    module = importlib.import_module(f"claimtrack.cli.{COMMANDS[name][0]}")
    if hasattr(module, "register"):
        holder = typer.Typer()
        module.register(holder)
        command = typer.main.get_group(holder).commands[name]
    else:
        command = typer.main.get_group(module.app)
        command.name = name
    for each in (command, *getattr(command, "commands", {}).values()):
        each.help = reflowed(each.help)
        name_values(each)
    return command


def name_values(command: TyperCommand | TyperGroup) -> None:
    """Option values named after their option, as argparse does ('--since SINCE'), and flags shown with
    no value: Typer 0.29 writes '<str>', '<int range>' and '<bool>' in that column, the last also for
    flags, which take none (--help too, which click adds when help is asked for). Options with a
    metavar or choices of their own keep them."""
    if "get_help_option" not in vars(command):
        command.get_help_option = _flag_shown_bare(command.get_help_option)
    for param in command.params:
        if not isinstance(param, TyperOption) or param.metavar is not None:
            continue
        if param.is_flag:
            param.metavar = ""
        elif param.type_descriptor.annotation in (str, int, float) and not param.type_descriptor.is_choice:
            param.metavar = max(param.opts, key=len).lstrip("-").upper().replace("-", "_")


def _flag_shown_bare(get_help_option):
    def wrapped(ctx):
        option = get_help_option(ctx)
        if option is not None and option.metavar is None:
            option.metavar = ""
        return option
    return wrapped


def reflowed(text: str | None) -> str | None:
    """A docstring's paragraphs as one line each, for the terminal to wrap (Typer 0.29 keeps the line
    breaks of the source, which at 80 columns leave a short line after every long one); indented blocks
    (examples) and click's \\b paragraphs stay as written."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") or any(line[:1].isspace() for line in p.splitlines())
                       else " ".join(p.split("\n")) for p in paragraphs)


def _debug() -> bool:
    return os.environ.get("CLAIMTRACK_DEBUG", "") not in ("", "0")


class ClaimtrackGroup(TyperGroup):
    """Loads commands when they run; maps errors to one line `Error: …` on stderr and an exit code for
    every command below it."""

    _listing = False  # while the help is written: commands stand in by their short help

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        if self._listing:
            return TyperCommand(name, help=COMMANDS[name][1])
        if name not in self.commands:
            self.commands[name] = load_command(name)
        return self.commands[name]

    def format_help(self, ctx, formatter):
        name_values(self)
        self._listing = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or closed pipe shows here, not as a traceback at exit
            return result
        except ClaimtrackError as err:
            self._fail(str(err), err.exit_code)
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
        except Exception as err:
            driver = sys.modules.get("sqlalchemy.exc")  # not loaded: the error cannot be the database's
            if driver is None or not isinstance(err, driver.DBAPIError):
                raise
            from claimtrack.db import storage_error

            root = ctx.find_root().obj
            self._fail(str(storage_error(err, root.url if isinstance(root, State) else "")), 1)

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
        self._reader: SQLiteReader | PostgresReader | None = None

    @property
    def url(self) -> str:
        return database_url(self.db_option)

    def db(self, existing: bool = False) -> Database:
        """The database; `existing=True` for commands that only read it (they never create one)."""
        if self._db is None:
            from claimtrack.db import open_database

            self._db = open_database(self.db_option, existing=existing)
        return self._db

    def reader(self) -> SQLiteReader | PostgresReader | Database:
        """For a command that only reads: an up-to-date database through its driver alone (reader.py: no
        SQLAlchemy to import, most of a second), one that needs a migration through the full layer,
        which runs it. Both give `session()`, and query.py runs on either."""
        if self._db is None and self._reader is None:
            from claimtrack.reader import open_reader

            self._reader = open_reader(self.url)
        return self._reader or self.db(existing=True)

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
                  help="Database file or SQLAlchemy URL \\[default: $CLAIMTRACK_DB, else ./claimtrack.db]")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, metavar="",
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


def main() -> None:
    app()
