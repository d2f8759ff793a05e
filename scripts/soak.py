"""Soak test: N concurrent conversations of T turns through the REST channel (counts only).

Usage: ``python scripts/soak.py URL TOKEN [--users 50] [--turns 20]`` against a running
Rasa server (``make soak`` starts one). Every conversation must end with all T user
messages in its tracker, each followed by at least one bot reply, and no 5xx. Prints the
counts and the run time; exits 1 if anything is missing.

Fifty people from one address are a flood to the coach's limits (docs/security.md), so
the fresh server runs with ``COACH_FLOOD_LIMITS=off``; against a running server, turn them
off there too. When ``COACH_REST_TOKEN`` is set, every REST call carries it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

from coach.settings import rest_token

# A realistic mix: greeting, the questions, plan steps, questions, odd input.
SCRIPT = [
    "hi",
    "we feel like roommates lately",
    "sure",
    "about a year",
    "since the baby came",
    "both",
    "yes",
    "not sure",
    "start",
    "next",
    "why does this help?",
    "next",
    "show my plan",
    "how can we communicate better?",
    "what is emotional intimacy?",
    "💔",
    "<b>we never talk</b>",
    "thanks",
    "go back",
    "bye",
]


@dataclass
class Result:
    """What one conversation saw."""

    sender: str
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replies: list[int] = field(default_factory=list)  # messages in each REST response
    user_events: int = 0
    unanswered: int = 0
    unanswered_texts: list[str] = field(default_factory=list)


async def conversation(
    session: aiohttp.ClientSession, url: str, turns: int, timeout: float
) -> Result:
    """One person's conversation, one message at a time."""
    result = Result(f"soak-{uuid.uuid4().hex[:10]}")
    for i in range(turns):
        body = {"sender": result.sender, "message": SCRIPT[i % len(SCRIPT)]}
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json=body,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as r:
                result.statuses.append(r.status)
                if r.status >= 500:
                    result.errors.append(f"turn {i}: HTTP {r.status}")
                else:
                    answer = json.loads(await r.read())
                    result.replies.append(len(answer) if isinstance(answer, list) else 0)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            result.errors.append(f"turn {i}: {exc.__class__.__name__}")
    return result


def unanswered_messages(events: list[dict]) -> tuple[int, list[str]]:
    """(user messages, texts of those not followed by a bot reply before the next one).

    When a person answers the two-stage fallback's "Did you mean ...?" with something else,
    Rasa reverts that message (a ``rewind`` event) and reads it again as a new ``user``
    event with the same ``message_id``, and only then replies. That copy is the same
    message, not a new one: a reply to either counts, and it is counted once.
    """
    users = 0
    silent: list[str] = []
    waiting: str | None = None
    last_id: object = None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            message_id = event.get("message_id")
            if message_id is not None and message_id == last_id:
                continue  # the same message, read again after a clarification
            last_id = message_id
            if waiting is not None:
                silent.append(waiting)
            users += 1
            waiting = str(event.get("text") or "")
        elif kind == "bot":
            waiting = None
    if waiting is not None:
        silent.append(waiting)
    return users, silent


def replies_per_message(events: list[dict]) -> tuple[int, int]:
    """(user messages, user messages not followed by a bot reply before the next one)."""
    users, silent = unanswered_messages(events)
    return users, len(silent)


async def check(session: aiohttp.ClientSession, url: str, token: str, result: Result) -> None:
    """Count the conversation's user messages and replies in its tracker (all events)."""
    async with session.get(
        f"{url}/conversations/{result.sender}/tracker",
        params={"token": token, "include_events": "ALL"},
        timeout=aiohttp.ClientTimeout(total=60),
    ) as r:
        events = json.loads(await r.read())["events"]
    result.user_events, result.unanswered_texts = unanswered_messages(events)
    result.unanswered = len(result.unanswered_texts)


async def soak(url: str, token: str, users: int, turns: int, timeout: float) -> list[Result]:
    """All conversations at once, then the trackers."""
    limits = aiohttp.TCPConnector(limit=users + 5)
    headers = {"Authorization": f"Bearer {rest_token()}"} if rest_token() else {}
    async with aiohttp.ClientSession(connector=limits, headers=headers) as session:
        results = await asyncio.gather(
            *(conversation(session, url, turns, timeout) for _ in range(users))
        )
        for result in results:
            await check(session, url, token, result)
    return list(results)


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", help="a running Rasa server (else --start)")
    parser.add_argument("token", nargs="?", help="its HTTP API token")
    parser.add_argument(
        "--start", action="store_true", help="start a fresh coach on free ports (make soak)"
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per message")
    args = parser.parse_args(argv)
    if args.start:
        return with_fresh_servers(argv or sys.argv[1:])
    if not args.url or not args.token:
        parser.error("give URL and TOKEN of a running server, or --start")
    start = time.monotonic()
    results = asyncio.run(soak(args.url, args.token, args.users, args.turns, args.timeout))
    elapsed = time.monotonic() - start
    errors = sum(len(r.errors) for r in results)
    five_xx = sum(1 for r in results for s in r.statuses if s >= 500)
    missing = sum(max(0, args.turns - r.user_events) for r in results)
    unanswered = sum(r.unanswered for r in results)
    replies = [n for r in results for n in r.replies]
    empty = sum(1 for n in replies if n == 0)
    per_turn = sum(replies) / len(replies) if replies else 0.0
    print(
        f"soak: {args.users} conversations x {args.turns} turns in {elapsed:.0f}s; "
        f"errors {errors} (5xx {five_xx}); user messages missing from trackers {missing}; "
        f"messages without a reply {unanswered} (tracker), {empty} (REST response); "
        f"replies per turn {per_turn:.2f} (min {min(replies, default=0)}, "
        f"max {max(replies, default=0)})"
    )
    for r in results:
        for e in r.errors[:3]:
            print(f"  {r.sender}: {e}")
    silent = sorted({t for r in results for t in r.unanswered_texts})
    if silent:
        print(f"  messages the coach did not answer (scripted test texts): {silent}")
    return 1 if errors or missing or unanswered or empty else 0


def with_fresh_servers(argv: list[str]) -> int:
    """Start an action server and a Rasa server on free ports, soak them, stop them."""
    import tempfile
    from pathlib import Path

    from runtime.stack import running_stack

    rest = [a for a in argv if a != "--start"]
    with (
        tempfile.TemporaryDirectory(prefix="soak-") as tmp,
        running_stack(
            Path(tmp), extra_env={"COACH_ACTION_TIMEOUT": "60", "COACH_FLOOD_LIMITS": "off"}
        ) as stack,
    ):
        return main([stack.rasa_url, stack.token, *rest])


if __name__ == "__main__":
    sys.exit(main())
