"""The coach's own Telegram channel (Rasa's built-in one is not safe to expose).

Rasa 3.6's connector calls ``getMe`` on every update, calls ``setWebhook`` while the
server starts (so Rasa cannot start without reaching Telegram), and accepts any update
from anyone who knows the URL. This one:

- checks ``X-Telegram-Bot-Api-Secret-Token`` against ``TELEGRAM_WEBHOOK_SECRET`` (constant
  time) and answers 403 otherwise, before reading the body;
- never contacts Telegram while starting: without ``TELEGRAM_TOKEN`` the server starts and
  the webhook answers 503; the webhook is registered by ``make telegram-webhook``;
- answers Telegram at once and handles the update in a background task, one at a time per
  chat, so a slow coach never makes Telegram resend updates;
- maps buttons to inline keyboards and back: a pressed keyboard is replaced by the chosen
  answer, and a button from before the conversation's last restart or session start
  (its ``callback_data`` says when it was sent) gets a note and never reaches the coach;
- handles ``/start``, ``/help``, ``/restart`` and ``/delete``, answers photos, stickers
  and voice notes kindly, and edited messages with a note that edits are not read;
- catches and logs (without the text) every failed Bot API call, so the conversation is
  still saved in the tracker store.

Configured in ``credentials.yml`` as ``channels.telegram.TelegramInput``; the webhook is
``/webhooks/telegram/webhook``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import telegram_api as tg
from channels.conversation import ConversationClock
from channels.flood import get_guard, slow_down_text
from coach.identity import telegram_chat_id, telegram_sender
from coach.settings import max_message_chars

logger = logging.getLogger(__name__)


class TelegramOutput(OutputChannel):
    """Sends the coach's replies with the Bot API; failures are logged, never raised."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in trackers."""
        return "telegram"

    def __init__(self, api: tg.BotApi, book: tg.PayloadBook) -> None:
        self.api = api
        self.book = book

    async def _send(self, recipient_id: str, text: str, markup: dict[str, Any] | None) -> None:
        parts = tg.split_text(text) or ([" "] if markup else [])
        for i, part in enumerate(parts):
            params: dict[str, Any] = {
                "chat_id": _chat_id(recipient_id),
                "text": part,
                "disable_web_page_preview": True,
            }
            if markup and i == len(parts) - 1:
                params["reply_markup"] = markup
            try:
                await self.api.call("sendMessage", params)
            except tg.TelegramApiError as exc:
                logger.warning(
                    "Telegram: could not send a message to chat %s: %s", recipient_id, exc
                )
                return
            except Exception:  # never let a delivery problem lose the conversation
                logger.exception("Telegram: unexpected error sending to chat %s", recipient_id)
                return

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Send one bot message: text, with buttons as an inline keyboard."""
        text = str(message.get("text") or "")
        buttons = message.get("buttons") or message.get("quick_replies") or []
        markup = tg.inline_keyboard(buttons, self.book, sent_s=time.time()) if buttons else None
        if markup is not None and not markup["inline_keyboard"]:
            markup = None
        image = str(message.get("image") or "")
        if image and not await self._send_photo(recipient_id, image):
            text = f"{text}\n{image}".strip()  # not public HTTPS, or refused: the link
        if text or markup:
            await self._send(recipient_id, text, markup)

    async def _send_photo(self, recipient_id: str, url: str) -> bool:
        """Send an image by URL (Telegram fetches it, so it must be public HTTPS)."""
        if not url.startswith("https://"):
            return False
        try:
            await self.api.call("sendPhoto", {"chat_id": _chat_id(recipient_id), "photo": url})
        except Exception:  # fall back to the link in the text
            logger.warning("Telegram: could not send a photo to chat %s", recipient_id)
            return False
        return True

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send plain text."""
        await self._send(recipient_id, text, None)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send text with an inline keyboard."""
        await self._send(
            recipient_id, text, tg.inline_keyboard(buttons, self.book, sent_s=time.time())
        )


def _chat_id(recipient_id: str) -> int | str:
    """The Telegram chat of a conversation id (``tg:<chat id>``, see coach/identity.py)."""
    chat = telegram_chat_id(recipient_id)
    if chat is not None:
        return chat
    try:
        return int(recipient_id)
    except ValueError:
        return recipient_id


class TelegramInput(InputChannel):
    """Telegram updates in, through a webhook that only Telegram can use."""

    @classmethod
    def name(cls) -> str:
        """The URL prefix: /webhooks/telegram/..."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Read ``token``, ``secret``, ``api_url``, ``bot_username`` and ``timeout``."""
        c = credentials or {}
        try:
            timeout = float(c.get("timeout") or 10)
        except (TypeError, ValueError):
            timeout = 10.0
        return cls(
            token=str(c.get("token") or "").strip(),
            secret=str(c.get("secret") or "").strip(),
            api_url=str(c.get("api_url") or "https://api.telegram.org").strip(),
            bot_username=str(c.get("bot_username") or "").strip().lstrip("@"),
            timeout_s=max(0.5, timeout),
        )

    def __init__(
        self, token: str, secret: str, api_url: str, bot_username: str = "", timeout_s: float = 10
    ) -> None:
        self.token = token
        self.secret = secret
        self.bot_username = bot_username
        self.book = tg.PayloadBook()
        self.api = tg.BotApi(token, api_url, timeout_s)
        self.output = TelegramOutput(self.api, self.book)
        self.clock = ConversationClock()
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._chat_locks: dict[int, list[Any]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        if not self.configured:
            logger.info(
                "Telegram channel not configured (set TELEGRAM_TOKEN and "
                "TELEGRAM_WEBHOOK_SECRET); its webhook answers 503."
            )

    @property
    def configured(self) -> bool:
        """Whether a token and a webhook secret are set."""
        return bool(self.token and self.secret)

    def get_output_channel(self) -> OutputChannel | None:
        """The Bot API output (for messages the server sends on its own)."""
        return self.output if self.configured else None

    def _is_duplicate(self, update_id: int | None) -> bool:
        """Telegram resends an update it thinks was lost; handle each one once."""
        if update_id is None:
            return False
        if update_id in self._seen:
            return True
        self._seen[update_id] = None
        while len(self._seen) > 2000:
            self._seen.popitem(last=False)
        return False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes: ``GET /`` (status) and ``POST /webhook`` (updates from Telegram)."""
        bp = Blueprint("coach_telegram", __name__)
        limit = max_message_chars()
        self.clock.attach(bp)

        @bp.listener("after_server_stop")
        async def close_api(*_: Any) -> None:
            await self.api.close()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.configured})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json(
                    {"ok": False, "error": "The Telegram channel is not configured."}, status=503
                )
            if not tg.secret_matches(request.headers.get(tg.SECRET_HEADER), self.secret):
                return response.json({"ok": False, "error": "Forbidden."}, status=403)
            try:
                update = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return response.json({"ok": False, "error": "The body must be JSON."}, status=400)
            if not isinstance(update, dict):
                return response.json(
                    {"ok": False, "error": "The body must be a Telegram update object."},
                    status=400,
                )
            inbound = tg.parse_update(update, limit, self.book, self.bot_username)
            if inbound is not None and not self._is_duplicate(inbound.update_id):
                if not await self._within_flood_limits(inbound.chat_id):
                    return response.json({"ok": True})  # 200: a 429 makes Telegram resend
                task = asyncio.create_task(self._handle(inbound, on_new_message))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            return response.json({"ok": True})

        return bp

    async def _handle(
        self, inbound: tg.Inbound, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Handle one update, after the previous ones from the same chat."""
        entry = self._chat_locks.setdefault(inbound.chat_id, [asyncio.Lock(), 0])
        lock: asyncio.Lock = entry[0]
        entry[1] += 1  # updates of this chat being handled or waiting
        try:
            async with lock:
                await self._handle_now(inbound, on_new_message)
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._chat_locks[inbound.chat_id]

    async def _within_flood_limits(self, chat_id: int) -> bool:
        """Count an update against its chat's flood limit; past it, tell the chat once."""
        sender = telegram_sender(chat_id)
        verdict = await get_guard().acheck(sender)
        if verdict.allowed:
            return True
        if verdict.notify:
            task = asyncio.create_task(self.output.send_text_message(sender, slow_down_text()))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return False

    async def _handle_now(
        self, inbound: tg.Inbound, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        sender = telegram_sender(inbound.chat_id)
        if inbound.callback_query_id:
            try:  # stops the spinner on the button
                await self.api.call(
                    "answerCallbackQuery", {"callback_query_id": inbound.callback_query_id}
                )
            except tg.TelegramApiError as exc:
                logger.warning("Telegram: could not answer a button press: %s", exc)
        if inbound.kind == "chosen":
            return  # the answer left under a question: pressing it again does nothing
        replies = {
            "help": tg.HELP_TEXT,
            "not_text": tg.NOT_TEXT_TEXT,
            "too_long": tg.TOO_LONG_TEXT,
            "expired_button": tg.EXPIRED_BUTTON_TEXT,
            "group": tg.PRIVATE_ONLY_TEXT,
            "edited": tg.EDITED_MESSAGE_TEXT,
        }
        if inbound.kind in replies:
            await self.output.send_text_message(sender, replies[inbound.kind])
            return
        if inbound.callback_query_id:
            if inbound.sent_s is not None and await self.clock.is_earlier(sender, inbound.sent_s):
                await self._replace_keyboard(inbound, None)
                await self.output.send_text_message(sender, tg.EARLIER_CONVERSATION_TEXT)
                return
            await self._replace_keyboard(inbound, inbound.title)
        # /restart: Rasa's restart action answers with utter_restart (a fresh greeting).
        text = "/restart" if inbound.kind == "restart" else inbound.text
        metadata = {"telegram_update_id": inbound.update_id}
        try:
            await on_new_message(
                UserMessage(
                    text,
                    self.output,
                    sender,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
        except Exception:
            logger.exception("Telegram: the coach could not handle an update for chat %s", sender)
            await self.output.send_text_message(sender, tg.SOMETHING_WENT_WRONG_TEXT)

    async def _replace_keyboard(self, inbound: tg.Inbound, title: str | None) -> None:
        """Leave only the chosen answer under the question (no keyboard without a title)."""
        if inbound.message_id is None:
            return
        keys = (
            [
                [
                    {
                        "text": tg.TEXTS["chosen_answer"].format(title=title),
                        "callback_data": tg.CHOSEN_DATA,
                    }
                ]
            ]
            if title
            else []
        )
        try:
            await self.api.call(
                "editMessageReplyMarkup",
                {
                    "chat_id": inbound.chat_id,
                    "message_id": inbound.message_id,
                    "reply_markup": {"inline_keyboard": keys},
                },
            )
        except tg.TelegramApiError as exc:  # too old to edit, or already edited
            logger.info("Telegram: could not replace a keyboard: %s", exc)
