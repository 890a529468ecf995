"""Score and rank candidates with MCDA, with weights and explanations a council can follow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planner.core.models import Criterion, Portfolio
from planner.errors import ScoringError
from planner.score.criteria import PRESETS, criterion_named, resolve_criteria
from planner.score.mcda import (
    METHOD_DESCRIPTIONS,
    NORMALIZATIONS,
    Outcome,
    Problem,
    default_normalization,
    evaluate,
    method_key,
    scale_descriptions,
    unscalable,
)
from planner.score.methods import method as method_spec
from planner.score.metrics import metrics_table
from planner.score.stakeholders import combine_stakeholders
from planner.score.weighting import (
    Weighing,
    default_weighting,
    pairwise_weights,
    weigh,
    with_hand_weights,
)
from planner.score.weights import AHPResult, normalize_weights

__all__ = ["METHOD_DESCRIPTIONS", "PRESETS", "ScoreResult", "score_matrix", "score_portfolio",
           "rank_with_ties"]

TIE_DECIMALS = 12  # scores equal to 12 decimals count as tied
TIE_WARNING = ("Nothing separates the candidates: every one has the same value on every "
               "weighted criterion, so each counts the same and the plan funds as many as the "
               "budget and rules allow. Add criteria or values that tell them apart.")


@dataclass(frozen=True)
class ScoreResult:
    """Scores, ranks and per-criterion contributions for every candidate."""

    method: str
    normalization: str  # plain words
    weights: dict[str, float]  # normalized, summing to 1
    criteria: tuple[Criterion, ...]
    matrix: pd.DataFrame  # raw criterion values, index candidate_id, column per criterion
    scores: pd.Series  # the method's own index (VIKOR's Q is lower-is-better)
    ranks: pd.Series  # 1 = best, unique after the tie-break by candidate id
    contributions: pd.DataFrame  # index candidate_id, column per criterion
    higher_is_better: bool
    consistency_ratio: float | None = None
    values: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    utility: pd.DataFrame = field(default_factory=pd.DataFrame)  # 0-1 scale, 1 = best
    scales: dict[str, str] = field(default_factory=dict)
    tied: pd.Series = field(default_factory=lambda: pd.Series(dtype=bool))
    contributions_exact: bool = True
    notes: tuple[str, ...] = ()
    ahp: AHPResult | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> pd.Series:
        """Non-negative, higher-is-better value per candidate (WSM score, 1 - Q for VIKOR)."""
        return self.values

    @property
    def order(self) -> list[str]:
        """Candidate ids from rank 1 down."""
        return self.ranks.sort_values().index.tolist()

    @property
    def score_note(self) -> str:
        """How to read the score column."""
        if self.higher_is_better:
            return f"{self.method} score: higher is better; rank 1 has the highest score."
        return method_spec(self.method).score_note

    @property
    def contribution_note(self) -> str:
        """Whether the contributions add up to the score exactly."""
        if self.contributions_exact:
            return "Contributions are weight x 0-1 score and add up to the score exactly."
        return ("This method does not add criteria up, so contributions split each "
                "candidate's value in proportion to weight x 0-1 score: a guide, not an identity.")

    def ranking(self) -> pd.DataFrame:
        """One row per candidate in rank order: rank, score, value, tie flag, contributions."""
        frame = pd.DataFrame({"rank": self.ranks, "score": self.scores, "value": self.values,
                              "tied": self.tied})
        frame = frame.join(self.contributions)
        frame.index.name = "candidate_id"
        return frame.sort_values("rank")

    def as_dict(self) -> dict[str, Any]:
        """The `planner score --format json` document."""
        data: dict[str, Any] = {
            "method": self.method,
            "method_description": METHOD_DESCRIPTIONS[self.method],
            "normalization": self.normalization,
            "scales": self.scales,
            "weights": {k: round(v, 6) for k, v in self.weights.items()},
        }
        if self.consistency_ratio is not None:
            data["consistency_ratio"] = round(self.consistency_ratio, 4)
            if self.ahp is not None and self.ahp.revisit:
                data["revisit_judgments"] = [j.sentence() for j in self.ahp.revisit]
        data.update({
            "higher_is_better": self.higher_is_better,
            "score_note": self.score_note,
            "contributions_exact": self.contributions_exact,
            "notes": list(self.notes),
            "candidates": [
                {"id": cid, "score": round(float(self.scores[cid]), 6),
                 "value": round(float(self.values[cid]), 6), "rank": int(self.ranks[cid]),
                 "tied": bool(self.tied[cid]),
                 "contributions": {c: round(float(v), 6)
                                   for c, v in self.contributions.loc[cid].items()}}
                for cid in self.order],
        })
        return data


def rank_with_ties(values: Sequence[float], ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(ranks, tied): 1 = highest value, equal values ordered by candidate id, ties flagged."""
    rounded = np.round(np.asarray(values, dtype=float), TIE_DECIMALS)
    order = np.lexsort((np.asarray(ids, dtype=object).astype(str), -rounded))
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = np.arange(1, len(order) + 1)
    _, inverse, counts = np.unique(rounded, return_inverse=True, return_counts=True)
    return ranks, counts[inverse] > 1


def _tie_notes(values: pd.Series, tied: pd.Series, limit: int = 3) -> list[str]:
    if not tied.any() or tied.all() and len(tied) > limit:
        return []
    groups = values[tied].round(TIE_DECIMALS).groupby(values[tied].round(TIE_DECIMALS))
    lines = [f"{', '.join(sorted(g.index))} tie at {key:.4g}; ordered by candidate id."
             for key, g in sorted(groups, key=lambda kv: -kv[0])]
    more = [f"... and {len(lines) - limit} more tied groups."] if len(lines) > limit else []
    return lines[:limit] + more


def score_matrix(matrix: pd.DataFrame, criteria: Sequence[Criterion], *,
                 method: str | None = None, weights: Mapping[str, float] | None = None,
                 normalization: str | None = None, notes: Sequence[str] = (),
                 ahp: AHPResult | None = None,
                 extra: Mapping[str, Any] | None = None) -> ScoreResult:
    """Score a candidates x criteria matrix (columns named by criterion) with one method."""
    criteria = tuple(criteria)
    chosen = {c.criterion: c.weight for c in criteria}
    unknown = sorted(set(weights or {}) - set(chosen))
    if unknown:
        raise ScoringError(f"Weights were given for unknown criteria: {', '.join(unknown)}.")
    chosen.update(weights or {})
    normalized = normalize_weights({c.criterion: chosen[c.criterion] for c in criteria})
    problem = Problem.build(matrix, criteria, normalized)
    outcome: Outcome = evaluate(problem, method_key(method), normalization)
    index = pd.Index(problem.ids, name="candidate_id")
    names = list(problem.names)
    values = pd.Series(outcome.value, index=index, name="value")
    ranks, tied = rank_with_ties(outcome.value, problem.ids)
    tied_series = pd.Series(tied, index=index, name="tied")
    extra_notes = [f"{n} has weight 0 and does not count." for n, w in normalized.items()
                   if w == 0 and not any(note.startswith(n) for note in notes)]
    if outcome.extra.get("all_tied"):
        extra_notes.append(TIE_WARNING)
    else:
        extra_notes += method_spec(outcome.method).notes(outcome.extra)
    return ScoreResult(
        method=outcome.method,
        normalization=NORMALIZATIONS[outcome.normalization],
        weights=normalized,
        criteria=criteria,
        matrix=pd.DataFrame(problem.raw, index=index, columns=names),
        scores=pd.Series(outcome.score, index=index, name="score"),
        ranks=pd.Series(ranks, index=index, name="rank"),
        contributions=pd.DataFrame(outcome.contributions, index=index, columns=names),
        higher_is_better=outcome.higher_is_better,
        consistency_ratio=ahp.consistency_ratio if ahp is not None else None,
        values=values,
        utility=pd.DataFrame(outcome.utility, index=index, columns=names),
        scales=scale_descriptions(problem, outcome.normalization),
        tied=tied_series,
        contributions_exact=outcome.exact,
        notes=(*notes, *extra_notes, *_tie_notes(values, tied_series)),
        ahp=ahp,
        extra={**outcome.extra, "normalization_key": outcome.normalization, **(extra or {})},
    )


def score_portfolio(portfolio: Portfolio, *, method: str | None = None,
                    preset: str | None = None,
                    weights: dict[str, float] | None = None) -> ScoreResult:
    """Score every candidate of a portfolio: criteria, weights, method, explanations."""
    if not portfolio.candidates:
        raise ScoringError("There are no candidates to score. Add a Candidates sheet, or let "
                           "the planner propose candidates from the inventory.")
    table = metrics_table(portfolio)
    criteria, source = resolve_criteria(portfolio, preset, table.values.columns)
    notes = [f"Criteria from {source}."]
    matrix = table.values[[c.column for c in criteria]].copy()
    matrix.columns = [c.criterion for c in criteria]
    weighing = _weighing(portfolio, criteria, matrix)
    notes.extend(weighing.notes)
    chosen, ahp = dict(weighing.weights), weighing.ahp
    if weighing.mode not in ("direct", "ahp"):
        if portfolio.stakeholders:  # the way of weighing chosen in Settings wins
            notes.append(f"The Stakeholders sheet's weights were not used: the weights come "
                         f"from the way of weighing set in Settings ({weighing.mode}).")
    elif portfolio.stakeholders:
        chosen, note = combine_stakeholders(portfolio, criteria, chosen, preset=preset,
                                            pairwise=ahp is not None)
        notes.append(note)
    for name, weight in (weights or {}).items():
        chosen[criterion_named(criteria, name).criterion] = weight
    if weights and ahp is not None:
        notes.append("Some AHP weights were overridden by hand.")
    weighing = with_hand_weights(weighing, chosen)
    key = method_key(method or portfolio.settings.method)
    if preset is not None or not portfolio.criteria:
        # A preset criterion that cannot separate these candidates is set aside, not fatal.
        problem = Problem.build(matrix, criteria, normalize_weights(chosen))
        for j in unscalable(problem, key, default_normalization(problem, key)):
            name = problem.names[j]
            if sum(w for n, w in chosen.items() if n != name) > 0:
                chosen[name] = 0.0
                notes.append(f"{name} is the same ({problem.raw[0, j]:g}) for every candidate, "
                             "so it was left out and the other weights scaled up.")
    defaulted = table.defaulted[[c.column for c in criteria]]
    return score_matrix(matrix, criteria, method=key, weights=chosen, notes=notes, ahp=ahp,
                        extra={"defaulted": defaulted.set_axis(list(matrix.columns), axis=1),
                               "criteria_source": source, "weighting": weighing})


def _weighing(portfolio: Portfolio, criteria: Sequence[Criterion],
              matrix: pd.DataFrame) -> Weighing:
    """The weights the portfolio's way of weighing gives; a Pairwise sheet comparing other
    criteria (a preset's, say) falls back to the criteria's own weights with a note."""
    mode = default_weighting(portfolio)
    if mode == "ahp" and not portfolio.settings.weighting:
        result, note = pairwise_weights(portfolio.pairwise, criteria)
        if result is None:
            direct = weigh("direct", criteria)
            return Weighing("direct", direct.weights, notes=(note,) if note else ())
    return weigh(mode, criteria, matrix, pairwise=portfolio.pairwise)
