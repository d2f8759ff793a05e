"""Whether logs may show what people write: never by default, loudly when switched on.

People tell the coach about the most private part of their lives, so the project's own
log lines carry ids, intents, action names and counts, never message text or entity
values. ``COACH_LOG_TEXT=1`` (for debugging on your own machine) adds the text to the
safety and command log lines, makes ``make run`` start Rasa with ``--debug`` (whose logs
include every message), and says so with a warning when each server starts.
"""

from __future__ import annotations

import logging

from coach.settings import log_text_enabled

WARNING = (
    "COACH_LOG_TEXT=1: the logs WILL CONTAIN WHAT PEOPLE WRITE (message text and entity "
    "values). Use this only for debugging with test conversations, never in production."
)

_announced: set[str] = set()


def text_note(text: object) -> str:
    """`` text='...'`` to append to a log line when text logging is on, else nothing."""
    if not log_text_enabled():
        return ""
    return f" text={str(text)[:500]!r}"


def announce(logger: logging.Logger) -> None:
    """Warn once per process and logger that text logging is on (does nothing when off)."""
    if log_text_enabled() and logger.name not in _announced:
        _announced.add(logger.name)
        logger.warning(WARNING)
