"""Measure claimtrack on the machine at hand and print a Markdown report.

    python -m benchmarks.bench [--articles 10000] [--claims 1000000] [--out benchmarks/RESULTS.md]

Ingest throughput with 1 and 2 jobs (each in a fresh subprocess, so peak RSS is its own), the storage
floor (the same files read and inserted with sqlite3 executemany), dateparser's German search_dates over
the same articles when dateparser is installed, query latency on a database of N synthetic claims,
and CSV export speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _child(code: str, *args: str) -> dict:
    """Run code in a fresh interpreter; it prints one JSON line. Adds its peak RSS (MB)."""
    wrapped = code + "\nimport resource, json, sys\n" \
        "result['rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\nprint(json.dumps(result))\n"
    out = subprocess.run([sys.executable, "-c", wrapped, *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


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

DATEPARSER = """
import sys, time
from pathlib import Path
from dateparser.search import search_dates
folder = Path(sys.argv[1])
paths = sorted(folder.glob('*.txt'))[: int(sys.argv[2])]
start = time.perf_counter()
found = 0
for path in paths:
    found += len(search_dates(path.read_text(encoding='utf-8'), languages=['de']) or [])
result = {'seconds': time.perf_counter() - start, 'files': len(paths), 'dates': found}
"""


def synthetic_claims(db_path: Path, count: int) -> None:
    """A database of `count` claims over 2,000 sources and the gazetteer's actors, inserted in bulk."""
    from claimtrack.db import open_database
    from claimtrack.store import sync_gazetteer

    db = open_database(str(db_path))
    with db.session(write=True) as session:
        sync_gazetteer(session)
    db.close()
    rng = random.Random(7)
    conn = sqlite3.connect(db_path)
    actors = [row[0] for row in conn.execute("SELECT id FROM actor")]
    now = "2024-11-01 00:00:00"
    conn.executemany(
        "INSERT INTO source (file_name, path, sha256, language, encoding, text, size_bytes, ingested_at,"
        " extractor_version, published) VALUES (?, ?, ?, 'de', 'utf-8', ?, 3000, ?, 'bench', ?)",
        [(f"s{i}.txt", f"/bench/s{i}.txt", f"{i:064x}", "Text " * 50, now,
          (date(2024, 10, 1) + timedelta(days=i % 200)).isoformat()) for i in range(2000)])
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
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def _insert_claims(conn, rows) -> None:
    conn.executemany(
        "INSERT INTO claim (source_id, claimant_id, kind, value, qualifier, unit, date_from, date_to, status, quote,"
        " quote_start, quote_end, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def time_cli(db_path: Path, *args: str, repeat: int = 3) -> float:
    """Best wall time of the query, in process (no interpreter start-up), in milliseconds."""
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


def run(articles: int, claims: int, dateparser_articles: int) -> str:
    from benchmarks.generate import generate

    tmp = Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    corpus = tmp / "corpus"
    generate(corpus, articles)
    megabytes = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    ingest = {}
    for jobs in (1, 2):
        ingest[jobs] = _child(INGEST, str(corpus), str(tmp / f"ingest{jobs}.db"), str(jobs))
    floor = _child(FLOOR, str(corpus), str(tmp / "floor.db"))
    try:
        parser = _child(DATEPARSER, str(corpus), str(dateparser_articles))
    except RuntimeError:
        parser = None
    claims_db = tmp / "claims.db"
    synthetic_claims(claims_db, claims)
    latency = {
        "who": time_cli(claims_db, "who", "--actor", "NIS", "--format", "jsonl"),
        "claims --actor X": time_cli(claims_db, "claims", "--actor", "Pentagon", "--limit", "100", "--format", "jsonl"),
        "compare": time_cli(claims_db, "compare", "--actor", "NIS", "--format", "json"),
    }
    start = time.perf_counter()
    out = tmp / "export.csv"
    from typer.testing import CliRunner

    from claimtrack.cli import app
    CliRunner().invoke(app, ["--db", str(claims_db), "export", "claims", "--format", "csv", "-o", str(out)])
    export_seconds = time.perf_counter() - start

    def rate(result):
        return result["files"] / result["seconds"]

    lines = [
        "# claimtrack benchmarks",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        f"Reproduce: `python -m benchmarks.bench --articles {articles} --claims {claims}` "
        "(corpus from `python -m benchmarks.generate`).",
        "",
        f"Corpus: {articles:,} generated articles, {megabytes:.1f} MB.",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        f"| ingest, 1 job | {rate(ingest[1]):,.0f} articles/s, {megabytes / ingest[1]['seconds']:.2f} MB/s, "
        f"{ingest[1]['claims']:,} claims | ≥ 1,000 articles/s |",
        f"| ingest, 2 jobs | {rate(ingest[2]):,.0f} articles/s ({ingest[1]['seconds'] / ingest[2]['seconds']:.2f}×) "
        f"| ≥ 1.7× |",
        f"| peak RSS, 1 job / 2 jobs | {ingest[1]['rss_mb']:.0f} MB / {ingest[2]['rss_mb']:.0f} MB (main process) "
        f"| < 300 MB |",
        f"| storage floor (read + sqlite3 executemany) | {rate(floor):,.0f} articles/s; claimtrack at "
        f"{rate(ingest[1]) / rate(floor):.3f}× of it | |",
    ]
    if parser:
        lines.append(f"| dateparser search_dates (de), {parser['files']} articles | {rate(parser):,.1f} articles/s; "
                     f"claimtrack (all extraction + storage) {rate(ingest[1]) / rate(parser):.1f}× faster | |")
    else:
        lines.append("| dateparser search_dates | not installed (`pip install dateparser`) | |")
    for name, ms in latency.items():
        lines.append(f"| `{name}` on {claims:,} claims | {ms:,.0f} ms | < 100 ms (who, claims) |")
    lines.append(f"| CSV export, {claims:,} claims | {claims / export_seconds:,.0f} rows/s | ≥ 200,000 rows/s |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--dateparser-articles", type=int, default=200)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report = run(args.articles, args.claims, args.dateparser_articles)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
