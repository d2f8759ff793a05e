"""The Rasa server's outbox scheduler (runtime/outbox.py) on a stand-in for the server.

The stand-in has Rasa's own in-memory lock store and records what the scheduler asks the
processor to do; the outbox is real (SQLite and PostgreSQL) and the clock is moved by hand.
The same on real servers: tests/integration/test_outbox_server.py.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.lock_store import InMemoryLockStore
from sqlalchemy import update

from coach.clock import FixedClock
from coach.outbox import CANCELLED, CLAIMED, PENDING, SENT, WAITING, Outbox
from coach.privacy import forget_sender
from coach.store.models import OutboxMessage
from runtime import outbox as scheduler_module
from runtime.outbox import Scheduler

NOON = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)


class Processor:
    """Records the intents triggered, per conversation, with the output channel used."""

    def __init__(self) -> None:
        self.triggered: list[tuple[str, str, Any]] = []

    async def fetch_tracker_and_update_session(self, sender_id: str, output: Any) -> Any:
        return SimpleNamespace(sender_id=sender_id)

    async def trigger_external_user_uttered(
        self, intent: str, entities: Any, tracker: Any, output: Any
    ) -> None:
        await asyncio.sleep(0)  # let the other server run meanwhile
        self.triggered.append((tracker.sender_id, intent, output))


class Agent:
    def __init__(self, processor: Processor) -> None:
        self.processor = processor
        self.lock_store = InMemoryLockStore()

    def is_ready(self) -> bool:
        return True


class Channel:
    def __init__(self, name: str, output: Any, sio: Any = None) -> None:
        self._name, self.output, self.sio, self.namespace = name, output, sio, None

    def name(self) -> str:
        return self._name

    def get_output_channel(self) -> Any:
        return self.output


class Rooms:
    """python-socketio's manager, reduced to who is in which room."""

    def __init__(self) -> None:
        self.rooms: dict[str, set[str]] = {}

    def get_participants(self, namespace: str, room: str):
        if namespace != "/":
            raise KeyError(namespace)
        return iter([(sid, sid) for sid in self.rooms.get(room, set())])


TELEGRAM_OUT = object()
WEB_OUT = object()


def server(processor: Processor, rooms: Rooms) -> SimpleNamespace:
    channels = [
        Channel("telegram", TELEGRAM_OUT),
        Channel("socketio", WEB_OUT, SimpleNamespace(manager=rooms)),
        Channel("rest", None),
    ]
    return SimpleNamespace(ctx=SimpleNamespace(agent=Agent(processor), input_channels=channels))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    engine = request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
    with engine.begin() as conn:  # other tests' rows are not this test's business
        conn.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state.in_((PENDING, WAITING, CLAIMED)))
            .values(state=CANCELLED)
        )
    return engine


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOON)


@pytest.fixture
def quiet_off(monkeypatch):
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    monkeypatch.setenv("COACH_TIMEZONE", "UTC")


def who() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


async def test_a_due_reminder_is_delivered_once_through_its_channel(engine, clock, quiet_off):
    box, processor = Outbox(engine, clock), Processor()
    sched = Scheduler(server(processor, Rooms()), box, poll_s=10_000)
    person = who()
    row = box.schedule_reminder(person, "telegram", NOON + timedelta(hours=2))
    assert await sched.run_once() == pytest.approx(7200)  # wakes at the next due time
    assert processor.triggered == []
    clock.move(3600)
    assert await sched.run_once() == pytest.approx(3600)
    clock.move(3600)
    assert await sched.run_once() == pytest.approx(10_000)  # nothing due: the poll interval
    await sched.run_once()
    assert processor.triggered == [(person, "EXTERNAL_reminder", TELEGRAM_OUT)]
    final = box.get(row.id)
    assert final is not None and final.state == SENT


async def test_two_servers_deliver_every_row_exactly_once(engine, clock, quiet_off):
    box = Outbox(engine, clock)
    first, second = Processor(), Processor()
    a = Scheduler(server(first, Rooms()), Outbox(engine, clock), poll_s=30)
    b = Scheduler(server(second, Rooms()), Outbox(engine, clock), poll_s=30)
    people = [who() for _ in range(12)]
    for person in people:
        box.schedule_reminder(person, "telegram", NOON + timedelta(minutes=5))
    clock.move(600)
    await asyncio.gather(a.run_once(), b.run_once(), a.run_once(), b.run_once())
    delivered = sorted(p for p, _, _ in first.triggered + second.triggered)
    assert delivered == sorted(people)


async def test_quiet_hours_at_firing_time_postpone_it(engine, clock, monkeypatch):
    monkeypatch.setenv("COACH_TIMEZONE", "UTC")
    monkeypatch.setenv("COACH_QUIET_HOURS", "11:00-13:30")  # noon is quiet
    box, processor = Outbox(engine, clock), Processor()
    sched = Scheduler(server(processor, Rooms()), box, poll_s=30)
    person = who()
    box.schedule_reminder(person, "telegram", NOON)
    await sched.run_once()
    assert processor.triggered == []
    [row] = box.pending(person)
    assert row.state == PENDING and row.due_at == NOON.replace(hour=13, minute=30)
    clock.move(90 * 60)
    await sched.run_once()
    assert [p for p, _, _ in processor.triggered] == [person]


async def test_a_web_chat_person_not_connected_gets_it_when_they_come_back(
    engine, clock, quiet_off, monkeypatch
):
    box, processor, rooms = Outbox(engine, clock), Processor(), Rooms()
    sched = Scheduler(server(processor, rooms), box, poll_s=30)
    away, here = who(), who()
    rooms.rooms[here] = {"sid-1"}
    box.schedule_reminder(away, "socketio", NOON)
    box.schedule_reminder(here, "socketio", NOON)
    await sched.run_once()
    assert processor.triggered == [(here, "EXTERNAL_reminder", WEB_OUT)]
    assert [m.state for m in box.pending(away)] == [WAITING]
    clock.move(86_400)
    await sched.run_once()
    assert len(processor.triggered) == 1  # it waits; not sent to nobody
    monkeypatch.setattr(scheduler_module, "_running", sched)
    await scheduler_module.web_session_joined(away)  # what channels/webchat.py calls
    assert processor.triggered[-1] == (away, "EXTERNAL_reminder", WEB_OUT)
    assert box.pending(away) == []
    await scheduler_module.web_session_joined(away)
    assert len(processor.triggered) == 2  # once


async def test_rest_has_no_push_the_nudge_is_only_recorded(engine, clock, quiet_off):
    box, processor = Outbox(engine, clock), Processor()
    sched = Scheduler(server(processor, Rooms()), box, poll_s=30)
    person = who()
    box.schedule_reminder(person, "rest", NOON)
    await sched.run_once()
    [(sender, _, output)] = processor.triggered
    assert sender == person and isinstance(output, CollectingOutputChannel)


async def test_cancelled_and_deleted_rows_never_fire(engine, clock, quiet_off):
    box, processor = Outbox(engine, clock), Processor()
    sched = Scheduler(server(processor, Rooms()), box, poll_s=30)
    cancelled, deleted = who(), who()
    box.schedule_reminder(cancelled, "telegram", NOON + timedelta(minutes=1))
    box.schedule_reminder(deleted, "telegram", NOON + timedelta(minutes=1))
    box.cancel(cancelled)
    forget_sender(engine, deleted)
    clock.move(3600)
    await sched.run_once()
    assert processor.triggered == []


async def test_a_failed_delivery_is_tried_again_later(engine, clock, quiet_off):
    box, processor = Outbox(engine, clock), Processor()
    app = server(processor, Rooms())
    sched = Scheduler(app, box, poll_s=30)
    person = who()
    box.schedule_reminder(person, "telegram", NOON)

    async def broken(*_args: Any) -> None:
        raise RuntimeError("the tracker store is down")

    app.ctx.agent.processor.trigger_external_user_uttered = broken
    await sched.run_once()
    [row] = box.pending(person)
    assert row.due_at == NOON + timedelta(minutes=1)
    app.ctx.agent.processor = Processor()
    clock.move(60)
    await sched.run_once()
    assert [p for p, _, _ in app.ctx.agent.processor.triggered] == [person]
