"""A Redis lock store whose ticket bookkeeping is atomic across Rasa servers.

Rasa 3.6's ``RedisLockStore`` keeps each conversation's ticket lock as one JSON value and
changes it by read-modify-write (``GET``, change in Python, ``SET``). Inside one Rasa
server that is safe (nothing awaits in between), but two servers handling the same
conversation at the same moment can overwrite each other's tickets: a ticket is lost, the
lock is deleted while someone still waits, and the waiter fails with ``LockError`` (or
two turns run at once). This subclass does every read-modify-write under a short Redis
mutex per conversation, so tickets are issued, served and cleaned up one at a time.

Use it with ``LOCK_STORE_TYPE=stores.locks.AtomicRedisLockStore``; it takes the same
``endpoints.yml`` keys as Rasa's ``redis`` lock store.
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Each guarded step is a couple of Redis round trips; these bounds only matter if a Rasa
# server dies while holding the mutex (its key then expires by itself).
MUTEX_TIMEOUT_S = 5.0
MUTEX_WAIT_S = 5.0


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with atomic ticket updates (safe with several Rasa servers)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Build from an ``endpoints.yml`` entry (as Rasa does) or from keyword arguments."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}",
            timeout=MUTEX_TIMEOUT_S,
            blocking_timeout=MUTEX_WAIT_S,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket (see Rasa's ``LockStore.issue_ticket``), atomically."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (see Rasa's ``LockStore.update_lock``), atomically."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish a ticket and delete the lock if nobody waits, as one atomic step."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
