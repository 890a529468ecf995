"""How much a ranking depends on the weights (SMAA-2) and on the method (method comparison).

SMAA-2 (Lahdelma & Salminen 2001) samples weight vectors, ranks the candidates under each, and
reports how often each candidate lands at each rank. The per-sample scoring is the chosen
method's batch kernel (in its module of planner/score/methods/), vectorized over a block of
weight samples at once: the same numpy code that scores the chosen weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.errors import ScoringError
from planner.score.methods import METHOD_KEYS
from planner.score.methods import method as method_spec
from planner.score.problem import Problem
from planner.score.scoring import TIE_DECIMALS, ScoreResult, score_matrix, score_portfolio

CELLS_PER_BLOCK = 4_000_000  # candidates x samples scored at once (bounds memory)


def problem_of(result: ScoreResult) -> Problem:
    """The decision problem behind a score result."""
    return Problem.build(result.matrix, result.criteria, result.weights)


def batch_values(problem: Problem, method: str, normalization: str,
                 weights: np.ndarray) -> np.ndarray:
    """Higher-is-better values for many weight vectors at once: candidates x samples."""
    return method_spec(method).batch(problem, normalization, np.asarray(weights, dtype=float))


def _ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ranks, order), samples x candidates; candidates are in id order so ties go to the
    lower id. Sorting along contiguous rows is several times faster than down columns."""
    rows = np.ascontiguousarray(-np.round(values.T, TIE_DECIMALS))
    order = np.argsort(rows, axis=1, kind="stable")
    ranks = np.empty_like(order)
    positions = np.broadcast_to(np.arange(rows.shape[1]), order.shape)
    np.put_along_axis(ranks, order, positions, axis=1)
    return ranks + 1, order


@dataclass(frozen=True)
class SMAAResult:
    """Rank acceptability: how often each candidate takes each rank as the weights vary."""

    acceptability: pd.DataFrame  # candidate x rank (1..n): probability of exactly that rank
    top_k: pd.Series  # probability of ranking in the top k
    k: int
    expected_rank: pd.Series
    central_weights: pd.DataFrame  # mean weights of the samples where a candidate ranks first
    nominal_ranks: pd.Series
    top_set_stability: float  # share of samples whose top k are the chosen weights' top k
    winner_confidence: float  # share of samples that keep the chosen weights' first place
    samples: int
    seed: int
    concentration: float | None  # None = uniform on the simplex
    method: str
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> pd.DataFrame:
        """One row per candidate in nominal rank order, with its acceptability figures."""
        frame = pd.DataFrame({"rank": self.nominal_ranks, f"p_top_{self.k}": self.top_k,
                              "p_first": self.acceptability[1],
                              "expected_rank": self.expected_rank})
        return frame.sort_values("rank")

    def stable(self, threshold: float = 0.9) -> list[str]:
        """Candidates in the top k in at least `threshold` of the samples."""
        return self.top_k[self.top_k >= threshold].index.tolist()

    def contested(self, low: float = 0.1, high: float = 0.9) -> list[str]:
        """Candidates whose place in the top k depends on the weights."""
        return self.top_k[(self.top_k > low) & (self.top_k < high)].index.tolist()


def sample_weights(center: np.ndarray, samples: int, rng: np.random.Generator,
                   concentration: float | None = None) -> np.ndarray:
    """Weight vectors (criteria x samples): uniform on the simplex, or Dirichlet around center."""
    m = len(center)
    if concentration is None:
        alpha = np.ones(m)
    else:
        if concentration <= 0:
            raise ScoringError("The concentration must be positive (larger = closer to the "
                               "chosen weights).")
        alpha = np.maximum(concentration * np.asarray(center, dtype=float), 1e-3)
    return rng.dirichlet(alpha, size=samples).T


def smaa(result: ScoreResult, *, samples: int = 10_000, seed: int = 0,
         concentration: float | None = None, k: int = 10) -> SMAAResult:
    """SMAA-2 rank acceptability around (or regardless of) the result's weights."""
    if samples < 1:
        raise ScoringError("Ask for at least one weight sample.")
    problem = problem_of(result)
    method = result.method
    normalization = result.extra.get("normalization_key", "scale")
    # Candidates in id order, so a stable sort breaks equal values by candidate id.
    order_ids = np.argsort(np.asarray(problem.ids, dtype=object).astype(str), kind="stable")
    problem = Problem(ids=tuple(problem.ids[i] for i in order_ids), names=problem.names,
                      raw=problem.raw[order_ids], maximize=problem.maximize,
                      weights=problem.weights, anchors=problem.anchors)
    n, _ = problem.raw.shape
    k = max(1, min(k, n))
    active = np.nonzero(problem.weights > 0)[0]  # weight-0 criteria stay out of every sample
    rng = np.random.default_rng(seed)
    nominal = result.ranks.reindex(problem.ids).to_numpy()
    nominal_top = np.sort(np.argsort(nominal)[:k])
    nominal_first = int(np.argmin(nominal))
    counts = np.zeros(n * n, dtype=np.int64)
    first_weights = np.zeros((n, len(problem.names)))
    kept_set = kept_first = 0
    block = max(1, CELLS_PER_BLOCK // max(n * max(1, len(active)), 1))
    done = 0
    while done < samples:
        size = min(block, samples - done)
        w = np.zeros((len(problem.names), size))
        w[active] = sample_weights(problem.weights[active], size, rng, concentration)
        ranks, order = _ranks(batch_values(problem, method, normalization, w))
        counts += np.bincount((np.arange(n)[None, :] * n + ranks - 1).ravel(),
                              minlength=n * n)
        kept_set += int(np.all(np.sort(order[:, :k], axis=1) == nominal_top[None, :],
                               axis=1).sum())
        kept_first += int((order[:, 0] == nominal_first).sum())
        np.add.at(first_weights, order[:, 0], w.T)
        done += size
    table = counts.reshape(n, n) / samples
    index = pd.Index(problem.ids, name="candidate_id")
    acceptability = pd.DataFrame(table, index=index, columns=range(1, n + 1))
    firsts = table[:, 0] * samples
    central = np.divide(first_weights, firsts[:, None], out=np.full_like(first_weights, np.nan),
                        where=firsts[:, None] > 0)
    notes = () if concentration is not None else (
        "Weights drawn uniformly over every possible weighting (no preference assumed).",)
    return SMAAResult(
        acceptability=acceptability,
        top_k=pd.Series(table[:, :k].sum(axis=1), index=index, name=f"p_top_{k}"),
        k=k,
        expected_rank=pd.Series(table @ np.arange(1, n + 1), index=index, name="expected_rank"),
        central_weights=pd.DataFrame(central, index=index, columns=list(problem.names)),
        nominal_ranks=pd.Series(nominal, index=index, name="rank"),
        top_set_stability=kept_set / samples, winner_confidence=kept_first / samples,
        samples=samples, seed=seed, concentration=concentration, method=method, notes=notes)


@dataclass(frozen=True)
class MethodComparison:
    """The same candidates ranked by several methods, and how far the rankings agree."""

    ranks: pd.DataFrame  # candidate x method
    kendall_tau: pd.DataFrame  # method x method
    movers: pd.DataFrame  # candidates whose rank moves most across methods
    failed: dict[str, str]  # method -> why it could not score

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: each method's rank per candidate and Kendall's tau between them."""
        return {"methods": [str(m) for m in self.ranks.columns],
                "ranks": {str(m): {str(c): int(r) for c, r in self.ranks[m].items()}
                          for m in self.ranks.columns},
                "kendall_tau": {str(a): {str(b): round(float(v), 6) for b, v in row.items()}
                                for a, row in self.kendall_tau.iterrows()},
                "failed": dict(self.failed)}


def kendall_tau_table(ranks: pd.DataFrame) -> pd.DataFrame:
    """Kendall's tau between every two columns of a candidate x method rank table."""
    from scipy.stats import kendalltau  # SciPy's statistics take a second or two to load

    names = list(ranks.columns)
    tau = pd.DataFrame(np.eye(len(names)), index=names, columns=names)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            statistic = kendalltau(ranks[a], ranks[b]).statistic if len(ranks) > 1 else 1.0
            tau.loc[a, b] = tau.loc[b, a] = float(np.nan_to_num(statistic, nan=1.0))
    return tau


def _comparison(ranks: dict[str, pd.Series], failed: dict[str, str],
                top: int = 10) -> MethodComparison:
    frame = pd.DataFrame(ranks)
    movers = pd.DataFrame({"best_rank": frame.min(axis=1), "worst_rank": frame.max(axis=1)})
    movers["spread"] = movers["worst_rank"] - movers["best_rank"]
    movers = movers.sort_values(["spread", "best_rank"], ascending=[False, True]).head(top)
    return MethodComparison(ranks=frame, kendall_tau=kendall_tau_table(frame), movers=movers,
                            failed=failed)


def compare_scores(scores: ScoreResult, methods: Sequence[str] | None = None, *,
                   top: int = 10) -> MethodComparison:
    """The same criteria values and weights ranked by each method, and how far they agree."""
    ranks: dict[str, pd.Series] = {}
    failed: dict[str, str] = {}
    for method in methods or list(METHOD_KEYS):
        try:
            ranks[method] = score_matrix(scores.matrix, scores.criteria, method=method,
                                         weights=scores.weights).ranks
        except ScoringError as exc:
            failed[method] = str(exc)
    return _comparison(ranks, failed, top)


def compare_methods(portfolio: Portfolio, methods: Sequence[str] | None = None, *,
                    preset: str | None = None, weights: dict[str, float] | None = None,
                    top: int = 10) -> MethodComparison:
    """Rank under each method, Kendall tau between methods, and the biggest movers."""
    ranks: dict[str, pd.Series] = {}
    failed: dict[str, str] = {}
    for method in methods or list(METHOD_KEYS):
        try:
            ranks[method] = score_portfolio(portfolio, method=method, preset=preset,
                                            weights=weights).ranks
        except ScoringError as exc:
            failed[method] = str(exc)
    return _comparison(ranks, failed, top)
