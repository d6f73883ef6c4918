"""Rows → rich tables on a terminal, plain aligned text when piped. NO_COLOR is honoured by rich itself.

rich is imported when something is drawn: csv and json output and one-line notes never load it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from functools import cache
from itertools import chain, islice
from typing import TYPE_CHECKING

from claimtrack.controls import visible, visible_text

if TYPE_CHECKING:
    from rich.console import Console


PIPE_WIDTH = 160  # plain output for files and pipes: wide, so rows are not folded needlessly


@cache
def _cells():
    from rich import cells

    return cells


def stdout_console() -> Console:
    from rich.console import Console

    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdecimal() else None
    console = Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width)
    if width is None and not console.is_terminal:
        console = Console(file=sys.stdout, highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


def stderr_console() -> Console:
    """For progress bars and notes. soft_wrap: a note is one line at any width, never folded by rich."""
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, stderr=True, soft_wrap=True)


def note(message: str, console: Console | None = None) -> None:
    """One line on stderr, article text in it made visible (controls.visible)."""
    if console is None:  # what a soft-wrapped, unstyled rich print writes, without loading rich
        sys.stderr.write(visible(message) + "\n")
        return
    console.print(visible(message), markup=False, highlight=False, soft_wrap=True)


def error_line(message: str, console: Console | None = None) -> None:
    """`Error: …` as exactly one line whatever the width: a file name's newline or ESC shown escaped."""
    line = "Error: " + visible(message)
    if console is not None:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return visible(", ".join(str(v) for v in value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return visible(str(value))


# Long text columns wrap; the short ones (dates, names, figures) stay on one line.
WRAPPING = {"quote", "aliases", "description", "title", "sources", "when", "figures"}
NUMERIC = {"id", "value", "value_max", "claims", "sources", "origins", "n"}
# Column widths are measured on the first rows, so that a million-row table starts printing at once.
SAMPLE_ROWS = 500


def fit(cells: list[dict[str, str]], columns: list[str], headers: dict[str, str], width: int, *, edge: bool,
        priority: list[str] | None = None, min_widths: dict[str, int] | None = None,
        max_widths: dict[str, int] | None = None, keep: frozenset[str] = frozenset()) -> dict[str, int]:
    """Column widths that fit `width`: the least important column (last in `priority`) shrinks first, down
    to its minimum, then the next; when all are at their minimum the least important is left out and the
    rest widen again. The two most important columns and those in `keep` are never left out, and `keep`
    ones never narrowed (a figure is never cut). Returns {column: width} of the columns shown, in order."""
    priority = [c for c in priority or columns if c in columns]
    priority += [c for c in columns if c not in priority]  # unranked: least important
    min_widths = min_widths or {}
    max_widths = max_widths or {}
    natural = {}
    for column in columns:
        longest = max((width_of(row[column]) for row in cells), default=0)
        natural[column] = max(width_of(headers.get(column, column)), min(longest, max_widths.get(column, longest)))
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


def width_of(text: str) -> int:
    """Terminal cells of `text` (wide CJK characters take two); plain ASCII without rich's lookup."""
    return len(text) if text.isascii() else _cells().cell_len(text)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, with … when something was cut."""
    if width_of(text) <= width:
        return text
    return _cells().set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` cells; a word longer than a line is folded (this runs per table row)."""
    if width_of(text) <= width:
        return [text]
    width = max(1, width)
    lines: list[str] = []
    words: list[str] = []
    size = 0
    for word in text.split():
        length = width_of(word)
        if words and size + 1 + length <= width:
            words.append(word)
            size += 1 + length
            continue
        if words:
            lines.append(" ".join(words))
        if length <= width:
            words, size = [word], length
        else:
            pieces = _cells().chop_cells(word, width)
            lines.extend(pieces[:-1])
            words, size = [pieces[-1]], width_of(pieces[-1])
    if words:
        lines.append(" ".join(words))
    return lines or [""]


class Grid:
    """Fixed-width rows written straight to the console's file, one row at a time: a table's memory and
    start-up do not grow with its length. Piped: `a | b` with an ASCII rule; on a terminal: columns in
    space, a bold header and a ─ rule (what rich's SIMPLE_HEAD box drew)."""

    def __init__(self, console: Console, widths: dict[str, int], headers: dict[str, str]):
        self.console, self.widths, self.headers = console, widths, headers
        self.fancy = console.is_terminal
        self.sep = "   " if self.fancy else " | "
        self.lead = "  " if self.fancy else " "
        self.out = console.file

    def _line(self, values: dict[str, str]) -> str:
        parts = []
        for column, width in self.widths.items():
            text = values.get(column, "")
            pad = " " * (width - width_of(text))
            parts.append(pad + text if column in NUMERIC else text + pad)
        return (self.lead + self.sep.join(parts)).rstrip()

    def header(self) -> None:
        line = self._line({c: clip(self.headers.get(c, c), w) for c, w in self.widths.items()})
        if self.fancy:
            self.console.print(line, style="bold", markup=False, highlight=False, soft_wrap=True)
            rule = self.lead + self.sep.replace(" ", "─").join("─" * w for w in self.widths.values())
            self.console.print(rule, markup=False, highlight=False, soft_wrap=True)
        else:
            self.out.write(line + "\n")
            self.out.write("-" + "-+-".join("-" * w for w in self.widths.values()) + "-\n")

    def row(self, values: dict[str, str]) -> None:
        pieces = {c: (_wrap(values[c], w) if c in WRAPPING else [clip(values[c], w)]) for c, w in self.widths.items()}
        depth = max(len(p) for p in pieces.values())
        lines = [self._line({c: p[i] if i < len(p) else "" for c, p in pieces.items()}) for i in range(depth)]
        self.out.write("\n".join(lines) + "\n")


def _title(console: Console, title: str) -> None:
    if console.is_terminal:
        console.print(visible(title), style="bold", markup=False, highlight=False, soft_wrap=True)
    else:
        console.file.write(visible(title) + "\n")


def table(rows: Iterable[dict], columns: list[str], *, title: str | None = None,
          headers: dict[str, str] | None = None, console: Console | None = None,
          max_widths: dict[str, int] | None = None, priority: list[str] | None = None,
          min_widths: dict[str, int] | None = None, keep: Iterable[str] = ("figure",)) -> int:
    """Rows as a table that fits the console (see `fit` for which columns give way first), streamed:
    widths come from the first SAMPLE_ROWS rows, later longer cells wrap or are cut with …"""
    console = console or stdout_console()
    headers = headers or {}
    iterator = iter(rows)
    sample = [{c: cell(row.get(c)) for c in columns} for row in islice(iterator, SAMPLE_ROWS)]
    widths = fit(sample, columns, headers, console.width, edge=console.is_terminal, priority=priority,
                 min_widths=min_widths, max_widths=max_widths, keep=frozenset(keep))
    if title:  # its own line: a table's title would wrap to the table's width
        _title(console, title)
    grid = Grid(console, widths, headers)
    grid.header()
    count = 0
    for values in sample:
        grid.row(values)
        count += 1
    for row in iterator:
        grid.row({c: cell(row.get(c)) for c in widths})
        count += 1
    console.file.flush()
    left_out = [c for c in columns if c not in widths]
    if left_out and count:
        note(f"(left out at {console.width} columns: {', '.join(left_out)}; "
             "a wider terminal or --format csv shows them)")
    return count


def stacked(rows: Iterable[dict], head: list[str], body: str, *, title: str | None = None,
            console: Console | None = None, wide: int = 110, **fitting) -> int:
    """A table with `body` (the quote) as its last column on a wide console; narrower, each row's `head`
    columns as a table row and its body wrapped under it, indented, so the evidence is never left out."""
    console = console or stdout_console()
    if console.width >= wide:
        ranked = list(fitting.pop("priority", None) or head)
        fitting["priority"] = ranked[:3] + [body] + ranked[3:]  # the evidence before the rest
        return table(rows, head + [body], title=title, console=console, **fitting)
    iterator = iter(rows)
    sample = list(islice(iterator, SAMPLE_ROWS))
    fitting.pop("max_widths", None)
    widths = fit([{c: cell(row.get(c)) for c in head} for row in sample], head, {}, console.width, edge=False,
                 **fitting)
    if title:
        _title(console, title)
    out, last = console.file, next(reversed(widths))
    dim = ("\x1b[2m", "\x1b[0m") if console.is_terminal and not console.no_color else ("", "")
    count = 0
    for row in chain(sample, iterator):
        parts = []
        for column, width in widths.items():
            text = clip(cell(row.get(column)), width)
            parts.append(text if column == last else text + " " * (width - width_of(text)))
        lines = ["  ".join(parts).rstrip()]
        lines += [f"    {dim[0]}{line}{dim[1]}" for line in _wrap(cell(row.get(body)), console.width - 5)]
        out.write("\n".join(lines) + "\n")
        count += 1
    out.flush()
    return count


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
        console.print(visible(claimant), style="bold" if fancy else None, markup=False, highlight=False)
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
    """The article with claim sentences highlighted (bold yellow on a terminal, [[…]] when piped).
    Its text keeps line breaks; every other control character is shown escaped (controls.visible_text)."""
    from rich.text import Text

    console = console or stdout_console()
    header = visible(header)
    console.print(header, markup=False, highlight=False, soft_wrap=True)
    console.print("-" * min(len(header), 100), markup=False)
    pieces, cursor = [], 0  # (text, highlighted), cut at the claims' offsets before anything is escaped
    for start, end in sorted({(c["start"], c["end"]) for c in claims}):
        if start < cursor:  # overlapping claim sentences: one highlight over both
            if end > cursor:
                pieces[-1] = (pieces[-1][0] + text[cursor:end], True)
                cursor = end
            continue
        pieces += [(text[cursor:start], False), (text[start:end], True)]
        cursor = end
    pieces.append((text[cursor:], False))
    if console.is_terminal:
        body = Text()
        for piece, marked in pieces:
            body.append(visible_text(piece), style="bold yellow" if marked else None)
        console.print(body, highlight=False, soft_wrap=True)
    else:
        console.file.write("".join(f"[[{visible_text(p)}]]" if marked else visible_text(p)
                                   for p, marked in pieces) + "\n")
    console.print()
    for claim, label in zip(claims, labels):
        console.print(f"#{claim['id']} [{claim['start']}:{claim['end']}] {visible(label)}", markup=False,
                      highlight=False, soft_wrap=True)
