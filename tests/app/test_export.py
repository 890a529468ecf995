"""Export page: the council workbook and the JSON plan are offered for download."""

from __future__ import annotations

from tests.app.helpers import no_errors


def test_the_workbook_and_json_are_ready_to_download(open_page) -> None:
    at = open_page("export")
    no_errors(at)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the council workbook (.xlsx)" in labels
    assert "Download the plan (JSON)" in labels
    assert any("projects funded" in t.value for t in at.text)
