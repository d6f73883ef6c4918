"""The analyst's views on seeds + dev together (issue #11): who fits 80 columns and agrees with the
database, compare flags only real disagreement, dates filters say what they leave out."""

import json
from datetime import date

import pytest
from rich.cells import cell_len

from claimtrack import compare as views
from tests.conftest import DEV, SEEDS, ingested_database


pytestmark = pytest.mark.both_databases


@pytest.fixture
def story_db(request):
    return ingested_database(request, SEEDS, DEV)


@pytest.fixture
def run(invoke, story_db, monkeypatch):
    def call(*args, columns=80):
        monkeypatch.setenv("COLUMNS", str(columns))
        return invoke("--db", story_db, *args)
    return call


def test_who_fits_80_columns_and_never_cuts_a_figure(run):
    table = run("who")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines and max(cell_len(line.rstrip()) for line in lines) <= 80
    rows = [json.loads(line) for line in run("who", "--format", "jsonl").stdout.splitlines()]
    body = [line for line in lines if "|" in line]
    for row in rows:
        assert any(f"| {row['figure']} " in line and row["stated"] in line for line in body), row


def test_who_rows_agree_with_the_claims_in_the_database(run, story_db):
    rows = [json.loads(line) for line in run("who", "--all", "--format", "jsonl").stdout.splitlines()]
    from sqlalchemy import text

    from claimtrack.db import open_database

    db = open_database(story_db, existing=True)
    with db.session() as session:
        claims = [tuple(str(v) if isinstance(v, date) else v for v in row) for row in session.execute(text(
            "SELECT a.name, c.value, c.value_max, c.magnitude, c.qualifier, c.unit, c.force, c.projection, "
            "c.date_from, c.date_to, s.file_name FROM claim c LEFT JOIN actor a ON a.id = c.claimant_id "
            "JOIN source s ON s.id = c.source_id WHERE c.kind = 'troop_count'"))]
    db.close()
    assert sum(r["claims"] for r in rows) == len(claims)  # every figure in exactly one row
    for row in rows:
        point = row["qualifier"] in (None, "exact", "approx")
        mine = [c for c in claims if (c[0] or "(unattributed)") == row["claimant"] and c[1] == row["value"]
                and c[2] == row["value_max"] and c[3] == row["magnitude"] and c[6] == row["force"]
                and ((c[4] in (None, "exact", "approx")) if point else c[4] == row["qualifier"])
                and bool(c[7]) == (row["role"] == "forecast")
                and (c[5] in ("soldiers", "special_forces", None)) == (row["role"] != "sub-unit" or bool(c[7]))]
        if row["role"] == "sub-unit":
            mine = [c for c in mine if c[5] == row["unit"]]
        assert len(mine) == row["claims"], row
        assert len({c[10] for c in mine}) == row["sources"]
        dated = [c for c in mine if c[8] or c[9]]
        assert row["undated"] == len(mine) - len(dated)
        if dated:
            assert row["last_date"] == max(c[9] for c in dated)
            assert row["first_date"] == min(c[8] or c[9] for c in dated)
        assert (row["qualifier"] == "approx") == any(c[4] == "approx" for c in mine)


def test_who_shows_strength_by_default_and_marks_the_rest(run):
    default = [json.loads(line) for line in run("who", "--format", "jsonl").stdout.splitlines()]
    every = [json.loads(line) for line in run("who", "--all", "--format", "jsonl").stdout.splitlines()]
    assert {r["role"] for r in default} == {"strength"}
    assert {"forecast", "sub-unit"} <= {r["role"] for r in every}
    assert not [r for r in default if r["claimant"] == "HUR" and r["value"] == 3]  # three generals
    table = run("who", "--all")
    assert "sub-unit" in table.stdout and "forecast" in table.stdout
    assert "not shown (--all shows them)" in run("who").stderr


def test_who_shows_how_a_claimant_s_figures_moved(run):
    data = json.loads(run("who", "--actor", "NIS", "--format", "json").stdout)
    by_figure = {r["figure"]: r for r in data}
    assert by_figure["≈1,500"]["next_figure"] == "≈3,000"
    table = run("who", "--actor", "NIS").stdout
    chain = table[table.index("How the figures moved"):]
    assert chain.index("≈1,500") < chain.index("≈3,000") < chain.index(">10,000") < chain.index("≈11,000")


def test_compare_flags_only_disagreement_between_claimants(run):
    data = json.loads(run("compare", "--format", "json").stdout)[0]
    pairs = {(c["month"], *sorted([c["a"]["claimant"], c["b"]["claimant"]])) for c in data["contradictions"]}
    assert ("2024-12", "HUR", "NIS") in pairs
    for item in data["contradictions"]:
        a, b = item["a"], item["b"]
        assert a["claimant"] != b["claimant"]  # revisions and restatements are not contradictions
        assert {a["value"], b["value"]} != {12000}  # 12,000 beside ≈12,000
        assert "Kursk" not in (a["location"], b["location"]) or a["location"] == b["location"]
    ids = {e["claim_id"] for c in data["contradictions"] for e in (c["a"], c["b"])}
    rows = {r["claim_id"]: r for r in json.loads(run("timeline", "--kind", "troop_count", "--format",
                                                         "json").stdout)}
    assert all(rows[i]["status"] == "current" for i in ids)
    table = run("compare")
    assert table.exit_code == 0 and "NIS ≈11,000" in table.stdout and "2024-12 !" in table.stdout
    assert max(cell_len(line.rstrip()) for line in table.stdout.splitlines()) <= 80


@pytest.mark.parametrize("a, b, disjoint", [
    ({"value": 11000, "qualifier": "approx"}, {"value": 12000, "qualifier": "approx"}, True),
    ({"value": 12000, "qualifier": "exact"}, {"value": 12000, "qualifier": "approx"}, False),
    ({"value": 10000, "qualifier": "approx"}, {"value": 11000, "qualifier": "exact"}, False),
    ({"value": 10000, "qualifier": "more_than"}, {"value": 15000, "qualifier": "approx"}, False),
    ({"value": 10000, "qualifier": "more_than"}, {"value": 10000, "qualifier": "exact"}, True),
    ({"value": 10000, "qualifier": "at_least"}, {"value": 10000, "qualifier": "exact"}, False),
    ({"value": 11000, "value_max": 12000, "qualifier": "range"}, {"value": 12000, "qualifier": "exact"}, False),
    ({"value": 12000, "qualifier": "up_to"}, {"value": 8000, "qualifier": "approx"}, False),
    ({"value": 1500, "qualifier": "exact"}, {"value": 3000, "qualifier": "approx"}, True),
])
def test_coverage_of_qualifiers(a, b, disjoint):
    assert views.disjoint(views.coverage(a), views.coverage(b)) is disjoint


@pytest.mark.parametrize("a, b, comparable", [
    ("Russia", None, True), ("Russia", "Russia", True), (None, None, True), ("Kursk", "Russia", False),
    ("Kursk", None, False), ("Kursk", "Kursk", True), ("Russia", "Ukraine", False),
])
def test_places_compared(a, b, comparable):
    assert views.comparable_places(a, b, frozenset({"Russia", "Ukraine"})) is comparable


def test_compact_dates():
    d = date
    assert views.compact(d(2024, 10, 23), d(2024, 10, 23)) == "2024-10-23"
    assert views.compact(d(2024, 10, 1), d(2024, 10, 31)) == "2024-10"
    assert views.compact(d(2024, 10, 14), d(2024, 10, 20)) == "2024-10-14..20"
    assert views.compact(d(2024, 10, 28), d(2024, 11, 3)) == "2024-10-28..11-03"
    assert views.compact(None, d(2024, 11, 12)) == "<2024-11-12"
    assert views.compact(d(2024, 1, 1), d(2024, 12, 31)) == "2024"


def test_date_filters_say_what_they_leave_out(run):
    since = run("claims", "--since", "2024-10-01", "--format", "jsonl")
    assert since.exit_code == 0 and "undated claims left out by --since/--until" in since.stderr
    left_out = int(since.stderr.split(" undated")[0].split()[-1])
    only = [json.loads(line) for line in run("claims", "--undated", "only", "--format", "jsonl").stdout.splitlines()]
    assert len(only) == left_out and all(r["date_from"] is None and r["date_to"] is None for r in only)
    kept = run("claims", "--since", "2024-10-01", "--undated", "include", "--format", "jsonl")
    assert len(kept.stdout.splitlines()) == len(since.stdout.splitlines()) + left_out
    assert "left out" not in kept.stderr


def test_machine_formats_carry_numbers(run):
    compare = [json.loads(line) for line in run("compare", "--format", "jsonl").stdout.splitlines()]
    assert compare and all("value" in r and "qualifier" in r for r in compare)
    timeline = [json.loads(line) for line in run("timeline", "--format", "jsonl").stdout.splitlines()]
    counts = [r for r in timeline if r["kind"] == "troop_count" and r["figure"][:1].isdigit()]
    assert counts and all(isinstance(r["value"], int) for r in counts)
    csv_text = run("who", "--format", "csv").stdout
    header = csv_text.splitlines()[0].split(",")
    assert {"value", "value_max", "qualifier", "magnitude", "first_date", "last_date"} <= set(header)


def test_terminal_chart_is_readable_at_80_columns(run):
    chart = run("who", "--actor", "NIS", "--chart")
    assert chart.exit_code == 0
    lines = chart.stdout.splitlines()
    assert lines[0].startswith("full bar = 15,000") and max(cell_len(line) for line in lines) <= 80
    bars = [line for line in lines if line.startswith("  ")]
    assert any("~" in line and "≈11,000" in line for line in bars)  # approximate: marked
    fifteen = next(line for line in bars if "≈15,000" in line)
    eleven = next(line for line in bars if "≈11,000" in line)
    assert fifteen.count("~") > eleven.count("~")  # the length is the figure


def test_chart_file_is_written_whole(run, tmp_path):
    pytest.importorskip("matplotlib", reason="the chart extra (matplotlib) is not installed")
    out = tmp_path / "figures.svg"
    result = run("chart", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert [p.name for p in tmp_path.iterdir()] == ["figures.svg"]  # no temporary file left
    bad = run("chart", "-o", str(tmp_path / "figures.txt"))
    assert bad.exit_code == 1 and "figures.txt" in bad.stderr


def test_a_mistyped_database_is_an_error_not_an_empty_table(invoke, tmp_path):
    missing = tmp_path / "claimtrakc.db"
    for command in (["who"], ["claims"], ["sources"], ["compare"], ["actors"]):
        result = invoke("--db", missing, *command)
        assert result.exit_code == 1 and "no database here" in result.stderr, command
        assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_unknown_actor_gets_a_suggestion(run):
    result = run("who", "--actor", "Pentagn")
    assert result.exit_code == 1 and "did you mean 'Pentagon'" in result.stderr


def test_actor_shows_its_claims(run):
    shown = run("actors", "NIS").stdout
    assert "Claims of NIS" in shown and "1,500" in shown and "Spezialkräfte" in shown


def test_a_wrong_publication_date_can_be_cleared(invoke, tmp_path, new_database):
    db = new_database()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Titel\n\nSeoul, 25.10.2024 (dpa) – Laut NIS sind am Mittwoch 3.000 Soldaten "
                                  "eingetroffen.\n", encoding="utf-8")
    (folder / "README.md").write_text("# Notes\n\nLaut NIS sind 9.000 Soldaten dort.\n", encoding="utf-8")
    ingested = invoke("--db", db, "ingest", folder)
    assert ingested.exit_code == 0 and "README" in ingested.stderr
    claims = [json.loads(r) for r in invoke("--db", db, "claims", "--format", "jsonl").stdout.splitlines()]
    assert [c["value"] for c in claims] == [3000] and claims[0]["date_from"] == "2024-10-23"
    assert invoke("--db", db, "sources", "set", "1", "--published", "none").exit_code == 0
    claims = [json.loads(r) for r in invoke("--db", db, "claims", "--format", "jsonl").stdout.splitlines()]
    assert claims[0]["date_from"] is None and claims[0]["date_text"] == "am Mittwoch"
    assert json.loads(invoke("--db", db, "sources", "--format", "json").stdout)[0]["published"] is None


def test_who_with_a_limit_says_what_it_left_out_and_moves_only_the_shown_claimants(run):
    every = [json.loads(line) for line in run("who", "--format", "jsonl").stdout.splitlines()]
    table = run("who", "--limit", "3", columns=200)
    assert table.exit_code == 0, table.output
    assert f"{len(every) - 3:,} more figures not shown (3 of {len(every):,};" in table.stderr
    shown = {(r["claimant"], r["force"]) for r in every[:3]}
    moves = table.stdout.split("How the figures moved", 1)[1].splitlines()[1:] if "How the figures moved" in \
        table.stdout else []
    moved = {line.split(":")[0].strip() for line in moves if line.startswith("  ") and not line.startswith("      ")}
    assert moved and moved <= {name for name, _ in shown}
    full = run("who", columns=200)
    assert "more figures not shown" not in full.stderr
    assert len([line for line in full.stdout.splitlines() if line.startswith("  ") and ": " in line]) > len(moved)
