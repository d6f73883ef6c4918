"""Deterministic corpus generator: recombines sentences of the seed and dev articles with varied
numbers, names and dates into N articles of about 3 KB each.

    python -m benchmarks.generate OUT_DIR N [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = ["Das Pentagon", "Der NIS", "Der südkoreanische Geheimdienst", "Selenskyj", "Der Kreml", "Die NATO",
            "Lloyd Austin", "Der ukrainische Militärgeheimdienst HUR", "Das Weiße Haus", "Der Generalstab in Seoul"]
OUTLETS = ["dpa", "AFP", "Reuters"]


def _sentences() -> list[str]:
    from claimtrack.extract.lexicon import load
    from claimtrack.extract.sentences import split
    from claimtrack.ingest.metadata import detect
    from claimtrack.ingest.read import read_document

    lex = load("de")
    pool = []
    for path in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "dev").glob("*.txt")):
        text = read_document(path).text
        for sentence in split(text, lex, detect(text).boilerplate):
            if not sentence.heading and 40 <= len(sentence.text) <= 400:
                pool.append(" ".join(sentence.text.split()))
    return pool


def _vary(sentence: str, rng: random.Random) -> str:
    def number(match: re.Match) -> str:
        value = rng.randrange(5, 200) * 100
        return f"{value:,}".replace(",", ".") if value >= 1000 else str(value)

    sentence = re.sub(r"\d{1,3}(?:\.\d{3})+|\d{4,5}", number, sentence)
    if rng.random() < 0.3:
        sentence = re.sub(r"^(Der|Die|Das) [A-ZÄÖÜ][\wä-]+", rng.choice(SPEAKERS), sentence)
    return sentence


def article(index: int, pool: list[str], rng: random.Random) -> str:
    published = date(2024, 10, 1) + timedelta(days=rng.randrange(0, 200))
    outlet = rng.choice(OUTLETS)
    lines = [f"Meldung {index}: {rng.choice(SPEAKERS)} nennt neue Zahlen", "",
             f"Seoul, {published:%d.%m.%Y} ({outlet}) – " + _vary(rng.choice(pool), rng)]
    size = len(lines[-1])
    while size < 2900:
        paragraph = " ".join(_vary(rng.choice(pool), rng) for _ in range(rng.randrange(1, 4)))
        lines += ["", paragraph]
        size += len(paragraph) + 2
    return "\n".join(lines) + "\n"


def generate(out: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pool = _sentences()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"a{index:06d}.txt"
        path.write_text(article(index, pool, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
