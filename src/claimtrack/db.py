"""Engine, PRAGMAs, sessions and schema migrations.

Opening a database checks what it is before touching it: a file that is not SQLite, a SQLite
database of another program, or one written by a newer claimtrack is refused and left as it is.
Pending migrations run under a write lock, after a backup copy when the database holds data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session

from claimtrack.config import database_url, is_postgres, sqlite_path
from claimtrack.errors import ClaimtrackError, NotFound, SchemaError, StorageError
from claimtrack.reader import (  # noqa: F401 - shared with the driver-only reader; imported from here too
    BUSY_TIMEOUT_MS, READ_ONLY, SCHEMA_HEAD, check_sqlite_file, display_name, storage_error, unwritable)
from claimtrack.terms import SQLITE_FUNCTIONS

log = logging.getLogger(__name__)

IMMEDIATE = "claimtrack_immediate"
WRITER_LOCK = 0x636C61696D  # PostgreSQL advisory lock key of claimtrack's writers ("claim")


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package (wheel), else the repository's folder."""
    packaged = Path(__file__).parent / "migrations"
    if (packaged / "env.py").is_file():
        return packaged
    repository = Path(__file__).resolve().parents[2] / "migrations"
    if (repository / "env.py").is_file():
        return repository
    raise SchemaError("claimtrack's migrations are missing from this installation")


def alembic_config(url: str):
    # Alembic (~0.3 s to import) only when a migration may be due: an up-to-date database never needs it.
    from alembic.config import Config

    cfg = Config(stdout=sys.stdout)  # its default is the stdout of when alembic was first imported
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def mapped_errors(url: str) -> Iterator[None]:
    """Driver errors (but a unique-constraint race, which callers retry) as StorageError."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as err:
        raise storage_error(err, url) from None


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine with WAL, a busy timeout and foreign keys on SQLite.

    pysqlite's own transaction handling is switched off so that we emit BEGIN ourselves:
    a write transaction starts with BEGIN IMMEDIATE and takes the write lock up front,
    which turns lock contention into waiting (busy_timeout) instead of 'database is locked'.
    `read_only`: a database nobody may write (its folder or file is read-only) is opened immutable,
    since WAL would need to create its `-shm` file beside it.
    """
    is_sqlite = url.startswith("sqlite")
    options = {}
    if read_only and sqlite_path(url) is not None:
        import sqlite3
        from urllib.parse import quote

        target = f"file:{quote(str(sqlite_path(url).resolve()))}?mode=ro&immutable=1"
        options["creator"] = lambda: sqlite3.connect(target, uri=True, check_same_thread=False)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000} if is_sqlite else {}, **options)
    if not is_sqlite:
        if is_postgres(url):
            @event.listens_for(engine, "begin")
            def _on_begin_postgres(conn):
                # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: two ingests creating the same
                # actors in another order would otherwise deadlock or race on the unique keys.
                if conn.get_execution_options().get(IMMEDIATE):
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if sqlite_path(url) is not None and not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
        for name, function in SQLITE_FUNCTIONS.items():
            dbapi_connection.create_function(name, 1, function, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN")

    return engine


@dataclass
class Database:
    """An opened, migrated claimtrack database."""

    url: str
    engine: Engine

    read_only: bool = False

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in one transaction; `write=True` takes the write lock first. Driver errors leave as
        StorageError (one line naming the database and the reason)."""
        if write and self.read_only:
            raise StorageError(f"{display_name(self.url)}: {READ_ONLY}")
        with mapped_errors(self.url), Session(self.engine) as session:
            if write:
                session.connection(execution_options={IMMEDIATE: True})
            try:
                yield session
                session.commit()
            except BaseException:
                with contextlib.suppress(Exception):  # a failed rollback must not hide the first error
                    session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_database(option: str | None = None, *, existing: bool = False) -> Database:
    """Open (and create or migrate) the database named by --db, CLAIMTRACK_DB or the default.
    `existing`: a command that only reads never creates one (a mistyped path is an error, not an empty
    knowledge base)."""
    url = database_url(option)
    path = sqlite_path(url)
    read_only = False
    if path is not None:
        check_sqlite_file(path)
        if existing and not path.exists():
            raise NotFound(f"{path}: no database here (ingest articles first, or check --db / CLAIMTRACK_DB)")
        read_only = path.exists() and unwritable(path)
        if read_only and not existing:
            raise StorageError(f"{path}: {READ_ONLY}; reading commands still work")
    elif is_postgres(url):
        _require_driver()
    engine = make_engine(url, read_only=read_only)
    try:
        with mapped_errors(url):
            if read_only:
                if _current_revision(engine) != SCHEMA_HEAD:
                    raise SchemaError(f"{path}: read-only, and its schema needs a migration this claimtrack "
                                      "cannot write; open it once where it may be written")
            elif upgrade(engine, url):
                _rebuild_summary(Database(url=url, engine=engine))
    except BaseException:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, read_only=read_only)


def _require_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ClaimtrackError("PostgreSQL needs its driver: pip install 'claimtrack[postgres]'") from None


def _heads(url: str):
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(url))
    return script, set(script.get_heads())


def _state(connection, script) -> str | None:
    """The database's schema revision; raises SchemaError for foreign or newer databases."""
    tables = set(inspect(connection).get_table_names())
    from alembic.runtime.migration import MigrationContext

    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is None:
        if tables - {"alembic_version"}:
            raise SchemaError(
                "not a claimtrack database (it holds tables "
                + ", ".join(sorted(tables)[:5])
                + "); left untouched"
            )
        return None
    try:
        script.get_revision(revision)
    except Exception:
        raise SchemaError(
            f"database schema {revision} was written by a newer claimtrack; upgrade claimtrack to use it"
        ) from None
    return revision


def _current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except Exception:  # noqa: BLE001 - no version table yet, or not ours: the full check decides
        return None


def upgrade(engine: Engine, url: str) -> bool:
    """Apply pending migrations under the write lock; back up a database that holds data first.
    True when a migration ran."""
    if _current_revision(engine) == SCHEMA_HEAD:
        return False
    script, heads = _heads(url)
    with engine.connect() as connection:
        if _state(connection, script) in heads:
            return False  # the common case: nothing to do, no lock taken
    with engine.connect().execution_options(**{IMMEDIATE: True}) as connection:
        with connection.begin():
            revision = _state(connection, script)  # again, now that we hold the lock
            if revision in heads:
                return False
            if revision is not None:
                _backup(connection, url, revision)
            if url.startswith("sqlite"):
                connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            from alembic import command

            cfg = alembic_config(url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            if url.startswith("sqlite"):
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise SchemaError(f"migration left {len(problems)} broken references; rolled back")
    return True


def _rebuild_summary(db: "Database") -> None:
    """A migration may have marked every claimant (0006): build who's rows once, now, not on each read."""
    from claimtrack import summary

    with db.session(write=True) as session:
        summary.refresh(session)


def _backup(connection, url: str, revision: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    has_data = connection.execute(text("SELECT EXISTS (SELECT 1 FROM source)")).scalar()
    if not has_data:
        return
    target = path.with_name(f"{path.name}.{revision}.{time.strftime('%Y%m%d%H%M%S')}.bak")
    # VACUUM cannot run inside a transaction: copy with the backup API through a second connection.
    import sqlite3

    partial = target.with_name(f".{target.name}.tmp")  # renamed once whole: no half backup under its name
    try:
        with contextlib.closing(sqlite3.connect(path)) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    log.warning("backed up %s to %s before migrating", path, target)
