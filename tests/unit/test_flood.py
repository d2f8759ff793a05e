"""Flood limits (channels/flood.py) with a fake clock, and the REST channel's checks."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels import flood
from channels.flood import FloodGuard, client_address, is_trusted_proxy, slow_down_text
from coach.settings import DEFAULT_PER_ADDRESS, DEFAULT_PER_CONVERSATION, FloodSettings
from runtime.stack import free_port


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    import limits.storage.memory

    fake = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", fake)
    monkeypatch.setattr(flood, "time", SimpleNamespace(time=fake.time, monotonic=fake.time))
    return fake


def settings(**overrides) -> FloodSettings:
    values = {
        "enabled": True,
        "per_conversation": DEFAULT_PER_CONVERSATION,
        "per_address": DEFAULT_PER_ADDRESS,
        "storage_uri": "memory://",
        "key_prefix": f"t{uuid.uuid4().hex[:6]}",
        "trusted_proxies": (),
    }
    values.update(overrides)
    return FloodSettings(**values)


def test_the_defaults_are_documented_numbers():
    assert DEFAULT_PER_CONVERSATION == "15 per 15 seconds; 40 per minute"
    assert DEFAULT_PER_ADDRESS == "75 per 15 seconds; 200 per minute"


def test_a_typist_every_two_seconds_for_two_minutes_is_never_limited(clock):
    guard = FloodGuard(settings())
    verdicts = []
    for _ in range(60):
        verdicts.append(guard.check("typist", "203.0.113.1"))
        clock.now += 2
    assert all(v.allowed for v in verdicts)


def test_a_burst_is_limited_after_fifteen_and_refills(clock):
    guard = FloodGuard(settings())
    verdicts = [guard.check("flooder", "203.0.113.2") for _ in range(20)]
    assert [v.allowed for v in verdicts] == [True] * 15 + [False] * 5
    refused = verdicts[15:]
    assert [v.notify for v in refused] == [True, False, False, False, False]  # one notice
    assert all(1 <= v.retry_after <= 15 for v in refused)
    assert guard.check("someone-else", "203.0.113.3").allowed  # another sender is untouched
    clock.now += 16
    assert guard.check("flooder", "203.0.113.2").allowed  # the burst window refilled


def test_the_minute_window_bounds_a_steady_flood(clock):
    guard = FloodGuard(settings())
    allowed = 0
    for _ in range(60):  # one a second for a minute: 60 > 40
        allowed += guard.check("steady", "203.0.113.4").allowed
        clock.now += 1
    assert allowed == 40


def test_one_address_with_many_conversations_is_limited(clock):
    guard = FloodGuard(settings())
    verdicts = [guard.check(f"sender-{i}", "198.51.100.7") for i in range(80)]
    assert sum(v.allowed for v in verdicts) == 75
    assert guard.check("sender-x", "198.51.100.8").allowed


def test_off_means_everything_passes(clock):
    guard = FloodGuard(settings(enabled=False))
    assert all(guard.check("x", "y").allowed for _ in range(500))


def test_a_broken_storage_lets_people_talk(clock):
    class Broken:
        def acquire_entry(self, *_a, **_k):
            raise ConnectionError("redis down")

        def get_moving_window(self, *_a, **_k):
            raise ConnectionError("redis down")

    guard = FloodGuard(settings(), storage=Broken())  # type: ignore[arg-type]
    assert guard.check("x", "y").allowed


def test_redis_storage_shares_the_counts(clock):
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, db=1, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"t24{uuid.uuid4().hex[:8]}"
    common = settings(storage_uri="redis://127.0.0.1:6379/1", key_prefix=prefix)
    one, two = FloodGuard(common), FloodGuard(common)  # two servers
    try:
        # Real time here (the Redis storage reads its own clock): 20 calls take far less
        # than the 15-second burst window.
        results = [(one if i % 2 else two).check("shared", None).allowed for i in range(20)]
        assert sum(results) == 15
    finally:
        keys = list(client.scan_iter(f"LIMITER/{prefix}:flood/*"))
        assert keys  # the counts were in Redis, under this test's prefix
        client.delete(*keys)
        client.close()


def test_slow_down_text_comes_from_content():
    text = slow_down_text()
    assert 20 < len(text) < 200 and "faster" in text


@pytest.mark.parametrize(
    ("peer", "trusted", "expected"),
    [
        ("127.0.0.1", ("127.0.0.1",), True),
        ("10.1.2.3", ("10.0.0.0/8",), True),
        ("10.1.2.3", ("127.0.0.1",), False),
        ("::1", ("::1",), True),
        ("not-an-ip", ("10.0.0.0/8",), False),
        ("127.0.0.1", ("bogus",), False),
    ],
)
def test_trusted_proxies(peer, trusted, expected):
    assert is_trusted_proxy(peer, trusted) is expected


def fake_request(peer: str, forwarded: str) -> SimpleNamespace:
    return SimpleNamespace(ip=peer, remote_addr=forwarded)


def test_forwarded_address_only_from_a_trusted_proxy():
    assert client_address(fake_request("127.0.0.1", "203.0.113.9"), ("127.0.0.1",)) == (
        "203.0.113.9"
    )
    assert client_address(fake_request("192.0.2.5", "203.0.113.9"), ("127.0.0.1",)) == "192.0.2.5"
    assert client_address(fake_request("192.0.2.5", "203.0.113.9"), ()) == "192.0.2.5"


# --- the REST channel on a real Sanic server ---------------------------------------------


async def serve_rest(monkeypatch, **env: str):
    from channels import rest

    monkeypatch.setenv("COACH_FLOOD_STORAGE", "memory://")
    monkeypatch.setenv("REDIS_KEY_PREFIX", f"t{uuid.uuid4().hex[:6]}")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    flood.get_guard.cache_clear()
    received: list[UserMessage] = []

    async def coach(message: UserMessage) -> None:
        received.append(message)
        await message.output_channel.send_text_message(message.sender_id, "ok")

    Sanic.test_mode = True
    app = Sanic(f"rest_{uuid.uuid4().hex[:8]}")
    app.blueprint(rest.CoachRestInput().blueprint(coach), url_prefix="/webhooks/rest")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    return server, f"http://127.0.0.1:{port}/webhooks/rest/webhook", received


async def stop(server) -> None:
    await server.before_stop()
    await server.close()
    await server.after_stop()
    flood.get_guard.cache_clear()


async def send(url: str, sender: str, message: str = "hi", **headers: str):
    async with aiohttp.ClientSession() as http:
        body = json.dumps({"sender": sender, "message": message})
        async with http.post(url, data=body, headers=headers) as resp:
            return resp.status, dict(resp.headers), await resp.json()


async def test_rest_token_is_required_when_set(monkeypatch):
    server, url, received = await serve_rest(monkeypatch, COACH_REST_TOKEN="s3cret-rest")
    try:
        assert (await send(url, "me"))[0] == 401
        assert (await send(url, "me", Authorization="Bearer wrong"))[0] == 401
        assert (await send(url, "me", Authorization="s3cret-rest"))[0] == 401
        status, _, body = await send(url, "me", Authorization="Bearer s3cret-rest")
        assert status == 200 and body == [{"recipient_id": "me", "text": "ok"}]
        assert [m.sender_id for m in received] == ["me"]
    finally:
        await stop(server)


@pytest.mark.parametrize("sender", ["tg:12345", "TG:12345", "web:" + "0" * 32, " tg:1"])
async def test_rest_refuses_other_channels_conversations(monkeypatch, sender):
    server, url, received = await serve_rest(monkeypatch, COACH_REST_TOKEN="")
    try:
        status, _, body = await send(url, sender)
        assert status == 403 and "belongs to the" in body["error"]
        assert received == []
    finally:
        await stop(server)


async def test_rest_answers_429_with_retry_after_and_the_coach_never_sees_it(monkeypatch):
    server, url, received = await serve_rest(
        monkeypatch,
        COACH_REST_TOKEN="",
        COACH_FLOOD_LIMITS="on",
        COACH_FLOOD_PER_CONVERSATION="3 per hour",
        COACH_FLOOD_PER_ADDRESS="100 per hour",
    )
    try:
        results = [await send(url, "burst") for _ in range(5)]
        assert [r[0] for r in results] == [200, 200, 200, 429, 429]
        assert all(1 <= int(r[1]["Retry-After"]) <= 3600 for r in results[3:])
        assert results[3][2]["error"] == slow_down_text()
        assert len(received) == 3
        assert (await send(url, "calm"))[0] == 200
    finally:
        await stop(server)


@pytest.mark.parametrize(
    ("trusted", "expected"),
    [
        # nginx on 127.0.0.1 is the proxy: each X-Forwarded-For is its own address.
        ("127.0.0.1", [200, 200, 200, 200, 200, 200, 429]),
        # The proxy is elsewhere: the header is ignored, everything is 127.0.0.1.
        ("10.0.0.1", [200, 200, 429, 429, 429, 429, 429]),
    ],
)
async def test_rest_believes_forwarded_for_only_from_a_trusted_proxy(
    monkeypatch, trusted, expected
):
    server, url, _ = await serve_rest(
        monkeypatch,
        COACH_REST_TOKEN="",
        COACH_FLOOD_LIMITS="on",
        COACH_FLOOD_PER_CONVERSATION="100 per hour",
        COACH_FLOOD_PER_ADDRESS="2 per hour",
        COACH_TRUSTED_PROXIES=trusted,
    )
    try:
        statuses = []
        for i in range(4):  # four clients, one message each
            status, _, _ = await send(url, f"c{i}", **{"X-Forwarded-For": f"203.0.113.{i}"})
            statuses.append(status)
        for i in range(3):  # one client, three messages (a spoofed first entry changes nothing)
            spoof = f"198.51.100.{i}, 203.0.113.77"
            status, _, _ = await send(url, f"d{i}", **{"X-Forwarded-For": spoof})
            statuses.append(status)
        assert statuses == expected
    finally:
        await stop(server)
