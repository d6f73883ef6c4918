"""Where the database lives: --db > CLAIMTRACK_DB > ./claimtrack.db."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "claimtrack.db"
ENV_DB = "CLAIMTRACK_DB"


def database_url(option: str | None = None) -> str:
    """Turn a --db value (a path or a SQLAlchemy URL) into a SQLAlchemy URL."""
    value = option or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" in value:
        scheme, rest = value.split("://", 1)
        if scheme in ("postgresql", "postgres"):  # SQLAlchemy would pick psycopg2; we ship psycopg 3
            return f"postgresql+psycopg://{rest}"
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///"):]
    if not path or path == ":memory:":
        return None
    return Path(path)
