"""Open-world attribution, from the table in tests/cases/de/attribution.json."""

import json
from datetime import date
from pathlib import Path

import pytest

from claimtrack.extract import extract_claims

CASES = json.loads((Path(__file__).parent / "cases" / "de" / "attribution.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claimant(case):
    found = [c for c in extract_claims(case["text"], published=date(2025, 3, 7))
             if c.kind == case["kind"] and c.value == case["value"]]
    assert found, f"no {case['kind']} {case['value']} in {case['text']!r}"
    assert found[0].claimant is not None and found[0].claimant.name == case["claimant"]
    text = case["text"]
    assert text[found[0].start:found[0].end] == found[0].quote
