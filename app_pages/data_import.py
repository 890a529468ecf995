"""Import: load a workbook, CSVs or the sample city, confirm the mapping, fix what is wrong."""

import streamlit as st

from app_pages import _access, _cached, _editing, _proposals, _session, _ui
from app_pages import _state as S
from planner import all_issues, sheets_frame, unclear_scale_note, unclear_scales

W_UPLOAD = "w_upload"
W_SEVERITY = "w_issue_severity"


def show_sources() -> None:
    """Upload files, reopen the sample city, or download the blank template."""
    upload, side = st.columns([3, 2], gap="large")
    files = upload.file_uploader(
        "Upload one workbook (.xlsx) or several CSV files (one per table, or a .zip of them)",
        type=["xlsx", "xlsm", "xls", "csv", "txt", "tsv", "zip"], accept_multiple_files=True,
        key=W_UPLOAD, help=f"Up to {_session.MAX_UPLOAD_MB} MB per file.",
        disabled=_access.read_only())
    if files:
        signature = tuple(f.file_id for f in files)
        if signature != st.session_state[S.LOADED_UPLOAD]:
            st.session_state[S.LOADED_UPLOAD] = signature
            too_big = [f.name for f in files if f.size > _session.MAX_UPLOAD_BYTES]
            if too_big:
                _session.reject_oversize(too_big)
            else:
                with st.spinner("Reading and checking your files..."):
                    opened = _session.open_files([(f.name, f.getvalue()) for f in files])
                if opened:
                    st.rerun()  # the sidebar, drawn above, then speaks of the new files
    with side:
        st.write("No file at hand?")
        if st.button("Open the sample city", icon=":material/location_city:",
                     key="w_open_sample"):
            _session.open_sample()
            st.rerun()
        st.download_button("Download the blank template", _cached.blank_template(),
                           file_name="portfolio_template.xlsx", icon=":material/download:",
                           key="w_template",
                           mime="application/vnd.openxmlformats-officedocument"
                                ".spreadsheetml.sheet")
    if st.session_state[S.LOAD_ERROR]:
        _ui.error_text(st.session_state[S.LOAD_ERROR])
        st.caption("Nothing was changed: you are still working on the data shown below.")


def show_summary(validated, workspace) -> None:
    """Counts of what was imported and the sheets that were recognized."""
    portfolio = validated.portfolio
    issues = validated.issues
    cols = st.columns(6)
    cols[0].metric("Systems", len(portfolio.systems))
    cols[1].metric("Paper processes", len(portfolio.processes))
    cols[2].metric("Candidates", len(portfolio.candidates))
    cols[3].metric("Budget lines", len(portfolio.budget))
    cols[4].metric("Errors", int((issues["severity"] == "error").sum()))
    cols[5].metric("Warnings", int((issues["severity"] == "warning").sum()))
    st.dataframe(sheets_frame(workspace, validated), hide_index=True, width="stretch")


def show_issues(issues) -> None:
    """Every problem with its spreadsheet row number, filterable by severity."""
    chosen = st.segmented_control(
        "Show", ["error", "warning", "info"], selection_mode="multi",
        default=["error", "warning"], key=W_SEVERITY)
    shown = issues[issues["severity"].isin(chosen or [])].copy()
    shown["value"] = shown["value"].map(lambda v: "" if v is None else str(v))
    if shown.empty:
        st.success("Nothing to fix here." if not issues.empty else "No problems found.",
                   icon=":material/check_circle:")
        return
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "row": st.column_config.NumberColumn("row", format="%d"),
        "message": st.column_config.TextColumn("message", width="large")})


_ui.header("Import", "Bring in the inventory you already keep: systems, paper processes, "
           "candidate projects and budgets.")
show_sources()
ws = _session.workspace()
validated = _session.validated()
issues = all_issues(ws, validated)

st.subheader("What was imported")
show_summary(validated, ws)
if not ws.frames:
    st.info("No table was recognized. Download the blank template to see the sheets and "
            "columns the planner reads.", icon=":material/info:")
    st.stop()

unclear = unclear_scales(ws, validated)
for unclear_sheet, unclear_header in unclear:
    st.warning(_ui.escape_md(unclear_scale_note(ws, unclear_sheet, unclear_header)),
               icon=":material/swap_vert:")
with st.expander("Column mapping: check how your columns were read", expanded=bool(unclear)):
    names = list(ws.frames)
    sheet = st.selectbox("Table", names, key=_editing.W_MAPPING_SHEET,
                         index=names.index(unclear[0][0]) if unclear else 0)
    _editing.show_mapping_editor(sheet)
    _editing.show_profile_controls()

st.subheader("Problems found")
show_issues(issues)

st.subheader("Fix values here")
tables = list(ws.frames)
flagged = [t for t in tables if ws.sheets[t].title in
           set(issues.loc[issues["severity"] == "error", "sheet"])]
left, right = st.columns([2, 3])
table = left.selectbox("Table", tables, index=tables.index(flagged[0]) if flagged else 0,
                       key=_editing.W_TABLE)
right.toggle("Only rows with problems", key=_editing.W_ONLY_ISSUES)
_editing.show_table_editor(table, issues)

_proposals.show_proposals()
