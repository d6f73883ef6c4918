"""content identity: sha256 of the decoded, normalised text; the raw bytes' hash kept beside it

One article saved as LF and CRLF, UTF-8 with or without BOM, UTF-16, NFC or NFD was several
sources. sha256 becomes the hash of the stored text (no BOM, `\\n` line endings, NFC, UTF-8), the
old hash moves to raw_sha256, and sources that now share a hash are merged into the oldest: its
claims stay, a duplicate's claims that say the same (same sentence, kind, figure, claimant, dates)
fold into them, any other claim moves over, revision links follow, and metadata the oldest lacks
(title, outlet, url, a date) is taken from the duplicate. Nothing is lost but the repetition.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 02:00:00
"""
import hashlib
import unicodedata
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The columns that make two claims of one text the same claim.
SAME_CLAIM = ("quote_start", "quote_end", "kind", "value", "value_max", "qualifier", "unit", "claimant_id",
              "via_id", "date_from", "date_to", "force", "projection", "location")
FILLED_FROM_DUPLICATE = ("title", "outlet", "url")


def content_sha256(text: str) -> str:
    """As claimtrack.ingest.read.content_sha256 at this revision (copied: a migration must not change
    when the package does)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.add_column('source', sa.Column('raw_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.create_index(op.f('ix_source_raw_sha256'), 'source', ['raw_sha256'], unique=False)
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE source SET raw_sha256 = sha256"))
    groups: dict[str, list[int]] = {}
    for source_id, text in bind.execute(sa.text("SELECT id, text FROM source ORDER BY id")):
        groups.setdefault(content_sha256(text), []).append(source_id)
    for digest, ids in groups.items():
        keeper, duplicates = ids[0], ids[1:]
        for duplicate in duplicates:
            _merge_source(bind, keeper, duplicate)
        bind.execute(sa.text("UPDATE source SET sha256 = :digest WHERE id = :id"), {"digest": digest, "id": keeper})


def _merge_source(bind, keeper: int, duplicate: int) -> None:
    columns = ", ".join(("id",) + SAME_CLAIM)
    kept = {tuple(row[1:]): row[0] for row in bind.execute(
        sa.text(f"SELECT {columns} FROM claim WHERE source_id = :id"), {"id": keeper})}
    for row in bind.execute(sa.text(f"SELECT {columns} FROM claim WHERE source_id = :id ORDER BY id"),
                            {"id": duplicate}).all():
        same = kept.get(tuple(row[1:]))
        if same is None:  # a claim only the duplicate has (it was extracted with other metadata): keep it
            bind.execute(sa.text("UPDATE claim SET source_id = :keeper WHERE id = :id"), {"keeper": keeper, "id": row[0]})
            kept[tuple(row[1:])] = row[0]
            continue
        bind.execute(sa.text("UPDATE claim SET revised_by_id = :same WHERE revised_by_id = :id"),
                     {"same": same, "id": row[0]})
        bind.execute(sa.text("UPDATE claim SET mentions = max(mentions, (SELECT mentions FROM claim WHERE id = :id)) "
                             "WHERE id = :same") if bind.dialect.name == "sqlite" else
                     sa.text("UPDATE claim SET mentions = GREATEST(mentions, (SELECT mentions FROM claim WHERE id = :id)) "
                             "WHERE id = :same"), {"same": same, "id": row[0]})
        bind.execute(sa.text("DELETE FROM claim WHERE id = :id"), {"id": row[0]})
    keep = bind.execute(sa.text("SELECT title, outlet, url, published, published_origin FROM source WHERE id = :id"),
                        {"id": keeper}).one()
    other = bind.execute(sa.text("SELECT title, outlet, url, published, published_origin FROM source WHERE id = :id"),
                         {"id": duplicate}).one()
    updates = {column: other[i] for i, column in enumerate(FILLED_FROM_DUPLICATE) if keep[i] is None and other[i]}
    if (keep.published is None and other.published is not None) or \
            (other.published_origin == "manual" and keep.published_origin != "manual"):
        updates.update(published=other.published, published_origin=other.published_origin)
    if updates:
        assignments = ", ".join(f"{column} = :{column}" for column in updates)
        bind.execute(sa.text(f"UPDATE source SET {assignments} WHERE id = :id"), {**updates, "id": keeper})
    bind.execute(sa.text("DELETE FROM source WHERE id = :id"), {"id": duplicate})


def downgrade() -> None:
    # Merged duplicates stay merged; sha256 keeps the content hash, which identifies just as well.
    # The batch rebuild of source needs the views that read it out of the way.
    bind = op.get_bind()
    views = bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view'")).all() \
        if bind.dialect.name == "sqlite" else []
    for name, _ in views:
        op.execute(f'DROP VIEW IF EXISTS "{name}"')
    op.drop_index(op.f('ix_source_raw_sha256'), table_name='source')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('raw_sha256')
    for _, sql in views:
        op.execute(sql)
