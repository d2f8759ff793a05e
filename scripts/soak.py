"""Soak test: N concurrent conversations of T turns through the REST channel (counts only).

Usage: ``python scripts/soak.py URL TOKEN [--users 50] [--turns 20]`` against a running
Rasa server (``make soak`` starts one). Every conversation must end with all T user
messages in its tracker, each followed by at least one bot reply, and no 5xx. Prints the
counts and the run time; exits 1 if anything is missing.
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
    user_events: int = 0
    unanswered: int = 0


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
                    await r.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            result.errors.append(f"turn {i}: {exc.__class__.__name__}")
    return result


def replies_per_message(events: list[dict]) -> tuple[int, int]:
    """(user messages, user messages not followed by a bot reply before the next one)."""
    users = unanswered = 0
    waiting = False
    for event in events:
        kind = event.get("event")
        if kind == "user":
            if waiting:
                unanswered += 1
            users += 1
            waiting = True
        elif kind == "bot":
            waiting = False
    return users, unanswered + (1 if waiting else 0)


async def check(session: aiohttp.ClientSession, url: str, token: str, result: Result) -> None:
    """Count the conversation's user messages and replies in its tracker (all events)."""
    async with session.get(
        f"{url}/conversations/{result.sender}/tracker",
        params={"token": token, "include_events": "ALL"},
        timeout=aiohttp.ClientTimeout(total=60),
    ) as r:
        events = json.loads(await r.read())["events"]
    result.user_events, result.unanswered = replies_per_message(events)


async def soak(url: str, token: str, users: int, turns: int, timeout: float) -> list[Result]:
    """All conversations at once, then the trackers."""
    limits = aiohttp.TCPConnector(limit=users + 5)
    async with aiohttp.ClientSession(connector=limits) as session:
        results = await asyncio.gather(
            *(conversation(session, url, turns, timeout) for _ in range(users))
        )
        for result in results:
            await check(session, url, token, result)
    return list(results)


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per message")
    args = parser.parse_args(argv)
    start = time.monotonic()
    results = asyncio.run(soak(args.url, args.token, args.users, args.turns, args.timeout))
    elapsed = time.monotonic() - start
    errors = sum(len(r.errors) for r in results)
    five_xx = sum(1 for r in results for s in r.statuses if s >= 500)
    missing = sum(max(0, args.turns - r.user_events) for r in results)
    unanswered = sum(r.unanswered for r in results)
    print(
        f"soak: {args.users} conversations x {args.turns} turns in {elapsed:.0f}s; "
        f"errors {errors} (5xx {five_xx}); user messages missing from trackers {missing}; "
        f"messages without a reply {unanswered}"
    )
    for r in results:
        for e in r.errors[:3]:
            print(f"  {r.sender}: {e}")
    return 1 if errors or missing or unanswered else 0


if __name__ == "__main__":
    sys.exit(main())
