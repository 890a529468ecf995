"""Budget & constraints page: balance rules edited as the Rules sheet and kept by the plan."""

from __future__ import annotations

from app_pages import _state as S
from tests.app.helpers import no_errors


def rules_key(at) -> str:
    return next(e.key for e in at.data_editor if e.key.startswith("w_rules_"))


def test_a_rule_added_on_the_page_reaches_the_plan_and_its_reasons(open_page) -> None:
    at = open_page("budget")
    no_errors(at)
    editor = next(e for e in at.data_editor if e.key.startswith("w_rules_"))
    assert list(editor.value.columns) == ["rule", "column", "value", "kind", "limit", "scope"]
    at.session_state[rules_key(at)] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"rule": "Police at most 15%", "column": "department", "value": "Police",
         "kind": "max share", "limit": "15%"}]}
    at.run()
    no_errors(at)
    frame = at.session_state[S.WORKSPACE].frames["Rules"]
    assert frame["rule"].tolist() == ["Police at most 15%"]
    at.toggle(key="w_rules_standing").set_value(True)
    at.run()
    no_errors(at)
    standing = next(d.value for d in at.dataframe if "binds" in d.value.columns)
    assert standing["rule"].tolist() == ["Police at most 15%"]
    assert standing["binds"].tolist() == ["yes"]


def test_a_rule_the_importer_refuses_is_listed_with_its_row(open_page) -> None:
    at = open_page("budget")
    at.session_state[rules_key(at)] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"rule": "Colour", "column": "colour", "value": "red", "kind": "max share",
         "limit": "40%"}]}
    at.run()
    assert not at.exception
    problems = next(d.value for d in at.dataframe if "message" in d.value.columns
                    and "'colour' is not a column" in " ".join(d.value["message"]))
    assert problems["row"].tolist() == [2] and problems["column"].tolist() == ["column"]
