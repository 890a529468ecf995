"""Connecting to the store and bringing its schema up to date.

`connect(url)` makes the engine and runs the migrations (`alembic upgrade head`, with no
alembic.ini: the scripts ship inside the package). On SQLite every write transaction starts
with `BEGIN IMMEDIATE`, so two processes saving at once queue for the write lock instead of
one failing on a lock upgrade, and the file is in WAL mode so readers never wait for a
writer. On PostgreSQL the migrations hold an advisory lock, so replicas starting together
migrate once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from planner.store.errors import StoreError

MIGRATIONS = "planner.store:migrations"
WRITE = "planner_write"  # execution option: this transaction will write
SQLITE_BUSY_SECONDS = 30
CONNECT_SECONDS = 10  # a database server that does not answer is reported, not waited for
MIGRATION_LOCK = 715_019_001  # PostgreSQL advisory lock key of the store's migrations


def make_engine(url: str) -> Engine:
    """An engine on the store's URL (SQLite files get their folder, WAL and a busy wait)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"The database address '{url}' is not a valid URL.") from None
    if parsed.get_backend_name() != "sqlite":
        try:
            options = ({"connect_timeout": CONNECT_SECONDS}
                       if parsed.get_backend_name() == "postgresql" else {})
            return create_engine(parsed, pool_pre_ping=True, connect_args=options)
        except NoSuchModuleError as exc:
            raise StoreError(f"The database address '{url}' names a database this "
                             f"installation cannot use ({exc}).") from None
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    _sqlite_transactions(engine)
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    """SQLAlchemy emits BEGIN itself (IMMEDIATE for writes); foreign keys are enforced."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect().execution_options(**{WRITE: True}) as connection, \
            connection.begin():
        yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction (a consistent view of the store)."""
    with engine.connect() as connection, connection.begin():
        yield connection


def alembic_config(connection: Connection | None = None):  # noqa: ANN201 - alembic.Config
    """Alembic's configuration for the packaged migrations, handed `connection`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None when the store is new)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the store to `revision` in one transaction (a no-op when it is there)."""
    from alembic import command

    try:
        with reading(engine) as connection:
            if revision == "head" and current_revision(connection) == head_revision():
                return
        with writing(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), revision)
    except OperationalError as exc:
        raise unreachable(engine, exc) from None


def unreachable(engine: Engine, exc: Exception) -> StoreError:
    """The plain error for a database that cannot be opened."""
    where = engine.url.render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return StoreError(f"The store at {where} cannot be used right now: {reason}")


def connect(url: str) -> Engine:
    """An engine on an up-to-date store."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def migrations_folder() -> Path:
    """Where the packaged migration scripts are (for `alembic` run by hand)."""
    return Path(str(files("planner.store") / "migrations"))
