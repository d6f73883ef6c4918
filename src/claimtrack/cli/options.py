"""Options shared by several commands, defined once as Annotated aliases."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class Undated(str, Enum):
    include = "include"
    exclude = "exclude"
    only = "only"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ExportFormatOpt = Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[Optional[int], typer.Option(
    "--limit", "-n", min=0, help="Show at most this many rows; 0 for all \\[default: all, 200 in a table on a terminal].")]
TERMINAL_ROWS = 200  # a table on a terminal: what a person reads; the rest is a count and a hint


def table_limit(limit: int | None, fmt: "Format") -> tuple[int | None, bool]:
    """(the limit to apply, whether it is the terminal default). --limit 0: no limit."""
    import sys

    if limit == 0:
        return None, False
    if limit is None and fmt == Format.table and sys.stdout.isatty():
        return TERMINAL_ROWS, True
    return limit, False


def left_out_note(shown: int, total: int, what: str = "rows") -> str | None:
    if total <= shown:
        return None
    return (f"{total - shown:,} more {what} not shown ({shown} of {total:,}; --limit N shows more, --limit 0 all, "
            "--format csv for a spreadsheet)")
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.",
                                                  dir_okay=False)]
RawOpt = Annotated[bool, typer.Option("--raw", help="CSV: do not neutralise cells that look like formulas.")]
ExcelOpt = Annotated[bool, typer.Option("--excel", help="CSV: start with a UTF-8 BOM so Excel reads the encoding.")]


def parse_day(value: str | None, option: str) -> date | None:
    """An ISO date given on the command line; a usage error (exit 2) otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None
