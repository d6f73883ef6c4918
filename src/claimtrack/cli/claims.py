"""claimtrack claims: list claims with filters."""

from __future__ import annotations

from claimtrack.cli.export import parse_day
from claimtrack.models import CLAIM_KINDS
from claimtrack.query import ClaimFilter

import typer


def build_filter(actor, kind, source, since, until, min_value, max_value, text, limit) -> ClaimFilter:
    if kind is not None and kind not in CLAIM_KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of {', '.join(CLAIM_KINDS)}", param_hint="--kind")
    return ClaimFilter(actor=actor, kind=kind, source=source, since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"), min_value=min_value, max_value=max_value,
                       text=text, limit=limit)
