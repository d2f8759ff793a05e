"""Locust users replaying scripted conversations through Rasa's REST channel.

Runs in the bench's own venv (``var/bench-venv``, from ``bench/requirements.txt``), never
in the project's: Locust's dependencies clash with Rasa's pins. ``bench/compare.py``
starts it headless, one user class per run:

- ``CoachUser``: a 10-turn coaching conversation through the assessment form, the plan and
  its first steps (custom actions and database queries included). The replies are checked,
  so a conversation that does not reach the plan's steps counts as errors.
- ``ReferenceUser``: the greet/mood conversation of Rasa's starter bot (``rasa init``).

Each conversation uses a new sender id. Environment variables (set by compare.py):
``BENCH_TURNS`` (turns per conversation, default all), ``BENCH_CONVERSATIONS`` (stop the
run after this many finished conversations in total, default no limit).
"""

from __future__ import annotations

import json
import os
import uuid
from typing import TYPE_CHECKING, Any

from locust import HttpUser, constant, events, task

if TYPE_CHECKING:  # a module-level alias would trip Locust's scan for shape classes
    from collections.abc import Callable

    Check = Callable[[str], bool]


def _any(text: str) -> bool:
    return bool(text.strip())


def _has(*needles: str) -> Check:
    return lambda text: all(n.lower() in text.lower() for n in needles)


# (message, check on the joined reply texts). Mirrors tests/integration/test_rest.py.
COACH: list[tuple[str, Check]] = [
    ("we feel like roommates lately", _any),  # action_reflect_feelings
    ("sure", _any),  # utter_start_questions + assessment_form asks how long
    ("about a year", _any),  # duration -> asks what changed
    ("since the baby came", _any),  # cause -> asks who pulled away
    ("both", _any),  # pulled_away -> asks whether they feel safe
    ("yes", _any),  # feels_safe -> asks whether the partner is open
    ("not sure", _has("1. ")),  # partner_open -> action_propose_plan lists the plan
    ("start", _has("Step 1 of ")),  # action_next_step
    ("done, next", _has("Step 2 of ")),  # action_next_step
    ("why does this help?", _any),  # action_explain_why
]

# Two of the starter bot's own stories (sad path 1 and 2) with its bot-challenge and goodbye
# rules, five turns each, the second with a new sender: every turn follows its training data,
# so an empty reply is an error.
REFERENCE: list[tuple[str, Check]] = [
    ("hello", _any),  # utter_greet
    ("I am sad", _any),  # utter_cheer_up + utter_did_that_help
    ("yes", _any),  # utter_happy
    ("are you a bot?", _any),  # utter_iamabot (rule)
    ("goodbye", _any),  # utter_goodbye (rule)
    ("hi", _any),  # new sender: utter_greet
    ("very sad", _any),  # utter_cheer_up + utter_did_that_help
    ("no", _any),  # utter_goodbye
    ("are you a bot?", _any),  # utter_iamabot (rule)
    ("bye", _any),  # utter_goodbye (rule)
]

_MAX_TURNS = int(os.environ.get("BENCH_TURNS") or 0) or None
# A server that requires a REST token (COACH_REST_TOKEN, docs/security.md) gets it.
_REST_HEADERS = (
    {"Authorization": f"Bearer {os.environ['COACH_REST_TOKEN']}"}
    if os.environ.get("COACH_REST_TOKEN")
    else {}
)
_MAX_CONVERSATIONS = int(os.environ.get("BENCH_CONVERSATIONS") or 0) or None
_finished = 0


def _reply_text(body: str) -> str:
    messages = json.loads(body)
    if not isinstance(messages, list) or not messages:
        raise ValueError("no reply")
    return "\n".join(str(m.get("text") or m.get("image") or "") for m in messages)


class _Conversation(HttpUser):
    abstract = True
    wait_time = constant(0)  # closed loop: the next message as soon as the reply arrives
    script: list[tuple[str, Check]] = []
    label = ""
    new_sender_at: frozenset[int] = frozenset()  # turns that start a new conversation

    @task
    def converse(self) -> None:
        global _finished
        sender = f"bench-{self.label}-{uuid.uuid4().hex[:12]}"
        for turn, (message, check) in enumerate(self.script[:_MAX_TURNS], start=1):
            if turn in self.new_sender_at:
                sender = f"bench-{self.label}-{uuid.uuid4().hex[:12]}"
            with self.client.post(
                "/webhooks/rest/webhook",
                json={"sender": sender, "message": message},
                headers=_REST_HEADERS,
                name=f"{self.label} {turn:02d} {message}",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                    return
                try:
                    text = _reply_text(response.text)
                except ValueError as exc:
                    response.failure(f"turn {turn}: {exc}")
                    return
                if not check(text):
                    response.failure(f"turn {turn}: unexpected reply {text[:120]!r}")
                    return
                response.success()
        _finished += 1
        if _MAX_CONVERSATIONS and _finished >= _MAX_CONVERSATIONS and self.environment.runner:
            self.environment.runner.quit()


class CoachUser(_Conversation):
    """A person going through the questions, the plan and its first steps."""

    script = COACH
    label = "coach"


class ReferenceUser(_Conversation):
    """A person chatting with Rasa's starter bot (greet, mood, bot challenge, goodbye)."""

    script = REFERENCE
    label = "reference"
    new_sender_at = frozenset({6})


def _figures(entry: Any) -> dict:
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "p99_ms": entry.get_response_time_percentile(0.99),
        "avg_ms": round(entry.avg_response_time, 1),
        "msgs_per_s": round(entry.total_rps, 2),
    }


@events.quitting.add_listener
def _summary(environment: Any, **_kwargs: Any) -> None:
    """Write the final figures to ``BENCH_STATS_FILE`` (Locust's CSV can miss the last ones)."""
    environment.process_exit_code = 0  # compare.py reads the figures, errors included
    print(f"conversations finished: {_finished}")
    path = os.environ.get("BENCH_STATS_FILE")
    if not path:
        return
    stats = environment.stats
    figures = _figures(stats.total)
    figures["conversations"] = _finished
    figures["per_turn"] = {
        name: _figures(entry) for (name, _method), entry in sorted(stats.entries.items())
    }
    figures["failures"] = [
        {"name": e.name, "error": str(e.error), "count": e.occurrences}
        for e in stats.errors.values()
    ]
    with open(path, "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=2)
