"""The sqlite3-only read path (reader.py): the same answers as the full database layer, statements
compiled once per shape and kept, and a run that needs no SQLAlchemy once they are (issue #14)."""

from __future__ import annotations

import ast
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack import query, reader
from claimtrack.config import database_url
from claimtrack.db import open_database
from claimtrack.errors import NotFound
from claimtrack.query import ClaimFilter

from .conftest import DEV, SEEDS, database_at, ingested_database
from .test_startup import PROBE

SRC = Path(reader.__file__).parent


@pytest.fixture
def mixed_db(request) -> str:
    return ingested_database(request, SEEDS, DEV)


def light_reader(target: str, cache: Path | None = None):
    """The driver-only reader of a database (file or URL), with its statements kept in `cache`."""
    opened = reader.open_reader(database_url(target))
    assert opened is not None, target
    if cache is not None:
        opened.statements = reader.StatementCache(cache)
    return opened


def _names(target: str) -> tuple[list[str], list[str]]:
    with light_reader(target, None).session() as session:
        def column(sql):
            return [r[0] for r in session.connection.execute(sql).fetchall()]
        actors = column("SELECT name FROM actor ORDER BY id")
        aliases = column("SELECT name FROM alias ORDER BY id LIMIT 60")
        sources = column("SELECT file_name FROM source ORDER BY id")
    return actors + aliases, sources


def answers(session, flt: ClaimFilter):
    """Everything a reading command asks of query.py for one filter, or the error it raises."""
    try:
        csv_lines = query.claim_csv_lines(session, flt)
        return {"rows": list(query.claim_rows(session, flt)),
                "figures": query.figure_rows(session, flt),
                "count": query.count_claims(session, flt),
                "undated": query.undated_left_out(session, flt),
                "csv": [line for batch in csv_lines for line in batch] if csv_lines is not None else None}
    except NotFound as err:
        return {"error": str(err)}


FILTERS = st.builds(
    ClaimFilter,
    kind=st.sampled_from([None, "troop_count", "denial", "confirmation"]),
    since=st.sampled_from([None, date(2024, 10, 1), date(2024, 10, 20)]),
    until=st.sampled_from([None, date(2024, 10, 25), date(2025, 3, 1)]),
    min_value=st.sampled_from([None, 0, 1000, 10_000]),
    max_value=st.sampled_from([None, 5000, 100_000]),
    text=st.sampled_from([None, "Soldaten", "troops", "ÜBER", "50%", "a_b", "/", "nordkoreanisch"]),
    force=st.sampled_from([None, "North Korea", "russia", "NATO", "nobody"]),
    projection=st.sampled_from([None, True, False]),
    undated=st.sampled_from([None, "include", "exclude", "only"]),
    limit=st.sampled_from([None, 1, 7, 50]),
    order=st.sampled_from(["date", "timeline", "id"]),
)


def assert_same_answers(target: str, flt: ClaimFilter, actor_pick: int, source_pick: int, named: str) -> None:
    actors, sources = _names(target)
    if named in ("actor", "both"):
        flt.actor = actors[actor_pick % len(actors)]
    if named in ("source", "both"):
        flt.source = sources[source_pick % len(sources)]
    if named == "unknown":
        flt.actor = "Nobody Of That Name"
    if named == "id":
        flt.actor, flt.source = str(actor_pick % 40), str(source_pick % 20)
    light = light_reader(target, Path(os.environ["CLAIMTRACK_CACHE"]) / "shared-by-examples.json")
    full = open_database(target, existing=True)
    try:
        with light.session() as session:
            through_the_driver = answers(session, flt)
        with full.session() as session:
            through_sqlalchemy = answers(session, flt)
    finally:
        full.close()
    assert through_the_driver == through_sqlalchemy


PICKS = dict(flt=FILTERS, actor_pick=st.integers(0, 10_000), source_pick=st.integers(0, 10_000),
             named=st.sampled_from(["none", "actor", "source", "both", "unknown", "id"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**PICKS)
def test_the_reader_answers_as_the_full_layer(mixed_db, flt, actor_pick, source_pick, named):
    """Random filters on seeds+dev: claim rows, figures, counts, CSV lines and errors are the same through
    sqlite3 alone (statements from a cache shared by every example, so most were compiled for other
    values) and through SQLAlchemy."""
    assert_same_answers(mixed_db, flt, actor_pick, source_pick, named)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**PICKS)
def test_on_postgresql_the_reader_answers_as_the_full_layer(backend, mixed_db, flt, actor_pick, source_pick, named):
    """The same through psycopg alone, on the PostgreSQL test server (skipped without one)."""
    assert_same_answers(mixed_db, flt, actor_pick, source_pick, named)


def test_one_statement_per_shape_whatever_the_values(mixed_db, tmp_path):
    """A statement compiled for one value serves another of the same shape (a miss would show as an
    entry per value), and its answers are the other value's."""
    light = light_reader(mixed_db, tmp_path / "statements.json")
    actors, _ = _names(mixed_db)
    full = open_database(mixed_db, existing=True)
    try:
        for actor in actors[:12]:
            flt = ClaimFilter(actor=actor, since=date(2024, 10, 1), limit=5)
            with light.session() as session:
                rows = list(query.claim_rows(session, flt))
            with full.session() as session:
                assert rows == list(query.claim_rows(session, flt))
    finally:
        full.close()
    keys = [key for key in json.loads((tmp_path / "statements.json").read_text()) if key.startswith("sqlite:claims(")]
    assert len(keys) == 1, keys


def test_a_shape_that_differs_is_another_statement(mixed_db):
    """The shape holds every choice the builder makes: filters that differ in one of them compile to
    different SQL, filters that differ only in values to the same."""
    from claimtrack.statements import compile_for

    light = light_reader(mixed_db)
    compiled = {}
    with light.session() as session:
        for flt in [ClaimFilter(kind="denial"), ClaimFilter(kind="troop_count"), ClaimFilter(kind="denial", limit=3),
                    ClaimFilter(since=date(2024, 1, 1)), ClaimFilter(since=date(2025, 1, 1)),
                    ClaimFilter(since=date(2024, 1, 1), undated="include"), ClaimFilter(order="timeline"),
                    ClaimFilter(claimant_ids=(1, 2)), ClaimFilter(claimant_ids=(0, 3, 4)),
                    ClaimFilter(claimant_ids=(5, 6))]:
            shape, params = query.claim_request(session, flt)
            sql = compile_for("sqlite", query._build("claims", (shape,)), params)[0]
            compiled.setdefault(shape, set()).add(sql)
    assert all(len(sqls) == 1 for sqls in compiled.values())
    assert len({sql for sqls in compiled.values() for sql in sqls}) == len(compiled) == 7


def test_values_travel_as_parameters_never_in_the_kept_sql(mixed_db, tmp_path):
    light = light_reader(mixed_db, tmp_path / "statements.json")
    hostile = "x'); DROP TABLE claim; --"
    with light.session() as session:
        assert list(query.claim_rows(session, ClaimFilter(text=hostile, force=hostile))) == []
        with pytest.raises(NotFound):
            query.find_source_id(session, hostile)
    kept = (tmp_path / "statements.json").read_text()
    assert "DROP" not in kept and "x'" not in kept
    with sqlite3.connect(mixed_db) as conn:
        assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] > 0


def test_a_broken_or_unwritable_cache_only_means_compiling_again(mixed_db, tmp_path):
    path = tmp_path / "statements.json"
    path.write_text("{not json")
    flt = ClaimFilter(kind="troop_count", limit=3)
    light = light_reader(mixed_db, path)
    with light.session() as session:
        first = list(query.claim_rows(session, flt))
    assert len(first) == 3
    assert any(key.startswith("sqlite:claims(") for key in json.loads(path.read_text()))  # rewritten whole
    for entry in (["SELECT 1", "not a list of arguments"], ["SELECT 1", [["limit", "yes", None]]], ["SELECT 1"],
                  "SELECT 1", [1, []], None):  # entries put() does not write: compiled again
        path.write_text(json.dumps({key: entry for key in json.loads(path.read_text())}))
        light.statements = reader.StatementCache(path)
        with light.session() as session:
            assert list(query.claim_rows(session, flt)) == first
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        light.statements = reader.StatementCache(folder / "sub" / "statements.json")
        with light.session() as session:
            assert list(query.claim_rows(session, flt)) == first
    finally:
        folder.chmod(0o700)


def test_the_fingerprint_follows_the_code_that_writes_sql(tmp_path):
    for name in reader.SQL_SOURCES:
        shutil.copy(SRC / name, tmp_path / name)
    same = reader.code_fingerprint(tmp_path)
    assert same == reader.code_fingerprint(SRC)
    for name in reader.SQL_SOURCES:
        original = (tmp_path / name).read_bytes()
        (tmp_path / name).write_bytes(original + b"\n# changed\n")
        assert reader.code_fingerprint(tmp_path) != same, name
        (tmp_path / name).write_bytes(original)
    (tmp_path / "statements.py").unlink()
    assert reader.code_fingerprint(tmp_path) is None  # cannot tell: nothing is kept


def test_statements_build_sql_from_the_fingerprinted_files_only():
    """reader.SQL_SOURCES is what a kept statement depends on: statements.py may import no other part of
    claimtrack, and query.FIGURE_KEYS is statements.FIGURE_KEYS."""
    from claimtrack import statements

    tree = ast.parse((SRC / "statements.py").read_text())
    ours = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module and node.module.startswith("claimtrack")}
    ours |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
             if alias.name.startswith("claimtrack")}
    assert ours <= {f"claimtrack.{Path(name).stem}" for name in reader.SQL_SOURCES}, ours
    assert query.FIGURE_KEYS == statements.FIGURE_KEYS


def test_the_reader_opens_only_what_it_can_read_alone(tmp_path, seeds_db):
    assert reader.open_reader(database_url(str(seeds_db))) is not None
    old = tmp_path / "old.db"
    database_at(old, "0005")
    assert reader.open_reader(database_url(str(old))) is None  # a migration is due: the full layer runs it
    empty = tmp_path / "empty.db"
    empty.touch()
    assert reader.open_reader(database_url(str(empty))) is None
    with pytest.raises(NotFound, match="no database here"):
        reader.open_reader(database_url(str(tmp_path / "missing.db")))


def test_reading_commands_migrate_an_old_database_first(tmp_path, invoke):
    old = tmp_path / "old.db"
    database_at(old, "0005")
    result = invoke("--db", old, "claims", "--kind", "denial", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == reader.SCHEMA_HEAD


def test_a_damaged_database_is_one_line(tmp_path, invoke, seeds_db):
    broken = tmp_path / "broken.db"
    shutil.copy(seeds_db, broken)
    with sqlite3.connect(broken) as conn:
        conn.execute("DROP TABLE alias")
    result = invoke("--db", broken, "claims", "--actor", "NIS")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {broken}: no such table: alias"]


def _loaded(tmp_path, db, *args) -> tuple[set[str], str]:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80", "CLAIMTRACK_DB": str(db),
           "CLAIMTRACK_CACHE": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    return set(json.loads(run.stderr.strip().splitlines()[-1])), run.stdout


@pytest.mark.parametrize("args", [["claims", "--actor", "NIS", "--limit", "5"],
                                  ["who", "--actor", "NIS"],
                                  ["timeline", "--actor", "Kreml", "--format", "csv"],
                                  ["compare", "--actor", "NIS", "--format", "json"],
                                  ["claims", "--text", "Soldaten", "--since", "2024-10-01", "--format", "jsonl"]],
                         ids=["claims", "who", "timeline", "compare", "claims-text"])
def test_a_reading_command_needs_no_sqlalchemy_once_its_statements_are_kept(tmp_path, seeds_db, args):
    first, said_first = _loaded(tmp_path, seeds_db, *args)
    assert "sqlalchemy" in first  # compiling the statements once does need it (the probe sees it)
    second, said_second = _loaded(tmp_path, seeds_db, *args)
    heavy = second & {"sqlalchemy", "sqlmodel", "alembic"}  # (pydantic: Typer 0.29 validates options with it)
    assert not heavy, sorted(heavy)
    assert said_second == said_first and said_first.strip()


def test_the_reader_never_writes_and_leaves_no_wal_files(tmp_path, seeds_db, invoke):
    db = tmp_path / "seeds.db"
    shutil.copy(seeds_db, db)
    before = db.read_bytes()
    light = reader.open_reader(database_url(str(db)))
    with light.session() as session, pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        session.connection.execute("DELETE FROM claim")
    assert invoke("--db", db, "claims", "--actor", "NIS", "--format", "jsonl").exit_code == 0
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds.db"]  # the last to close cleaned up


def test_statements_are_taken_only_from_a_file_nobody_else_may_write(mixed_db, tmp_path):
    """A kept statement is SQL the reader runs: a cache file others may write is ignored (and the reader
    is held to reading whatever it runs)."""
    path = tmp_path / "statements.json"
    flt = ClaimFilter(kind="troop_count", limit=2)
    light = light_reader(mixed_db, path)
    with light.session() as session:
        expected = list(query.claim_rows(session, flt))
    planted = {key: ["SELECT 1, 2, 3", []] for key in [*json.loads(path.read_text()), "another shape"]}
    path.write_text(json.dumps(planted))
    for mode, taken in ((0o600, True), (0o620, False), (0o602, False)):
        path.chmod(mode)
        light.statements = reader.StatementCache(path)
        with light.session() as session:
            if taken:  # the planted SQL is what runs: proof that the mode alone decided below
                with pytest.raises(Exception):
                    list(query.claim_rows(session, flt))
            else:
                assert list(query.claim_rows(session, flt)) == expected, oct(mode)
    kept = json.loads(path.read_text())  # rewritten by the last run, without the planted entries
    assert kept and "another shape" not in kept and all(entry[0] != "SELECT 1, 2, 3" for entry in kept.values())
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_on_postgresql_a_kept_statement_needs_no_sqlalchemy_either(backend, request, tmp_path):
    database = ingested_database(request, SEEDS)
    args = ["claims", "--actor", "NIS", "--format", "jsonl"]
    first, said_first = _loaded(tmp_path, database, *args)
    second, said_second = _loaded(tmp_path, database, *args)
    assert "sqlalchemy" in first and "psycopg" in second
    assert not second & {"sqlalchemy", "sqlmodel", "alembic"}, sorted(second & {"sqlalchemy", "sqlmodel"})
    assert said_second == said_first and '"claimant": "NIS"' in said_first


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_on_postgresql_the_reader_never_writes(backend, request):
    from claimtrack.errors import StorageError

    database = ingested_database(request, SEEDS)
    with pytest.raises(StorageError, match="read-only"):  # the server refused the write
        with light_reader(database).session() as session:
            session.connection.execute("DELETE FROM claim")
    with light_reader(database).session() as session:
        assert session.connection.execute("SELECT count(*) FROM claim").fetchone()[0] > 0


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_on_postgresql_a_new_or_old_database_goes_to_the_full_layer(backend, new_database):
    fresh = new_database()
    assert reader.open_reader(database_url(fresh)) is None  # no schema yet: the full layer creates it
    old = new_database()
    database_at(old, "0005")
    assert reader.open_reader(database_url(old)) is None  # a migration is due: the full layer runs it
    open_database(old).close()
    assert reader.open_reader(database_url(old)) is not None
