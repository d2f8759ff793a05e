"""Rename Telegram conversations from the bare chat id to ``tg:<chat id>`` (no Rasa here).

Before issue #24 a Telegram conversation's id was the chat id itself (``123456789``), which
the REST channel could name too. Now it is ``tg:123456789`` (``coach.identity``). This
moves every existing Telegram conversation to its new id, in Rasa's tracker store (table
``events``) and in every table of the project's store with a ``sender_id`` column, so
people carry on where they were. Only ids that are whole numbers and whose messages came
in through the Telegram channel are renamed; a REST conversation with a numeric sender
stays as it is.

If the chat has already written since the upgrade (a ``tg:`` conversation exists), the
old events are merged in front of the new ones (they are older), history rows (outcomes,
check-ins) are merged, and where a table holds one row per person (the plan, the chart
link) the newer row is kept and the old one deleted. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from coach.identity import is_legacy_telegram_sender, telegram_sender
from coach.privacy import SENDER_COLUMN, person_tables, tracker_events

TELEGRAM_MARK = '"input_channel": "telegram"'


@dataclass
class MigrationReport:
    """What :func:`migrate_telegram_senders` changed (counts only)."""

    conversations: int = 0
    tracker_events: int = 0
    project_rows: dict[str, int] = field(default_factory=dict)
    replaced_rows: int = 0

    def summary(self) -> str:
        """One line for the log (never ids or text)."""
        rows = sum(self.project_rows.values())
        return (
            f"moved {self.conversations} Telegram conversation(s) to tg:<chat id>: "
            f"{self.tracker_events} tracker event(s), {rows} row(s) in the coach's own tables"
            + (
                f", {self.replaced_rows} older row(s) replaced by newer ones"
                if self.replaced_rows
                else ""
            )
        )


def legacy_telegram_senders(tracker_engine: Engine) -> list[str]:
    """Numeric sender ids with at least one message from the Telegram channel."""
    if not inspect(tracker_engine).has_table(tracker_events.name):
        return []
    query = (
        select(tracker_events.c.sender_id)
        .where(tracker_events.c.type_name == "user")
        .where(tracker_events.c.data.contains(TELEGRAM_MARK))
        .distinct()
    )
    with tracker_engine.connect() as conn:
        senders = [str(row[0]) for row in conn.execute(query)]
    return sorted(s for s in senders if is_legacy_telegram_sender(s))


def migrate_telegram_senders(tracker_engine: Engine, store_engine: Engine) -> MigrationReport:
    """Rename every legacy Telegram conversation to ``tg:<chat id>`` (idempotent)."""
    report = MigrationReport()
    senders = legacy_telegram_senders(tracker_engine)
    if not senders:
        return report
    existing = set(inspect(store_engine).get_table_names())
    tables = [t for t in person_tables() if t.name in existing]
    # The project's rows first: an interrupted run is finished by the next one, because
    # the tracker events (which select the senders) move last.
    with store_engine.begin() as conn:
        for table in tables:
            column = table.c[SENDER_COLUMN]
            moved = 0
            for old in senders:
                new = telegram_sender(int(old))
                try:
                    with conn.begin_nested():
                        result = conn.execute(
                            update(table).where(column == old).values({SENDER_COLUMN: new})
                        )
                        moved += int(result.rowcount or 0)
                except IntegrityError:  # one row per person and the new id has one: keep it
                    result = conn.execute(delete(table).where(column == old))
                    report.replaced_rows += int(result.rowcount or 0)
            report.project_rows[table.name] = moved
    with tracker_engine.begin() as conn:
        for old in senders:
            result = conn.execute(
                update(tracker_events)
                .where(tracker_events.c.sender_id == old)
                .values(sender_id=telegram_sender(int(old)))
            )
            report.tracker_events += int(result.rowcount or 0)
    report.conversations = len(senders)
    return report
