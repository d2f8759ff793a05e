"""The web chat's socket.io channel in a real Sanic server, with a stand-in coach (no model).

Rasa's configure_cors (what ``rasa run --cors`` does) is applied as in the real server, so
the CORS headers are checked as a browser sees them. tests/browser/test_widget.py drives
the real widget against the real Rasa server.
"""

from __future__ import annotations

import asyncio
import uuid

import aiohttp
import pytest
import socketio
from rasa.core.channels.channel import UserMessage
from rasa.server import configure_cors
from sanic import Sanic

from channels.buttons import unstamp
from channels.webchat import EARLIER_CONVERSATION, NOT_TEXT, TOO_LONG, WebChatInput, parse_origins
from coach.identity import is_web_session_id, new_web_session_id
from runtime.stack import free_port

ALLOWED = "http://localhost:8999"
OTHER = "http://evil.example"


class Coach:
    """Records messages and answers each with one text and two buttons."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        await message.output_channel.send_text_with_buttons(
            message.sender_id,
            f"you said {message.text}",
            [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        )


async def serve(channel: WebChatInput, coach: Coach, cors: list[str] | None = None):
    Sanic.test_mode = True
    app = Sanic(f"wc_{uuid.uuid4().hex[:8]}")
    configure_cors(app, cors if cors is not None else [ALLOWED])
    app.blueprint(channel.blueprint(coach), url_prefix="/webhooks/socketio")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    return server, f"http://127.0.0.1:{port}"


async def stop(server) -> None:
    await server.before_stop()
    await server.close()
    await server.after_stop()


def channel(origins: list[str] | None = None) -> WebChatInput:
    creds = {"session_persistence": True, "cors_origins": " ".join(origins or [ALLOWED])}
    return WebChatInput.from_credentials(creds)  # type: ignore[return-value]


async def handshake(url: str, origin: str | None) -> tuple[int, list[str], str]:
    headers = {"Origin": origin} if origin else {}
    async with (
        aiohttp.ClientSession() as http,
        http.get(
            f"{url}/socket.io/", params={"EIO": "4", "transport": "polling"}, headers=headers
        ) as resp,
    ):
        return (
            resp.status,
            resp.headers.getall("Access-Control-Allow-Origin", []),
            (await resp.text()),
        )


async def test_only_configured_origins_may_open_a_socket():
    server, url = await serve(channel(), Coach())
    try:
        status, acao, body = await handshake(url, ALLOWED)
        assert status == 200 and body.startswith("0{")  # an engine.io "open" packet
        assert acao == [ALLOWED]  # exactly once: Sanic-CORS leaves it to engine.io
        status, acao, body = await handshake(url, OTHER)
        assert status == 400 and "not an accepted origin" in body
        assert acao == []
        status, _, _ = await handshake(url, None)  # not a browser: no Origin, no CORS
        assert status == 200
    finally:
        await stop(server)


async def test_websocket_from_another_origin_is_refused():
    server, url = await serve(channel(), Coach())
    ws_url = f"{url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket"
    try:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws_url, headers={"Origin": OTHER})
            assert refused.value.status == 400
            ws = await http.ws_connect(ws_url, headers={"Origin": ALLOWED})
            msg = await ws.receive(timeout=10)
            assert msg.data.startswith("0{")
            await ws.close()
    finally:
        await stop(server)


class Client:
    """A socket.io client that behaves like rasa-webchat (session_request, user_uttered)."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.bot: asyncio.Queue[dict] = asyncio.Queue()
        self.session: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.sio.on("bot_uttered", self.bot.put_nowait)
        self.sio.on("session_confirm", self._confirmed)

    def _confirmed(self, session_id: str) -> None:
        if not self.session.done():
            self.session.set_result(session_id)

    async def connect(self, url: str, session_id: str | None = None) -> str:
        await self.sio.connect(url, headers={"Origin": ALLOWED}, transports=["polling"])
        await self.sio.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.session, 10)

    async def say(self, message, session_id: str | None) -> None:
        await self.sio.emit("user_uttered", {"message": message, "session_id": session_id})

    async def reply(self) -> dict:
        return await asyncio.wait_for(self.bot.get(), 10)


@pytest.mark.parametrize("coroutine_enter_room", [False, True])
async def test_replies_reach_the_session_room(coroutine_enter_room):
    """With python-socketio >= 5.10 ``enter_room`` is a coroutine: it must be awaited."""
    coach = Coach()
    chan = channel()
    server, url = await serve(chan, coach)
    if coroutine_enter_room:
        assert chan.sio is not None
        sync_enter_room = chan.sio.enter_room

        async def enter_room(*args, **kwargs):
            await asyncio.sleep(0)
            return sync_enter_room(*args, **kwargs)

        chan.sio.enter_room = enter_room  # type: ignore[method-assign]
    client = Client()
    try:
        session_id = await client.connect(url)
        assert is_web_session_id(session_id)
        await client.say("hello", session_id)
        reply = await client.reply()
        assert reply["text"] == "you said hello"
        assert [(r["content_type"], r["title"]) for r in reply["quick_replies"]] == [
            ("text", "Yes"),
            ("text", "No"),
        ]
        # Each payload says when it was sent.
        assert [unstamp(r["payload"])[0] for r in reply["quick_replies"]] == ["/affirm", "/deny"]
        assert coach.received[0].sender_id == session_id
        assert coach.received[0].input_channel == "socketio"
    finally:
        await client.sio.disconnect()
        await stop(server)


async def test_bad_messages_get_a_kind_reply_and_never_reach_the_coach():
    coach = Coach()
    server, url = await serve(channel(), coach)
    client = Client()
    try:
        old = new_web_session_id()
        session_id = await client.connect(url, old)
        assert session_id == old  # a returning visitor keeps their session
        await client.say("x" * 30_000, session_id)
        assert (await client.reply())["text"] == TOO_LONG
        await client.say({"not": "text"}, session_id)
        assert (await client.reply())["text"] == NOT_TEXT
        await client.sio.emit("user_uttered", ["a", "list"])
        assert (await client.reply())["text"] == NOT_TEXT
        await client.say("<script>alert(1)</script>", session_id)
        assert (await client.reply())["text"] == "you said <script>alert(1)</script>"
        assert [m.text for m in coach.received] == ["<script>alert(1)</script>"]
    finally:
        await client.sio.disconnect()
        await stop(server)


async def test_a_quick_reply_from_an_earlier_session_never_reaches_the_coach():
    """The tracker check is the clock's (channels/conversation.py); here it is stubbed."""
    coach = Coach()
    chan = channel()
    earlier: list[tuple[str, float]] = []

    async def is_earlier(sender_id: str, sent_s: float) -> bool:
        earlier.append((sender_id, sent_s))
        return len(earlier) > 1  # the first tap is current, the second from before

    chan.clock.is_earlier = is_earlier  # type: ignore[method-assign]
    server, url = await serve(chan, coach)
    client = Client()
    try:
        session_id = await client.connect(url)
        await client.say("hello", session_id)
        tapped = (await client.reply())["quick_replies"][0]["payload"]
        await client.say(tapped, session_id)
        assert (await client.reply())["text"] == "you said /affirm"  # the stamp is removed
        await client.say(tapped, session_id)
        assert (await client.reply())["text"] == EARLIER_CONVERSATION
        assert [m.text for m in coach.received] == ["hello", "/affirm"]
        assert [sender for sender, _ in earlier] == [session_id, session_id]
        assert earlier[0][1] == unstamp(tapped)[1]
    finally:
        await client.sio.disconnect()
        await stop(server)


@pytest.mark.parametrize(
    "proposed",
    [
        "s" * 500,  # huge
        "abc",  # short
        "123456789",  # numeric: a Telegram chat id before tg: ids
        "tg:123456789",  # a Telegram conversation id
        "web:123",  # the web chat's prefix, but not 128 bits
        "web:" + "A" * 32,  # upper-case hex is not what the server generates
        "3f2a" * 8,  # the old form (uuid4 hex without the namespace)
        "web:" + "0" * 32 + "\n",
    ],
)
async def test_a_session_id_of_any_other_form_is_replaced(proposed):
    coach = Coach()
    server, url = await serve(channel(), coach)
    client = Client()
    try:
        session_id = await client.connect(url, proposed)
        assert session_id != proposed and is_web_session_id(session_id)
        # A message naming the proposed id is ignored; only the server's id is used.
        await client.say("hello", proposed)
        await client.say("hello again", session_id)
        await client.reply()
        assert [m.sender_id for m in coach.received] == [session_id]
    finally:
        await client.sio.disconnect()
        await stop(server)


def test_generated_session_ids_are_128_random_bits_in_the_web_namespace():
    ids = {new_web_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    for value in ids:
        assert value.startswith("web:") and len(value) == 4 + 32 and is_web_session_id(value)
        assert int(value[4:], 16) >= 0


def test_origins_are_parsed_and_star_is_refused(monkeypatch):
    assert parse_origins("http://a:1  http://b:2/,http://c") == [
        "http://a:1",
        "http://b:2",
        "http://c",
    ]
    assert parse_origins("* http://a") == ["http://a"]
    assert parse_origins(["http://a/"]) == ["http://a"]
    monkeypatch.setenv("COACH_CORS_ORIGINS", "http://example.org")
    from coach.settings import get_settings

    get_settings.cache_clear()
    try:
        assert WebChatInput.from_credentials({}).cors_origins == [  # type: ignore[attr-defined]
            "http://example.org"
        ]
    finally:
        get_settings.cache_clear()
