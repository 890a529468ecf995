"""The fund split: whole cents, every table adding up, no fund over what it has."""

from __future__ import annotations

import pytest

from planner.plan.optimize import optimize
from tests.factories import make_portfolio


def _cents(amount: float) -> bool:
    return abs(amount * 100 - round(amount * 100)) < 1e-6


@pytest.mark.parametrize("carry_over", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_spend_is_in_whole_cents_and_never_above_a_cap(seed: int, carry_over: bool) -> None:
    portfolio = make_portfolio(n=40, seed=seed, funds=("General", "Grant", "Enterprise"))
    portfolio = portfolio.replace(settings=portfolio.settings.model_copy(
        update={"carry_over": carry_over}))
    values = {cid: 1.0 + (int(cid[1:]) * 7919 % 97) / 10 for cid in portfolio.candidates}
    plan = optimize(portfolio, values)
    assert plan.funded
    used: dict[tuple[int, str], float] = {}
    for item in plan.funded:
        option_total = 0.0
        for year, by_fund in item.spend.items():
            for fund, amount in by_fund.items():
                assert _cents(amount), (item.candidate_id, year, fund, amount)
                used[(year, fund)] = used.get((year, fund), 0.0) + amount
            option_total += sum(by_fund.values())
        cost = portfolio.candidates[item.candidate_id].one_time_cost
        assert abs(option_total - cost) <= 0.01 * len(item.spend) + 1e-6  # a cent a year
    for fund in portfolio.funds:
        balance = 0.0
        for year in portfolio.fiscal_years:
            balance = (balance if carry_over else 0.0) + portfolio.capital_cap(year, fund)
            balance -= used.get((year, fund), 0.0)
            assert round(balance * 100) >= 0, (year, fund, balance)
    shown = plan.spend_by_year_fund()
    for (year, fund), amount in used.items():
        assert shown.loc[year, fund] == pytest.approx(amount, abs=1e-6)
