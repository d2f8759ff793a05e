"""When the action server is down or slow, the coach says so instead of falling silent.

Rasa 3.6 calls custom actions with a fixed 5-minute timeout and, when the call fails,
logs the error and says nothing to the person. :func:`guarded_run` replaces Rasa's
``RemoteAction.run`` so that a failed or timed-out call (after ``COACH_ACTION_TIMEOUT``
seconds, default 30) returns the response ``utter_action_unavailable`` instead; the
conversation stays where it was and carries on once the action server is back. A 400 from
the action server (a form rejecting its execution) still propagates, as Rasa expects.
Rasa offers no hook for this: ``runtime/patches.py`` installs it on the Rasa server.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.exceptions import RasaException

from coach.settings import action_timeout_s

logger = logging.getLogger(__name__)

RESPONSE = "utter_action_unavailable"
FALLBACK_TEXT = (
    "I'm sorry, I'm having a little trouble on my side right now. "
    "Please try again in a moment; I'll remember where we were."
)
ORIGINAL = RemoteAction.run  # Rasa's own, which the guard calls


async def _apology(nlg: Any, tracker: Any, output_channel: Any) -> list[Event]:
    message: dict[str, Any] | None = None
    try:
        message = await nlg.generate(RESPONSE, tracker, output_channel.name())
    except Exception:
        message = None
    text = (message or {}).get("text") or FALLBACK_TEXT
    return [BotUttered(text, metadata={"utter_action": RESPONSE})]


async def guarded_run(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    """``RemoteAction.run`` with a bounded wait and an apology instead of silence."""
    try:
        return await asyncio.wait_for(
            ORIGINAL(self, output_channel, nlg, tracker, domain), timeout=action_timeout_s()
        )
    except ActionExecutionRejection:
        raise
    except asyncio.TimeoutError:
        logger.error(
            "action server: %s did not answer within %ss (conversation %s)",
            self.name(),
            action_timeout_s(),
            tracker.sender_id,
        )
    except RasaException as exc:
        logger.error(
            "action server: %s failed: %s (conversation %s)",
            self.name(),
            exc.__class__.__name__,
            tracker.sender_id,
        )
    return await _apology(nlg, tracker, output_channel)
