"""The app's pages in the order of the user's workflow, grouped as the sidebar shows them,
and the sidebar's account of what is being worked on.

The page table is plain data, so that tests can visit every page without reading `app.py`.
`app.py` draws the sidebar before the page runs (a page may stop early); changes arrive
through widget callbacks, which run first, and the Import page reruns as soon as it has read
an upload, so the sidebar never speaks of the data that was there before.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app_pages import _access, _history, _session, _ui
from app_pages import _state as S


@dataclass(frozen=True)
class PageEntry:
    """One page: its module in app_pages/, title, icon, and whether the app opens on it."""

    name: str
    title: str
    icon: str
    default: bool = False

    @property
    def path(self) -> str:
        """The page's file, as st.navigation knows it."""
        return f"app_pages/{self.name}.py"


SECTIONS: dict[str, tuple[PageEntry, ...]] = {
    "Your data": (
        PageEntry("data_import", "Import", ":material/upload_file:"),
        PageEntry("inventory", "Inventory", ":material/inventory_2:"),
    ),
    "Decide": (
        PageEntry("weights", "Criteria & weights", ":material/tune:"),
        PageEntry("rankings", "Rankings", ":material/leaderboard:"),
        PageEntry("budget", "Budget & constraints", ":material/account_balance_wallet:"),
    ),
    "Plan": (
        PageEntry("roadmap", "Roadmap", ":material/view_timeline:", default=True),
        PageEntry("robustness", "Robustness", ":material/shuffle:"),
        PageEntry("scenarios", "Scenarios", ":material/compare_arrows:"),
        PageEntry("export", "Export", ":material/download:"),
        PageEntry("history", "History", ":material/history:"),
    ),
}

PAGE_NAMES: tuple[str, ...] = tuple(p.name for pages in SECTIONS.values() for p in pages)


def navigation() -> dict[str, list[st.Page]]:
    """The sections of st.Page objects that st.navigation takes (and, on every page, the
    sidebar's Undo and Redo with the session's changes)."""
    show_history()
    return {section: [st.Page(p.path, title=p.title, icon=p.icon, default=p.default)
                      for p in pages]
            for section, pages in SECTIONS.items()}


# --- undo, redo and the session's changes, in the sidebar of every page ---------------------
SHOWN_CHANGES = 30


def _undo() -> None:
    step = _history.undo()
    if step is not None:
        st.toast(_ui.escape_md(f"Undone: {step.change}"), icon=":material/undo:")


def _redo() -> None:
    step = _history.redo()
    if step is not None:
        st.toast(_ui.escape_md(f"Redone: {step.change}"), icon=":material/redo:")


def show_history() -> None:
    """Undo and Redo (disabled when there is nothing to take back or bring back) and the
    session's changes in plain words, newest first."""
    history = _history.history()
    changes = history.changes()
    with st.sidebar:
        left, right = st.columns(2)
        left.button("Undo", key="w_undo", icon=":material/undo:", on_click=_undo,
                    disabled=not history.can_undo, width="stretch",
                    help="Take back the last change (listed first under Changes)")
        right.button("Redo", key="w_redo", icon=":material/redo:", on_click=_redo,
                     disabled=not history.can_redo, width="stretch",
                     help="Make the last undone change again")
        with st.expander(f"Changes this session ({len(changes)})"):
            if not changes:
                st.caption("Nothing changed yet. Every edit and choice is listed here.")
            for line in changes[:SHOWN_CHANGES]:
                st.text(line)
            if len(changes) > SHOWN_CHANGES:
                st.caption(f"and {len(changes) - SHOWN_CHANGES} earlier changes")
            for line in history.undone()[:SHOWN_CHANGES]:  # greyed: what Redo brings back
                st.caption(_ui.escape_md(f"Undone: {line}"))


# --- the sidebar: what is being worked on ---------------------------------------------------
W_CITY = "w_city_name"


def _store_city() -> None:
    """on_change of the city's name: keep it with the other Settings edits, and note it."""
    before = _ui.city_setting()
    after = " ".join(str(st.session_state[W_CITY] or "").split())
    if after == before:
        return
    st.session_state[S.SETTINGS] = {**(st.session_state[S.SETTINGS] or {}), "city_name": after}
    _session.record_choice(f"City name: {before or '—'} → {after or '—'}")


def show_sidebar() -> None:
    """The city's name (editable), the dataset and its files (app.py adds the proposals note
    below them)."""
    files = list(_session.validated().files)
    with st.sidebar:
        st.caption("Working on")
        st.session_state[W_CITY] = _ui.city_setting()  # follows uploads, undo, scenarios
        st.text_input("City or county name", key=W_CITY, on_change=_store_city,
                      placeholder="Our City", max_chars=120, disabled=_access.read_only(),
                      help="Shown in every page title and on the council workbook "
                           "(Settings key city_name).")
        if st.session_state[S.SOURCE_IS_SAMPLE]:
            st.text(st.session_state[S.SOURCE_LABEL])
            st.caption("A fictional city. Import your own data to plan yours.")
        st.text(f"File: {', '.join(files)}" if files else "No file loaded yet")
