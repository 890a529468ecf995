"""Funding acceptability: how likely each candidate is to stay funded when the weights move.

SMAA over plans: weight vectors are drawn (around the chosen weights, around each
stakeholder's, or uniformly), the candidates re-scored for all at once (`batch_values`), and
the plan re-optimized for each; a candidate's chance funded is the share of those plans that
fund it. Fast because the plan's model stays loaded (only the objective changes), each
sample starts from the best plan found so far for its weights, a small LP over solved
weights' bounds certifies many samples without a solve (weighted sum only: its best plan
value is convex in the weights), and long runs use worker processes. Samples go in fixed
rounds that see the same plans and bounds however many processes run, so the result
depends only on the seed (the rounds: planner.explain.resolves). See docs/robustness.md.

A candidate whose funding a decision settles (mandatory, forced in or out, a pinned start, or
what those imply through prerequisites and either/or groups) is funded, or not, under every
weight: it is reported as fixed by that decision, never as stable.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.words import fy
from planner.errors import ScoringError
from planner.explain.resolves import Progress, Resolver, SampleRounds
from planner.plan.solver import NO_LIMIT_S
from planner.score.methods import method
from planner.score.rank_robustness import batch_values, problem_of, sample_weights
from planner.score.scoring import ScoreResult

CORE, CONTESTED, OUT, FIXED = "core", "contested", "out", "fixed"
CLASS_WORDS = {CORE: "Stable core", CONTESTED: "Contested", OUT: "Stable out",
               FIXED: "Fixed by a decision"}
AROUND = {"chosen": "around the chosen weights", "stakeholders": "around each stakeholder's "
          "weights", "uniform": "uniformly over every possible weighting"}
# Each sample is solved to within half the value of an average funded project, at most 1%:
# looser and the marginal projects' fate is left to the solver's stopping point.
SAMPLE_NODES = 300  # branch-and-bound nodes per sample at most: a work limit, not a time
GAP_PROJECTS = 0.5
MAX_GAP, MIN_GAP = 0.01, 1e-4


def concentration_for(spread: float, criteria: int) -> float:
    """Dirichlet concentration under which a weight of average size varies by `spread`.

    With alpha = c x weights, a weight w has standard deviation sqrt(w (1 - w) / (c + 1));
    for w = 1/m that is `spread` x w when c = (m - 1) / spread^2 - 1.
    """
    if not spread > 0:
        raise ScoringError("The spread must be positive (0.3 lets weights vary by about 30%).")
    return max((max(criteria, 2) - 1) / spread ** 2 - 1.0, 0.1)


def sample_gap(funded: int) -> float:
    """The default gap per sample: half an average funded project's share of the value."""
    return float(np.clip(GAP_PROJECTS / max(funded, 1), MIN_GAP, MAX_GAP))


def weight_samples(scores: ScoreResult, samples: int, *, seed: int = 0,
                   around: str = "chosen", spread: float = 0.3,
                   stakeholders: Mapping[str, Mapping[str, float]] | None = None) -> np.ndarray:
    """Weight vectors, criteria x samples, each summing to 1 (deterministic under `seed`)."""
    if samples < 1:
        raise ScoringError("Ask for at least one weight sample.")
    if around not in AROUND:
        raise ScoringError(f"Weights can vary {', '.join(AROUND)}; not '{around}'.")
    problem = problem_of(scores)
    rng = np.random.default_rng(seed)
    out = np.zeros((len(problem.names), samples))
    if around != "stakeholders":
        active = problem.weights > 0
        concentration = None if around == "uniform" else concentration_for(spread,
                                                                           int(active.sum()))
        out[active] = sample_weights(problem.weights[active], samples, rng, concentration)
        return out
    if not stakeholders:
        raise ScoringError("Give at least one stakeholder's weights to sample around them.")
    constant = np.all(problem.raw == problem.raw[0], axis=0)  # set aside by the scoring
    for index, (who, given) in enumerate(stakeholders.items()):
        unknown = sorted(set(given) - set(problem.names))
        if unknown:
            raise ScoringError(f"{who} weighs criteria that are not scored: {', '.join(unknown)}.")
        center = np.array([max(float(given.get(n, 0.0)), 0.0) for n in problem.names])
        center[constant] = 0.0
        if center.sum() <= 0:
            raise ScoringError(f"{who} gives every scored criterion weight 0.")
        active = center > 0
        columns = np.arange(index, samples, len(stakeholders))
        if len(columns):
            out[np.ix_(active, columns)] = sample_weights(
                center[active] / center.sum(), len(columns), rng,
                concentration_for(spread, int(active.sum())))
    return out


@dataclass(frozen=True)
class FundingRobustness:
    """Per candidate, the share of weight samples whose plan funds it, and its class."""

    table: pd.DataFrame  # index candidate_id: p_funded, class, typical_start, median_start, ...
    samples: int
    seed: int
    around: str
    spread: float | None
    gap: float
    method: str
    solves: int  # samples solved by the MIP; the others were certified without a solve
    certified: int
    stopped_early: int  # solves that hit the time limit before reaching the gap
    distinct_plans: int
    workers: int
    seconds: float
    core_at: float = 0.9
    out_at: float = 0.1
    notes: tuple[str, ...] = ()
    extra_sentences: tuple[str, ...] = ()

    def ids(self, kind: str) -> list[str]:
        """Candidate ids of one class (core, contested or out), most often funded first."""
        return self.table.index[self.table["class"] == kind].tolist()

    @property
    def core(self) -> list[str]:
        """Funded in at least `core_at` of the samples."""
        return self.ids(CORE)

    @property
    def contested(self) -> list[str]:
        """Funded under some weights and not others."""
        return self.ids(CONTESTED)

    @property
    def out(self) -> list[str]:
        """Funded in at most `out_at` of the samples."""
        return self.ids(OUT)

    @property
    def fixed(self) -> list[str]:
        """Funded or not because a decision says so, whatever the weights."""
        return self.ids(FIXED)

    @property
    def class_words(self) -> dict[str, str]:
        """Each class and its name as pages show it, in reading order."""
        return dict(CLASS_WORDS)

    def summary(self) -> pd.DataFrame:
        """The table as the roadmap workbook shows it (fiscal years as FY labels)."""
        frame = self.table[["p_funded", "class", "typical_start", "nominal_funded"]].copy()
        decided = frame["class"] == FIXED
        # A decision, not the weights, settles these: a chance would read as robustness.
        frame["p_funded"] = frame["p_funded"].astype(float).mask(decided)
        frame["class"] = [self.table.at[cid, "decision"] if kind == FIXED
                          else CLASS_WORDS[kind].lower() for cid, kind in frame["class"].items()]
        frame["typical_start"] = [f"FY{int(y)}" if pd.notna(y) else ""
                                  for y in frame["typical_start"]]
        frame["nominal_funded"] = frame["nominal_funded"].map({True: "yes", False: ""})
        return frame.rename(columns={"nominal_funded": "in_the_plan", "class": "standing"})

    def sentences(self) -> list[str]:
        """The headline in plain words."""
        how = AROUND[self.around] + (f" (spread {self.spread:.0%})"
                                     if self.spread is not None and self.around != "uniform"
                                     else "")
        lines = [f"The plan was re-optimized for {self.samples:,} sets of weights drawn {how}, "
                 f"seed {self.seed}, each plan within {100 * self.gap:.2g}% of the best for its "
                 f"weights. 'Chance funded' is the share of those plans that fund the project.",
                 f"{len(self.core)} projects are funded in at least {self.core_at:.0%} of them "
                 f"(the stable core), {len(self.out)} in at most {self.out_at:.0%} (stable out), "
                 f"and {len(self.contested)} depend on the weights (contested)."]
        if self.fixed:
            lines.append(f"{len(self.fixed)} more are fixed by a decision (mandatory, forced in "
                         "or out, a pinned start, or what those imply), not by the weights; "
                         "each says which.")
        return lines

    def with_sensitivity(self, *parts: Any) -> FundingRobustness:
        """A copy whose workbook notes add the sentences of one-way or budget sensitivity."""
        extra = [line for part in parts if part is not None for line in part.sentences()]
        return replace(self, extra_sentences=(*self.extra_sentences, *extra))

    def export_notes(self) -> list[str]:
        """Notes for the workbook's Robustness sheet: the headline, then any sensitivity."""
        return [*self.sentences(), *self.notes, *self.extra_sentences]

    def as_dict(self) -> dict[str, Any]:
        """The `robustness` part of `planner plan --format json`."""
        return {
            "samples": self.samples, "seed": self.seed, "around": self.around,
            "spread": self.spread, "gap": self.gap, "method": self.method,
            "thresholds": {"core": self.core_at, "out": self.out_at},
            "solves": self.solves, "certified": self.certified,
            "stopped_early": self.stopped_early, "distinct_plans": self.distinct_plans,
            "seconds": round(self.seconds, 2), "notes": list(self.notes),
            "candidates": [
                {"id": cid, "p_funded": round(float(row["p_funded"]), 4), "class": row["class"],
                 "fixed_by": row["decision"] or None,
                 "typical_start": _or_none(row["typical_start"], int),
                 "median_start": _or_none(row["median_start"], float),
                 "in_the_plan": bool(row["nominal_funded"])}
                for cid, row in self.table.iterrows()],
        }


def _or_none(value: Any, kind: type) -> Any:
    return None if pd.isna(value) else kind(value)


def fixed_by_decision(portfolio: Portfolio,
                      overrides: Overrides | None = None) -> dict[str, str]:
    """Candidates whose funding a decision settles, each with words saying which decision:
    "fixed: mandatory", "fixed: forced out by the council", "fixed: pinned to start in FY2029",
    and what those imply ("fixed: needed first by C-010, which is mandatory")."""
    given = overrides or Overrides()
    cands = portfolio.candidates
    own: dict[str, list[str]] = {cid: [] for cid in cands}
    for cid in cands:
        if cid in given.force_out:
            own[cid].append("forced out by the council")
        if cid in given.force_in:
            own[cid].append("forced in by the council")
        if cid in given.pin_start:
            own[cid].append(f"pinned to start in {fy(given.pin_start[cid])}")
        if cands[cid].mandatory:
            own[cid].append("mandatory")
    fixed = {cid: "fixed: " + ", ".join(why) for cid, why in own.items() if why}
    funded = [cid for cid in fixed if cid not in given.force_out]
    while funded:  # what a funded decision implies: its prerequisites in, its rivals out
        cid = funded.pop()
        what = ", ".join(own[cid]) or "itself fixed by a decision"
        for need in (n for n in cands[cid].requires if n in cands and n not in fixed):
            fixed[need] = f"fixed: needed first by {cid}, which is {what}"
            funded.append(need)
        group = cands[cid].alternative_group
        for rival in portfolio.alternative_groups.get(group or "", []):
            if rival not in fixed:
                fixed[rival] = f"fixed: either/or with {cid}, which is {what}"
    out = [cid for cid in fixed if cid in given.force_out]
    while out:  # what a forced-out project takes with it: everything that needs it
        cid = out.pop()
        for later in (d for d in portfolio.dependents(cid) if d not in fixed):
            fixed[later] = f"fixed: needs {cid}, which is out by a decision"
            out.append(later)
    return fixed


def classify(p_funded: float, core_at: float = 0.9, out_at: float = 0.1) -> str:
    """core, contested or out for a funding probability."""
    if p_funded >= core_at:
        return CORE
    return OUT if p_funded <= out_at else CONTESTED


def funding_robustness(portfolio: Portfolio, scores: ScoreResult, *, samples: int = 200,
                       seed: int = 0, around: str = "chosen", spread: float = 0.3,
                       stakeholders: Mapping[str, Mapping[str, float]] | None = None,
                       overrides: Overrides | None = None, gap: float | None = None,
                       time_limit: float | None = None, workers: int | None = None,
                       core_at: float = 0.9, out_at: float = 0.1,
                       progress: Progress | None = None,
                       resolver: Resolver | None = None) -> FundingRobustness:
    """Each candidate's chance of being funded when the weights vary, and its class.

    `spread` sets how far weights wander around the chosen (or a stakeholder's) weights;
    `gap` is the optimality gap each sample is solved to (default `sample_gap`);
    each solve stops at the gap or at `SAMPLE_NODES` branch-and-bound nodes, whichever comes
    first, so the result is the same in every run; `time_limit` (seconds per solve, none by
    default) is for interactive use, where a sample may then depend on timing. `workers` None starts
    worker processes once the solves left would take over about 15 s; 1 never does.
    `progress(done, total, eta_seconds)` is called as samples finish, last with done == total.
    Raises InfeasiblePlanError when no plan keeps the rules.
    """
    began = time.perf_counter()
    weights = weight_samples(scores, samples, seed=seed, around=around, spread=spread,
                             stakeholders=stakeholders)
    values = _sample_values(scores, weights)
    resolver = resolver or Resolver(portfolio, scores.value, overrides=overrides)
    gap = sample_gap(len(resolver.funded0)) if gap is None else float(gap)
    limit = float(time_limit) if time_limit is not None else NO_LIMIT_S
    run = SampleRounds(
        resolver, lambda k: resolver.costs(values[k]), samples, gap, limit, workers=workers,
        progress=progress, began=began, nodes=SAMPLE_NODES,
        # certificates hold only where plan values are linear in the weights
        certify_with=weights if method(scores.method).exact_contributions else None)
    run.run()
    table = _table(resolver, [resolver.starts(x) for x in run.kept if x is not None], core_at,
                   out_at, fixed_by_decision(portfolio, overrides))
    if progress is not None:
        progress(samples, samples, 0.0)
    return FundingRobustness(
        table=table, samples=samples, seed=seed, around=around,
        spread=None if around == "uniform" else spread, gap=gap, method=scores.method,
        solves=samples - run.certified, certified=run.certified,
        stopped_early=run.stopped, distinct_plans=len(run.seen),
        workers=run.most if run.executor is not None else 1,
        seconds=time.perf_counter() - began, core_at=core_at, out_at=out_at,
        notes=_stopped_note(run.stopped, samples, time_limit))


def _sample_values(scores: ScoreResult, weights: np.ndarray) -> list[dict[str, float]]:
    """Each sample's candidate values, re-scored for every sample at once."""
    problem = problem_of(scores)
    norm = scores.extra.get("normalization_key", "scale")
    values = batch_values(problem, scores.method, norm, weights)
    return [dict(zip(problem.ids, values[:, k], strict=True)) for k in range(values.shape[1])]


def _stopped_note(stopped: int, samples: int, limit: float | None) -> tuple[str, ...]:
    """A workbook note when some samples stopped at the work (or time) limit."""
    if not stopped:
        return ()
    where = (f"the {SAMPLE_NODES:,} branch-and-bound nodes each may take" if limit is None
             else f"the {limit:g} s time limit or the {SAMPLE_NODES:,} nodes each may take")
    return (f"{stopped} of the {samples} samples stopped at {where} before reaching the gap; "
            "their plans are the best found.",)


def _table(resolver: Resolver, plans: list[dict[str, int]], core_at: float,
           out_at: float, fixed: Mapping[str, str]) -> pd.DataFrame:
    """p_funded, class, the deciding decision and start years per candidate, most often
    funded first, those a decision fixes last."""
    nominal = {item.candidate_id: item.start_year for item in resolver.plan.funded}
    rows = []
    for cid in resolver.portfolio.candidates:
        starts = np.array([plan[cid] for plan in plans if cid in plan], dtype=float)
        share = len(starts) / len(plans) if plans else 0.0
        typical = median = np.nan
        if len(starts):
            years, tally = np.unique(starts, return_counts=True)
            typical = years[int(np.argmax(tally))]  # the most frequent; ties go to the earliest
            median = float(np.median(starts))
        rows.append({"candidate_id": cid, "p_funded": share,
                     "class": FIXED if cid in fixed else classify(share, core_at, out_at),
                     "decision": fixed.get(cid, ""),
                     "typical_start": pd.NA if np.isnan(typical) else int(typical),
                     "median_start": median, "nominal_funded": cid in nominal,
                     "nominal_start": nominal.get(cid, pd.NA)})
    frame = pd.DataFrame(rows).set_index("candidate_id")
    frame = frame.astype({"typical_start": "Int64", "nominal_start": "Int64"})
    order = frame.assign(_decided=frame["class"] == FIXED)
    order = order.sort_values(["_decided", "p_funded"], ascending=[True, False], kind="stable")
    return frame.loc[order.index]
