"""The coach's tracker store: Rasa's SQL store, cheaper per turn, and able to forget.

Configured in ``endpoints.yml`` with the same parameters as ``type: SQL``.

**Deleting a conversation.** ``action_delete_data`` (actions/privacy.py) empties the
project's own tables and then sets the slot ``data_deleted``. Rasa's
``SQLTrackerStore.save`` only appends the events it has not stored yet, counted from the
database: deleting rows behind its back would make it write the whole conversation again.
This store looks for that marker in the tracker it is asked to save and, if present,
deletes every stored event of the person (all sessions) and writes nothing. The next
message starts a fresh conversation. The slot has a ``custom`` mapping, so only an action
can set it (never a typed entity).

**Per turn** (found with ``make bench BENCH_ARGS=--profile``: Rasa's store was about a
quarter of the Rasa server's time; see README, "Benchmarks"). ``COACH_SERVER_TUNING=0``
turns these off, so both can be measured:

- A SQLite file gets a connection pool. SQLAlchemy 1.4 opens a new connection for every
  session on a SQLite file (``NullPool``), so each retrieve and each save reconnected.
- ``save`` does not count the stored events to know which ones are new when the tracker
  came from this store's ``retrieve``: the number retrieved is that count (the lock store
  keeps a conversation to one turn at a time). Other trackers are counted as before. The
  new events go in with one ``executemany`` insert rather than one ORM object each, with
  the same columns and values.
- ``retrieve`` runs Rasa's query (same filters and order) for the ``data`` column only,
  built once rather than compiled again on every turn.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import Table, bindparam, func, insert, or_, select
from sqlalchemy.engine.url import make_url
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Select

from coach.settings import server_tuning_enabled

logger = logging.getLogger(__name__)

DELETION_MARKER = "data_deleted"
#: Set on a tracker by ``retrieve``: how many of its events are stored (its latest session).
STORED_EVENTS_ATTR = "_coach_stored_events"


def deletion_requested(tracker: DialogueStateTracker) -> bool:
    """Whether an action marked this conversation for deletion."""
    return any(
        isinstance(event, SlotSet) and event.key == DELETION_MARKER and event.value is True
        for event in tracker.events
    )


def engine_kwargs(url: Any) -> dict[str, Any]:
    """Rasa's engine arguments, plus a connection pool for a SQLite file."""
    kwargs = create_engine_kwargs(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        kwargs.update(poolclass=QueuePool, connect_args={"check_same_thread": False})
    return kwargs


def event_rows(tracker: DialogueStateTracker, start: int) -> Iterator[dict[str, Any]]:
    """The columns Rasa stores for each event from ``start`` on (as its ``save`` does)."""
    for evt in itertools.islice(tracker.events, start, len(tracker.events)):
        data = evt.as_dict()
        yield {
            "sender_id": tracker.sender_id,
            "type_name": evt.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }


@lru_cache(maxsize=8)
def events_query(table: Table, all_sessions: bool) -> Select:
    """Rasa's event query (``SQLTrackerStore._event_query``) for the ``data`` column, built once.

    The same filters and order: a conversation's events ordered by id, without
    ``all_sessions`` only those from the latest ``session_started`` event's timestamp on
    (all of them when there is none). Built once with a bound ``sender_id``, so SQLAlchemy
    does not compile a new statement and cache key on every turn.
    """
    sender = table.c.sender_id == bindparam("sender_id")
    query = select(table.c.data).where(sender).order_by(table.c.id)
    if all_sessions:
        return query
    session_start = (
        select(func.max(table.c.timestamp))
        .where(sender, table.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    return query.where(or_(table.c.timestamp >= session_start, session_start.is_(None)))


class CoachSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that deletes a conversation when marked, and costs less per turn."""

    def __init__(self, *args: Any, tuned: bool | None = None, **kwargs: Any) -> None:
        """Same parameters as Rasa's ``SQL`` tracker store (``url`` arrives as ``host``)."""
        kwargs.pop("type", None)
        super().__init__(*args, **kwargs)
        self.tuned = server_tuning_enabled() if tuned is None else tuned
        engine: sa.engine.Engine = self.engine  # type: ignore[has-type]
        pooled = engine_kwargs(engine.url)
        if self.tuned and pooled.get("poolclass") is QueuePool:
            engine.dispose()
            self.engine = sa.create_engine(engine.url, **pooled)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save new events, or delete the whole conversation if it is marked for deletion."""
        if deletion_requested(tracker):
            self._forget(tracker.sender_id)
        elif not self.tuned:
            await super().save(tracker)
        else:
            await self.stream_events(tracker)
            with self.session_scope() as session:
                rows = list(event_rows(tracker, self._stored_count(session, tracker)))
                if rows:
                    session.execute(insert(self.SQLEvent.__table__), rows)
                session.commit()
            setattr(tracker, STORED_EVENTS_ATTR, len(tracker.events))

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's ``_retrieve``, reading only the events' ``data`` column."""
        if not self.tuned:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        query = events_query(self.SQLEvent.__table__, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            result = session.execute(query, {"sender_id": sender_id})
            events = [json.loads(data) for (data,) in result]
        if not self.domain or not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions and len(tracker.events) == len(events):
            setattr(tracker, STORED_EVENTS_ATTR, len(events))
        return tracker

    def _stored_count(self, session: Any, tracker: DialogueStateTracker) -> int:
        """How many of the tracker's events (its latest session) are already stored."""
        known = getattr(tracker, STORED_EVENTS_ATTR, None)
        if isinstance(known, int) and known <= len(tracker.events):
            return known
        query = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False)
        return int(query.count())

    def _forget(self, sender_id: str) -> None:
        """Delete every stored event of the person (all sessions)."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        logger.info("privacy: deleted a conversation at the person's request (%d events)", deleted)
