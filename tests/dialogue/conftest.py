"""Run custom actions as Rasa does: a Tracker from a dict and a CollectingDispatcher."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import use_memory, use_store
from actions.reminders import use_outbox
from coach.memory import Memory
from coach.outbox import Outbox
from coach.store.queries import GuidanceStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    merged: dict[str, Any] = {"slots": {}, "forms": {}, "responses": {}, "intents": []}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("slots", "forms", "responses"):
            merged[key].update(part.get(key) or {})
        merged["intents"] += part.get("intents") or []
    return merged


@pytest.fixture
def coach_store(sqlite_engine):
    store = GuidanceStore(sqlite_engine)
    use_store(store)
    use_memory(Memory(sqlite_engine))
    use_outbox(Outbox(sqlite_engine))
    yield store
    use_store(None)
    use_memory(None)
    use_outbox(None)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def tracker(
    slots: dict[str, Any] | None = None,
    intent: str = "greet",
    text: str = "hi",
    entities: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    events: list[dict[str, Any]] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    sender_id: str = "test-user",
    channel: str | None = None,
) -> Tracker:
    entities = [
        {"entity": e["entity"], "value": e["value"], "start": 0, "end": 1} for e in entities or []
    ]
    return Tracker.from_dict(
        {
            "sender_id": sender_id,
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.99},
                "intent_ranking": ranking or [{"name": intent, "confidence": 0.99}],
                "entities": entities,
            },
            "events": events
            or ([{"event": "user", "text": text, "input_channel": channel}] if channel else []),
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
