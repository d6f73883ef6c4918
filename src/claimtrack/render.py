"""Rows → rich tables on a terminal, plain aligned text when piped. NO_COLOR is honoured by rich itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table


PIPE_WIDTH = 160  # plain output for files and pipes: wide, so rows are not folded needlessly


def stdout_console() -> Console:
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    console = Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width)
    if width is None and not console.is_terminal:
        console = Console(file=sys.stdout, highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


def stderr_console() -> Console:
    return Console(file=sys.stderr, highlight=False, stderr=True)


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# Long text columns wrap; the short ones (dates, names, figures) stay on one line.
WRAPPING = {"quote", "aliases", "description", "title", "sources", "when", "figures"}
NUMERIC = {"id", "value", "value_max", "claims", "sources", "origins", "n"}


def fit(cells: list[dict[str, str]], columns: list[str], headers: dict[str, str], width: int, *, edge: bool,
        priority: list[str] | None = None, min_widths: dict[str, int] | None = None,
        max_widths: dict[str, int] | None = None, keep: frozenset[str] = frozenset()) -> dict[str, int]:
    """Column widths that fit `width`: the least important column (last in `priority`) shrinks first, down
    to its minimum, then the next; when all are at their minimum the least important is left out and the
    rest widen again. The two most important columns and those in `keep` are never left out, and `keep`
    ones never narrowed (a figure is never cut). Returns {column: width} of the columns shown, in order."""
    from rich.cells import cell_len

    priority = [c for c in priority or columns if c in columns]
    priority += [c for c in columns if c not in priority]  # unranked: least important
    min_widths = min_widths or {}
    max_widths = max_widths or {}
    natural = {}
    for column in columns:
        longest = max((cell_len(line) for row in cells for line in row[column].splitlines() or [""]), default=0)
        natural[column] = max(cell_len(headers.get(column, column)), min(longest, max_widths.get(column, longest)))
    shown = list(columns)
    while True:
        widths = {c: natural[c] for c in shown}
        excess = sum(widths.values()) + 3 * len(shown) - 1 + (2 if edge else 0) - width
        for column in reversed([c for c in priority if c in shown]):
            if excess <= 0:
                break
            if column in keep:
                continue
            floor = min(widths[column], min_widths.get(column, 20 if column in WRAPPING else 8))
            taken = min(widths[column] - floor, excess)
            widths[column] -= taken
            excess -= taken
        droppable = [c for c in priority if c in shown and c not in keep][2:]
        if excess <= 0 or not droppable:
            return {c: widths[c] for c in columns if c in shown}
        shown.remove(droppable[-1])


def table(rows: Iterable[dict], columns: list[str], *, title: str | None = None,
          headers: dict[str, str] | None = None, console: Console | None = None,
          max_widths: dict[str, int] | None = None, priority: list[str] | None = None,
          min_widths: dict[str, int] | None = None, keep: Iterable[str] = ("figure",)) -> int:
    """Rows as a table that fits the console: see `fit` for which columns give way first."""
    console = console or stdout_console()
    headers = headers or {}
    cells = [{c: cell(row.get(c)) for c in columns} for row in rows]
    edge = console.is_terminal
    widths = fit(cells, columns, headers, console.width, edge=edge, priority=priority, min_widths=min_widths,
                 max_widths=max_widths, keep=frozenset(keep))
    if title:  # its own line: a table's title would wrap to the table's width
        console.print(f"[bold]{escape(title)}[/bold]" if edge else title, highlight=False, soft_wrap=True)
    grid = Table(box=box.SIMPLE_HEAD if edge else box.ASCII2, show_edge=edge, header_style="bold" if edge else "")
    for column, width in widths.items():
        wraps = column in WRAPPING
        grid.add_column(headers.get(column, column), overflow="fold" if wraps else "ellipsis", no_wrap=not wraps,
                        width=width, justify="right" if column in NUMERIC else "left")
    for row in cells:
        grid.add_row(*(row[c] for c in widths))
    console.print(grid)
    left_out = [c for c in columns if c not in widths]
    if left_out and cells:
        stderr_console().print(f"(left out at {console.width} columns: {', '.join(left_out)}; "
                               "a wider terminal or --format csv shows them)", markup=False, highlight=False)
    return len(cells)


def stacked(rows: Iterable[dict], head: list[str], body: str, *, title: str | None = None,
            console: Console | None = None, wide: int = 110, **fitting) -> int:
    """A table with `body` (the quote) as its last column on a wide console; narrower, each row's `head`
    columns as a table row and its body wrapped under it, indented, so the evidence is never left out."""
    console = console or stdout_console()
    rows = list(rows)
    if console.width >= wide:
        ranked = list(fitting.pop("priority", None) or head)
        fitting["priority"] = ranked[:3] + [body] + ranked[3:]  # the evidence before the rest
        return table(rows, head + [body], title=title, console=console, **fitting)
    import textwrap

    cells = [{c: cell(row.get(c)) for c in head} for row in rows]
    fitting.pop("max_widths", None)
    widths = fit(cells, head, {}, console.width, edge=False, **fitting)
    if title:
        console.print(title, markup=False, highlight=False)
    for row, line in zip(rows, cells):
        parts = []
        for column, width in widths.items():
            text = line[column]
            text = text if len(text) <= width else text[: max(1, width - 1)] + "…"
            parts.append(text.ljust(width) if column != next(reversed(widths)) else text)
        console.print("  ".join(parts).rstrip(), markup=False, highlight=False, soft_wrap=True)
        for wrapped in textwrap.wrap(cell(row.get(body)), width=console.width - 5) or [""]:
            console.print("    " + wrapped, markup=False, highlight=False, soft_wrap=True,
                          style="dim" if console.is_terminal else None)
    return len(rows)


# Bar pieces: (terminal, plain) — exact and approximate figures, the rest of a range, "more than".
BAR_EXACT, BAR_APPROX, BAR_RANGE, BAR_MORE = ("█", "#"), ("▓", "~"), ("░", "-"), ("»", ">")


def chart(rows: list[dict], console: Console | None = None) -> None:
    """Figures over time per claimant, as terminal bars: one line per figure of a `who` row (dated ones,
    in time order), the bar's length the figure on one scale, a range's rest and "more than" marked."""
    console = console or stdout_console()
    fancy = console.is_terminal
    points = [r for r in rows if r.get("value") is not None and r.get("first_date")]
    if not points:
        console.print("(no dated figures to chart)")
        return
    top = max(r.get("value_max") or r["value"] for r in points)
    date_width = max(len(r["stated"]) for r in points)
    label_width = max(len(r["figure"]) for r in points) + 1
    bar_width = max(10, console.width - 2 - date_width - 2 - label_width - 1)
    pick = 0 if fancy else 1
    legend = (f"full bar = {top:,}  {BAR_EXACT[pick]} stated  {BAR_APPROX[pick]} approximate  "
              f"{BAR_RANGE[pick]} range, up to  {BAR_MORE[pick]} more than")
    console.print(legend, markup=False, highlight=False)
    by_claimant: dict[str, list[dict]] = {}
    for row in sorted(points, key=lambda r: (r["first_date"], r["last_date"])):
        by_claimant.setdefault(row["claimant"], []).append(row)
    for claimant, items in by_claimant.items():
        console.print(f"[bold]{escape(claimant)}[/bold]" if fancy else claimant, highlight=False)
        for row in items:
            value, high = row["value"], row.get("value_max")
            solid = max(1, round(bar_width * value / top))
            piece = BAR_APPROX if row.get("qualifier") == "approx" else BAR_EXACT
            if row.get("qualifier") in ("up_to", "at_most"):
                piece = BAR_RANGE  # anything up to the figure
            bar = piece[pick] * solid
            if high is not None:
                bar += BAR_RANGE[pick] * max(1, round(bar_width * high / top) - solid)
            if row.get("qualifier") in ("more_than", "at_least"):
                bar += BAR_MORE[pick]
            console.print(f"  {row['stated']:<{date_width}}  {bar:<{bar_width}} {row['figure']:>{label_width}}",
                          markup=False, highlight=False)


def article(header: str, text: str, claims: list[dict], labels: list[str], console: Console | None = None) -> None:
    """The article with claim sentences highlighted (bold yellow on a terminal, [[…]] when piped)."""
    from rich.text import Text

    console = console or stdout_console()
    console.print(header, markup=False, highlight=False)
    console.print("-" * min(len(header), 100), markup=False)
    spans = sorted({(c["start"], c["end"]) for c in claims})
    if console.is_terminal:
        body = Text(text)
        for start, end in spans:
            body.stylize("bold yellow", start, end)
        console.print(body, highlight=False, soft_wrap=True)
    else:
        pieces, cursor = [], 0
        for start, end in spans:
            if start < cursor:
                continue
            pieces += [text[cursor:start], "[[", text[start:end], "]]"]
            cursor = end
        pieces.append(text[cursor:])
        console.print("".join(pieces), markup=False, highlight=False, soft_wrap=True)
    console.print()
    for claim, label in zip(claims, labels):
        console.print(f"#{claim['id']} [{claim['start']}:{claim['end']}] {label}", markup=False, highlight=False)
