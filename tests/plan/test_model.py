"""The plan model: start columns, then each constraint kind's rows, in the registry's order."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from planner.core.reasons import ReasonCode
from planner.plan import model as model_module
from planner.plan.baselines import greedy
from planner.plan.constraints import ELASTIC_GROUPS, KINDS, kind
from planner.plan.model import build_model
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def generated():
    p = make_portfolio(n=200, seed=1, with_staff=True, with_mandatory=True)
    return p, {cid: 1.0 + i % 5 for i, cid in enumerate(sorted(p.candidates))}


def test_row_groups_come_in_the_order_the_registry_lists_the_kinds(generated) -> None:
    model = build_model(*generated)
    declared = [group for k in KINDS for group in k.row_groups]
    present = list(dict.fromkeys(model.row_kind))
    assert present == [g for g in declared if g in present]
    assert present == ["assign", "demand", "capital", "staff", "requires", "alternative"]


def test_the_model_has_the_same_size_as_before_the_kinds_were_split_out(generated) -> None:
    model = build_model(*generated)
    assert model.matrix.shape == (353, 795) and model.matrix.nnz == 3728
    assert model.n_x == 735
    assert Counter(model.row_kind) == {"assign": 200, "requires": 87, "demand": 35,
                                       "capital": 15, "alternative": 11, "staff": 5}


def test_the_registry_names_each_kind_once_with_a_known_reason_code() -> None:
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names))
    assert all(k.reason is None or isinstance(k.reason, ReasonCode) for k in KINDS)
    groups = [g for k in KINDS for g in k.row_groups]
    assert len(groups) == len(set(groups))
    assert sorted(ELASTIC_GROUPS) == ["at_least", "at_most", "balance", "capital", "operating",
                                      "staff"]
    assert kind("budget").row_groups == ("demand", "capital")


def test_in_elastic_mode_only_capacity_rows_get_a_slack_and_values_count_nothing(
        generated) -> None:
    plain = build_model(*generated)
    elastic = build_model(*generated, elastic=True)
    assert sorted(elastic.slack_cols) == [r for r, g in enumerate(plain.row_kind)
                                          if g in ELASTIC_GROUPS]
    assert np.all(elastic.cost[: elastic.n_x] == 0.0)
    assert all(elastic.cost[col] == -1.0 for col in elastic.slack_cols.values())
    assert elastic.matrix.shape == (353, 795 + len(elastic.slack_cols))


def test_a_baselines_start_vector_keeps_every_row(generated) -> None:
    p, values = generated
    model = build_model(p, values)
    plan = greedy(p, values)
    x = model.start_vector({i.candidate_id: i.start_year for i in plan.funded},
                           {i.candidate_id: i.spend for i in plan.funded})
    activity = model.matrix @ x
    tol = 1e-7 * np.maximum(1.0, np.abs(activity))
    assert np.all(activity >= model.row_lower - tol)
    assert np.all(activity <= model.row_upper + tol)
    assert float(model.cost @ x) == pytest.approx(plan.objective)


def test_objective_for_rebuilds_the_models_own_costs(generated) -> None:
    p, values = generated
    model = build_model(p, values)
    assert np.allclose(model.objective_for(values), model.cost)


def test_without_a_kind_in_the_registry_its_rows_are_gone(generated, monkeypatch) -> None:
    monkeypatch.setattr(model_module, "KINDS", tuple(k for k in KINDS if k.name != "staff"))
    assert "staff" not in build_model(*generated).row_kind
