"""Every setting the coach reads, in one place, from the environment with safe defaults.

Rasa's own YAML files (``endpoints.yml``, ``credentials.yml``) reference settings as
``${VAR}``; Rasa cannot supply defaults there, so :func:`rasa_environment` fills every
variable they use before a Rasa command starts (see ``python -m coach.env``).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("COACH_VAR_DIR", PROJECT_ROOT / "var"))
CONTENT_DIR = Path(os.environ.get("COACH_CONTENT_DIR", PROJECT_ROOT / "content"))


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """A snapshot of the coach's configuration."""

    db_url: str
    db_pool_size: int
    db_timeout_s: int
    country: str
    spacy_model_dir: Path
    rasa_host: str
    rasa_port: int
    action_host: str
    action_port: int
    action_url: str
    cors_origins: str
    web_port: int

    @property
    def is_sqlite(self) -> bool:
        """Whether the guidance store is an SQLite file."""
        return self.db_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once per process."""
    action_host = os.environ.get("ACTION_HOST", "127.0.0.1")
    action_port = _int("ACTION_PORT", 5055)
    rasa_port = _int("RASA_PORT", 5005)
    web_port = _int("WEB_PORT", 8080)
    return Settings(
        db_url=os.environ.get("COACH_DB_URL") or f"sqlite:///{VAR_DIR / 'coach.db'}",
        db_pool_size=_int("COACH_DB_POOL_SIZE", 5),
        db_timeout_s=_int("COACH_DB_TIMEOUT", 5),
        country=(os.environ.get("COACH_COUNTRY") or "us").lower(),
        spacy_model_dir=Path(
            os.environ.get("COACH_SPACY_MODEL", VAR_DIR / "spacy" / "en_reconnect")
        ),
        rasa_host=os.environ.get("RASA_HOST", "127.0.0.1"),
        rasa_port=rasa_port,
        action_host=action_host,
        action_port=action_port,
        action_url=os.environ.get(
            "ACTION_ENDPOINT_URL", f"http://{action_host}:{action_port}/webhook"
        ),
        cors_origins=os.environ.get(
            "COACH_CORS_ORIGINS", f"http://localhost:{web_port} http://127.0.0.1:{web_port}"
        ),
        web_port=web_port,
    )


def max_message_chars() -> int:
    """The longest message the channels accept (``COACH_MAX_MESSAGE_CHARS``, default 20,000)."""
    return max(1, _int("COACH_MAX_MESSAGE_CHARS", 20_000))


def _env_or_generated(name: str, filename: str) -> str:
    """``$name``, or a random value generated once into ``var/filename`` (never committed).

    ``token_urlsafe`` uses only A-Z, a-z, 0-9, ``_`` and ``-``, which Telegram's secret
    header also accepts.
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path = VAR_DIR / filename
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    try:  # O_EXCL: two servers starting at once agree on the first one written
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(value)
    return value


def auth_token() -> str:
    """Return ``RASA_AUTH_TOKEN``, or a token generated once into ``var/`` (never committed)."""
    return _env_or_generated("RASA_AUTH_TOKEN", "rasa_auth_token")


def action_server_token() -> str:
    """``ACTION_SERVER_TOKEN``, or one generated once into ``var/`` (never committed).

    The Rasa server sends it to the action server in ``Authorization: Bearer ...``
    (``endpoints.yml``); the action server refuses calls without it (``runtime/webhook_guard.py``).
    """
    return _env_or_generated("ACTION_SERVER_TOKEN", "action_server_token")


def rest_token() -> str:
    """``COACH_REST_TOKEN``: when set, the REST channel requires ``Authorization: Bearer`` it.

    Empty (the default of ``make run``) leaves REST open, for development on loopback; the
    production layout (``make run-scaled``) sets one (see docs/security.md).
    """
    return os.environ.get("COACH_REST_TOKEN", "").strip()


def generated_rest_token() -> str:
    """``COACH_REST_TOKEN``, or one generated once into ``var/`` (for ``make run-scaled``)."""
    return _env_or_generated("COACH_REST_TOKEN", "rest_token")


def telegram_webhook_secret() -> str:
    """``TELEGRAM_WEBHOOK_SECRET``, or one generated once into ``var/`` (never committed).

    Telegram sends it back in ``X-Telegram-Bot-Api-Secret-Token`` with every update; the
    Rasa server, ``make telegram-webhook`` and ``make telegram-poll`` all read the same one.
    """
    return _env_or_generated("TELEGRAM_WEBHOOK_SECRET", "telegram_webhook_secret")


@dataclass(frozen=True)
class TelegramSettings:
    """How the coach talks to Telegram's Bot API (see the README's Telegram section)."""

    token: str
    webhook_secret: str
    api_url: str
    webhook_url: str
    bot_username: str
    timeout_s: float
    poll_timeout_s: int


def telegram_settings() -> TelegramSettings:
    """Telegram settings from ``TELEGRAM_*`` variables (read on every call, not cached)."""
    raw_timeout = os.environ.get("TELEGRAM_TIMEOUT", "").strip() or "10"
    try:
        timeout = float(raw_timeout)
    except ValueError as exc:
        raise ValueError(
            f"TELEGRAM_TIMEOUT must be a number of seconds, got {raw_timeout!r}"
        ) from exc
    return TelegramSettings(
        token=os.environ.get("TELEGRAM_TOKEN", "").strip(),
        webhook_secret=telegram_webhook_secret(),
        api_url=(os.environ.get("TELEGRAM_API_URL") or "https://api.telegram.org").rstrip("/"),
        webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL", "").strip(),
        bot_username=os.environ.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
        timeout_s=max(0.5, timeout),
        poll_timeout_s=max(1, _int("TELEGRAM_POLL_TIMEOUT", 25)),
    )


def rasa_environment() -> dict[str, str]:
    """Variables that ``endpoints.yml`` and ``credentials.yml`` reference, with defaults.

    Values already in the environment win; the defaults give the embedded set-up
    (SQLite tracker store under ``var/``, in-memory lock store, local action server).
    """
    s = get_settings()
    defaults = {
        "ACTION_ENDPOINT_URL": s.action_url,
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_URL": tracker_url(),
        "LOCK_STORE_TYPE": "in_memory",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_DB": "1",
        "REDIS_PASSWORD": "",
        # Scaling (README, "Running in production"): an empty prefix means Rasa's "lock:".
        "REDIS_KEY_PREFIX": "",
        # Rasa reads this itself: how long a message may wait for and hold its turn.
        "TICKET_LOCK_LIFETIME": "60",
        "TELEGRAM_TOKEN": "",
        "TELEGRAM_WEBHOOK_SECRET": telegram_webhook_secret(),
        "TELEGRAM_BOT_USERNAME": "",
        "TELEGRAM_API_URL": "https://api.telegram.org",
        "TELEGRAM_TIMEOUT": "10",
        "COACH_CORS_ORIGINS": s.cors_origins,
        # rasa-sdk's action server binds to SANIC_HOST, 0.0.0.0 unless set: keep it local.
        "SANIC_HOST": s.action_host,
    }
    env = {k: os.environ.get(k, v) for k, v in defaults.items()}
    # Never send usage data or crash reports to Rasa's servers: this is a private coach.
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["RASA_AUTH_TOKEN"] = auth_token()
    # endpoints.yml sends it to the action server, which reads the same variable.
    env["ACTION_SERVER_TOKEN"] = action_server_token()
    return env


@dataclass(frozen=True)
class WebSettings:
    """Where the web chat page is served and where its widget finds the coach."""

    host: str
    port: int
    socket_url: str
    cors_origins: tuple[str, ...]
    # Where the coach's images (check-in charts) come from: ``COACH_PUBLIC_URL``.
    image_url: str = ""


def _local_rasa_host(host: str) -> str:
    """``RASA_HOST`` as a browser can reach it (``127.0.0.1`` for "every interface")."""
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104


def public_url() -> str:
    """Where people's channels reach the Rasa server (``COACH_PUBLIC_URL``): chart images.

    By default ``http://RASA_HOST:RASA_PORT`` (``127.0.0.1`` when Rasa listens on every
    interface).
    """
    s = get_settings()
    default = f"http://{_local_rasa_host(s.rasa_host)}:{s.rasa_port}"
    return (os.environ.get("COACH_PUBLIC_URL", "").strip() or default).rstrip("/")


def web_settings() -> WebSettings:
    """``WEB_HOST`` / ``WEB_PORT`` for the page, ``COACH_SOCKET_URL`` for the widget.

    The socket URL is what the visitor's browser connects to: by default the Rasa server
    (``http://RASA_HOST:RASA_PORT``, with ``127.0.0.1`` when Rasa listens on every
    interface). Behind a reverse proxy, set it to the public address.
    """
    s = get_settings()
    rasa_host = _local_rasa_host(s.rasa_host)
    socket_url = (
        os.environ.get("COACH_SOCKET_URL", "").strip() or f"http://{rasa_host}:{s.rasa_port}"
    )
    return WebSettings(
        host=os.environ.get("WEB_HOST", "127.0.0.1"),
        port=s.web_port,
        socket_url=socket_url.rstrip("/"),
        cors_origins=tuple(s.cors_origins.replace(",", " ").split()),
        image_url=public_url(),
    )


def server_tuning_enabled() -> bool:
    """Whether the Rasa server applies ``runtime/server_tuning.py`` (``COACH_SERVER_TUNING``).

    On by default; ``0`` turns it off (to measure the difference with ``make bench``).
    """
    return os.environ.get("COACH_SERVER_TUNING", "1").strip() != "0"


# --- Memory across conversations: check-ins, charts and reminders ---------------------


@dataclass(frozen=True)
class MemorySettings:
    """Settings for follow-ups, progress charts and reminders (README "Coming back")."""

    timezone: str  # the coach's local time zone (quiet hours and "tomorrow evening")
    quiet_start: int  # minutes after midnight when nudges stop
    quiet_end: int  # minutes after midnight when nudges may start again
    public_url: str  # base URL people's channels reach the Rasa server at (chart images)
    chart_secret: str  # key of the HMAC that makes chart URLs unguessable


def _hhmm(name: str, raw: str) -> int:
    try:
        hours, minutes = raw.strip().split(":")
        value = int(hours) * 60 + int(minutes)
    except ValueError as exc:
        raise ValueError(f"{name} must look like 21:00-08:00, got {raw!r}") from exc
    if not 0 <= value < 24 * 60:
        raise ValueError(f"{name} must look like 21:00-08:00, got {raw!r}")
    return value


def memory_settings() -> MemorySettings:
    """``COACH_TIMEZONE``, ``COACH_QUIET_HOURS``, ``COACH_PUBLIC_URL``, ``COACH_CHART_SECRET``.

    Read on every call (not cached). ``COACH_QUIET_HOURS=off`` turns quiet hours off.
    """
    quiet = (os.environ.get("COACH_QUIET_HOURS") or "21:00-08:00").strip()
    if quiet.lower() == "off":
        start = end = 0
    else:
        first, _, second = quiet.partition("-")
        start = _hhmm("COACH_QUIET_HOURS", first)
        end = _hhmm("COACH_QUIET_HOURS", second)
    return MemorySettings(
        timezone=(os.environ.get("COACH_TIMEZONE") or "UTC").strip(),
        quiet_start=start,
        quiet_end=end,
        public_url=public_url(),
        chart_secret=_env_or_generated("COACH_CHART_SECRET", "chart_secret"),
    )


# --- Privacy and logging (issue #8) ---------------------------------------------------


def retention_days() -> int:
    """Days a conversation is kept after its last message (``COACH_RETENTION_DAYS``, 90)."""
    return max(1, _int("COACH_RETENTION_DAYS", 90))


def log_text_enabled() -> bool:
    """Whether logs may contain what people write (``COACH_LOG_TEXT=1``; off by default)."""
    return os.environ.get("COACH_LOG_TEXT", "").strip().lower() in ("1", "true", "yes", "on")


def tracker_url() -> str:
    """The SQLAlchemy URL of Rasa's tracker store (``TRACKER_URL``, as Rasa gets it)."""
    return os.environ.get("TRACKER_URL") or f"sqlite:///{VAR_DIR / 'tracker.db'}"


def action_timeout_s() -> float:
    """Seconds the Rasa server waits for one custom action (``COACH_ACTION_TIMEOUT``, 30)."""
    return float(max(1, _int("COACH_ACTION_TIMEOUT", 30)))


# --- Flood limits (issue #24, docs/security.md) -----------------------------------------

DEFAULT_PER_CONVERSATION = "15 per 15 seconds; 40 per minute"
DEFAULT_PER_ADDRESS = "75 per 15 seconds; 200 per minute"


@dataclass(frozen=True)
class FloodSettings:
    """How many messages one conversation and one client address may send."""

    enabled: bool
    per_conversation: str  # limits' notation: "15 per 15 seconds; 40 per minute"
    per_address: str
    storage_uri: str  # memory:// (one server) or redis://... (servers sharing conversations)
    key_prefix: str  # namespace of the keys in Redis
    trusted_proxies: tuple[str, ...]  # peers whose X-Forwarded-For is believed (IPs or CIDRs)


def flood_settings() -> FloodSettings:
    """``COACH_FLOOD_*`` and ``COACH_TRUSTED_PROXIES`` (read on every call, not cached).

    The storage is Redis (the lock store's) when ``LOCK_STORE_TYPE`` is not ``in_memory``,
    because then several Rasa servers share conversations; ``COACH_FLOOD_STORAGE`` overrides.
    """
    storage = os.environ.get("COACH_FLOOD_STORAGE", "").strip()
    if not storage:
        lock_store = os.environ.get("LOCK_STORE_TYPE", "in_memory").strip() or "in_memory"
        if lock_store == "in_memory":
            storage = "memory://"
        else:
            password = os.environ.get("REDIS_PASSWORD", "")
            auth = f":{password}@" if password else ""
            host = os.environ.get("REDIS_HOST", "127.0.0.1")
            port = os.environ.get("REDIS_PORT", "6379")
            db = os.environ.get("REDIS_DB", "1")
            storage = f"redis://{auth}{host}:{port}/{db}"
    enabled = os.environ.get("COACH_FLOOD_LIMITS", "on").strip().lower()
    proxies = os.environ.get("COACH_TRUSTED_PROXIES", "").replace(",", " ").split()
    return FloodSettings(
        enabled=enabled not in ("0", "off", "false", "no"),
        per_conversation=os.environ.get("COACH_FLOOD_PER_CONVERSATION", "").strip()
        or DEFAULT_PER_CONVERSATION,
        per_address=os.environ.get("COACH_FLOOD_PER_ADDRESS", "").strip() or DEFAULT_PER_ADDRESS,
        storage_uri=storage,
        key_prefix=(os.environ.get("REDIS_KEY_PREFIX", "").strip() or "reconnect"),
        trusted_proxies=tuple(proxies),
    )


# --- The outbox: messages the coach sends later (issue #25) ---------------------------


@dataclass(frozen=True)
class OutboxSettings:
    """How the Rasa server's outbox scheduler runs (docs/memory-and-reminders.md)."""

    enabled: bool  # COACH_OUTBOX=off stops this server delivering (others still may)
    poll_s: float  # the longest the scheduler sleeps: rows other processes add are seen
    test_clock_file: str  # test only: a file holding seconds to add to the real time


def outbox_settings() -> OutboxSettings:
    """``COACH_OUTBOX``, ``COACH_OUTBOX_POLL_S`` (default 15) and ``COACH_TEST_CLOCK_FILE``.

    Read on every call (not cached). ``COACH_TEST_CLOCK_FILE`` is for tests only: unset
    (production), every part of the coach reads the real time.
    """
    raw = os.environ.get("COACH_OUTBOX_POLL_S", "").strip()
    try:
        poll = float(raw) if raw else 15.0
    except ValueError as exc:
        raise ValueError(f"COACH_OUTBOX_POLL_S must be a number, got {raw!r}") from exc
    enabled = os.environ.get("COACH_OUTBOX", "on").strip().lower()
    return OutboxSettings(
        enabled=enabled not in ("0", "off", "false", "no"),
        poll_s=min(max(poll, 0.2), 300.0),
        test_clock_file=os.environ.get("COACH_TEST_CLOCK_FILE", "").strip(),
    )
