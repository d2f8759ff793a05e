"""Telegram: a chart image goes as a photo when its URL is public HTTPS, else as a link."""

from __future__ import annotations

from typing import Any

from channels import telegram_api as tg
from channels.telegram import TelegramOutput


class StubApi:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail = fail

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, params))
        if self.fail and method == "sendPhoto":
            raise tg.TelegramApiError("Bad Request: wrong file identifier")
        return {}


async def test_https_image_is_sent_as_a_photo_then_the_text():
    api = StubApi()
    out = TelegramOutput(api, tg.PayloadBook())  # type: ignore[arg-type]
    url = "https://coach.example/webhooks/charts/abc.png"
    await out.send_response("42", {"text": "Here's your chart.", "image": url})
    assert api.calls[0] == ("sendPhoto", {"chat_id": 42, "photo": url})
    assert api.calls[1][0] == "sendMessage" and api.calls[1][1]["text"] == "Here's your chart."


async def test_a_local_or_refused_image_falls_back_to_a_link():
    for url, api in (
        ("http://127.0.0.1:5005/x.png", StubApi()),
        ("https://coach.example/x.png", StubApi(fail=True)),
    ):
        out = TelegramOutput(api, tg.PayloadBook())  # type: ignore[arg-type]
        await out.send_response("42", {"text": "Chart:", "image": url})
        assert api.calls[-1][0] == "sendMessage"
        assert api.calls[-1][1]["text"] == f"Chart:\n{url}"
