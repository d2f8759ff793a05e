"""The chart route's lookup: a PNG for the right token, nothing for any other."""

from __future__ import annotations

import pytest

from channels import charts
from coach.memory import Memory, chart_token


@pytest.fixture
def memory(sqlite_engine, monkeypatch) -> Memory:
    mem = Memory(sqlite_engine)
    monkeypatch.setattr(charts, "Memory", lambda: mem)
    monkeypatch.setenv("COACH_CHART_SECRET", "route-secret")
    return mem


def test_right_token_gives_a_png(memory):
    memory.record_check_in("chart-route-1", 3)
    memory.record_check_in("chart-route-1", 6)
    token = memory.chart_token("chart-route-1", "route-secret")
    png = charts.chart_for(token)
    assert png is not None and png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "token",
    [
        chart_token("chart-route-1", "another-secret"),
        chart_token("nobody", "route-secret"),
        "../../etc/passwd",
        "",
        "ABCDEF0123456789",
    ],
)
def test_any_other_token_gives_nothing(memory, token):
    memory.record_check_in("chart-route-1", 5)
    memory.chart_token("chart-route-1", "route-secret")
    assert charts.chart_for(token) is None


def test_no_check_ins_yet_gives_nothing(memory):
    token = memory.chart_token("chart-route-empty", "route-secret")
    assert charts.chart_for(token) is None
