"""REST channel that rejects malformed requests with a clear 4xx instead of a 500.

Rasa's own ``RestInput`` assumes a JSON object and fails with a server error on a list,
a number or a missing field, and accepts messages of any size. This subclass checks the
body first: a JSON object with a text ``sender`` (at most 128 characters) and a text
``message`` (at most ``COACH_MAX_MESSAGE_CHARS``, default 20,000), else 400 or 413 with
a short JSON explanation. The webhook stays at ``/webhooks/rest/webhook``.

REST is for development and trusted back ends (docs/security.md):

- with ``COACH_REST_TOKEN`` set (the production layout sets one), every request must
  carry ``Authorization: Bearer <token>`` (401 otherwise, compared in constant time);
- a ``sender`` in another channel's namespace (``tg:...``, ``web:...``) is refused with
  403, so REST can never read or change a Telegram or web chat conversation;
- flood limits per conversation and per client address (``channels/flood.py``): past
  them, 429 with ``Retry-After`` and nothing reaches the coach.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.flood import client_address, get_guard, slow_down_text, use_proxy_settings
from coach.identity import reserved_namespace
from coach.logtext import announce
from coach.settings import max_message_chars, rest_token

logger = logging.getLogger(__name__)

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


def token_problem(request: Request, token: str) -> HTTPResponse | None:
    """401 unless the request carries ``Authorization: Bearer <token>`` (no token: open)."""
    if not token:
        return None
    given = (request.headers.get("Authorization") or "").strip().encode("utf-8", "replace")
    if hmac.compare_digest(given, f"Bearer {token}".encode()):
        return None
    resp = problem(401, "This REST channel requires a token (Authorization: Bearer ...).")
    resp.headers["WWW-Authenticate"] = 'Bearer realm="reconnect-rest"'
    return resp


def namespace_problem(sender: str) -> HTTPResponse | None:
    """403 for a sender id that belongs to another channel (Telegram, web chat)."""
    channel = reserved_namespace(sender)
    if channel is None:
        return None
    return problem(403, f"That conversation belongs to the {channel} channel; REST cannot use it.")


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
        announce(logger)
        token = rest_token()
        guard = get_guard()
        slow_down = slow_down_text()
        use_proxy_settings(blueprint)
        if token:
            logger.info("REST channel: requests must carry COACH_REST_TOKEN (401 otherwise)")
        else:
            logger.info("REST channel: open, no token (COACH_REST_TOKEN unset; development only)")

        @blueprint.on_request
        async def validate(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None  # the status route (GET /webhooks/rest/) stays open
            denied = token_problem(request, token)
            if denied is not None:
                return denied
            bad = check_body(request, limit)
            if bad is not None:
                return bad
            sender = str(json.loads(request.body)["sender"])
            bad = namespace_problem(sender)
            if bad is not None:
                return bad
            verdict = await guard.acheck(sender, client_address(request))
            if not verdict.allowed:
                resp = problem(429, slow_down)
                resp.headers["Retry-After"] = str(verdict.retry_after)
                return resp
            return None

        return blueprint
