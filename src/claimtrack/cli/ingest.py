"""claimtrack ingest PATH..."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from claimtrack.cli import state
from claimtrack import lang
from claimtrack.ingest.pipeline import FileOutcome, IngestOptions, ingest, parse_iso_or_german
from claimtrack.ingest.read import DEFAULT_MAX_SIZE
from claimtrack.controls import visible
from claimtrack.render import error_line, note, stderr_console

_SIZE = re.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$")
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def parse_size(value: str) -> int:
    match = _SIZE.match(value)
    if not match:
        raise typer.BadParameter(f"{value!r} is not a size (e.g. 5MB, 500k, 1048576)")
    unit = (match[2] or "").lower()
    factor = 1024 ** "kmg".index(unit[0]) * 1024 if unit.endswith("ib") else _UNITS[unit[:1]]
    return int(float(match[1]) * factor)


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    parsed = parse_iso_or_german(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md) or folders (read recursively).")],
        force: Annotated[bool, typer.Option("--force", help="Re-extract files that are stored already.")] = False,
        max_size: Annotated[str, typer.Option("--max-size", help="Largest file to read (e.g. 5MB).")] = "5MB",
        published: Annotated[Optional[str], typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) for the files of this call.")] = None,
        outlet: Annotated[Optional[str], typer.Option("--outlet", help="Outlet for the files of this call.")] = None,
        jobs: Annotated[Optional[int], typer.Option(
            "--jobs", "-j", min=1, help="Worker processes for parsing \\[default: number of cores].")] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
        follow_links: Annotated[bool, typer.Option(
            "--follow-links", help="Read links inside folders that lead to files outside them.")] = False,
        language: Annotated[Optional[str], typer.Option(
            "--language", help="Language of the files of this call (de, en) \\[default: detected per file].")] = None,
    ) -> None:
        """Read articles, extract their claims and store them. The same content is stored once.

        Metadata the text lacks can come from a sources.csv beside the articles (columns file,
        published, outlet, url, title) or from --published/--outlet. Exit code 1 when a file failed.

        Example:

            claimtrack ingest seeds/ --published 2024-10-25
        """
        if language is not None and language not in lang.languages():
            raise typer.BadParameter(f"{language!r} is not one of {', '.join(lang.languages())}",
                                     param_hint="--language")
        options = IngestOptions(
            language=language,
            follow_links=follow_links,
            force=force,
            max_size=parse_size(max_size) if max_size else DEFAULT_MAX_SIZE,
            published=parse_published(published),
            outlet=outlet,
            jobs=jobs or os.cpu_count() or 1,
        )
        db = state(ctx).db()
        errors = stderr_console()
        show_progress = not quiet and sys.stderr.isatty()
        progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            TextColumn("{task.fields[name]}"), console=errors, transient=True,
                            disable=not show_progress)
        task = progress.add_task("ingest", total=None, name="")

        def on_plan(total: int) -> None:
            progress.update(task, total=total)

        def on_file(outcome: FileOutcome) -> None:
            if outcome.status == "failed":
                error_line(f"{outcome.path}: {outcome.reason}", console=progress.console if show_progress else None)
            elif outcome.status == "skipped" and not quiet:
                note(f"skipped {outcome.path}: {outcome.reason}", console=progress.console if show_progress else None)
            if outcome.status != "skipped" and not (outcome.status == "failed" and outcome.source_id is None
                                                     and outcome.reason == "no such file or folder"):
                progress.update(task, advance=1, name=visible(Path(outcome.path).name))

        with progress:
            summary = ingest(db, paths, options, on_file=on_file, on_plan=on_plan)
        if not quiet:
            typer.echo(
                f"{summary.read} files read: {summary.count('new')} new, {summary.count('updated')} re-extracted, "
                f"{summary.count('unchanged')} unchanged, {summary.count('skipped')} skipped, "
                f"{len(summary.failed)} failed; {summary.claims} claims extracted"
            )
        if summary.failed:
            raise typer.Exit(1)
