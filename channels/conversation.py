"""Whether a pressed button belongs to an earlier conversation, from the tracker store.

The Telegram and web chat channels stamp the buttons they show (``channels.buttons``); when
one is pressed they call :meth:`ConversationClock.is_earlier` before the press reaches
the coach. The clock reads the conversation's tracker (read only, never saved) from the
running agent: when it last restarted or started a session, and when the person last
wrote (a press after ``session_expiration_time`` would start a new session itself).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from rasa.shared.core.events import Restarted, SessionStarted, UserUttered
from sanic import Blueprint, Sanic

from channels.buttons import from_earlier_conversation

logger = logging.getLogger(__name__)


class ConversationClock:
    """Knows the running Rasa server's agent once the server has started."""

    def __init__(self) -> None:
        self.app: Sanic | None = None

    def attach(self, blueprint: Blueprint) -> None:
        """Remember the server's app when it starts (the agent lives in ``app.ctx``)."""

        async def remember(app: Sanic, *_: Any) -> None:
            self.app = app

        blueprint.listener("after_server_start")(remember)

    async def is_earlier(self, sender_id: str, sent_s: float) -> bool:
        """Whether a button sent at ``sent_s`` is from before the conversation's last start.

        Without an agent, or when the tracker store fails, the press is let through: the
        coach's own checks still apply to it.
        """
        agent = getattr(getattr(self.app, "ctx", None), "agent", None)
        store = getattr(agent, "tracker_store", None)
        if agent is None or store is None:
            return False
        try:
            tracker = await store.retrieve(sender_id)
        except Exception:  # a failing store must not lose the press
            logger.exception("could not read a conversation to check a button press")
            return False
        if tracker is None:
            return True  # nothing stored: the button cannot be from this conversation
        started = [
            e.timestamp for e in tracker.events if isinstance(e, (Restarted, SessionStarted))
        ]
        user = [e.timestamp for e in tracker.events if isinstance(e, UserUttered)]
        config = getattr(agent.domain, "session_config", None)
        expiry = float(getattr(config, "session_expiration_time", 0) or 0)
        return from_earlier_conversation(
            sent_s,
            max(started) if started else None,
            max(user) if user else None,
            expiry,
            time.time(),
        )
