"""Property tests: any text extracts without an exception, and every claim's offsets hold."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract import extract_claims
from claimtrack.ingest.metadata import detect
from claimtrack.ingest.read import normalise_text

FRAGMENTS = ["Nordkorea", "nordkoreanische", "Laut Pentagon", "sind", "rund", "3.000", "10 000", "zwölftausend", "Soldaten", "Tausende", "sagte",
             "Selenskyj", "am Mittwoch", "vergangene Woche", "„", "“", "«", "»", ",", ".", ":", "\n", "\n\n",
             "bestätigte", "nicht", "dementierte", "der NIS", "er", "hieß es", "zwischen", "und", "bis zu", "Der Kreml",
             "unter Berufung auf", "CNN", "-", "(24.10.)", "am 3. März 2025", "Stand: 01.02.2025"]

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


def check(text, published):
    text = normalise_text(text)
    meta = detect(text)
    for claim in extract_claims(text, published=published, boilerplate=meta.boilerplate):
        assert text[claim.start:claim.end] == claim.quote
        assert claim.kind in ("troop_count", "confirmation", "denial", "not_confirmed")
        if claim.date_from or claim.date_to:
            assert claim.date_from <= claim.date_to


@given(st.text(max_size=400), st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))))
def test_any_text(text, published):
    check(text, published)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(" ".join),
       st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1))))
def test_newsy_text(text, published):
    check(text, published)
