"""Stamped button payloads and the earlier-conversation rule (channels/buttons.py)."""

from __future__ import annotations

import pytest

from channels.buttons import from_earlier_conversation, stamp, unstamp


@pytest.mark.parametrize("payload", ["/affirm", '/check_in{"score": "7"}', "", "a:b:c", "~x"])
def test_stamp_round_trip(payload):
    stamped = stamp(payload, 1_764_864_000.123)
    assert stamped.startswith("~") and len(stamped) <= len(payload) + 11
    assert unstamp(stamped) == (payload, 1_764_864_000.123)


@pytest.mark.parametrize("text", ["/affirm", "hello", "~chosen", "~ABC:x", "~:x", ""])
def test_text_without_a_stamp_is_left_alone(text):
    assert unstamp(text) == (text, None)


NOW = 1_000_000.0


@pytest.mark.parametrize(
    ("sent", "started", "last_user", "expiry", "earlier"),
    [
        (NOW - 10, None, NOW - 20, 60, False),  # same conversation, never restarted
        (NOW - 10, NOW - 30, NOW - 20, 60, False),  # sent after the session started
        (NOW - 10, NOW - 5, NOW - 5, 60, True),  # restarted after it was sent
        (NOW - 10, NOW - 10.001, NOW - 9, 60, False),  # sent just after the restart
        (NOW - 7200, NOW - 9000, NOW - 7300, 60, True),  # the press would start a session
        (NOW - 7200, NOW - 9000, NOW - 7300, 0, False),  # sessions never expire
    ],
)
def test_from_earlier_conversation(sent, started, last_user, expiry, earlier):
    assert from_earlier_conversation(sent, started, last_user, expiry, NOW) is earlier
