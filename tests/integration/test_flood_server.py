"""Flood limits on a real Rasa server: REST, socket.io and the Telegram webhook (issue 24).

The stack runs with the limits on, in memory (one server), with every window five times
shorter than the defaults (``coach.settings.DEFAULT_PER_CONVERSATION``: 15 per 15 s and
40 per minute become 15 per 3 s and 40 per 12 s). The typist below sends one message
every 0.4 s for 24 s: against these windows that is exactly a person sending one message
every 2 s for 2 minutes against the defaults (the same number of messages in every window).
``tests/unit/test_flood.py`` replays the real two minutes with a fake clock and the real
defaults, and checks X-Forwarded-For on a real Sanic server (counting per address here
would depend on how fast the server reads requests). The limits across two servers
sharing Redis are in ``tests/scale/``.

No test here measures time: they count replies, refusals and stored events.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from channels import telegram_api as tg
from channels.flood import slow_down_text
from runtime.stack import Stack, model_path, running_stack
from tests.integration.fake_telegram import FakeTelegram, Updates, wait_until

TOKEN = "515151:FAKE-flood"
SECRET = "flood-secret_" + "y" * 20
ORIGIN = "http://localhost:8080"  # allowed by the default COACH_CORS_ORIGINS
SCALE = 5  # every window is five times shorter than the default
FLOOD_ENV = {
    "COACH_FLOOD_LIMITS": "on",
    "COACH_FLOOD_STORAGE": "memory://",
    "COACH_FLOOD_PER_CONVERSATION": "15 per 3 seconds; 40 per 12 seconds",
    "COACH_FLOOD_PER_ADDRESS": "40 per 3 seconds; 120 per 12 seconds",
    "TELEGRAM_TOKEN": TOKEN,
    "TELEGRAM_WEBHOOK_SECRET": SECRET,
    "TELEGRAM_TIMEOUT": "2",
}
LINES = ["hi", "we feel like roommates lately", "sure", "about a year", "thanks", "ok"]


@pytest.fixture(scope="module")
def fake():
    api = FakeTelegram(TOKEN).start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def flood_stack(tmp_path_factory, fake) -> Stack:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    env = {**FLOOD_ENV, "TELEGRAM_API_URL": fake.url}
    with running_stack(tmp_path_factory.mktemp("flood"), extra_env=env) as running:
        yield running


def post(stack: Stack, sender: str, message: str, **headers: str) -> requests.Response:
    return requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers=headers,
        timeout=120,
    )


def user_events(stack: Stack, sender: str) -> int:
    return sum(1 for e in stack.tracker(sender)["events"] if e["event"] == "user")


def user_texts(stack: Stack, sender: str) -> set[str]:
    return {e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"}


def settled(count, seconds: float = 120) -> int:
    """``count()`` once it has stopped changing (the coach has caught up)."""
    last = [-1]

    def same() -> int | None:
        now = count()
        if now == last[0]:
            return now or None
        last[0] = now
        time.sleep(2)
        return None

    return int(wait_until(same, seconds, "the conversation to settle"))


def test_a_fast_typist_is_never_limited(flood_stack):
    sender = f"typist-{uuid.uuid4().hex[:8]}"
    interval = 2.0 / SCALE  # a message every 2 s, on the shortened windows
    count = int(120 / 2)  # for 2 minutes
    statuses, empty = [], 0
    last = time.monotonic() - interval
    for i in range(count):
        # Never faster than the typist: at least `interval` after the previous message
        # (a late reply delays the next message; it never makes two come closer).
        time.sleep(max(0.0, last + interval - time.monotonic()))
        last = time.monotonic()
        r = post(flood_stack, sender, LINES[i % len(LINES)])
        statuses.append(r.status_code)
        empty += r.status_code == 200 and not r.json()
    assert statuses == [200] * count
    assert empty == 0
    assert user_events(flood_stack, sender) >= count  # each stored (a rephrase may be twice)


def test_a_burst_is_limited_and_another_sender_gets_every_reply(flood_stack):
    flooder, other = f"flood-{uuid.uuid4().hex[:8]}", f"calm-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(max_workers=25) as pool:
        burst = {
            f"spam {i}": pool.submit(post, flood_stack, flooder, f"spam {i}") for i in range(25)
        }
        calm = [post(flood_stack, other, line) for line in LINES[:5]]
        results = {text: f.result() for text, f in burst.items()}
    refused = {t for t, r in results.items() if r.status_code == 429}
    accepted = {t for t, r in results.items() if r.status_code == 200}
    assert refused, "a burst of 25 was not limited"
    assert accepted and len(accepted) + len(refused) == 25
    for text in refused:
        assert int(results[text].headers["Retry-After"]) >= 1
        assert results[text].json()["error"] == slow_down_text()
    # Nothing over the limit reached the coach: the stored messages are the accepted ones.
    # (A message the coach asks to rephrase may be stored twice, so texts are compared.)
    assert user_texts(flood_stack, flooder) == accepted
    assert [r.status_code for r in calm] == [200] * 5
    assert all(r.json() for r in calm)
    assert user_texts(flood_stack, other) == set(LINES[:5])


class WebChat:
    """A socket.io client like the web widget."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict] = asyncio.Queue()
        self.session: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.sio.on("bot_uttered", self.replies.put_nowait)
        self.sio.on("session_confirm", self._confirmed)

    def _confirmed(self, session_id: str) -> None:
        if not self.session.done():
            self.session.set_result(session_id)

    async def connect(self, url: str) -> str:
        await self.sio.connect(url, headers={"Origin": ORIGIN}, transports=["polling"])
        await self.sio.emit("session_request", {"session_id": None})
        return await asyncio.wait_for(self.session, 10)

    async def say(self, text: str, session_id: str) -> None:
        await self.sio.emit("user_uttered", {"message": text, "session_id": session_id})

    async def drain(self, quiet: float = 6, limit: float = 180) -> list[str]:
        """Every reply until none came for ``quiet`` seconds."""
        texts: list[str] = []
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                texts.append(str((await asyncio.wait_for(self.replies.get(), quiet)).get("text")))
            except asyncio.TimeoutError:
                break
        return texts


async def test_socketio_burst_gets_one_kind_message_then_silence(flood_stack):
    client = WebChat()
    try:
        session_id = await client.connect(flood_stack.rasa_url)
        for i in range(25):
            await client.say(f"spam {i}", session_id)
            # Long polling sends what queued up in one request, and engine.io refuses a
            # request of more than 16 packets: keep them apart, as a fast finger would.
            await asyncio.sleep(0.05)
        texts = await client.drain()
        assert texts.count(slow_down_text()) == 1
        stored = user_texts(flood_stack, session_id)
        assert 1 <= len(stored) < 25  # the rest never reached the coach
        # After the burst window refills, the next message is answered by the coach again.
        await asyncio.sleep(3 + 1)
        await client.say("thanks", session_id)
        after = await client.drain()
        assert after and slow_down_text() not in after
    finally:
        await client.sio.disconnect()


def test_telegram_flood_gets_200_and_one_short_message(flood_stack, fake):
    chat, updates = 777001, Updates(start=90_000)
    url = f"{flood_stack.rasa_url}/webhooks/telegram/webhook"
    statuses = [
        requests.post(
            url,
            json=updates.message(chat, f"spam {i}"),
            headers={tg.SECRET_HEADER: SECRET},
            timeout=30,
        ).status_code
        for i in range(25)
    ]
    assert statuses == [200] * 25  # a 429 would make Telegram resend
    sender = f"tg:{chat}"
    stored = settled(lambda: len(user_texts(flood_stack, sender)))
    assert 1 <= stored < 25
    sent = [c.params["text"] for c in fake.calls_of("sendMessage", chat)]
    assert sent.count(slow_down_text()) == 1
