"""Nothing lost, nothing injected (issue #12): atomic exports, terminal-safe output, one-line errors
outside the test harness, content identity, symlinks, streaming tables, read-only databases."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DEV, ROOT, SEEDS, database_at

sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

pytestmark = pytest.mark.slow

ESC = "\x1b"
# What a hostile article carries: clear screen, write the clipboard (OSC 52), set the window title (OSC 0),
# an 8-bit CSI, a bidirectional override.
HOSTILE_TITLE = "Nordkorea \x1b[2J\x1b]52;c;cGF5bG9hZA==\x07 Lage \x1b]0;pwned 7777\x07"
HOSTILE_BODY = ("Der Geheimdienst NIS sagte am Montag, Nordkorea habe rund 3.000 Soldaten \x1b[38;5;196m"
                "nach Russland geschickt.\x1b[0m Das Pentagon sagte am Dienstag, es seien \x9b31m 10.000 "
                "Soldaten \u202ein Kursk\u202c. Der Kreml dementierte.\n")
HOSTILE_NAME = "evil\x1b[31m\nname.txt"


def cli(*args, env=None, stdin=None, **kwargs) -> subprocess.CompletedProcess:
    """The installed command as a user runs it: its own process, stdout and stderr pipes, no COLUMNS."""
    environment = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run([sys.executable, "-m", "claimtrack", *map(str, args)], cwd=ROOT, capture_output=True,
                          env={**environment, **(env or {})}, timeout=300, stdin=stdin, **kwargs)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / HOSTILE_NAME).write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}", encoding="utf-8")
    (corpus / "empty \x1b]0;x\x07.txt").write_text("")
    db = folder / "hostile.db"
    result = cli("--db", db, "ingest", corpus)
    assert result.returncode == 1, result.stderr  # the empty file fails, the hostile one is stored
    assert b"\x1b" not in result.stdout + result.stderr
    return db


def test_extractor_ignores_digits_inside_escape_sequences(hostile_db):
    with sqlite3.connect(hostile_db) as conn:
        values = {row[0] for row in conn.execute("SELECT value FROM claim WHERE value IS NOT NULL")}
        quotes = [row[0] for row in conn.execute("SELECT quote FROM claim")]
    assert values == {3000, 10000}  # not 38, 5, 196, 31, 52, 7777
    assert any("\x1b[38;5;196m" in q for q in quotes)  # the evidence keeps the article's own characters


READING_COMMANDS = [
    ["claims"], ["claims", "--format", "csv"], ["claims", "--format", "json"], ["claims", "--format", "jsonl"],
    ["timeline"], ["timeline", "--format", "csv"], ["who"], ["who", "--all", "--format", "jsonl"], ["who", "--chart"],
    ["compare"], ["compare", "--format", "json"], ["sources"], ["sources", "--format", "csv"], ["sources", "show", "1"],
    ["actors"], ["actors", "NIS"], ["actors", "--format", "json"], ["export", "claims", "--format", "csv"],
    ["export", "claims", "--format", "json"], ["export", "sources", "--format", "csv"],
    ["export", "actors", "--format", "jsonl"], ["claims", "--actor", "\x1b[2Jnobody"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: " ".join(c))
def test_no_command_prints_a_raw_control_sequence(hostile_db, command):
    result = cli("--db", hostile_db, *command)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert b"\x1b" not in output and b"\x07" not in output
    assert "\x9b".encode() not in output and "\u202e".encode() not in output
    if command[0] in ("claims", "sources", "timeline") and result.returncode == 0:
        assert b"\\x1b" in output or b"\\u001b" in output  # shown escaped, not dropped


def test_json_and_csv_keep_the_data(hostile_db):
    rows = json.loads(cli("--db", hostile_db, "claims", "--format", "json").stdout)
    assert any("\x1b[38;5;196m" in r["quote"] for r in rows)  # JSON escapes it and keeps it
    assert any("\x9b31m" in r["quote"] for r in rows)
    raw = cli("--db", hostile_db, "export", "claims", "--format", "csv", "--raw").stdout
    assert b"\x1b[38;5;196m" in raw  # --raw: the bytes as stored


def test_utf8_control_check_says_what_the_text_check_says():
    """controls.utf8_has_controls (the CSV export's look at a whole encoded batch) agrees with
    CONTROL_BUT_LAYOUT on every code point, alone and among printable text, and with `allowed` left out."""
    from claimtrack.controls import CONTROL_BUT_LAYOUT, utf8_has_controls

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates cannot be encoded
        char = chr(code)
        expected = CONTROL_BUT_LAYOUT.search(char) is not None
        assert utf8_has_controls(f"ab{char}é,".encode()) == expected, hex(code)
    assert utf8_has_controls(b"a\r\nb", allowed=b"\r") is False
    assert utf8_has_controls(b"a\r\nb") is True
    assert utf8_has_controls("Ä\u2028".encode()) and not utf8_has_controls("Ä\u2027\u202f\u2065".encode())


# Stored text a CSV writer must get right: separators, quotes, line breaks (\r alone too), formula starts,
# escape sequences, C1 and bidirectional controls, non-ASCII, nothing at all.
CSV_TEXT = st.one_of(st.none(), st.text(st.sampled_from(list(',"\r\n\t =+-@\'a Ä„“…\x1b\x07\x9b\u202e\u2028\x85\x00')),
                                        max_size=12), st.text(max_size=20))


@pytest.fixture(scope="module")
def csv_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    db = folder / "csv.db"
    assert cli("--db", db, "ingest", SEEDS).returncode == 0
    return db


def _both_csv_writers(db, raw: bool, excel: bool, uses_lines: bool) -> tuple[bytes, bytes]:
    """`export claims --format csv` as the analyst runs it on SQLite (cells quoted and joined by SQLite:
    query.claim_csv_lines) and the portable writer over the rows of claim_rows (what PostgreSQL gets)."""
    from typer.testing import CliRunner

    from claimtrack import export, query
    from claimtrack.cli import app
    from claimtrack.db import open_database

    flags = [*(["--raw"] if raw else []), *(["--excel"] if excel else [])]
    result = CliRunner().invoke(app, ["--db", str(db), "export", "claims", "--format", "csv", *flags])
    assert result.exit_code == 0, result.output
    database = open_database(str(db), existing=True)
    try:
        with database.session() as session:
            flt = query.ClaimFilter(order="id")
            assert (query.claim_csv_lines(session, flt, raw=raw) is not None) == uses_lines
            buffer = io.BytesIO()
            out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
            export.write_csv(query.claim_rows(session, flt), out, query.CLAIM_COLUMNS, raw=raw, excel=excel)
            out.flush()
    finally:
        database.close()
    return result.stdout_bytes, buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.text(min_size=1, max_size=12), claimant=st.text(min_size=1, max_size=12), alias=st.text(min_size=1, max_size=12),
       location=CSV_TEXT, date_text=CSV_TEXT, quote=st.text(max_size=30), raw=st.booleans(), excel=st.booleans())
def test_sqlite_csv_lines_are_what_the_portable_writer_writes(csv_db, source, claimant, alias, location, date_text,
                                                              quote, raw, excel):
    """export claims --format csv on SQLite (cells quoted and joined by SQLite, controls checked on the
    encoded batch) writes byte for byte what the csv module writes from the row dicts, whatever the text
    (a NUL, which SQLite's printf would cut at, sends the export to the portable writer)."""
    with sqlite3.connect(csv_db) as conn:
        claim_id, source_id, actor_id = conn.execute(
            "SELECT id, source_id, claimant_id FROM claim WHERE claimant_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE source SET file_name = ? WHERE id = ?", (source, source_id))
        if not conn.execute("SELECT 1 FROM actor WHERE name = ? AND id != ?", (claimant, actor_id)).fetchone():
            conn.execute("UPDATE actor SET name = ? WHERE id = ?", (claimant, actor_id))
        conn.execute("INSERT OR IGNORE INTO alias (actor_id, name, normalised) VALUES (?, ?, ?)",
                     (actor_id, alias, "csv-test " + alias))
        conn.execute("UPDATE claim SET location = ?, date_text = ?, quote = ? WHERE id = ?",
                     (location, date_text, quote, claim_id))
    texts = [source, claimant, location or "", date_text or "", quote]
    lines, portable = _both_csv_writers(csv_db, raw, excel, uses_lines=not any("\x00" in t for t in texts))
    assert lines == portable


def _on_a_terminal(*args, columns=100) -> bytes:
    """Run the command with stdout and stderr on a pseudo-terminal; everything it printed."""
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    env = {**{k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}, "COLUMNS": str(columns),
           "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", *map(str, args)], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


@pytest.mark.parametrize("command", [["claims"], ["sources"], ["sources", "show", "1"], ["timeline"], ["who"]],
                         ids=lambda c: " ".join(c))
def test_on_a_terminal_only_our_own_styling_is_emitted(hostile_db, command):
    output = _on_a_terminal("--db", hostile_db, *command)
    assert b"\\x1b[" in output or command == ["who"]  # the article's sequences, shown as text
    assert b"\x1b[2J" not in output and b"\x1b]" not in output and b"\x07" not in output
    styling = output.replace(b"\x1b[1m", b"").replace(b"\x1b[0m", b"").replace(b"\x1b[2m", b"")
    styling = styling.replace(b"\x1b[1;33m", b"").replace(b"\x1b[22m", b"")
    assert b"\x1b" not in styling, styling[styling.index(b"\x1b") - 40:][:80]


def test_error_lines_are_one_line_in_a_pipe_at_80_columns(tmp_path):
    """stderr a pipe (cron, a log, CI) and no COLUMNS: rich would fold at 80 and split the file name."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long_name = "ein-sehr-langer-dateiname-" + "x" * 120 + ".txt"
    (corpus / long_name).write_text("")
    (corpus / "zeile\numbruch.txt").write_text("")
    (corpus / "gut.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8"))
    result = cli("--db", tmp_path / "t.db", "ingest", "-q", corpus)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert any(line.startswith("Error: ") and long_name in line and line.endswith("empty file") for line in lines)
    assert any("zeile\\x0aumbruch.txt" in line for line in lines)  # its newline shown, not obeyed


def test_output_to_a_full_device_is_one_line_and_exit_1(seeds_db):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(seeds_db), "claims"], cwd=ROOT,
                                stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == ["Error: output: cannot write: No space left on device"]


# ---------------------------------------------------------------------------------------- exports


def _export(db, output, *more):
    return cli("--db", db, "export", "claims", "-o", output, *more)


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
@pytest.mark.parametrize("bad", [["--actor", "Pentagn"], ["--source", "999999"]], ids=["actor", "source"])
def test_a_failed_export_leaves_the_good_file(seeds_db, tmp_path, fmt, bad):
    good = tmp_path / f"good.{fmt}"
    assert _export(seeds_db, good, "--format", fmt).returncode == 0
    before = good.read_bytes()
    assert len(before) > 1000
    result = _export(seeds_db, good, "--format", fmt, *bad)
    assert result.returncode == 1
    assert len(result.stderr.decode().splitlines()) == 1
    assert good.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [good.name]  # no temporary file left behind


def test_sigkill_during_an_export_leaves_the_old_file(tmp_path):
    """The writer is slowed down so that the kill lands mid-export, while the temporary file grows."""
    db = tmp_path / "big.db"
    corpus = tmp_path / "corpus"
    generate(corpus, 60, seed=5)
    assert cli("--db", db, "ingest", "-q", corpus).returncode == 0
    good = tmp_path / "claims.json"
    assert _export(db, good, "--format", "json").returncode == 0
    before = good.read_bytes()
    slow = ("import sys, time; from claimtrack import export; original = export.json_line\n"
            "def slow(row):\n    time.sleep(0.02); return original(row)\n"
            "export.json_line = slow\nfrom claimtrack.cli import main; sys.argv = ['claimtrack'] + sys.argv[1:]; main()\n")
    process = subprocess.Popen([sys.executable, "-c", slow, "--db", str(db), "export", "claims", "--format", "json",
                                "-o", str(good)], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        partial = [p for p in tmp_path.iterdir() if p.name.startswith(".claims.json.") and p.stat().st_size > 0]
        if partial:
            break
        time.sleep(0.05)
    assert partial, "the export never started writing"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert good.read_bytes() == before
    json.loads(good.read_text())  # still whole


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str):
    if not _mount_tmpfs(folder, size):
        pytest.skip("needs a small tmpfs: mounting one takes root (CAP_SYS_ADMIN), which this machine does not give")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_full_disk_export_keeps_the_old_file(seeds_db, tmp_path):
    with small_tmpfs(tmp_path / "small", "64k") as small:
        good = small / "claims.jsonl"
        good.write_text('{"id": 1}\n')
        (small / "filler").write_bytes(b"\0" * 40_000)
        result = _export(seeds_db, good, "--format", "jsonl")
        assert result.returncode == 1
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and "No space left on device" in lines[0] and "old file is unchanged" in lines[0]
        assert good.read_text() == '{"id": 1}\n'
        assert sorted(p.name for p in small.iterdir()) == ["claims.jsonl", "filler"]


def test_full_disk_ingest_stops_with_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 120, seed=9)
    with small_tmpfs(tmp_path / "small", "400k") as small:
        result = cli("--db", small / "t.db", "ingest", "-q", "--jobs", "1", corpus)
        assert result.returncode == 1
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1, lines[:5]
        assert lines[0].startswith(f"Error: {small / 't.db'}: the disk is full; stopped at ")
        with sqlite3.connect(small / "t.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_folder_is_read_and_refuses_writes_in_one_line(seeds_db, tmp_path):
    with small_tmpfs(tmp_path / "ro", "8m") as folder:
        db = folder / "seeds.db"
        with contextlib.closing(sqlite3.connect(seeds_db)) as src, contextlib.closing(sqlite3.connect(db)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0
        listed = cli("--db", db, "claims", "--format", "jsonl")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) > 20
        assert cli("--db", db, "who").returncode == 0
        result = cli("--db", db, "ingest", SEEDS)
        assert result.returncode == 1
        assert result.stderr.decode().splitlines() == [
            f"Error: {db}: the database is read-only (check the permissions of the file and its folder); "
            "reading commands still work"]


# ---------------------------------------------------------------------------------------- identity


ARTICLE = ("Nordkorea: Überblick über die Lage\n\nDas Pentagon sagte am Dienstag, rund 10.000 nordkoreanische "
           "Soldaten seien in Russland. ÜBER die Zahl wurde gestritten.\n")


def copies_of_one_article() -> dict[str, bytes]:
    return {
        "lf.txt": ARTICLE.encode(),
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode(),
        "bom.txt": b"\xef\xbb\xbf" + ARTICLE.encode(),
        "utf16.txt": ARTICLE.encode("utf-16"),
        "utf16le-no-bom.txt": ARTICLE.encode("utf-16-le"),
        "utf16be-no-bom.txt": ARTICLE.encode("utf-16-be"),
        "nfd.txt": unicodedata.normalize("NFD", ARTICLE).encode(),
        "cp1252.txt": ARTICLE.encode("cp1252"),
    }


def test_one_article_in_many_encodings_is_one_source(tmp_path, invoke):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in copies_of_one_article().items():
        (corpus / name).write_bytes(data)
    result = invoke("ingest", corpus)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output and "7 unchanged" in result.output
    sources = [json.loads(line) for line in invoke("sources", "--format", "jsonl").output.splitlines()]
    assert len(sources) == 1
    assert sources[0]["sha256"] == hashlib.sha256(ARTICLE.encode()).hexdigest()
    who = [json.loads(line) for line in invoke("who", "--format", "jsonl").output.splitlines()]
    assert [(r["claimant"], r["value"], r["sources"]) for r in who] == [("Pentagon", 10000, 1)]


@pytest.mark.parametrize("text", ["ÜBER die Zahl", "über die zahl", unicodedata.normalize("NFD", "über DIE")],
                         ids=["upper", "lower", "nfd"])
def test_text_filter_folds_case_and_normal_form(tmp_path, invoke, text):
    (tmp_path / "a.txt").write_text(ARTICLE.replace("Russland. ÜBER", "Russland, über"))
    assert invoke("ingest", tmp_path / "a.txt").exit_code == 0
    found = invoke("claims", "--text", text, "--format", "jsonl").output.splitlines()
    assert len(found) == 1
    assert invoke("claims", "--text", "unter die", "--format", "jsonl").output.splitlines() == []


def test_migration_merges_duplicates_without_losing_a_claim(tmp_path):
    from claimtrack.db import open_database

    path = tmp_path / "old.db"
    database_at(path, "0003")
    text = "Titel\n\nDas Pentagon sagte, 10.000 Soldaten seien dort. Später sagte es, 12.000.\n"
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO actor (id, name, type, origin) VALUES (1, 'Pentagon', 'agency', 'gazetteer')")
        for source_id, raw, outlet, published in ((1, "aaa", None, None), (2, "bbb", "AFP", "2024-10-25"),
                                                  (3, "ccc", None, None)):
            body = text if source_id != 3 else "Ein anderer Text.\n"
            conn.execute("INSERT INTO source (id, file_name, path, sha256, outlet, published, published_origin, "
                         "language, encoding, text, size_bytes, ingested_at, extractor_version) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, 'de', 'utf-8', ?, 1, '2024-01-01', '0')",
                         (source_id, f"{source_id}.txt", f"{source_id}.txt", raw, outlet, published,
                          "sources.csv" if published else None, body))
        claim = ("INSERT INTO claim (id, source_id, claimant_id, kind, value, status, revised_by_id, quote, "
                 "quote_start, quote_end, mentions, date_from) VALUES (?, ?, 1, 'troop_count', ?, ?, ?, 'q', ?, ?, 1, ?)")
        conn.execute(claim, (1, 1, 10000, "revised", None, 7, 30, None))
        conn.execute(claim, (2, 1, 12000, "current", None, 31, 60, None))
        conn.execute(claim, (3, 2, 10000, "revised", None, 7, 30, None))  # the same as claim 1
        conn.execute(claim, (4, 2, 12000, "current", None, 31, 60, "2024-10-25"))  # dated: only source 2 has it
        conn.execute("UPDATE claim SET revised_by_id = 2 WHERE id = 1")
        conn.execute("UPDATE claim SET revised_by_id = 4 WHERE id = 3")
    open_database(str(path)).close()
    with sqlite3.connect(path) as conn:
        sources = conn.execute("SELECT id, sha256, raw_sha256, outlet, published FROM source ORDER BY id").fetchall()
        claims = conn.execute("SELECT id, source_id, value, date_from, revised_by_id FROM claim ORDER BY id").fetchall()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [(s[0], s[2], s[3], s[4]) for s in sources] == [(1, "aaa", "AFP", "2024-10-25"), (3, "ccc", None, None)]
    assert sources[0][1] == hashlib.sha256(text.encode()).hexdigest()
    assert claims == [(1, 1, 10000, None, 2), (2, 1, 12000, None, None), (4, 1, 12000, "2024-10-25", None)]


# ---------------------------------------------------------------------------------------- links


def test_links_stay_inside_the_ingested_folder(tmp_path, invoke):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Geheim\n\nDas Pentagon sagte, 5.000 Soldaten seien dort.\n")
    (corpus / "own.txt").write_text(ARTICLE)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "device.txt").symlink_to("/dev/zero")
    (corpus / "again.txt").symlink_to(corpus / "own.txt")
    result = invoke("ingest", corpus)
    assert result.exit_code == 0, result.output
    assert "skipped " + str(corpus / "passwd.txt") + ": a link to a file outside the folder" in result.output
    assert "device.txt: a link to something that is not a regular file" in result.output
    paths = [json.loads(line)["path"] for line in invoke("sources", "--format", "jsonl").output.splitlines()]
    assert paths == [str(corpus / "again.txt")] or paths == [str(corpus / "own.txt")]
    followed = invoke("ingest", "--follow-links", corpus)
    assert "device.txt: a link to something that is not a regular file" in followed.output  # never a device
    paths = [json.loads(line)["path"] for line in invoke("sources", "--format", "jsonl").output.splitlines()]
    assert str(corpus / "secret.txt") in paths and not any("passwd" in p for p in paths[:1])


# ---------------------------------------------------------------------------------------- tables


class CountingSink(io.TextIOBase):
    """A terminal stand-in that keeps nothing: what it was sent, counted."""

    def __init__(self):
        self.chars = self.lines = 0

    def write(self, text):
        self.chars += len(text)
        self.lines += text.count("\n")
        return len(text)

    def isatty(self):
        return False


def test_a_table_streams_its_rows():
    """Printing starts after the first SAMPLE_ROWS rows, and memory does not grow with the table."""
    import tracemalloc

    from rich.console import Console

    from claimtrack import render

    sink = CountingSink()
    console = Console(file=sink, width=100, force_terminal=False)
    printed_before_the_end = {}

    def rows(n):
        for i in range(n):
            if i == render.SAMPLE_ROWS + 10:
                printed_before_the_end["lines"] = sink.lines
            yield {"id": i, "claimant": f"Sprecher {i % 97}", "figure": f"{i:,}", "quote": "Ein Satz " * (i % 7 + 1)}

    tracemalloc.start()
    count = render.table(rows(100_000), ["id", "claimant", "figure", "quote"], console=console)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 100_000 and sink.lines >= 100_002
    assert printed_before_the_end["lines"] >= render.SAMPLE_ROWS  # rows printed while more were coming
    assert peak < 5_000_000 < sink.chars  # the table's text is many times what was held at once


def test_a_terminal_table_stops_at_a_sane_limit_and_says_so(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 60, seed=11)
    db = tmp_path / "t.db"
    assert cli("--db", db, "ingest", "-q", corpus).returncode == 0
    total = len(cli("--db", db, "claims", "--format", "jsonl").stdout.splitlines())
    assert total > 200
    output = _on_a_terminal("--db", db, "claims", columns=200).decode()
    assert f"{total - 200:,} more claims not shown (200 of {total:,}; --limit N shows more, --limit 0 all" in output
    everything = _on_a_terminal("--db", db, "claims", "--limit", "0", columns=200).decode()
    assert "more claims not shown" not in everything
    piped = cli("--db", db, "claims").stdout.decode()  # a pipe gets every row
    assert "not shown" not in piped and piped.count("\n") > total
    figures = len(cli("--db", db, "who", "--format", "jsonl").stdout.splitlines())
    assert figures > 200
    who = _on_a_terminal("--db", db, "who", columns=200).decode()  # who's table and its moves stop too
    assert f"{figures - 200:,} more figures not shown (200 of {figures:,};" in who
    assert "more claimants' figures moved" in who or who.count("How the figures moved") == 1
    every = cli("--db", db, "who", "--limit", "0").stdout.decode()
    assert who.count("\n") < every.count("\n")


# ---------------------------------------------------------------------------------------- actors


def test_merge_needs_an_exact_name(seeds_db, tmp_path):
    db = tmp_path / "copy.db"
    with sqlite3.connect(seeds_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    result = cli("--db", db, "actors", "merge", "NIS' --", "HUR")
    assert result.returncode == 1
    assert "no actor named exactly" in result.stderr.decode() and "did you mean 'NIS'" in result.stderr.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actor WHERE name IN ('NIS', 'HUR')").fetchone()[0] == 2
    assert cli("--db", db, "actors", "merge", "nis", "HUR").returncode == 0  # case and spacing are not names
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actor WHERE name = 'HUR'").fetchone()[0] == 0


def _closed_vocabulary() -> dict[str, set]:
    """Every value the extractor can store in terms.CLOSED_VOCABULARY's columns, from its code and data."""
    from claimtrack import lang
    from claimtrack.models import CLAIM_KINDS

    words = {"kind": set(CLAIM_KINDS), "status": {"current", "revised"}, "qualifier": {"exact", "approx", "range"},
             "magnitude": set(), "unit": {"other", "scale", "units"}, "force": set()}
    for language in ("de", "en"):
        numbers, forces = lang.load(language, "numbers"), lang.load(language, "forces")
        words["qualifier"] |= {q["qualifier"] for q in numbers.get("qualifier", [])}
        words["magnitude"] |= {v["magnitude"] for v in numbers.get("vague", [])}
        words["unit"] |= set(numbers["counted"])
        words["force"] |= {f["name"] for f in forces["force"]}
    return words


def test_cells_exported_unchecked_cannot_start_a_formula(tmp_path):
    """CSV exports quote and neutralise formulas only in free text (terms.CLOSED_VOCABULARY): the other
    columns hold the extractor's own words, none of which a spreadsheet reads as a formula or a CSV
    reader splits, and a database ingested from real articles holds no other value in them."""
    from claimtrack.controls import CONTROL
    from claimtrack.terms import CLOSED_VOCABULARY, FORMULA_FIRST

    words = _closed_vocabulary()
    assert set(words) == set(CLOSED_VOCABULARY)
    for column, values in words.items():
        assert values and all(v and v[0] not in FORMULA_FIRST for v in values), column
        assert not [v for v in values if set(v) & set(',"') or CONTROL.search(v)], column
    db = tmp_path / "vocabulary.db"
    cli("--db", str(db), "ingest", str(SEEDS), str(DEV))
    with sqlite3.connect(db) as connection:
        for column in CLOSED_VOCABULARY:
            stored = {v for (v,) in connection.execute(f"SELECT DISTINCT {column} FROM claim") if v is not None}
            assert stored <= words[column], (column, stored - words[column])
            assert column not in ("kind", "status", "unit", "force") or len(stored) > 1, (column, stored)
