"""Civic Portfolio Planner: the Streamlit entry point (page config, state, navigation).

Every asset is served by the app itself: the favicon is a file shipped beside this one (a
Material icon or an emoji shortcode would make the browser fetch it from an outside host).
"""

from pathlib import Path

import streamlit as st

from app_pages._navigation import navigation, show_sidebar
from app_pages._session import start_session
from app_pages._signin import gate, show_account
from app_pages._turns import first_page, turn
from app_pages._ui import city, show_candidates_note

FAVICON = Path(__file__).parent / "static" / "favicon.svg"

st.set_page_config(page_title="Civic Portfolio Planner", page_icon=str(FAVICON),
                   layout="wide", initial_sidebar_state="expanded")
with turn(first=first_page()):  # pages run a few at a time, newcomers first (_turns.py)
    gate()  # with sign-in configured, only a signed-in person with a role goes further
    start_session()
    show_sidebar()  # what is being worked on, first under the page links
    with st.sidebar:
        show_candidates_note()
    page = st.navigation(navigation())
    show_account()  # who is signed in, their role and Sign out (when sign-in is configured)
    st.set_page_config(page_title=f"{page.title} · {city()}")  # the tab names the city
    page.run()
