"""The extraction level reached on the seeds and the dev set, held as a regression test, and
`claimtrack eval` agreeing with the team's scorer."""

import json
import subprocess
import sys

import pytest

from claimtrack.db import open_database
from claimtrack.evaluate import read_gold, score
from claimtrack.ingest.pipeline import IngestOptions, ingest
from claimtrack.query import claim_rows, source_rows
from tests.conftest import DEV, GOLD, ROOT, SEEDS

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def plain(rows):
    return [json.loads(json.dumps(r, default=str)) for r in rows]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    results = {}
    for name, folder in (("seeds", SEEDS), ("dev", DEV)):
        db = open_database(str(tmp_path_factory.mktemp(name) / "q.db"))
        summary = ingest(db, [folder], IngestOptions(jobs=1))
        assert not summary.failed
        with db.session() as session:
            claims, sources = plain(claim_rows(session)), plain(source_rows(session))
        db.close()
        results[name] = (score(read_gold([GOLD / f"{name}.gold.jsonl"]), claims, sources), claims, sources)
    return results


def dates_right(result):
    tally = result["attributes"]["date"]
    matched = sum(tally.values())
    return (tally.get("ok", 0) + tally.get("ok_null", 0)) / matched


def test_seeds_level(scored):
    result = scored["seeds"][0]
    assert result["troop_count"]["f1"] >= 0.95
    assert result["stance"]["f1"] >= 0.95
    assert dates_right(result) == 1.0
    assert result["sources"]["published"] == {"ok": 5}
    assert result["sources"]["outlet"] == {"ok": 5}


def test_dev_level(scored):
    result = scored["dev"][0]
    assert result["troop_count"]["f1"] >= 0.95
    assert result["stance"]["f1"] >= 0.95
    assert dates_right(result) >= 0.95
    assert result["sources"]["published"] == {"ok": 12}
    assert not [e for e in result["errors"] if e.startswith("ALIAS")]


@pytest.mark.skipif(not SCORER.exists(), reason="the team's scorer is not beside the project")
def test_eval_command_matches_scorer(scored, tmp_path, invoke):
    _, claims, sources = scored["dev"]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims))
    (tmp_path / "s.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sources))
    gold = GOLD / "dev.gold.jsonl"
    reference = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--claims", str(tmp_path / "c.jsonl"),
                                "--sources", str(tmp_path / "s.jsonl"), "--show-errors"],
                               capture_output=True, text=True, check=True).stdout
    db = tmp_path / "e.db"
    assert invoke("--db", db, "ingest", "-q", DEV).exit_code == 0
    ours = invoke("--db", db, "eval", "--gold", gold, "--show-errors")
    assert ours.exit_code == 0
    assert ours.stdout.strip() == reference.strip()


def test_gold_copies_match_shared():
    shared = ROOT.parent / "shared" / "eval"
    if not shared.exists():
        pytest.skip("shared/ is not beside the project")
    assert (GOLD / "seeds.gold.jsonl").read_bytes() == (shared / "seeds.gold.jsonl").read_bytes()
    assert (GOLD / "dev.gold.jsonl").read_bytes() == (shared / "dev" / "dev.gold.jsonl").read_bytes()
    assert sorted(p.name for p in DEV.glob("*.txt")) == sorted(p.name for p in (shared / "dev").glob("*.txt"))
    assert sorted(p.read_bytes() for p in SEEDS.glob("*.txt")) == sorted(
        p.read_bytes() for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
