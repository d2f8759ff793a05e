"""The memory service on SQLite and PostgreSQL: plans, outcomes, check-ins, chart tokens."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect

from coach.chart import render_png
from coach.memory import Memory, chart_token, parse_score, trend
from coach.store.models import Base


@pytest.fixture(params=["sqlite", "postgresql"])
def memory(request) -> Memory:
    engine = request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
    return Memory(engine)


def who() -> str:
    return f"u-{uuid.uuid4().hex[:12]}"


def test_plan_is_saved_and_replaced(memory):
    person = who()
    assert memory.plan(person) is None
    memory.save_plan(person, ["a", "b", "c"], 1)
    plan = memory.plan(person)
    assert plan is not None and plan.tips == ("a", "b", "c") and plan.current == "b"
    memory.save_plan(person, ["a", "d", "c"], 2)
    plan = memory.plan(person)
    assert plan is not None and plan.tips == ("a", "d", "c") and plan.current == "c"
    assert memory.plan(who()) is None  # nobody else sees it


def test_outcomes_in_order_with_trimmed_notes(memory):
    person = who()
    memory.record_outcome(person, "tip-a", "not_done")
    memory.record_outcome(person, "tip-b", "not_helped", "  too awkward  ")
    memory.record_outcome(person, "tip-a", "helped", "x" * 900)
    items = memory.outcomes(person)
    assert [(o.tip_slug, o.outcome) for o in items] == [
        ("tip-a", "not_done"),
        ("tip-b", "not_helped"),
        ("tip-a", "helped"),
    ]
    assert items[1].note == "too awkward" and items[0].note is None
    assert len(items[2].note or "") == 500
    assert memory.latest_outcomes(person) == {"tip-a": "helped", "tip-b": "not_helped"}
    with pytest.raises(ValueError):
        memory.record_outcome(person, "tip-a", "great")


def test_check_ins_and_when_the_next_is_due(memory):
    person = who()
    assert memory.check_in_due(person)
    start = datetime(2026, 11, 1, 18, 0, tzinfo=timezone.utc)
    for days, score in ((0, 3), (7, 5), (14, 6)):
        memory.record_check_in(person, score, start + timedelta(days=days))
    scores = memory.check_ins(person)
    assert [s.score for s in scores] == [3, 5, 6]
    assert scores[-1].created_at == start + timedelta(days=14)
    assert not memory.check_in_due(person, at=start + timedelta(days=20))
    assert memory.check_in_due(person, at=start + timedelta(days=21))
    assert [s.score for s in memory.check_ins(person, limit=2)] == [5, 6]
    for bad in (0, 11):
        with pytest.raises(ValueError):
            memory.record_check_in(person, bad)


def test_chart_token_finds_only_its_person(memory):
    person, other = who(), who()
    token = memory.chart_token(person, "secret")
    assert token == chart_token(person, "secret") and person not in token
    assert memory.chart_token(person, "secret") == token  # stable
    assert memory.sender_for_token(token, "secret") == person
    assert memory.sender_for_token(chart_token(other, "secret"), "secret") is None
    assert memory.sender_for_token(token, "another-secret") is None  # secret rotated
    assert memory.sender_for_token("", "secret") is None
    assert memory.sender_for_token("0" * 500, "secret") is None


def test_forget_removes_every_row_of_a_person(memory):
    person, other = who(), who()
    for someone in (person, other):
        memory.save_plan(someone, ["a"], 0)
        memory.record_outcome(someone, "a", "helped", "note")
        memory.record_check_in(someone, 5)
        memory.chart_token(someone, "secret")
    assert memory.forget(person) == 4
    assert memory.plan(person) is None and memory.outcomes(person) == []
    assert (
        memory.check_ins(person) == []
        and memory.sender_for_token(chart_token(person, "secret"), "secret") is None
    )
    assert memory.plan(other) is not None and len(memory.check_ins(other)) == 1


def test_every_memory_table_is_keyed_by_sender_id_with_a_time(memory):
    """The privacy contract: "delete my data" deletes by ``sender_id`` in every such table."""
    tables = inspect(memory.engine).get_table_names()
    for name in ("memory_plans", "memory_tip_outcomes", "memory_check_ins", "memory_chart_links"):
        assert name in tables
        columns = {c.name for c in Base.metadata.tables[name].columns}
        assert "sender_id" in columns
        assert columns & {"created_at", "updated_at"}


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("7", 7),
        ("about a 6", 6),
        ("10/10", 10),
        ("I'd say 4 out of 10", 4),
        ("0", None),
        ("11", None),
        ("none", None),
        ("", None),
        ("123", None),
        (None, None),
    ],
)
def test_parse_score(text, score):
    assert parse_score(text) == score


def test_trend():
    assert trend([]) == "new" and trend([5]) == "new"
    assert trend([3, 5, 7]) == "up" and trend([7, 6, 4]) == "down"
    assert trend([5, 6, 5]) == "steady" and trend([1, 9, 2, 2, 2]) == "steady"


def test_chart_is_a_png(memory):
    person = who()
    memory.record_check_in(person, 4)
    memory.record_check_in(person, 7)
    png = render_png(memory.check_ins(person))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
