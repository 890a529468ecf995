"""Civic Portfolio Planner: the Streamlit entry point (page config, state, navigation)."""

import streamlit as st

from app_pages._navigation import navigation
from app_pages._session import start_session

st.set_page_config(page_title="Civic Portfolio Planner", page_icon=":material/account_balance:",
                   layout="wide", initial_sidebar_state="expanded")
start_session()
st.navigation(navigation()).run()
