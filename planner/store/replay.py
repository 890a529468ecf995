"""A scenario's choices as a document, a roadmap summed up for saving, and a stored scenario
planned again from its own files.

The choices document names every choice a scenario rests on. The engine's own choices
(`method`, `preset`, `weighting`, `weights`, `overrides`, `propose`, `mapping`,
`time_limit`, `gap`) are replayed by `replay_scenario`; the app's edits (`budget_edits`,
`assumptions`, `rules`, `cell_edits`) and how its weights were entered (`weight_inputs`:
sliders, pairwise judgments, stakeholders) are kept as the app gives them, for the app to apply
again before planning (`replay_scenario` refuses a document that carries them, rather than plan
without them in silence).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.store.errors import StoreError

if TYPE_CHECKING:
    from planner.core.models import Portfolio
    from planner.core.plans import Overrides
    from planner.service import Roadmap
    from planner.validate.portfolio import Validated

ENGINE_CHOICES = ("method", "preset", "weighting", "weights", "overrides", "propose",
                  "mapping", "time_limit", "gap")
APP_CHOICES = ("budget_edits", "assumptions", "rules", "cell_edits", "weight_inputs")


def choices_document(*, method: str | None = None, preset: str | None = None,
                     weighting: str | None = None, weights: Mapping[str, float] | None = None,
                     overrides: Overrides | None = None, propose: bool = False,
                     mapping: Mapping[str, Any] | None = None, time_limit: float | None = None,
                     gap: float | None = None, **app: Any) -> dict[str, Any]:
    """Every choice of a scenario as one JSON-ready document (the app's edits by keyword)."""
    unknown = sorted(set(app) - set(APP_CHOICES))
    if unknown:
        raise StoreError(f"A scenario cannot record the choice(s) {', '.join(unknown)}; it "
                         f"records {', '.join(ENGINE_CHOICES + APP_CHOICES)}.")
    document = {"method": method, "preset": preset, "weighting": weighting,
                "weights": dict(weights) if weights else None,
                "overrides": overrides.as_dict() if overrides is not None else None,
                "propose": bool(propose), "mapping": dict(mapping) if mapping else None,
                "time_limit": time_limit, "gap": gap}
    document.update({key: value for key, value in app.items() if value is not None})
    return document


def overrides_of(choices: Mapping[str, Any]) -> Overrides:
    """The recorded overrides (force in, force out, pinned starts)."""
    from planner.core.plans import Overrides

    given = choices.get("overrides") or {}
    pins = {str(k): int(v) for k, v in (given.get("pin_start") or {}).items()}
    return Overrides(frozenset(given.get("force_in") or ()),
                     frozenset(given.get("force_out") or ()), pins)


@dataclass(frozen=True)
class Replayed:
    """A stored scenario planned again: the import, the portfolio planned and the roadmap."""

    validated: Validated
    portfolio: Portfolio
    roadmap: Roadmap


def replay_scenario(sources: list[tuple[str, bytes]], choices: Mapping[str, Any], *,
           frontier: bool = True, explain: bool = True) -> Replayed:
    """Import the files and plan them with the recorded choices, as they were saved."""
    from planner.service import load_files, plan_portfolio

    carried = [key for key in APP_CHOICES if choices.get(key)]
    if carried:
        raise StoreError(f"This scenario carries edits made in the app ({', '.join(carried)}); "
                         "open it in the app to plan it again with them.")
    validated = load_files(sources, mapping=choices.get("mapping"))
    portfolio = chosen_portfolio(validated.portfolio, choices)
    roadmap = plan_portfolio(portfolio, method=choices.get("method"),
                             preset=choices.get("preset"), weights=choices.get("weights"),
                             overrides=overrides_of(choices), frontier=frontier,
                             explain=explain)
    return Replayed(validated=validated, portfolio=portfolio, roadmap=roadmap)


def chosen_portfolio(portfolio: Portfolio, choices: Mapping[str, Any]) -> Portfolio:
    """The imported portfolio with the recorded proposals, weighting and solver settings."""
    if choices.get("propose"):
        from planner.propose.proposals import ensure_candidates

        portfolio, _ = ensure_candidates(portfolio, propose=True)
    update = {field: choices[key] for key, field in (
        ("weighting", "weighting"), ("time_limit", "solver_time_limit_s"), ("gap", "mip_gap"))
        if choices.get(key) is not None}
    if not update:
        return portfolio
    return portfolio.replace(settings=portfolio.settings.model_copy(update=update))


def summary_of(roadmap: Roadmap) -> dict[str, Any]:
    """What a scenario list shows without planning again: the plan's outcome in figures."""
    plan = roadmap.plan
    funded = [] if plan.is_infeasible else plan.funded_ids
    cost = sum(item.total_cost for item in plan.funded) if not plan.is_infeasible else 0.0
    settings = roadmap.portfolio.settings
    return {"status": plan.status.value, "message": plan.message,
            "value": None if plan.is_infeasible else round(float(plan.objective), 6),
            "funded": funded, "funded_count": len(funded),
            "candidates": len(roadmap.portfolio.candidates), "total_cost": round(cost, 2),
            "method": roadmap.scores.method, "weighting": settings.weighting,
            "city": settings.city, "fiscal_years": list(roadmap.portfolio.fiscal_years),
            "reasons": list(plan.reasons)}
