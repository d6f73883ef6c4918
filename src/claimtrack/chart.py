"""Figures over time as a picture for a report (SVG, PNG or PDF), drawn with matplotlib.

matplotlib is an optional extra (`claimtrack[chart]`, ~40 MB): the terminal chart of `who --chart`
needs nothing beyond rich.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from claimtrack.compare import claimant, figure, window
from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.files import atomic_write

FORMATS = (".svg", ".png", ".pdf")
MOST_CLAIMANTS = 9  # more colours than this are not told apart; the rest are drawn grey as "others"
MARKERS = {"more_than": "^", "at_least": "^", "up_to": "v", "at_most": "v"}


def draw(rows: list[dict], path: Path, *, title: str) -> int:
    """Draw the dated troop figures of `rows` (claim rows) into `path`; returns how many were drawn.

    x is when the claim was made (the middle of its window, the window as a horizontal bar; restated
    history at its latest day), y the figure (a range as a vertical bar); hollow markers are
    approximate figures, ▲ "more than", ▼ "up to"; each claimant's figures are joined in time order."""
    if path.suffix.lower() not in FORMATS:
        raise InputError(str(path), f"a chart is written as {', '.join(FORMATS)}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        raise ClaimtrackError("drawing a chart file needs matplotlib: pip install 'claimtrack[chart]'") from None
    # restated history ("hatte zunächst …", on or before a day) has no time to be drawn at
    points = [r for r in rows if r.get("value") is not None and r.get("date_from") and r.get("date_to")]
    if not points:
        raise ClaimtrackError("no dated troop figures to draw (try without --since/--actor/--force)")
    counts = Counter(claimant(r) for r in points)
    named = [name for name, _ in counts.most_common(MOST_CLAIMANTS)]
    figure_, axes = pyplot.subplots(figsize=(11, 6), layout="constrained")
    colours = pyplot.get_cmap("tab10")
    by_name: dict[str, list[dict]] = {}
    for row in points:
        who = claimant(row)
        by_name.setdefault(who if who in named else "others", []).append(row)
    for index, name in enumerate(named + ["others"]):
        mine = by_name.get(name, [])
        if not mine:
            continue
        colour = colours(index) if name != "others" else "0.6"
        # the same figure stated by many reports is one mark: drawn once, each kind of mark in one call
        # (a million claims drew a million artists: minutes)
        marks = sorted(dict.fromkeys(_mark(r) for r in mine), key=lambda m: m[0])  # stable: text order at a day
        if name != "others":
            line = list(dict.fromkeys((x, y) for x, y, *_ in marks))
            axes.plot([x for x, _ in line], [y for _, y in line], color=colour, linewidth=0.8, alpha=0.5)
        windows = [(y, lo, hi + timedelta(days=1)) for _, y, _, _, lo, hi in marks if lo is not None and hi > lo]
        if windows:
            axes.hlines(*zip(*windows), color=colour, linewidth=2, alpha=0.35)
        ranges = [(x, y, high) for x, y, high, _, _, _ in marks if high is not None]
        if ranges:
            axes.vlines(*zip(*ranges), color=colour, linewidth=3, alpha=0.7)
        for qualifier in dict.fromkeys(q for _, _, _, q, _, _ in marks):
            mine_q = [(x, y) for x, y, _, q, _, _ in marks if q == qualifier]
            axes.plot([x for x, _ in mine_q], [y for _, y in mine_q], marker=MARKERS.get(qualifier, "o"),
                      markersize=7, color=colour, markerfacecolor="white" if qualifier == "approx" else colour,
                      linestyle="none")
        axes.plot([], [], marker="o", color=colour, linestyle="-", label=f"{name} ({len(mine)})")
    axes.set_title(title)
    axes.set_ylabel("troops")
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    axes.grid(True, alpha=0.3)
    from matplotlib.lines import Line2D

    handles, labels = axes.get_legend_handles_labels()
    keys = [("o", "black", "figure as stated"), ("o", "white", "approximate (rund, about)"),
            ("^", "black", "more than, at least"), ("v", "black", "up to")]
    handles += [Line2D([], [], linestyle="none")] + [
        Line2D([], [], marker=m, color="black", markerfacecolor=face, linestyle="none") for m, face, _ in keys]
    handles += [Line2D([], [], color="black", linewidth=3, alpha=0.7), Line2D([], [], color="black", linewidth=2,
                                                                              alpha=0.35)]
    labels += [""] + [label for _, _, label in keys] + ["range (vertical)", "date window (horizontal)"]
    axes.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small",
                title="claimant (claims)")
    figure_.autofmt_xdate()
    _save(figure_, path)
    pyplot.close(figure_)
    return len(points)


def _mark(row: dict) -> tuple:
    """Where and how a claim is drawn: (x, y, range top, qualifier, window start, window end)."""
    lo, hi = window(row)
    return _middle(row), row["value"], row.get("value_max"), row.get("qualifier"), lo, hi


def _middle(row: dict):
    lo, hi = window(row)
    return hi if lo is None else lo + (hi - lo) / 2


def _save(figure_, path: Path) -> None:
    """A failed draw never leaves half a picture (files.atomic_write)."""
    with atomic_write(path, binary=True) as out:
        figure_.savefig(out, format=path.suffix.lower()[1:])


__all__ = ["draw", "figure"]
