"""How the guidance store's plan and search queries scale with the number of tips.

Fills fresh databases with synthetic tips (100, 10,000 and 100,000 by default) and
reports the median and 95th-percentile time of the plan-candidate query (what the coach
runs to build a plan) and of full-text search, on SQLite and, where reachable, on
PostgreSQL. A benchmark, not a test: it reports numbers and asserts nothing.

Usage: python bench/store_bench.py [--sizes 100,10000,100000] [--runs 60] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import Engine

from coach.store.db import create_store_engine
from coach.store.migrate import alembic_config
from coach.store.models import Cause, Source, Step, Tip, Topic, tip_causes, tip_sources, tip_topics
from coach.store.queries import GuidanceStore

WORDS = (
    "talk listen phone evening walk dinner hug notes time together weekend screen morning "
    "gratitude kindness chores plan trip memory laugh question story breath touch patience "
    "honest forgive share worry hope dream game music garden cook tea coffee letter"
).split()
CAUSES = ["new_baby", "new_job", "stress", "screens", "routine", "conflict", "distance", "health"]
TOPICS = [
    "communication",
    "quality_time",
    "screens",
    "romance",
    "touch",
    "trust",
    "conflict",
    "fun",
]
QUERIES = ["how do we talk more", "phone at dinner", "forgive and share hope", "weekend trip plan"]


def migrate(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config(str(engine.url))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def vocabulary(size: int = 3000, seed: int = 3) -> tuple[list[str], list[float]]:
    """A Zipf-distributed vocabulary: the real words above plus pseudo-words, like real text."""
    rng = random.Random(seed)
    fake = {
        "".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(4, 9)))
        for _ in range(size)
    }
    words = WORDS + sorted(fake - set(WORDS))
    rng.shuffle(words)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return words, weights


def fill(engine: Engine, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocab, weights = vocabulary()

    def phrase(k: int) -> str:
        return " ".join(rng.choices(vocab, weights, k=k))

    with engine.begin() as conn:
        conn.execute(insert(Source), [{"id": 1, "slug": "src", "title": "Synthetic"}])
        conn.execute(
            insert(Topic),
            [{"id": i + 1, "slug": s, "name": s, "description": ""} for i, s in enumerate(TOPICS)],
        )
        conn.execute(
            insert(Cause),
            [{"id": i + 1, "slug": s, "name": s, "patterns": ""} for i, s in enumerate(CAUSES)],
        )
        batch = 5000
        for start in range(0, n, batch):
            tips, steps, tc, tt, ts = [], [], [], [], []
            for i in range(start + 1, min(n, start + batch) + 1):
                words = phrase(8)
                step_texts = [phrase(12) for _ in range(3)]
                tips.append(
                    {
                        "id": i,
                        "slug": f"tip-{i}",
                        "kind": "practice",
                        "title": f"Tip {i} {words[:30]}",
                        "summary": words,
                        "why": words,
                        "more": "",
                        "suits": rng.choice(["alone", "both", "either"]),
                        "effort": rng.choice(["minutes", "evening", "ongoing"]),
                        "needs_safe_relationship": rng.random() < 0.6,
                        "own_description": False,
                        "covers": "P1",
                        "search_text": "\n".join([words, *step_texts]),
                        "content_hash": "x",
                    }
                )
                steps += [
                    {"tip_id": i, "position": p + 1, "text": t} for p, t in enumerate(step_texts)
                ]
                tc.append({"tip_id": i, "cause_id": rng.randrange(len(CAUSES)) + 1})
                tt.append({"tip_id": i, "topic_id": rng.randrange(len(TOPICS)) + 1})
                ts.append({"tip_id": i, "source_id": 1})
            conn.execute(insert(Tip), tips)
            conn.execute(insert(Step), steps)
            conn.execute(insert(tip_causes), tc)
            conn.execute(insert(tip_topics), tt)
            conn.execute(insert(tip_sources), ts)
        if conn.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def measure(engine: Engine, n: int, runs: int) -> dict[str, float]:
    migrate(engine)
    fill(engine, n)
    store = GuidanceStore(engine)
    rng = random.Random(1)

    def plan() -> object:
        return store.plan_candidates(
            cause=rng.choice(CAUSES),
            topic=rng.choice(TOPICS),
            safe_only=rng.random() < 0.3,
            exclude=[f"tip-{rng.randrange(1, n + 1)}"],
        )

    def search() -> object:
        return store.search(rng.choice(QUERIES))

    plan_p50, plan_p95 = timed(plan, runs)
    search_p50, search_p95 = timed(search, runs)
    return {
        "rows": n,
        "plan_p50_ms": plan_p50,
        "plan_p95_ms": plan_p95,
        "search_p50_ms": search_p50,
        "search_p95_ms": search_p95,
    }


def pg_engine(url: str) -> tuple[Engine, Engine, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    return create_store_engine(f"{url}?options=-csearch_path%3D{schema}"), admin, schema


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for backend in ("sqlite", "postgresql"):
        for n in sizes:
            if backend == "sqlite":
                with tempfile.TemporaryDirectory() as tmp:
                    engine = create_store_engine(f"sqlite:///{tmp}/bench.db")
                    row = measure(engine, n, args.runs)
                    engine.dispose()
            else:
                try:
                    engine, admin, schema = pg_engine(args.pg)
                except Exception as exc:
                    print(f"PostgreSQL skipped: {exc.__class__.__name__}", file=sys.stderr)
                    break
                try:
                    row = measure(engine, n, args.runs)
                finally:
                    engine.dispose()
                    with admin.begin() as conn:
                        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                    admin.dispose()
            entry: dict[str, object] = {"backend": backend, **row}
            results.append(entry)
            print(json.dumps(entry), file=sys.stderr)
    print("| backend | tips | plan p50 (ms) | plan p95 (ms) | search p50 (ms) | search p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['backend']} | {r['rows']:,} | {r['plan_p50_ms']:.2f} | {r['plan_p95_ms']:.2f} "
            f"| {r['search_p50_ms']:.2f} | {r['search_p95_ms']:.2f} |"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
