"""Conversation ids carry their channel, so no channel can address another's conversations.

- Telegram: ``tg:<chat id>`` (the chat id Telegram gives; only Telegram's own signed
  webhook can produce one).
- Web chat: ``web:<32 hex digits>``, 128 random bits the server generates; a session id
  the browser proposes is kept only if it has exactly this form.
- REST (development and trusted back ends): any other text. A REST ``sender`` in the
  Telegram or web chat namespace is refused.

Conversations from before this scheme had the bare chat id as their Telegram id;
``scripts/migrate_sender_ids.py`` renames them to ``tg:<chat id>`` (docs/security.md).
"""

from __future__ import annotations

import re
import secrets

TELEGRAM_PREFIX = "tg:"
WEB_PREFIX = "web:"
RESERVED_PREFIXES = (TELEGRAM_PREFIX, WEB_PREFIX)

_WEB_SESSION = re.compile(r"web:[0-9a-f]{32}")
_TELEGRAM_SENDER = re.compile(r"tg:-?[0-9]{1,20}")
_LEGACY_TELEGRAM = re.compile(r"-?[0-9]{1,20}")


def telegram_sender(chat_id: int) -> str:
    """The conversation id of a Telegram chat."""
    return f"{TELEGRAM_PREFIX}{int(chat_id)}"


def telegram_chat_id(sender_id: str) -> int | None:
    """The chat id inside a Telegram conversation id (None if it is not one)."""
    if _TELEGRAM_SENDER.fullmatch(sender_id):
        return int(sender_id[len(TELEGRAM_PREFIX) :])
    return None


def is_legacy_telegram_sender(sender_id: str) -> bool:
    """Whether a sender id looks like a Telegram conversation id from before ``tg:``."""
    return bool(_LEGACY_TELEGRAM.fullmatch(sender_id))


def new_web_session_id() -> str:
    """A fresh web chat session id: ``web:`` and 128 random bits in hex."""
    return WEB_PREFIX + secrets.token_hex(16)


def is_web_session_id(value: object) -> bool:
    """Whether ``value`` has exactly the form :func:`new_web_session_id` produces."""
    return isinstance(value, str) and bool(_WEB_SESSION.fullmatch(value))


def reserved_namespace(sender_id: str) -> str | None:
    """The channel whose namespace ``sender_id`` is in (``telegram``/``web chat``), or None."""
    lowered = sender_id.strip().lower()
    if lowered.startswith(TELEGRAM_PREFIX):
        return "telegram"
    if lowered.startswith(WEB_PREFIX):
        return "web chat"
    return None
