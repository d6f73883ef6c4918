"""Changes analysts make to actors: merge duplicates, add aliases."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlmodel import Session

from claimtrack import summary
from claimtrack.errors import ClaimtrackError
from claimtrack.gazetteer import normalise
from claimtrack.models import Actor, Alias, Claim
from claimtrack.query import find_actor_id


def merge(session: Session, keep: str, other: str) -> int:
    """Merge OTHER into KEEP. Irreversible, so both are named exactly (or by id): no fuzzy match."""
    keep_id, other_id = find_actor_id(session, keep, exact=True), find_actor_id(session, other, exact=True)
    if keep_id == other_id:
        raise ClaimtrackError(f"{keep!r} and {other!r} are the same actor already")
    relayed = set(session.execute(select(Claim.claimant_id).where(Claim.via_id == other_id).distinct()).scalars())
    summary.mark(session, {keep_id, other_id} | relayed)  # names and origins change: their rows are rebuilt
    moved = session.execute(update(Claim).where(Claim.claimant_id == other_id).values(claimant_id=keep_id)).rowcount
    session.execute(update(Claim).where(Claim.via_id == other_id).values(via_id=keep_id))
    session.execute(update(Alias).where(Alias.actor_id == other_id).values(actor_id=keep_id))
    session.execute(delete(Actor).where(Actor.id == other_id))
    summary.refresh(session)
    return moved


def add_alias(session: Session, actor: str, name: str) -> None:
    actor_id = find_actor_id(session, actor)
    key = normalise(name)
    if not key:
        raise ClaimtrackError("an alias needs at least one letter")
    owner = session.execute(select(Alias.actor_id).where(Alias.normalised == key)).scalar()
    if owner is not None:
        if owner == actor_id:
            return
        holder = session.get(Actor, owner)
        raise ClaimtrackError(f"{name!r} is already an alias of {holder.name!r}; merge the actors instead")
    session.add(Alias(actor_id=actor_id, name=name, normalised=key))
