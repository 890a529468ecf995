"""Every native chart of the council workbook carries its message as alt text."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from planner.export.chart_alt import describe_frames, with_chart_alt_text
from planner.export.layout import place_chart
from tests.factories import SAMPLE


def chart_frames(data: bytes) -> list[tuple[str, str | None]]:
    """(drawing part, descr or None) of every chart frame in a saved workbook."""
    frames = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                for tag in re.findall(r"<(?:\w+:)?cNvPr\b[^>]*>", xml):
                    if 'name="Chart ' in tag:
                        descr = re.search(r'descr="([^"]*)"', tag)
                        frames.append((name, descr.group(1) if descr else None))
    return frames


def test_each_chart_gets_its_own_alt_text_escaped() -> None:
    workbook = Workbook()
    ws = workbook.active
    for row in range(1, 5):
        ws.append([row, row * 2])
    for number, alt in enumerate(['Spend peaks in FY2028 & "stays" <within>', "Sec\x08ond"]):
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=4))
        place_chart(ws, chart, 6 + 20 * number, alt=alt, own_page_after=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    frames = chart_frames(with_chart_alt_text(buffer.getvalue(), workbook))
    assert [descr for _, descr in frames] == [
        "Spend peaks in FY2028 &amp; &quot;stays&quot; &lt;within&gt;", "Second"]


def test_a_frame_already_described_or_unknown_is_left_as_it_is() -> None:
    xml = (b'<a><xdr:cNvPr id="1" name="Chart 1" descr="kept"/>'
           b'<xdr:cNvPr id="2" name="Chart 2"/><xdr:cNvPr id="3" name="Chart 9"/></a>')
    assert describe_frames(xml, ["new", "two"]) == (
        b'<a><xdr:cNvPr id="1" name="Chart 1" descr="kept"/>'
        b'<xdr:cNvPr id="2" name="Chart 2" descr="two"/><xdr:cNvPr id="3" name="Chart 9"/></a>')


def test_every_chart_of_the_sample_citys_workbook_states_its_message() -> None:
    from planner.service import council_workbook, load_paths, plan_portfolio

    loaded = load_paths([SAMPLE])
    roadmap = plan_portfolio(loaded.portfolio, explain=False)
    frames = chart_frames(council_workbook(roadmap, loaded))
    assert len(frames) >= 3  # By Fiscal Year, Roadmap and the frontier on Robustness
    assert all(descr for _, descr in frames), frames
    assert any("FY" in descr for _, descr in frames)
