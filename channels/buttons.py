"""Buttons that know when they were sent, so a press from an earlier conversation is caught.

A channel that shows the coach's buttons (Telegram's inline keyboards, the web chat's
quick replies) stamps each button's payload with the time it was sent, in milliseconds:
``~<base36 ms>:<payload>``. When the button is pressed, the channel strips the stamp and
asks :func:`from_earlier_conversation` whether the conversation was restarted, or a new
session started, after the button was sent, or whether the press itself would start a
new session. Such a press gets a short note and never reaches the coach. No Rasa here.
"""

from __future__ import annotations

import re

STAMP_PREFIX = "~"
STAMP = re.compile(r"^~([0-9a-z]{1,12}):(.*)$", re.DOTALL)
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = DIGITS[rest] + out
        if number == 0:
            return out


def stamp(payload: str, sent_s: float) -> str:
    """``payload`` marked with the time (seconds since the epoch) its button was sent."""
    return f"{STAMP_PREFIX}{_base36(max(0, int(sent_s * 1000)))}:{payload}"


def unstamp(text: str) -> tuple[str, float | None]:
    """The payload and the time its button was sent (None: the text carries no stamp)."""
    match = STAMP.match(text)
    if not match:
        return text, None
    return match.group(2), int(match.group(1), 36) / 1000


def from_earlier_conversation(
    sent_s: float,
    started_s: float | None,
    last_user_s: float | None,
    expiry_minutes: float,
    now_s: float,
) -> bool:
    """Whether a button sent at ``sent_s`` belongs to an earlier conversation.

    ``started_s`` is when the conversation last restarted or started a session (None if
    never); ``last_user_s`` when the person last wrote, which with ``expiry_minutes``
    (Rasa's ``session_expiration_time``, 0 for never) tells whether this press would
    start a new session itself.
    """
    if started_s is not None and started_s > sent_s:
        return True
    if expiry_minutes > 0 and last_user_s is not None:
        return (now_s - last_user_s) / 60 > expiry_minutes
    return False
