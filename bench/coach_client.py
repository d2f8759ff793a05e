"""Talk to a coach through REST and read its tracker, or start a coach of our own.

Used by ``bench/dialogues.py`` and ``bench/safety_replay.py``. Every request has a
timeout and no reply, however odd, raises: failures come back as error strings.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from bench.dialogue_scoring import Kinds, Observed, observe

ROOT = Path(__file__).resolve().parent.parent


def running_stack(workdir: Path) -> Any:
    """The project's stack (``runtime/stack.py``: action server + Rasa server on free ports)."""
    from runtime.stack import running_stack as start

    return start(workdir)


def default_token() -> str | None:
    """``RASA_AUTH_TOKEN``, else the token ``make run`` generated into ``var/``."""
    token = os.environ.get("RASA_AUTH_TOKEN", "").strip()
    if token:
        return token
    path = ROOT / "var" / "rasa_auth_token"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def timestamp(event: object) -> float:
    """An event's timestamp (0 for a missing or odd one)."""
    if not isinstance(event, Mapping):
        return 0.0
    try:
        return float(event.get("timestamp") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def events_after(events: list[Any], since: float | None) -> list[Any]:
    """The events newer than ``since`` (all of them when ``since`` is None)."""
    return list(events) if since is None else [e for e in events if timestamp(e) > since]


@dataclass
class CoachClient:
    """A coach's REST channel and authenticated HTTP API."""

    url: str
    token: str | None
    timeout: float = 60.0
    tracker_db: Path | None = None  # the SQLite tracker store, when we started the coach

    def check(self) -> str | None:
        """Why the coach cannot be measured (unreachable, token refused), or None."""
        params = {"token": self.token} if self.token else {}
        try:
            r = requests.get(f"{self.url}/status", params=params, timeout=self.timeout)
        except requests.RequestException as exc:
            return f"{self.url} cannot be reached ({exc.__class__.__name__})"
        if r.status_code in (401, 403):
            return (
                f"{self.url} refused the HTTP API token (HTTP {r.status_code}): give --token, "
                "or set RASA_AUTH_TOKEN to the token the coach was started with"
            )
        if r.status_code >= 400:
            return f"{self.url}/status answered HTTP {r.status_code} (is the HTTP API enabled?)"
        return None

    def send(self, sender: str, text: str) -> tuple[list[Any], str | None]:
        """Send one message; (the REST replies, an error or None)."""
        try:
            r = requests.post(
                f"{self.url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return [], f"REST: {exc.__class__.__name__}"
        if r.status_code >= 400:
            return [], f"REST: HTTP {r.status_code}"
        try:
            body = r.json()
        except ValueError:
            return [], "REST: reply is not JSON"
        return (body, None) if isinstance(body, list) else ([], "REST: reply is not a list")

    def events(self, sender: str) -> tuple[list[Any], str | None]:
        """The conversation's tracker events (all sessions); (events, error or None)."""
        params = {"include_events": "ALL"}
        if self.token:
            params["token"] = self.token
        try:
            r = requests.get(
                f"{self.url}/conversations/{quote(sender, safe='')}/tracker",
                params=params,
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return [], f"tracker: {exc.__class__.__name__}"
        if r.status_code >= 400:
            return [], f"tracker: HTTP {r.status_code}"
        try:
            body = r.json()
        except ValueError:
            return [], "tracker: reply is not JSON"
        events = body.get("events") if isinstance(body, Mapping) else None
        return (events, None) if isinstance(events, list) else ([], "tracker: no events")

    def new_session(self, sender: str) -> str | None:
        """Make the conversation's next message start a new session, as after days away.

        With our own coach's SQLite tracker store, every stored event is moved two days
        back, so Rasa itself sees the session expired (its real trigger). Against a
        running coach (``--url``) without ``--tracker-db``, ``action_session_start`` is
        run through the HTTP API instead. Returns an error or None.
        """
        if self.tracker_db is not None:
            try:
                moved = age_conversation(self.tracker_db, sender, 2 * 24 * 3600)
            except sqlite3.Error as exc:
                return f"ageing the conversation: {exc}"
            return None if moved else "ageing the conversation: no events stored"
        params = {"token": self.token} if self.token else {}
        try:
            r = requests.post(
                f"{self.url}/conversations/{quote(sender, safe='')}/execute",
                params=params,
                json={"name": "action_session_start"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return f"session start: {exc.__class__.__name__}"
        return None if r.status_code < 400 else f"session start: HTTP {r.status_code}"


def age_conversation(db: Path, sender: str, seconds: int) -> int:
    """Move every stored event of ``sender`` ``seconds`` into the past; return how many."""
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn, conn:
        rows = conn.execute(
            "SELECT id, timestamp, data FROM events WHERE sender_id = ?", (sender,)
        ).fetchall()
        for row_id, stamp, data in rows:
            event = json.loads(data)
            event["timestamp"] = float(event["timestamp"]) - seconds
            conn.execute(
                "UPDATE events SET timestamp = ?, data = ? WHERE id = ?",
                (float(stamp) - seconds, json.dumps(event), row_id),
            )
    return len(rows)


class Conversation:
    """One conversation: sends messages and reads what each one did from the tracker."""

    def __init__(
        self, client: CoachClient, sender: str, kinds: Kinds, covers: Mapping[str, list[str]]
    ) -> None:
        self.client = client
        self.sender = sender
        self.kinds = kinds
        self.covers = covers
        self.since: float | None = None
        self.turns: list[Observed] = []

    def mark(self) -> None:
        """Remember the newest event now, so the next turn reads only what follows it."""
        events, _ = self.client.events(self.sender)
        stamps = [timestamp(e) for e in events]
        if stamps:
            self.since = max(stamps)

    def say(self, text: str) -> Observed:
        """Send one message and read the turn (from the tracker; REST texts if it fails)."""
        rest, error = self.client.send(self.sender, text)
        events, tracker_error = self.client.events(self.sender)
        new = events_after(events, self.since)
        stamps = [timestamp(e) for e in events]
        if stamps:
            self.since = max(stamps)
        turn = observe(text, new, self.kinds, self.covers)
        if tracker_error and not turn.replies:
            turn = observe(text, rest_as_events(rest), self.kinds, self.covers)
        turn.error = "; ".join(e for e in (error, tracker_error) if e) or None
        self.turns.append(turn)
        return turn


def rest_as_events(rest: list[Any]) -> list[dict[str, Any]]:
    """REST replies as bot events without response names (when the tracker is unreadable)."""
    return [
        {"event": "bot", "text": r.get("text") or "", "data": {"buttons": r.get("buttons")}}
        for r in rest
        if isinstance(r, Mapping)
    ]


@contextlib.contextmanager
def coach(
    url: str | None, token: str | None, timeout: float, tracker_db: Path | None = None
) -> Iterator[CoachClient]:
    """A client for the coach at ``url``, or for a coach of our own started here."""
    if url:
        client = CoachClient(url.rstrip("/"), token or default_token(), timeout, tracker_db)
        problem = client.check()
        if problem:
            raise SystemExit(problem)
        yield client
        return
    (ROOT / "var").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-stack-", dir=ROOT / "var") as tmp:
        started = time.monotonic()
        print("starting the coach (action server + Rasa server) ...", flush=True)
        with running_stack(Path(tmp)) as stack:
            print(
                f"coach ready in {time.monotonic() - started:.0f}s at {stack.rasa_url}", flush=True
            )
            db = Path(stack.env["TRACKER_URL"].removeprefix("sqlite:///"))
            yield CoachClient(stack.rasa_url, stack.token, timeout, db)
