"""Conversation ids per channel (coach/identity.py) and the migration of old Telegram ids."""

from __future__ import annotations

import datetime
import json

import pytest
from sqlalchemy import create_engine, func, insert, select

from coach.identity import (
    is_legacy_telegram_sender,
    is_web_session_id,
    new_web_session_id,
    reserved_namespace,
    telegram_chat_id,
    telegram_sender,
)
from coach.privacy import _tracker_metadata, person_tables, tracker_events
from coach.sender_migration import migrate_telegram_senders
from coach.store.models import ChartLink, MemoryPlan, TipOutcome


def test_telegram_ids_round_trip():
    assert telegram_sender(123456789) == "tg:123456789"
    assert telegram_sender(-100200) == "tg:-100200"
    assert telegram_chat_id("tg:123456789") == 123456789
    assert telegram_chat_id("tg:-100200") == -100200
    for other in ("123", "tg:", "tg:12a", "web:" + "0" * 32, "xtg:1"):
        assert telegram_chat_id(other) is None


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (new_web_session_id(), True),
        ("web:" + "ab" * 16, True),
        ("web:" + "ab" * 15, False),  # short
        ("12345678", False),  # numeric
        ("tg:12345678", False),  # Telegram-style
        ("web:" + "AB" * 16, False),
        ("ab" * 16, False),  # the form before the namespace
        (None, False),
        (12345, False),
    ],
)
def test_web_session_ids_have_one_form(value, ok):
    assert is_web_session_id(value) is ok


def test_reserved_namespaces():
    assert reserved_namespace("tg:1") == "telegram"
    assert reserved_namespace(" TG:1") == "telegram"
    assert reserved_namespace("web:x") == "web chat"
    assert reserved_namespace("12345") is None
    assert reserved_namespace("me") is None
    assert is_legacy_telegram_sender("12345") and is_legacy_telegram_sender("-100")
    assert not is_legacy_telegram_sender("tg:12345")


def user_event(sender: str, channel: str, ts: float) -> dict:
    data = {"event": "user", "text": "hi", "input_channel": channel, "timestamp": ts}
    return {
        "sender_id": sender,
        "type_name": "user",
        "timestamp": ts,
        "intent_name": None,
        "action_name": None,
        "data": json.dumps(data),  # as Rasa writes it: "input_channel": "telegram"
    }


def test_migration_moves_telegram_conversations_only(empty_engine, tmp_path):
    tracker = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    _tracker_metadata.create_all(tracker)
    with tracker.begin() as conn:
        conn.execute(
            insert(tracker_events),
            [
                user_event("5551", "telegram", 1.0),
                user_event("5551", "telegram", 2.0),
                user_event("7777", "rest", 1.0),  # a numeric REST sender stays
                user_event("tg:8888", "telegram", 5.0),  # already new
                user_event("8888", "telegram", 1.0),  # old id of a chat that wrote again
            ],
        )
    now = datetime.datetime.now(datetime.timezone.utc)
    with empty_engine.begin() as conn:
        conn.execute(
            insert(TipOutcome.__table__).values(
                sender_id="5551", tip_slug="a", outcome="helped", created_at=now
            )
        )
        for sender, token in (("8888", "old"), ("tg:8888", "new")):
            conn.execute(
                insert(ChartLink.__table__).values(sender_id=sender, token=token, created_at=now)
            )
        conn.execute(
            insert(MemoryPlan.__table__).values(sender_id="8888", tips="a", updated_at=now)
        )

    report = migrate_telegram_senders(tracker, empty_engine)
    assert report.conversations == 2 and report.tracker_events == 3

    def senders(engine, table) -> dict[str, int]:
        with engine.connect() as conn:
            rows = conn.execute(select(table.c.sender_id, func.count()).group_by(table.c.sender_id))
            return {str(s): int(n) for s, n in rows}

    assert senders(tracker, tracker_events) == {"tg:5551": 2, "7777": 1, "tg:8888": 2}
    tables = {t.name: t for t in person_tables()}
    assert senders(empty_engine, tables["memory_tip_outcomes"]) == {"tg:5551": 1}
    assert senders(empty_engine, tables["memory_chart_links"]) == {"tg:8888": 1}  # newer kept
    assert senders(empty_engine, tables["memory_plans"]) == {"tg:8888": 1}
    again = migrate_telegram_senders(tracker, empty_engine)
    assert again.conversations == 0  # idempotent
    assert "moved 2 Telegram conversation(s)" in report.summary()
    tracker.dispose()
