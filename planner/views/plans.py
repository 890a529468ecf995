"""Pure helpers behind the roadmap, scenarios and export views (no Streamlit here)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

# The headline figures are defined with the council brief, which reads them too.
from planner.brief.figures import plan_headlines
from planner.core.models import Portfolio
from planner.core.plans import Plan, PlanResult
from planner.core.reasons import reasons_words
from planner.core.words import fy, fy_span, money, share
from planner.export.chart_specs import spend_and_caps as spend_and_caps
from planner.views.inputs import candidate_name as _name
from planner.views.inputs import choices_key

# --- roadmap --------------------------------------------------------------------------------
PLAN_LABELS = {"optimized": "Optimized", "rank_and_cut": "Rank and cut",
               "greedy": "Value-per-dollar greedy"}


def gantt_frame(portfolio: Portfolio, plan: Plan) -> pd.DataFrame:
    """One bar per funded candidate: start and end fiscal year, main fund, cost, value."""
    rows = []
    for item in plan.funded:
        by_fund: dict[str, float] = {}
        for amounts in item.spend.values():
            for fund, amount in amounts.items():
                by_fund[fund] = by_fund.get(fund, 0.0) + amount
        main = max(by_fund, key=by_fund.get) if by_fund else ""
        cand = portfolio.candidates.get(item.candidate_id)
        rows.append({"candidate_id": item.candidate_id,
                     "name": _name(portfolio, item.candidate_id),
                     "start": item.start_year, "end": item.end_year + 1,
                     "years": fy_span(item.start_year, item.end_year),
                     "main_fund": main, "cost": item.total_cost, "value": item.value,
                     "approach": cand.approach.value if cand and cand.approach else "",
                     "mandatory": bool(cand and cand.mandatory)})
    columns = ["candidate_id", "name", "start", "end", "years", "main_fund", "cost", "value",
               "approach", "mandatory"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "end", "candidate_id"])


def compare_plans(portfolio: Portfolio, result: PlanResult) -> pd.DataFrame:
    """The optimized plan beside both baselines: value, projects, spend, gain, differences."""
    best = result.optimized
    rows = []
    for name, plan in result.plans.items():
        if plan.is_infeasible:
            rows.append({"plan": PLAN_LABELS.get(name, name), "value": None, "projects": None,
                         "spend": None, "value vs optimized": None, "only in this plan": "",
                         "status": plan.status.value})
            continue
        mine, theirs = set(plan.funded_ids), set(best.funded_ids)
        rows.append({
            "plan": PLAN_LABELS.get(name, name), "value": plan.objective,
            "projects": len(mine), "spend": sum(i.total_cost for i in plan.funded),
            "value vs optimized": plan.objective - best.objective if name != "optimized"
            else 0.0,
            "only in this plan": ", ".join(sorted(mine - theirs)) if name != "optimized"
            else "",
            "status": plan.status.value})
    return pd.DataFrame(rows)


def plan_differences(result: PlanResult, baseline: str) -> pd.DataFrame:
    """Candidates funded by one plan and not the other, with their value."""
    base = result.baselines.get(baseline)
    if base is None:
        return pd.DataFrame(columns=["candidate_id", "funded by", "value"])
    mine, theirs = set(result.optimized.funded_ids), set(base.funded_ids)
    rows = [{"candidate_id": c, "funded by": "optimized only", "value": result.values.get(c, 0)}
            for c in sorted(mine - theirs)]
    rows += [{"candidate_id": c, "funded by": f"{PLAN_LABELS[baseline].lower()} only",
              "value": result.values.get(c, 0)} for c in sorted(theirs - mine)]
    return pd.DataFrame(rows, columns=["candidate_id", "funded by", "value"])


def unfunded_frame(portfolio: Portfolio, plan: Plan, values: Mapping[str, float]
                   ) -> pd.DataFrame:
    """Unfunded candidates, most valuable first, with reasons and what it would take."""
    rows = [{"candidate_id": u.candidate_id, "name": _name(portfolio, u.candidate_id),
             "value": float(values.get(u.candidate_id, 0.0)),
             "cost": portfolio.candidates[u.candidate_id].one_time_cost
             if u.candidate_id in portfolio.candidates else None,
             "held back by": reasons_words(u.codes),
             "why not funded": "; ".join(u.reasons),
             "what it would take": u.what_it_would_take or "",
             "value needed": u.value_needed}
            for u in plan.unfunded]
    columns = ["candidate_id", "name", "value", "cost", "held back by", "why not funded",
               "what it would take", "value needed"]
    return pd.DataFrame(rows, columns=columns).sort_values("value", ascending=False,
                                                           ignore_index=True)


# --- scenarios ------------------------------------------------------------------------------
def scenario_record(name: str, choices: Mapping[str, Any], portfolio: Portfolio,
                    result: PlanResult, weights_used: Mapping[str, float] | None = None
                    ) -> dict[str, Any]:
    """A saved scenario: the choices that define it, the weights in use, and its plan."""
    plan = result.optimized
    spend = plan.spend_frame()
    by_year = spend.groupby("fiscal_year")["amount"].sum() if not spend.empty else pd.Series()
    return {"name": name, "choices": json.loads(choices_key(**choices)),
            "funded": sorted(plan.funded_ids), "status": plan.status.value,
            "headlines": plan_headlines(portfolio, plan, result.values),
            "spend_by_year": {str(int(y)): float(v) for y, v in by_year.items()},
            "names": {c: _name(portfolio, c) for c in plan.funded_ids},
            "starts": {item.candidate_id: item.start_year for item in plan.funded},
            "weights_used": dict(weights_used or {})}


def scenario_summary(records: list[Mapping[str, Any]]) -> pd.DataFrame:
    """One column per scenario: the headline figures side by side."""
    rows = {
        "Projects funded": lambda h: f"{h['funded']:.0f}",
        "Value captured": lambda h: share(h["value_share"]),
        "Capital spent": lambda h: money(h["spend"]),
        "Budget used": lambda h: share(h["budget_share"]),
        "Legacy risk retired": lambda h: share(h["risk_share"]),
        "Staff hours freed a year": lambda h: f"{h['hours_freed']:,.0f}",
        "Net savings a year": lambda h: money(h["net_savings"]),
    }
    return pd.DataFrame({r["name"]: [fmt(r["headlines"]) for fmt in rows.values()]
                         for r in records}, index=pd.Index(list(rows), name="figure"))


def scenario_spend(records: list[Mapping[str, Any]]) -> pd.DataFrame:
    """Spend per fiscal year per scenario, long form for a grouped bar chart."""
    rows = [{"scenario": r["name"], "fiscal_year": fy(int(y)), "amount": v}
            for r in records for y, v in sorted(r["spend_by_year"].items())]
    return pd.DataFrame(rows, columns=["scenario", "fiscal_year", "amount"])


def scenario_funding(records: list[Mapping[str, Any]]) -> pd.DataFrame:
    """Candidates funded in some but not all scenarios: which scenario funds each."""
    sets = [set(r["funded"]) for r in records]
    differing = sorted(set().union(*sets) - set.intersection(*sets)) if sets else []
    names: dict[str, str] = {}
    for r in records:
        names.update(r.get("names", {}))
    frame = pd.DataFrame({"candidate_id": differing,
                          "name": [names.get(c, c) for c in differing]})
    for r, funded in zip(records, sets, strict=True):
        frame[r["name"]] = ["funded" if c in funded else "-" for c in differing]
    return frame


def scenario_changes(records: list[Mapping[str, Any]]) -> list[str]:
    """What differs between the scenarios' choices, in plain sentences."""
    if len(records) < 2:
        return []
    first, lines = records[0], []
    for other in records[1:]:
        a, b = dict(first["choices"]), dict(other["choices"])
        if first.get("weights_used") and other.get("weights_used"):
            a["weights"], b["weights"] = first["weights_used"], other["weights_used"]
        label = f"{other['name']} vs {first['name']}:"
        for key in sorted(set(a) | set(b)):
            if a.get(key) == b.get(key):
                continue
            lines.append(f"{label} {_describe_change(key, a.get(key), b.get(key))}")
    return lines


def _describe_change(key: str, before: Any, after: Any) -> str:
    if key == "weights":
        before, after = before or {}, after or {}
        parts = []
        total_a = sum(before.values()) or 1.0
        total_b = sum(after.values()) or 1.0
        for name in sorted(set(before) | set(after)):
            wa = 100 * before.get(name, 0) / total_a if before else None
            wb = 100 * after.get(name, 0) / total_b if after else None
            if wa is None or wb is None or abs(wa - wb) >= 0.5:
                parts.append(f"{name} {_pct(wa)} -> {_pct(wb)}")
        return "weights " + ("; ".join(parts) if parts else "rescaled")
    if key == "budget":
        return "budget caps edited" if after else "budget back to the imported caps"
    if key == "pin_start":
        return f"pinned starts {_pins(before)} -> {_pins(after)}"
    if key == "data":
        return "the tables differ (values edited, proposals reviewed or another file)"
    return f"{key.replace('_', ' ')} {_short(before)} -> {_short(after)}"


def _pins(pins: Mapping[str, int] | None) -> str:
    return ", ".join(f"{cid} {fy(int(year))}" for cid, year in sorted((pins or {}).items())) \
        or "none"


def _pct(value: float | None) -> str:
    return "preset" if value is None else f"{value:.0f}%"


def _short(value: Any) -> str:
    if value in (None, [], {}):
        return "none"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def file_stem(city: str, scenario: str) -> str:
    """A safe download file name from the city and scenario names."""
    text = re.sub(r"[^A-Za-z0-9]+", "_", f"{city} {scenario}").strip("_")
    return (text or "roadmap")[:80]
