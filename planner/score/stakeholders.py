"""Stakeholders' weights combined into the weights in use, when nothing else sets them.

The rule (`aggregate_stakeholders`): each stakeholder's weights are scaled to sum to 1, the
geometric mean is taken criterion by criterion, and the means are scaled to sum to 1 again.

The combination is used when the portfolio lists stakeholders who weigh exactly the criteria
being scored, and neither the Criteria sheet nor a Pairwise sheet gives weights of its own.
A Criteria sheet's weights are the ones used: the council workbook's Criteria sheet holds the
weights a plan was made with, so importing it plans the same, whoever's weights they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from planner.core.models import Criterion, Portfolio, Stakeholder
from planner.score.criteria import column_key
from planner.score.weights import aggregate_stakeholders

AGGREGATION_RULE = "geometric mean"
STAKEHOLDER_RULE = ("the geometric mean of the stakeholders' weights, each stakeholder's set first "
              "scaled to 100%, then scaled to 100% again. No single stakeholder can dominate, "
              "and a criterion that any stakeholder barely weighs stays low.")


def criterion_for(header: str, criteria: Iterable[Criterion]) -> Criterion | None:
    """The criterion a stakeholder column names (by criterion name or the column it reads)."""
    key = column_key(header)
    return next((c for c in criteria
                 if key in (column_key(c.criterion), column_key(c.column))), None)


def weight_sets(stakeholders: Iterable[Stakeholder], criteria: Sequence[Criterion]
                ) -> dict[str, dict[str, float]] | None:
    """Each stakeholder's weights keyed by criterion name, or None unless every stakeholder
    weighs exactly these criteria."""
    sets: dict[str, dict[str, float]] = {}
    names = {c.criterion for c in criteria}
    for person in stakeholders:
        weights: dict[str, float] = {}
        for header, weight in person.weights.items():
            crit = criterion_for(header, criteria)
            if crit is None:
                return None
            weights[crit.criterion] = weight
        if set(weights) != names:
            return None
        sets[person.name] = weights
    return sets or None


def combined_weights(stakeholders: Iterable[Stakeholder], criteria: Sequence[Criterion]
                     ) -> dict[str, float] | None:
    """The stakeholders' combined weights (summing to 1), or None when they cannot be
    combined for these criteria."""
    sets = weight_sets(stakeholders, criteria)
    if sets is None:
        return None
    return aggregate_stakeholders(sets).weights


def criteria_sheet_weighted(portfolio: Portfolio) -> bool:
    """True when the Criteria sheet gives a weight for some criterion."""
    return any("weight" in c.model_fields_set for c in portfolio.criteria)


def combine_stakeholders(portfolio: Portfolio, criteria: Sequence[Criterion],
                         chosen: Mapping[str, float], *, preset: str | None,
                         pairwise: bool) -> tuple[dict[str, float], str]:
    """The weights to use given the portfolio's stakeholders, and a note saying why."""
    count = len(portfolio.stakeholders)
    listed = f"The Stakeholders sheet lists {count} stakeholder{'s' * (count != 1)}"
    if pairwise:
        return dict(chosen), f"{listed}; the Pairwise sheet's weights were used instead."
    if preset is None and portfolio.criteria and criteria_sheet_weighted(portfolio):
        return dict(chosen), (f"{listed}; the Criteria sheet's weights were used instead "
                              "(leave its weight column blank to combine theirs).")
    combined = combined_weights(portfolio.stakeholders, criteria)
    if combined is None:
        return dict(chosen), (f"{listed}, who do not weigh exactly these criteria; their "
                              "weights were not used.")
    return combined, f"Weights: {listed.removeprefix('The Stakeholders sheet lists ')} " \
                     f"combined by {AGGREGATION_RULE} (Stakeholders sheet)."
