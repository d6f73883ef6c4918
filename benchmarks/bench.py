"""Measure claimtrack on the machine at hand beside the floor of each job, and print a Markdown report.

    python -m benchmarks.bench [--articles 6000] [--claims 1000000] [--out benchmarks/RESULTS.md]

Each target of issue #14 is measured in the same run as its floor: start-up beside `python -c pass`
and `python -c 'import sqlmodel'`; ingest (1 and 2 jobs, fresh subprocesses, peak memory summed over
the process and its workers) beside read + hash + sqlite3 executemany of the same files; queries beside
the same SQL in plain sqlite3; CSV export beside sqlite3 + csv.writerows and the sqlite3 shell's -csv.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# "Flat in corpus size": four times the articles may raise the peak by allocator and page-cache noise,
# not in proportion (which would be +300 %).
MEMORY_SLACK = 0.2
IMPORT_SQLMODEL = "python3 -c 'import sqlmodel'"
CLAIMTRACK = [sys.executable, "-c", "from claimtrack.entry import main; main()"]


def _child(code: str, *args: str) -> dict:
    """Run code in a fresh interpreter; it prints one JSON line. Adds the peak of the summed resident
    memory (MB) of the process and all its children, sampled every 20 ms."""
    wrapped = code + "\nimport json\nprint(json.dumps(result))\n"
    process = subprocess.Popen([sys.executable, "-c", wrapped, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = [0.0]
    sampler = threading.Thread(target=_sample_memory, args=(process, peak), daemon=True)
    sampler.start()
    out, err = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(err[-2000:])
    result = json.loads(out.strip().splitlines()[-1])
    result["rss_mb"] = peak[0]
    return result


def _sample_memory(process: subprocess.Popen, peak: list[float]) -> None:
    while process.poll() is None:
        peak[0] = max(peak[0], sum(_rss_kb(pid) for pid in _tree(process.pid)) / 1024)
        time.sleep(0.02)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


INGEST = """
import sys, time
from pathlib import Path
from claimtrack.db import open_database
from claimtrack.ingest.pipeline import IngestOptions, ingest
folder, db_path, jobs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
db = open_database(db_path)
start = time.perf_counter()
summary = ingest(db, [folder], IngestOptions(jobs=jobs))
seconds = time.perf_counter() - start
result = {'seconds': seconds, 'files': summary.count('new'), 'claims': summary.claims,
          'failed': len(summary.failed)}
"""

FLOOR = """
import sys, time, sqlite3, hashlib
from pathlib import Path
folder, db_path = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
conn = sqlite3.connect(db_path)
conn.execute('PRAGMA journal_mode=WAL')
conn.execute('CREATE TABLE doc (id INTEGER PRIMARY KEY, name TEXT, sha TEXT UNIQUE, text TEXT)')
rows = []
for path in sorted(folder.glob('*.txt')):
    data = path.read_bytes()
    rows.append((path.name, hashlib.sha256(data).hexdigest(), data.decode('utf-8')))
conn.executemany('INSERT INTO doc (name, sha, text) VALUES (?, ?, ?)', rows)
conn.commit()
result = {'seconds': time.perf_counter() - start, 'files': len(rows)}
"""

EXTRACT = """
import sys, time
from pathlib import Path
from claimtrack.ingest.pipeline import IngestOptions, prepare
paths = sorted(Path(sys.argv[1]).glob('*.txt'))[: int(sys.argv[2])]
options = IngestOptions()
start = time.perf_counter()
for path in paths:
    prepare(path, options, None)
result = {'seconds': time.perf_counter() - start, 'files': len(paths)}
"""


def _new_database(db_path: Path, sources: int, first: date, days: int) -> tuple[sqlite3.Connection, list[int]]:
    """A claimtrack database with the gazetteer's actors and `sources` sources published over `days`
    days from `first`; the open sqlite3 connection and the actors' ids, for bulk inserts."""
    from claimtrack.db import open_database
    from claimtrack.store import sync_gazetteer

    db = open_database(str(db_path))
    with db.session(write=True) as session:
        sync_gazetteer(session)
    db.close()
    conn = sqlite3.connect(db_path)
    actors = [row[0] for row in conn.execute("SELECT id FROM actor")]
    conn.executemany(
        "INSERT INTO source (file_name, path, sha256, language, encoding, text, size_bytes, ingested_at,"
        " extractor_version, published) VALUES (?, ?, ?, 'de', 'utf-8', ?, 3000, ?, 'bench', ?)",
        [(f"s{i}.txt", f"/bench/s{i}.txt", f"{i:064x}", "Text " * 50, "2024-11-01 00:00:00",
          (first + timedelta(days=i % days)).isoformat()) for i in range(sources)])
    return conn, actors


def _finish(conn: sqlite3.Connection, db_path: Path) -> None:
    """Commit the bulk inserts and build who's and compare's stored rows, as a migration would for
    claims inserted behind claimtrack's back."""
    from claimtrack import summary
    from claimtrack.db import open_database

    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    db = open_database(str(db_path))
    with db.session(write=True) as session:
        summary.mark_all(session)
        summary.refresh(session)
    db.close()


def synthetic_claims(db_path: Path, count: int) -> None:
    """A database of `count` claims over 2,000 sources and the gazetteer's actors, inserted in bulk."""
    conn, actors = _new_database(db_path, 2000, date(2024, 10, 1), 200)
    rng = random.Random(7)
    kinds = ["troop_count"] * 3 + ["confirmation", "denial", "not_confirmed"]
    batch = []
    for i in range(count):
        day = date(2024, 10, 1) + timedelta(days=rng.randrange(200))
        kind = rng.choice(kinds)
        batch.append((rng.randrange(1, 2001), rng.choice(actors), kind,
                      rng.randrange(5, 200) * 100 if kind == "troop_count" else None, "approx", "soldiers",
                      day.isoformat(), day.isoformat(), "current", f"Satz {i} mit 3.000 Soldaten.", 0, 30, 1))
        if len(batch) == 50_000:
            _insert_claims(conn, batch)
            batch = []
    if batch:
        _insert_claims(conn, batch)
    _finish(conn, db_path)


def story_claims(db_path: Path, count: int, seed: int = 7) -> None:
    """`count` claims as a story gives them: per force 40 claimants, each stating 3-8 figures months
    apart, every statement repeated by many reports over the next days (over 20,000 sources). The
    random claims above are the worst case for who and compare; this is the shape of real coverage."""
    conn, actors = _new_database(db_path, 20_000, date(2024, 1, 1), 400)
    rng = random.Random(seed)
    statements = []
    for force in ("North Korea", "Russia", "Wagner", "Germany", "United States", "NATO"):
        for claimant in rng.sample(actors, 40):
            value, day = rng.randrange(10, 200) * 100, date(2024, 1, 1) + timedelta(days=rng.randrange(60))
            for _ in range(rng.randrange(3, 9)):
                statements.append((claimant, force, value, day, rng.choice([None, None, "Kursk", "Belarus"])))
                value = max(100, value + rng.randrange(-30, 60) * 100)
                day += timedelta(days=rng.randrange(10, 60))
    kinds = ["troop_count"] * 3 + ["confirmation", "denial", "not_confirmed"]
    rows, per = [], count // len(statements) + 1
    for claimant, force, value, day, place in statements:
        for _ in range(per):
            if len(rows) == count:
                break
            stated = (day + timedelta(days=rng.randrange(4))).isoformat()
            kind = rng.choice(kinds)
            rows.append((rng.randrange(1, 20_001), claimant, kind, value if kind == "troop_count" else None,
                         rng.choice(["approx", "exact", "more_than"]), "soldiers", place, force, stated, stated,
                         "current", f"Satz {len(rows)} mit {value} Soldaten.", 0, 30, 1))
    conn.executemany(
        "INSERT INTO claim (source_id, claimant_id, kind, value, qualifier, unit, location, force, date_from,"
        " date_to, status, quote, quote_start, quote_end, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)", rows)
    _finish(conn, db_path)


def _insert_claims(conn, rows) -> None:
    conn.executemany(
        "INSERT INTO claim (source_id, claimant_id, kind, value, qualifier, unit, date_from, date_to, status, quote,"
        " quote_start, quote_end, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def time_cli(db_path, *args: str, repeat: int = 3) -> float:
    """Best wall time of a command run in process (no interpreter start-up), in milliseconds."""
    from typer.testing import CliRunner

    from claimtrack.cli import app

    runner = CliRunner()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = runner.invoke(app, ["--db", str(db_path), *args])
        best = min(best, time.perf_counter() - start)
        if result.exit_code != 0:
            raise RuntimeError(result.output)
    return best * 1000


def time_process(argv: list[str], repeat: int = 5, timeout: float | None = None) -> float | None:
    """Median wall time of a fresh process (start-up included), in milliseconds; None past the timeout."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=timeout,
                           cwd=ROOT)
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_sql(db_path, sql: str, params=(), repeat: int = 3) -> float:
    """Best time of the same query in plain sqlite3, all rows fetched, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        start = time.perf_counter()
        conn.execute(sql, params).fetchall()
        best = min(best, time.perf_counter() - start)
        conn.close()
    return best * 1000


def _actor(db_path, name: str) -> int:
    conn = sqlite3.connect(db_path)
    found = conn.execute("SELECT id FROM actor WHERE name = ?", (name,)).fetchone()[0]
    conn.close()
    return found


CLAIMS_SQL = """SELECT claim.*, source.file_name, source.published, c.name, v.name FROM claim
JOIN source ON source.id = claim.source_id LEFT JOIN actor c ON c.id = claim.claimant_id
LEFT JOIN actor v ON v.id = claim.via_id
WHERE claim.id IN (SELECT id FROM claim WHERE claimant_id = ? UNION SELECT id FROM claim WHERE via_id = ?)
ORDER BY coalesce(claim.date_from, claim.date_to, source.published), c.name, claim.source_id, claim.id LIMIT 50"""
WHO_ACTOR_SQL = """SELECT claim.*, source.file_name, source.published, source.outlet, c.name, v.name FROM claim
JOIN source ON source.id = claim.source_id LEFT JOIN actor c ON c.id = claim.claimant_id
LEFT JOIN actor v ON v.id = claim.via_id
WHERE claim.kind = 'troop_count' AND claim.id IN (SELECT id FROM claim WHERE claimant_id = ? UNION
SELECT id FROM claim WHERE via_id = ?)"""
COMPARE_SQL = """SELECT claim.*, source.file_name, source.published, source.outlet, c.name, v.name FROM claim
JOIN source ON source.id = claim.source_id LEFT JOIN actor c ON c.id = claim.claimant_id
LEFT JOIN actor v ON v.id = claim.via_id WHERE claim.kind = 'troop_count'"""
EXPORT_SQL = """SELECT claim.*, source.file_name, source.published, c.name, v.name FROM claim
JOIN source ON source.id = claim.source_id LEFT JOIN actor c ON c.id = claim.claimant_id
LEFT JOIN actor v ON v.id = claim.via_id ORDER BY claim.id"""


def _floor_export(db_path, out: Path) -> float:
    import csv

    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    with out.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(conn.execute(EXPORT_SQL))
    conn.close()
    return time.perf_counter() - start


def _shell_export(db_path, out: Path) -> float | None:
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    start = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run([shell, "-csv", str(db_path), EXPORT_SQL], stdout=handle, check=True)
    return time.perf_counter() - start


def run(articles: int, claims: int, compare_timeout: float = 120.0) -> str:
    tmp = Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    cache = os.environ.get("CLAIMTRACK_CACHE")
    try:
        return _run(tmp, articles, claims, compare_timeout)
    finally:
        if cache is None:
            os.environ.pop("CLAIMTRACK_CACHE", None)
        else:
            os.environ["CLAIMTRACK_CACHE"] = cache
        shutil.rmtree(tmp, ignore_errors=True)


INGEST_RUNS = 3  # single runs of the 2-job/1-job ratio ranged 1.68-1.85 on one machine: medians of 3


def _ingest_medians(corpus: Path, tmp: Path) -> dict[int, dict]:
    """Ingest the corpus INGEST_RUNS times with 1 and 2 jobs, alternating, each into a new database:
    per job count the run of median time, with the highest memory peak of its runs."""
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for index in range(INGEST_RUNS):
        for jobs in (1, 2):
            runs[jobs].append(_child(INGEST, str(corpus), str(tmp / f"ingest{jobs}-{index}.db"), str(jobs)))
    medians = {}
    for jobs, results in runs.items():
        middle = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
        medians[jobs] = {**middle, "rss_mb": max(r["rss_mb"] for r in results)}
    return medians


def _run(tmp: Path, articles: int, claims: int, compare_timeout: float) -> str:
    from benchmarks.generate import generate

    corpus = tmp / "corpus"
    generate(corpus, articles)
    sizes = [p.stat().st_size for p in corpus.glob("*.txt")]
    kb = statistics.mean(sizes) / 1000

    startup = {
        "python3 -c pass": time_process([sys.executable, "-c", "pass"]),
        IMPORT_SQLMODEL: time_process([sys.executable, "-c", "import sqlmodel"]),
        "claimtrack --version": time_process([*CLAIMTRACK, "--version"]),
        "claimtrack --help": time_process([*CLAIMTRACK, "--help"]),
    }
    ingest = _ingest_medians(corpus, tmp)
    # the same on a quarter of the corpus: memory that grew with the corpus would show as a higher peak
    quarter = tmp / "quarter"
    quarter.mkdir()
    for path in sorted(corpus.glob("*.txt"))[: max(1, articles // 4)]:
        os.link(path, quarter / path.name)
    ingest_quarter = _child(INGEST, str(quarter), str(tmp / "quarter.db"), "1")
    floor = _child(FLOOR, str(corpus), str(tmp / "floor.db"))
    extract = _child(EXTRACT, str(corpus), str(min(articles, 500)))

    db = tmp / "claims.db"
    synthetic_claims(db, claims)
    nis, pentagon = _actor(db, "NIS"), _actor(db, "Pentagon")
    # the reading commands' compiled statements (reader.StatementCache) in this run's folder: the first
    # run of a shape compiles them (and imports SQLAlchemy), the runs after read them
    os.environ["CLAIMTRACK_CACHE"] = str(tmp / "statements")
    first_run = time_process([*CLAIMTRACK, "--db", str(db), "claims", "--actor", "Pentagon", "--limit", "50"],
                             repeat=1)
    e2e = {
        "claims --actor Pentagon --limit 50": time_process(
            [*CLAIMTRACK, "--db", str(db), "claims", "--actor", "Pentagon", "--limit", "50"]),
        "who --actor NIS": time_process([*CLAIMTRACK, "--db", str(db), "who", "--actor", "NIS"]),
        "who": time_process([*CLAIMTRACK, "--db", str(db), "who", "--format", "jsonl"], repeat=3),
    }
    in_process = {
        "claims --actor Pentagon --limit 50": time_cli(db, "claims", "--actor", "Pentagon", "--limit", "50",
                                                      "--format", "jsonl"),
        "who --actor NIS": time_cli(db, "who", "--actor", "NIS", "--format", "jsonl"),
        "who": time_cli(db, "who", "--format", "jsonl"),
        "compare --actor NIS": time_cli(db, "compare", "--actor", "NIS", "--format", "json", repeat=1),
    }
    sql_floor = {
        "claims --actor Pentagon --limit 50": time_sql(db, CLAIMS_SQL, (pentagon, pentagon)),
        "who --actor NIS": time_sql(db, WHO_ACTOR_SQL, (nis, nis)),
        "who": time_sql(db, "SELECT * FROM who_figure"),
        "compare --actor NIS": time_sql(db, WHO_ACTOR_SQL, (nis, nis)),
    }
    compare_all = time_process([*CLAIMTRACK, "--db", str(db), "compare", "--format", "json"], repeat=1,
                               timeout=compare_timeout)
    compare_floor = time_sql(db, COMPARE_SQL, repeat=1)

    story = tmp / "story.db"
    story_claims(story, claims)
    story_who = time_cli(story, "who", "--format", "jsonl")
    story_compare = time_process([*CLAIMTRACK, "--db", str(story), "compare", "--format", "json"], repeat=1,
                                 timeout=compare_timeout)
    story_rows = time_sql(story, COMPARE_SQL, repeat=1)

    out = tmp / "export.csv"
    start = time.perf_counter()
    subprocess.run([*CLAIMTRACK, "--db", str(db), "export", "claims", "--format", "csv", "-o", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    export_seconds = time.perf_counter() - start
    floor_export = _floor_export(db, tmp / "floor.csv")
    shell_export = _shell_export(db, tmp / "shell.csv")

    def rate(result):
        return result["files"] / result["seconds"]

    def ms(value):
        return "did not finish" if value is None else f"{value:,.0f} ms"

    def met(ok):
        return "yes" if ok else "**no**"

    one, two = rate(ingest[1]), rate(ingest[2])
    lines = [
        "| measure | result | floor, same run | target | met |",
        "| --- | --- | --- | --- | --- |",
        f"| `claimtrack --version` (median of 5, fresh process) | {ms(startup['claimtrack --version'])} | "
        f"`python3 -c pass` {ms(startup['python3 -c pass'])}, `import sqlmodel` "
        f"{ms(startup[IMPORT_SQLMODEL])} | ≤ 200 ms | "
        f"{met(startup['claimtrack --version'] <= 200)} |",
        f"| `claimtrack --help` | {ms(startup['claimtrack --help'])} | (imports no database code: tests/test_startup.py) "
        f"| — | |",
        f"| ingest, 1 job ({articles:,} articles of {kb:.1f} KB, median of {INGEST_RUNS} runs) | {one:,.0f} articles/s, {ingest[1]['claims']:,} claims "
        f"| read + hash + executemany {rate(floor):,.0f} articles/s | ≥ 500 articles/s | {met(one >= 500)} |",
        f"| ingest, 2 jobs (median of {INGEST_RUNS} runs) | {two:,.0f} articles/s ({two / one:.2f}×) | | ≥ 1.8× "
        f"| {met(two / one >= 1.8)} |",
        f"| peak memory, all processes | {ingest[1]['rss_mb']:.0f} MB (1 job), {ingest[2]['rss_mb']:.0f} MB (2 jobs); "
        f"{ingest_quarter['rss_mb']:.0f} MB for a quarter of the corpus (1 job) | | flat in corpus size (4× the "
        f"articles within {MEMORY_SLACK:.0%} of the peak) | "
        f"{met(ingest[1]['rss_mb'] <= ingest_quarter['rss_mb'] * (1 + MEMORY_SLACK))} |",
        f"| of ingest: read + extraction alone (`prepare`, {extract['files']} articles) | "
        f"{extract['seconds'] / extract['files'] * 1000:.1f} ms per article ({rate(extract):,.0f} articles/s) | | | |",
    ]
    for name, target_e2e in (("claims --actor Pentagon --limit 50", 1000), ("who --actor NIS", 1000)):
        lines.append(f"| `{name}`, {claims:,} claims | {ms(e2e[name])} end-to-end; {ms(in_process[name])} in process "
                     f"| same SQL in sqlite3 {ms(sql_floor[name])} | ≤ 1,000 ms end-to-end, ≤ 100 ms query | "
                     f"{met(e2e[name] <= target_e2e and in_process[name] <= 100)} |")
    lines.append(f"| the first `claims --actor` of a new installation (its statements compiled and kept) | "
                 f"{ms(first_run)} end-to-end | | — | |")
    lines.append(f"| `who` (all claimants), {claims:,} claims | {ms(in_process['who'])} in process; {ms(e2e['who'])} "
                 f"end-to-end (jsonl) | reading who_figure in sqlite3 {ms(sql_floor['who'])} | ≤ 500 ms | "
                 f"{met(in_process['who'] <= 500)} |")
    lines.append(f"| `compare` (all), {claims:,} claims | {ms(compare_all)} end-to-end (timeout {compare_timeout:.0f} s) "
                 f"| its rows in sqlite3 {ms(compare_floor)} | ≤ 2,000 ms | "
                 f"{met(compare_all is not None and compare_all <= 2000)} |")
    lines.append(f"| the same, {claims:,} claims shaped like a story (`story_claims`) | `who` {ms(story_who)} in "
                 f"process; `compare` {ms(story_compare)} end-to-end | its rows in sqlite3 {ms(story_rows)} | "
                 f"≤ 500 ms, ≤ 2,000 ms | {met(story_who <= 500 and story_compare is not None and story_compare <= 2000)} |")
    lines.append(f"| `compare --actor NIS` | {ms(in_process['compare --actor NIS'])} in process | "
                 f"{ms(sql_floor['compare --actor NIS'])} | — | |")
    shell = f"; sqlite3 -csv {claims / shell_export:,.0f} rows/s" if shell_export else ""
    lines.append(f"| CSV export, {claims:,} claims (fresh process) | {claims / export_seconds:,.0f} rows/s | "
                 f"sqlite3 + csv.writerows {claims / floor_export:,.0f} rows/s{shell} | ≥ 100,000 rows/s | "
                 f"{met(claims / export_seconds >= 100_000)} |")
    header = [
        "# claimtrack benchmarks", "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}. Measured {date.today().isoformat()} with",
        "",
        f"    python -m benchmarks.bench --articles {articles} --claims {claims} --out benchmarks/RESULTS.md",
        "",
        "The corpus comes from `python -m benchmarks.generate` (sentences of the seeds and dev articles recombined "
        "with varied figures, speakers and datelines). The claims database is synthetic: claims bulk-inserted over "
        "2,000 sources and the gazetteer's actors with random figures and days, then who's stored rows built.",
        "",
    ]
    return "\n".join(header + lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=6_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--compare-timeout", type=float, default=120.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report = run(args.articles, args.claims, args.compare_timeout)
    if args.out:
        notes = ""
        if args.out.exists():  # the hand-written analysis below the table is kept
            text = args.out.read_text(encoding="utf-8")
            marker = "\n## "
            notes = text[text.index(marker):] if marker in text else ""
        args.out.write_text(report + notes, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
