"""Flood limits for the chat channels: per conversation and per client address.

Every message a channel accepts costs a full NLU and policy run, so each channel asks
:class:`FloodGuard` before a message goes any further; a message over a limit never
reaches the NLU, the policies or the tracker. The limiter itself is the ``limits``
library's moving-window strategy (two windows per key: a short one that bounds a burst
and a one-minute one that bounds the rate), stored in memory on one Rasa server and in
Redis when several servers share conversations (``coach.settings.flood_settings``).

What the channels do past a limit (docs/security.md):

- REST: 429 with ``Retry-After``;
- socket.io: one short, kind message (``content/flood.yml``), then silence;
- Telegram: 200 to Telegram (a 429 would make it resend), one short message to the chat.

"One message, then silence" is itself a limit: at most one notice per conversation per
longest window.

Client addresses: the peer's address, or, when the peer is one of
``COACH_TRUSTED_PROXIES`` (nginx, the ingress), the address the proxy appended to
``X-Forwarded-For`` (Sanic's ``PROXIES_COUNT = 1``). A client that talks to the Rasa
server directly cannot choose its address by sending the header itself.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sanic import Blueprint
from sanic.request import Request

from coach.settings import CONTENT_DIR, FloodSettings, flood_settings

logger = logging.getLogger(__name__)

REDIS_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class Verdict:
    """Whether one message may go on, and what to tell its sender if not."""

    allowed: bool
    retry_after: int = 0  # seconds until another message would be accepted
    notify: bool = False  # the first refusal in this spell: tell the person, once


ALLOWED = Verdict(True)


def slow_down_text() -> str:
    """The short message a person gets when they are over the limit."""
    with (CONTENT_DIR / "flood.yml").open(encoding="utf-8") as handle:
        return str(yaml.safe_load(handle)["slow_down"]).strip()


class FloodGuard:
    """Moving-window limits per conversation and per client address (``limits``)."""

    def __init__(self, settings: FloodSettings, storage: Storage | None = None) -> None:
        self.settings = settings
        self.enabled = settings.enabled
        self.per_conversation: list[RateLimitItem] = parse_many(settings.per_conversation)
        self.per_address: list[RateLimitItem] = parse_many(settings.per_address)
        longest = max(item.get_expiry() for item in self.per_conversation + self.per_address)
        self.notice: RateLimitItem = parse_many(f"1 per {longest} seconds")[0]
        self.uses_redis = settings.storage_uri.split(":", 1)[0].startswith("redis")
        if storage is None:
            options: dict[str, Any] = {}
            if self.uses_redis:  # a stuck Redis must not stall the server
                options = {"socket_timeout": REDIS_TIMEOUT_S, "socket_connect_timeout": 2}
            storage = storage_from_string(settings.storage_uri, **options)
        self.storage = storage  # the limiter keeps only a weak reference
        self.limiter = MovingWindowRateLimiter(storage)
        self.prefix = f"{settings.key_prefix}:flood"
        self._last_error_log = 0.0

    def describe(self) -> str:
        """One line for the start-up log (no secrets: the storage URL without a password)."""
        if not self.enabled:
            return "flood limits are OFF (COACH_FLOOD_LIMITS=off)"
        where = "Redis" if self.uses_redis else "memory"
        return (
            f"flood limits on ({where}): per conversation {self.settings.per_conversation}; "
            f"per address {self.settings.per_address}"
        )

    def check(self, conversation: str | None, address: str | None = None) -> Verdict:
        """Count one message; say whether it is within the limits (storage errors: allowed)."""
        if not self.enabled:
            return ALLOWED
        try:
            return self._check(conversation, address)
        except Exception as exc:  # Redis down: let people talk rather than lock them out
            now = time.monotonic()
            if now - self._last_error_log > 60:
                self._last_error_log = now
                logger.warning("flood limits not applied: %s", exc.__class__.__name__)
            return ALLOWED

    async def acheck(self, conversation: str | None, address: str | None = None) -> Verdict:
        """:meth:`check` without blocking the event loop on a Redis round trip."""
        if not self.enabled:
            return ALLOWED
        if self.uses_redis:
            return await asyncio.to_thread(self.check, conversation, address)
        return self.check(conversation, address)

    def _check(self, conversation: str | None, address: str | None) -> Verdict:
        keys: list[tuple[RateLimitItem, str, str]] = []
        if address:
            keys += [(item, "address", address) for item in self.per_address]
        if conversation:
            keys += [(item, "conversation", conversation) for item in self.per_conversation]
        for item, kind, key in keys:
            if not self.limiter.hit(item, self.prefix, kind, key):
                reset, _ = self.limiter.get_window_stats(item, self.prefix, kind, key)
                retry_after = max(1, math.ceil(reset - time.time()))
                notice_key = conversation or address or ""
                notify = self.limiter.hit(self.notice, self.prefix, "notice", notice_key)
                return Verdict(False, retry_after, notify)
        return ALLOWED


@lru_cache(maxsize=1)
def get_guard() -> FloodGuard:
    """The process's guard (shared by the channels, so an address has one budget)."""
    guard = FloodGuard(flood_settings())
    logger.info(guard.describe())
    return guard


def _networks(trusted: tuple[str, ...]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    nets = []
    for item in trusted:
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            logger.warning("COACH_TRUSTED_PROXIES: ignoring %r (not an address or network)", item)
    return nets


def is_trusted_proxy(peer: str, trusted: tuple[str, ...]) -> bool:
    """Whether ``peer`` is one of the trusted proxies (addresses or CIDR networks)."""
    try:
        address = ipaddress.ip_address(peer.strip("[]"))
    except ValueError:
        return False
    return any(address in net for net in _networks(trusted))


def client_address(request: Request, trusted: tuple[str, ...] | None = None) -> str:
    """The client's address: ``X-Forwarded-For``'s last entry only from a trusted proxy."""
    trusted = flood_settings().trusted_proxies if trusted is None else trusted
    peer = request.ip or ""
    if trusted and is_trusted_proxy(peer, trusted):
        forwarded = request.remote_addr  # Sanic: PROXIES_COUNT=1 takes the proxy's entry
        if forwarded:
            return forwarded.strip("[]")
    return peer


def use_proxy_settings(blueprint: Blueprint) -> None:
    """Set Sanic's proxy settings when the server starts: trust one proxy hop, no other header.

    ``client_address`` reads the forwarded address only when the peer is a trusted proxy.
    """

    @blueprint.listener("before_server_start")
    async def proxy_settings(app: Any, _loop: Any) -> None:
        if flood_settings().trusted_proxies:
            app.config.PROXIES_COUNT = 1
            app.config.REAL_IP_HEADER = None
            app.config.FORWARDED_SECRET = None
