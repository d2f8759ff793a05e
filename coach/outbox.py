"""The outbox: every message the coach means to send later is a row (plain Python, no Rasa).

A reminder ("remind me tomorrow evening"), a nudge, a check-in offer is written here when
it is set, marked when it is cancelled, and claimed and marked sent by whichever Rasa
server's scheduler (``runtime/outbox.py``) gets to it first. Claiming is one
``UPDATE ... WHERE claimed_by IS NULL``: with several servers sharing the database, a row
is delivered by exactly one of them. Rows live in the store's ``outbox`` table (migration
0006); its ``sender_id`` column puts them under "delete my data" and ``make purge``.

States: ``pending`` (waiting for its time) -> ``claimed`` (a server is delivering it) ->
``sent``; ``pending`` -> ``cancelled``; ``claimed`` -> ``waiting`` (a web chat person who
is not connected: shown when they next open the chat) -> ``claimed`` -> ``sent``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from coach.clock import Clock, get_clock
from coach.store.db import get_engine, session_scope
from coach.store.models import OutboxMessage

PENDING, CLAIMED, SENT, CANCELLED, WAITING = "pending", "claimed", "sent", "cancelled", "waiting"
REMINDER = "reminder"
REMINDER_INTENT = "EXTERNAL_reminder"  # the intent a reminder triggers (domain/memory.yml)
# What "stop reminders" stops: everything the coach would send unasked.
REMINDER_KINDS = (REMINDER, "nudge", "check_in")
STALE_CLAIM = timedelta(minutes=10)  # a claim this old belonged to a server that died


def utc(value: datetime) -> datetime:
    """``value`` as UTC-aware (SQLite gives naive UTC datetimes back)."""
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Message:
    """One outbox row, as the scheduler and the actions see it."""

    id: int
    sender_id: str
    channel: str
    kind: str
    due_at: datetime
    state: str
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def intent(self) -> str:
        """The intent delivering it triggers in the conversation."""
        return str(self.payload.get("intent") or REMINDER_INTENT)

    @property
    def entities(self) -> dict[str, Any]:
        """Entities to pass with the intent."""
        value = self.payload.get("entities")
        return value if isinstance(value, dict) else {}


def _message(row: OutboxMessage) -> Message:
    try:
        payload = json.loads(row.payload or "{}")
    except ValueError:
        payload = {}
    return Message(
        id=row.id,
        sender_id=row.sender_id,
        channel=row.channel,
        kind=row.kind,
        due_at=utc(row.due_at),
        state=row.state,
        payload=payload if isinstance(payload, dict) else {},
    )


class Outbox:
    """Writes, cancels, claims and marks the outbox's rows; one short transaction per call."""

    def __init__(self, engine: Engine | None = None, clock: Clock | None = None) -> None:
        """Use ``engine`` (default: ``COACH_DB_URL``) and ``clock`` (default: the real time)."""
        self.engine = engine or get_engine()
        self.clock = clock or get_clock()

    def now(self) -> datetime:
        """The clock's time."""
        return utc(self.clock.now())

    # --- setting and cancelling (the action server) ---------------------------------

    def schedule(
        self,
        sender_id: str,
        channel: str,
        kind: str,
        due_at: datetime,
        payload: dict[str, Any] | None = None,
        replace: bool = True,
    ) -> Message:
        """Write a message to send at ``due_at``.

        ``replace`` cancels the person's earlier ones of the same kind (one reminder per
        person, as before).
        """
        now = self.now()
        with session_scope(self.engine) as session:
            if replace:
                session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.sender_id == sender_id,
                        OutboxMessage.kind == kind,
                        OutboxMessage.state.in_((PENDING, WAITING)),
                    )
                    .values(state=CANCELLED, updated_at=now)
                )
            row = OutboxMessage(
                sender_id=sender_id,
                channel=channel or "",
                kind=kind,
                due_at=utc(due_at),
                payload=json.dumps(payload or {}, sort_keys=True),
                state=PENDING,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return _message(row)

    def schedule_reminder(self, sender_id: str, channel: str, due_at: datetime) -> Message:
        """A reminder (it triggers ``EXTERNAL_reminder``), replacing the person's last one."""
        return self.schedule(sender_id, channel, REMINDER, due_at, {"intent": REMINDER_INTENT})

    def cancel(self, sender_id: str, kinds: Iterable[str] = REMINDER_KINDS) -> int:
        """Cancel the person's messages of ``kinds`` not yet sent; how many were cancelled."""
        with session_scope(self.engine) as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.sender_id == sender_id,
                    OutboxMessage.kind.in_(list(kinds)),
                    OutboxMessage.state.in_((PENDING, WAITING)),
                )
                .values(state=CANCELLED, updated_at=self.now())
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def pending(self, sender_id: str) -> list[Message]:
        """The person's messages still to be sent (pending or waiting), soonest first."""
        with session_scope(self.engine) as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.sender_id == sender_id,
                    OutboxMessage.state.in_((PENDING, WAITING)),
                )
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
            ).all()
            return [_message(r) for r in rows]

    def all(self, sender_id: str) -> list[Message]:
        """Every row of the person's, whatever its state, oldest first."""
        with session_scope(self.engine) as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.sender_id == sender_id)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
            ).all()
            return [_message(r) for r in rows]

    def get(self, message_id: int) -> Message | None:
        """One row by id (None when it is gone, e.g. its person deleted their data)."""
        with session_scope(self.engine) as session:
            row = session.get(OutboxMessage, message_id)
            return _message(row) if row is not None else None

    # --- delivering (the Rasa servers' schedulers) ----------------------------------

    def next_due(self) -> datetime | None:
        """When the soonest pending message is due (None when there is none)."""
        with session_scope(self.engine) as session:
            value = session.scalar(
                select(func.min(OutboxMessage.due_at)).where(OutboxMessage.state == PENDING)
            )
            return utc(value) if value is not None else None

    def _claim(self, message_id: int, worker: str, states: tuple[str, ...]) -> Message | None:
        """Claim one row for ``worker``; None when another server (or a cancel) got there first."""
        now = self.now()
        with session_scope(self.engine) as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == message_id,
                    OutboxMessage.claimed_by.is_(None),
                    OutboxMessage.state.in_(states),
                )
                .values(state=CLAIMED, claimed_by=worker, claimed_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if int(getattr(result, "rowcount", 0) or 0) != 1:
                return None
            row = session.get(OutboxMessage, message_id)
            return _message(row) if row is not None else None

    def claim_due(self, worker: str, limit: int = 20) -> list[Message]:
        """Claim up to ``limit`` messages due now; each is this worker's alone."""
        now = self.now()
        with session_scope(self.engine) as session:
            ids = session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.state == PENDING, OutboxMessage.due_at <= now)
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
                .limit(limit)
            ).all()
        claimed = [self._claim(i, worker, (PENDING,)) for i in ids]
        return [m for m in claimed if m is not None]

    def claim_waiting(self, sender_id: str, worker: str) -> list[Message]:
        """Claim the person's messages that waited for them to connect (web chat)."""
        with session_scope(self.engine) as session:
            ids = session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.sender_id == sender_id, OutboxMessage.state == WAITING)
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
            ).all()
        claimed = [self._claim(i, worker, (WAITING,)) for i in ids]
        return [m for m in claimed if m is not None]

    def _set(self, message_id: int, worker: str, **values: Any) -> bool:
        """Change a row this worker claimed; False when it is no longer its (or is gone)."""
        with session_scope(self.engine) as session:
            result = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == worker)
                .values(updated_at=self.now(), **values)
                .execution_options(synchronize_session=False)
            )
            return int(getattr(result, "rowcount", 0) or 0) == 1

    def mark_sent(self, message_id: int, worker: str) -> bool:
        """The message was delivered."""
        return self._set(message_id, worker, state=SENT)

    def mark_waiting(self, message_id: int, worker: str) -> bool:
        """The person is not connected: keep it for their next session."""
        return self._set(message_id, worker, state=WAITING, claimed_by=None, claimed_at=None)

    def postpone(self, message_id: int, worker: str, due_at: datetime) -> bool:
        """Not now (quiet hours): back to pending, due at ``due_at``."""
        return self._set(
            message_id, worker, state=PENDING, due_at=utc(due_at), claimed_by=None, claimed_at=None
        )

    def release_stale(self, older_than: timedelta = STALE_CLAIM) -> int:
        """Give back claims a server never finished (it died mid-delivery); how many."""
        now = self.now()
        with session_scope(self.engine) as session:
            result = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.state == CLAIMED, OutboxMessage.claimed_at < now - older_than)
                .values(state=PENDING, claimed_by=None, claimed_at=None, updated_at=now)
            )
            return int(getattr(result, "rowcount", 0) or 0)
