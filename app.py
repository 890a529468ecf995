"""Civic Portfolio Planner: the Streamlit entry point (page config, state, navigation)."""

import streamlit as st

from app_pages._state import init_session_state

st.set_page_config(page_title="Civic Portfolio Planner", page_icon=":material/account_balance:",
                   layout="wide", initial_sidebar_state="expanded")
init_session_state()

pages = {
    "Your data": [
        st.Page("app_pages/data_import.py", title="Import", icon=":material/upload_file:"),
        st.Page("app_pages/inventory.py", title="Inventory", icon=":material/inventory_2:"),
    ],
    "Decide": [
        st.Page("app_pages/weights.py", title="Criteria & weights", icon=":material/tune:"),
        st.Page("app_pages/rankings.py", title="Rankings", icon=":material/leaderboard:"),
        st.Page("app_pages/budget.py", title="Budget & constraints",
                icon=":material/account_balance_wallet:"),
    ],
    "Plan": [
        st.Page("app_pages/roadmap.py", title="Roadmap", icon=":material/view_timeline:",
                default=True),
        st.Page("app_pages/robustness.py", title="Robustness", icon=":material/shuffle:"),
        st.Page("app_pages/scenarios.py", title="Scenarios", icon=":material/compare_arrows:"),
        st.Page("app_pages/export.py", title="Export", icon=":material/download:"),
    ],
}
st.navigation(pages).run()
