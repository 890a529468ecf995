"""Small rendering helpers shared by the pages: safe text, errors, the sidebar status."""

from __future__ import annotations

import re

import streamlit as st

from app_pages import _estimates
from app_pages import _state as S

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: object) -> str:
    """User text made inert for Markdown: no links, images, HTML, LaTeX or colour directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def header(title: str, caption: str) -> None:
    """Page title, a one-line purpose, and the data source in the sidebar."""
    st.title(title)
    st.caption(caption)
    with st.sidebar:
        st.caption("Working on")
        st.text(st.session_state.get(S.SOURCE_LABEL) or "nothing loaded yet")
        if st.session_state.get(S.SOURCE_IS_SAMPLE):
            st.caption("A fictional city. Import your own data to plan yours.")
        show_candidates_note()


def show_candidates_note() -> None:
    """Say on every page when the project list could not be read, or when what is planned
    rests on the planner's proposals, and how many."""
    note = _estimates.candidates_note()
    if note is None:
        return
    kind, text = note
    if kind == "warning":
        st.warning(escape_md(text), icon=":material/warning:")
    else:
        st.info(escape_md(text), icon=":material/calculate:")


def error_text(message: str) -> None:
    """A message that may quote user text (a file or sheet name), shown as inert text."""
    st.error(escape_md(message), icon=":material/error:")
