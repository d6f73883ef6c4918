"""Who said how many troops when: the analyst's views over claim rows (who, compare, timeline).

Pure functions over the row dicts of query.figure_rows / query.claim_rows: no SQL, no printing.
Every row a view returns carries numbers (value, value_max, qualifier, magnitude, ISO dates) beside the
display text (figure, stated), so machine formats never have to parse '≈11,000'.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter

MAGNITUDE_WORDS = {"small_number": "a small number", "dozens": "dozens", "hundreds": "hundreds",
                   "thousands": "thousands", "several_thousand": "several thousand",
                   "tens_of_thousands": "tens of thousands"}
QUALIFIER_SIGNS = {"approx": "≈", "more_than": ">", "at_least": "≥", "up_to": "≤", "at_most": "≤", "exact": ""}
# The troops themselves; officers, generals and other counted sub-units are not the force's strength.
STRENGTH_UNITS = frozenset({None, "soldiers", "special_forces"})
ROLES = ("strength", "sub-unit", "forecast")
UNATTRIBUTED = "(unattributed)"
# A window longer than this says too little about when to be set beside others ("im Herbst", "2024").
LONGEST_COMPARABLE_WINDOW = timedelta(days=45)
# Contradictions listed per month and force unless asked for more: more than a person reads, and a
# bound on what random-looking data (every claimant a new figure every day) makes compare compute.
CONTRADICTIONS_PER_MONTH = 1000


def figure(row: dict) -> str:
    """'≈1,500', '10,000–12,000', '>3,000', 'thousands'."""
    if row.get("magnitude"):
        return MAGNITUDE_WORDS.get(row["magnitude"], row["magnitude"])
    if row.get("value") is None:
        return ""
    if row.get("value_max") is not None:
        return f"{row['value']:,}–{row['value_max']:,}"
    return f"{QUALIFIER_SIGNS.get(row.get('qualifier') or 'exact', '')}{row['value']:,}"


def day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def window(row: dict) -> tuple[date | None, date | None]:
    return day(row.get("date_from")), day(row.get("date_to"))


def compact(lo: date | None, hi: date | None) -> str:
    """A date window in as few characters as it takes: '2024-10-23', '2024-10', '2024-10-14..20',
    '2024-10-28..11-03', '<2024-11-12' (on or before: restated history)."""
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"<{hi.isoformat()}"
    if hi is None or lo == hi:
        return lo.isoformat()
    if lo == date(lo.year, 1, 1) and hi == date(lo.year, 12, 31):
        return str(lo.year)
    same_month = (lo.year, lo.month) == (hi.year, hi.month)
    if same_month and lo.day == 1 and ((hi + timedelta(days=1)).day == 1 or hi.day >= 20):
        return f"{lo:%Y-%m}"
    if same_month:
        return f"{lo.isoformat()}..{hi.day:02d}"
    if lo.year == hi.year:
        return f"{lo.isoformat()}..{hi:%m-%d}"
    return f"{lo.isoformat()}..{hi.isoformat()}"


def when(row: dict) -> str:
    """The claim's date window, or its date words with 'article undated'."""
    lo, hi = window(row)
    if lo or hi:
        return compact(lo, hi)
    if row.get("date_text"):
        return f"{row['date_text']} (article undated)"
    return "undated"


def stated(row: dict) -> str:
    """when() for narrow columns: an undated article's date words in quotes, no explanation."""
    lo, hi = window(row)
    if lo or hi:
        return compact(lo, hi)
    return f"“{row['date_text']}”" if row.get("date_text") else "undated"


def is_dated(row: dict) -> bool:
    return bool(row.get("date_from") or row.get("date_to"))


def role(row: dict) -> str:
    """strength (the force's troops), forecast (a projection or an addition) or sub-unit (officers …)."""
    if row.get("projection"):
        return "forecast"
    if row.get("unit") not in STRENGTH_UNITS:
        return "sub-unit"
    return "strength"


def claimant(row: dict) -> str:
    return row.get("claimant") or UNATTRIBUTED


def _sort_date(row: dict) -> tuple:
    """Dated claims by date (an open window by its end); undated ones after them, in the order their
    date words give ("zunächst" before "letzte Woche" before "diese Woche"), against a stand-in day."""
    return _sort_key_of(row, *window(row))


def _sort_key_of(row: dict, lo: date | None, hi: date | None) -> tuple:
    value = lo or hi or day(row.get("published"))
    if value:
        return (0, value)
    return (1, _undated_order(row.get("date_text")))


@lru_cache(maxsize=4096)
def _undated_order(date_text: str | None) -> date:
    from claimtrack.extract.dates import find_dates, order_key
    from claimtrack.extract.lexicon import load

    found = find_dates(date_text, load()) if date_text else []
    return order_key(found[0] if found else None, None)


def origin(row: dict, outlets: dict[str, str | None] | None = None) -> str:
    """Where a report comes from: the relaying agency if there is one, else the outlet, else the file."""
    outlet = row.get("outlet") if outlets is None else outlets.get(row["source"])
    return row.get("via") or outlet or row["source"]


def _numbers(row: dict) -> dict:
    return {"value": row.get("value"), "value_max": row.get("value_max"), "qualifier": row.get("qualifier"),
            "magnitude": row.get("magnitude")}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------------------------------------- who

def _figure_key(row: dict) -> tuple:
    """Claims of one claimant that state the same figure: '1,500' and 'rund 1.500' are one figure (the
    qualifier is shown once); 'mehr als 10.000' is another figure than '10.000'."""
    qualifier = row.get("qualifier") or "exact"
    kind = role(row)
    return (claimant(row), row.get("force"), kind, row.get("unit") if kind == "sub-unit" else None,
            row.get("value"), row.get("value_max"), row.get("magnitude"),
            "point" if qualifier in ("exact", "approx") else qualifier)


def who(rows: list[dict], *, roles: tuple[str, ...] = ("strength",)) -> dict:
    """One row per claimant and figure, in time order: when it was stated (first..last, how often, how
    many independent origins), and per claimant how the figures moved.

    Returns {"rows": [...], "moves": [...], "hidden": {role: claims left out}, "undated": n}.
    """
    return who_view(who_groups(rows), roles=roles)


def who_groups(rows: list[dict], revisers: dict[int, dict] | None = None) -> list[dict]:
    """who's rows of every role, unsorted, each with its sort key: what summary.py keeps at ingest.
    `revisers`: claims outside `rows` that revise some of them (by id), for their figures."""
    by_id = {**(revisers or {}), **{r["id"]: r for r in rows}}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if row["kind"] != "troop_count" or not (row.get("value") is not None or row.get("magnitude")):
            continue
        groups[_figure_key(row)].append(row)
    return [_who_row(members, by_id) for members in groups.values()]


def who_view(groups: list[dict], *, roles: tuple[str, ...] = ("strength",)) -> dict:
    """who() from the rows of who_groups (taken over: they become the result's rows): the roles asked
    for in time order, the moves, what is hidden."""
    hidden: dict[str, int] = defaultdict(int)
    result = []
    for group in groups:
        if group["role"] in roles:
            result.append(group)
        else:
            hidden[group["role"]] += group["claims"]
    result.sort(key=itemgetter("_sort", "claimant", "source", "figure"))
    moves = _moves(result)
    following = {(m["claimant"], m["force"], s["figure"], s["first_date"]): nxt
                 for m in moves for s, nxt in zip(m["steps"], m["steps"][1:])}
    for item in result:
        nxt = following.get((item["claimant"], item["force"], item["figure"], item["first_date"]))
        item["next_figure"] = nxt["figure"] if nxt else None
        item["next_value"] = nxt["value"] if nxt else None
        item["next_date"] = nxt["first_date"] if nxt else None
        del item["_sort"]
    return {"rows": result, "moves": moves, "hidden": dict(hidden),
            "undated": sum(item["undated"] for item in result)}


def _who_row(members: list[dict], by_id: dict[int, dict]) -> dict:
    members.sort(key=lambda r: (_sort_date(r), r["source"]))
    first = members[0]
    dated = [r for r in members if is_dated(r)]
    lows = [window(r)[0] or window(r)[1] for r in dated]
    highs = [window(r)[1] or window(r)[0] for r in dated]
    approx = any(r.get("qualifier") == "approx" for r in members)
    shown = {**first, "qualifier": "approx" if approx else first.get("qualifier")}
    if dated:
        open_start = all(window(r)[0] is None for r in dated)
        span = compact(None if open_start else min(lows), max(highs))
    else:
        span = stated(first)
    revised = sorted({figure(by_id[r["revised_by"]]) for r in members if r.get("revised_by") in by_id})
    return {
        "claimant": claimant(first), "figure": figure(shown), **_numbers(shown), "unit": first.get("unit"),
        "force": first.get("force"), "role": role(first), "stated": span,
        "first_date": _iso(min(lows)) if dated else None, "last_date": _iso(max(highs)) if dated else None,
        "date_text": None if dated else first.get("date_text"),
        "claims": len(members), "sources": len({r["source"] for r in members}),
        "origins": len({origin(r) for r in members}), "undated": len(members) - len(dated),
        "status": "revised" if all(r["status"] == "revised" for r in members) else "current",
        "revised_to": revised, "source": first["source"], "quote": " ".join((first.get("quote") or "").split()),
        "_sort": _sort_key(first),
    }


def _sort_key(row: dict) -> tuple[int, str]:
    """_sort_date with the day as ISO text (the same order): what who_figure stores and reads back as is."""
    rank, value = _sort_date(row)
    return rank, value.isoformat()


def _moves(result: list[dict]) -> list[dict]:
    """Per claimant and force, its dated strength figures in the order it first gave them."""
    chains: dict[tuple, list[dict]] = defaultdict(list)
    for item in result:
        if item["role"] == "strength" and item["first_date"]:
            chains[(item["claimant"], item["force"])].append(item)
    moves = []
    for (name, force), items in chains.items():
        items.sort(key=lambda i: (i["first_date"], i["last_date"]))
        if len(items) < 2:
            continue
        moves.append({"claimant": name, "force": force, "steps": [
            {"figure": i["figure"], **{k: i[k] for k in ("value", "value_max", "qualifier", "magnitude")},
             "first_date": i["first_date"], "last_date": i["last_date"]} for i in items]})
    moves.sort(key=lambda m: (m["steps"][0]["first_date"], m["claimant"]))
    return moves


# ------------------------------------------------------------------------------------------ compare

def coverage(row: dict) -> tuple[float, bool, float, bool] | None:
    """The values a figure allows, as (low, low included, high, high included); None for vague amounts.

    A range covers itself, 'mehr als 10.000' everything above, 'bis zu 12.000' everything up to it; an
    approximate figure covers half a step of its last significant digit ('rund 11.000': 10,500–11,500,
    exclusive), at most a quarter of itself; an exact figure only itself.
    """
    value, high = row.get("value"), row.get("value_max")
    if value is None:
        return None
    if high is not None:
        return value, True, high, True
    qualifier = row.get("qualifier") or "exact"
    if qualifier == "more_than":
        return value, False, float("inf"), False
    if qualifier == "at_least":
        return value, True, float("inf"), False
    if qualifier in ("up_to", "at_most"):
        return 0, True, value, True
    if qualifier == "approx":
        step = 1
        while value and value % (step * 10) == 0:
            step *= 10
        slack = min(step / 2, value / 4)
        return value - slack, False, value + slack, False
    return value, True, value, True


def disjoint(a: tuple, b: tuple) -> bool:
    """True when no value lies in both coverages."""
    (alo, alo_in, ahi, ahi_in), (blo, blo_in, bhi, bhi_in) = a, b
    if ahi < blo or bhi < alo:
        return True
    if ahi == blo:
        return not (ahi_in and blo_in)
    if bhi == alo:
        return not (bhi_in and alo_in)
    return False


def _countries() -> frozenset[str]:
    from claimtrack import lang

    return frozenset(f["name"] for f in lang.load(lang.DEFAULT_LANGUAGE, "forces")["force"] if f.get("adjectives"))


def comparable_places(a: str | None, b: str | None, countries: frozenset[str]) -> bool:
    """The same place; or a country and the unnamed whole ('in Russland' beside no place). A region is
    a part ('Kursk'), set beside the same region only."""
    if a == b:
        return True
    regions = [p for p in (a, b) if p is not None and p not in countries]
    return not regions and (a is None or b is None)


def _narrow(lo: date | None, hi: date | None) -> bool:
    """A window short enough to set beside others (a start without an end is not one)."""
    return lo is not None and hi is not None and hi - lo <= LONGEST_COMPARABLE_WINDOW


def _entry(row: dict) -> dict:
    lo, hi = window(row)
    return {"claimant": claimant(row), "figure": figure(row), **_numbers(row), "force": row.get("force"),
            "location": row.get("location"), "date_from": _iso(lo), "date_to": _iso(hi), "date": when(row),
            "stated": stated(row),
            "date_text": row.get("date_text"), "source": row["source"], "claim_id": row["id"]}


def compare(rows: list[dict], per_month: int | None = CONTRADICTIONS_PER_MONTH) -> dict:
    """Figures of different claimants set side by side per month, the contradictions among them, and the
    spread of each claimant's latest figure.

    Only current troop strength counts here: forecasts, sub-units and revised figures are left out, and
    a claim dated only as "im Herbst" or not at all is listed as loosely dated, never placed in a month.
    A contradiction is two claimants' figures for the same force and comparable place, stated in
    overlapping windows, whose coverages (see `coverage`) share no value.

    Contradictions are found month by month (the month of the first figure's window), per force, the
    figures of a month by date; at most `per_month` are listed per month and force (None: all), and
    `contradictions_cut` names the months and forces that had more. The pairs grow with the square of
    the figures stated at one time: where every claimant states a new figure every day, all of them
    would never end.
    """
    parts = compare_parts(rows)
    facts = parts["facts"]
    by_force: dict[str, list[tuple]] = defaultdict(list)  # each force's facts in (start, id) order
    by_month: dict[tuple, list[tuple]] = defaultdict(list)
    for fact in facts:
        by_force[fact[FACT_FORCE] or ""].append(fact)
        by_month[(fact[FACT_MONTH], fact[FACT_FORCE])].append(fact)
    starts = {force: [(f[0], f[2]) for f in listed] for force, listed in by_force.items()}

    def facts_after(force: str | None, lo: date, claim_id: int) -> Iterable[tuple]:
        listed = by_force[force or ""]  # read by index: islice would step through all before the start
        return (listed[i] for i in range(bisect_right(starts[force or ""], (lo, claim_id)), len(listed)))

    return compare_view(parts["latest"], parts["spread"], parts["loose"], list(by_month),
                        lambda month, force: by_month[(month, force)], facts_after, per_month)


# A fact's fields (compare_parts): start, end, claim id, claimant, force, place, coverage, figure, row, month
FACT_FORCE, FACT_PLACE, FACT_COVER, FACT_FIGURE, FACT_ROW, FACT_MONTH = 4, 5, 6, 7, 8, 9


def compare_parts(rows: list[dict]) -> dict[str, list]:
    """What `compare` reads of the claims: the latest figure of each claimant per month, force and place
    ("latest", for side by side), its latest per force ("spread"), every loosely dated claim ("loose"),
    and the facts: the first claim of each figure a claimant stated for a force, place and window, with
    a coverage, as tuples (see FACT_*) in (start, id) order (a figure repeated by many articles forms
    the same pairs as its first statement). Each part is chosen per claimant: summary.py keeps which
    claims are in which part at ingest (compare_flags), and compare_view takes the parts from there."""
    strength = _strength(rows)
    strength.sort(key=itemgetter("id"))  # ties below go to the later claim, whatever order the rows came in
    windows = [window(row) for row in strength]
    # Each placed claim once as (start, end, id, month, claimant, row), worked out once: a million
    # claims' dates parsed, months written and names looked up three times over cost seconds.
    placed, loose = [], []
    for row, (lo, hi) in zip(strength, windows):
        if _narrow(lo, hi):
            placed.append((lo, hi, row["id"], month_of_window(lo, hi), claimant(row), row))
        else:
            loose.append(row)

    latest: dict[tuple, dict] = {}
    for lo, hi, _, month, name, row in sorted(placed, key=itemgetter(1, 0, 2)):
        latest[(month, row.get("force"), name, row.get("location"))] = row  # the last of them stays

    facts, known = [], set()
    figures: dict[tuple, tuple] = {}  # figure() and coverage() of each distinct amount, once
    for lo, hi, _, month, name, row in sorted(placed, key=itemgetter(0, 2)):
        fact = _fact(row, lo, hi, month, figures)
        key = (name, fact[FACT_FORCE], fact[FACT_PLACE], fact[FACT_FIGURE], lo, hi)
        if fact[FACT_COVER] is None or key in known:
            continue
        known.add(key)
        facts.append(fact)
    return {"latest": list(latest.values()), "spread": _spread_latest(strength, windows), "loose": loose,
            "facts": facts}


@lru_cache(maxsize=4096)
def month_of_window(lo: date, hi: date) -> str:
    """The month a placed claim is set in: that of its window's middle."""
    return f"{lo + (hi - lo) / 2:%Y-%m}"


def _fact(row: dict, lo: date, hi: date, month: str, figures: dict[tuple, tuple]) -> tuple:
    amount = (row.get("value"), row.get("value_max"), row.get("qualifier"), row.get("magnitude"))
    if amount not in figures:
        figures[amount] = (figure(row), coverage(row))
    shown_as, cover = figures[amount]
    return (lo, hi, row["id"], claimant(row), row.get("force"), row.get("location"), cover, shown_as, row, month)


def fact_of(row: dict, figures: dict[tuple, tuple]) -> tuple:
    """The fact tuple of a claim that compare_parts made a fact (summary.py reads them back)."""
    lo, hi = window(row)
    return _fact(row, lo, hi, month_of_window(lo, hi), figures)


def compare_view(latest: list[dict], spread_rows: list[dict], loose: list[dict], months: Iterable[tuple],
                 facts_of: Callable[[str, str | None], Iterable[tuple]],
                 facts_after: Callable[[str | None, date, int], Iterable[tuple]],
                 per_month: int | None = CONTRADICTIONS_PER_MONTH) -> dict:
    """compare's result from its parts (compare_parts): `months` the (month, force) pairs that may hold
    facts, `facts_of(month, force)` their facts in (start, id) order, `facts_after(force, start, id)` the
    facts of a force after that one, in that order. They come from the claims in memory or, read as
    they are needed, from what summary.py keeps: a month full of contradictions stops being read."""
    countries = _countries()
    months_seen: dict[tuple, dict[tuple, dict]] = defaultdict(dict)
    for row in latest:
        months_seen[(month_of_window(*window(row)), row.get("force"))][(claimant(row), row.get("location"))] = row
    side_by_side = []
    for (month, force), latest_of in sorted(months_seen.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        entries, shown = [], set()
        for row in sorted(latest_of.values(), key=lambda r: (r.get("location") is None, r.get("value") or 0,
                                                             r["id"])):
            if (claimant(row), figure(row)) not in shown:  # the same figure at a country and unplaced: once
                shown.add((claimant(row), figure(row)))
                entries.append(row)
        entries.sort(key=lambda r: (r.get("value") or 0, claimant(r)))
        side_by_side.append({"month": month, "force": force, "claimants": len({claimant(r) for r in entries}),
                             "figures": [_entry(r) for r in entries]})

    entries: dict[int, dict] = {}

    def entry(row: dict) -> dict:  # shared by every contradiction the figure is in
        if row["id"] not in entries:
            entries[row["id"]] = _entry(row)
        return entries[row["id"]]

    found, seen, cut = [], set(), []
    for month, force in sorted(set(months), key=lambda mf: (mf[0], mf[1] or "")):
        listed, full = _contradictions(facts_of(month, force), facts_after, countries, seen, per_month)
        if full:
            cut.append({"month": month, "force": force, "listed": per_month})
        found += [{"month": month, "force": force, "a": entry(a), "b": entry(b)} for a, b in listed]
    return {"side_by_side": side_by_side, "contradictions": found, "contradictions_cut": cut,
            "spread": spread(spread_rows),
            "loosely_dated": [_entry(r) for r in sorted(loose, key=lambda r: (_sort_date(r), claimant(r), r["id"]))]}


def _contradictions(month_facts: Iterable[tuple], facts_after: Callable, countries: frozenset[str], seen: set,
                    per_month: int | None) -> tuple[list[tuple[dict, dict]], bool]:
    """The contradictions of one month and force, at most `per_month`, and whether there were more:
    each fact of the month with the later facts of its force that overlap it, in that order; one line
    per pair of claimants and figures (`seen`, across months: a pair listed is added to it)."""
    found: list[tuple[dict, dict]] = []
    ahead: list[tuple] = []  # the force's facts after the month's first, read as far as needed
    after = None  # what `ahead` is read from
    start = 0  # ahead[start:] are the facts after the current one
    for alo, ahi, a_id, a_claimant, a_force, a_place, a_cover, a_figure, a, _ in month_facts:
        if after is None:
            after = iter(facts_after(a_force, alo, a_id))
        else:
            while True:  # past this fact (itself one of the force's, so it is met)
                while start < len(ahead) and (ahead[start][0], ahead[start][2]) <= (alo, a_id):
                    start += 1
                if start < len(ahead) or not _read_on(ahead, after):
                    break
            if start > 4096:  # what lies behind is never read again
                del ahead[:start]
                start = 0
        position = start
        while position < len(ahead) or _read_on(ahead, after):
            blo, bhi, _, b_claimant, _, b_place, b_cover, b_figure, b, _ = ahead[position]
            position += 1
            if blo > ahi:
                break  # by start: no later fact overlaps a (and blo >= alo, so they overlap up to here)
            if a_claimant == b_claimant or not disjoint(a_cover, b_cover) \
                    or not comparable_places(a_place, b_place, countries):
                continue
            key = (a_force, *sorted([(a_claimant, a_figure), (b_claimant, b_figure)]))
            if key not in seen:  # one line per pair of claimants and figures
                if per_month is not None and len(found) == per_month:
                    return found, True
                seen.add(key)
                found.append((a, b))
    return found, False


def _read_on(ahead: list, after) -> bool:
    """One more fact into `ahead`; False at the end."""
    fact = next(after, None)
    if fact is None:
        return False
    ahead.append(fact)
    return True


def _strength(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["kind"] == "troop_count" and role(r) == "strength" and r["status"] == "current"
            and (r.get("value") is not None or r.get("magnitude"))]


def compare_flags(rows: list[dict]) -> dict[int, dict]:
    """Per claim `compare` needs (compare_parts), which parts it is in and what reading a part by
    force, month and date needs: what summary.py keeps at ingest (compare_row). Chosen per claimant:
    the flags of a claimant's claims are the same computed alone or beside any others."""
    parts = compare_parts(rows)
    flags: dict[int, dict] = {}

    def flag(row: dict, part: str) -> None:
        if row["id"] not in flags:
            lo, hi = window(row)
            flags[row["id"]] = {"fact": False, "latest": False, "spread": False, "loose": False,
                                "force_key": row.get("force") or "", "date_from": lo,
                                "month": month_of_window(lo, hi) if _narrow(lo, hi) else None}
        flags[row["id"]][part] = True

    for part in ("latest", "spread", "loose"):
        for row in parts[part]:
            flag(row, part)
    for fact in parts["facts"]:
        flag(fact[FACT_ROW], "fact")
    return flags


def spread(rows: list[dict]) -> list[dict]:
    """Each claimant's latest current strength figure per force, lowest to highest: dated claims first
    (the latest of them), a claimant known only from undated claims after them, marked undated."""
    ordered = sorted(((row.get("force"), claimant(row), is_dated(row), row) for row in _spread_latest(rows)),
                     key=lambda item: (item[0] or "", not item[2], item[3].get("value") or 0, item[1]))
    return [{**_entry(row), "undated": not dated} for _, _, dated, row in ordered]


def _spread_latest(rows: list[dict], windows: list[tuple] | None = None) -> list[dict]:
    """The row `spread` shows per force and claimant: the latest (of equals, the last given).
    `windows`: each row's window(), when the caller has them."""
    latest: dict[tuple, tuple] = {}
    for row, (lo, hi) in zip(rows, windows or map(window, rows)):
        if row["status"] != "current" or role(row) != "strength":
            continue
        key = (row.get("force"), claimant(row))
        rank = (is_dated(row), hi or date.min, _sort_key_of(row, lo, hi))
        if key not in latest or rank >= latest[key][0]:
            latest[key] = (rank, row)
    return [row for _, row in latest.values()]


# ----------------------------------------------------------------------------------------- timeline

def timeline(rows: list[dict]) -> list[dict]:
    """Every claim in date order, stances included; undated claims after, under their article."""
    dated = sorted((r for r in rows if is_dated(r)), key=lambda r: (_sort_date(r), claimant(r)))
    undated = sorted((r for r in rows if not is_dated(r)), key=lambda r: (r["source"], r["start"]))
    return [timeline_row(r) for r in dated + undated]


def timeline_row(r: dict) -> dict:
    """One claim as the timeline shows it; rows already in timeline order (ClaimFilter.order="timeline")
    stream through this without a sort."""
    return {"date": stated(r), "claimant": claimant(r), "kind": r["kind"], "figure": figure(r), **_numbers(r),
            "force": r.get("force"), "date_from": _iso(window(r)[0]), "date_to": _iso(window(r)[1]),
            "status": r["status"], "source": r["source"], "quote": " ".join(r["quote"].split()), "claim_id": r["id"]}
