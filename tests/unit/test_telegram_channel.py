"""The Telegram channel's webhook in a real Sanic server, with a stand-in coach (no model).

The coach here is an ``on_new_message`` that waits until the test lets it go: the webhook
must answer Telegram before the coach has finished, handle each chat's updates in order,
and keep going when the Bot API fails. (tests/integration/test_telegram.py does the same
against the real Rasa server.)
"""

from __future__ import annotations

import asyncio
import uuid

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels import telegram_api as tg
from channels.buttons import unstamp
from channels.telegram import TelegramInput
from runtime.stack import free_port
from tests.integration.fake_telegram import FakeTelegram, Updates

TOKEN = "777:unit"
SECRET = "channel-secret"


@pytest.fixture
def fake():
    api = FakeTelegram(TOKEN).start()
    yield api
    api.stop()


class Coach:
    """Records messages; replies once ``release`` is set."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []
        self.release = asyncio.Event()

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        await self.release.wait()
        await message.output_channel.send_response(
            message.sender_id,
            {
                "text": f"you said {message.text}",
                "buttons": [{"title": "Yes", "payload": "/affirm"}],
            },
        )


async def serve(channel: TelegramInput, coach: Coach):
    Sanic.test_mode = True
    app = Sanic(f"tg_{uuid.uuid4().hex[:8]}")
    app.blueprint(channel.blueprint(coach), url_prefix="/webhooks/telegram")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    return server, f"http://127.0.0.1:{port}/webhooks/telegram/webhook"


async def until(check, seconds: float = 30):
    for _ in range(int(seconds * 20)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


def channel_for(fake: FakeTelegram, token: str = TOKEN, secret: str = SECRET) -> TelegramInput:
    return TelegramInput.from_credentials(
        {"token": token, "secret": secret, "api_url": fake.url, "timeout": "1"}
    )


async def test_webhook_answers_before_the_coach_and_keeps_order(fake):
    coach = Coach()
    channel = channel_for(fake)
    server, url = await serve(channel, coach)
    updates = Updates()
    try:
        async with aiohttp.ClientSession(headers={tg.SECRET_HEADER: SECRET}) as http:
            for text in ("first", "second"):
                async with http.post(url, json=updates.message(5, text)) as resp:
                    assert resp.status == 200  # while the coach is still busy
            await until(lambda: len(coach.received) == 1)
            assert fake.calls_of("sendMessage") == []
            coach.release.set()
            await until(lambda: len(fake.calls_of("sendMessage", 5)) == 2)
        texts = [c.params["text"] for c in fake.calls_of("sendMessage", 5)]
        assert texts == ["you said first", "you said second"]
        markup = fake.calls_of("sendMessage", 5)[0].params["reply_markup"]
        [[key]] = markup["inline_keyboard"]
        assert key["text"] == "Yes"
        assert unstamp(key["callback_data"])[0] == "/affirm"  # stamped with when it was sent
        assert [m.sender_id for m in coach.received] == ["tg:5", "tg:5"]  # coach/identity.py
        assert {m.input_channel for m in coach.received} == {"telegram"}
    finally:
        await channel.api.close()
        await server.close()


async def test_wrong_secret_is_refused_before_anything_else(fake):
    coach = Coach()
    channel = channel_for(fake)
    server, url = await serve(channel, coach)
    try:
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {tg.SECRET_HEADER: "nope"}):
                async with http.post(url, data=b"not json", headers=headers) as resp:
                    assert resp.status == 403
        assert coach.received == [] and fake.calls == []
    finally:
        await server.close()


@pytest.mark.parametrize(("token", "secret"), [("", SECRET), (TOKEN, "")])
async def test_unconfigured_channel_answers_503(fake, token, secret):
    coach = Coach()
    channel = channel_for(fake, token=token, secret=secret)
    assert channel.get_output_channel() is None
    server, url = await serve(channel, coach)
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.post(
                url, json=Updates().message(1, "hi"), headers={tg.SECRET_HEADER: secret}
            ) as resp,
        ):
            assert resp.status == 503
        assert coach.received == [] and fake.calls == []
    finally:
        await server.close()


async def test_a_failing_coach_gets_an_apology_not_silence(fake):
    async def broken(message: UserMessage) -> None:
        raise RuntimeError("the action server is down")

    channel = channel_for(fake)
    Sanic.test_mode = True
    app = Sanic(f"tg_{uuid.uuid4().hex[:8]}")
    app.blueprint(channel.blueprint(broken), url_prefix="/webhooks/telegram")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    try:
        async with aiohttp.ClientSession(headers={tg.SECRET_HEADER: SECRET}) as http:
            url = f"http://127.0.0.1:{port}/webhooks/telegram/webhook"
            async with http.post(url, json=Updates().message(8, "hello")) as resp:
                assert resp.status == 200
        await until(lambda: fake.calls_of("sendMessage", 8))
        assert fake.calls_of("sendMessage", 8)[0].params["text"] == tg.SOMETHING_WENT_WRONG_TEXT
    finally:
        await channel.api.close()
        await server.close()


async def test_long_replies_are_split_and_buttons_go_on_the_last_part(fake):
    channel = channel_for(fake)
    long_text = ("We can take this one small step at a time. " * 200).strip()
    await channel.output.send_response(
        "9", {"text": long_text, "buttons": [{"title": "Next", "payload": "/next"}]}
    )
    await channel.api.close()
    parts = fake.calls_of("sendMessage", 9)
    assert len(parts) == 3
    assert all(len(p.params["text"]) <= tg.TELEGRAM_TEXT_LIMIT for p in parts)
    assert ["reply_markup" in p.params for p in parts] == [False, False, True]


async def test_send_errors_are_swallowed_and_logged_without_the_text(fake, caplog):
    fake.mode = "error"
    channel = channel_for(fake)
    await channel.output.send_response("9", {"text": "a private worry"})
    fake.mode = "hang"
    await channel.output.send_response("9", {"text": "another private worry"})
    await channel.api.close()
    assert len(fake.calls_of("sendMessage", 9)) == 2
    logged = caplog.text
    assert "HTTP 500" in logged and "no answer within the timeout" in logged
    assert "private worry" not in logged and TOKEN not in logged
