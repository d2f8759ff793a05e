"""Register the coach's webhook with Telegram: ``make telegram-webhook``.

Calls ``setWebhook`` with ``TELEGRAM_WEBHOOK_URL`` (a public HTTPS address that reaches the
Rasa server's ``/webhooks/telegram/webhook``) and the secret Telegram must send back with
every update (``TELEGRAM_WEBHOOK_SECRET``, or the one generated into ``var/``).
"""

from __future__ import annotations

import asyncio
import re
import sys
from urllib.parse import urlsplit

from channels.telegram_api import BotApi, TelegramApiError
from coach.settings import TelegramSettings, telegram_settings

WEBHOOK_PATH = "/webhooks/telegram/webhook"
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def webhook_url(raw: str) -> str:
    """The full webhook URL: a bare ``https://host`` gets the channel's path added."""
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(
            f"TELEGRAM_WEBHOOK_URL must be a public https:// address (got {raw!r}); "
            "Telegram only delivers webhooks over HTTPS. Without one, use `make telegram-poll`."
        )
    if parts.path.rstrip("/") in ("", "/"):
        return raw.rstrip("/") + WEBHOOK_PATH
    return raw


async def set_webhook(settings: TelegramSettings, url: str) -> dict:
    """Call setWebhook with the secret, then return getWebhookInfo."""
    api = BotApi(settings.token, settings.api_url, settings.timeout_s)
    try:
        await api.call(
            "setWebhook",
            {
                "url": url,
                "secret_token": settings.webhook_secret,
                "allowed_updates": ["message", "callback_query"],
            },
        )
        info = await api.call("getWebhookInfo")
        return info if isinstance(info, dict) else {}
    finally:
        await api.close()


def main() -> int:
    """Validate the settings, register the webhook and say what happened."""
    settings = telegram_settings()
    if not settings.token:
        print("Set TELEGRAM_TOKEN to the token BotFather gave you.", file=sys.stderr)
        return 2
    if not settings.webhook_url:
        print(
            "Set TELEGRAM_WEBHOOK_URL to the public https:// address of the coach, e.g. "
            f"https://coach.example.org{WEBHOOK_PATH}",
            file=sys.stderr,
        )
        return 2
    if not SECRET_RE.match(settings.webhook_secret):
        print(
            "TELEGRAM_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (1 to 256).",
            file=sys.stderr,
        )
        return 2
    try:
        url = webhook_url(settings.webhook_url)
        info = asyncio.run(set_webhook(settings, url))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    except TelegramApiError as exc:
        print(f"Telegram refused: {exc}", file=sys.stderr)
        return 1
    print(f"Webhook set: {url}")
    print(f"  updates waiting: {info.get('pending_update_count', 0)}")
    if info.get("last_error_message"):
        print(f"  Telegram's last delivery error: {info['last_error_message']}")
    print("The Rasa server must run with the same TELEGRAM_TOKEN and TELEGRAM_WEBHOOK_SECRET.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
