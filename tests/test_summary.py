"""What summary.py keeps at ingest always gives what the claims give (issue #14).

Every check compares `who` read from who_figure (its rows and its JSON lines) with `who` computed from
the claims, and `compare`
over the stored basis (compare_row) with `compare` over every claim, after each kind of write that
changes claims: ingest, re-extraction, a source's correction, an actor merge, a copy, a migration,
and a write whose refresh never ran (a killed ingest)."""

from __future__ import annotations

import shutil

import pytest

from claimtrack import compare as views
from claimtrack import export
from claimtrack import reader, summary
from claimtrack.actors import merge
from claimtrack.copy import copy_database
from claimtrack.db import open_database
from claimtrack.extract import extract_claims
from claimtrack.ingest.pipeline import IngestOptions, ingest
from claimtrack.query import ClaimFilter, figure_rows
from claimtrack.sources import set_source_metadata
from claimtrack.store import SourceInput, store_source
from tests.conftest import DEV, SEEDS, clone_database, ingested_database

FORCES = (None, "North Korea", "russia")


def from_claims(session, force=None, roles=views.ROLES):
    return views.who(figure_rows(session, ClaimFilter(kind="troop_count", force=force)), roles=roles)


def from_summary(session, force=None, roles=views.ROLES):
    return views.who_view(summary.who_groups(session, force), roles=roles)


def assert_agree(db):
    """Through the full layer, and through the database's driver alone (reader.ReadSession)."""
    sessions = [db.session, reader.open_reader(db.url).session]  # through SQLAlchemy, through the driver
    for opened in sessions:
        with opened() as session:
            for force in FORCES:
                for roles in (views.ROLES, ("strength",)):
                    computed = from_claims(session, force, roles)
                    assert from_summary(session, force, roles) == computed, (force, roles)
                    # the stored JSON lines: the same rows, as the JSON exports encode them
                    assert summary.who_lines(session, force, roles) == [export.json_line(r) for r in computed["rows"]]
                every_claim = figure_rows(session, ClaimFilter(kind="troop_count", force=force))
                basis = summary.compare_rows(session, force)
                assert len(basis) <= len(every_claim)
                computed = views.compare(every_claim)
                assert views.compare(basis) == computed, force
                # read part by part as compare reads them (or from compare_rows when marks are left)
                assert summary.compare(session, force) == computed, force
                for per_month in (1, 2):
                    assert summary.compare(session, force, per_month) == views.compare(every_claim, per_month)


def test_the_stored_columns_are_the_tables():
    from claimtrack.models import WhoFigure

    assert summary.STORED == [c.name for c in WhoFigure.__table__.columns
                              if c.name not in ("id", "claimant_id", "sort_rank", "sort_day", "line")]


@pytest.fixture
def corpus(request, new_database):
    """A writable copy of seeds + dev on the test's backend."""
    db = open_database(clone_database(ingested_database(request, SEEDS, DEV), new_database()))
    yield db
    db.close()


@pytest.mark.both_databases
def test_after_ingest_the_stored_rows_are_the_aggregation(corpus):
    with corpus.session() as session:
        assert summary.marked(session) == set()
        stored = len(summary.who_groups(session))
        basis = len(summary.compare_rows(session))
        every = len(figure_rows(session, ClaimFilter(kind="troop_count")))
    assert stored > 40  # seeds + dev: dozens of claimant figures
    assert 0 < basis < every  # repeated figures are kept once or twice, not once per report
    assert_agree(corpus)


def test_compare_needs_only_the_first_and_last_report_of_a_figure():
    """Of many reports of one figure (same claimant, force, place, window) compare needs two: the
    first (its fact) and the last (the latest in its month, and in the spread)."""
    from datetime import date

    def row(i, claimant, value, day):
        return {"id": i, "kind": "troop_count", "claimant": claimant, "value": value, "value_max": None,
                "qualifier": "exact", "magnitude": None, "unit": "soldiers", "location": None, "force": "Russia",
                "projection": False, "date_from": day, "date_to": day, "date_text": None, "status": "current",
                "revised_by": None, "published": day, "outlet": None, "via": None, "source": f"s{i}.txt",
                "quote": "…"}

    day, later = date(2024, 10, 1), date(2024, 10, 20)
    rows = [row(i, "NIS", 12_000, day) for i in range(1, 9)] + [row(20, "Pentagon", 3_000, day),
                                                                row(21, "Pentagon", 3_000, later)]
    flags = views.compare_flags(rows)
    basis = set(flags)
    assert basis == {1, 8, 20, 21}
    assert [i for i in sorted(flags) if flags[i]["fact"]] == [1, 20, 21]
    assert [i for i in sorted(flags) if flags[i]["latest"]] == [8, 21]  # Pentagon's October: its later figure
    assert [i for i in sorted(flags) if flags[i]["spread"]] == [8, 21]
    assert views.compare([r for r in rows if r["id"] in basis]) == views.compare(rows)


@pytest.mark.both_databases
def test_a_merge_moves_the_figures_to_the_kept_actor(corpus):
    with corpus.session() as session:
        before = {r["claimant"] for r in from_summary(session)["rows"]}
    assert {"Pentagon", "NIS"} <= before
    with corpus.session(write=True) as session:
        merge(session, "NIS", "Pentagon")
    with corpus.session() as session:
        after = {r["claimant"] for r in from_summary(session)["rows"]}
        assert summary.marked(session) == set()
    assert "Pentagon" not in after and "NIS" in after
    assert_agree(corpus)


@pytest.mark.both_databases
def test_a_corrected_source_and_a_re_extraction_rebuild_their_rows(corpus, tmp_path):
    with corpus.session(write=True) as session:
        set_source_metadata(session, "001_a79ccc459177d5ff.txt", outlet="Another outlet")
    assert_agree(corpus)
    folder = tmp_path / "again"
    shutil.copytree(SEEDS, folder)
    ingest(corpus, [folder], IngestOptions(force=True, jobs=1))
    assert_agree(corpus)


@pytest.mark.both_databases
def test_claimants_whose_refresh_never_ran_are_read_from_their_claims(corpus):
    text = "Das Pentagon geht inzwischen von 41.000 nordkoreanischen Soldaten in Russland aus, sagte ein Sprecher."
    item = SourceInput(file_name="late.txt", path="/late.txt", sha256="f" * 64, text=text, encoding="utf-8",
                       size_bytes=len(text), title=None, outlet=None, url=None, published=None,
                       published_origin=None, language="de", extractor_version="test")
    with corpus.session(write=True) as session:  # stored as an ingest stores a file, then killed: no refresh
        store_source(session, item, extract_claims(text, language="de"))
    with corpus.session() as session:
        assert summary.marked(session)
        figures = {r["figure"] for r in from_summary(session)["rows"] if r["claimant"] == "Pentagon"}
    assert "41,000" in figures
    assert_agree(corpus)
    with corpus.session(write=True) as session:
        summary.refresh(session)
        assert summary.marked(session) == set()
    assert_agree(corpus)


@pytest.mark.both_databases
def test_a_copy_rebuilds_the_rows_in_the_target(corpus, new_database):
    target = open_database(new_database())
    try:
        copy_database(corpus, target)
        with corpus.session() as a, target.session() as b:
            assert from_summary(b) == from_summary(a)
            assert summary.marked(b) == set()
        assert_agree(target)
    finally:
        target.close()


@pytest.mark.both_databases
def test_a_database_from_before_the_summary_gets_its_rows_when_migrated(corpus):
    from alembic import command

    from claimtrack.db import alembic_config

    with corpus.engine.begin() as connection:  # back to what the previous release left: claims, no summary
        cfg = alembic_config(corpus.url)
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0005")
    migrated = open_database(corpus.url)
    try:
        with migrated.session() as session:
            assert summary.marked(session) == set()
            assert len(summary.who_groups(session)) > 40
        assert_agree(migrated)
    finally:
        migrated.close()
