"""The closed vocabularies the database stores and how text filters compare. No database code here:
the reading commands import it without SQLAlchemy (models.py re-exports all of it)."""

from __future__ import annotations

import unicodedata

ACTOR_TYPES = ("person", "organisation", "government", "agency", "media", "country", "group")
CLAIM_KINDS = ("troop_count", "confirmation", "denial", "not_confirmed")


def fold(text: str | None) -> str | None:
    """How text filters compare: NFC, then Unicode case folding ('ÜBER' finds 'über', NFD input finds NFC)."""
    return unicodedata.normalize("NFC", text).casefold() if text else text


# Python functions every SQLite connection registers (models.folded compiles to claimtrack_fold)
SQLITE_FUNCTIONS = {"claimtrack_fold": fold}

# The export format's claim columns (FORMAT.md), in order.
CLAIM_COLUMNS = ["id", "source", "claimant", "claimant_aliases", "via", "kind", "value", "value_max", "qualifier",
                 "magnitude", "unit", "location", "force", "projection", "date_from", "date_to", "date_text", "status",
                 "revised_by", "quote", "start", "end", "mentions", "published"]
# What `who`, `compare` and the charts read of each claim (statements.figures, query.figure_rows), in order.
FIGURE_KEYS = ["id", "source", "claimant", "via", "kind", "value", "value_max", "qualifier", "magnitude", "unit",
               "location", "force", "projection", "date_from", "date_to", "date_text", "status", "revised_by",
               "published", "outlet", "quote"]
# What a spreadsheet runs as a formula when a cell starts with it (every CSV writer neutralises these).
FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")
# Columns whose values are the extractor's own words (tests/test_safety.py: none starts a formula or holds
# a comma, quote or control character, and every stored value is one of them): the SQLite CSV export
# quotes and neutralises only free text; the checks cost ~1.8 s and ~1.1 s a million rows on these columns too.
CLOSED_VOCABULARY = ("kind", "qualifier", "magnitude", "unit", "status", "force")
