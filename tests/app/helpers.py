"""Assertions shared by the AppTest files."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def no_errors(at: AppTest) -> None:
    """The page ran without an exception or an error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def metric(at: AppTest, label: str) -> str:
    """The value of the metric with this label."""
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric '{label}' among {[m.label for m in at.metric]}"
    return found[0]
