"""Rows → rich tables on a terminal, plain aligned text when piped. NO_COLOR is honoured by rich itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table


def stdout_console() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=False,
                   width=int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None)


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


def table(rows: Iterable[dict], columns: list[str], *, title: str | None = None,
          headers: dict[str, str] | None = None, console: Console | None = None,
          max_widths: dict[str, int] | None = None) -> int:
    console = console or stdout_console()
    headers = headers or {}
    max_widths = max_widths or {}
    grid = Table(title=title, box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2,
                 show_edge=console.is_terminal, header_style="bold" if console.is_terminal else "")
    for column in columns:
        grid.add_column(headers.get(column, column), overflow="fold", max_width=max_widths.get(column),
                        justify="right" if column in ("id", "value", "value_max", "claims", "sources") else "left")
    count = 0
    for row in rows:
        grid.add_row(*(cell(row.get(c)) for c in columns))
        count += 1
    console.print(grid)
    return count
