"""What extraction produces: plain data with offsets into the text, no database ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ActorRef:
    """An actor as the text names it; storage resolves it to a row by canonical name or alias."""

    name: str  # canonical name (gazetteer) or the name as written (discovered)
    type: str = "organisation"
    description: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = True  # False for speakers the gazetteer lacks


@dataclass
class ClaimRecord:
    kind: str
    quote: str
    start: int
    end: int
    claimant: ActorRef | None = None
    via: ActorRef | None = None
    value: int | None = None
    value_max: int | None = None
    qualifier: str | None = None
    magnitude: str | None = None
    unit: str | None = None
    location: str | None = None
    force: str | None = None  # whose troops: the country or group that sends or commands them
    projection: bool = False  # a forecast or planned strength, not what is there now
    date_from: date | None = None
    date_to: date | None = None
    date_text: str | None = None
    status: str = "current"
    revised_by: int | None = None  # index of the replacing claim in the same extraction result
    mentions: int = 1
    rule: str | None = None
    extra: dict = field(default_factory=dict)
