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
