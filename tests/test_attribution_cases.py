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


def test_every_spelling_of_the_gazetteer_is_found():
    """Every name and alias actors.toml lists is found in a sentence as its actor, also those that
    normalise like another ('Nato' beside 'NATO', 'Tass' beside 'TASS': an acronym is matched in its
    own case only, so its other spellings must be patterns of their own)."""
    import tomllib
    from importlib import resources

    from claimtrack.extract.actors import find_mentions
    from claimtrack.extract.lexicon import load

    lex = load("de")
    raw = tomllib.loads(resources.files("claimtrack").joinpath("actors.toml").read_text(encoding="utf-8"))
    missed = []
    for item in raw["actor"]:
        for spelling in (item["name"], *item.get("aliases", [])):
            found = find_mentions(f"Am Montag äußerte sich {spelling} dazu.", lex)
            if not any(m.actor is not None and m.actor.name == item["name"] for m in found):
                missed.append((item["name"], spelling))
    assert missed == []
