import os
import sqlite3
import subprocess
import sys

import pytest
from alembic import command
from sqlalchemy import inspect

from claimtrack.db import alembic_config, migrations_dir, open_database
from claimtrack.errors import SchemaError


def test_migrations_on_empty_database_and_no_drift(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(str(path))
    tables = set(inspect(db.engine).get_table_names())
    assert {"source", "actor", "alias", "claim", "alembic_version"} <= tables
    cfg = alembic_config(db.url)
    with db.engine.connect() as connection:
        cfg.attributes["connection"] = connection
        command.check(cfg)  # raises when models and migrations disagree
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_not_sqlite_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, not a database")
    with pytest.raises(SchemaError, match="not a SQLite database"):
        open_database(str(path))
    assert path.read_text() == "hello, not a database"


def test_foreign_sqlite_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="not a claimtrack database"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_newer_schema_refused(tmp_path, invoke):
    path = tmp_path / "new.db"
    open_database(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(SchemaError, match="newer claimtrack"):
        open_database(str(path))
    result = invoke("--db", path, "sources")
    assert result.exit_code == 1 and "newer claimtrack" in result.stderr


def test_schema_head_constant_matches_scripts(tmp_path):
    from alembic.script import ScriptDirectory

    from claimtrack.db import SCHEMA_HEAD

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads() == [SCHEMA_HEAD]


def test_migrations_dir_found():
    assert (migrations_dir() / "env.py").is_file()


@pytest.mark.slow
def test_wheel_install_finds_migrations(tmp_path):
    """Build the sdist, the wheel from it, install the wheel apart and open a database with it."""
    from tests.conftest import ROOT

    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "-o", str(dist), str(ROOT)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert next(dist.glob("*.tar.gz"))
    wheel = next(dist.glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    code = ("import claimtrack.db as d, sys; p = d.migrations_dir(); "
            "assert str(p).startswith(sys.argv[2]), p; d.open_database(sys.argv[1]).close(); print('ok')")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "w.db"), str(target)], capture_output=True,
                         text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.both_databases
def test_bulk_inserted_claims_get_the_ids_the_store_hands_out(new_database):
    """store.insert_rows: SQLite rows go in by one executemany and their ids are worked out, not
    returned; every id must be its own row's, also after the newest rows were deleted (ids then
    continue above the largest left) and across sources, with revision links pointing within a source."""
    from datetime import date

    from sqlalchemy import delete, select

    from claimtrack.extract.records import ActorRef, ClaimRecord
    from claimtrack.models import Claim
    from claimtrack.store import SourceInput, store_sources

    def source(n: int, claims: int):
        item = SourceInput(file_name=f"f{n}.txt", path=f"/x/f{n}.txt", sha256=f"{n:064x}", text="t" * 10,
                           encoding="utf-8", size_bytes=10, title=None, outlet=None, url=None,
                           published=date(2024, 10, 1), published_origin=None, language="de",
                           extractor_version="test")
        records = [ClaimRecord(kind="troop_count", quote=f"source {n} claim {i}", start=i, end=i + 1,
                               claimant=ActorRef(f"Speaker {n % 3}", "person", known=False), value=1000 + i,
                               revised_by=i + 1 if i + 1 < claims else None)
                   for i in range(claims)]
        return item, records

    db = open_database(new_database())
    with db.session(write=True) as session:
        store_sources(session, [source(n, 3 + n % 4) for n in range(5)])
    with db.session(write=True) as session:  # the newest claims go: the next ids start below the old largest
        newest = session.execute(select(Claim.id).order_by(Claim.id.desc()).limit(4)).scalars().all()
        session.execute(Claim.__table__.update().values(revised_by_id=None))
        session.execute(delete(Claim).where(Claim.id.in_(newest)))
    with db.session(write=True) as session:
        results = store_sources(session, [source(n, 2 + n % 5) for n in range(5, 12)])
    with db.session() as session:
        rows = session.execute(select(Claim.id, Claim.source_id, Claim.quote, Claim.revised_by_id)).all()
    db.close()
    by_id = {row.id: row for row in rows}
    sources = {r.source_id: n for n, r in zip(range(5, 12), results)}
    for row in rows:
        if row.source_id in sources:
            n = sources[row.source_id]
            assert row.quote.startswith(f"source {n} claim "), row
            if row.revised_by_id is not None:  # claim i is revised by claim i + 1 of the same source
                i = int(row.quote.rsplit(" ", 1)[1])
                assert by_id[row.revised_by_id].quote == f"source {n} claim {i + 1}"
    assert sum(r.claims for r in results) == sum(1 for row in rows if row.source_id in sources)
