"""The project's Redis lock store keeps one conversation's turns apart across processes.

Two processes (standing in for two Rasa servers) each try to take the same conversation's
lock many times at once. Rasa's own ``RedisLockStore`` updates tickets by read-modify-write
and can lose one under this load (seen as ``LockError`` or two turns at once); the
project's ``AtomicRedisLockStore`` must give every attempt its turn, one at a time.
"""

from __future__ import annotations

import asyncio
import multiprocessing

from tests.scale.conftest import REDIS_DB, REDIS_HOST, REDIS_PORT, delete_prefix, redis_client

ATTEMPTS_PER_PROCESS = 25


def _contend(store_class: str, prefix: str, queue) -> None:
    import importlib

    module, name = store_class.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    store = cls(host=REDIS_HOST, port=REDIS_PORT, db=int(REDIS_DB), key_prefix=prefix)
    red = store.red
    busy = f"{prefix}:busy"
    result = {"turns": 0, "overlaps": 0, "errors": []}

    async def turn() -> None:
        try:
            async with store.lock("one-conversation", wait_time_in_seconds=0.01):
                if red.incr(busy) != 1:
                    result["overlaps"] += 1
                await asyncio.sleep(0.002)
                red.decr(busy)
                result["turns"] += 1
        except Exception as exc:  # collected, asserted on below
            result["errors"].append(f"{exc.__class__.__name__}: {exc}".splitlines()[0])

    async def main() -> None:
        await asyncio.gather(*(turn() for _ in range(ATTEMPTS_PER_PROCESS)))

    asyncio.run(main())
    queue.put(result)


def contend(store_class: str, prefix: str) -> list[dict]:
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_contend, args=(store_class, prefix, queue)) for _ in range(2)]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
    return results


def test_atomic_lock_store_serves_every_turn_once_across_processes(redis_prefix):
    client = redis_client()
    prefix = f"{redis_prefix}locks"
    try:
        results = contend("stores.locks.AtomicRedisLockStore", prefix)
        assert [r["errors"] for r in results] == [[], []]
        assert sum(r["overlaps"] for r in results) == 0
        assert sum(r["turns"] for r in results) == 2 * ATTEMPTS_PER_PROCESS
        # nothing left behind: the conversation's lock is deleted once nobody waits
        assert client.get(f"{prefix}:lock:one-conversation") is None
    finally:
        delete_prefix(client, prefix)
        client.close()
