"""A team's shared database (issue #13): the same migrations, queries and guarantees on PostgreSQL as on
SQLite, several writers at once, and a copy between the two that loses nothing.

Tests marked both_databases run twice; their PostgreSQL variant needs CLAIMTRACK_TEST_PG (.ci/run
starts a server) and is skipped with that reason otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from tests.conftest import DEV, ROOT, SEEDS, TEST_PG, PostgresDatabases, database_at

sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

TABLES = ("source", "actor", "alias", "claim")


def cli(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claimtrack", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def rows_of(target: str) -> dict[str, list[tuple]]:
    """Every row of every table, in id order, values as text: the same data reads the same on both."""
    from claimtrack.db import open_database

    db = open_database(target, existing=True)
    try:
        with db.session() as session:
            return {table: [tuple(None if v is None else str(v) for v in row)
                            for row in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
                    for table in TABLES}
    finally:
        db.close()


@pytest.mark.both_databases
@pytest.mark.parametrize("start", ["0001", "0002", "0003", "0004"])
def test_the_same_migrations_upgrade_each_revision_and_match_the_models(new_database, start):
    from alembic import command
    from sqlalchemy import inspect

    from claimtrack.config import database_url
    from claimtrack.db import SCHEMA_HEAD, alembic_config, open_database

    target = new_database()
    database_at(target, start)
    cfg = alembic_config(database_url(target))
    db = open_database(target)  # upgrades to the head
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
        cfg.attributes["connection"] = connection
        command.check(cfg)  # raises when models and migrations disagree on this dialect
        assert {"claims_view", "actors_view"} <= set(inspect(connection).get_view_names())
    with db.engine.begin() as connection:  # and back down one step, and up again
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0003")
        command.upgrade(cfg, "head")
    db.close()


@pytest.mark.both_databases
def test_two_ingests_a_merge_and_a_reader_at_once_lose_nothing(tmp_path, new_database):
    """Two analysts ingest overlapping folders into one database while a third reads and merges."""
    corpus = tmp_path / "corpus"
    generate(corpus, 60, seed=21)
    alone = new_database()
    single = cli("--db", alone, "ingest", "-q", "--jobs", "1", corpus, SEEDS)
    assert single.wait(timeout=300) == 0, single.stderr.read()
    shared = new_database()
    first = cli("--db", shared, "ingest", "-q", "--jobs", "1", corpus, SEEDS)
    second = cli("--db", shared, "ingest", "-q", "--jobs", "1", SEEDS, corpus)
    reads, errors = 0, []
    merged = False
    while first.poll() is None or second.poll() is None:
        reader = subprocess.run([sys.executable, "-m", "claimtrack", "--db", shared, "who", "--format", "jsonl"],
                                cwd=ROOT, capture_output=True, timeout=120)
        if reader.returncode != 0 and not (reads == 0 and b"no database here" in reader.stderr):
            errors.append(reader.stderr)  # (before the first writer created the file there is none to read)
        reads += reader.returncode == 0
        if not merged and reads >= 2:
            merge = subprocess.run([sys.executable, "-m", "claimtrack", "--db", shared, "actors", "merge", "USA",
                                    "Lloyd Austin"], cwd=ROOT, capture_output=True, timeout=120)
            merged = merge.returncode == 0
            assert merged or b"no actor named" in merge.stderr, merge.stderr  # Lloyd Austin not stored yet
        time.sleep(0.2)
    for process in (first, second):
        assert process.returncode == 0, process.stderr.read()
        assert process.stderr.read() == b""  # no error shown to the user
    assert errors == [] and reads >= 2
    assert merged  # while both were still writing
    together, apart = rows_of(shared), rows_of(alone)
    assert len(together["source"]) == len(apart["source"]) == 65  # no duplicate source
    names = [row[1] for row in together["actor"]]
    assert len(names) == len(set(names))  # no duplicate actor
    assert len(together["claim"]) == len(apart["claim"])  # no claim lost, none doubled
    assert claim_keys(shared) == claim_keys(alone)


def claim_keys(target: str) -> list[tuple]:
    """Each claim by what it says and where, not by ids (two writers number their rows differently)."""
    from claimtrack.db import open_database

    db = open_database(target, existing=True)
    with db.session() as session:
        keys = sorted(tuple("" if v is None else str(v) for v in row) for row in session.execute(text(
            "SELECT s.file_name, c.kind, c.value, c.value_max, c.quote_start, c.date_from, c.status "
            "FROM claim c JOIN source s ON s.id = c.source_id")))
    db.close()
    return keys


def test_copy_round_trips_seeds_and_dev_between_sqlite_and_postgresql(tmp_path):
    if not TEST_PG:
        pytest.skip("needs CLAIMTRACK_TEST_PG (a PostgreSQL server; .ci/run starts one)")
    original = tmp_path / "team.db"
    ingest = cli("--db", original, "ingest", "-q", SEEDS, DEV)
    assert ingest.wait(timeout=300) == 0, ingest.stderr.read()
    databases = PostgresDatabases()
    try:
        server = databases.new()
        back = tmp_path / "back.db"
        for source, target in ((original, server), (server, back)):
            copied = subprocess.run([sys.executable, "-m", "claimtrack", "db", "copy", source, target], cwd=ROOT,
                                    capture_output=True, timeout=300)
            assert copied.returncode == 0, copied.stderr
            assert b"copied 17 sources" in copied.stdout
        before, there, after = rows_of(str(original)), rows_of(server), rows_of(str(back))
        assert before == after  # every source, actor, alias, claim and revision link, ids included
        assert {t: len(r) for t, r in there.items()} == {t: len(r) for t, r in before.items()}
        assert any(row[18] is not None for row in after["claim"])  # revision links are there to lose
        again = subprocess.run([sys.executable, "-m", "claimtrack", "db", "copy", original, server], cwd=ROOT,
                               capture_output=True, timeout=300)
        assert again.returncode == 1 and b"already holds" in again.stderr  # never mixes two knowledge bases
        new_claims = subprocess.run([sys.executable, "-m", "claimtrack", "--db", server, "ingest", "-q",
                                     tmp_path], cwd=ROOT, capture_output=True, timeout=300)
        assert new_claims.returncode in (0, 1), new_claims.stderr  # the sequences were moved past the copied ids
        assert b"duplicate key" not in new_claims.stderr
    finally:
        databases.drop_all()


@pytest.mark.parametrize("command", [["sources"], ["claims", "--actor", "NIS"], ["who"]],
                         ids=["full-layer", "reader", "reader-summary"])
def test_a_password_never_appears_in_a_message(command):
    result = subprocess.run([sys.executable, "-m", "claimtrack", "--db",
                             "postgresql://analyst:s3cret-Pa55@127.0.0.1:1/claimtrack", *command],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert "s3cret-Pa55" not in message + result.stdout.decode()
    assert len(message.splitlines()) == 1 and message.startswith("Error: postgresql+psycopg://analyst:***@")


def test_without_the_driver_the_error_names_the_extra():
    code = ("import sys; sys.modules['psycopg'] = None\n"
            "from claimtrack.cli import main; sys.argv = ['claimtrack'] + sys.argv[1:]; main()\n")
    result = subprocess.run([sys.executable, "-c", code, "--db", "postgresql://analyst@127.0.0.1/claimtrack",
                             "who"], cwd=ROOT, capture_output=True, timeout=120,
                            env={**os.environ, "CLAIMTRACK_DB": ""})
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "Error: PostgreSQL needs its driver: pip install 'claimtrack[postgres]'"]


@pytest.mark.both_databases
def test_counts_agree_across_dialects(invoke, isolated_db, backend):
    """The same ingest gives the same numbers: a smoke test that each backend answers alike."""
    from claimtrack.db import open_database
    from claimtrack.models import Claim, Source

    assert invoke("ingest", "-q", SEEDS).exit_code == 0
    db = open_database(str(isolated_db), existing=True)
    with db.session() as session:
        assert session.execute(select(func.count(Source.id))).scalar() == 5
        assert session.execute(select(func.count(Claim.id))).scalar() == 28
    db.close()
