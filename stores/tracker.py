"""Rasa's SQL tracker store, plus deleting a conversation when the person asks.

``action_delete_data`` (actions/privacy.py) empties the project's own tables and then sets
the slot ``data_deleted``. Rasa's ``SQLTrackerStore.save`` only appends the events it has
not stored yet, counted from the database: deleting rows behind its back would make it
write the whole conversation again. This subclass looks for that marker in the tracker it
is asked to save and, if present, deletes every stored event of the person (all sessions)
and writes nothing. The next message starts a fresh conversation.

The slot has a ``custom`` mapping, so only an action can set it (never a typed entity).
Configured in ``endpoints.yml`` with the same parameters as ``type: SQL``.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from stores import action_guard

logger = logging.getLogger(__name__)

DELETION_MARKER = "data_deleted"


def deletion_requested(tracker: DialogueStateTracker) -> bool:
    """Whether an action marked this conversation for deletion."""
    return any(
        isinstance(event, SlotSet) and event.key == DELETION_MARKER and event.value is True
        for event in tracker.events
    )


class CoachSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that deletes a conversation instead of saving it when marked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same parameters as Rasa's ``SQL`` tracker store (``url`` arrives as ``host``)."""
        kwargs.pop("type", None)
        super().__init__(*args, **kwargs)
        action_guard.install()  # Rasa has no hook for it; the tracker store is always built

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save new events, or delete the whole conversation if it is marked for deletion."""
        if not deletion_requested(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        logger.info("privacy: deleted a conversation at the person's request (%d events)", deleted)
