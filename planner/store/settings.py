"""Where the store lives and who is saving: read from the environment at the edge.

`PLANNER_DATABASE_URL` (any SQLAlchemy URL, e.g. `postgresql+psycopg://user:pw@host/db`)
chooses a shared database; without it the store is one SQLite file in the data folder,
`PLANNER_DATA_DIR` (default `data/` under the working directory), at `store/planner.sqlite3`.
The user is `--user`, else `PLANNER_USER`, else the operating-system login.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from pathlib import Path

DATABASE_URL = "PLANNER_DATABASE_URL"
DATA_DIR = "PLANNER_DATA_DIR"
USER = "PLANNER_USER"
DEFAULT_DATA_DIR = "data"
STORE_FILE = Path("store") / "planner.sqlite3"


def default_sqlite_path(env: Mapping[str, str] | None = None) -> Path:
    """The SQLite file used when no database URL is set."""
    env = os.environ if env is None else env
    return Path(env.get(DATA_DIR) or DEFAULT_DATA_DIR) / STORE_FILE


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def database_url(given: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The store's URL: the one given (`--db`), else PLANNER_DATABASE_URL, else the SQLite
    file in the data folder. A bare path is taken as a SQLite file."""
    env = os.environ if env is None else env
    url = (given or env.get(DATABASE_URL) or "").strip()
    if not url:
        return sqlite_url(default_sqlite_path(env))
    if "://" not in url:
        return sqlite_url(url)
    if url.startswith(("postgresql://", "postgres://")):  # psycopg 3 is the driver installed
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def user_name(given: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Who is making a change: the name given, else PLANNER_USER, else the OS login."""
    env = os.environ if env is None else env
    for name in (given, env.get(USER)):
        if name and name.strip():
            return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"
