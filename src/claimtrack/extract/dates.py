"""Date expressions in a sentence and their resolution against the publication date into a window.

A window is (date_from, date_to); an exact day has both equal. Without a publication date, relative
expressions stay unresolved (None) — never today's date. Resolution also yields an ordering key that
works without a publication date, so that revisions can be ordered in undated articles too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from datetime import date, timedelta

from dateutil.relativedelta import MO, SA, relativedelta

from claimtrack.extract.lexicon import Lexicon
from claimtrack.extract.rx import prefiltered
from claimtrack.extract.scan import PieceScanner

DIGIT = re.compile(r"\d")

# Stands in for an unknown publication date when only the order of claims matters.
VIRTUAL_PUBLISHED = date(2000, 6, 14)
SEASONS = {"autumn": ((9, 1), (12, 21)), "spring": ((3, 1), (6, 20)), "summer": ((6, 1), (9, 22)),
           "winter": ((12, 1), (3, 20))}


@dataclass(frozen=True)
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
def _patterns(language: str) -> dict:
    """The date regexes of one language (lang/<code>/dates.toml [patterns]), compiled once."""
    from claimtrack import lang
    from claimtrack.extract.lexicon import load

    lex = load(language)
    data = lang.load(language, "dates")
    table = data["patterns"]
    months = _month_names(lex)
    weekdays = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    fill = lambda t: prefiltered(re.compile(t.replace("{months}", months).replace("{weekdays}", weekdays),  # noqa: E731
                                            re.IGNORECASE))
    compiled = {kind: [fill(t) for t in table[kind]] for kind in ("numeric", "named", "part", "month", "weekday")}
    compiled["month_prefixes"] = frozenset(table["month_prefixes"])
    compiled["event_words"] = frozenset(table["event_words"])
    compiled["event_prefix"] = re.compile(table["event_prefix"], re.IGNORECASE)
    # quick tests before the patterns: most sentences name no month and no weekday
    compiled["month_words"] = PieceScanner(m.lower() for m in lex.months)
    compiled["weekday_words"] = PieceScanner(w.lower() for w in lex.weekdays)
    compiled["parts_of_month"] = {k.casefold(): tuple(v) for k, v in data["parts_of_month"].items()}
    return compiled


def _prefix(match: re.Match) -> str:
    return (match.groupdict().get("prefix") or "").casefold()


def _year(match: re.Match) -> int | None:
    return int(match["y"]) if match.groupdict().get("y") else None


def _month(match: re.Match, lex: Lexicon) -> int:
    value = match["mo"]
    return int(value) if value.isdigit() else lex.months[value.casefold()]


def find_dates(sentence: str, lex: Lexicon) -> list[DateMention]:
    """Date expressions, longest first where they overlap; event dates (seit/bis ...) are left out."""
    return list(_find_dates(sentence, lex.language)[0])


def day_spans(sentence: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of every full date, event dates too ("since October 7"): its day is no figure."""
    found, event_days = _find_dates(sentence, lex.language)
    return [(d.start, d.end) for d in found if d.kind == "absolute"] + list(event_days)


@lru_cache(maxsize=256)
def _find_dates(sentence: str, language: str) -> tuple[tuple[DateMention, ...], tuple[tuple[int, int], ...]]:
    """find_dates, once per sentence: several rules ask for the same sentence's dates; and the spans of
    the full dates left out as events."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    patterns = _patterns(lex.language)
    found: list[DateMention] = []
    event_days: list[tuple[int, int]] = []

    def add(match, kind, payload, exact=False):
        if patterns["event_prefix"].search(sentence, max(0, match.start() - 16), match.start()):
            if kind == "absolute":
                event_days.append((match.start(), match.end()))
            return
        if any(not (match.end() <= m.start or match.start() >= m.end) for m in found):
            return
        end = match.end()
        month = match.groupdict().get("mo") or ""
        if sentence[end - 1:end] == "." and month[-1:] != "." and len(month) > 4 and match.group().rstrip(".").endswith(month):
            end -= 1  # "in April." : the sentence's full stop, not an abbreviation's
        found.append(DateMention(match.start(), end, sentence[match.start():end].strip(), kind, payload, exact))

    lowered = sentence.lower()
    has_digit = DIGIT.search(sentence) is not None
    has_month = patterns["month_words"].any(lowered)
    # a full date first: it beats a weekday written next to it ("am Donnerstag, 7. November 2024")
    for kind in ("numeric", "named") if has_digit else ():
        for pattern in patterns[kind]:
            for m in pattern.finditer(sentence):
                if m["mo"].isdigit() and not 1 <= int(m["mo"]) <= 12:
                    continue
                add(m, "absolute", (int(m["d"]), _month(m, lex), _year(m)), True)
    for pattern in patterns["part"] if has_month else ():
        for m in pattern.finditer(sentence):
            add(m, "part_of_month", (patterns["parts_of_month"][m["part"].casefold()], _month(m, lex), _year(m)))
    for pattern in patterns["month"] if has_month else ():
        for m in pattern.finditer(sentence):
            if _prefix(m) in patterns["event_words"]:
                continue
            if _prefix(m) not in patterns["month_prefixes"] and not _year(m):
                continue  # a bare month name is too often something else (Mai = May, a name)
            add(m, "month", (_month(m, lex), _year(m)))
    relative = [(m, rule) for pattern, rule in lex.relative for m in pattern.finditer(sentence)] \
        if lex.relative_any.search(sentence) else []
    for m, rule in sorted(relative, key=lambda item: item[0].start() - item[0].end()):  # longest first
        if "{n}" in rule:
            count = _count(m["n"], lex)
            if count is None:
                continue
            rule = rule.replace("{n}", str(count))
        add(m, "relative", (rule,), rule.startswith(("day:", "ago:day:", "ago:week:")))
    for pattern in patterns["weekday"] if patterns["weekday_words"].any(lowered) else ():
        for m in pattern.finditer(sentence):
            if _prefix(m) in patterns["event_words"]:
                continue
            add(m, "weekday", (lex.weekdays[m["wd"].casefold()],), True)
    for m in lex.same_day.finditer(sentence):
        add(m, "same_day", ())
    for m in lex.now.finditer(sentence):
        add(m, "now", ())
    for m in lex.earlier.finditer(sentence):
        add(m, "earlier", ())
    found.sort(key=lambda d: d.start)
    return tuple(found), tuple(event_days)


def _count(text: str, lex: Lexicon) -> int | None:
    """'7', 'drei', 'einer' in 'vor 7 Tagen', 'vor drei Wochen', 'vor einer Woche'."""
    if text.isdigit():
        return int(text)
    from claimtrack.extract.numbers import parse_number_word

    return parse_number_word(text, lex)


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
        low, high = part  # the part's first and last day, from the language's table
        return date(year, month, low), date(year, month, min(high, last))
    end = date(year, month, last)
    if published is not None and published < end and (published.year, published.month) == (year, month):
        end = published
    return date(year, month, 1), end


def _relative(rule: str, published: date) -> tuple[date, date] | None:
    name, _, arg = rule.partition(":")
    if name == "ago":
        unit, count = arg.split(":")
        back = int(count)
        if unit == "day":
            value = published - timedelta(days=back)
            return value, value
        if unit == "week":
            value = published - timedelta(weeks=back)
            return value, value
        if unit == "month":
            first = published.replace(day=1) - relativedelta(months=back)
            return first, first + relativedelta(day=31)
        if unit == "year":
            return date(published.year - back, 1, 1), date(published.year - back, 12, 31)
    if name == "year":
        year = published.year + int(arg)
        return date(year, 1, 1), min(date(year, 12, 31), published)
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


@lru_cache(maxsize=64)  # asked for every undated statement of an article, with the same day
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
