"""Claims from one-sentence articles, from the tables tests/cases/<language>/claims.json: each case
names what one claim of the sentence must say (expect) or that no such claim exists (absent), on the
table's publication date or the case's own ("published")."""

import json
from datetime import date
from pathlib import Path

import pytest

from claimtrack.extract import extract_claims

CASES_DIR = Path(__file__).parent / "cases"


def _tables(name: str):
    """(language, publication date, case) of every tests/cases/<language>/<name> table."""
    for path in sorted(CASES_DIR.glob(f"*/{name}")):
        table = json.loads(path.read_text(encoding="utf-8"))
        for case in table["cases"]:
            yield path.parent.name, date.fromisoformat(table["published"]), case


CASES = list(_tables("claims.json"))


def _value(claim, key):
    if key in ("claimant", "via"):
        ref = getattr(claim, key)
        return ref.name if ref is not None else None
    value = getattr(claim, key)
    return value.isoformat() if isinstance(value, date) else value


def _matches(claim, expected: dict, keys) -> bool:
    return all(_value(claim, k) == expected[k] for k in keys)


@pytest.mark.parametrize("language, published, case", CASES, ids=[f"{c[0]}-{c[2]['id']}" for c in CASES])
def test_case(language, published, case):
    published = date.fromisoformat(case["published"]) if "published" in case else published  # a case's own day
    claims = extract_claims(case["text"], published=published, language=language)
    if "absent" in case:
        assert not [c for c in claims if _matches(c, case["absent"], case["absent"])], claims
        return
    expected = case["expect"]
    identity = [k for k in ("kind", "value", "value_max", "magnitude") if k in expected]
    candidates = [c for c in claims if _matches(c, expected, identity)]
    assert candidates, f"no claim with {({k: expected[k] for k in identity})} in {[(c.kind, c.value, c.magnitude) for c in claims]}"
    got = {k: _value(candidates[0], k) for k in expected}
    assert got == expected
    assert case["text"][candidates[0].start:candidates[0].end] == candidates[0].quote


DATE_CASES = list(_tables("dates.json"))


@pytest.mark.parametrize("language, published, case", DATE_CASES,
                         ids=[f"{c[0]}-{c[2]['text']}" for c in DATE_CASES])
def test_date_case(language, published, case):
    from claimtrack.extract.dates import find_dates, resolve
    from claimtrack.extract.lexicon import load

    found = find_dates(case["text"], load(language))
    assert found, case["text"]
    assert found[0].text.rstrip(".") == case["text"], "the phrase is read whole"
    assert resolve(found[0], published) == (date.fromisoformat(case["from"]), date.fromisoformat(case["to"]))
