"""A small soak through the REST channel (``make soak`` runs the full 50 x 20)."""

from __future__ import annotations

import asyncio

from scripts.soak import SCRIPT, replies_per_message, soak, unanswered_messages

# Every scripted message once (5 conversations x 20 turns; `make soak` runs 50 x 20).
TURNS = 20


def test_replies_are_counted_per_user_message_not_per_bot_event():
    events = [
        {"event": "user"}, {"event": "bot"}, {"event": "bot"},  # two replies to one message
        {"event": "user"}, {"event": "action"},                  # no reply
        {"event": "user"}, {"event": "bot"},
    ]  # fmt: skip
    assert replies_per_message(events) == (3, 1)


def test_a_silent_turn_is_reported_with_its_text():
    events = [
        {"event": "user", "text": "hi"}, {"event": "bot"},
        {"event": "user", "text": "<b>we never talk</b>"}, {"event": "action"},
        {"event": "user", "text": "thanks"}, {"event": "bot"},
    ]  # fmt: skip
    assert unanswered_messages(events) == (3, ["<b>we never talk</b>"])


def test_a_message_read_again_after_a_clarification_is_one_message():
    # Rasa's two-stage fallback reverts the answer to "Did you mean ...?" and reads it
    # again (same message_id) before replying: that reply answers the person's message.
    events = [
        {"event": "user", "text": "💔", "message_id": "a"}, {"event": "bot"},
        {"event": "user", "text": "<b>we never talk</b>", "message_id": "b"},
        {"event": "action"}, {"event": "rewind"}, {"event": "action"},
        {"event": "user", "text": "<b>we never talk</b>", "message_id": "b"}, {"event": "bot"},
        {"event": "user", "text": "thanks", "message_id": "c"},
    ]  # fmt: skip
    assert unanswered_messages(events) == (3, ["thanks"])


def test_the_small_soak_sends_the_whole_script():
    # A silent turn anywhere in SCRIPT (the markup one at turn 17 was one) must be reached.
    assert len(SCRIPT) <= TURNS


def test_concurrent_conversations_lose_nothing_and_answer_every_message(stack):
    results = asyncio.run(soak(stack.rasa_url, stack.token, users=5, turns=TURNS, timeout=600))
    assert [r.errors for r in results if r.errors] == []
    assert all(s < 500 for r in results for s in r.statuses)
    assert [r.user_events for r in results] == [TURNS] * 5
    assert [r.unanswered_texts for r in results] == [[]] * 5
    # Every REST response carries at least one message (the coach never stays silent).
    assert [[i for i, n in enumerate(r.replies) if n == 0] for r in results] == [[]] * 5
    assert [len(r.replies) for r in results] == [TURNS] * 5
