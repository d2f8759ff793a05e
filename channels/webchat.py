"""The coach's socket.io channel for the web chat widget (``rasa-webchat``).

Rasa 3.6's ``SocketIOInput`` has two problems this subclass fixes:

- it creates its ``AsyncServer`` with ``cors_allowed_origins=[]``, which switches
  python-engineio's origin check off: any web page, on any site, could open a socket to
  the coach (browsers do not apply CORS to WebSockets). Here only the origins in
  ``COACH_CORS_ORIGINS`` (or the channel's ``cors_origins`` credential) may connect; a
  socket.io request from any other ``Origin`` is refused with 400 before it reaches the
  coach. Requests without an ``Origin`` header (not from a browser) are accepted, as
  python-engineio does.
- it calls ``sio.enter_room(...)`` without ``await``; python-socketio 5.10 made that a
  coroutine, so with session persistence the widget connects but never shows a reply
  (RasaHQ/rasa#13027). Here the result is awaited whenever it is awaitable, so the channel
  works with python-socketio 5.9 (pinned) and newer.

It also checks each ``user_uttered`` event: a session id and a text message of at most
``COACH_MAX_MESSAGE_CHARS`` characters; anything else gets a kind reply instead of an
error in the server log. Quick replies carry when they were sent (``channels.buttons``): one
tapped after the conversation restarted or a new session started (or one whose tap would
start a new session) gets a short note and never reaches the coach.

Session ids have one form only, the one the server generates: ``web:`` and 128 random
bits in hex (``coach.identity``). A session id the browser proposes in any other form
(short, numeric, a Telegram-style ``tg:...``) is replaced by a new one, so a web page can
never claim another channel's conversation. Messages are counted against the flood
limits per conversation and per client address (``channels/flood.py``): past them the
visitor gets one short message, then silence until the limit refills.

Configured in ``credentials.yml`` as ``channels.webchat.WebChatInput`` (in place of
``socketio:``); the channel keeps the name ``socketio`` and the path ``/socket.io``.
"""

from __future__ import annotations

import inspect
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.buttons import stamp, unstamp
from channels.conversation import ConversationClock
from channels.flood import client_address, get_guard, slow_down_text, use_proxy_settings
from channels.texts import channel_texts
from coach.identity import is_web_session_id, new_web_session_id
from coach.settings import get_settings, max_message_chars
from runtime.outbox import web_session_joined

logger = logging.getLogger(__name__)

# Sanic-CORS (Rasa's --cors) skips a request marked with this attribute; engine.io then
# sets the CORS headers itself, so a response never carries the header twice.
SANIC_CORS_EVALUATED = "_sanic_cors_e"
TEXTS = channel_texts("webchat")  # content/channels.yml
TOO_LONG = TEXTS["too_long"]
NOT_TEXT = TEXTS["not_text"]
EARLIER_CONVERSATION = TEXTS["earlier_conversation"]


class StampedSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output; each quick reply's payload says when it was sent.

    The widget sends the payload back when the reply is tapped (it shows the title), so
    the channel can tell a reply from an earlier session (``channels.buttons``).
    """

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send the text with stamped quick replies."""
        sent = time.time()
        stamped = [
            {**b, "payload": stamp(str(b.get("payload") or b.get("title") or ""), sent)}
            for b in buttons
        ]
        await super().send_text_with_buttons(recipient_id, text, stamped, **kwargs)


def parse_origins(raw: str | list[str] | None) -> list[str]:
    """Origins from a space- or comma-separated string (or a list), without ``*``.

    ``*`` would let any website talk to the coach, so it is dropped (with a warning).
    """
    items = raw if isinstance(raw, list) else str(raw or "").replace(",", " ").split()
    origins = []
    for item in items:
        origin = str(item).strip().rstrip("/")
        if not origin:
            continue
        if origin == "*":
            logger.warning("socket.io: ignoring '*' in the allowed origins; list each origin")
            continue
        origins.append(origin)
    return origins


class WebChatInput(SocketIOInput):
    """Rasa's socket.io channel with an origin allow-list and an awaited ``enter_room``."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's name, so trackers and ``output_channel=socketio`` still work."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Read the usual socket.io credentials plus ``cors_origins``."""
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", False),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
            cors_origins=parse_origins(credentials.get("cors_origins")),
        )

    def __init__(self, *args: Any, cors_origins: list[str] | None = None, **kwargs: Any) -> None:
        """Rasa's arguments, plus the allowed origins (default: ``COACH_CORS_ORIGINS``)."""
        super().__init__(*args, **kwargs)
        if not cors_origins:
            cors_origins = parse_origins(get_settings().cors_origins)
        self.cors_origins = cors_origins
        self.clock = ConversationClock()

    def get_output_channel(self) -> OutputChannel | None:
        """The stamped output, for messages the server sends on its own (reminders)."""
        if self.sio is None:
            return None
        return StampedSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with the origin check and safer event handlers."""
        base = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by SocketIOInput.blueprint
        # An empty list means "no check" to python-engineio; a list of origins means "only
        # these". With no origins configured, only requests without an Origin pass.
        sio.eio.cors_allowed_origins = list(self.cors_origins) or ["null-origin-never-sent"]
        namespace = self.namespace
        limit = max_message_chars()
        guard = get_guard()
        slow_down = slow_down_text()

        async def say(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=namespace)

        async def session_request(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not _valid_session_id(session_id):
                session_id = new_web_session_id()
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug("socket.io: %s joined its session", sid)
            if self.session_persistence:  # messages that waited for this person (outbox)
                await web_session_joined(str(session_id))

        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                await say(sid, NOT_TEXT)
                return
            text = data.get("message", "")
            if not isinstance(text, str):
                await say(sid, NOT_TEXT)
                return
            if len(text) > limit:
                await say(sid, TOO_LONG)
                return
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not _valid_session_id(sender_id):
                    logger.warning("socket.io: a message without a valid session id was ignored")
                    return
            else:
                sender_id = sid
            verdict = await guard.acheck(sender_id, _address(sio, sid, namespace))
            if not verdict.allowed:
                if verdict.notify:
                    await say(sid, slow_down)
                return
            text, sent_s = unstamp(text)
            if sent_s is not None and await self.clock.is_earlier(str(sender_id), sent_s):
                await say(sid, EARLIER_CONVERSATION)
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            message = UserMessage(
                text,
                StampedSocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            await on_new_message(message)

        # Replace Rasa's handlers for these two events (sio.on overwrites by name).
        sio.on("session_request", namespace=namespace)(session_request)
        sio.on(self.user_message_evt, namespace=namespace)(handle_message)

        # Rasa's own blueprint (``base``) is not registered: this one attaches the same
        # socket.io server and has the same health route.
        blueprint = OriginCheckedBlueprint(sio, self.socketio_path or "/socket.io", base.name)
        self.clock.attach(blueprint)
        use_proxy_settings(blueprint)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return blueprint


class OriginCheckedBlueprint(SocketBlueprint):
    """Attaches the socket.io server; engine.io alone answers CORS for its path."""

    def __init__(self, sio: Any, socketio_path: str, name: str) -> None:
        super().__init__(sio, socketio_path, name, __name__)

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        """Attach socket.io and keep Sanic-CORS from adding a second CORS header."""
        path = self.ctx.socketio_path.rstrip("/") or "/"

        async def leave_cors_to_engineio(request: Request) -> None:
            if request.path.rstrip("/") == path:
                setattr(request.ctx, SANIC_CORS_EVALUATED, "1")

        app.register_middleware(leave_cors_to_engineio, "request")
        super().register(app, options)


def _valid_session_id(value: Any) -> bool:
    """Only ids of the form the server generates (``web:`` + 128 random bits in hex)."""
    return is_web_session_id(value)


def _address(sio: Any, sid: str, namespace: str | None) -> str | None:
    """The client address of a socket (from the HTTP request that opened it)."""
    try:
        environ = sio.get_environ(sid, namespace=namespace) or {}
    except Exception:  # an unknown or closed socket
        return None
    request = environ.get("sanic.request")
    if request is None:
        return None
    return client_address(request)
