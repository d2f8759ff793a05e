"""Issue 24 on real servers: nobody acts as someone else.

Attacks tried against the shared stack (an action server and a Rasa server started by
``conftest.py``), each with the victim's rows counted before and after:

- a forged ``action_delete_data`` for another person sent straight to the action server,
  without the secret, with a wrong one, with it in the URL, as a bare token: 401, nothing
  deleted (and, as a control, the same call with the secret does delete: the counting
  would see it);
- a forged ``action_show_progress`` (which returns a chart link): 401, no link;
- REST messages naming another channel's conversation (``tg:...``, ``web:...``): 403.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import create_engine, insert, inspect

from coach.privacy import person_tables
from tests.integration.test_bad_input_more import action_call
from tests.integration.test_privacy_server import sample_value, store_rows, texts, tracker_rows


def add_rows(stack, sender: str) -> None:
    """One row about ``sender`` in every table of the coach's store (unique values unique)."""
    engine = create_engine(stack.env["COACH_DB_URL"], future=True)
    try:
        existing = set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            for table in reversed([t for t in person_tables() if t.name in existing]):
                row = {}
                for c in table.columns:
                    if c.name == "sender_id":
                        row[c.name] = sender
                    elif c.unique and not c.primary_key:
                        row[c.name] = uuid.uuid4().hex
                    elif not c.nullable and not c.primary_key and c.default is None:
                        row[c.name] = sample_value(c)
                conn.execute(insert(table).values(row))
    finally:
        engine.dispose()


def victim(stack) -> str:
    """A person with a conversation and a row in every table of the coach's store."""
    sender = f"victim-{uuid.uuid4().hex[:8]}"
    assert stack.rest(sender, "we feel like roommates since the baby arrived")
    add_rows(stack, sender)
    return sender


def counts(stack, sender: str) -> tuple[int, dict[str, int]]:
    return tracker_rows(stack, sender), store_rows(stack, sender)


FORGERIES = {
    "no secret": ({}, ""),
    "wrong secret": ({"Authorization": "Bearer not-the-secret"}, ""),
    "secret without Bearer": (None, ""),  # the bare token as the header
    "secret in the URL": ({}, "?token={token}"),
    "other scheme": ("Basic", ""),
    "secret with a suffix": ("suffix", ""),
}


def forged_headers(stack, how) -> dict[str, str]:
    if how is None:
        return {"Authorization": stack.action_token}
    if how == "Basic":
        return {"Authorization": f"Basic {stack.action_token}"}
    if how == "suffix":
        return {"Authorization": f"Bearer {stack.action_token}x"}
    return how


@pytest.mark.parametrize("name", list(FORGERIES))
def test_forged_delete_for_another_person_deletes_nothing(stack, name):
    how, query = FORGERIES[name]
    sender = victim(stack)
    before = counts(stack, sender)
    assert before[0] > 0 and all(n > 0 for n in before[1].values())
    call = action_call(stack, "action_delete_data", "yes", sender=sender)
    r = requests.post(
        stack.action_url + query.format(token=stack.action_token),
        json=call,
        headers=forged_headers(stack, how),
        timeout=30,
    )
    assert r.status_code == 401, (name, r.status_code, r.text)
    assert stack.action_token not in r.text
    assert counts(stack, sender) == before


def test_the_same_call_with_the_secret_would_delete(stack):
    """The control: the counting above sees a deletion when there is one."""
    sender = victim(stack)
    call = action_call(stack, "action_delete_data", "yes", sender=sender)
    r = requests.post(stack.action_url, json=call, headers=stack.action_headers(), timeout=30)
    assert r.status_code == 200
    assert all(n == 0 for n in store_rows(stack, sender).values())


def test_forged_show_progress_gets_no_chart_link(stack):
    sender = victim(stack)
    call = action_call(stack, "action_show_progress", "how am I doing?", sender=sender)
    r = requests.post(stack.action_url, json=call, timeout=30)
    assert r.status_code == 401
    assert "charts" not in r.text and "responses" not in r.json()


def test_health_is_open_and_everything_else_needs_the_secret(stack):
    base = f"http://127.0.0.1:{stack.action_port}"
    assert requests.get(f"{base}/health", timeout=10).status_code == 200
    assert requests.get(f"{base}/actions", timeout=10).status_code == 401
    listed = requests.get(f"{base}/actions", headers=stack.action_headers(), timeout=10)
    assert listed.status_code == 200 and {"name": "action_delete_data"} in listed.json()


def test_the_action_server_says_checking_is_on_and_never_logs_the_secret(stack):
    log = (stack.workdir / "actions.log").read_text(errors="replace")
    assert "Action calls are authenticated" in log
    assert stack.action_token not in log
    assert stack.action_token not in (stack.workdir / "rasa.log").read_text(errors="replace")


def test_normal_conversation_still_runs_custom_actions(stack):
    sender = f"normal-{uuid.uuid4().hex[:8]}"
    reply = texts(stack.rest(sender, "what do you keep about me?"))  # a custom action
    assert "90 days" in reply
    plan = stack.rest(sender, "we feel like roommates since the baby arrived")
    assert plan  # action_reflect_feelings answered


@pytest.mark.parametrize("prefix", ["tg:", "TG:", " tg:", "web:"])
def test_rest_cannot_name_another_channels_conversation(stack, prefix):
    sender = f"{prefix}{uuid.uuid4().int % 10**9}"
    r = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "delete my data"},
        timeout=30,
    )
    assert r.status_code == 403
    assert "belongs to the" in r.json()["error"]
    assert tracker_rows(stack, sender) == 0
