"""Inventory: the systems, paper processes and candidates at a glance."""

import streamlit as st

from app_pages import _charts, _session, _ui
from planner import (
    candidates_frame,
    processes_view,
    quadrant_points,
    read_assumptions,
    risk_by_department,
    systems_view,
    words,
)

HIGH_RISK = 60.0


def show_headlines(systems, processes, portfolio) -> None:
    """The few numbers a CIO quotes about the estate."""
    cols = st.columns(5)
    cols[0].metric("Systems", len(systems))
    cols[1].metric("At high legacy risk", int((systems["legacy_risk"] >= HIGH_RISK).sum()),
                   help=f"Legacy risk index of {HIGH_RISK:.0f} or more (0-100, GAO-style).")
    cols[2].metric("Annual O&M", words.money(float(systems["annual_om_cost"].sum())))
    cols[3].metric("Paper processes", len(processes))
    cols[4].metric("Staff hours on paper a year", f"{processes['staff_hours'].sum():,.0f}")


def show_systems(systems, portfolio) -> None:
    """Legacy risk by department and the TIME quadrant."""
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Legacy risk by department")
        st.caption("Bars: average risk. Ticks: each system (hover for its name).")
        st.altair_chart(_charts.risk_by_department(risk_by_department(systems), systems),
                        width="stretch")
    with right:
        st.subheader("Where each system stands (TIME)")
        assumptions, _ = read_assumptions(portfolio.settings)
        st.caption("Technical condition against functional fit. Bubble size: annual O&M. "
                   "Eliminate and migrate are where modernization pays.")
        st.altair_chart(_charts.time_quadrant(quadrant_points(systems),
                                              assumptions.high_rating - 0.5), width="stretch")
        unrated = int((~systems["rated"]).sum())
        if unrated:
            st.caption(f"{unrated} systems lack a technical or fit rating; they are shown at "
                       f"the neutral rating {assumptions.default_rating}.")


_ui.header("Inventory", "The estate at a glance: which systems are risky, which fit poorly, "
           "and where paper eats staff time.")
portfolio = _session.portfolio()
systems = systems_view(portfolio)
processes = processes_view(portfolio)
if systems.empty and processes.empty:
    st.info("No Systems or Processes sheet was imported. They feed legacy risk, resident "
            "impact and staff hours; add them on the Import page.", icon=":material/info:")
    st.stop()

show_headlines(systems, processes, portfolio)
if not systems.empty:
    show_systems(systems, portfolio)
if not processes.empty:
    st.subheader("Paper processes by staff hours consumed")
    st.altair_chart(_charts.processes_by_hours(processes), width="stretch")

st.subheader("The tables")
tabs = st.tabs(["Systems", "Paper processes", "Candidates"])
with tabs[0]:
    st.dataframe(systems.drop(columns=["rated"]), hide_index=True, width="stretch",
                 column_config={"legacy_risk": st.column_config.ProgressColumn(
                     "legacy risk", min_value=0, max_value=100, format="%.0f"),
                     "annual_om_cost": st.column_config.NumberColumn(format="dollar")})
with tabs[1]:
    st.dataframe(processes, hide_index=True, width="stretch", column_config={
        "staff_hours": st.column_config.NumberColumn("staff hours", format="%,.0f"),
        "annual_paper_cost": st.column_config.NumberColumn(format="dollar")})
with tabs[2]:
    st.dataframe(candidates_frame(portfolio), hide_index=True, width="stretch")
