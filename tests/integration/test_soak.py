"""A small soak through the REST channel (``make soak`` runs the full 50 x 20)."""

from __future__ import annotations

import asyncio

from scripts.soak import replies_per_message, soak


def test_replies_are_counted_per_user_message_not_per_bot_event():
    events = [
        {"event": "user"}, {"event": "bot"}, {"event": "bot"},  # two replies to one message
        {"event": "user"}, {"event": "action"},                  # no reply
        {"event": "user"}, {"event": "bot"},
    ]  # fmt: skip
    assert replies_per_message(events) == (3, 1)


def test_ten_concurrent_conversations_lose_nothing(stack):
    results = asyncio.run(soak(stack.rasa_url, stack.token, users=10, turns=8, timeout=600))
    assert [r.errors for r in results if r.errors] == []
    assert all(s < 500 for r in results for s in r.statuses)
    assert [r.user_events for r in results] == [8] * 10
    assert sum(r.unanswered for r in results) == 0
