"""The council brief as a tagged PDF/UA-1 file, laid out by Typst from one JSON document.

The data travels to the template as JSON in `sys.inputs`, so no user text is ever read as
Typst markup. When the long lists would push the brief past four pages, they are shortened
(the council workbook keeps them in full) and the brief is laid out again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from planner.brief.content import Limits
from planner.brief.document import build_document
from planner.core.models import Portfolio
from planner.core.plans import PlanResult
from planner.errors import InfeasiblePlanError
from planner.export.chart_specs import (
    chart_funds,
    clean_strings,
    spend_and_caps,
    spend_vs_caps,
    to_png,
)

MAX_PAGES = 4
GLYPH_TRIES = 12  # layouts tried while replacing characters no font can show
UNDISPLAYABLE = re.compile(r'the text `"(.*?)"` could not be displayed')
TEMPLATE = "brief.typ"
# Each try shows fewer rows of the long lists, until the brief fits in MAX_PAGES pages.
SHORTER = (Limits(), Limits(unfunded=24, retired=16), Limits(unfunded=16, retired=12),
           Limits(unfunded=10, retired=8), Limits(unfunded=6, retired=5))


@dataclass(frozen=True)
class Brief:
    """A written brief: the PDF, its pages, and what it shows."""

    pdf: bytes
    pages: int
    document: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """What was written, for `planner brief --format json`."""
        doc = self.document
        return {"pages": self.pages, "bytes": len(self.pdf), "title": doc["title"],
                "city": doc["city"], "scenario": doc["scenario"],
                "summary": doc["summary"], "standard": "PDF/UA-1", "language": "en",
                "unfunded_listed": len(doc["unfunded"]["rows"]),
                "unfunded": doc["unfunded"]["count"]}


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, counted from its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def compile_brief(document: dict[str, Any], roadmap_png: bytes) -> bytes:
    """Lay the document out with the template, as PDF/UA-1 bytes.

    PDF/UA refuses a character no font can show (a name in a script the fonts lack, an
    emoji): each one Typst names is replaced by a question mark and the brief is laid out
    again, up to `GLYPH_TRIES` times, after which only Latin text is kept.
    """
    import typst

    document = clean_strings(document)
    for _ in range(GLYPH_TRIES):
        try:
            return _typeset(document, roadmap_png)
        except typst.TypstError as exc:
            missing = undisplayable(str(exc))
            if not missing:
                raise
            document = replaced(document, missing)
    return _typeset(replaced(document, None), roadmap_png)


def undisplayable(message: str) -> set[str]:
    """The characters a Typst error says no font could display."""
    found: set[str] = set()
    for text in UNDISPLAYABLE.findall(message):
        text = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), text)
        found.update(ch for ch in text if ord(ch) > 0x7F)  # every font shows ASCII
    return found


def replaced(value: Any, missing: set[str] | None) -> Any:
    """The document with the missing characters as '?' (None: every character outside
    Latin text and common punctuation)."""
    if isinstance(value, str):
        if missing is None:
            return "".join(ch if ord(ch) < 0x250 or 0x2000 <= ord(ch) < 0x2070 else "?"
                           for ch in value)
        return "".join("?" if ch in missing else ch for ch in value)
    if isinstance(value, dict):
        return {k: replaced(v, missing) for k, v in value.items()}
    if isinstance(value, list):
        return [replaced(v, missing) for v in value]
    return value


def _typeset(document: dict[str, Any], roadmap_png: bytes) -> bytes:
    import typst

    template = files("planner.brief").joinpath(TEMPLATE).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="brief-") as folder:
        root = Path(folder)
        (root / TEMPLATE).write_text(template, encoding="utf-8")
        (root / "roadmap.png").write_bytes(roadmap_png)
        return typst.compile(str(root / TEMPLATE), root=str(root),
                             sys_inputs={"brief": json.dumps(document, ensure_ascii=False)},
                             pdf_standards=["ua-1"])


def roadmap_chart(portfolio: Portfolio, result: PlanResult) -> bytes:
    """The roadmap by year and fund, from the chart specification the app draws."""
    spend, caps = spend_and_caps(portfolio, result.optimized)
    chart = spend_vs_caps(spend, caps, chart_funds(portfolio, result.optimized))
    return to_png(chart.properties(height=190), width=620, scale=2.5)


def council_brief(portfolio: Portfolio, result: PlanResult, scores: Any, *,
                  scenario: str | None = None, prepared: dt.date | None = None) -> Brief:
    """The council brief of a plan: two to four pages, tagged PDF/UA-1.

    Raises InfeasiblePlanError when no plan satisfies the rules (there is nothing to brief).
    """
    plan = result.optimized
    if plan.is_infeasible:
        raise InfeasiblePlanError(plan.message, list(plan.reasons))
    chart = roadmap_chart(portfolio, result)
    for limits in SHORTER:
        document = build_document(portfolio, result, scores, scenario=scenario,
                                  prepared=prepared, limits=limits)
        pdf = compile_brief(document, chart)
        pages = page_count(pdf)
        if pages <= MAX_PAGES:
            break
    return Brief(pdf=pdf, pages=pages, document=document)
