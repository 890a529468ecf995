"""Alembic's environment for the store: migrate the connection the store hands over.

`planner.store.engine.migrate` runs this with `config.attributes["connection"]` already in
a transaction (and, on PostgreSQL, holding a lock), so every migration of one upgrade
commits or rolls back together. Run by hand (`alembic -x url=... upgrade head` with
`script_location = planner.store:migrations`), it connects to that URL or the store's
default (planner.store.settings.database_url).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from planner.store.settings import database_url
from planner.store.tables import metadata


def run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    """Run the pending migrations on one connection."""
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Migrate the connection handed over, else one opened on the URL given."""
    if context.is_offline_mode():
        raise SystemExit("The store's migrations run against a database, not as SQL text.")
    handed = context.config.attributes.get("connection")
    if handed is not None:
        run(handed)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    with create_engine(database_url(url)).begin() as connection:
        run(connection)


main()
