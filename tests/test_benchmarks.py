"""The benchmark keeps working (at a tiny size; no timing is asserted), and the queries use indexes."""

import re
import subprocess
import sys

from sqlalchemy.dialects import sqlite

from claimtrack import query
from claimtrack.db import open_database
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import bench, generate, regex_calls  # noqa: E402


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


def test_regex_calls_counts_every_call_of_the_extractor():
    # a fresh interpreter: the extractor's patterns must be compiled after the wrapper is in place
    report = subprocess.run([sys.executable, "-m", "benchmarks.regex_calls", "--articles", "3", "--warm", "1",
                             "--top", "3"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    found = re.search(r"([\d,]+) calls of ([\d,]+) patterns.*in the ([\d,]+) calls that found nothing", report)
    calls, patterns, empty = (int(group.replace(",", "")) for group in found.groups())
    assert calls > 1000 and patterns > 50 and 0 < empty < calls
    assert report.count("\n| ") == 5  # the header, its rule and the three costliest patterns


def test_a_timed_pattern_answers_as_the_pattern():
    plain = re.compile(r"(?<!\w)(?P<word>ab+)(?!\w)", re.IGNORECASE)
    timed = regex_calls.TimedPattern(plain)
    for text in ["", "ab", "xab ABB ab-", "abab", "a b ab"]:
        assert (timed.search(text) and timed.search(text).span()) == (plain.search(text) and plain.search(text).span())
        assert [m.span() for m in timed.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert timed.findall(text) == plain.findall(text)
        assert timed.sub("-", text) == plain.sub("-", text) and timed.split(text) == plain.split(text)
        assert (timed.match(text, 1) is None) == (plain.match(text, 1) is None)
    assert timed.groupindex == plain.groupindex and timed.pattern == plain.pattern
