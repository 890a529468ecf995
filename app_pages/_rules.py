"""Balance rules on the Budget & constraints page: the Rules sheet, editable, and how the
plan stands against each rule.

The rules are the workspace's Rules sheet, so an edit is checked by the importer like any
other table (problems are listed under the editor with their row) and the council workbook
writes the same sheet.
"""

from __future__ import annotations

import streamlit as st

from app_pages import _access, _planning, _session, _ui
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from planner import (
    RULE_KINDS,
    RULE_SCOPES,
    PlannerError,
    edit_rules,
    group_columns,
    rules_standing,
    rules_table,
)

SHEET = "Rules"
W_STANDING = "w_rules_standing"
HELP = {
    "rule": "The rule's name, as the plan reports it.",
    "column": "The Candidates column that forms the group: department (read from the systems "
              "and processes a candidate modernizes), approach, alternative_group or another.",
    "value": "The value of that column the group's candidates have, e.g. Police.",
    "kind": "What the rule limits: a share or amount of the plan's capital, or how many of "
            "the group are funded.",
    "limit": "A share such as 40% or an amount such as $2M; blank for exactly one and at "
             "least one.",
    "scope": f"{' or '.join(RULE_SCOPES)} (the default is all years), or a fiscal year such "
             "as FY2028.",
}


def _key() -> str:
    return f"w_rules_{st.session_state[S.EDITOR_VERSION]}"


def _apply(key: str, labels: tuple[int, ...]) -> None:
    """Apply the rules editor's edits to the Rules sheet, and say which."""
    new, change = edit_rules(_session.workspace(), st.session_state.get(key) or {},
                             list(labels))
    if change is not None:
        _session.replace_workspace(new, change=change)
    st.session_state[S.EDITOR_VERSION] += 1


def _column_config(headers: dict[str, str], portfolio) -> dict:
    """Editor columns under the sheet's own headers: the kind chosen from a list."""
    config = {}
    for header, canonical in headers.items():
        text = HELP.get(canonical, "")
        if canonical == "column":
            text += " Columns: " + ", ".join(group_columns(portfolio)[:12]) + "."
        if canonical == "kind":
            config[header] = st.column_config.SelectboxColumn(header, options=RULE_KINDS,
                                                              help=text)
        else:
            config[header] = st.column_config.TextColumn(header, help=text)
    return config


def show_problems() -> None:
    """The importer's problems with the Rules sheet, by row and column."""
    info = _session.workspace().sheets.get(SHEET)
    if info is None:
        return
    issues = _session.issues()
    mine = issues[issues["sheet"] == info.title]
    if not mine.empty:
        st.warning("Some rules could not be used; each is named below with its row.",
                   icon=":material/warning:")
        st.dataframe(mine[["row", "column", "severity", "message"]], hide_index=True,
                     width="stretch", key="w_rules_problems")


def show_standing(portfolio) -> None:
    """On request, how the current plan stands against each rule."""
    if not portfolio.rules or not st.toggle("Show how the plan stands against each rule",
                                            key=W_STANDING):
        return
    try:
        plan = _planning.plan().optimized
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return
    st.dataframe(rules_standing(portfolio, plan), hide_index=True, width="stretch")


def show_rules_editor(portfolio) -> None:
    """The balance rules as an editable table, their problems, and the plan's standing."""
    table = rules_table(_session.workspace())
    mapping = _session.workspace().mapping.get(SHEET) or {h: h for h in table.columns}
    headers = {h: mapping.get(h, h) for h in table.columns}
    key = _key()
    labels = tuple(int(i) for i in table.index)
    st.data_editor(table, key=key, on_change=_apply, args=(key, labels),
                   num_rows=_access.editor_rows(), disabled=_access.read_only(),
                   hide_index=True, width="stretch",
                   column_config=_column_config(headers, portfolio))
    if has_pending_edits(key):
        _apply(key, labels)
        st.rerun()
    st.caption("A share counts the plan's capital: group spend at least (or at most) that "
               "share of all spend, in its scope. A minimum share holds trivially in a scope "
               "where the plan spends nothing.")
    show_problems()
    show_standing(portfolio)
