"""Assemble claims from sentences, numbers, actors, cues and dates. (Placeholder until extraction lands.)"""

from __future__ import annotations

from datetime import date

from claimtrack.extract.records import ClaimRecord


def extract(text: str, published: date | None = None, language: str = "de",
            boilerplate=()) -> list[ClaimRecord]:
    return []
