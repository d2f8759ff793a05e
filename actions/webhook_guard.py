"""A guard in front of rasa-sdk's ``/webhook``: clear 4xx for malformed calls, no echo on 500.

rasa-sdk 3.6 answers a JSON list or number, or an action call without a tracker, with a
500 whose body repeats the whole request (the person's messages included). The action
server is called only by the Rasa server, which never sends such bodies, but a server
should still say "bad request" to a bad request and never copy private text into an
error. rasa-sdk offers no hook, but it creates its Sanic app before it imports this
package, so :func:`install` finds the app and adds two middlewares to it.
"""

from __future__ import annotations

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


def install() -> bool:
    """Attach the guard to rasa-sdk's app when it exists (it does in ``rasa run actions``)."""
    try:
        app = Sanic.get_app(APP_NAME)
    except SanicException:  # no action server in this process (tests, tools)
        return False
    if getattr(app.ctx, "coach_guard", False):
        return True
    app.register_middleware(check_call, "request")
    app.register_middleware(no_echo, "response")
    app.ctx.coach_guard = True
    logger.debug("action webhook guard installed")
    return True
