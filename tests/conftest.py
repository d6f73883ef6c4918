from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEV = ROOT / "data" / "dev"
GOLD = ROOT / "data" / "gold"


@pytest.fixture(autouse=True)
def isolated_db(tmp_path, monkeypatch):
    """No test touches a real database: CLAIMTRACK_DB points into the test's temporary folder."""
    db = tmp_path / "test.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(db))
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


def database_at(path: Path, revision: str) -> None:
    """A claimtrack database at an older schema revision, as an earlier release left it."""
    from alembic import command

    from claimtrack.db import alembic_config, make_engine

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    engine.dispose()
