from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEV = ROOT / "data" / "dev"
GOLD = ROOT / "data" / "gold"


# A PostgreSQL server for the tests marked `both_databases` (a URL with rights to create databases,
# e.g. postgresql://claimtrack@127.0.0.1:5432/postgres); .ci/run starts one. Unset: those tests'
# PostgreSQL variants are skipped, saying so.
TEST_PG = os.environ.get("CLAIMTRACK_TEST_PG")
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_databases: runs once on SQLite and once on PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: looks at the SQLite file itself")


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("both_databases"):
        if "backend" not in metafunc.fixturenames:
            metafunc.fixturenames.append("backend")
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request):
    """sqlite or postgresql: which database the test's CLAIMTRACK_DB and new_database() give."""
    name = getattr(request, "param", "sqlite")
    if name == "postgresql":
        if not TEST_PG:
            pytest.skip("PostgreSQL variant: set CLAIMTRACK_TEST_PG to a server URL (.ci/run starts one)")
        if request.node.get_closest_marker("sqlite_only"):
            pytest.skip("looks at the SQLite file itself")
    return name


def _backend(request) -> str:
    """The backend of a `both_databases` variant, whether or not the test names the fixture: the variant
    comes from the parametrisation (request.fixturenames lists `backend` only for tests that ask for it,
    so the others ran their PostgreSQL variant on SQLite); the fixture skips it without a server."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or "backend" not in callspec.params:
        return "sqlite"
    return request.getfixturevalue("backend")


class PostgresDatabases:
    """Fresh, empty databases on the test server, dropped when the test ends."""

    def __init__(self):
        self.created: list[str] = []

    def _admin(self):
        import psycopg

        return psycopg.connect(TEST_PG, autocommit=True)

    def new(self) -> str:
        name = f"ct_{uuid.uuid4().hex[:16]}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return TEST_PG.rsplit("/", 1)[0] + f"/{name}"

    def drop_all(self) -> None:
        if not self.created:
            return
        with self._admin() as conn:
            for name in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


@pytest.fixture
def new_database(request, tmp_path):
    """new_database() → a target for --db / open_database: a file on SQLite, a URL on PostgreSQL."""
    kind = _backend(request)
    databases = PostgresDatabases()
    counter = iter(range(1_000_000))

    def make() -> str:
        if kind == "postgresql":
            return databases.new()
        return str(tmp_path / f"db{next(counter)}.db")
    yield make
    databases.drop_all()


@pytest.fixture(scope="session")
def statement_cache(tmp_path_factory) -> Path:
    """The folder of compiled statements (reader.StatementCache) the tests share: never the user's."""
    return tmp_path_factory.mktemp("statement-cache")


@pytest.fixture(autouse=True)
def isolated_db(request, tmp_path, monkeypatch, statement_cache):
    """No test touches a real database: CLAIMTRACK_DB names a new one (a file in the test's temporary
    folder, or a fresh database on the PostgreSQL test server for the `both_databases` variants)."""
    if _backend(request) == "postgresql":
        db = request.getfixturevalue("new_database")()
    else:
        db = tmp_path / "test.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(db))
    monkeypatch.setenv("CLAIMTRACK_CACHE", str(statement_cache))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CLAIMTRACK_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return db


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    def run(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)
    return run


_INGESTED: dict[tuple, str] = {}


def ingested_database(request, *folders: Path) -> str:
    """`folders` ingested once per backend and run (a file path or a URL), shared read-only by the tests
    that ask for the same folders."""
    kind = _backend(request)
    key = (kind, *folders)
    if key not in _INGESTED:
        from claimtrack.db import open_database
        from claimtrack.ingest.pipeline import IngestOptions, ingest

        if kind == "postgresql":
            target = PostgresDatabases().new()  # lives as long as the test server: the CI run
        else:
            target = str(request.getfixturevalue("tmp_path_factory").mktemp("ingested") / "ingested.db")
        db = open_database(target)
        ingest(db, list(folders), IngestOptions(jobs=1))
        db.close()
        _INGESTED[key] = target
    return _INGESTED[key]


@pytest.fixture
def seeds_ref(request):
    """The seeds ingested once per backend (a file path or a URL), shared read-only by query tests."""
    return ingested_database(request, SEEDS)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """A database with the seeds ingested once, shared read-only by query tests."""
    from claimtrack.db import open_database
    from claimtrack.ingest.pipeline import IngestOptions, ingest

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    db = open_database(str(path))
    ingest(db, [SEEDS], IngestOptions(jobs=1))
    db.close()
    return path


def database_at(target: str | Path, revision: str) -> None:
    """A claimtrack database (a file or a URL) at an older schema revision, as an earlier release left it."""
    from alembic import command

    from claimtrack.config import database_url
    from claimtrack.db import alembic_config, make_engine

    url = database_url(str(target))
    engine = make_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    engine.dispose()


def clone_database(ref: str, target: str) -> str:
    """A copy of the database `ref` at `target` (either kind), for a test that changes it."""
    from claimtrack.copy import copy_database
    from claimtrack.db import open_database

    origin, destination = open_database(ref, existing=True), open_database(target)
    try:
        copy_database(origin, destination)
    finally:
        origin.close()
        destination.close()
    return target
