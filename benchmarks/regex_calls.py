"""Where extraction's regex time goes: every pattern the extractor compiles, timed call by call.

    python -m benchmarks.regex_calls [--articles 500] [--warm 300] [--top 25]

Every `re.compile` made while claimtrack extracts goes through a wrapper that times each call of the
compiled pattern (finditer is run to its end inside the timing), and counts the calls that found
nothing. The report gives the share of `prepare` spent in the regex engine, the share of that spent
proving absence, and the patterns that cost most. The wrapper's own cost inflates the total (issue #14:
4.8 s against 3.8 s without it for 500 articles), not the pattern times.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

_compile = re.compile
# (pattern text, flags) -> [seconds, calls, seconds in calls that found nothing, such calls]
TIMES: dict[tuple, list] = defaultdict(lambda: [0.0, 0, 0.0, 0])


class TimedPattern:
    """A compiled pattern whose calls are timed into TIMES; answers as the pattern does."""

    __slots__ = ("compiled", "_times")

    def __init__(self, compiled: re.Pattern):
        self.compiled = compiled
        self._times = TIMES[(compiled.pattern, compiled.flags)]

    def _timed(self, found_nothing, method, *args, listed=False, **kwargs):
        start = time.perf_counter()
        result = method(*args, **kwargs)
        if listed:  # an iterator: the engine runs while it is read
            result = list(result)
        spent = time.perf_counter() - start
        times = self._times
        times[0] += spent
        times[1] += 1
        if found_nothing(result):
            times[2] += spent
            times[3] += 1
        return iter(result) if listed else result

    def search(self, *args, **kwargs):
        return self._timed(lambda r: r is None, self.compiled.search, *args, **kwargs)

    def match(self, *args, **kwargs):
        return self._timed(lambda r: r is None, self.compiled.match, *args, **kwargs)

    def fullmatch(self, *args, **kwargs):
        return self._timed(lambda r: r is None, self.compiled.fullmatch, *args, **kwargs)

    def finditer(self, *args, **kwargs):
        return self._timed(lambda r: not r, self.compiled.finditer, *args, listed=True, **kwargs)

    def findall(self, *args, **kwargs):
        return self._timed(lambda r: not r, self.compiled.findall, *args, **kwargs)

    def split(self, *args, **kwargs):
        return self._timed(lambda r: len(r) == 1, self.compiled.split, *args, **kwargs)

    def sub(self, repl, string, *args, **kwargs):
        return self._timed(lambda r: r[1] == 0, self.compiled.subn, repl, string, *args, **kwargs)[0]

    def subn(self, *args, **kwargs):
        return self._timed(lambda r: r[1] == 0, self.compiled.subn, *args, **kwargs)

    def __getattr__(self, name):  # pattern, flags, groups, groupindex, scanner ...
        return getattr(self.compiled, name)


def _timed_compile(pattern, flags=0):
    if isinstance(pattern, TimedPattern):
        return pattern
    compiled = _compile(pattern, flags)
    return compiled if isinstance(compiled.pattern, bytes) else TimedPattern(compiled)


def run(articles: int, warm: int, top: int) -> str:
    re.compile = _timed_compile  # before claimtrack compiles anything
    try:
        from benchmarks.generate import generate
        from claimtrack.ingest.pipeline import IngestOptions, prepare

        with tempfile.TemporaryDirectory() as folder:
            paths = generate(Path(folder), articles + warm)
            options = IngestOptions()
            for path in paths[articles:]:  # patterns compiled, caches filled
                prepare(path, options, None)
            for times in TIMES.values():  # in place: each pattern holds its own list
                times[:] = [0.0, 0, 0.0, 0]
            start = time.perf_counter()
            for path in paths[:articles]:
                prepare(path, options, None)
            total = time.perf_counter() - start
    finally:
        re.compile = _compile
    called = [(key, times) for key, times in TIMES.items() if times[1]]
    spent = sum(t[0] for t in TIMES.values())
    calls = sum(t[1] for t in TIMES.values())
    empty = sum(t[2] for t in TIMES.values())
    empty_calls = sum(t[3] for t in TIMES.values())
    lines = [f"prepare over {articles:,} generated articles (after {warm:,} to warm up), patterns timed: "
             f"{total:.2f} s; {calls:,} calls of {len(called):,} patterns, {spent:.2f} s in them "
             f"({spent / total:.0%}), of which {empty:.2f} s ({empty / spent:.0%}) in the {empty_calls:,} calls "
             "that found nothing.", "",
             "| ms | calls | ms finding nothing | such calls | pattern |", "| ---: | ---: | ---: | ---: | --- |"]
    for (pattern, flags), (seconds, n, nothing, n_nothing) in sorted(called, key=lambda kv: -kv[1][0])[:top]:
        shown = pattern[:90].replace("|", "\\|").replace("`", "'")
        lines.append(f"| {seconds * 1000:.1f} | {n:,} | {nothing * 1000:.1f} | {n_nothing:,} | "
                     f"`{shown}`{' (I)' if flags & re.IGNORECASE else ''} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--warm", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    sys.stdout.write(run(args.articles, args.warm, args.top))


if __name__ == "__main__":
    main()
