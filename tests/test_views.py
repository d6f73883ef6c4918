"""The analyst commands on the ingested seeds, through CliRunner."""

import csv
import io
import json

import pytest

from tests.conftest import clone_database

pytestmark = pytest.mark.both_databases


@pytest.fixture
def seeded(invoke, seeds_ref, new_database):
    db = clone_database(seeds_ref, new_database())

    def run(*args):
        return invoke("--db", db, *args)
    return run


def test_who_answers_the_question(seeded):
    result = seeded("who")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def row(*needles):
        return [line for line in lines if all(n in line for n in needles)]

    # '1,500' and 'rund 1.500' by the NIS are one figure, shown once with its qualifier
    assert row("NIS", "≈1,500") and not row("NIS", " 1,500 ")
    assert row("Wolodymyr Selenskyj", "10,000") or row("USA", "10,000")
    assert row("USA", "3,000", "“Anfangs”")
    assert row("Südkorea", "13,000")


def test_who_formats_carry_numbers(seeded):
    rows = [json.loads(line) for line in seeded("who", "--format", "jsonl").stdout.splitlines()]
    usa = {r["figure"]: r for r in rows if r["claimant"] == "USA"}
    assert usa["3,000"]["value"] == 3000 and usa["3,000"]["status"] == "revised"
    assert usa["3,000"]["revised_to"] == ["10,000"] and usa["3,000"]["date_text"] == "Anfangs"
    nis = [r for r in rows if r["claimant"] == "NIS" and r["value"] == 1500]
    assert len(nis) == 1 and nis[0]["qualifier"] == "approx" and nis[0]["claims"] >= 2
    assert all(r["first_date"] is None or len(r["first_date"]) == 10 for r in rows)
    chart = seeded("who", "--chart")
    assert chart.exit_code == 0 and "NIS" in chart.stdout and "#" in chart.stdout


def test_compare_spread_dated_first(seeded):
    data = json.loads(seeded("compare", "--format", "json").stdout)[0]
    spread = {r["claimant"]: r for r in data["spread"]}
    # the NIS's dated figure (2024-10-14..20) wins over its undated one
    assert spread["NIS"]["value"] == 1500 and spread["NIS"]["date_from"] == "2024-10-14"
    assert spread["Südkorea"]["undated"] is True and spread["Südkorea"]["value"] == 13000
    assert [r["undated"] for r in data["spread"]] == sorted(r["undated"] for r in data["spread"])
    table = seeded("compare")
    assert "Spread" in table.stdout and "Side by side" in table.stdout


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


def test_csv_neutralises_formulas(invoke, tmp_path, new_database):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Nordkoreas Truppen\n\n=Laut Pentagon sind 4.000 Soldaten dort.\n", encoding="utf-8")
    db = new_database()
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
    for command in ([], ["export"], ["ingest"], ["claims"], ["who"], ["compare"], ["timeline"], ["chart"], ["actors"],
                    ["actors", "merge"],
                    ["actors", "alias"], ["sources"], ["sources", "set"], ["sources", "show"], ["export", "claims"],
                    ["export", "sources"], ["export", "actors"], ["eval"], ["db"], ["db", "copy"], ["serve"]):
        result = invoke(*command, "--help")
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, command


def test_views_for_other_tools(seeds_ref):
    """claims_view and actors_view, as sqlite3, psql or Datasette users query them (the aliases are
    joined by dialect-specific SQL in the migrations)."""
    from sqlalchemy import text

    from claimtrack.db import open_database

    db = open_database(seeds_ref, existing=True)
    with db.session() as session:
        rows = session.execute(text("SELECT claimant, value FROM claims_view "
                                    "WHERE kind = 'troop_count' AND claimant = 'NIS'")).all()
        assert rows and all(value in (1500, 3000) for _, value in rows)
        aliases = session.execute(text("SELECT aliases FROM actors_view WHERE name = 'NIS'")).scalar_one()
        assert " | " in aliases and "National Intelligence Service" in aliases
    db.close()


def test_lines_encoded_once_are_written_as_the_json_exports_write_rows():
    """`who --format json/jsonl` over all claims writes stored lines (summary.who_lines): the same bytes."""
    import io

    from claimtrack import export

    rows = [{"claimant": "NIS", "figure": "≈3,000", "quote": "Zeile\u2028zwei \x85"}, {"claimant": "USA", "value": 1}]
    for fmt in ("json", "jsonl"):
        for some in (rows, rows[:1], []):
            written, lines = io.StringIO(), io.StringIO()
            export.write(some, written, fmt)
            export.write_lines([export.json_line(r) for r in some], lines, fmt)
            assert lines.getvalue() == written.getvalue(), (fmt, some)
    assert "\\u2028" in export.json_line(rows[0]) and "\\u0085" in export.json_line(rows[0])
