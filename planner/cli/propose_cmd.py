"""`planner propose FILE... [-o OUT.xlsx] [--format text|json]`: candidates from the inventory."""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook

from planner.assumptions import assumptions_frame
from planner.canonical import pairwise_frame, portfolio_frames
from planner.cli.inputs import add_input_arguments, load_inputs
from planner.cli.output import print_json, print_table
from planner.errors import InputError
from planner.propose import (
    Proposals,
    add_proposals,
    frame_with_estimates,
    propose_candidates,
    restore_estimates,
)

# Headers of the report sheet are chosen so the importer never mistakes it for Systems.
REPORT_HEADERS = {"system_id": "system", "name": "system name"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_767


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser(
        "propose", help="propose candidates from Systems and Processes, with editable estimates")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", metavar="OUT.xlsx",
                        help="write the portfolio with the proposals added, ready to edit")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--include-targeted", action="store_true",
                        help="also propose for systems and processes a candidate already targets")
    return parser


def _cell(value: Any) -> Any:
    """A value openpyxl can write safely: no NaN, no numpy types, no control characters."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, str):
        return _CONTROL.sub("", value)[:MAX_CELL]
    return value


def _write_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, index: bool = False) -> None:
    sheet = workbook.create_sheet(title)
    header = ([""] if index else []) + [str(c) for c in frame.columns]
    rows = [header]
    for label, record in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        rows.append(([label] if index else []) + list(record))
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=None)
            value = _cell(value)
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                # User text must never become a live formula in Excel.
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            else:
                cell.value = value


def proposals_workbook(portfolio_with_proposals: Any, proposals: Proposals) -> bytes:
    """The portfolio (proposals added) as canonical sheets the importer reads back, + report."""
    frames = portfolio_frames(portfolio_with_proposals)
    frames["Candidates"] = frame_with_estimates(portfolio_with_proposals.candidates.values())
    described = assumptions_frame(proposals.assumptions).set_index("key")["description"]
    settings = frames["Settings"]
    settings["description"] = settings["key"].map(described)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in ("Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings"):
        frame = frames[name]
        if not frame.empty or name == "Candidates":
            _write_sheet(workbook, name, frame)
    pairwise = pairwise_frame(portfolio_with_proposals)
    if pairwise is not None:
        _write_sheet(workbook, "Pairwise", pairwise, index=True)
    _write_sheet(workbook, "Dispositions", proposals.dispositions.rename(columns=REPORT_HEADERS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _money(value: Any) -> str:
    return "" if value is None else f"{value:,.0f}"


def print_text(proposals: Proposals) -> None:
    """A readable summary: the candidates, why, and what was retained."""
    cands = proposals.candidates
    mandatory = sum(c.mandatory for c in cands)
    print(f"{len(cands)} candidates proposed ({mandatory} mandatory); end of support judged "
          f"against FY{proposals.reference_year}. Every value below is an estimate.")
    table = pd.DataFrame([{
        "id": c.candidate_id, "targets": ", ".join(c.targets),
        "approach": c.approach.value if c.approach else "",
        "mandatory": "yes" if c.mandatory else "", "either/or": c.alternative_group or "",
        "one_time_cost": _money(c.one_time_cost), "months": c.duration_months,
        "operating/yr": _money(c.annual_operating_cost), "savings/yr": _money(c.annual_savings),
    } for c in cands])
    print_table(table)
    print("\nWhy:")
    seen: set[str] = set()
    for c in cands:
        target = ", ".join(c.targets)
        if target not in seen:
            seen.add(target)
            print(f"  {target}: {proposals.reasons.get(c.candidate_id, '')}")
    print("\nRetained (no candidate proposed):")
    for row in proposals.retained.itertuples(index=False):
        print(f"  {row.system_id} {row.name}: {row.reason}")
    if proposals.retained.empty:
        print("  (none)")
    changed = proposals.assumptions.changed()
    print()
    print("Assumptions: " + (", ".join(f"{k}={v}" for k, v in changed.items()) if changed
                             else "all defaults") + " (see the Settings sheet with -o)")
    for issue in proposals.issues:
        print(f"note: {issue.message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Propose, print, and optionally write the workbook."""
    result = load_inputs(args)
    if result.log.has_errors:
        print("note: the input has errors; rows with errors were left out (see planner "
              "validate).", file=sys.stderr)
    portfolio = restore_estimates(result.portfolio)
    if not portfolio.systems and not portfolio.processes:
        raise InputError("Nothing to propose from: the files have no Systems or Processes rows.")
    proposals = propose_candidates(portfolio, only_untargeted=not args.include_targeted)
    if args.output:
        # Written before printing, so a closed pipe on stdout cannot lose the workbook.
        Path(args.output).write_bytes(
            proposals_workbook(add_proposals(portfolio, proposals), proposals))
        print(f"Wrote {args.output}", file=sys.stderr)
    if args.format == "json":
        print_json(proposals.as_dict())
    else:
        print_text(proposals)
    return 0
