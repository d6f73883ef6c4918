"""Alembic environment. No fileConfig(): it would silence the application's loggers.

claimtrack runs migrations in code (claimtrack.db.upgrade) and hands over its connection in
config.attributes["connection"]; batch mode is on so that SQLite can alter tables.
"""

from alembic import context
from sqlalchemy import create_engine

import claimtrack.models  # noqa: F401  (registers the tables on the metadata)
from claimtrack.models import metadata

config = context.config
target_metadata = metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
