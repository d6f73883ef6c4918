"""Date expressions in a sentence and their resolution against the publication date into a window.

A window is (date_from, date_to); an exact day has both equal. Without a publication date, relative
expressions stay unresolved (None) — never today's date. Resolution also yields an ordering key that
works without a publication date, so that revisions can be ordered in undated articles too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from datetime import date, timedelta

from dateutil.relativedelta import MO, SA, relativedelta

from claimtrack.extract.lexicon import Lexicon

# Stands in for an unknown publication date when only the order of claims matters.
VIRTUAL_PUBLISHED = date(2000, 6, 14)
PARTS_OF_MONTH = {"anfang": (1, 10), "mitte": (10, 20), "ende": (20, 31)}
SEASONS = {"autumn": ((9, 1), (12, 21)), "spring": ((3, 1), (6, 20)), "summer": ((6, 1), (9, 22)),
           "winter": ((12, 1), (3, 20))}
EVENT_PREFIX = re.compile(r"(?:seit|bis|ab|bis\s+zum|bis\s+Ende|vor|nach)\s*$", re.IGNORECASE)


@dataclass
class DateMention:
    start: int  # offsets in the sentence
    end: int
    text: str
    kind: str  # absolute, weekday, relative, part_of_month, month, same_day, now, earlier
    payload: tuple
    exact_day: bool = False


def _month_names(lex: Lexicon) -> str:
    return "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))


@cache
def _patterns(language: str) -> dict[str, re.Pattern]:
    """The date regexes of one language, compiled once."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    months = _month_names(lex)
    weekdays = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    return {
        "numeric": re.compile(rf"(?i)(?:am\s+)?(?:(?P<wd>{weekdays}),?\s*)?\(?(?P<d>\d{{1,2}})\.\s?(?P<mo>\d{{1,2}})\."
                              rf"(?P<y>\d{{4}})?\)?"),
        "named": re.compile(rf"(?i)(?:am\s+|vom\s+|dem\s+)?(?P<d>\d{{1,2}})\.\s*(?P<mo>{months})\.?(?:\s+(?P<y>\d{{4}}))?(?!\w)"),
        "part": re.compile(rf"(?i)(?P<part>Anfang|Mitte|Ende)\s+(?P<mo>{months})(?:\s+(?P<y>\d{{4}}))?(?!\w)"),
        "month": re.compile(rf"(?i)(?:im\s+|seit\s+)?(?P<mo>{months})(?:\s+(?P<y>\d{{4}}))?(?!\w)"),
        "weekday": re.compile(rf"(?i)(?:am\s+|vom\s+|seit\s+)?(?P<wd>{weekdays})(?:abend|morgen|nachmittag)?(?!\w)"),
    }


def find_dates(sentence: str, lex: Lexicon) -> list[DateMention]:
    """Date expressions, longest first where they overlap; event dates (seit/bis ...) are left out."""
    patterns = _patterns(lex.language)
    found: list[DateMention] = []

    def add(match, kind, payload, exact=False):
        if EVENT_PREFIX.search(sentence, max(0, match.start() - 16), match.start()):
            return
        if any(not (match.end() <= m.start or match.start() >= m.end) for m in found):
            return
        found.append(DateMention(match.start(), match.end(), match.group().strip(), kind, payload, exact))

    # am Donnerstag (24.10.), am 23. Oktober, am 26. April 2025, 24.10.2024
    for m in patterns["numeric"].finditer(sentence):
        add(m, "absolute", (int(m["d"]), int(m["mo"]), int(m["y"]) if m["y"] else None), True)
    for m in patterns["named"].finditer(sentence):
        add(m, "absolute", (int(m["d"]), lex.months[m["mo"].casefold()], int(m["y"]) if m["y"] else None), True)
    for m in patterns["part"].finditer(sentence):
        add(m, "part_of_month", (m["part"].casefold(), lex.months[m["mo"].casefold()], int(m["y"]) if m["y"] else None))
    for m in patterns["month"].finditer(sentence):
        if m.group().casefold().startswith("seit"):
            continue
        if not m.group().casefold().startswith("im") and not m["y"]:
            continue  # a bare month name is too often something else (Mai = May, a name)
        add(m, "month", (lex.months[m["mo"].casefold()], int(m["y"]) if m["y"] else None))
    relative = [(m, rule) for pattern, rule in lex.relative for m in pattern.finditer(sentence)]
    for m, rule in sorted(relative, key=lambda item: item[0].start() - item[0].end()):  # longest first
        add(m, "relative", (rule,), rule.startswith("day:"))
    for m in patterns["weekday"].finditer(sentence):
        if m.group().casefold().startswith("seit"):
            continue
        add(m, "weekday", (lex.weekdays[m["wd"].casefold()],), True)
    for m in lex.same_day.finditer(sentence):
        add(m, "same_day", ())
    for m in lex.now.finditer(sentence):
        add(m, "now", ())
    for m in lex.earlier.finditer(sentence):
        add(m, "earlier", ())
    found.sort(key=lambda d: d.start)
    return found


def resolve(mention: DateMention, published: date | None) -> tuple[date, date] | None:
    """The window a mention stands for, against `published`; None when it cannot be fixed."""
    if mention.kind == "absolute":
        day, month, year = mention.payload
        if year is None:
            if published is None:
                return None
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        return value, value
    if published is None:
        if mention.kind in ("part_of_month", "month") and mention.payload[-1] is not None:
            return _month_window(mention, None)
        return None
    if mention.kind == "weekday":
        (weekday,) = mention.payload
        value = published - timedelta(days=(published.weekday() - weekday) % 7)
        return value, value
    if mention.kind in ("part_of_month", "month"):
        return _month_window(mention, published)
    if mention.kind == "relative":
        return _relative(mention.payload[0], published)
    if mention.kind == "now":
        return published, published
    return None


def _month_window(mention: DateMention, published: date | None) -> tuple[date, date] | None:
    if mention.kind == "part_of_month":
        part, month, year = mention.payload
    else:
        month, year = mention.payload
        part = None
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    last = calendar.monthrange(year, month)[1]
    if part:
        low, high = PARTS_OF_MONTH[part]
        return date(year, month, low), date(year, month, min(high, last))
    end = date(year, month, last)
    if published is not None and published < end and (published.year, published.month) == (year, month):
        end = published
    return date(year, month, 1), end


def _relative(rule: str, published: date) -> tuple[date, date] | None:
    name, _, arg = rule.partition(":")
    if name == "day":
        value = published + timedelta(days=int(arg))
        return value, value
    if name in ("week", "week_start", "week_end"):
        monday = published + relativedelta(weekday=MO(-1)) + timedelta(weeks=int(arg))
        if name == "week_start":
            low, high = monday, monday + timedelta(days=2)
        elif name == "week_end":
            low, high = monday + timedelta(days=4), monday + timedelta(days=6)
        else:
            low, high = monday, monday + timedelta(days=6)
        return low, min(high, published)
    if name == "weekend":
        saturday = published + relativedelta(days=-1, weekday=SA(-1))
        return saturday, saturday + timedelta(days=1)
    if name == "month":
        first = (published.replace(day=1) + relativedelta(months=int(arg)))
        last = first + relativedelta(day=31)
        return first, min(last, published)
    if name == "season":
        season, offset = arg.split(":")
        (m1, d1), (m2, d2) = SEASONS[season]
        year = published.year + int(offset)
        if int(offset) == 0 and (published.month, published.day) < (m1, d1):
            year -= 1  # "im Herbst" said in spring is last autumn
        low = date(year, m1, d1)
        high = date(year + (1 if m2 < m1 else 0), m2, d2)
        return low, min(high, published)
    return None


def default_window(published: date) -> tuple[date, date]:
    """A claim without date words: made in the days before publication (from the Monday of the week before)."""
    monday = published + relativedelta(weekday=MO(-1)) - timedelta(weeks=1)
    return monday, published


def order_key(mention: DateMention | None, published: date | None) -> date:
    """A date for ordering claims in time; works with an unknown publication date."""
    reference = published or VIRTUAL_PUBLISHED
    if mention is None:
        return reference - timedelta(days=3)
    if mention.kind == "earlier":
        return reference - timedelta(days=60)
    window = resolve(mention, reference)
    if window is None:
        return reference - timedelta(days=3)
    return window[0]
