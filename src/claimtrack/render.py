"""Rows → rich tables on a terminal, plain aligned text when piped. NO_COLOR is honoured by rich itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console
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
WRAPPING = {"quote", "aliases", "description", "title", "sources", "when"}


def table(rows: Iterable[dict], columns: list[str], *, title: str | None = None,
          headers: dict[str, str] | None = None, console: Console | None = None,
          max_widths: dict[str, int] | None = None) -> int:
    console = console or stdout_console()
    headers = headers or {}
    max_widths = max_widths or {}
    grid = Table(title=title, box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2,
                 show_edge=console.is_terminal, header_style="bold" if console.is_terminal else "")
    for column in columns:
        wraps = column in WRAPPING
        grid.add_column(headers.get(column, column), overflow="fold" if wraps else "ellipsis", no_wrap=not wraps,
                        max_width=max_widths.get(column), min_width=8 if wraps else None,
                        justify="right" if column in ("id", "value", "value_max", "claims", "sources") else "left")
    count = 0
    for row in rows:
        grid.add_row(*(cell(row.get(c)) for c in columns))
        count += 1
    console.print(grid)
    return count


def chart(rows: list[dict], width: int = 60, console: Console | None = None) -> None:
    """Figures over time per claimant, as a terminal dot chart (one line per claim, bar = figure)."""
    console = console or stdout_console()
    points = [r for r in rows if r.get("value") is not None and (r.get("date_from") or r.get("published"))]
    if not points:
        console.print("(no dated figures to chart)")
        return
    top = max((r.get("value_max") or r["value"]) for r in points)
    by_claimant: dict[str, list[dict]] = {}
    for row in points:
        by_claimant.setdefault(row.get("claimant") or "(unattributed)", []).append(row)
    for claimant, items in sorted(by_claimant.items()):
        console.print(f"[bold]{claimant}[/bold]" if console.is_terminal else claimant, highlight=False)
        for row in sorted(items, key=lambda r: str(r.get("date_from") or r.get("published"))):
            value = row.get("value_max") or row["value"]
            length = max(1, round(width * value / top))
            bar = "█" * length if console.is_terminal else "#" * length
            day = str(row.get("date_from") or row.get("published"))
            console.print(f"  {day}  {bar} {value:,}", highlight=False, markup=False)


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
