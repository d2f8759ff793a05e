"""A person's right to be forgotten, and how long conversations are kept (no Rasa here).

Two places hold something about a person:

- Rasa's tracker store (table ``events``): every message and reply, keyed by ``sender_id``.
- The project's own store: every table in :data:`coach.store.models.Base.metadata` that has
  a ``sender_id`` column (found generically, so tables added later are covered too).

:func:`forget_sender` empties the project's tables for one person (the action server calls
it; the tracker store deletes the conversation itself, see ``stores/tracker.py``).
:func:`purge_inactive` removes, for everybody whose last message is older than the
retention period, both their tracker events and their project rows (``make purge``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine

from coach.store.models import Base

SENDER_COLUMN = "sender_id"

# The columns of Rasa's ``SQLTrackerStore`` table that retention needs (Rasa 3.6 schema).
_tracker_metadata = MetaData()
tracker_events = Table(
    "events",
    _tracker_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", String),
)


def person_tables(metadata: MetaData = Base.metadata) -> list[Table]:
    """Tables with a ``sender_id`` column, children before parents (safe deletion order)."""
    return [t for t in reversed(metadata.sorted_tables) if SENDER_COLUMN in t.c]


def forget_sender(
    engine: Engine, sender_id: str, metadata: MetaData = Base.metadata
) -> dict[str, int]:
    """Delete every row about ``sender_id`` from the project's tables; rows deleted per table.

    Tables in the metadata that the database does not have yet (a migration not applied)
    are skipped. Everything happens in one transaction: all or nothing.
    """
    return forget_senders(engine, [sender_id], metadata)


def forget_senders(
    engine: Engine, sender_ids: list[str], metadata: MetaData = Base.metadata
) -> dict[str, int]:
    """:func:`forget_sender` for several people at once."""
    counts: dict[str, int] = {}
    if not sender_ids:
        return counts
    existing = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        for table in person_tables(metadata):
            if table.name not in existing:
                continue
            deleted = 0
            for start in range(0, len(sender_ids), 500):
                chunk = sender_ids[start : start + 500]
                result = conn.execute(delete(table).where(table.c[SENDER_COLUMN].in_(chunk)))
                deleted += int(result.rowcount or 0)
            counts[table.name] = deleted
    return counts


def forget_conversation(tracker_engine: Engine, sender_id: str) -> int:
    """Delete one person's conversation (all sessions) from Rasa's tracker store."""
    with tracker_engine.begin() as conn:
        result = conn.execute(delete(tracker_events).where(tracker_events.c.sender_id == sender_id))
        return int(result.rowcount or 0)


def inactive_senders(tracker_engine: Engine, cutoff: float) -> list[str]:
    """People whose latest tracker event is older than ``cutoff`` (a Unix time)."""
    if not inspect(tracker_engine).has_table(tracker_events.name):
        return []
    last = func.max(tracker_events.c.timestamp)
    query = (
        select(tracker_events.c.sender_id)
        .group_by(tracker_events.c.sender_id)
        .having(last < cutoff)
    )
    with tracker_engine.connect() as conn:
        return [str(row[0]) for row in conn.execute(query)]


@dataclass
class PurgeReport:
    """What :func:`purge_inactive` removed."""

    senders: int = 0
    tracker_events: int = 0
    project_rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the log (counts only, never ids or text)."""
        rows = sum(self.project_rows.values())
        return (
            f"purged {self.senders} conversation(s): {self.tracker_events} tracker event(s), "
            f"{rows} row(s) in the coach's own tables"
        )


def purge_inactive(
    tracker_engine: Engine,
    store_engine: Engine,
    retention_days: int,
    now: float | None = None,
    metadata: MetaData = Base.metadata,
) -> PurgeReport:
    """Remove conversations whose last activity is more than ``retention_days`` before ``now``.

    ``now`` defaults to the current time (tests pass a fake clock). The project's rows go
    first, then the tracker events, so an interrupted purge is simply finished next time.
    """
    if retention_days < 1:
        raise ValueError("the retention period must be at least one day")
    now = time.time() if now is None else now
    senders = inactive_senders(tracker_engine, now - retention_days * 86_400)
    report = PurgeReport(senders=len(senders))
    if not senders:
        return report
    report.project_rows = forget_senders(store_engine, senders, metadata)
    with tracker_engine.begin() as conn:
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            result = conn.execute(
                delete(tracker_events).where(tracker_events.c.sender_id.in_(chunk))
            )
            report.tracker_events += int(result.rowcount or 0)
    return report
