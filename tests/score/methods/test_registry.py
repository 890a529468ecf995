"""The method registry: it finds every module, and each method scores alike one weight vector
at a time (through evaluate) and many at once (its batch kernel)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import numpy as np
import pytest

import planner.score.methods as registry
from planner.errors import ScoringError
from planner.score.mcda import evaluate
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import score_portfolio
from tests.factories import make_portfolio
from tests.score.methods.problems import random_problem, with_weights

METHODS_DIR = Path(registry.__file__).parent
ROOT = Path(__file__).resolve().parents[3]
SEEDS = range(8)


def _cases() -> list[tuple[str, str]]:
    return [(key, norm) for key in registry.METHOD_KEYS
            for norm in registry.method(key).normalizations]


def test_the_registry_finds_every_method_module() -> None:
    modules = {p.stem for p in METHODS_DIR.glob("*.py") if not p.stem.startswith("_")}
    assert set(registry.METHOD_KEYS) == modules
    for key in registry.METHOD_KEYS:
        assert registry.method(key).key == key


def test_every_method_has_its_own_test_file() -> None:
    here = Path(__file__).parent
    missing = [k for k in registry.METHOD_KEYS if not (here / f"test_{k}.py").exists()]
    assert missing == []


def test_methods_are_listed_in_their_familiar_order_with_short_labels() -> None:
    assert registry.METHOD_KEYS == ("wsm", "wpm", "topsis", "vikor")
    assert dict(registry.METHOD_LABELS) == {"wsm": "Weighted sum", "wpm": "Weighted product",
                                      "topsis": "TOPSIS", "vikor": "VIKOR"}
    assert registry.DEFAULT_METHOD in registry.METHOD_KEYS


@pytest.mark.parametrize("key", registry.METHOD_KEYS)
def test_every_spec_explains_itself_and_defaults_to_a_scale_it_accepts(key: str) -> None:
    spec = registry.method(key)
    assert spec.label and spec.description and spec.council_words
    assert spec.normalizations and all(spec.normalizations.values())
    for seed in SEEDS:
        assert spec.default_normalization(random_problem(seed)) in spec.normalizations
    if spec.lower_is_better:
        assert "lower is better" in spec.score_note


def test_a_spec_cannot_be_changed_under_its_callers() -> None:
    spec = registry.method("wsm")
    with pytest.raises(FrozenInstanceError):
        spec.label = "Sum"  # type: ignore[misc]
    with pytest.raises(TypeError):
        spec.normalizations["scale"] = "other"  # type: ignore[index]


def test_every_normalization_belongs_to_exactly_one_method() -> None:
    owners = [key for key in registry.METHOD_KEYS for _ in registry.method(key).normalizations]
    assert len(owners) == len(registry.NORMALIZATIONS)
    for norm in registry.NORMALIZATIONS:
        assert norm in registry.normalization_owner(norm).normalizations
    with pytest.raises(ScoringError, match="no normalization called 'log'"):
        registry.normalization_owner("log")


@pytest.mark.parametrize("name, key", [("WSM", "wsm"), (" weighted sum ", "wsm"),
                                       ("SAW", "wsm"), ("Weighted-Product", "wpm"),
                                       ("TOPSIS", "topsis"), (None, "wsm"), ("", "wsm")])
def test_natural_spellings_find_their_method(name: str | None, key: str) -> None:
    assert registry.method_key(name) == key
    assert registry.method(name).key == key


def test_an_unknown_method_names_every_choice() -> None:
    with pytest.raises(ScoringError, match="no scoring method called 'electre'.*"
                                           "wsm, wpm, topsis, vikor"):
        registry.method("electre")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("key, normalization", _cases())
def test_scores_and_batch_values_agree_on_random_problems(key: str, normalization: str,
                                                         seed: int) -> None:
    problem = random_problem(seed, positive=normalization == "ratio",
                             anchored=normalization in ("scale", "lifted"),
                             zero_weight=seed % 2 == 1)
    rng = np.random.default_rng(seed + 100)
    weights = rng.dirichlet(np.ones(len(problem.names)), size=5).T  # criteria x samples
    weights[:, 0] = problem.weights
    if seed % 2 == 1:  # a criterion left out of every sample, as SMAA does
        weights[0] = 0.0
        weights /= weights.sum(axis=0)
    values = batch_values(problem, key, normalization, weights)
    assert values.shape == (len(problem.ids), weights.shape[1])
    for k in range(weights.shape[1]):
        outcome = evaluate(with_weights(problem, weights[:, k]), key, normalization)
        assert values[:, k] == pytest.approx(outcome.value, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("key", registry.METHOD_KEYS)
def test_lower_is_better_indices_turn_into_higher_is_better_values(key: str,
                                                                   seed: int) -> None:
    spec = registry.method(key)
    problem = random_problem(seed, positive=True)
    outcome = evaluate(problem, key)
    assert outcome.higher_is_better is not spec.lower_is_better
    batch = batch_values(problem, key, outcome.normalization, problem.weights[:, None])[:, 0]
    if spec.lower_is_better:
        assert outcome.value == pytest.approx(1.0 - outcome.score)
        assert np.argmin(outcome.score) == np.argmax(batch)
    else:
        assert outcome.value == pytest.approx(outcome.score)
        assert np.argmax(outcome.score) == np.argmax(batch)
    assert batch == pytest.approx(outcome.value, abs=1e-12)


def test_importing_the_registry_loads_neither_scikit_criteria_nor_scipy() -> None:
    code = ("import sys, planner.score.methods as m; m.method('vikor'); "
            "print(sorted({n.split('.')[0] for n in sys.modules} & {'skcriteria', 'scipy'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("key", registry.METHOD_KEYS)
def test_the_kernels_agree_on_a_scored_portfolio_at_its_chosen_weights(key: str) -> None:
    result = score_portfolio(make_portfolio(n=40, seed=7), method=key)
    problem = problem_of(result)
    values = batch_values(problem, key, result.extra["normalization_key"],
                          problem.weights[:, None])
    assert values[:, 0] == pytest.approx(result.value.to_numpy(), abs=1e-12)
