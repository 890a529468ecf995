"""What the registry knows about one MCDA method: its words, its scales, its numpy kernels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from planner.score.problem import Problem

ScoreKernel = Callable[[Problem, str], tuple[np.ndarray, dict[str, Any]]]
BatchKernel = Callable[[Problem, str, np.ndarray], np.ndarray]


def own_weights(problem: Problem) -> np.ndarray:
    """The problem's own weight vector as the one sample a batch kernel scores."""
    return problem.weights[:, None]


def no_checks(problem: Problem, normalization: str) -> None:
    """A method with nothing to check beyond the checks every method shares."""


def no_columns(problem: Problem, normalization: str) -> list[int]:
    """A method that can scale every criterion."""
    return []


def no_notes(extra: Mapping[str, Any]) -> list[str]:
    """A method with nothing to add to the result's notes."""
    return []


@dataclass(frozen=True)
class MethodSpec:
    """One MCDA method: how it is named and explained, what it checks, and how it scores.

    `batch` scores many weight vectors at once (criteria x samples in, candidates x samples
    of higher-is-better values out). `score` scores the problem's own weights, returning (the
    method's own index, extra figures); it sees only the weighted criteria. Both come from the
    same numpy code in the method's module, so they cannot drift apart; the tests check that
    code against scikit-criteria, an independent implementation.
    """

    key: str
    label: str  # short name for menus
    description: str  # plain words shown beside results (command line, JSON, app)
    council_words: str  # one sentence for the council workbook
    position: int  # where the method appears in lists, messages and comparisons
    normalizations: Mapping[str, str]  # normalization key -> plain words
    default_normalization: Callable[[Problem], str]
    scale_words: Callable[[Problem, str, int], str]  # (problem, normalization, criterion)
    score: ScoreKernel
    batch: BatchKernel
    unscalable: Callable[[Problem, str], list[int]] = no_columns
    check: Callable[[Problem, str], None] = no_checks  # raises ScoringError in plain words
    notes: Callable[[Mapping[str, Any]], list[str]] = no_notes  # from the score's extra
    lower_is_better: bool = False  # the index is lower-is-better; the value is 1 - index
    exact_contributions: bool = False  # contributions are weight x 0-1 score exactly
    aliases: tuple[str, ...] = ()  # other spellings, lower case without spaces or dashes
    score_note: str = ""  # how to read the score column, when the generic note is wrong

    def __post_init__(self) -> None:
        # A frozen spec should not change under its callers, its table of scales included.
        object.__setattr__(self, "normalizations", MappingProxyType(dict(self.normalizations)))
