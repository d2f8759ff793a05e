"""Privacy on a real server: deleting a person's data, what is kept, purging old conversations.

The rows are checked in the databases themselves: Rasa's tracker store and the coach's
own store (every table with a ``sender_id`` column, so tables added later are covered).
"""

from __future__ import annotations

import datetime
import subprocess
import sys
import time
import uuid

from sqlalchemy import create_engine, func, insert, inspect, select

from coach.privacy import person_tables, tracker_events
from runtime.stack import ROOT, Stack

DAY = 86_400


def tracker_rows(stack: Stack, sender: str) -> int:
    engine = create_engine(stack.env["TRACKER_URL"], future=True)
    try:
        with engine.connect() as conn:
            query = select(func.count()).select_from(tracker_events)
            return int(conn.execute(query.where(tracker_events.c.sender_id == sender)).scalar_one())
    finally:
        engine.dispose()


def sample_value(column) -> object:
    """A value of the column's type (the person tables have text, numbers and dates)."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return "x"
    samples = {
        datetime.datetime: datetime.datetime.now(datetime.timezone.utc),
        datetime.date: datetime.date.today(),
        int: 1,
        float: 1.0,
        bool: False,
    }
    return samples.get(kind, "x")


def store_rows(stack: Stack, sender: str, add: bool = False) -> dict[str, int]:
    """Rows about ``sender`` in each person table (adding one to each first if ``add``)."""
    engine = create_engine(stack.env["COACH_DB_URL"], future=True)
    counts: dict[str, int] = {}
    try:
        existing = set(inspect(engine).get_table_names())
        tables = [t for t in person_tables() if t.name in existing]
        with engine.begin() as conn:
            for table in reversed(tables):  # parents first when adding
                if add:
                    required = {
                        c.name: (sample_value(c) if c.name != "sender_id" else sender)
                        for c in table.columns
                        if c.name == "sender_id"
                        or (
                            not c.nullable
                            and not c.primary_key
                            and c.default is None
                            and c.server_default is None
                        )
                    }
                    if table.name == "outbox":
                        # A stored message that would never be sent: a pending sample row
                        # would be delivered by the server's scheduler in the middle of a test.
                        required["state"] = "cancelled"
                    conn.execute(insert(table).values(required))
            for table in tables:
                query = select(func.count()).select_from(table)
                counts[table.name] = int(
                    conn.execute(query.where(table.c.sender_id == sender)).scalar_one()
                )
    finally:
        engine.dispose()
    return counts


def texts(replies: list[dict]) -> str:
    return " ".join(str(r.get("text", "")) for r in replies)


def test_delete_my_data_asks_then_removes_every_row(stack):
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "we feel like roommates since the baby arrived")
    assert tracker_rows(stack, sender) > 0
    store_rows(stack, sender, add=True)

    asked = stack.rest(sender, "please delete my data")
    assert "delete" in texts(asked).lower() and "?" in texts(asked)
    assert [b["payload"] for b in asked[-1].get("buttons", [])] == ["/affirm", "/deny"]
    assert tracker_rows(stack, sender) > 0  # nothing deleted before the yes

    done = stack.rest(sender, "/affirm")  # the button
    assert "deleted" in texts(done).lower()
    assert tracker_rows(stack, sender) == 0
    assert all(n == 0 for n in store_rows(stack, sender).values())

    # The person can start again; the old conversation does not come back.
    assert stack.rest(sender, "hello")
    events = stack.tracker(sender)["events"]
    user_texts = [e.get("text") for e in events if e.get("event") == "user"]
    assert user_texts == ["hello"]


def test_typed_yes_deletes_and_no_keeps_everything(stack):
    keep, drop = f"keep-{uuid.uuid4().hex[:8]}", f"drop-{uuid.uuid4().hex[:8]}"
    for sender in (keep, drop):
        stack.rest(sender, "we never talk anymore")
        stack.rest(sender, "delete everything I told you")
    kept = stack.rest(keep, "no")
    assert "haven't deleted" in texts(kept)
    assert tracker_rows(stack, keep) > 0
    stack.rest(drop, "yes")
    assert tracker_rows(stack, drop) == 0


def test_what_do_you_keep_gets_an_honest_answer(stack):
    reply = texts(stack.rest(f"ask-{uuid.uuid4().hex[:8]}", "what do you keep about me?"))
    assert "90 days" in reply and "delete my data" in reply


def test_make_purge_removes_only_conversations_past_retention(stack):
    old, new = f"old-{uuid.uuid4().hex[:8]}", f"new-{uuid.uuid4().hex[:8]}"
    stack.rest(old, "hi")
    stack.rest(new, "hi")
    engine = create_engine(stack.env["TRACKER_URL"], future=True)
    with engine.begin() as conn:  # make "old" last active 91 days ago
        conn.execute(
            tracker_events.update()
            .where(tracker_events.c.sender_id == old)
            .values(timestamp=tracker_events.c.timestamp - 91 * DAY)
        )
    engine.dispose()
    store_rows(stack, old, add=True)
    out = subprocess.run(
        [sys.executable, "scripts/purge.py", "--now", str(time.time())],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "purged" in out and old not in out
    assert tracker_rows(stack, old) == 0
    assert all(n == 0 for n in store_rows(stack, old).values())
    assert tracker_rows(stack, new) > 0
