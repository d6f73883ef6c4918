"""Who said how many troops when: the analyst's views over claim rows (who, compare, timeline).

Pure functions over the row dicts of query.claim_rows: no SQL, no printing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

MAGNITUDE_WORDS = {"small_number": "a small number", "dozens": "dozens", "hundreds": "hundreds",
                   "thousands": "thousands", "several_thousand": "several thousand",
                   "tens_of_thousands": "tens of thousands"}
QUALIFIER_SIGNS = {"approx": "≈", "more_than": ">", "at_least": "≥", "up_to": "≤", "at_most": "≤", "exact": ""}


def figure(row: dict) -> str:
    """'≈1,500', '10,000–12,000', '>3,000', 'thousands'."""
    if row.get("magnitude"):
        return MAGNITUDE_WORDS.get(row["magnitude"], row["magnitude"])
    if row.get("value") is None:
        return ""
    if row.get("value_max") is not None:
        return f"{row['value']:,}–{row['value_max']:,}"
    return f"{QUALIFIER_SIGNS.get(row.get('qualifier') or 'exact', '')}{row['value']:,}"


def when(row: dict) -> str:
    """The claim's date window, or its date words with 'article undated'."""
    lo, hi = row.get("date_from"), row.get("date_to")
    if lo and hi:
        return str(lo) if lo == hi else f"{lo}..{hi}"
    if row.get("date_text"):
        return f"{row['date_text']} (article undated)"
    return "undated"


def _sort_date(row: dict) -> tuple:
    """Dated claims by date; undated ones after them, in the order their date words give
    ("zunächst" before "letzte Woche" before "diese Woche"), resolved against a stand-in day."""
    value = row.get("date_from") or row.get("published")
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if value:
        return (0, value)
    return (1, _undated_order(row.get("date_text")))


@lru_cache(maxsize=4096)
def _undated_order(date_text: str | None) -> date:
    from claimtrack.extract.dates import find_dates, order_key
    from claimtrack.extract.lexicon import load

    found = find_dates(date_text, load()) if date_text else []
    return order_key(found[0] if found else None, None)


def _figure_key(row: dict) -> tuple:
    return row.get("value"), row.get("value_max"), row.get("magnitude"), row.get("qualifier"), row.get("unit")


def origin(row: dict, outlets: dict[str, str | None]) -> str:
    """Where a report comes from: the relaying agency if there is one, else the outlet, else the file."""
    return row.get("via") or outlets.get(row["source"]) or row["source"]


@dataclass
class WhoRow:
    date: str
    claimant: str
    figure: str
    unit: str | None
    revised_to: str
    sources: int
    first_source: str
    status: str
    sort: tuple = field(repr=False, default=(2, date.max))

    def as_dict(self) -> dict:
        return {"date": self.date, "claimant": self.claimant, "figure": self.figure, "unit": self.unit,
                "revised_to": self.revised_to, "sources": self.sources, "first_source": self.first_source,
                "status": self.status}


def who(rows: list[dict]) -> list[WhoRow]:
    """One row per claimant and figure, in time order, with revision chains and how many sources carry it."""
    by_id = {r["id"]: r for r in rows}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if row["kind"] == "troop_count":
            groups[(row.get("claimant") or "(unattributed)", *_figure_key(row))].append(row)
    result = []
    for (claimant, *_), members in groups.items():
        # first claim: the earliest dated one, else the first source (as query.who_groups picks it)
        members.sort(key=lambda r: (_sort_date(r)[0], _sort_date(r)[1] if _sort_date(r)[0] == 0 else date.max,
                                    r["source"]))
        first = members[0]
        revised = [by_id[r["revised_by"]] for r in members if r.get("revised_by") in by_id]
        chain = ", ".join(sorted({figure(r) for r in revised}))
        status = "revised" if members and all(r["status"] == "revised" for r in members) else "current"
        result.append(WhoRow(date=when(first), claimant=claimant, figure=figure(first), unit=first.get("unit"),
                             revised_to=f"→ {chain}" if chain else "", sources=len({r["source"] for r in members}),
                             first_source=first["source"], status=status, sort=_sort_date(first)))
    result.sort(key=lambda w: (w.sort, w.claimant, w.first_source, w.figure))
    return result


def who_from_groups(groups: list[dict]) -> list[WhoRow]:
    """`who` rows from groups aggregated by the database (query.who_groups); the same rows as who()."""
    result = []
    for group in groups:
        chain = ", ".join(sorted({figure(r) for r in group["revised_to"]}))
        result.append(WhoRow(date=when(group), claimant=group["claimant"] or "(unattributed)", figure=figure(group),
                             unit=group["unit"], revised_to=f"→ {chain}" if chain else "", sources=group["sources"],
                             first_source=group["source"], status="current" if group["current"] else "revised",
                             sort=_sort_date(group)))
    result.sort(key=lambda w: (w.sort, w.claimant, w.first_source, w.figure))
    return result


def compare(rows: list[dict], outlets: dict[str, str | None]) -> dict:
    """Per claimant: which sources carry which figure, independent origins, contradictions; and the spread."""
    claimants: dict[str, dict] = {}
    counts = [r for r in rows if r["kind"] == "troop_count"]
    for row in counts:
        name = row.get("claimant") or "(unattributed)"
        entry = claimants.setdefault(name, {"figures": defaultdict(list)})
        entry["figures"][figure(row)].append(row)
    table = []
    contradictions = []
    for name, entry in sorted(claimants.items()):
        for fig, members in sorted(entry["figures"].items(), key=lambda kv: min(_sort_date(r) for r in kv[1])):
            table.append({
                "claimant": name, "figure": fig, "first_date": when(min(members, key=_sort_date)),
                "sources": sorted({r["source"] for r in members}),
                "origins": len({origin(r, outlets) for r in members}),
                "status": "revised" if all(r["status"] == "revised" for r in members) else "current",
            })
        # Compare figures, not rows: each figure's time span is the hull of its claims' windows.
        hulls: dict[str, dict] = {}
        for row in counts:
            if (row.get("claimant") or "(unattributed)") != name or row["status"] != "current" \
                    or row.get("value") is None or row.get("unit") not in ("soldiers", "special_forces", None):
                continue
            hull = hulls.setdefault(figure(row), {"rows": [], "from": None, "to": None})
            hull["rows"].append(row)
            if row.get("date_from"):
                hull["from"] = min(filter(None, [hull["from"], str(row["date_from"])]))
                hull["to"] = max(filter(None, [hull["to"], str(row["date_to"])]))
        figures = sorted(hulls)
        for i, fig_a in enumerate(figures):
            for fig_b in figures[i + 1:]:
                a, b = hulls[fig_a], hulls[fig_b]
                same_source = {r["source"] for r in a["rows"]} & {r["source"] for r in b["rows"]}
                dated = a["from"] and b["from"]
                if (dated and a["from"] <= b["to"] and b["from"] <= a["to"]) or (not dated and same_source):
                    contradictions.append({"claimant": name, "figure_a": fig_a, "source_a": a["rows"][0]["source"],
                                           "figure_b": fig_b, "source_b": b["rows"][0]["source"],
                                           "when": f"{when(a['rows'][0])} / {when(b['rows'][0])}"})
    return {"figures": table, "contradictions": contradictions, "spread": spread(counts)}


def spread(rows: list[dict]) -> list[dict]:
    """The latest current figure of each claimant, side by side, lowest to highest."""
    latest: dict[str, dict] = {}
    for row in rows:
        if row["status"] != "current" or row.get("unit") not in ("soldiers", "special_forces", None):
            continue
        name = row.get("claimant") or "(unattributed)"
        if name not in latest or _sort_date(row) >= _sort_date(latest[name]):
            latest[name] = row
    ordered = sorted(latest.items(), key=lambda kv: (kv[1].get("value") or 0, kv[0]))
    return [{"claimant": name, "figure": figure(row), "date": when(row), "source": row["source"]}
            for name, row in ordered]


def timeline(rows: list[dict], width: int = 90) -> list[dict]:
    """Every claim in date order, stances included; undated claims after, under their article."""
    def shorten(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    dated = sorted((r for r in rows if r.get("date_from")), key=lambda r: (_sort_date(r), r.get("claimant") or ""))
    undated = sorted((r for r in rows if not r.get("date_from")), key=lambda r: (r["source"], r["start"]))
    return [{"date": when(r), "claimant": r.get("claimant") or "(unattributed)", "kind": r["kind"],
             "figure": figure(r), "status": r["status"], "source": r["source"], "quote": shorten(r["quote"])}
            for r in dated + undated]
