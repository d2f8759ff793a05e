"""Try the Telegram bot without a public address: ``make telegram-poll``.

Deletes the bot's webhook (Telegram refuses ``getUpdates`` while one is set), then
long-polls ``getUpdates`` and posts every update, with the webhook secret, to the running
coach's own webhook (``http://RASA_HOST:RASA_PORT/webhooks/telegram/webhook``), so polling
and webhook mode share all of the channel's logic. An update is confirmed to Telegram
(through the next ``offset``) only after the coach accepted it, so none is lost while the
coach is restarting. Errors back off from 1 to 30 seconds. Ctrl-C stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from typing import Any

import aiohttp

from channels.telegram_api import SECRET_HEADER, BotApi, TelegramApiError
from coach.settings import TelegramSettings, get_settings, telegram_settings

log = logging.getLogger("telegram-poll")


class Fatal(Exception):
    """A problem that retrying cannot fix (wrong token, secret or configuration)."""


class Backoff:
    """1, 2, 4 ... 30 seconds between attempts; reset after a success."""

    def __init__(self, first: float = 1.0, cap: float = 30.0) -> None:
        self.first, self.cap, self.delay = first, cap, first

    async def wait(self) -> None:
        """Sleep, then double the next delay."""
        await asyncio.sleep(self.delay)
        self.delay = min(self.cap, self.delay * 2)

    def reset(self) -> None:
        """Back to the shortest delay."""
        self.delay = self.first


def local_webhook(rasa_url: str) -> str:
    """The coach's Telegram webhook on the Rasa server."""
    return rasa_url.rstrip("/") + "/webhooks/telegram/webhook"


async def forward(
    http: aiohttp.ClientSession, url: str, secret: str, update: dict[str, Any], timeout: float
) -> bool:
    """Post one update to the coach. True: accepted or rejected for good; False: retry."""
    try:
        async with http.post(
            url,
            json=update,
            headers={SECRET_HEADER: secret},
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as resp:
            status = resp.status
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        log.warning("the coach is not reachable at %s (%s); retrying", url, exc.__class__.__name__)
        return False
    if status == 200:
        return True
    if status == 403:
        raise Fatal(
            "the coach refused the webhook secret: run both with the same TELEGRAM_WEBHOOK_SECRET"
        )
    if status in (404, 503):
        raise Fatal(
            "the coach's Telegram channel is not configured: start it with TELEGRAM_TOKEN set"
        )
    if 400 <= status < 500:
        log.warning(
            "the coach rejected update %s with %s; skipping it", update.get("update_id"), status
        )
        return True
    log.warning("the coach answered %s; retrying", status)
    return False


async def delete_webhook(api: BotApi, backoff: Backoff) -> None:
    """Remove the webhook so that getUpdates works (pending updates are kept)."""
    while True:
        try:
            await api.call("deleteWebhook", {"drop_pending_updates": False})
            backoff.reset()
            return
        except TelegramApiError as exc:
            if "HTTP 401" in str(exc) or "HTTP 404" in str(exc):
                raise Fatal(f"Telegram refused the token ({exc}); check TELEGRAM_TOKEN") from None
            log.warning("%s; retrying", exc)
            await backoff.wait()


async def poll(settings: TelegramSettings, rasa_url: str) -> None:
    """Delete the webhook, then feed updates to the coach until cancelled."""
    api = BotApi(settings.token, settings.api_url, settings.timeout_s)
    backoff = Backoff()
    url = local_webhook(rasa_url)
    offset: int | None = None
    try:
        await delete_webhook(api, backoff)
        log.info("polling Telegram (%s) and forwarding to %s", settings.api_url, url)
        async with aiohttp.ClientSession() as http:
            while True:
                params: dict[str, Any] = {
                    "timeout": settings.poll_timeout_s,
                    "allowed_updates": ["message", "callback_query"],
                }
                if offset is not None:
                    params["offset"] = offset
                try:
                    updates = await api.call(
                        "getUpdates", params, timeout_s=settings.poll_timeout_s + settings.timeout_s
                    )
                except TelegramApiError as exc:
                    log.warning("%s; retrying", exc)
                    await backoff.wait()
                    continue
                backoff.reset()
                for update in updates if isinstance(updates, list) else []:
                    update_id = update.get("update_id") if isinstance(update, dict) else None
                    if not isinstance(update_id, int):
                        continue
                    while not await forward(
                        http, url, settings.webhook_secret, update, settings.timeout_s
                    ):
                        await backoff.wait()
                    backoff.reset()
                    offset = update_id + 1
    finally:
        await api.close()


def main(argv: list[str] | None = None) -> int:
    """Run the poller until Ctrl-C or SIGTERM."""
    s = get_settings()
    host = "127.0.0.1" if s.rasa_host in ("0.0.0.0", "") else s.rasa_host  # noqa: S104
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--rasa-url", default=f"http://{host}:{s.rasa_port}", help="the running coach"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    settings = telegram_settings()
    if not settings.token:
        print("Set TELEGRAM_TOKEN to the token BotFather gave you.", file=sys.stderr)
        return 2

    async def run() -> None:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            if task is not None:
                loop.add_signal_handler(sig, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await poll(settings, args.rasa_url)

    try:
        asyncio.run(run())
    except Fatal as exc:
        print(f"telegram-poll: {exc}", file=sys.stderr)
        return 1
    print("telegram-poll: stopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
