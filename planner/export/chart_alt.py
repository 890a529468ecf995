"""Alt text on the workbook's native charts.

openpyxl writes each chart's drawing frame itself, with no description, so a screen reader
meets "Chart 1". A chart placed with `place_chart(..., alt=...)` carries its message; after
the workbook is saved, `with_chart_alt_text` writes it into the frame's `descr`, which Excel
shows as the chart's Alt Text and screen readers read.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import Any

from planner.export.safe_cells import clean_text

ALT_ATTRIBUTE = "planner_alt_text"  # set on an openpyxl chart by layout.place_chart
_CHART_FRAME = re.compile(rb'(<(?:\w+:)?cNvPr\b[^>]*?\bname="Chart (\d+)")([^>]*>)')


def chart_alt_texts(workbook: Any) -> dict[str, list[str]]:
    """{drawing part: the alt text of each of its charts, in order}, for a saved workbook
    (openpyxl names a drawing's chart frames 'Chart 1', 'Chart 2', ... in that order)."""
    found: dict[str, list[str]] = {}
    for ws in workbook.worksheets:
        drawing = getattr(ws, "_drawing", None)
        texts = [getattr(chart, ALT_ATTRIBUTE, "") for chart in ws._charts]
        if drawing is not None and any(texts):
            found[drawing.path.lstrip("/")] = texts
    return found


def with_chart_alt_text(data: bytes, workbook: Any) -> bytes:
    """The saved workbook `data` with each chart's alt text in its drawing frame."""
    texts = chart_alt_texts(workbook)
    if not texts:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename in texts:
                body = describe_frames(body, texts[info.filename])
            target.writestr(info, body)
    return out.getvalue()


def describe_frames(xml: bytes, texts: list[str]) -> bytes:
    """A drawing part with `descr` on the frame of chart i (1-based name) from texts[i-1]."""

    def describe(frame: re.Match[bytes]) -> bytes:
        index = int(frame.group(2)) - 1
        if not 0 <= index < len(texts) or not texts[index] or b" descr=" in frame.group(0):
            return frame.group(0)
        alt = html.escape(clean_text(texts[index])).encode()
        return frame.group(1) + b' descr="' + alt + b'"' + frame.group(3)

    return _CHART_FRAME.sub(describe, xml)
