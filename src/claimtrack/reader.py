"""Reading a knowledge base through its driver alone (sqlite3, psycopg), and the checks every opening shares.

A reading command (claims, who, compare, timeline …) on an up-to-date database needs neither
SQLAlchemy nor SQLModel, which take most of a second to import: `open_reader` opens it with the
driver, and `ReadSession` runs query.py's statements from `StatementCache` — the SQL that
statements.py builds, compiled once per shape of filter and kept in a file (XDG cache folder). Only
a statement not compiled yet imports SQLAlchemy, once. The SQL therefore has one source (statements.py);
this module never writes a statement of its own beyond the revision check.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from claimtrack import __version__
from claimtrack.config import is_postgres, sqlite_path
from claimtrack.errors import NotFound, SchemaError, StorageError
from claimtrack.terms import SQLITE_FUNCTIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
# The newest migration. Opening a database already at this revision needs no Alembic at all, which
# keeps every read command fast; tests/test_db.py checks it against the migration scripts.
SCHEMA_HEAD = "0009"
BUSY_TIMEOUT_MS = 60_000

READ_ONLY = "the database is read-only (check the permissions of the file and its folder)"
# What SQLite (and PostgreSQL) say → what the analyst reads. The first match wins.
STORAGE_REASONS = (
    ("readonly", READ_ONLY),
    ("read-only", READ_ONLY),
    ("disk is full", "the disk is full"),
    ("no space left", "the disk is full"),
    ("database is locked", f"the database is locked: another process held it for over {BUSY_TIMEOUT_MS // 1000} s"),
    ("not a database", "the file is corrupt (not a database any more)"),
    ("malformed", "the database is corrupt (run: sqlite3 FILE 'PRAGMA integrity_check')"),
    ("unable to open", "cannot open the database file (does its folder exist and may it be written?)"),
    ("disk i/o error", "disk I/O error"),
)


def display_name(url: str) -> str:
    """The database as messages name it: a file's path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL: never echo what might hold a password
        return "the database"


def storage_error(err: BaseException, url: str) -> StorageError:
    """One line naming the database and the reason, for any error of the driver."""
    original = getattr(err, "orig", None) or err
    message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    lowered = message.lower()
    reason = next((said for key, said in STORAGE_REASONS if key in lowered), message)
    return StorageError(f"{display_name(url)}: {reason}")


def unwritable(path: Path) -> bool:
    """Nobody may write this database: the file, or the folder its WAL and -shm files need."""
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        return True
    try:  # root passes os.access; a read-only mount does not
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise SchemaError(f"{path}: is a directory, not a database file")
    if not path.exists():
        if not path.parent.exists():
            raise SchemaError(f"{path}: folder {path.parent} does not exist")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as err:
        raise SchemaError(f"{path}: cannot read database: {err.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise SchemaError(f"{path}: not a SQLite database; left untouched")
    if not head:
        return
    # Look before the engine sets WAL mode: that alone would rewrite another program's database.
    try:
        # immutable where nothing may be written: WAL's -shm file cannot be created beside it
        mode = "ro&immutable=1" if unwritable(path) else "ro"
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as err:
        raise SchemaError(f"{path}: cannot open database: {err}") from None
    if tables and "alembic_version" not in tables:
        raise SchemaError(f"{path}: not a claimtrack database (it holds tables "
                          + ", ".join(sorted(tables)[:5]) + "); left untouched")


def open_reader(url: str) -> "SQLiteReader | PostgresReader | None":
    """The database behind `url` for reading through its driver alone, if it is at the current schema;
    None otherwise (a migration is due, a new database, no driver: the full layer opens those)."""
    path = sqlite_path(url)
    if path is None:
        return _open_postgres(url) if is_postgres(url) else None
    check_sqlite_file(path)
    if not path.exists():
        raise NotFound(f"{path}: no database here (ingest articles first, or check --db / CLAIMTRACK_DB)")
    reader = SQLiteReader(url, path, immutable=unwritable(path))
    try:
        with reader.session() as session:
            revision = session.connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except (StorageError, sqlite3.Error):
        return None  # no version table (an empty file) or unreadable: the full check decides and says why
    return reader if revision and revision[0] == SCHEMA_HEAD else None


class SQLiteReader:
    """A SQLite knowledge base opened for reading without SQLAlchemy; `session()` as Database.session()."""

    def __init__(self, url: str, path: Path, immutable: bool = False):
        self.url, self.path, self.immutable = url, path, immutable
        self.statements = StatementCache.default()

    @contextmanager
    def session(self) -> Iterator["ReadSession"]:
        """One read transaction (every statement sees the same snapshot); driver errors leave as
        StorageError, one line naming the database and the reason."""
        # immutable where nothing may be written: WAL's -shm file cannot be created beside it. Elsewhere
        # opened as the full layer opens it (a read-only connection could not recover a crashed writer's
        # WAL, nor remove the -wal and -shm files when it is the last to close), and held to reading.
        mode = "ro&immutable=1" if self.immutable else "rw"
        try:
            connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode={mode}", uri=True,
                                         timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as err:
            raise storage_error(err, self.url) from None
        try:
            connection.execute("PRAGMA query_only = ON")
            for name, function in SQLITE_FUNCTIONS.items():
                connection.create_function(name, 1, function, deterministic=True)
            connection.execute("BEGIN")
            yield ReadSession(connection, self.statements)
        except sqlite3.Error as err:
            raise storage_error(err, self.url) from None
        finally:
            connection.close()  # a read transaction: closing ends it, nothing to commit

    def close(self) -> None:
        pass


def _open_postgres(url: str) -> "PostgresReader | None":
    """A PostgreSQL database at the current schema, for reading through psycopg alone; None without the
    driver or when a migration is due (the full layer says so, or runs it)."""
    try:
        import psycopg
    except ImportError:
        return None
    reader = PostgresReader(url)
    # a server that cannot be reached is one line now (StorageError, as the full layer would say it),
    # not a second wait for its connection to time out
    with reader.session() as session:
        try:
            revision = session.connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except psycopg.errors.UndefinedTable:
            return None  # a new database: the full layer creates the schema
    return reader if revision and revision[0] == SCHEMA_HEAD else None


class PostgresReader:
    """A PostgreSQL knowledge base read through psycopg without SQLAlchemy; `session()` as Database.session()."""

    def __init__(self, url: str):
        self.url = url
        self.statements = StatementCache.default()

    @contextmanager
    def session(self) -> Iterator["ReadSession"]:
        """One read-only transaction; driver errors leave as StorageError (the URL without its password)."""
        import psycopg

        try:
            connection = psycopg.connect(self.url.replace("postgresql+psycopg://", "postgresql://", 1))
        except psycopg.Error as err:
            raise storage_error(err, self.url) from None
        try:
            connection.read_only = True
            yield ReadSession(connection, self.statements, "postgresql")
        except psycopg.Error as err:
            raise storage_error(err, self.url) from None
        finally:
            connection.close()  # a read-only transaction: closing rolls it back, nothing to commit

    def close(self) -> None:
        pass


class ReadSession:
    """What query.py needs of a session, on a DB-API connection of `dialect`: run a statement by its key."""

    def __init__(self, connection, statements: "StatementCache", dialect: str = "sqlite"):
        self.connection, self.statements, self.dialect = connection, statements, dialect

    def batches(self, key: str | None, build: Callable, params: dict, size: int) -> Iterator[list[tuple]]:
        """The rows of `build()` (a SQLAlchemy statement, built only when `key` was not compiled yet for
        this dialect; key None: never kept) with `params` bound by name, in batches of plain tuples."""
        key = f"{self.dialect}:{key}" if key is not None else None
        compiled = self.statements.get(key) if key is not None else None
        if compiled is None:
            from claimtrack.statements import compile_for

            compiled = compile_for(self.dialect, build(), params)
            if key is not None:
                self.statements.put(key, compiled)
        sql, arguments = compiled
        if self.dialect == "sqlite":  # qmark: in order
            values = [plain(params[name]) if bound else constant for name, bound, constant in arguments]
        else:  # pyformat: by name
            values = {name: plain(params[name]) if bound else constant for name, bound, constant in arguments}
        return fetched(self.connection.cursor(), sql, values, size)


def fetched(cursor, sql: str, args, size: int) -> Iterator[list[tuple]]:
    """Run `sql` on a DB-API cursor and yield its rows in batches of plain tuples; the cursor is closed after."""
    try:
        cursor.execute(sql, args)
        while True:
            rows = cursor.fetchmany(size)
            if not rows:
                return
            yield rows
    finally:
        cursor.close()


def plain(value):
    """A parameter as claimtrack compares it: dates as ISO text (as SQLite stores them; PostgreSQL casts them)."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


# The files whose code decides the SQL: a change to any of them is a new fingerprint, hence new statements.
SQL_SOURCES = ("statements.py", "models.py", "terms.py")


class StatementCache:
    """Compiled statements by key in one JSON file per fingerprint of the code that builds them.

    Keys name a statement and the shape of its filter, never a value: values travel as bound
    parameters at every run. The file is rewritten whole (a temporary file renamed over it), so a
    reader sees an old or a new file, never half of one; a file that cannot be read or written only
    means compiling again. CLAIMTRACK_CACHE names the folder ('' keeps nothing)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._entries: dict | None = None

    @classmethod
    def default(cls) -> "StatementCache":
        folder = os.environ.get("CLAIMTRACK_CACHE")
        if folder is None:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            folder = os.path.join(base, "claimtrack")
        if not folder:
            return cls(None)
        fingerprint = code_fingerprint()
        return cls(Path(folder) / f"statements-{fingerprint}.json" if fingerprint else None)

    def _load(self) -> dict:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                self._entries = _read_trusted(self.path)
        return self._entries

    def get(self, key: str) -> tuple[str, list] | None:
        entry = self._load().get(key)
        if not _well_formed(entry):
            return None  # absent, or not what put() writes: compiled again
        return entry[0], entry[1]

    def put(self, key: str, compiled: tuple[str, list]) -> None:
        if self.path is None or not all(isinstance(c, (str, int, float, type(None))) for _, _, c in compiled[1]):
            return  # nowhere to keep it, or a constant JSON would not give back as it was
        entries = self._load()
        entries[key] = list(compiled)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            entries = {**_read_trusted(self.path), **entries}  # another process's entries are kept too
            handle, temporary = tempfile.mkstemp(prefix=".statements.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entries, out)
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            for stale in self.path.parent.glob("statements-*.json"):  # of code no longer installed
                if stale != self.path:
                    with contextlib.suppress(OSError):
                        stale.unlink()


def _read_trusted(path: Path) -> dict:
    """The entries of a cache file, or none if it is missing, broken or not trusted."""
    with contextlib.suppress(OSError, ValueError):
        with path.open(encoding="utf-8") as handle:
            if _trusted(os.fstat(handle.fileno())):
                loaded = json.load(handle)
                if isinstance(loaded, dict):
                    return loaded
    return {}


def _trusted(status: os.stat_result) -> bool:
    """SQL this process will run: only from a file of its own user that nobody else may write (a cache
    folder shared with others, e.g. under /tmp, is not one to take statements from)."""
    own = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return own and not status.st_mode & 0o022


def _well_formed(entry) -> bool:
    """[sql, [[name, bound, constant], …]] as put() writes it."""
    return (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and isinstance(entry[1], list)
            and all(isinstance(a, list) and len(a) == 3 and isinstance(a[0], str) and isinstance(a[1], bool)
                    and isinstance(a[2], (str, int, float, type(None))) for a in entry[1]))


def code_fingerprint(here: Path | None = None) -> str | None:
    """Of the code that builds the SQL (in `here`, claimtrack's folder), the schema and the SQLite
    library: None if it cannot be read."""
    digest = hashlib.sha256(f"{__version__}\0{SCHEMA_HEAD}\0{sqlite3.sqlite_version}".encode())
    here = here or Path(__file__).parent
    try:
        for name in SQL_SOURCES:
            digest.update(b"\0" + (here / name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()[:16]
