"""At the default log level, neither server writes what people say (text or entity values)."""

from __future__ import annotations

import uuid

from runtime.stack import Stack

# Distinctive words, so a hit in the logs can only come from these messages.
MARKER = "zorblat" + uuid.uuid4().hex[:6]


def conversation(stack: Stack) -> list[str]:
    who = f"logs-{uuid.uuid4().hex[:8]}"
    said = [
        f"hi, my name is {MARKER}",
        f"we feel like roommates since our newborn arrived {MARKER}",
        f'/inform{{"cause":"{MARKER}"}}',
        f"/{MARKER}",
        "a few months",
        f"<script>alert('{MARKER}')</script>",
        f"'; DROP TABLE events; -- {MARKER}",
    ]
    for text in said:
        assert stack.rest(who, text)
    return said


def test_logs_hold_no_message_text_or_entity_values(stack):
    conversation(stack)
    for name in ("rasa.log", "actions.log"):
        log = (stack.workdir / name).read_text(encoding="utf-8", errors="replace")
        assert MARKER not in log, f"{name} contains message text"
        assert "newborn" not in log, f"{name} contains an entity's text"
