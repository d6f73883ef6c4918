"""Rule-based claim extraction: pure functions from text (+ publication date) to claim records.

No database in here. Language knowledge comes from `claimtrack/lang/<code>/*.toml`, the actor
gazetteer from `claimtrack/actors.toml`.
"""

from claimtrack.extract.records import ActorRef, ClaimRecord

EXTRACTOR_VERSION = "0.2.0"


def extract_claims(text, published=None, language="de", boilerplate=()):
    """All claims of one article. See claimtrack.extract.claims.extract."""
    from claimtrack.extract.claims import extract

    return extract(text, published=published, language=language, boilerplate=boilerplate)


__all__ = ["ActorRef", "ClaimRecord", "EXTRACTOR_VERSION", "extract_claims"]
