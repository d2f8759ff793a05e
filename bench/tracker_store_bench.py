"""Rasa's SQL tracker store per turn, stock against the project's tuning, side by side.

Replays the same synthetic conversations (10 turns of about as many events as a coach
turn: the message with its parse data, slots, actions, replies) through two SQLite
tracker stores in one process, alternating turn by turn: Rasa's own ``save`` and
``_retrieve`` with SQLAlchemy 1.4's default ``NullPool``, and the project's
``CoachSQLTrackerStore`` (``stores/tracker.py``); both with the Rasa server's SQLite
settings (``runtime/server_tuning.py``). Each turn is what the Rasa server does per
message: one ``retrieve``, new events, one ``save``. Reports the median and 95th percentile per turn
and the ratio. A benchmark, not a test: it reports numbers and asserts nothing.

Usage: python bench/tracker_store_bench.py [--conversations 200] [--turns 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from runtime import server_tuning
from stores.tracker import CoachSQLTrackerStore

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "domain"


StockStore = SQLTrackerStore  # Rasa's own save and retrieve


def turn_events(i: int) -> list[Event]:
    """About the events of one coach turn."""
    ranking = [{"name": f"intent_{k}", "confidence": 0.1} for k in range(10)]
    parse = {
        "intent": {"name": "inform", "confidence": 0.9},
        "intent_ranking": ranking,
        "entities": [{"entity": "duration", "value": "year_plus", "start": 0, "end": 4}],
        "text": f"message number {i} about how we feel",
    }
    return [
        UserUttered(parse["text"], parse["intent"], parse["entities"], parse),
        SlotSet("duration", "year_plus"),
        ActionExecuted("assessment_form"),
        SlotSet("requested_slot", "cause"),
        BotUttered("A question, one at a time.", {"buttons": []}),
        ActionExecuted("action_listen"),
    ]


async def one_turn(store: SQLTrackerStore, sender: str, i: int) -> float:
    started = time.perf_counter()
    tracker = await store.retrieve(sender)
    if tracker is None:
        tracker = store.init_tracker(sender)
        tracker.update_with_events(
            [ActionExecuted("action_session_start"), SessionStarted()], store.domain
        )
    tracker.update_with_events(turn_events(i), store.domain)
    await store.save(tracker)
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(conversations: int, turns: int) -> dict[str, Any]:
    domain = Domain.load(str(DOMAIN_DIR))
    with tempfile.TemporaryDirectory() as tmp:
        stock = StockStore(domain=domain, host=f"sqlite:///{tmp}/stock.db")
        tuned = CoachSQLTrackerStore(domain=domain, host=f"sqlite:///{tmp}/tuned.db", tuned=True)
        # main's Rasa server: WAL (installed above for both), SQLAlchemy 1.4's NullPool
        stock.engine = create_engine(f"sqlite:///{tmp}/stock.db", poolclass=NullPool)
        stock.sessionmaker = sessionmaker(bind=stock.engine)
        times: dict[str, list[float]] = {"stock": [], "tuned": []}
        for c in range(conversations):
            for i in range(turns):
                for name, store in (("stock", stock), ("tuned", tuned)):
                    times[name].append(await one_turn(store, f"person-{c}", i))
    result: dict[str, Any] = {}
    for name, values in times.items():
        result[name] = {
            "p50_ms": 1000 * statistics.median(values),
            "p95_ms": 1000 * percentile(values, 0.95),
        }
    result["ratio_p50"] = result["tuned"]["p50_ms"] / result["stock"]["p50_ms"]
    result["ratio_p95"] = result["tuned"]["p95_ms"] / result["stock"]["p95_ms"]
    return result


def main() -> None:
    """Run both stores side by side and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--turns", type=int, default=10)
    args = parser.parse_args()
    # The Rasa server's SQLite settings (WAL; runtime/patches.py), for both stores.
    event.listen(Engine, "connect", server_tuning.sqlite_pragmas)
    result = asyncio.run(run(args.conversations, args.turns))
    print(f"{args.conversations} conversations x {args.turns} turns, one retrieve + save per turn")
    print("| per turn | stock Rasa | tuned | tuned / stock |")
    print("| --- | --- | --- | --- |")
    for key, label in (("p50_ms", "p50 ms"), ("p95_ms", "p95 ms")):
        ratio = result["ratio_" + key.split("_")[0]]
        print(
            f"| {label} | {result['stock'][key]:.2f} | {result['tuned'][key]:.2f} | {ratio:.2f} |"
        )


if __name__ == "__main__":
    main()
