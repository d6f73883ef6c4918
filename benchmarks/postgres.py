"""claimtrack on PostgreSQL beside SQLite, on the same generated corpus, same machine, same run.

    python -m benchmarks.postgres --pg postgresql://claimtrack@127.0.0.1:5432/postgres [--articles 1000]

The server URL needs the right to create a database (one is made and dropped); `.ci/postgres.sh`
starts a throwaway server. Prints a Markdown table; --out appends it to a file.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import uuid
from pathlib import Path

from benchmarks.bench import INGEST, _child, time_cli
from benchmarks.generate import generate


def run(pg_admin: str, articles: int) -> str:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    server = pg_admin.rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            generate(corpus, articles, seed=1)
            targets = {"SQLite": str(Path(folder) / "bench.db"), "PostgreSQL": server}
            rows = []
            for label, target in targets.items():
                ingest = _child(INGEST, str(corpus), target, "1")
                who = time_cli(target, "who", "--actor", "NIS", "--format", "jsonl")
                claims = time_cli(target, "claims", "--actor", "Pentagon", "--limit", "50", "--format", "jsonl")
                every = time_cli(target, "who", "--format", "jsonl", repeat=1)
                rows.append((label, ingest, who, claims, every))
    finally:
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    lines = [f"### PostgreSQL beside SQLite ({articles:,} generated articles, 1 job, same run)", "",
             "| database | ingest | claims | `who --actor NIS` | `claims --actor Pentagon --limit 50` | `who` (all) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for label, ingest, who, claims, every in rows:
        lines.append(f"| {label} | {ingest['files'] / ingest['seconds']:.0f} articles/s | {ingest['claims']:,} | "
                     f"{who:.0f} ms | {claims:.0f} ms | {every:.0f} ms |")
    lines.append("")
    lines.append("Query times are in process (CliRunner, best of 3; `who` all: one run), so they leave out the "
                 "interpreter's start-up; the PostgreSQL server is local (127.0.0.1, fsync off as in CI).")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=os.environ.get("CLAIMTRACK_TEST_PG"), help="server URL (admin)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not args.pg:
        parser.error("give --pg URL or set CLAIMTRACK_TEST_PG")
    report = run(args.pg, args.articles)
    print(report)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write("\n" + report)


if __name__ == "__main__":
    main()
