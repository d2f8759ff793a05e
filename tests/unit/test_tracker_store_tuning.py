"""The project's tracker store (tuned) stores and returns exactly what Rasa's own one does."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, select, text
from sqlalchemy.pool import QueuePool

from stores import tracker as coach_store
from stores.tracker import CoachSQLTrackerStore
from tests.conftest import PG_URL, skip_or_fail

DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "inform"],
        "slots": {"duration": {"type": "text", "mappings": [{"type": "custom"}]}},
        "responses": {"utter_hi": [{"text": "Hi"}]},
    }
)


def TunedStore(**kwargs: Any) -> CoachSQLTrackerStore:
    return CoachSQLTrackerStore(tuned=True, **kwargs)


StockStore = SQLTrackerStore  # Rasa's own


def turn(text: str, when: float) -> list[Event]:
    return [
        UserUttered(text, {"name": "inform", "confidence": 0.9}, timestamp=when),
        SlotSet("duration", text, timestamp=when + 0.1),
        ActionExecuted("utter_hi", timestamp=when + 0.2),
        BotUttered("Hi", timestamp=when + 0.3),
        ActionExecuted("action_listen", timestamp=when + 0.4),
    ]


def rows(store: SQLTrackerStore) -> list[tuple[Any, ...]]:
    table = store.SQLEvent.__table__
    with store.engine.connect() as conn:
        result = conn.execute(select(table).order_by(table.c.id))
        return [tuple(row)[1:] for row in result]  # all columns but the id


async def conversation(store: SQLTrackerStore) -> list[DialogueStateTracker | None]:
    """Three turns, a new session, one more turn; a tracker not from `retrieve`; a rewrite."""
    seen: list[DialogueStateTracker | None] = []
    tracker = DialogueStateTracker("alex", DOMAIN.slots)
    tracker.update_with_events(
        [ActionExecuted("action_session_start", timestamp=1.0)], DOMAIN, override_timestamp=False
    )
    tracker.update_with_events([SessionStarted(timestamp=1.1)], DOMAIN, override_timestamp=False)
    await store.save(tracker)
    for i, said in enumerate(["about a year", "since the baby", "both"]):
        loaded = await store.retrieve("alex")
        assert loaded is not None
        loaded.update_with_events(turn(said, 10.0 + i), DOMAIN, override_timestamp=False)
        await store.save(loaded)
        await store.save(loaded)  # saving twice stores nothing new
        seen.append(await store.retrieve("alex"))
    loaded = await store.retrieve("alex")
    assert loaded is not None
    loaded.update_with_events(
        [ActionExecuted("action_session_start", timestamp=50.0), SessionStarted(timestamp=50.1)],
        DOMAIN,
        override_timestamp=False,
    )
    await store.save(loaded)
    loaded = await store.retrieve("alex")
    assert loaded is not None
    loaded.update_with_events(turn("yes", 60.0), DOMAIN, override_timestamp=False)
    await store.save(loaded)
    # a tracker built elsewhere (e.g. from the HTTP API) holding the stored events and one more
    fresh = DialogueStateTracker.from_dict(
        "alex", [e.as_dict() for e in loaded.events], DOMAIN.slots
    )
    fresh.update_with_events(turn("start", 70.0), DOMAIN, override_timestamp=False)
    await store.save(fresh)
    seen.append(await store.retrieve("alex"))
    seen.append(await store.retrieve_full_tracker("alex"))
    seen.append(await store.retrieve("nobody"))
    return seen


def store_at(cls: Any, path: Path) -> SQLTrackerStore:
    return cls(domain=DOMAIN, host=f"sqlite:///{path}")


async def test_tuned_store_keeps_what_rasa_keeps(tmp_path):
    stock = store_at(StockStore, tmp_path / "stock.db")
    tuned = store_at(TunedStore, tmp_path / "tuned.db")
    stock_seen = await conversation(stock)
    tuned_seen = await conversation(tuned)
    assert rows(tuned) == rows(stock)
    assert len(rows(tuned)) == 2 + 3 * 5 + 2 + 5 + 5
    assert [t.current_state() if t else None for t in tuned_seen] == [
        t.current_state() if t else None for t in stock_seen
    ]


@pytest.fixture
def pg_schemas() -> Iterator[list[str]]:
    """Two fresh PostgreSQL schemas (stock, tuned), dropped afterwards."""
    schemas = [f"trk_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = create_engine(PG_URL, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.begin() as conn:
            for schema in schemas:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    yield [f"{PG_URL}?options=-csearch_path%3D{schema}" for schema in schemas]
    with admin.begin() as conn:
        for schema in schemas:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


async def test_tuned_store_keeps_what_rasa_keeps_on_postgresql(pg_schemas):
    stock = StockStore(domain=DOMAIN, host=pg_schemas[0])
    tuned = TunedStore(domain=DOMAIN, host=pg_schemas[1])
    try:
        stock_seen = await conversation(stock)
        tuned_seen = await conversation(tuned)
        assert rows(tuned) == rows(stock)
        assert [t.current_state() if t else None for t in tuned_seen] == [
            t.current_state() if t else None for t in stock_seen
        ]
    finally:
        stock.engine.dispose()
        tuned.engine.dispose()


async def test_a_retrieved_tracker_saves_without_counting(tmp_path, monkeypatch):
    tuned = store_at(TunedStore, tmp_path / "tuned.db")
    await tuned.save(DialogueStateTracker.from_events("sam", turn("hi", 1.0), DOMAIN.slots))
    loaded = await tuned.retrieve("sam")
    assert loaded is not None
    assert getattr(loaded, coach_store.STORED_EVENTS_ATTR) == 5

    def no_count(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("counted the stored events")

    monkeypatch.setattr(SQLTrackerStore, "_event_query", no_count)
    loaded.update_with_events(turn("again", 2.0), DOMAIN, override_timestamp=False)
    await tuned.save(loaded)
    monkeypatch.undo()
    assert len(rows(tuned)) == 10


@pytest.mark.parametrize(
    ("url", "pooled"),
    [("sqlite:////tmp/tracker.db", True), ("sqlite://", False), ("sqlite:///:memory:", False)],
)
def test_sqlite_files_get_a_connection_pool(url, pooled):
    kwargs = coach_store.engine_kwargs(url)
    assert (kwargs.get("poolclass") is QueuePool) is pooled


def test_the_tracker_store_uses_the_pool_unless_tuning_is_off(tmp_path, monkeypatch):
    assert isinstance(store_at(TunedStore, tmp_path / "t.db").engine.pool, QueuePool)
    monkeypatch.setenv("COACH_SERVER_TUNING", "0")
    plain = CoachSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'p.db'}")
    assert not plain.tuned and not isinstance(plain.engine.pool, QueuePool)
