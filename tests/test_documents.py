"""Saved web pages and PDFs in (issue #15): the same claims as the text version, the file's own metadata."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys

import pytest

from claimtrack.ingest.formats import _paragraphs, page_of
from tests.conftest import ROOT, SEEDS
from tests.documents import pdf, pdf_of_article, web_page

SEED = SEEDS / "004_767a37a78c410947.txt"  # Deutschlandfunk, 2024-10-22, seven claims
URL = "https://www.deutschlandfunk.de/nordkoreaner-trainieren-100.html"


def claims_of(invoke, path, db) -> list[tuple]:
    """What each claim says, not where: offsets differ between a page and its text. Each version in a
    database of its own (the same text is the same source: a second version would be 'unchanged')."""
    ingested = invoke("--db", db, "ingest", path)
    assert ingested.exit_code == 0 and "1 new" in ingested.stdout, ingested.output
    rows = [json.loads(line) for line in invoke("--db", db, "claims", "--format", "jsonl").stdout.splitlines()]
    return sorted((r["kind"], r["claimant"], r["value"], r["value_max"], r["qualifier"], r["force"], r["date_from"],
                   r["date_to"], r["status"], " ".join(r["quote"].split())) for r in rows)


def source_row(invoke, name: str) -> dict:
    return next(json.loads(line) for line in invoke("sources", "--format", "jsonl").stdout.splitlines()
                if json.loads(line)["source"] == name)


def test_a_saved_web_page_gives_the_claims_of_its_text_with_its_own_metadata(invoke, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    expected = claims_of(invoke, SEED, tmp_path / "text.db")
    page = tmp_path / "nordkorea.html"
    page.write_text(web_page(text, published="2024-10-22", site="Deutschlandfunk", url=URL), encoding="utf-8")
    assert len(expected) >= 5
    assert claims_of(invoke, page, tmp_path / "test.db") == expected
    row = source_row(invoke, "nordkorea.html")
    assert (row["published"], row["outlet"], row["url"], row["encoding"]) == ("2024-10-22", "Deutschlandfunk", URL,
                                                                              "html")
    assert row["title"] == text.splitlines()[0]
    stored = invoke("sources", "show", "nordkorea.html").stdout
    assert "Bundesliga" not in stored and "Impressum" not in stored and "Startseite" not in stored
    exported = [json.loads(line) for line in invoke("export", "sources", "--format", "jsonl").stdout.splitlines()]
    assert any(r["source"] == "nordkorea.html" for r in exported)


def test_the_page_s_date_ranks_above_the_text_and_below_sources_csv(invoke, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "a.html").write_text(web_page(text, published="2024-10-23", site="DLF"), encoding="utf-8")
    assert invoke("ingest", tmp_path / "a.html").exit_code == 0
    assert source_row(invoke, "a.html")["published"] == "2024-10-23"  # the page, not the text's 2024-10-22
    folder = tmp_path / "with-sidecar"
    folder.mkdir()
    (folder / "b.html").write_text(web_page(text + "\nNoch ein Satz.", published="2024-10-23", site="DLF"),
                                   encoding="utf-8")
    (folder / "sources.csv").write_text("file,published,outlet\nb.html,2024-10-30,Analyst\n", encoding="utf-8")
    assert invoke("ingest", folder).exit_code == 0
    row = source_row(invoke, "b.html")
    assert (row["published"], row["outlet"]) == ("2024-10-30", "Analyst")


def test_a_page_saved_as_txt_is_read_as_a_page(invoke, tmp_path):
    saved = tmp_path / "seite.txt"
    saved.write_text(web_page(SEED.read_text(encoding="utf-8"), site="Deutschlandfunk"), encoding="utf-8")
    assert invoke("ingest", saved).exit_code == 0
    quotes = " ".join(json.loads(line)["quote"] for line in invoke("claims", "--format", "jsonl").stdout.splitlines())
    assert "1.500 Spezialeinheiten" in quotes and "<p>" not in quotes


def test_a_page_without_an_article_is_one_line(invoke, tmp_path):
    empty = tmp_path / "menu.html"
    empty.write_text("<!DOCTYPE html><html><body><nav><a href='/'>Start</a></nav></body></html>")
    result = invoke("ingest", empty)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {empty}: no article text found in the web page"]


def test_a_pdf_gives_the_claims_of_its_text_and_says_on_which_page(invoke, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    expected = claims_of(invoke, SEED, tmp_path / "text.db")
    report = tmp_path / "bericht.pdf"
    report.write_bytes(pdf_of_article(text, header="Deutschlandfunk · Hintergrund"))
    assert claims_of(invoke, report, tmp_path / "test.db") == expected
    row = source_row(invoke, "bericht.pdf")
    assert row["encoding"] == "pdf" and row["sha256"] == hashlib.sha256(text.strip().encode()).hexdigest()
    shown = invoke("sources", "show", "bericht.pdf").stdout
    assert "Deutschlandfunk · Hintergrund" not in shown and "Seite 1 von" not in shown  # running head and foot
    pages = {int(n) for n in re.findall(r"\] p\. (\d+) ", shown)}  # the page each claim stands on
    assert len(pages) >= 2 and 1 in pages and max(pages) <= 6


@pytest.mark.parametrize("lines, joined", [
    (["Die Trup-", "pen sind da.", ""], "Die Truppen sind da."),
    (["Nord-", "Korea schickt Soldaten.", ""], "Nord- Korea schickt Soldaten."),  # a capital: a real hyphen
    (["Ein Satz, der die Zeile füllt,", "und sein Ende.", "Neu."], "Ein Satz, der die Zeile füllt, und sein Ende.\nNeu."),
    (["Erster Absatz, lang genug", "und weiter.", "", "Zweiter."], "Erster Absatz, lang genug und weiter.\nZweiter."),
])
def test_pdf_lines_become_paragraphs(lines, joined):
    assert _paragraphs(lines) == joined


def test_page_of_an_offset():
    assert [page_of(o, [0, 100, 250]) for o in (0, 99, 100, 251)] == [1, 1, 2, 3]
    assert page_of(5, []) is None


def test_encrypted_and_image_only_pdfs_are_one_line_each(invoke, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf([["Laut NIS sind 3.000 Soldaten dort."]]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="geheim", owner_password="geheim")
    locked = io.BytesIO()
    writer.write(locked)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "locked.pdf").write_bytes(locked.getvalue())
    (folder / "scan.pdf").write_bytes(pdf([[], []]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    result = invoke("ingest", folder)
    assert result.exit_code == 1
    lines = sorted(result.stderr.strip().splitlines())
    assert lines == sorted([f"Error: {folder / 'locked.pdf'}: an encrypted PDF (it needs a password)",
                            f"Error: {folder / 'scan.pdf'}: a PDF without a text layer (scanned pages?); "
                            "nothing to read",
                            next(line for line in lines if "broken.pdf" in line)])
    assert "broken.pdf: unreadable PDF" in " ".join(lines)


@pytest.mark.parametrize("module, extra, suffix", [("trafilatura", "html", ".html"), ("pypdf", "pdf", ".pdf")])
def test_without_the_extra_the_error_names_it(tmp_path, module, extra, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_bytes(pdf([["Text."]]) if suffix == ".pdf" else web_page("Titel\nEin Satz.").encode())
    code = (f"import sys; sys.modules[{module!r}] = None\n"
            "from claimtrack.cli import main; sys.argv = ['claimtrack'] + sys.argv[1:]; main()\n")
    result = subprocess.run([sys.executable, "-c", code, "--db", str(tmp_path / "t.db"), "ingest", str(path)],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert f"{path}: reading it needs {module}: pip install 'claimtrack[{extra}]'" in result.stderr.decode()
