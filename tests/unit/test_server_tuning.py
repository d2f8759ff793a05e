"""The Rasa server speed-ups: same validation of action responses, WAL for SQLite."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from sqlalchemy import create_engine, text

from runtime.patches import install_rasa_server
from runtime.server_tuning import validate_action_result

install_rasa_server()  # the speed-ups, as the Rasa server installs them (runtime/server.py)

SCHEMA = RemoteAction.action_response_format_spec()
VALID = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "plan_step", "value": 2},
            {"event": "active_loop", "name": None},
            {"event": "followup", "name": "action_listen"},
        ],
        "responses": [{"response": "utter_plan_step", "step": 2, "buttons": []}],
    },
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": "plan_step"}], "responses": []},
    {"events": [{"event": "no_such_event"}]},
    {"events": [], "responses": ["text instead of an object"]},
]


def test_rasa_uses_the_tuned_validation():
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass_as_before(result):
    jsonschema.validate(result, SCHEMA)  # Rasa's original check agrees
    assert RemoteAction("action_x", None)._validate_action_result(result)  # type: ignore[arg-type]


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_raise_the_same_error_as_before(result):
    with pytest.raises(jsonschema.ValidationError) as original:
        jsonschema.validate(result, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as tuned:
        RemoteAction("action_x", None)._validate_action_result(result)  # type: ignore[arg-type]
    assert tuned.value.message.startswith(original.value.message)
    assert "Failed to validate Action server response" in tuned.value.message


def test_sqlite_connections_use_wal_and_normal_sync(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    engine.dispose()
