"""Derived metrics, criteria, weights and the MCDA methods that score candidates."""
