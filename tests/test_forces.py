"""Whose troops: the force of a troop count or a stance, from the table in tests/cases/de/forces.json."""

import json
from datetime import date
from pathlib import Path

import pytest

from claimtrack.extract import extract_claims

CASES = json.loads((Path(__file__).parent / "cases" / "de" / "forces.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_force(case):
    found = [c for c in extract_claims(case["text"], published=date(2025, 3, 7))
             if c.kind == case["kind"] and c.value == case["value"]]
    assert found, f"no {case['kind']} {case['value']} in {case['text']!r}"
    assert found[0].force == case["force"]


def test_an_article_on_any_story_gives_its_claims():
    # No story gate: an article that never names North Korea has claims like any other.
    text = ("Russland verstärkt Truppen\n\nDie NATO schätzt, dass Russland 30.000 Soldaten nach Belarus verlegt hat, "
            "sagte Stoltenberg am Montag.")
    result = extract_claims(text, published=date(2022, 2, 4))
    assert [(c.kind, c.value, c.force) for c in result] == [("troop_count", 30000, "Russia")]


def test_a_forecast_is_kept_and_flagged():
    text = "Der Geheimdienst geht davon aus, dass bis Jahresende 5.000 Soldaten aus Laos verlegt werden könnten."
    result = [c for c in extract_claims(text, published=date(2025, 3, 7)) if c.value == 5000]
    assert result and result[0].projection is True
