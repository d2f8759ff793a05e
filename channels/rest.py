"""REST channel that rejects malformed requests with a clear 4xx instead of a 500.

Rasa's own ``RestInput`` assumes a JSON object and fails with a server error on a list,
a number or a missing field, and accepts messages of any size. This subclass checks the
body first: a JSON object with a text ``sender`` (at most 128 characters) and a text
``message`` (at most ``COACH_MAX_MESSAGE_CHARS``, default 20,000), else 400 or 413 with
a short JSON explanation. The webhook stays at ``/webhooks/rest/webhook``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from coach.logtext import announce
from coach.settings import max_message_chars

MAX_SENDER_CHARS = 128


def problem(status: int, message: str) -> HTTPResponse:
    """A JSON error response."""
    return response.json({"status": status, "error": message}, status=status)


def check_body(request: Request, limit: int) -> HTTPResponse | None:
    """Why the body is unacceptable (as a response), or None when it is fine."""
    try:
        body: Any = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return problem(400, "The body must be JSON.")
    if not isinstance(body, dict):
        return problem(400, 'The body must be a JSON object: {"sender": ..., "message": ...}.')
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return problem(400, f"'sender' must be text of 1 to {MAX_SENDER_CHARS} characters.")
    if not isinstance(message, str):
        return problem(400, "'message' must be text.")
    if len(message) > limit:
        return problem(413, f"That message is too long: please keep it under {limit} characters.")
    return None


class CoachRestInput(RestInput):
    """Rasa's REST channel, with the request checked before it reaches the coach."""

    @classmethod
    def name(cls) -> str:
        """Keep the standard URL: /webhooks/rest/webhook."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The standard REST blueprint with a request check in front of the webhook."""
        blueprint = super().blueprint(on_new_message)
        limit = max_message_chars()
        announce(logging.getLogger(__name__))

        @blueprint.on_request
        async def validate(request: Request) -> HTTPResponse | None:
            if request.method == "POST" and request.path.endswith("/webhook"):
                return check_body(request, limit)
            return None

        return blueprint
