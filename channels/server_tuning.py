"""Per-turn speed-ups for the Rasa server, installed when its channels load.

``credentials.yml`` names the project's channels, so the Rasa server imports this
package at start-up (the action server and training never do). Found with
``make bench BENCH_ARGS=--profile`` (py-spy on the Rasa server under load; see README,
"Benchmarks"):

1. Rasa 3.6 checks every action server response with ``jsonschema.validate``, which first
   validates the (large, constant) response schema itself against its meta-schema, on
   every call. That was about a quarter of the Rasa server's busy time: the coach calls the
   action server on most turns (forms, plan steps). Here the schema is checked once and
   one validator is reused; every response is still validated in full and an invalid one
   raises the same ``ValidationError`` as before.
2. SQLite connections opened by the Rasa server (its SQL tracker store, the default) use
   ``journal_mode=WAL`` and ``synchronous=NORMAL``: a turn's commit appends to the
   write-ahead log instead of syncing a rollback journal and the database. A power cut can
   lose the last turns but never corrupts the file. PostgreSQL is untouched.
3. Rasa's SQL tracker store, per turn (measured again with the TF-IDF intent classifier,
   when the store was about a quarter of the Rasa server's time):

   - SQLite databases get a connection pool. SQLAlchemy 1.4 opens a new connection for
     every session on a SQLite file (``NullPool``), so each retrieve and each save
     reconnected and ran the pragmas above; SQLAlchemy 2.0 pools them the same way.
   - ``save`` no longer counts the stored events to know which ones are new when the
     tracker came from this store's ``retrieve``: the number retrieved is that count (the
     lock store keeps the conversation to one turn at a time). Other trackers are counted
     as before. The new events are inserted in one ``executemany`` rather than one ORM
     object each, with the same columns and values.
   - ``retrieve`` runs the same query (filters and order) for the ``data`` column only,
     built once rather than an ORM query compiled again on every turn, instead of loading
     an ORM object per event.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core import tracker_store
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import Table, bindparam, event, func, insert, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Select

_installed = False
#: Set on a tracker by ``retrieve``: how many of its events are stored (its latest session).
STORED_EVENTS_ATTR = "_coach_stored_events"
_stock_engine_kwargs = tracker_store.create_engine_kwargs
#: Rasa's own methods, kept for tests that compare the two.
STOCK_SAVE = SQLTrackerStore.save
STOCK_RETRIEVE = SQLTrackerStore._retrieve


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    """A validator for Rasa's action response schema, the schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` does, without re-checking the schema."""
    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL and synchronous=NORMAL on every new SQLite connection of this process."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def engine_kwargs(url: Any) -> dict[str, Any]:
    """Rasa's engine arguments, plus a connection pool for a SQLite file."""
    kwargs = _stock_engine_kwargs(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        kwargs.update(poolclass=QueuePool, connect_args={"check_same_thread": False})
    return kwargs


def stored_count(store: SQLTrackerStore, session: Any, tracker: DialogueStateTracker) -> int:
    """How many of the tracker's events (its latest session) are already stored."""
    known = getattr(tracker, STORED_EVENTS_ATTR, None)
    if isinstance(known, int) and known <= len(tracker.events):
        return known
    query = store._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False)
    return int(query.count())


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


async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """``SQLTrackerStore.save``: only the new events, in one insert."""
    await self.stream_events(tracker)
    with self.session_scope() as session:
        rows = list(event_rows(tracker, stored_count(self, session, tracker)))
        if rows:
            session.execute(insert(self.SQLEvent.__table__), rows)
        session.commit()
    setattr(tracker, STORED_EVENTS_ATTR, len(tracker.events))


@lru_cache(maxsize=8)
def events_query(table: Table, all_sessions: bool) -> Select:
    """Rasa's event query (``SQLTrackerStore._event_query``) for the ``data`` column, built once.

    The same filters and order: a conversation's events ordered by id, without
    ``all_sessions`` only those from the latest ``session_started`` event's timestamp on
    (all of them when there is none). Built once with a bound ``sender_id``, so SQLAlchemy
    does not compile a new statement and cache key on every turn, which took most of
    ``retrieve``'s time.
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


async def retrieve_latest(
    self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
) -> DialogueStateTracker | None:
    """``SQLTrackerStore._retrieve``, reading only the events' ``data`` column."""
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


def install() -> None:
    """Apply the speed-ups (once per process)."""
    global _installed
    if _installed:
        return
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    event.listen(Engine, "connect", sqlite_pragmas)
    tracker_store.create_engine_kwargs = engine_kwargs
    SQLTrackerStore.save = save  # type: ignore[method-assign]
    SQLTrackerStore._retrieve = retrieve_latest  # type: ignore[method-assign]
    _installed = True
