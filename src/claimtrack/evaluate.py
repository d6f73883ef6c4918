"""Scoring of extracted claims against gold annotations, the same computation as the team's
`eval/score.py` (kept identical so that `claimtrack eval` and the scorer always agree).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SCORED_KINDS = {"troop_count", "confirmation", "denial", "not_confirmed"}


def norm(name) -> str | None:
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"[\"'„“”‚‘’»«*]", "", text)
    return re.sub(r"\s+", " ", text).strip() or None


def squash(text) -> str:
    return norm(text) or ""


def base(source) -> str:
    return Path(str(source or "")).name


def names_of(pred: dict) -> set:
    if norm(pred.get("claimant")) is None:
        return {None}
    aliases = pred.get("claimant_aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return {norm(pred["claimant"])} | {norm(a) for a in aliases if norm(a)}


def group_of(kind) -> str:
    return "troop_count" if kind == "troop_count" else "stance"


def compatible(pred: dict, gold: dict) -> bool:
    if pred.get("kind") not in gold["kind"]:
        return False
    accepted = {norm(n) for n in gold["claimant"]} if gold.get("claimant") is not None else {None}
    if not names_of(pred) & accepted:
        return False
    if "troop_count" in gold["kind"] and pred.get("kind") == "troop_count":
        if gold.get("magnitude") is not None:
            return pred.get("magnitude") == gold["magnitude"]
        return pred.get("value") == gold.get("value") and pred.get("value_max") == gold.get("value_max")
    return True


def match(preds: list[dict], golds: list[dict]) -> dict[int, int]:
    """Maximum bipartite matching, required gold claims first: returns gold index -> pred index."""
    edges = {g: [p for p, pred in enumerate(preds) if compatible(pred, gold)] for g, gold in enumerate(golds)}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(range(len(golds)), key=lambda i: not golds[i].get("required", True)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def date_verdict(pred: dict, gold: dict) -> str:
    lo, hi = gold.get("date_from"), gold.get("date_to")
    plo, phi = pred.get("date_from"), pred.get("date_to")
    if lo is None and hi is None:
        return "ok_null" if plo is None and phi is None else "wrong"
    if plo is None and phi is None:
        return "unknown"
    plo, phi = str(plo or phi)[:10], str(phi or plo)[:10]
    return "ok" if (lo is None or lo <= plo) and (hi is None or phi <= hi) else "wrong"


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def key(pred: dict) -> tuple:
    return (pred.get("kind"), norm(pred.get("claimant")), pred.get("value"), pred.get("value_max"),
            pred.get("magnitude"))


def format_problems(claims: list[dict]) -> list[str]:
    """Contract violations that would silently fail to match, and alias sets shared between claimants."""
    problems = []
    for c in claims:
        for field in ("value", "value_max"):
            if c.get(field) is not None and not isinstance(c[field], int):
                problems.append(f"FORMAT {base(c.get('source'))}: {field}={c[field]!r} is not an integer")
        if not isinstance(c.get("claimant_aliases", []), list):
            problems.append(f"FORMAT {base(c.get('source'))}: claimant_aliases is not a list")
    owners = defaultdict(set)
    for c in claims:
        for name in names_of(c) - {None}:
            owners[name].add(norm(c.get("claimant")))
    for name, who in sorted(owners.items()):
        if len(who) > 1:
            problems.append(f"ALIAS «{name}» is listed for {len(who)} different claimants: {sorted(who)[:4]}")
    return problems


def score(gold_rows: list[dict], claims: list[dict], sources: list[dict]) -> dict:
    gold_sources, gold_claims, seen = {}, defaultdict(list), set()
    for r in gold_rows:
        text = json.dumps(r, sort_keys=True)
        if text in seen:
            continue
        seen.add(text)
        if r["type"] == "source":
            gold_sources[base(r["source"])] = r
        elif r["type"] == "claim":
            gold_claims[base(r["source"])].append(r)
    pred_claims, other_kinds = defaultdict(list), Counter()
    for c in claims:
        if base(c.get("source")) not in gold_sources:
            continue
        if c.get("kind") in SCORED_KINDS:
            pred_claims[base(c.get("source"))].append(c)
        else:
            other_kinds[str(c.get("kind"))] += 1

    counts = {group: {"tp": 0, "fp": 0, "fn": 0} for group in ("troop_count", "stance")}
    attrs = {name: Counter() for name in ("date", "via", "qualifier", "status", "evidence", "force")}
    errors: list[str] = format_problems(claims)
    duplicates = 0

    for source in gold_sources:
        golds, preds = gold_claims[source], pred_claims[source]
        pairs = match(preds, golds)
        matched = {p: g for g, p in pairs.items()}
        matched_keys = {key(preds[p]) for p in matched}
        for g, gold in enumerate(golds):
            if not gold.get("required", True):
                continue
            group = group_of(gold["kind"][0])
            quote = gold.get("quote_contains") or ""
            if g not in pairs:
                counts[group]["fn"] += 1
                who = gold["claimant"][0] if gold.get("claimant") else None
                errors.append(f"MISSED {source}: {gold['kind'][0]} by {who} "
                              f"({gold.get('value') or gold.get('magnitude') or ''}) «{quote}»")
                continue
            counts[group]["tp"] += 1
            pred = preds[pairs[g]]
            verdict = date_verdict(pred, gold)
            attrs["date"][verdict] += 1
            if verdict in ("wrong", "unknown"):
                errors.append(f"DATE {verdict} {source}: «{quote}» got {pred.get('date_from')}..{pred.get('date_to')}"
                              f" want {gold.get('date_from')}..{gold.get('date_to')}")
            want_via = {norm(v) for v in gold["via"]} if gold.get("via") else {None}
            got_via = norm(pred.get("via"))
            attrs["via"][("ok" if got_via is not None else "ok_null") if got_via in want_via else "wrong"] += 1
            if got_via not in want_via:
                errors.append(f"VIA {source}: «{quote}» got {pred.get('via')} want {gold.get('via')}")
            if group == "troop_count" and gold.get("qualifier") and gold.get("magnitude") is None:
                attrs["qualifier"]["ok" if pred.get("qualifier") == gold["qualifier"] else "wrong"] += 1
            want_status = {"revised"} if gold.get("status") == "revised" else {None, "current"}
            attrs["status"]["ok" if pred.get("status") in want_status else "wrong"] += 1
            attrs["evidence"]["ok" if squash(quote) in squash(pred.get("quote")) else "wrong"] += 1
            if gold.get("force"):
                want_force = {norm(f) for f in gold["force"]}
                got_force = norm(pred.get("force"))
                attrs["force"]["ok" if got_force in want_force else ("missing" if got_force is None else "wrong")] += 1
                if got_force not in want_force:
                    errors.append(f"FORCE {source}: «{quote}» got {pred.get('force')} want {gold['force'][:3]}")
        for p, pred in enumerate(preds):
            if p in matched:
                continue
            if key(pred) in matched_keys:
                duplicates += 1
                continue
            counts[group_of(pred.get("kind"))]["fp"] += 1
            errors.append(f"EXTRA {source}: {pred.get('kind')} by {pred.get('claimant')} "
                          f"({pred.get('value') or pred.get('magnitude') or ''}) «{(pred.get('quote') or '')[:90]}»")

    meta = {"published": Counter(), "outlet": Counter()}
    by_name = {base(s.get("source")): s for s in sources}
    for name, gold in gold_sources.items():
        pred = by_name.get(name)
        if pred is None:
            meta["published"]["missing"] += 1
            meta["outlet"]["missing"] += 1
            errors.append(f"SOURCE missing {name}")
            continue
        published = str(pred["published"])[:10] if pred.get("published") else None
        meta["published"]["ok" if published == gold.get("published") else "wrong"] += 1
        if published != gold.get("published"):
            errors.append(f"PUBLISHED {name}: got {published} want {gold.get('published')}")
        want_outlet = {norm(o) for o in gold["outlet"]} if gold.get("outlet") else {None}
        meta["outlet"]["ok" if norm(pred.get("outlet")) in want_outlet else "wrong"] += 1
        if norm(pred.get("outlet")) not in want_outlet:
            errors.append(f"OUTLET {name}: got {pred.get('outlet')} want {gold.get('outlet')}")

    total = {k: counts["troop_count"][k] + counts["stance"][k] for k in ("tp", "fp", "fn")}
    return {
        "troop_count": prf(**counts["troop_count"]),
        "stance": prf(**counts["stance"]),
        "all": prf(**total),
        "attributes": {k: dict(v) for k, v in attrs.items()},
        "sources": {k: dict(v) for k, v in meta.items()},
        "duplicates": duplicates,
        "other_kinds": dict(other_kinds),
        "errors": errors,
    }


def format_report(result: dict, show_errors: bool = False) -> str:
    lines = []
    for group in ("troop_count", "stance", "all"):
        r = result[group]
        lines.append(f"{group:12} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                     f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    for name, tally in result["attributes"].items():
        lines.append(f"{name:12} " + " ".join(f"{k}={v}" for k, v in sorted(tally.items())))
    for name, tally in result["sources"].items():
        lines.append(f"source.{name:5} " + " ".join(f"{k}={v}" for k, v in sorted(tally.items())))
    lines.append(f"duplicates   {result['duplicates']}")
    if result["other_kinds"]:
        lines.append("other kinds  " + " ".join(f"{k}={v}" for k, v in sorted(result["other_kinds"].items())))
    if show_errors:
        lines.extend(result["errors"])
    return "\n".join(lines)


def read_gold(paths) -> list[dict]:
    rows = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{number}: not JSON: {err}") from None
    return rows
