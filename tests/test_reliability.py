"""Nothing lost under crashes, concurrent runs and hostile input."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import ROOT, SEEDS, database_at

sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

pytestmark = pytest.mark.slow


def cli(*args, env=None, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "claimtrack", *map(str, args)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def check_consistent(db):
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return 0  # killed before the first migration committed (it runs in one transaction): empty
        assert {"alembic_version", "source", "claim", "actor", "alias"} <= tables  # never half a schema
        duplicates = conn.execute("SELECT sha256, count(*) FROM source GROUP BY sha256 HAVING count(*) > 1").fetchall()
        assert duplicates == []
        orphans = conn.execute("SELECT count(*) FROM claim WHERE source_id NOT IN (SELECT id FROM source) "
                               "OR (claimant_id IS NOT NULL AND claimant_id NOT IN (SELECT id FROM actor))").fetchone()[0]
        assert orphans == 0
        return conn.execute("SELECT count(*) FROM source").fetchone()[0]


def test_sigkill_mid_ingest_then_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 240, seed=3)
    db = tmp_path / "crash.db"
    for delay in (0.8, 1.6, 2.4):
        process = cli("--db", db, "ingest", "-q", "--jobs", "1", corpus)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if db.exists():
            check_consistent(db)
    final = cli("--db", db, "ingest", "-q", corpus)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert check_consistent(db) == 240


def test_concurrent_ingests_and_reader(tmp_path):
    corpus = tmp_path / "corpus"
    files = generate(corpus, 90, seed=4)
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    for path in files[:60]:
        (left / path.name).write_bytes(path.read_bytes())
    for path in files[30:]:
        (right / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "busy.db"
    writers = [cli("--db", db, "ingest", "-q", "--jobs", "1", folder) for folder in (left, right)]
    reads, failures = 0, []
    while any(w.poll() is None for w in writers):
        if not db.exists():  # reading commands never create a database: wait for the first writer
            time.sleep(0.05)
            continue
        reader = subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(db), "claims", "--limit", "3",
                                 "--format", "jsonl"], cwd=ROOT, capture_output=True, text=True)
        reads += 1
        if reader.returncode != 0:
            failures.append(reader.stderr)
    outputs = [w.communicate() for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    assert not any("locked" in err for _, err in outputs)
    assert failures == [] and reads > 0
    assert check_consistent(db) == 90


def test_hostile_corpus(tmp_path, invoke):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "huge line.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    (folder / "nul.txt").write_bytes(b"Text\x00mit\x00NUL")
    (folder / "mixed.txt").write_bytes("Nordkorea: Überblick\n\nLaut Pentagon sind 4.000 Soldaten in Kursk. ".encode()
                                       + b"M\xfcnchen meldet nichts.\n")
    (folder / "rtl-zero-width.txt").write_text("Nordkorea\n\n\u202eLaut\u200b Pentagon sind 4.000\u200d Soldaten "
                                               "\u05e9\u05dc\u05d5\u05dd dort.\n", encoding="utf-8")
    (folder / "long-number.txt").write_text("Nordkorea\n\nLaut Pentagon sind " + "9" * 100_000 + " Soldaten dort.\n")
    (folder / "quotes.txt").write_text("Nordkorea\n\n" + "„" * 10_000 + "Laut NIS sind es 3.000 Soldaten."
                                       + "“" * 10_000 + "\n")
    (folder / "Name mit\nZeilenumbruch und 名前.txt").write_text("Nordkorea\n\nDer Kreml dementierte.\n")
    (folder / "many sentences.txt").write_text("Nordkorea\n\n" + "Laut NIS sind es 3.000 Soldaten. " * 10_000)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "fifo.txt")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Nordkorea\n\nDer Kreml dementierte.\n")
    locked.chmod(0)
    try:
        start = time.monotonic()
        result = invoke("--db", tmp_path / "h.db", "ingest", folder)
        elapsed = time.monotonic() - start
    finally:
        locked.chmod(0o755)
    assert elapsed < 120
    assert result.exit_code == 1
    assert "huge line.txt: too large" in result.stderr
    assert "nul.txt: binary file" in result.stderr
    assert "fifo.txt: not a regular file" in result.stderr
    if os.geteuid() != 0:  # root reads any folder
        assert "cannot read folder" in result.stderr
    assert "Traceback" not in result.output
    with sqlite3.connect(tmp_path / "h.db") as conn:
        stored = {row[0]: row[1] for row in conn.execute("SELECT file_name, encoding FROM source")}
    assert stored["mixed.txt"] == "utf-8+cp1252"
    assert {"rtl-zero-width.txt", "long-number.txt", "quotes.txt", "Name mit\nZeilenumbruch und 名前.txt",
            "many sentences.txt"} <= set(stored)
    check_consistent(tmp_path / "h.db")


def test_older_schema_is_migrated_after_a_backup(tmp_path):
    from claimtrack.db import open_database

    path = tmp_path / "old.db"
    database_at(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO source (file_name, path, sha256, language, encoding, text, size_bytes, ingested_at,"
                     " extractor_version) VALUES ('a.txt', 'a.txt', 'x', 'de', 'utf-8', 'Text', 4, '2024-01-01', '0')")
    db = open_database(str(path))
    db.close()
    backups = list(tmp_path.glob("old.db.0001.*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT count(*) FROM source").fetchone()[0] == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM claims_view").fetchone()[0] == 0


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    result = CliRunner().invoke(app, ["--db", str(path), "ingest", "-q", str(SEEDS)])
    assert result.exit_code == 0
    return path


@settings(max_examples=60, deadline=None)
@given(actor=st.one_of(st.none(), st.text(max_size=30)), text=st.one_of(st.none(), st.text(max_size=30)),
       since=st.one_of(st.none(), st.text(max_size=12), st.dates(min_value=date(1, 1, 1)).map(str)),
       minimum=st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70).map(str), st.text(max_size=8)))
def test_cli_filters_never_crash(fuzz_db, actor, text, since, minimum):
    args = ["--db", str(fuzz_db), "claims", "--format", "jsonl"]
    for option, value in (("--actor", actor), ("--text", text), ("--since", since), ("--min", minimum)):
        if value is not None:
            args += [option, value]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0 and text:
        for line in result.stdout.splitlines():
            # --text matches without regard to (ASCII) case, as SQL LIKE does
            assert text.casefold() in json.loads(line)["quote"].casefold()


def test_sql_metacharacters_are_data(fuzz_db):
    runner = CliRunner()
    for hostile in ("'; DROP TABLE claim; --", "%", "_", "\" OR 1=1 --"):
        result = runner.invoke(app, ["--db", str(fuzz_db), "claims", "--text", hostile, "--format", "jsonl"])
        assert result.exit_code == 0 and result.stdout == ""
        assert runner.invoke(app, ["--db", str(fuzz_db), "claims", "--actor", hostile]).exit_code == 1
    with sqlite3.connect(fuzz_db) as conn:
        assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] > 0


def test_nul_in_text_filter_is_refused(fuzz_db):
    # SQLite's LIKE stops at NUL, so '%\x00%' would match every quote (found by test_cli_filters_never_crash)
    result = CliRunner().invoke(app, ["--db", str(fuzz_db), "claims", "--format", "jsonl", "--text", "Nato\x00"])
    assert result.exit_code == 2, result.output
    assert "NUL" in result.output and '"quote"' not in result.output


def test_a_digit_int_cannot_read_is_a_name(fuzz_db):
    # "²" is str.isdigit() but not int()-able (found by test_cli_filters_never_crash): an unknown name
    result = CliRunner().invoke(app, ["--db", str(fuzz_db), "claims", "--actor", "²"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert "²" in result.output
