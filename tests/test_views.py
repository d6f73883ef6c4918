"""The analyst commands on the ingested seeds, through CliRunner."""

import csv
import io
import json
import shutil

import pytest

from tests.conftest import SEEDS


@pytest.fixture
def seeded(invoke, seeds_db, tmp_path):
    db = tmp_path / "seeds.db"
    shutil.copy(seeds_db, db)

    def run(*args):
        return invoke("--db", db, *args)
    return run


def test_who_answers_the_question(seeded):
    result = seeded("who")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def row(*needles):
        return [line for line in lines if all(n in line for n in needles)]

    assert row("NIS", "≈1,500") and row("NIS", "1,500", "2024-10-14..2024-10-20")
    assert row("Wolodymyr Selenskyj", "10,000")
    assert row("USA", "3,000", "→ 10,000")
    assert row("Südkorea", "13,000")


def test_who_formats(seeded):
    rows = [json.loads(line) for line in seeded("who", "--format", "jsonl").stdout.splitlines()]
    usa = {r["figure"]: r for r in rows if r["claimant"] == "USA"}
    assert usa["3,000"]["revised_to"] == "→ 10,000" and usa["3,000"]["status"] == "revised"
    chart = seeded("who", "--chart")
    assert chart.exit_code == 0 and "Wolodymyr Selenskyj" in chart.stdout and "#" in chart.stdout


def test_compare_shows_spread_and_revision(seeded):
    result = seeded("compare", "--format", "json")
    data = json.loads(result.stdout)[0]
    spread = {r["claimant"]: r["figure"] for r in data["spread"]}
    assert spread["NIS"] == "≈1,500" and spread["Südkorea"] == "13,000"
    assert spread["Wolodymyr Selenskyj"] == "10,000" and spread["USA"] in ("10,000", "thousands")
    usa = {r["figure"]: r for r in data["figures"] if r["claimant"] == "USA"}
    assert usa["3,000"]["status"] == "revised"
    selenskyj = [r for r in data["figures"] if r["claimant"] == "Wolodymyr Selenskyj"][0]
    assert selenskyj["origins"] == 2 and len(selenskyj["sources"]) == 2
    table = seeded("compare")
    assert "Contradictions" in table.stdout and "Spread" in table.stdout


def test_claims_filters(seeded):
    pentagon = seeded("claims", "--actor", "selenskij", "--format", "jsonl").stdout.splitlines()
    assert pentagon and all(json.loads(r)["claimant"] == "Wolodymyr Selenskyj" for r in pentagon)
    big = [json.loads(r) for r in seeded("claims", "--min", "10000", "--format", "jsonl").stdout.splitlines()]
    assert big and all((r["value_max"] or r["value"]) >= 10000 for r in big)
    text = [json.loads(r) for r in seeded("claims", "--text", "Spezialeinheiten", "--format", "jsonl").stdout.splitlines()]
    assert text and all("Spezialeinheiten" in r["quote"] for r in text)
    since = [json.loads(r) for r in seeded("claims", "--since", "2024-10-21", "--format", "jsonl").stdout.splitlines()]
    assert since and all(r["date_to"] >= "2024-10-21" for r in since)
    assert seeded("claims", "--kind", "troop_count", "--limit", "2", "--format", "jsonl").stdout.count("\n") == 2


def test_exit_codes(seeded):
    unknown = seeded("claims", "--actor", "Niemand Bekannt")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: no actor named")
    assert seeded("sources", "show", "9999").exit_code == 1
    assert seeded("claims", "--kind", "rumour").exit_code == 2
    assert seeded("claims", "--since", "last year").exit_code == 2
    assert seeded("claims", "--format", "xml").exit_code == 2


def test_csv_round_trip_matches_jsonl(seeded, tmp_path):
    jsonl = seeded("export", "claims", "--format", "jsonl").stdout.splitlines()
    out = tmp_path / "claims.csv"
    assert seeded("export", "claims", "--format", "csv", "--excel", "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(jsonl)
    assert rows[0].keys() >= {"id", "claimant", "kind", "value", "quote", "start", "end"}


def test_csv_neutralises_formulas(invoke, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Nordkoreas Truppen\n\n=Laut Pentagon sind 4.000 Soldaten dort.\n", encoding="utf-8")
    db = tmp_path / "f.db"
    assert invoke("--db", db, "ingest", folder).exit_code == 0
    safe = invoke("--db", db, "export", "claims", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(safe)))
    assert rows and rows[0]["quote"].startswith("'=Laut Pentagon")
    raw = list(csv.DictReader(io.StringIO(invoke("--db", db, "export", "claims", "--format", "csv", "--raw").stdout)))
    assert raw[0]["quote"].startswith("=Laut")


def test_actors_merge_and_alias(seeded):
    assert seeded("actors", "alias", "NIS", "Südkoreas Spionagedienst").exit_code == 0
    shown = json.loads(seeded("actors", "Südkoreas Spionagedienst", "--format", "json").stdout)[0]
    assert shown["name"] == "NIS" and "Südkoreas Spionagedienst" in shown["aliases"]
    taken = seeded("actors", "alias", "Pentagon", "Südkoreas Spionagedienst")
    assert taken.exit_code == 1 and "already an alias of 'NIS'" in taken.stderr
    before = json.loads(seeded("actors", "USA", "--format", "json").stdout)[0]["claims"]
    merged = seeded("actors", "merge", "USA", "Lloyd Austin")
    assert merged.exit_code == 0
    after = json.loads(seeded("actors", "USA", "--format", "json").stdout)[0]
    assert after["claims"] > before and "Lloyd Austin" in after["aliases"]
    assert seeded("actors", "Lloyd Austin", "--format", "json").exit_code == 0  # now an alias of USA


def test_timeline_and_show(seeded):
    timeline = seeded("timeline", "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(r) for r in timeline]
    dated = [r["date"][:10] for r in rows if r["date"][:4].isdigit()]
    assert dated == sorted(dated) and len(rows) > len(dated)
    kinds = {r["kind"] for r in rows}
    assert {"troop_count", "denial", "not_confirmed", "confirmation"} <= kinds
    shown = seeded("sources", "show", "004_767a37a78c410947.txt")
    assert shown.exit_code == 0 and "[[Die südkoreanische Spionagebehörde" in shown.stdout


def test_every_command_has_help_with_example(invoke):
    for command in ([], ["export"], ["ingest"], ["claims"], ["who"], ["compare"], ["timeline"], ["actors"], ["actors", "merge"],
                    ["actors", "alias"], ["sources"], ["sources", "set"], ["sources", "show"], ["export", "claims"],
                    ["export", "sources"], ["export", "actors"], ["eval"]):
        result = invoke(*command, "--help")
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, command


def test_views_for_other_tools(seeds_db):
    import sqlite3

    with sqlite3.connect(seeds_db) as conn:
        rows = conn.execute("SELECT claimant, value FROM claims_view WHERE kind = 'troop_count' AND claimant = 'NIS'"
                            ).fetchall()
        assert rows and all(value in (1500, 3000) for _, value in rows)
        assert conn.execute("SELECT aliases FROM actors_view WHERE name = 'NIS'").fetchone()[0]


@pytest.mark.parametrize("folder", ["seeds", "dev"])
def test_who_aggregated_by_sqlite_equals_python(folder, tmp_path):
    from claimtrack import compare, query
    from claimtrack.db import open_database
    from claimtrack.ingest.pipeline import IngestOptions, ingest
    from tests.conftest import DEV

    db = open_database(str(tmp_path / "w.db"))
    ingest(db, [SEEDS if folder == "seeds" else DEV], IngestOptions(jobs=1))
    with db.session() as session:
        for actor in (None, "NIS"):
            flt = query.ClaimFilter(actor=actor, kind="troop_count")
            in_sql = [w.as_dict() for w in compare.who_from_groups(query.who_groups(session, flt))]
            in_python = [w.as_dict() for w in compare.who(query.figure_rows(session, flt))]
            assert in_sql == in_python and in_sql
    db.close()
