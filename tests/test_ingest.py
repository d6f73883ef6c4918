import json
import shutil

import pytest

from sqlalchemy import func, select, text

from claimtrack.db import open_database
from claimtrack.models import Claim, Source
from tests.conftest import SEEDS

pytestmark = pytest.mark.both_databases

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def count_sources(db_path):
    db = open_database(str(db_path))
    with db.session() as s:
        n = s.execute(select(func.count(Source.id))).scalar()
    db.close()
    return n


def test_ingest_seeds_twice_keeps_five(invoke, isolated_db):
    first = invoke("ingest", SEEDS)
    assert first.exit_code == 0, first.output
    assert "5 new" in first.stdout
    second = invoke("ingest", SEEDS)
    assert second.exit_code == 0
    assert "5 unchanged" in second.stdout and "0 new" in second.stdout
    assert count_sources(isolated_db) == 5


def test_seed_sources_export(invoke, tmp_path):
    invoke("ingest", SEEDS)
    out = tmp_path / "sources.jsonl"
    result = invoke("export", "sources", "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.output
    rows = {r["source"][:3]: r for r in map(json.loads, out.read_text().splitlines())}
    assert len(rows) == 5
    assert {"id", "source", "title", "outlet", "published", "language", "sha256", "claims"} <= set(rows["000"])
    assert rows["000"]["outlet"] == "die-nachrichten.at" and rows["000"]["published"] is None
    assert rows["004"]["outlet"] == "Deutschlandfunk" and rows["004"]["published"] == "2024-10-22"
    assert rows["001"]["published"] is None and rows["001"]["outlet"] is None
    assert rows["002"]["title"].startswith("Südkoreas Reaktion")
    assert rows["003"]["title"] is None


def test_bad_inputs_do_not_lose_good_ones(invoke, tmp_path, isolated_db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "empty.txt").write_bytes(b"")
    seed4 = (SEEDS / "004_767a37a78c410947.txt").read_text(encoding="utf-8")
    (folder / "legacy.txt").write_bytes(seed4.encode("cp1252"))
    shutil.copy(SEEDS / "002_272d74fbb6342417.txt", folder / "good.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # a PDF is an article file now; this one is broken
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    result = invoke("ingest", folder)
    assert result.exit_code == 1
    assert "photo.txt: binary file (a PNG image)" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "notes.pdf: unreadable PDF" in result.stderr
    assert "skipped" in result.stderr and "table.xlsx" in result.stderr
    assert "2 new" in result.stdout and "3 failed" in result.stdout
    db = open_database(str(isolated_db))
    with db.session() as s:
        rows = {r.file_name: r for r in s.execute(select(Source)).scalars()}
        s.expunge_all()
    assert set(rows) == {"legacy.txt", "good.txt"}
    assert rows["legacy.txt"].encoding == "cp1252"
    assert rows["legacy.txt"].title == "Nordkoreaner trainieren angeblich im Osten Russlands für den Kampfeinsatz"


def test_missing_path_and_size_limit(invoke, tmp_path):
    (tmp_path / "big.txt").write_text("Ein Satz. " * 200)
    result = invoke("ingest", tmp_path / "nope.txt", tmp_path / "big.txt", SEEDS, "--max-size", "1k")
    assert result.exit_code == 1
    assert "nope.txt: no such file or folder" in result.stderr
    assert "big.txt: too large" in result.stderr
    result = invoke("ingest", tmp_path / "nope.txt", SEEDS)
    assert result.exit_code == 1 and "5 new" in result.stdout


def test_usage_error_exit_code(invoke):
    assert invoke("ingest").exit_code == 2
    assert invoke("ingest", SEEDS, "--published", "gestern").exit_code == 2


def test_force_reextracts(invoke, isolated_db):
    invoke("ingest", SEEDS)
    result = invoke("ingest", SEEDS, "--force")
    assert result.exit_code == 0 and "5 re-extracted" in result.stdout
    assert count_sources(isolated_db) == 5


def test_sidecar_and_options(invoke, tmp_path, isolated_db):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "001_a79ccc459177d5ff.txt", folder / "a.txt")
    shutil.copy(SEEDS / "003_777336e2b4043abc.txt", folder / "b.txt")
    (folder / "sources.csv").write_text("file,published,outlet,url,title\na.txt,2024-10-28,Beispiel,https://x.example,\n")
    assert invoke("ingest", folder).exit_code == 0
    db = open_database(str(isolated_db))
    with db.session() as s:
        rows = {r.file_name: r for r in s.execute(select(Source)).scalars()}
        s.expunge_all()
    assert str(rows["a.txt"].published) == "2024-10-28" and rows["a.txt"].outlet == "Beispiel"
    assert rows["a.txt"].published_origin == "sources.csv"
    assert rows["b.txt"].published is None
    result = invoke("sources", "set", "b.txt", "--published", "2024-10-31")
    assert result.exit_code == 0, result.output
    with db.session() as s:
        b = s.execute(select(Source).where(Source.file_name == "b.txt")).scalar_one()
        assert str(b.published) == "2024-10-31" and b.published_origin == "manual"
    assert invoke("sources", "set", "zzz.txt", "--published", "2024-10-31").exit_code == 1


def test_database_consistent_after_ingest(invoke, isolated_db, backend):
    invoke("ingest", SEEDS)
    db = open_database(str(isolated_db))
    with db.session() as s:
        if backend == "sqlite":  # PostgreSQL checks its foreign keys on every write
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert s.execute(text("PRAGMA foreign_key_check")).all() == []
        orphans = s.execute(select(func.count(Claim.id)).where(Claim.source_id.not_in(select(Source.id)))).scalar()
        assert orphans == 0


def test_a_file_that_breaks_its_batch_fails_alone(isolated_db, tmp_path, monkeypatch):
    """Files are stored many per transaction; when one of them makes the batch fail, the batch is
    stored file by file, so that one fails with its reason and the others are stored."""
    from claimtrack.ingest import pipeline
    from claimtrack.ingest.pipeline import IngestOptions, ingest

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    broken = sorted(folder.glob("*.txt"))[2]
    real_store_source = pipeline.store_source

    def store_source(session, item, claims, **kwargs):
        if item.path == str(broken):
            raise RuntimeError("simulated fault in this file")
        return real_store_source(session, item, claims, **kwargs)

    def store_sources(session, batch, **kwargs):
        results = [store_source(session, item, claims, **kwargs) for item, claims in batch]
        return results

    monkeypatch.setattr(pipeline, "store_source", store_source)
    monkeypatch.setattr(pipeline, "store_sources", store_sources)
    db = open_database(str(isolated_db))
    summary = ingest(db, [folder], IngestOptions(jobs=1))
    db.close()
    assert summary.count("new") == 4
    assert [(o.path, o.reason) for o in summary.failed] == [
        (str(broken), "could not store: RuntimeError: simulated fault in this file")]
    assert count_sources(isolated_db) == 4


def test_files_already_stored_are_not_read_again(isolated_db, tmp_path, monkeypatch):
    """A folder ingested again costs a hash per file: files whose bytes a source was read from are
    'unchanged' with their claim counts, without extraction; --force extracts them again."""
    from claimtrack.ingest import pipeline
    from claimtrack.ingest.pipeline import IngestOptions, ingest

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    db = open_database(str(isolated_db))
    first = ingest(db, [folder], IngestOptions(jobs=1))
    claims = {o.path: o.claims for o in first.outcomes}
    (folder / "new.txt").write_text("Das Pentagon sagte, 3.000 Soldaten seien verlegt worden.\n", encoding="utf-8")
    prepared = []
    real_prepare = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", lambda path, *a: prepared.append(path) or real_prepare(path, *a))
    again = ingest(db, [folder], IngestOptions(jobs=1))
    assert prepared == [folder / "new.txt"]
    assert {o.path: o.claims for o in again.outcomes if o.status == "unchanged"} == claims
    assert again.count("new") == 1
    prepared.clear()
    forced = ingest(db, [folder], IngestOptions(jobs=1, force=True))
    db.close()
    assert len(prepared) == 6 and forced.count("updated") == 6
