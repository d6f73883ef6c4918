"""Row iterators → CSV (formula-safe), JSON and JSONL writers. Rows are plain dicts in a fixed key order."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable
from itertools import islice
from datetime import date, datetime
from typing import IO

from claimtrack.controls import CONTROL_BUT_LAYOUT, utf8_has_controls, visible_text
from claimtrack.terms import FORMULA_FIRST

FORMATS = ("table", "csv", "json", "jsonl")
EXPORT_FORMATS = ("csv", "json", "jsonl")
FORMULA_PREFIXES = FORMULA_FIRST


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
    if raw:
        return value
    # OWASP CSV injection: neutralise formulas (judged on the stored text, as claim_csv_lines does in SQL);
    # no escape sequence reaches a terminal that shows the file
    return ("'" if value.startswith(FORMULA_PREFIXES) else "") + visible_text(value)


FORMULA_START = frozenset(FORMULA_PREFIXES)


def csv_row(row: dict, columns: list[str], raw: bool = False, lists: dict | None = None) -> list:
    """csv_cell for a whole row, with the common types handled inline (this runs per exported row).
    `lists` caches the JSON of list objects shared between rows (a claimant's aliases)."""
    cells = []
    for column in columns:
        value = row.get(column)
        kind = type(value)
        if kind is str:
            if not raw:
                formula = value and value[0] in FORMULA_START
                if CONTROL_BUT_LAYOUT.search(value):
                    value = visible_text(value)
                if formula:
                    value = "'" + value
            cells.append(value)
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


def write_csv_lines(batches: Iterable[list[tuple]], out: IO[str], columns: list[str], *, excel: bool = False,
                    raw: bool = False) -> int:
    """Batches of finished CSV lines (1-tuples, no line end: query.claim_csv_lines), written a batch at a
    time (as bytes where the stream is UTF-8); unless `raw`, a line with a control character in it is
    written with the character shown escaped, as write_csv would. Returns rows written."""
    if excel:
        out.write("\ufeff")
    csv.writer(out, dialect="excel").writerow(columns)
    buffer = _utf8_buffer(out)
    count = 0
    for batch in batches:
        lines = [row[0] for row in batch]
        text = "\r\n".join(lines) + "\r\n"
        data = text.encode("utf-8")
        # every line end holds one \r: any other is inside a cell
        if not raw and (data.count(b"\r") != len(lines) or utf8_has_controls(data, allowed=b"\r")):
            text = "".join(_visible_line(line) for line in lines)
            data = text.encode("utf-8")
        if buffer is not None:
            buffer.write(data)
        else:
            out.write(text)
        count += len(lines)
    return count


def _utf8_buffer(out: IO[str]):
    """The binary stream under a UTF-8 text stream, flushed so that what comes next follows what was
    written; None when bytes cannot go there directly."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8":
        return None
    out.flush()
    return buffer


def _visible_line(line: str) -> str:
    """A CSV line (with its line end) as write_csv writes its row: control characters in each cell escaped."""
    if not CONTROL_BUT_LAYOUT.search(line):
        return line + "\r\n"
    cells = next(csv.reader(io.StringIO(line, newline=""), dialect="excel"))
    shown = io.StringIO(newline="")
    csv.writer(shown, dialect="excel").writerow([visible_text(cell) for cell in cells])
    return shown.getvalue()


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
