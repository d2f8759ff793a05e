"""Engines and sessions: one pooled engine per process, one session per unit of work."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.orm import Session

from coach.settings import get_settings

_lock = threading.Lock()
_engines: dict[tuple[str, int], Engine] = {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    """Create an engine for ``url`` with the pool and timeouts the settings give."""
    settings = get_settings()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, connect_args={"timeout": settings.db_timeout_s})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        # Keep any options given in the URL (a search_path, say) and add a statement timeout.
        options = str(parsed.query.get("options") or "")
        connect_args = {
            "connect_timeout": settings.db_timeout_s,
            "options": f"{options} -c statement_timeout={settings.db_timeout_s * 1000}".strip(),
        }
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_timeout=settings.db_timeout_s,
        connect_args=connect_args,
    )


def _after_fork_in_child() -> None:
    """Give a forked worker fresh pools: never reuse the parent's open connections.

    ``dispose(close=False)`` drops the inherited pool without closing its sockets (they
    still belong to the parent); each engine then opens new connections in this process.
    """
    global _lock
    _lock = threading.Lock()  # another thread may have held the parent's lock at fork
    pid = os.getpid()
    inherited = list(_engines.items())
    _engines.clear()
    for (url, _parent_pid), engine in inherited:
        engine.dispose(close=False)  # type: ignore[call-arg]  # 1.4.33+; stubs lag
        _engines[(url, pid)] = engine


os.register_at_fork(after_in_child=_after_fork_in_child)


def get_engine(url: str | None = None) -> Engine:
    """Return this process's engine for ``url`` (default: ``COACH_DB_URL``).

    Engines are cached per process id, and a forked worker (Sanic workers of the action
    server, ``ACTION_SERVER_SANIC_WORKERS``) gets fresh pools at fork, so no two processes
    ever share a connection.
    """
    url = url or get_settings().db_url
    key = (url, os.getpid())
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = create_store_engine(url)
            _engines[key] = engine
        return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session for one unit of work: committed on success, rolled back on error."""
    with Session(engine, future=True) as session, session.begin():
        yield session
