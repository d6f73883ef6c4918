"""Operations on stored sources that need the extractor again (corrections re-resolve dates)."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session

from claimtrack import summary
from claimtrack.extract import EXTRACTOR_VERSION, extract_claims
from claimtrack.ingest.metadata import detect
from claimtrack.query import find_source
from claimtrack.store import SourceInput, store_source


def set_source_metadata(session: Session, ref: str, *, published: date | None = None, outlet: str | None = None,
                        title: str | None = None, clear_published: bool = False) -> dict:
    """Correct a source; with a new date its claims are extracted again, so relative dates resolve.
    `clear_published` removes a wrong date: its claims' relative dates then stay open with their words."""
    source = find_source(session, ref)
    new_published = None if clear_published else published or source.published
    item = SourceInput(
        file_name=source.file_name, path=source.path, sha256=source.sha256, raw_sha256=source.raw_sha256,
        page_starts=json.loads(source.page_starts) if source.page_starts else None,
        text=source.text,
        encoding=source.encoding, size_bytes=source.size_bytes, title=title or source.title,
        outlet=outlet or source.outlet, url=source.url, published=new_published,
        published_origin="manual" if published or clear_published else source.published_origin,
        language=source.language,
        extractor_version=EXTRACTOR_VERSION,
    )
    meta = detect(source.text, source.language)
    claims = extract_claims(source.text, published=new_published, language=source.language,
                            boilerplate=meta.boilerplate)
    result = store_source(session, item, claims, force=True)
    summary.refresh(session)
    return {"id": result.source_id, "source": source.file_name, "published": new_published,
            "outlet": item.outlet, "claims": result.claims}
