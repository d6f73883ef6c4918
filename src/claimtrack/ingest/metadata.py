"""Title, outlet, publication date and page furniture, detected from an article's text.

Patterns live in `lang/<code>/metadata.toml`. A date is taken only from a line that states the
article's own date (a dateline, "Stand:", "Veröffentlicht am", a broadcast's closing line), never
from a bare date line: those head links to other articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from claimtrack import gazetteer, lang
from claimtrack.gazetteer import normalise

HEAD_LINES = 12
TAIL_LINES = 10
MAX_TITLE_CHARS = 200


@dataclass
class Metadata:
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_rule: str | None = None
    language: str = lang.DEFAULT_LANGUAGE
    boilerplate: list[tuple[int, int]] = field(default_factory=list)  # spans of page furniture


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@cache
def _patterns(language: str) -> dict:
    data = lang.load(language, "metadata")
    compile_ = lambda p: re.compile(p, re.MULTILINE)  # noqa: E731
    return {
        "published": [(p["name"], p["where"], compile_(p["pattern"])) for p in data.get("published", [])],
        "outlet": [(p["name"], p["where"], compile_(p["pattern"])) for p in data.get("outlet", [])],
        # one alternation, one search per line (the patterns hold no groups of their own)
        "boilerplate": compile_("|".join(f"(?:{p})" for b in data.get("boilerplate", []) for p in b.get("patterns", []))
                                or "(?!)"),
        "link_headings": {h.casefold() for b in data.get("boilerplate", []) for h in b.get("link_block_headings", [])},
        "teaser_stamp": re.compile(data["teaser_stamp"]["pattern"]),
        "stopwords": set(data.get("language", {}).get("stopwords", [])),
        "months": lang.load(language, "dates")["months"],
    }


def parse_date(value: str, language: str = lang.DEFAULT_LANGUAGE) -> date | None:
    """'25.10.2024', '2024-10-25', '12. November 2024', 'Oct 23, 2024', '23 October 2024' → date (month
    names of the language); None when it is no real date."""
    months = _patterns(language)["months"]
    value = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    numeric = re.fullmatch(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", value)
    day_first = re.fullmatch(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?,?\s+(\d{4})", value)
    month_first = re.fullmatch(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if numeric:
            return date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        if day_first and day_first[2].casefold() in months:
            return date(int(day_first[3]), months[day_first[2].casefold()], int(day_first[1]))
        if month_first and month_first[1].casefold() in months:
            return date(int(month_first[3]), months[month_first[1].casefold()], int(month_first[2]))
    except ValueError:
        return None
    return None


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(_Line(offset, offset + len(raw), raw))
        offset += len(raw) + 1
    return lines


def detect_language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text[:5000].casefold())
    best, best_hits = lang.DEFAULT_LANGUAGE, 0
    for code in lang.languages():
        try:
            hits = sum(map(_patterns(code)["stopwords"].__contains__, words))
        except FileNotFoundError:
            continue
        if hits > best_hits:
            best, best_hits = code, hits
    return best


def detect(text: str, language: str | None = None) -> Metadata:
    """Everything the text says about itself."""
    language = language or detect_language(text)
    pats = _patterns(language)
    lines = _lines(text)
    meta = Metadata(language=language)
    if not lines:
        return meta

    link_start = _link_block_start(lines, pats)
    body = [ln for ln in lines if ln.start < link_start]
    head, tail = body[:HEAD_LINES], body[-TAIL_LINES:]
    if link_start < len(text):
        meta.boilerplate.append((link_start, len(text)))

    for name, where, pattern in pats["published"]:
        for line in head if where == "head" else tail:
            match = pattern.search(line.text)
            if not match or meta.published is not None:
                continue
            found = parse_date(match["date"], language)
            if found is None:
                continue
            meta.published, meta.published_rule = found, name
            if "outlet" in match.groupdict() and match["outlet"] and meta.outlet is None:
                meta.outlet = match["outlet"].strip()
            end = match.end() if name == "dateline" else line.end
            meta.boilerplate.append((line.start + match.start(), line.start + end if name == "dateline" else end))

    # A site footer may sit below the link block, so outlets are looked for in the whole tail.
    for _name, where, pattern in pats["outlet"]:
        for line in reversed(lines[-TAIL_LINES:]) if where == "tail" else head:
            match = pattern.search(line.text)
            if match:
                # a credit at the head of the lead ("TALLINN, Estonia (AP) —") is cut off, the lead stays
                meta.boilerplate.append((line.start + match.start(), line.start + match.end()) if where == "head"
                                        else (line.start, line.end))
                if meta.outlet is None:
                    meta.outlet = match["outlet"].strip().strip("*_ ")

    if meta.outlet is None:
        # a line at the head that only names a known outlet ("n-tv" under the headline)
        outlets = _known_outlets()
        for line in head[1:6]:
            name = outlets.get(normalise(line.text.strip().strip("*_|·- ")))
            if name is not None:
                meta.outlet = line.text.strip().strip("*_|·- ")
                meta.boilerplate.append((line.start, line.end))
                break

    for line in body:
        if pats["boilerplate"].search(line.text):
            meta.boilerplate.append((line.start, line.end))

    meta.title = _title(lines, meta)
    meta.boilerplate = _merge(meta.boilerplate)
    return meta


@cache
def _known_outlets() -> dict[str, str]:
    """Normalised names of the media the gazetteer knows → their canonical name."""
    return {normalise(alias): entry.name for entry in gazetteer.entries() if entry.type == "media"
            for alias in (entry.name, *entry.aliases)}


def _link_block_start(lines: list[_Line], pats: dict) -> int:
    """Where a trailing block of links to other articles begins (len(text) when there is none)."""
    end = lines[-1].end + 1
    half = len(lines) // 2
    for index, line in enumerate(lines):
        if index < half:
            continue
        heading = line.text.strip().strip("*#:_ ").casefold()
        if heading in pats["link_headings"]:
            return line.start
        # A date-and-time line standing alone (28. Oktober 2024 · 20:49) heads a teaser.
        if pats["teaser_stamp"].fullmatch(line.text):
            return line.start
    return end


def _title(lines: list[_Line], meta: Metadata) -> str | None:
    """The first line, when it is a headline: short, not a sentence of the body, not metadata."""
    first = lines[0]
    if any(start <= first.start < end for start, end in meta.boilerplate):
        return None
    candidate = re.sub(r"^#+\s*", "", first.text.strip()).strip("*_ ")
    if not candidate or len(candidate) > MAX_TITLE_CHARS:
        return None
    if re.search(r"[.;,]$", candidate):
        return None  # a lead sentence, not a headline
    return candidate


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
