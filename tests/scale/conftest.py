"""The scaled layout (scripts/run_scaled.sh, started by runtime/stack.py) once per session.

It gets its OWN PostgreSQL database (random name, dropped afterwards) for both the tracker
store and the guidance store, and its OWN Redis key prefix (keys deleted afterwards).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine.url import make_url

from runtime.stack import Scaled, model_path, running_scaled
from tests.conftest import PG_URL, skip_or_fail
from tests.integration.fake_telegram import FakeTelegram

REDIS_HOST = os.environ.get("COACH_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("COACH_TEST_REDIS_PORT", "6379"))
REDIS_DB = os.environ.get("COACH_TEST_REDIS_DB", "1")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/scale/" in str(item.fspath):
            item.add_marker(pytest.mark.services)
            if "test_scaled" in str(item.fspath):
                item.add_marker(pytest.mark.model)


REST_TOKEN = "scale-rest-" + uuid.uuid4().hex
ACTION_TOKEN = "scale-actions-" + uuid.uuid4().hex
TELEGRAM_TOKEN = "616161:SCALE-token"
TELEGRAM_SECRET = "scale-secret_" + "z" * 20


def redis_client():
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=int(REDIS_DB), socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis not reachable at {REDIS_HOST}:{REDIS_PORT}: {exc.__class__.__name__}")
    return client


def delete_prefix(client, prefix: str) -> int:
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    return client.delete(*keys) if keys else 0


@pytest.fixture(scope="session")
def redis_prefix() -> Iterator[str]:
    client = redis_client()
    prefix = f"scale{uuid.uuid4().hex[:10]}"
    yield prefix
    delete_prefix(client, prefix)
    delete_prefix(client, f"LIMITER/{prefix}")  # the flood limits' keys (channels/flood.py)
    client.close()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database (its URL); dropped with its connections afterwards."""
    name = f"reconnect_scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def scale_telegram() -> Iterator[FakeTelegram]:
    """A fake Bot API both Rasa servers send to (the outbox's deliveries are counted there)."""
    api = FakeTelegram(TELEGRAM_TOKEN).start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def scale_clock(tmp_path_factory) -> Path:
    """The test clock both servers read (COACH_TEST_CLOCK_FILE): seconds added to real time."""
    path = tmp_path_factory.mktemp("scale-clock") / "clock"
    path.write_text("0", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def scaled(
    tmp_path_factory, pg_database, redis_prefix, scale_telegram, scale_clock
) -> Iterator[Scaled]:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        skip_or_fail("nginx is not installed (requirements/apt.txt; make install)")
    extra_env = {
        "LOCK_STORE_TYPE": "stores.locks.AtomicRedisLockStore",
        "REDIS_HOST": REDIS_HOST,
        "REDIS_PORT": str(REDIS_PORT),
        "REDIS_DB": REDIS_DB,
        "REDIS_KEY_PREFIX": redis_prefix,
        # two action server processes with two Sanic workers each (forked: own pools)
        "ACTION_SERVER_SANIC_WORKERS": "2",
        "ACTION_SERVER_TOKEN": ACTION_TOKEN,
        # The tests are many people behind one address (nginx on 127.0.0.1): the limit
        # per address is lifted; the one per conversation keeps its default.
        "COACH_FLOOD_PER_ADDRESS": "10000 per minute",
        # The outbox (test_outbox_scaled.py): Telegram at a fake Bot API, a movable clock.
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": scale_telegram.url,
        "TELEGRAM_TIMEOUT": "2",
        "COACH_TEST_CLOCK_FILE": str(scale_clock),
        "COACH_OUTBOX_POLL_S": "0.5",
        "COACH_QUIET_HOURS": "off",
    }
    run_dir = tmp_path_factory.mktemp("scaled")
    with running_scaled(run_dir, pg_database, REST_TOKEN, extra_env) as layout:
        yield layout
