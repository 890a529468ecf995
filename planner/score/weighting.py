"""The ways of weighing the criteria, defined once: what each reads, what it means, its weights.

A portfolio's Settings key `weighting` names the mode (blank: `ahp` when there is a Pairwise
sheet, else `direct`); `rank` and `swing` read the Criteria sheet's columns of those names,
`entropy` and `critic` read the candidates' values. The app, the command line and the
workbook all come here, so each mode gives the same weights wherever it is chosen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.core.models import Criterion, Pairwise, Portfolio
from planner.errors import ScoringError
from planner.score.criteria import column_key, resolve_criteria
from planner.score.data_weights import objective_weights
from planner.score.metrics import metrics_table
from planner.score.weights import (
    AHPResult,
    ahp_weights,
    normalize_weights,
    rank_weights,
    swing_weights,
)


@dataclass(frozen=True)
class WeightingMode:
    """One way of weighing: its key, its label, the Criteria column it reads, its meaning."""

    key: str
    label: str
    column: str | None  # the Criteria sheet's column holding its inputs, if any
    inputs: str  # what the user gives, in plain words
    meaning: str  # one sentence: what it means and when to use it
    source: str  # where the method is published


WEIGHTING_MODES: dict[str, WeightingMode] = {m.key: m for m in (
    WeightingMode("direct", "Direct weights", "weight", "a weight for each criterion",
                  "Each criterion's weight says outright how much it counts; use it when the "
                  "council can name the weights.", "weighted sum of stated weights"),
    WeightingMode("ahp", "Pairwise comparisons (AHP)", None,
                  "the Pairwise sheet's judgments",
                  "Weights follow from judging each pair of criteria on a 1-9 scale; use it "
                  "when comparing two at a time is easier than naming weights.",
                  "Saaty (1980)"),
    WeightingMode("rank", "Rank the criteria", "rank", "a rank for each criterion (1 = most "
                  "important)",
                  "Number the criteria from most to least important and the rank-order "
                  "centroid turns the order into weights; use it when the council agrees on "
                  "the order but not on the numbers.", "Barron & Barrett (1996)"),
    WeightingMode("swing", "Swing weights", "swing", "swing points for each criterion (the "
                  "most important swing gets 100)",
                  "Imagine each criterion moving from its worst to its best value: the most "
                  "important swing gets 100 and each other swing its share; use it when the "
                  "council can say what is at stake on each criterion.",
                  "Edwards & Barron (1994), SMARTS"),
    WeightingMode("entropy", "From the data: entropy", None, "the candidates' values",
                  "Criteria on which the candidates differ most get the most weight; use it "
                  "as a neutral reference before anyone says what matters.",
                  "Shannon entropy, Zeleny (1982), Hwang & Yoon (1981)"),
    WeightingMode("critic", "From the data: CRITIC", None, "the candidates' values",
                  "Criteria that vary most and repeat the other criteria least get the most "
                  "weight; use it as a neutral reference that does not count twice what two "
                  "criteria both measure.", "Diakoulaki, Mavrotas & Papayannakis (1995)"),
)}
WEIGHTING_KEYS: tuple[str, ...] = tuple(WEIGHTING_MODES)
FROM_THE_DATA = ("entropy", "critic")
_ALIASES = {"weights": "direct", "weight": "direct", "pairwise": "ahp", "roc": "rank",
            "ranks": "rank", "rank_order": "rank", "rank_order_centroid": "rank",
            "swings": "swing", "smarts": "swing", "swing_weights": "swing",
            "shannon": "entropy", "shannon_entropy": "entropy"}


def weighting_key(text: str | None) -> str:
    """The mode's key from any natural spelling; ScoringError listing the modes otherwise."""
    key = column_key(text or "")
    key = _ALIASES.get(key, key)
    if key not in WEIGHTING_MODES:
        choices = ", ".join(WEIGHTING_KEYS)
        raise ScoringError(f"There is no way of weighing called '{text}'. Choose one of: "
                           f"{choices}.")
    return key


def default_weighting(portfolio: Portfolio) -> str:
    """The mode a portfolio uses: its Settings' `weighting`, else ahp with a Pairwise sheet."""
    given = getattr(portfolio.settings, "weighting", None)
    if given:
        return weighting_key(given)
    return "ahp" if portfolio.pairwise is not None else "direct"


@dataclass(frozen=True)
class Weighing:
    """The weights one mode gave, with the inputs behind them, to show and to record."""

    mode: str
    weights: dict[str, float]  # normalized, summing to 1
    inputs: dict[str, float] = field(default_factory=dict)  # ranks or swings by criterion
    notes: tuple[str, ...] = ()
    ahp: AHPResult | None = None
    changed_by_hand: str | None = None  # the mode whose weights were then set by hand

    @property
    def label(self) -> str:
        """The mode's label."""
        return WEIGHTING_MODES[self.mode].label

    def inputs_words(self) -> str:
        """What the weights rest on, in plain words."""
        mode = WEIGHTING_MODES[self.mode]
        if self.mode in FROM_THE_DATA:
            return f"from the data ({mode.source})"
        if self.inputs:
            parts = ", ".join(f"{name} {value:g}" for name, value in self.inputs.items())
            return f"{mode.column}s: {parts}"
        if self.changed_by_hand:
            return (f"weights from {WEIGHTING_MODES[self.changed_by_hand].label.lower()}, "
                    "then set by hand")
        return mode.inputs

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {"mode": self.mode, "label": self.label,
                                "inputs": self.inputs_words(),
                                "weights": {k: round(v, 6) for k, v in self.weights.items()}}
        if self.inputs:
            data[WEIGHTING_MODES[self.mode].column or "inputs"] = dict(self.inputs)
        if self.changed_by_hand:
            data["changed_by_hand_from"] = self.changed_by_hand
        return data


def pairwise_weights(pairwise: Pairwise, criteria: Sequence[Criterion]
                     ) -> tuple[AHPResult | None, str | None]:
    """AHP weights when the Pairwise sheet compares exactly these criteria, and a note."""
    keys = {}
    for crit in criteria:
        keys[column_key(crit.criterion)] = crit.criterion
        keys.setdefault(column_key(crit.column), crit.criterion)
    matched = [keys.get(column_key(name)) for name in pairwise.criteria]
    if not any(matched):
        return None, "The Pairwise sheet compares other criteria than these; it was not used."
    if None in matched or sorted(matched) != sorted(c.criterion for c in criteria):
        unknown = [n for n, m in zip(pairwise.criteria, matched, strict=True) if m is None]
        missing = sorted({c.criterion for c in criteria} - set(filter(None, matched)))
        raise ScoringError(
            "The Pairwise sheet must compare exactly the scoring criteria. "
            + (f"Not criteria: {', '.join(unknown)}. " if unknown else "")
            + (f"Not compared: {', '.join(missing)}." if missing else ""))
    result = ahp_weights(pairwise.matrix, names=matched)
    note = f"Weights from the Pairwise sheet (AHP), consistency ratio " \
           f"{result.consistency_ratio:.3f}."
    if not result.is_consistent:
        note += " Above 0.1: " + " ".join(j.sentence() for j in result.revisit[:1])
    return result, note


def _data_notes(weights: Mapping[str, float], mode: str) -> tuple[str, ...]:
    zero = [name for name, w in weights.items() if w == 0]
    if not zero:
        return ()
    return (f"{', '.join(zero)} {'is' if len(zero) == 1 else 'are'} the same for every "
            f"candidate, so the data give {'it' if len(zero) == 1 else 'them'} no weight "
            f"({WEIGHTING_MODES[mode].label}).",)


def weigh(mode: str, criteria: Sequence[Criterion], matrix: pd.DataFrame | None = None, *,
          pairwise: Pairwise | None = None,
          inputs: Mapping[str, Any] | None = None) -> Weighing:
    """The weights `mode` gives these criteria.

    `matrix` (candidates x criterion names) is read by entropy and CRITIC; `inputs` gives
    ranks or swings by criterion name in place of the Criteria sheet's.
    """
    key = weighting_key(mode)
    names = [c.criterion for c in criteria]
    if key == "direct":
        return Weighing(key, normalize_weights({c.criterion: c.weight for c in criteria}))
    if key == "ahp":
        if pairwise is None:
            raise ScoringError("Weighting 'ahp' needs a Pairwise sheet comparing the criteria.")
        result, note = pairwise_weights(pairwise, criteria)
        if result is None:
            raise ScoringError(note or "The Pairwise sheet could not be used.")
        return Weighing(key, dict(result.weights), notes=(note,) if note else (), ahp=result)
    if key in ("rank", "swing"):
        column = WEIGHTING_MODES[key].column
        given = {c.criterion: getattr(c, column, None) for c in criteria}
        given.update({n: v for n, v in (inputs or {}).items() if n in given})
        computed = rank_weights(given) if key == "rank" else swing_weights(given)
        return Weighing(key, computed, inputs={n: float(given[n]) for n in names})
    if matrix is None:
        raise ScoringError("Weights from the data need the candidates' values.")
    directions = {c.criterion: c.direction for c in criteria}
    computed = objective_weights(matrix[names], directions, method=key)
    return Weighing(key, computed, notes=_data_notes(computed, key))


def with_hand_weights(weighing: Weighing, weights: Mapping[str, float]) -> Weighing:
    """The weighing after hand-set weights: the same mode when they change nothing, else
    direct weights that remember the mode they started from."""
    merged = normalize_weights({**weighing.weights, **weights})
    if all(abs(merged[n] - w) <= 1e-9 for n, w in weighing.weights.items()):
        return weighing
    return Weighing("direct", merged, notes=weighing.notes,
                    changed_by_hand=weighing.changed_by_hand or (
                        weighing.mode if weighing.mode != "direct" else None))


def weigh_portfolio(portfolio: Portfolio, mode: str | None = None, *,
                    preset: str | None = None,
                    inputs: Mapping[str, Any] | None = None) -> Weighing:
    """The weights a mode gives the portfolio's criteria (the sheet's or a preset's)."""
    table = metrics_table(portfolio)
    criteria, _ = resolve_criteria(portfolio, preset, table.values.columns)
    matrix = table.values[[c.column for c in criteria]].copy()
    matrix.columns = [c.criterion for c in criteria]
    return weigh(mode or default_weighting(portfolio), criteria, matrix,
                 pairwise=portfolio.pairwise, inputs=inputs)
