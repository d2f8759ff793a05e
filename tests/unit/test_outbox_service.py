"""The outbox (coach/outbox.py) on SQLite and PostgreSQL: set, cancel, claim once, deliver."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, update

from coach.clock import FixedClock, OffsetClock, SystemClock, get_clock
from coach.outbox import (
    CANCELLED,
    CLAIMED,
    PENDING,
    REMINDER_INTENT,
    SENT,
    WAITING,
    Outbox,
)
from coach.privacy import forget_sender
from coach.reminders import quiet_until
from coach.store.models import OutboxMessage

START = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def outbox(engine, clock) -> Outbox:
    # Other tests' rows in the shared store must not be claimed here: cancel them all.
    with engine.begin() as conn:
        conn.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state.in_((PENDING, WAITING, CLAIMED)))
            .values(state=CANCELLED)
        )
    return Outbox(engine, clock)


def who() -> str:
    return f"u-{uuid.uuid4().hex[:12]}"


def test_the_migration_creates_the_table(engine):
    columns = {c["name"] for c in inspect(engine).get_columns("outbox")}
    assert {"sender_id", "channel", "kind", "due_at", "payload", "state", "claimed_by"} <= columns


def test_a_reminder_is_stored_and_a_new_one_replaces_it(outbox):
    person = who()
    first = outbox.schedule_reminder(person, "telegram", START + timedelta(hours=2))
    assert first.state == PENDING and first.intent == REMINDER_INTENT
    second = outbox.schedule_reminder(person, "telegram", START + timedelta(hours=3))
    pending = outbox.pending(person)
    assert [m.id for m in pending] == [second.id]
    assert pending[0].due_at == START + timedelta(hours=3) and pending[0].channel == "telegram"
    gone = outbox.get(first.id)
    assert gone is not None and gone.state == CANCELLED


def test_nothing_is_claimed_before_its_time_and_it_is_claimed_once(outbox, clock):
    person = who()
    message = outbox.schedule_reminder(person, "socketio", START + timedelta(hours=2))
    assert outbox.next_due() == START + timedelta(hours=2)
    assert outbox.claim_due("server-a") == []
    clock.move(2 * 3600)
    claimed = outbox.claim_due("server-a")
    assert [m.id for m in claimed] == [message.id] and claimed[0].state == CLAIMED
    assert outbox.claim_due("server-b") == []  # the other server finds nothing
    assert outbox.mark_sent(message.id, "server-b") is False  # not its claim
    assert outbox.mark_sent(message.id, "server-a") is True
    assert outbox.pending(person) == [] and outbox.next_due() is None
    final = outbox.get(message.id)
    assert final is not None and final.state == SENT


def test_a_cancelled_reminder_is_never_claimed(outbox, clock):
    person = who()
    outbox.schedule_reminder(person, "telegram", START + timedelta(minutes=5))
    assert outbox.cancel(person) == 1
    clock.move(3600)
    assert outbox.claim_due("server-a") == []
    assert outbox.pending(person) == []


def test_postponed_for_quiet_hours_it_comes_back_at_the_new_time(outbox, clock):
    message = outbox.schedule_reminder(who(), "telegram", START)
    [claimed] = outbox.claim_due("server-a")
    assert outbox.postpone(claimed.id, "server-a", START + timedelta(hours=8))
    assert outbox.claim_due("server-a") == []
    clock.move(8 * 3600)
    assert [m.id for m in outbox.claim_due("server-b")] == [message.id]


def test_a_web_chat_message_waits_for_its_person(outbox, clock):
    person = who()
    message = outbox.schedule_reminder(person, "socketio", START)
    [claimed] = outbox.claim_due("server-a")
    assert outbox.mark_waiting(claimed.id, "server-a")
    clock.move(3600)
    assert outbox.claim_due("server-a") == []  # not sent again on its own
    assert [m.state for m in outbox.pending(person)] == [WAITING]
    assert outbox.claim_waiting(who(), "server-b") == []
    assert [m.id for m in outbox.claim_waiting(person, "server-b")] == [message.id]
    assert outbox.claim_waiting(person, "server-a") == []  # once


def test_a_claim_a_dead_server_left_is_given_back(outbox, clock):
    message = outbox.schedule_reminder(who(), "telegram", START)
    outbox.claim_due("server-dead")
    assert outbox.release_stale() == 0
    clock.move(11 * 60)
    assert outbox.release_stale() == 1
    assert [m.id for m in outbox.claim_due("server-a")] == [message.id]


def test_deleting_a_persons_data_leaves_no_rows(outbox, engine):
    person, other = who(), who()
    outbox.schedule_reminder(person, "telegram", START + timedelta(hours=1))
    outbox.schedule(person, "telegram", "check_in", START + timedelta(days=7), {"intent": "x"})
    outbox.schedule_reminder(other, "telegram", START + timedelta(hours=1))
    counts = forget_sender(engine, person)
    assert counts["outbox"] == 2
    assert outbox.pending(person) == [] and len(outbox.pending(other)) == 1


def test_quiet_hours_at_firing_time():
    night = datetime(2026, 12, 5, 22, 30, tzinfo=timezone.utc)
    assert quiet_until(night, "UTC", 21 * 60, 8 * 60) == datetime(
        2026, 12, 6, 8, 0, tzinfo=timezone.utc
    )
    assert quiet_until(START, "UTC", 21 * 60, 8 * 60) is None
    assert quiet_until(night, "UTC", 0, 0) is None  # quiet hours off


def test_the_test_clock_moves_only_when_its_file_says(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_TEST_CLOCK_FILE", raising=False)
    assert isinstance(get_clock(), SystemClock)
    path = tmp_path / "clock"
    monkeypatch.setenv("COACH_TEST_CLOCK_FILE", str(path))
    clock = get_clock()
    assert isinstance(clock, OffsetClock) and clock.offset_s() == 0.0
    before = datetime.now(timezone.utc)
    clock.move(7200)
    assert OffsetClock(path).now() - before >= timedelta(hours=2)
    assert OffsetClock(path).now() - before < timedelta(hours=3)
