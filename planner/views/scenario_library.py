"""The store's scenarios as the Scenarios, Roadmap and Export pages show them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from planner.core.words import fy, money

EMPTY_HEADLINES = {"funded": 0.0, "value_share": 0.0, "spend": 0.0, "budget_share": 0.0,
                   "risk_share": 0.0, "hours_freed": 0.0, "net_savings": 0.0}


def workspace_name(city: str, fiscal_years: Iterable[int]) -> str:
    """A workspace's default name: the city and the budget cycle's first fiscal year."""
    years = sorted(fiscal_years)
    return " ".join(p for p in ((city or "").strip() or "Our City",
                                fy(years[0]) if years else "") if p)[:200]


def scenario_label(scenario: Any) -> str:
    """A stored scenario version as lists name it: "Base (version 2)"."""
    return f"{scenario.name} (version {scenario.version})"


def stored_record(scenario: Any) -> dict[str, Any]:
    """A stored scenario as the comparison reads it (a script's summary has fewer figures)."""
    summary: Mapping[str, Any] = scenario.summary or {}
    headlines = summary.get("headlines") or {
        **EMPTY_HEADLINES, "funded": float(summary.get("funded_count") or 0),
        "spend": float(summary.get("total_cost") or 0.0)}
    return {"name": scenario_label(scenario),
            "choices": summary.get("choices") or scenario.choices,
            "funded": sorted(summary.get("funded") or []),
            "status": summary.get("status", ""), "headlines": headlines,
            "spend_by_year": summary.get("spend_by_year") or {},
            "names": summary.get("names") or {}, "starts": summary.get("starts") or {},
            "weights_used": summary.get("weights_used") or scenario.choices.get("weights")
            or {}}


def scenarios_frame(scenarios: Iterable[Any]) -> pd.DataFrame:
    """One row per stored scenario: its version, who saved it and when, its plan."""
    rows = [{"scenario": s.name, "version": s.version, "saved by": s.saved_by,
             "saved at (UTC)": s.saved_at.strftime("%Y-%m-%d %H:%M"),
             "projects funded": (s.summary or {}).get("funded_count"),
             "capital": money(float((s.summary or {}).get("total_cost") or 0.0)),
             "status": (s.summary or {}).get("status", ""),
             "plan of record": "yes" if s.plan_of_record else ""} for s in scenarios]
    return pd.DataFrame(rows, columns=["scenario", "version", "saved by", "saved at (UTC)",
                                       "projects funded", "capital", "status",
                                       "plan of record"])


def plan_of_record_words(record: Any, on_screen_differs: bool | None) -> list[str]:
    """What the Roadmap and Export pages say of the plan of record."""
    if record is None:
        return ["No scenario has been adopted as the plan of record of this workspace yet."]
    lines = [f"Plan of record: '{record.scenario}', version {record.version}, adopted by "
             f"{record.adopted_by} on {record.adopted_at.strftime('%Y-%m-%d %H:%M')} UTC."]
    if record.note:
        lines.append(f"Note: {record.note}")
    if on_screen_differs is True:
        lines.append("What is on screen differs from the plan of record (other files or "
                     "other choices).")
    elif on_screen_differs is False:
        lines.append("What is on screen is the plan of record.")
    return lines

