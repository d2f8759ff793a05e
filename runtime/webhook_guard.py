"""A guard in front of rasa-sdk's ``/webhook``: only the Rasa server, well-formed, no echo.

Every request except ``GET /health`` (and CORS preflights) must carry
``Authorization: Bearer <ACTION_SERVER_TOKEN>`` (the Rasa server sends it: ``headers`` of
``action_endpoint`` in endpoints.yml); anything else gets 401 before the body is read or
any action runs. The comparison takes constant time and the secret is never logged.

rasa-sdk 3.6 answers a JSON list or number, or an action call without a tracker, with a
500 whose body repeats the whole request (the person's messages included). The action
server is called only by the Rasa server, which never sends such bodies, but a server
should still say "bad request" to a bad request and never copy private text into an
error. :func:`install` adds three middlewares to rasa-sdk's app; ``runtime/patches.py``
calls it from rasa-sdk's plugin hook (``rasa_sdk_plugins``) before the server starts.
"""

from __future__ import annotations

import hmac
import json
import logging
import zlib
from typing import Any

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse

logger = logging.getLogger(__name__)

APP_NAME = "rasa_sdk"


OPEN_PATHS = frozenset({"/health"})


def authorized(header: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer <token>`` (constant time)."""
    if not token or header is None:
        return False
    expected = f"Bearer {token}".encode()
    return hmac.compare_digest(header.strip().encode("utf-8", "replace"), expected)


def require_token(token: str) -> Any:
    """Request middleware: 401 for any call without the shared secret (``/health`` is open)."""

    async def check_token(request: Request) -> HTTPResponse | None:
        if request.method == "OPTIONS" or request.path in OPEN_PATHS:
            return None
        if authorized(request.headers.get("Authorization"), token):
            return None
        return response.json(
            {"error": "Unauthorized: action calls must carry the action server's secret."},
            status=401,
            headers={"WWW-Authenticate": 'Bearer realm="reconnect-actions"'},
        )

    return check_token


def problem(body: Any) -> str | None:
    """Why an action call is malformed, or None when rasa-sdk can run it."""
    if not isinstance(body, dict):
        return "The body must be a JSON object (an action call)."
    action = body.get("next_action")
    if action is None:
        return None  # rasa-sdk answers this itself (nothing to run)
    if not isinstance(action, str):
        return None  # rasa-sdk answers 404 (no such action)
    tracker = body.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        return "An action call needs a 'tracker' object with a 'sender_id'."
    if not isinstance(body.get("domain", {}), dict):
        return "'domain' must be an object."
    return None


def _body(request: Request) -> Any:
    raw = request.body or b""
    if request.headers.get("Content-Encoding") == "deflate":
        raw = zlib.decompress(raw)
    return json.loads(raw)


async def check_call(request: Request) -> HTTPResponse | None:
    """Request middleware: 400 for a call rasa-sdk would fail on with a 500."""
    if request.method != "POST" or request.path != "/webhook":
        return None
    try:
        body = _body(request)
    except (ValueError, zlib.error):
        return None  # rasa-sdk answers unreadable JSON with its own 400
    reason = problem(body)
    if reason:
        return response.json({"error": reason}, status=400)
    return None


async def no_echo(request: Request, resp: BaseHTTPResponse) -> HTTPResponse | None:
    """Response middleware: a 500 says only that the action failed (details are logged)."""
    if resp.status >= 500:
        return response.json({"error": "The action failed; see the action server's log."}, 500)
    return None


def install(token: str | None = None, app: Sanic | None = None) -> bool:
    """Attach the guard to rasa-sdk's app (``app``, else the one in this process, if any).

    ``token`` defaults to ``ACTION_SERVER_TOKEN`` (or the one generated into ``var/``).
    """
    if app is None:
        try:
            app = Sanic.get_app(APP_NAME)
        except SanicException:  # no action server in this process (tests, tools)
            return False
    if getattr(app.ctx, "coach_guard", False):
        return True
    if token is None:
        import os

        from coach.settings import VAR_DIR, action_server_token

        token = action_server_token()
        if not os.environ.get("ACTION_SERVER_TOKEN", "").strip():
            logger.warning(
                "ACTION_SERVER_TOKEN is not set: using the one in %s; the Rasa server must send "
                "the same (run both through make or python -m coach.env)",
                VAR_DIR / "action_server_token",
            )
    app.register_middleware(require_token(token), "request")  # first: before the body is read
    app.register_middleware(check_call, "request")
    app.register_middleware(no_echo, "response")
    app.ctx.coach_guard = True
    logger.info(
        "Action calls are authenticated: every request but /health must carry "
        "Authorization: Bearer <ACTION_SERVER_TOKEN> (401 otherwise)."
    )
    return True
