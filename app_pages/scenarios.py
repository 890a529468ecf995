"""Scenarios: save everything that shapes the plan by name, compare them, restore one, adopt
one as the plan of record."""

import streamlit as st

from app_pages import _access, _library, _store, _ui
from app_pages._scenarios import (
    W_COMPARE,
    W_LOAD,
    W_LOAD_BUTTON,
    W_NOTE,
    act,
    adopt_chosen,
    load_chosen,
    saved_records,
    show_comparison,
    show_save,
    show_workspace,
)

_ui.header("Scenarios", "Save what you see under a name (tables, budget, weights, decisions "
           "and pinned starts), then put two or three side by side for the council.")
if _store.unavailable():
    st.warning(_store.unavailable(), icon=":material/cloud_off:")
else:
    show_workspace()
show_save()
saved = saved_records()
if not saved:
    st.info("No scenario saved yet. Save the current one, change the weights or the budget, "
            "and save again to compare.", icon=":material/info:")
    st.stop()

st.subheader("Compare")
names = list(saved)
st.session_state[W_COMPARE] = [n for n in st.session_state.get(W_COMPARE, names[-3:])
                               if n in names][-3:]
chosen = st.multiselect("Scenarios to compare (two or three)", names, max_selections=3,
                        key=W_COMPARE)
if len(chosen) >= 2:
    show_comparison([saved[n] for n in chosen])
else:
    st.caption("Choose at least two scenarios.")

st.subheader("Go back to a scenario")
left, right = st.columns([3, 1], vertical_alignment="bottom")
left.selectbox("Scenario", names, key=W_LOAD)
right.button("Restore it", key=W_LOAD_BUTTON, icon=":material/restore:", on_click=load_chosen,
             disabled=_access.read_only(),
             help="Brings back its tables, budget, weights and decisions; Undo takes it back.")
if _store.store() is not None:
    note, adopt, delete = st.columns([3, 1, 1], vertical_alignment="bottom")
    note.text_input("Note for the plan of record", key=W_NOTE, max_chars=300,
                    placeholder="Council vote, 12 January")
    adopt.button("Adopt as plan of record", key="w_scenario_adopt", icon=":material/gavel:",
                 disabled=not _access.can_adopt(), on_click=act,
                 args=(adopt_chosen, "adopted as the plan of record"))
    delete.button("Delete it", key="w_scenario_delete", icon=":material/delete:",
                  disabled=_access.read_only(), on_click=act, args=(_library.delete, "deleted"))
