"""Schedules, the optimization model, the solver, baselines, the fund split and reasons."""
