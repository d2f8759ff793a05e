"""Per-turn speed-ups for the Rasa server (``runtime/patches.py`` installs them).

On by default; ``COACH_SERVER_TUNING=0`` leaves Rasa as it is. Found with
``make bench BENCH_ARGS=--profile`` (py-spy on the Rasa server under load; see README,
"Benchmarks"):

1. Rasa 3.6 checks every action server response with ``jsonschema.validate``, which first
   validates the (large, constant) response schema itself against its meta-schema, on
   every call. That was about a quarter of the Rasa server's busy time: the coach calls the
   action server on most turns (forms, plan steps). Here the schema is checked once and
   one validator is reused; every response is still validated in full and an invalid one
   raises the same ``ValidationError`` as before.
2. SQLite connections opened by the Rasa server (its SQL tracker store, the default) use
   ``journal_mode=WAL`` and ``synchronous=NORMAL``: a turn's commit appends to the
   write-ahead log instead of syncing a rollback journal and the database. A power cut can
   lose the last turns but never corrupts the file. PostgreSQL is untouched.
3. Rasa's SQL tracker store per turn (a quarter of the server's time once DIET was gone):
   see the project's own tracker store, ``stores/tracker.py``, which the same switch
   (``COACH_SERVER_TUNING``) governs.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

ORIGINAL_VALIDATE = RemoteAction._validate_action_result  # Rasa's own, replaced


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    """A validator for Rasa's action response schema, the schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` does, without re-checking the schema."""
    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL and synchronous=NORMAL on every new SQLite connection of this process."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
