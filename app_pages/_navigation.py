"""The app's pages in the order of the user's workflow, grouped as the sidebar shows them.

Plain data, so that tests can visit every page without reading `app.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


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
    ),
}

PAGE_NAMES: tuple[str, ...] = tuple(p.name for pages in SECTIONS.values() for p in pages)


def navigation() -> dict[str, list[st.Page]]:
    """The sections of st.Page objects that st.navigation takes."""
    return {section: [st.Page(p.path, title=p.title, icon=p.icon, default=p.default)
                      for p in pages]
            for section, pages in SECTIONS.items()}
