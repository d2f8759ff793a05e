"""Telegram without Rasa: the Bot API client and the pure mapping of updates and buttons.

``channels/telegram.py`` (the Rasa channel) and the ``make telegram-poll`` and
``make telegram-webhook`` scripts build on this module. Every Bot API call is bounded by a
timeout, and nothing here logs the bot token or what a person wrote.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp

from channels.buttons import stamp, unstamp
from channels.texts import channel_texts

logger = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = 4096  # characters in one Telegram message
CALLBACK_DATA_LIMIT = 64  # bytes of callback_data on an inline button
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
HASHED_PREFIX = "#"  # callback_data that stands for a longer payload

# What the coach says on Telegram outside the conversation itself (content/channels.yml).
TEXTS = channel_texts("telegram")
HELP_TEXT = TEXTS["help"]
NOT_TEXT_TEXT = TEXTS["not_text"]
TOO_LONG_TEXT = TEXTS["too_long"]
EXPIRED_BUTTON_TEXT = TEXTS["expired_button"]
EARLIER_CONVERSATION_TEXT = TEXTS["earlier_conversation"]
EDITED_MESSAGE_TEXT = TEXTS["edited_message"]
PRIVATE_ONLY_TEXT = TEXTS["private_only"]
SOMETHING_WENT_WRONG_TEXT = TEXTS["something_went_wrong"]
# callback_data of the one button left under a question once it was answered.
CHOSEN_DATA = "~chosen"

# Commands and what reaches the coach for each (None: the channel answers itself).
COMMANDS: dict[str, str | None] = {
    "start": "/greet",
    "restart": "/restart",
    "delete": "delete my data",
    "help": None,
}

Kind = Literal[
    "text",
    "help",
    "restart",
    "not_text",
    "too_long",
    "expired_button",
    "group",
    "edited",
    "chosen",
]


@dataclass(frozen=True)
class Inbound:
    """What one Telegram update asks of the coach.

    For a button press: the query's id, the message the keyboard is under, the pressed
    button's title, and when the keyboard was sent (seconds; from the stamp in its
    ``callback_data``, else the latest the message's date allows).
    """

    update_id: int | None
    chat_id: int
    kind: Kind
    text: str = ""
    callback_query_id: str | None = None
    message_id: int | None = None
    title: str | None = None
    sent_s: float | None = None


def secret_matches(given: str | None, expected: str) -> bool:
    """Whether the header Telegram sent equals the configured secret (constant time)."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def hashed_callback_data(payload: str) -> str:
    """A short, stable stand-in for a payload too long for ``callback_data``."""
    digest = hashlib.sha256(payload.encode("utf-8")).digest()[:16]
    return HASHED_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


class PayloadBook:
    """Remembers the long payloads that buttons stand for (bounded, most recent kept)."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def callback_data(self, payload: str, limit: int = CALLBACK_DATA_LIMIT) -> str:
        """The ``callback_data`` for a button: the payload itself when it fits, else a key."""
        if (
            len(payload.encode("utf-8")) <= limit
            and not payload.startswith(HASHED_PREFIX)
            and not payload.startswith("~")
        ):
            return payload
        key = hashed_callback_data(payload)
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._size:
            self._payloads.popitem(last=False)
        return key

    def payload(self, data: str) -> str | None:
        """The payload a button's ``callback_data`` stands for (None if unknown)."""
        if not data.startswith(HASHED_PREFIX):
            return data
        return self._payloads.get(data)


def stamped_callback_data(payload: str, book: PayloadBook, sent_s: float) -> str:
    """``~<sent>:<payload or key>``: the payload (or its key) and when it was sent.

    Always within Telegram's 64 bytes: the stamp takes at most 14, and a payload that
    does not fit in the rest is replaced by its key (23 bytes).
    """
    head = stamp("", sent_s)
    data = head + book.callback_data(payload, CALLBACK_DATA_LIMIT - len(head.encode("utf-8")))
    assert len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
    return data


def inline_keyboard(
    buttons: list[dict[str, Any]],
    book: PayloadBook,
    row_chars: int = 28,
    sent_s: float | None = None,
) -> dict[str, Any]:
    """Rasa buttons as a Telegram inline keyboard: short titles share a row, long ones don't.

    With ``sent_s``, every button's ``callback_data`` carries when it was sent.
    """
    rows: list[list[dict[str, str]]] = []
    width = 0
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "").strip()
        payload = str(button.get("payload") or title)
        if not title:
            continue
        data = (
            book.callback_data(payload)
            if sent_s is None
            else stamped_callback_data(payload, book, sent_s)
        )
        key = {"text": title, "callback_data": data}
        if rows and len(rows[-1]) < 3 and width + len(title) <= row_chars:
            rows[-1].append(key)
            width += len(title)
        else:
            rows.append([key])
            width = len(title)
    return {"inline_keyboard": rows}


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split text into Telegram-sized parts, at paragraph, line or word breaks if possible."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind(sep, 0, limit + 1) for sep in ("\n\n", "\n", " "))
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _pressed_title(callback: dict[str, Any], data: str) -> str | None:
    """The title of the button whose ``callback_data`` is ``data``, from the message itself."""
    markup = (callback.get("message") or {}).get("reply_markup") or {}
    for row in markup.get("inline_keyboard") or []:
        for key in row if isinstance(row, list) else []:
            if isinstance(key, dict) and key.get("callback_data") == data:
                title = key.get("text")
                return title if isinstance(title, str) and title.strip() else None
    return None


def _command(text: str, bot_username: str) -> tuple[str, bool]:
    """The command's name in ``/name@bot args``, and whether it is meant for this bot."""
    word = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
    name, _, target = word.partition("@")
    for_us = not target or not bot_username or target.lower() == bot_username.lower()
    return name.lower(), for_us


def _addresses_bot(message: dict[str, Any], text: str, bot_username: str) -> bool:
    """Whether a group message is meant for this bot (command, @mention or reply to it)."""
    if text.startswith("/"):
        return _command(text, bot_username)[1]
    if bot_username and f"@{bot_username.lower()}" in text.lower():
        return True
    replied = (message.get("reply_to_message") or {}).get("from") or {}
    if replied.get("is_bot") is True:
        name = str(replied.get("username") or "")
        return not bot_username or name.lower() == bot_username.lower()
    return False


def parse_update(
    update: dict[str, Any], max_chars: int, book: PayloadBook, bot_username: str = ""
) -> Inbound | None:
    """Map a Telegram update to what the coach should do, or None to ignore it.

    Text goes to the coach; a button press sends its payload; commands are mapped (see
    ``COMMANDS``); photos, stickers, voice notes and other non-text messages get a kind
    reply. An edited message gets a note that edits are not read. In a group, commands,
    button presses, mentions of the bot and replies to it are politely declined; other
    group messages are ignored. Other update types (channel posts, polls...) are ignored.
    """
    raw_id = update.get("update_id")
    update_id = raw_id if isinstance(raw_id, int) else None

    callback = update.get("callback_query")
    if isinstance(callback, dict):
        chat = ((callback.get("message") or {}).get("chat")) or {}
        chat_id = chat.get("id")
        query_id = callback.get("id")
        if not isinstance(chat_id, int) or not isinstance(query_id, str):
            return None
        if chat.get("type", "private") != "private":
            return Inbound(update_id, chat_id, "group", callback_query_id=query_id)
        message = callback.get("message") or {}
        message_id = message.get("message_id")
        mid = message_id if isinstance(message_id, int) else None
        data = callback.get("data")
        if data == CHOSEN_DATA:
            return Inbound(update_id, chat_id, "chosen", callback_query_id=query_id, message_id=mid)
        raw = data if isinstance(data, str) else ""
        inner, sent_s = unstamp(raw)
        if sent_s is None and isinstance(message.get("date"), int):
            sent_s = float(message["date"] + 1)  # an unstamped keyboard: at the latest
        title = _pressed_title(callback, raw) if raw else None
        payload = book.payload(inner) if inner else None
        if payload is None and raw:
            payload = title  # a long payload from before a restart of the server
        if not payload:
            return Inbound(
                update_id, chat_id, "expired_button", callback_query_id=query_id, message_id=mid
            )
        if len(payload) > max_chars:
            return Inbound(
                update_id, chat_id, "too_long", callback_query_id=query_id, message_id=mid
            )
        return Inbound(
            update_id,
            chat_id,
            "text",
            payload,
            title=title,
            sent_s=sent_s,
            callback_query_id=query_id,
            message_id=mid,
        )

    edited = update.get("edited_message")
    if isinstance(edited, dict):
        chat = edited.get("chat") or {}
        chat_id = chat.get("id")
        if not isinstance(chat_id, int) or chat.get("type", "private") != "private":
            return None  # an edit in a group: nothing to answer
        return Inbound(update_id, chat_id, "edited")

    message = update.get("message")
    if not isinstance(message, dict):
        return None  # channel posts, polls...: nothing to answer
    chat = message.get("chat") or {}
    chat_id = chat.get("id")
    if not isinstance(chat_id, int):
        return None
    text = message.get("text")
    if chat.get("type", "private") != "private":
        # Answer a group only when someone addresses the bot: a command, a mention of its
        # username, or a reply to one of its messages. Other chatter is not for the coach.
        if isinstance(text, str) and _addresses_bot(message, text, bot_username):
            return Inbound(update_id, chat_id, "group")
        return None
    if not isinstance(text, str):
        return Inbound(update_id, chat_id, "not_text")
    text = text.strip()
    if not text:
        return None
    if len(text) > max_chars:
        return Inbound(update_id, chat_id, "too_long")
    if text.startswith("/"):
        name, for_us = _command(text, bot_username)
        if not for_us:
            return None
        if name == "restart":
            return Inbound(update_id, chat_id, "restart")
        mapped = COMMANDS.get(name)
        if mapped is None:  # /help, and commands the coach does not know
            return Inbound(update_id, chat_id, "help")
        return Inbound(update_id, chat_id, "text", mapped)
    return Inbound(update_id, chat_id, "text", text)


class TelegramApiError(Exception):
    """A Bot API call failed (the message never contains the token or the text sent)."""


class BotApi:
    """A minimal Telegram Bot API client over aiohttp; every call has a timeout."""

    def __init__(self, token: str, api_url: str, timeout_s: float) -> None:
        self._token = token
        self._base = api_url.rstrip("/")
        self._timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def call(
        self, method: str, params: dict[str, Any] | None = None, timeout_s: float | None = None
    ) -> Any:
        """Call a Bot API method and return its ``result``; raise TelegramApiError on failure.

        A 429 (too many requests) with a short ``retry_after`` is retried once.
        """
        for attempt in (1, 2):
            try:
                async with self._http().post(
                    f"{self._base}/bot{self._token}/{method}",
                    json=params or {},
                    timeout=aiohttp.ClientTimeout(total=timeout_s or self._timeout_s),
                ) as resp:
                    try:
                        body = await resp.json(content_type=None)
                    except ValueError:
                        body = None
                    status = resp.status
            except asyncio.TimeoutError:
                raise TelegramApiError(f"{method}: no answer within the timeout") from None
            except aiohttp.ClientError as exc:
                raise TelegramApiError(f"{method}: {exc.__class__.__name__}") from None
            if isinstance(body, dict) and body.get("ok") is True:
                return body.get("result")
            description = body.get("description", "") if isinstance(body, dict) else ""
            retry_after = (
                (body.get("parameters") or {}).get("retry_after")
                if isinstance(body, dict)
                else None
            )
            if status == 429 and attempt == 1 and isinstance(retry_after, int) and retry_after <= 5:
                await asyncio.sleep(retry_after)
                continue
            raise TelegramApiError(f"{method}: HTTP {status} {str(description)[:200]}".rstrip())
        raise TelegramApiError(f"{method}: gave up")  # pragma: no cover
