"""The benchmark keeps working (at a tiny size; no timing is asserted), and the queries use indexes."""

import sys

from sqlalchemy.dialects import sqlite

from claimtrack import query
from claimtrack.db import open_database
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import bench, generate  # noqa: E402


def test_generator_is_deterministic(tmp_path):
    first = [p.read_text() for p in generate.generate(tmp_path / "a", 3, seed=5)]
    second = [p.read_text() for p in generate.generate(tmp_path / "b", 3, seed=5)]
    assert first == second
    assert all(2500 < len(text) < 4500 for text in first)


def test_bench_runs_tiny():
    report = bench.run(articles=4, claims=500)
    assert "ingest, 1 job" in report and "CSV export" in report and "`who`" in report


def test_actor_filter_uses_indexes(tmp_path):
    path = tmp_path / "plan.db"
    bench.synthetic_claims(path, 2000)
    db = open_database(str(path))
    with db.session() as session:
        stmt = query.claim_statement(session, query.ClaimFilter(actor="Pentagon", limit=10))
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = " | ".join(row[3] for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    db.close()
    assert "ix_claim_claimant_kind" in plan and "ix_claim_via_id" in plan
    assert "SCAN claim" not in plan and "SCAN source" not in plan
