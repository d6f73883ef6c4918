"""compare lists at most so many contradictions per month and force (issue #14): the first by date,
and says which months it cut; the other sections keep every figure."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from claimtrack import compare as views


def _figure_row(i, claimant, value, day):
    return {"id": i, "kind": "troop_count", "claimant": claimant, "value": value, "value_max": None,
            "qualifier": "exact", "magnitude": None, "unit": "soldiers", "location": None, "force": "Russia",
            "projection": False, "date_from": day, "date_to": day, "date_text": None, "status": "current",
            "revised_by": None, "published": day, "outlet": None, "via": None, "source": f"s{i}.txt", "quote": "…"}


@pytest.mark.parametrize("per_month", [1, 3, 9])
def test_compare_lists_the_first_contradictions_of_a_month_and_names_the_months_cut(per_month):
    # five claimants, five figures on one October day: ten pairs; one pair in November
    october, november = date(2024, 10, 7), date(2024, 11, 3)
    rows = [_figure_row(i, f"Claimant {i}", 1000 * i, october) for i in range(1, 6)]
    rows += [_figure_row(6, "Claimant 1", 500, november), _figure_row(7, "Claimant 2", 700, november)]
    every = views.compare(rows, None)
    assert len(every["contradictions"]) == 11 and every["contradictions_cut"] == []
    cut = views.compare(rows, per_month)
    in_october = [c for c in every["contradictions"] if c["month"] == "2024-10"]
    assert [c for c in cut["contradictions"] if c["month"] == "2024-10"] == in_october[:per_month]
    assert [c for c in cut["contradictions"] if c["month"] == "2024-11"] == \
        [c for c in every["contradictions"] if c["month"] == "2024-11"]
    assert cut["contradictions_cut"] == [{"month": "2024-10", "force": "Russia", "listed": per_month}]
    assert {k: v for k, v in cut.items() if "contradictions" not in k} == \
        {k: v for k, v in every.items() if "contradictions" not in k}  # side by side, spread: all figures


def test_compare_cuts_only_where_more_contradictions_exist():
    day = date(2024, 10, 7)
    rows = [_figure_row(i, f"Claimant {i}", 1000 * i, day) for i in range(1, 5)]  # six pairs
    assert views.compare(rows, 6) == views.compare(rows, None)


ARTICLE = """Berlin, 7. Oktober 2024 (dpa) - Das Pentagon geht von 11.000 nordkoreanischen Soldaten in Russland aus,
sagte ein Sprecher am Montag.

Der südkoreanische Geheimdienst NIS sprach am Montag von 12.000 nordkoreanischen Soldaten in Russland.

Die ukrainische Regierung nannte am Montag 13.000 nordkoreanische Soldaten in Russland.
"""


def test_compare_says_which_months_it_cut(invoke, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "claims.db"
    assert invoke("--db", db, "ingest", tmp_path / "a.txt").exit_code == 0

    def run(*args):
        return invoke("--db", db, *args)

    every = json.loads(run("compare", "--format", "json", "--contradictions", "0").stdout)[0]
    assert every["contradictions_cut"] == [] and len(every["contradictions"]) == 3  # three claimants, one day
    result = run("compare", "--format", "json", "--contradictions", "1")
    one = json.loads(result.stdout)[0]
    assert set(Counter((c["month"], c["force"]) for c in one["contradictions"]).values()) == {1}
    crowded = {key for key, n in Counter((c["month"], c["force"]) for c in every["contradictions"]).items() if n > 1}
    assert {(c["month"], c["force"]) for c in one["contradictions_cut"]} == crowded == {("2024-10", "North Korea")}
    assert "more than 1 contradiction, the first 1 by date listed (--contradictions 0 lists all" in result.stderr
    table = run("compare", "--contradictions", "2")
    assert table.exit_code == 0 and "2024-10 North Korea: more than 2 contradictions" in table.stderr
    assert run("compare", "--format", "json").stdout == run("compare", "--format", "json",
                                                             "--contradictions", "1000").stdout
