"""claimtrack eval --gold FILE..."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from claimtrack import evaluate, query
from claimtrack.cli import state
from claimtrack.controls import visible_text
from claimtrack.errors import ClaimtrackError


def _plain_rows(rows):
    """Rows as the exports write them (ISO dates), so scoring sees exactly what score.py would read."""
    return [json.loads(json.dumps(row, default=str, ensure_ascii=False)) for row in rows]


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        ctx: typer.Context,
        gold: Annotated[list[Path], typer.Option("--gold", "-g", help="Gold JSONL file (repeatable).", exists=True,
                                                 dir_okay=False)],
        show_errors: Annotated[bool, typer.Option("--show-errors", help="List missed, extra and misdated claims.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        """Score the claims in the database against gold annotations, as eval/score.py does.

        Example:

            claimtrack eval --gold data/gold/seeds.gold.jsonl --show-errors
        """
        try:
            gold_rows = evaluate.read_gold(gold)
        except ValueError as err:
            raise ClaimtrackError(str(err)) from None
        with state(ctx).db().session() as session:
            claims = _plain_rows(query.claim_rows(session))
            sources = _plain_rows(query.source_rows(session))
        result = evaluate.score(gold_rows, claims, sources)
        if as_json:
            typer.echo(visible_text(json.dumps(result, ensure_ascii=False, indent=1)))
        else:
            typer.echo(visible_text(evaluate.format_report(result, show_errors)))
