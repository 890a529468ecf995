"""Export: the council workbook, the council brief (PDF) and the plan as JSON."""

import streamlit as st

from app_pages import _exports, _library, _planning, _session, _ui
from planner import PlannerError, file_stem, plan_headlines, words

W_SCENARIO, W_FRONTIER = "w_export_scenario", "w_export_frontier"
W_WORKBOOK, W_JSON, W_BRIEF = "w_download_workbook", "w_download_json", "w_download_brief"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_ui.header("Export", "A workbook for the council packet: summary, roadmap, spend by year, "
           "reasons, scores and a decision record that reproduces the plan when re-imported.")
try:
    portfolio = _session.portfolio()
    plan = _planning.plan(precise=True).optimized
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()

_library.show_plan_of_record()
left, right = st.columns([2, 1], vertical_alignment="bottom")
scenario = left.text_input("Scenario name on the cover", portfolio.settings.scenario_name,
                           max_chars=80, key=W_SCENARIO)
with_frontier = right.toggle("Include the efficient frontier (about 10 s more)",
                             key=W_FRONTIER)

if plan.is_infeasible:
    st.warning("The plan is infeasible: the workbook records the reasons instead of a "
               "roadmap.", icon=":material/warning:")
else:
    figures = plan_headlines(portfolio, plan, _planning.plan(precise=True).values)
    st.text(f"{figures['funded']:.0f} projects funded for {words.money(figures['spend'])}. "
            f"{words.status_words(plan, sentence=True)}")

try:
    with st.status("Preparing the council workbook...", expanded=False) as status:
        data = _exports.council_workbook(scenario, with_frontier=with_frontier,
                                         step=lambda text: status.update(label=f"{text}..."))
        brief, pages = None, 0
        if not plan.is_infeasible:  # an infeasible plan has reasons, and no brief
            status.update(label="Laying out the council brief...")
            brief, pages = _exports.brief_pdf(scenario, with_frontier=with_frontier)
        status.update(label="The council workbook and brief are ready", state="complete")
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()

stem = file_stem(portfolio.settings.city_name, scenario)
left, middle, right = st.columns(3)
left.download_button("Download the council workbook (.xlsx)", data, file_name=f"{stem}.xlsx",
                     mime=XLSX, type="primary", icon=":material/download:", key=W_WORKBOOK)
if brief is not None:
    middle.download_button(f"Download the council brief (PDF, {pages} pages)", brief,
                           file_name=f"{stem}_brief.pdf", mime="application/pdf",
                           icon=":material/picture_as_pdf:", key=W_BRIEF)
right.download_button("Download the plan (JSON)", _exports.plan_json(scenario),
                      file_name=f"{stem}.json", mime="application/json",
                      icon=":material/data_object:", key=W_JSON)
st.caption("The workbook carries your inputs, the weights and the settings used, so anyone "
           "can re-import it on the Import page and get the same plan. The brief tells the "
           "same plan in two to four pages, as an accessible (tagged PDF/UA) document for the "
           "council packet.")
