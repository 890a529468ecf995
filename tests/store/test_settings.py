"""Where the store lives and who is saving, from the arguments and the environment."""

from __future__ import annotations

from pathlib import Path

from planner.store.settings import database_url, default_sqlite_path, user_name


def test_without_settings_the_store_is_a_sqlite_file_in_the_data_folder() -> None:
    assert default_sqlite_path({}) == Path("data/store/planner.sqlite3")
    url = database_url(None, {})
    assert url.startswith("sqlite:///") and url.endswith("/data/store/planner.sqlite3")


def test_the_data_folder_moves_with_planner_data_dir(tmp_path: Path) -> None:
    url = database_url(None, {"PLANNER_DATA_DIR": str(tmp_path)})
    assert url == f"sqlite:///{tmp_path.resolve()}/store/planner.sqlite3"


def test_a_database_url_in_the_environment_wins_and_db_wins_over_it() -> None:
    env = {"PLANNER_DATABASE_URL": "postgresql://u:p@db.city.gov/planner",
           "PLANNER_DATA_DIR": "/elsewhere"}
    assert database_url(None, env) == "postgresql+psycopg://u:p@db.city.gov/planner"
    assert database_url("sqlite:///x.db", env) == "sqlite:///x.db"


def test_a_bare_path_is_a_sqlite_file(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.sqlite3"), {}) == \
        f"sqlite:///{(tmp_path / 'a.sqlite3').resolve()}"


def test_the_user_is_the_one_given_then_planner_user_then_the_login() -> None:
    assert user_name(" ana ", {"PLANNER_USER": "bob"}) == "ana"
    assert user_name(None, {"PLANNER_USER": "bob"}) == "bob"
    login = user_name(None, {"PLANNER_USER": "  "})
    assert login and login != "bob"
