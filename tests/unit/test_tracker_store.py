"""The project's tracker store deletes a marked conversation instead of writing it back."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, func, select

from coach.privacy import tracker_events
from stores.tracker import CoachSQLTrackerStore, deletion_requested

DOMAIN = Domain.from_dict(
    {
        "slots": {
            "data_deleted": {
                "type": "bool",
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            }
        }
    }
)


def rows(url: str, sender: str) -> int:
    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        query = select(func.count()).select_from(tracker_events)
        n = conn.execute(query.where(tracker_events.c.sender_id == sender)).scalar_one()
    engine.dispose()
    return int(n)


def conversation(sender: str, text: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(sender, [], DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(text))
    tracker.update(BotUttered("hello"))
    return tracker


async def test_marked_conversation_is_deleted_not_rewritten(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = CoachSQLTrackerStore(domain=DOMAIN, host=url, dialect="sqlite", type="x")
    await store.save(conversation("ana", "we feel like roommates"))
    await store.save(conversation("ben", "hi"))
    assert rows(url, "ana") == 3

    tracker = await store.retrieve("ana")
    assert tracker is not None and not deletion_requested(tracker)
    tracker.update(UserUttered("yes"))
    tracker.update(ActionExecuted("action_delete_data"))
    tracker.update(SlotSet("data_deleted", True))
    assert deletion_requested(tracker)
    await store.save(tracker)

    assert rows(url, "ana") == 0  # every event, not only the latest session
    assert rows(url, "ben") == 3
    assert await store.retrieve("ana") is None
    # The next message starts afresh and is stored normally.
    await store.save(conversation("ana", "hello again"))
    assert rows(url, "ana") == 3


async def test_a_false_marker_saves_normally(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = CoachSQLTrackerStore(domain=DOMAIN, host=url, dialect="sqlite")
    tracker = conversation("ana", "hi")
    tracker.update(SlotSet("data_deleted", False))
    await store.save(tracker)
    assert rows(url, "ana") == 4
