"""Small rendering helpers shared by the pages: safe text, errors, the proposals note."""

from __future__ import annotations

import re

import streamlit as st

from app_pages import _estimates, _session
from app_pages import _state as S

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: object) -> str:
    """User text made inert for Markdown: no links, images, HTML, LaTeX or colour directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def header(title: str, caption: str) -> None:
    """Page title with the city's name, and a one-line purpose (app.py draws the sidebar)."""
    st.title(f"{title} · {escape_md(city())}")
    st.caption(caption)


def city_setting() -> str:
    """The city's name as entered: the app's edit (sidebar), else the file's Settings."""
    edited = st.session_state[S.SETTINGS] or {}
    if "city_name" in edited:
        return str(edited["city_name"] or "")
    return str(_session.validated().portfolio.settings.city_name or "")


def city() -> str:
    """The city's name for titles ('Our City' only when neither gives one)."""
    settings = _session.validated().portfolio.settings
    return settings.model_copy(update={"city_name": city_setting()}).city


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
