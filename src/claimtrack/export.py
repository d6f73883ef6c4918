"""Row iterators → CSV (formula-safe), JSON and JSONL writers. Rows are plain dicts in a fixed key order."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from itertools import islice
from itertools import chain
from operator import itemgetter
from datetime import date, datetime
from typing import IO

from claimtrack.controls import CONTROL_BUT_LAYOUT, visible_text

FORMATS = ("table", "csv", "json", "jsonl")
EXPORT_FORMATS = ("csv", "json", "jsonl")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def csv_cell(value, raw: bool = False):
    """One CSV cell: None → empty, lists → JSON, text that a spreadsheet would run as a formula → quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as in JSON, whichever database answered
    if isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    value = _plain(value)
    if not isinstance(value, str):
        return value  # numbers stay numbers
    if not raw:
        value = visible_text(value)  # no escape sequence reaches a terminal that shows the file
    if not raw and value.startswith(FORMULA_PREFIXES):
        return "'" + value  # OWASP CSV injection: neutralise formulas
    return value


FORMULA_START = frozenset(FORMULA_PREFIXES)


def csv_row(row: dict, columns: list[str], raw: bool = False, lists: dict | None = None) -> list:
    """csv_cell for a whole row, with the common types handled inline (this runs per exported row).
    `lists` caches the JSON of list objects shared between rows (a claimant's aliases)."""
    cells = []
    for column in columns:
        value = row.get(column)
        kind = type(value)
        if kind is str:
            if not raw and CONTROL_BUT_LAYOUT.search(value):
                value = visible_text(value)
            cells.append("'" + value if not raw and value and value[0] in FORMULA_START else value)
        elif value is None:
            cells.append("")
        elif kind is int:
            cells.append(value)
        elif kind is date:
            cells.append(value.isoformat())
        elif kind is list and lists is not None:
            key = id(value)
            if key not in lists:
                lists[key] = (value, csv_cell(value, raw))  # keep the list alive so its id stays unique
            cells.append(lists[key][1])
        else:
            cells.append(csv_cell(value, raw))
    return cells


def write_csv(rows: Iterable[dict], out: IO[str], columns: list[str] | None = None, *, raw: bool = False,
              excel: bool = False) -> int:
    """RFC 4180 CSV (excel dialect, CRLF); `out` must be opened with newline=''. Returns rows written."""
    iterator = iter(rows)
    first = next(iterator, None)
    if columns is None:
        columns = list(first.keys()) if first else []
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, dialect="excel")
    writer.writerow(columns)
    count = 0
    lists: dict = {}
    if first is not None:
        writer.writerow(csv_row(first, columns, raw, lists))
        count += 1
    writerow = writer.writerow
    for row in iterator:
        writerow(csv_row(row, columns, raw, lists))
        count += 1
    return count


def write_csv_cells(batches: Iterable[list[tuple]], out: IO[str], columns: list[str], *, excel: bool = False,
                    raw: bool = False, text_columns: Iterable[str] = ()) -> int:
    """Batches of rows whose cells are ready (neutralised, JSON-encoded by the query), each written in
    one C call; unless `raw`, control characters in `text_columns` are shown escaped."""
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, dialect="excel")
    writer.writerow(columns)
    indexes = [columns.index(c) for c in text_columns]
    count = 0
    for batch in batches:
        if not raw:
            batch = _visible_batch(batch, indexes)
        writer.writerows(batch)
        count += len(batch)
    return count


def _visible_batch(rows: list[tuple], indexes: list[int]) -> list[tuple]:
    """The batch with control characters in its text cells escaped. One search over all of the batch's
    text finds that there are none (the common case) without Python code per row."""
    if not indexes:
        return rows
    cells = itemgetter(*indexes) if len(indexes) > 1 else (lambda row: (row[indexes[0]],))
    try:  # text cells are str or None: joined without a Python call per cell
        text = "".join(filter(None, chain.from_iterable(map(cells, rows))))
    except TypeError:
        text = "".join(map(str, chain.from_iterable(map(cells, rows))))
    if not CONTROL_BUT_LAYOUT.search(text):
        return rows
    search = CONTROL_BUT_LAYOUT.search
    shown = []
    for row in rows:
        if any(type(row[i]) is str and search(row[i]) for i in indexes):
            row = tuple(visible_text(v) if i in indexes and type(v) is str else v for i, v in enumerate(row))
        shown.append(row)
    return shown


# json.dumps escapes C0 controls itself; these it leaves raw, though a terminal acts on them.
JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _date_text(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# json.dumps(row, ensure_ascii=False) with dates as ISO text; built once: dumps' per-call set-up and a
# Python call per value were most of a JSONL export's time
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_date_text)


def json_line(row: dict) -> str:
    """The row as one JSON line, as the JSON exports write it."""
    return _visible_json(_ENCODER.encode(row))


def _visible_json(text: str) -> str:
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if JSON_UNSAFE.search(text) else text


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for chunk in batched(rows, 1000):  # one write, and one look for unsafe characters, per thousand lines
        out.write(_visible_json("\n".join(map(_ENCODER.encode, chunk))))
        out.write("\n")
        count += len(chunk)
    return count


def write_lines(lines: list[str], out: IO[str], fmt: str) -> int:
    """Rows already encoded by json_line, as write_jsonl or write_json would write their rows."""
    if fmt == "jsonl":
        for chunk in batched(lines, 1000):
            out.write("\n".join(chunk))
            out.write("\n")
    elif fmt == "json":
        out.write("[\n " + ",\n ".join(lines) + "\n]\n" if lines else "[]\n")
    else:
        raise ValueError(f"not a JSON format: {fmt!r}")
    return len(lines)


def batched(items: Iterable, size: int) -> Iterable[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_json(rows: Iterable[dict], out: IO[str]) -> int:
    """One JSON array, streamed row by row so that memory stays flat."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n " if count else "\n ")
        out.write(json_line(row))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write(rows: Iterable[dict], out: IO[str], fmt: str, *, columns: list[str] | None = None, raw: bool = False,
          excel: bool = False) -> int:
    if fmt == "csv":
        return write_csv(rows, out, columns, raw=raw, excel=excel)
    if fmt == "json":
        return write_json(rows, out)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    raise ValueError(f"unknown format {fmt!r}")
