"""A fake Telegram Bot API on loopback: records calls, serves getUpdates, can fail on demand.

Runs an aiohttp app in a thread of its own, so synchronous tests can use it with
``requests`` while the Rasa server (another process) talks to it over real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from runtime.stack import free_port


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the fake answered (sendMessage: the message, with its id)


class FakeTelegram:
    """``/bot<token>/<method>`` like api.telegram.org, for one token."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.calls: list[Call] = []
        self.mode = "ok"  # "ok", "error" (HTTP 500 for sendMessage) or "hang" (never answers)
        self.get_updates_failures = 0  # the next N getUpdates answer 500
        self._updates: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._message_id = 100
        self._stopping: asyncio.Event | None = None

    # -- control from the tests -------------------------------------------------------
    def start(self) -> FakeTelegram:
        self._thread.start()
        assert self._ready.wait(10), "the fake Telegram API did not start"
        return self

    def stop(self) -> None:
        if self._loop and self._runner:
            if self._stopping is not None:
                self._loop.call_soon_threadsafe(self._stopping.set)
            with contextlib.suppress(Exception):  # a hanging handler must not fail teardown
                asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def queue_update(self, update: dict[str, Any]) -> None:
        with self._lock:
            self._updates.append(update)

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [
            c
            for c in calls
            if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def wait_for(
        self, method: str, chat_id: int | None = None, count: int = 1, seconds: float = 120
    ) -> list[Call]:
        return wait_until(
            lambda: (calls := self.calls_of(method, chat_id)) and len(calls) >= count and calls,
            seconds,
            f"{count} {method} call(s) for chat {chat_id}",
        )

    # -- the server ---------------------------------------------------------------------
    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._stopping = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        self._loop.run_until_complete(site.start())
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            params = {}
        call = Call(method, params)
        with self._lock:
            self.calls.append(call)
        if method == "getUpdates":
            return await self._get_updates(params)
        if method == "sendMessage" and self.mode == "hang":
            assert self._stopping is not None
            await self._stopping.wait()  # no answer until the fake stops
        if method == "sendMessage" and self.mode == "error":
            return web.json_response(
                {"ok": False, "error_code": 500, "description": "Internal Server Error"},
                status=500,
            )
        if method == "sendMessage":
            self._message_id += 1
            result: Any = {
                "message_id": self._message_id,
                "chat": {"id": params.get("chat_id"), "type": "private"},
                "text": params.get("text"),
            }
        elif method == "getWebhookInfo":
            result = {"url": "", "pending_update_count": 0}
        else:
            result = True
        call.result = result
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            if self.get_updates_failures > 0:
                self.get_updates_failures -= 1
                fail = True
            else:
                fail = False
        if fail:
            return web.json_response(
                {"ok": False, "error_code": 500, "description": "Internal Server Error"},
                status=500,
            )
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            with self._lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = list(self._updates)
            if pending or time.monotonic() >= deadline:
                return web.json_response({"ok": True, "result": pending})
            await asyncio.sleep(0.1)


def wait_until(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """Poll ``check`` until it returns something truthy; fail with ``what`` otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Updates:
    """Builds Telegram updates with increasing update_ids."""

    def __init__(self, start: int = 1000) -> None:
        self.next_id = start

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def message(self, chat_id: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self.next_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Sam"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
        }
        if text is not None:
            message["text"] = text
        message.update(extra)
        return {"update_id": self._id(), "message": message}

    def button_press(
        self,
        chat_id: int,
        data: str,
        keyboard: dict[str, Any] | None = None,
        message_id: int = 1,
        text: str = "(the coach's question)",
    ) -> dict[str, Any]:
        update_id = self._id()
        return {
            "update_id": update_id,
            "callback_query": {
                "id": f"cb-{update_id}",
                "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
                "chat_instance": "1",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": text,
                    "reply_markup": keyboard or {"inline_keyboard": []},
                },
            },
        }
