"""compare read from the parts kept at ingest (summary.compare, issue #14) gives what compare over
every claim gives: side by side, contradictions (cut or not), spread and the loosely dated claims.

The claims are drawn at random but with a fixed seed, shaped to reach every branch of reading by
parts: windows from one day to beyond the comparable 45 days and across month ends, many facts per
month (more than one page of them), ties on the start day, forces of other case, places, vague
amounts, repeated figures, revised and projected ones, undated claims."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from claimtrack import compare as views
from claimtrack import reader, summary
from claimtrack.db import open_database
from claimtrack.extract.records import ActorRef, ClaimRecord
from claimtrack.query import ClaimFilter, figure_rows
from claimtrack.store import SourceInput, store_sources

FORCES = ["Russia", "North Korea", None, "russia"]
PLACES = [None, None, "Kursk", "Russia", "Belarus"]


def _claim(rng: random.Random, i: int) -> ClaimRecord:
    start = date(2024, 9, 20) + timedelta(days=rng.randrange(120))
    length = rng.choice([0, 0, 0, 1, 3, 10, 30, 44, 45, 46, 90])
    lo, hi = start, start + timedelta(days=length)
    if rng.random() < 0.05:
        lo = None  # restated history: on or before
    if rng.random() < 0.05:
        lo = hi = None  # undated: loosely dated
    magnitude = "thousands" if rng.random() < 0.05 else None
    value = None if magnitude else rng.choice([1000, 1500, 3000, 10_000, 11_000, 12_000]) + rng.choice([0, 0, 100])
    ranged = value is not None and rng.random() < 0.1
    return ClaimRecord(
        kind="troop_count", quote=f"claim {i}", start=i, end=i + 1,
        claimant=ActorRef(f"Claimant {rng.randrange(12)}", "organisation", known=False),
        value=value, value_max=value + 2000 if ranged else None,
        qualifier=None if ranged else rng.choice(["exact", "approx", "more_than", "up_to", "at_least"]),
        magnitude=magnitude, unit=rng.choice(["soldiers"] * 9 + ["officers"]), location=rng.choice(PLACES),
        force=rng.choice(FORCES), projection=rng.random() < 0.05, date_from=lo, date_to=hi,
        date_text=None if hi else "im Herbst", status="revised" if rng.random() < 0.05 else "current")


def _source(n: int, claims: list[ClaimRecord]) -> tuple[SourceInput, list[ClaimRecord]]:
    item = SourceInput(file_name=f"f{n}.txt", path=f"/x/f{n}.txt", sha256=f"{n:064x}", text="t" * 10,
                       encoding="utf-8", size_bytes=10, title=None, outlet=f"Outlet {n % 4}", url=None,
                       published=date(2024, 9, 1) + timedelta(days=n % 150), published_origin=None,
                       language="de", extractor_version="test")
    return item, claims


@pytest.fixture
def random_claims(new_database):
    rng = random.Random(14)
    claims = [_claim(rng, i) for i in range(1500)]
    # a figure repeated by many reports: only its first report is a fact
    claims += [ClaimRecord(**{**claims[0].__dict__, "quote": f"again {i}"}) for i in range(30)]
    db = open_database(new_database())
    with db.session(write=True) as session:
        store_sources(session, [_source(n, claims[n::60]) for n in range(60)])
    with db.session(write=True) as session:
        summary.refresh(session)
    yield db
    db.close()


@pytest.mark.both_databases
def test_compare_from_its_parts_is_compare_over_every_claim(random_claims):
    for opened in (random_claims.session, reader.open_reader(random_claims.url).session):
        with opened() as session:
            assert summary.marked(session) == set()
            for force in (None, "russia", "North Korea"):
                every = figure_rows(session, ClaimFilter(kind="troop_count", force=force))
                for per_month in (None, 1, 7, 60, 1000):
                    expected = views.compare(every, per_month)
                    assert summary.compare(session, force, per_month) == expected, (force, per_month)
    full = views.compare(every, None)  # the data reach what the test is for
    months = {c["month"] for c in full["contradictions"]}
    assert len(months) >= 3 and len(full["contradictions"]) > 200 and full["loosely_dated"]


def test_contradictions_come_month_by_month_and_a_pair_once(random_claims):
    with random_claims.session() as session:
        every = figure_rows(session, ClaimFilter(kind="troop_count"))
    listed = views.compare(every, None)["contradictions"]
    order = [(c["month"], c["force"] or "") for c in listed]
    assert order == sorted(order)
    pairs = [(c["force"], *sorted([(c["a"]["claimant"], c["a"]["figure"]), (c["b"]["claimant"], c["b"]["figure"])]))
             for c in listed]
    assert len(pairs) == len(set(pairs))
    for month, force in set(order):  # within a month and force, by the first figure's start
        starts = [(c["a"]["date_from"]) for c in listed if (c["month"], c["force"] or "") == (month, force)]
        assert starts == sorted(starts)


def test_a_full_month_is_left_after_its_first_facts(new_database, monkeypatch):
    """Where every claimant states a new figure every day, a month is full of contradictions after its
    first facts: compare reads a page or two of them per month, not every fact."""
    claims = [ClaimRecord(kind="troop_count", quote=f"claim {day} {who}", start=0, end=1,
                          claimant=ActorRef(f"Claimant {who}", "organisation", known=False),
                          value=1000 * (who + 1) + 100 * day, qualifier="exact", unit="soldiers", force="Russia",
                          date_from=date(2024, 10, 1) + timedelta(days=day),
                          date_to=date(2024, 10, 1) + timedelta(days=day))
              for day in range(40) for who in range(12)]
    db = open_database(new_database())
    with db.session(write=True) as session:
        store_sources(session, [_source(n, claims[n::20]) for n in range(20)])
    with db.session(write=True) as session:
        summary.refresh(session)
    pages = []
    real = summary.all_rows

    def counting(session, builder, *args, **kwargs):
        rows = real(session, builder, *args, **kwargs)
        if builder == "compare_facts":
            pages.append(len(rows))
        return rows

    monkeypatch.setattr(summary, "all_rows", counting)
    with db.session() as session:
        every = views.compare(figure_rows(session, ClaimFilter(kind="troop_count")), 3)
        assert summary.compare(session, None, 3) == every
    db.close()
    assert [c["month"] for c in every["contradictions_cut"]] == ["2024-10", "2024-11"]
    assert sum(pages) <= 4 * summary.FIRST_FACTS < len(claims), pages


def test_marked_claimants_are_read_from_their_claims(random_claims):
    """A write whose refresh never ran (a killed ingest) leaves marks: compare takes those claimants
    from all their claims and still gives what the claims give."""
    with random_claims.session(write=True) as session:
        summary.mark(session, [None])
        summary.mark_all(session)
    with random_claims.session() as session:
        assert summary.marked(session)
        every = figure_rows(session, ClaimFilter(kind="troop_count"))
        assert summary.compare(session, None, 5) == views.compare(every, 5)
