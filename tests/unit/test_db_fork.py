"""A forked worker (Sanic workers of the action server) never reuses its parent's connections."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from sqlalchemy import text

from coach.store import db
from tests.conftest import PG_URL, skip_or_fail

BACKEND_PID = text("SELECT pg_backend_pid()")


def _child(url: str, inherited, queue) -> None:
    # like actions.common.store(): an object created before the fork keeps its engine
    pooled_before_use = inherited.pool.checkedin()
    with inherited.connect() as conn:
        backend = conn.execute(BACKEND_PID).scalar()
    queue.put(
        {
            "same_engine": db.get_engine(url) is inherited,
            "pooled_before_use": pooled_before_use,
            "keys": [pid for (key_url, pid) in db._engines if key_url == url],
            "pid": os.getpid(),
            "backend": backend,
        }
    )


@pytest.mark.services
def test_forked_worker_gets_a_fresh_pool_and_parent_keeps_its_own():
    engine = db.get_engine(PG_URL)
    try:
        with engine.connect() as conn:
            parent_backend = conn.execute(BACKEND_PID).scalar()
    except Exception as exc:
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    assert engine.pool.checkedin() == 1  # the parent holds an open pooled connection
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(PG_URL, engine, queue))
    proc.start()
    seen = queue.get(timeout=30)
    proc.join(timeout=30)
    assert proc.exitcode == 0
    # the child kept the inherited engine object (re-keyed to itself) with an empty pool,
    # and talked to PostgreSQL over a connection of its own
    assert seen["pooled_before_use"] == 0
    assert seen["backend"] != parent_backend
    assert seen["same_engine"] is True
    assert seen["keys"] == [seen["pid"]]
    # the parent's connection is still the same open, usable one
    assert engine.pool.checkedin() == 1
    with engine.connect() as conn:
        assert conn.execute(BACKEND_PID).scalar() == parent_backend
    engine.dispose()
