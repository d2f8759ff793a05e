"""Safety replay (issue 21): does a safety message reach a safety reply in every state?

Every message of a safety set (YAML list of ``{text, label}``) is sent through REST on
real servers, one fresh conversation per message per state:

- ``first_message``: as the first message of a conversation;
- ``question:<slot>``: as the answer to each assessment question (duration, cause,
  pulled_away, feels_safe, partner_open), reached by "we've been feeling really distant
  lately", "Sure" to the offer of questions, and the buttons' answers to the others;
- ``plan_step``: after the same questions (feeling safe: yes), the plan and "Start":
  in the middle of step 1;
- ``followup``: that plan, two days away (a new session), "hi": as the reply to
  "how did <tip> go?".

Replies are counted by response name (``safety_replies`` in bench/dialogue_kinds.yml):
the full reply, the gentle check, other ``utter_safety_*`` only, or none. The report is a
table per state and label, a markdown table per state (messages, safety replies, share,
losses against the first-message state), and per state the messages that reached a safety
reply as a first message but not there. At most 4 conversations run at a time.

``--sample N`` replays a seeded sample of N messages of each set (``--seed``, the same
messages on every run), so that a run over several sets fits in minutes; ``--no-text``
prints and saves no message text (a message is named ``set.yml#N``, its position in the
set), for results that are committed; ``--report FILE`` prints the tables of a saved run.

Usage (docs/evaluation.md, "Safety replay"):

    make safety-replay SAFETY_SET=tests/data/heldout_safety_2.yml
    python -m coach.env .venv/bin/python bench/safety_replay.py --set FILE [--url URL]
        [--states first_message,plan_step] [--limit 20] [--sample 30 [--seed 21]]
        [--no-text] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from bench.coach_client import CoachClient, Conversation, coach
from bench.dialogue_scoring import (
    Kinds,
    Observed,
    any_safety,
    load_covers,
    load_kinds,
    lost_messages,
    pct,
    reached,
    safety_outcome,
    safety_table,
    transcript,
)

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ("duration", "cause", "pulled_away", "feels_safe", "partner_open")
STATES = ("first_message", *(f"question:{q}" for q in QUESTIONS), "plan_step", "followup")
MAX_CONCURRENCY = 4
DEFAULT_SEED = 21
OPENER = "we've been feeling really distant from each other lately"
# The answer given to each question on the way (each is one of that question's buttons).
ANSWERS = {
    "duration": "a few months",
    "cause": "a new job",
    "pulled_away": "both",
    "feels_safe": "yes",
    "partner_open": "yes",
}


class SetupFailed(Exception):
    """The conversation did not reach the state the message is meant for."""


def names(turn: Observed) -> list[str]:
    """The response names of a turn's replies."""
    return [r.response or "" for r in turn.replies]


def asked_question(turn: Observed) -> str | None:
    """The assessment question the coach asked last in this turn, if any."""
    found = None
    for name in names(turn):
        slot = name.removeprefix("utter_ask_")
        if name.startswith("utter_ask_") and slot in QUESTIONS:
            found = slot
    return found


def payload_for(turn: Observed, title: str, fallback: str) -> str:
    """The payload of the button with this title, else ``fallback`` typed as text."""
    for reply in turn.replies:
        for t, p in zip(reply.buttons, reply.payloads, strict=False):
            if t.strip().lower() == title.lower():
                return p
    return fallback


def into_questions(chat: Conversation, target: str | None) -> Observed:
    """Open the conversation and answer the questions until ``target`` is asked.

    With ``target`` None every question is answered and the turn with the plan returned.
    """
    turn = chat.say(OPENER)
    if "utter_offer_questions" not in names(turn):
        raise SetupFailed(f"no offer of questions after the opener: {names(turn)}")
    turn = chat.say(payload_for(turn, "Sure", "sure"))
    for _ in range(len(QUESTIONS) + 2):
        slot = asked_question(turn)
        if slot is None:
            if target is None and "utter_plan_list" in names(turn):
                return turn
            raise SetupFailed(f"expected a question (waiting for {target}), got {names(turn)}")
        if slot == target:
            return turn
        turn = chat.say(ANSWERS[slot])
    raise SetupFailed(f"never asked {target}")


def into_plan_step(chat: Conversation) -> Observed:
    """Answer every question, then start the plan: step 1 is on screen."""
    turn = into_questions(chat, None)
    turn = chat.say(payload_for(turn, "Start", "/next_step"))
    if "utter_plan_step" not in names(turn):
        raise SetupFailed(f"no plan step after Start: {names(turn)}")
    return turn


def into_followup(chat: Conversation) -> Observed:
    """A plan in progress, then a return days later: the coach asks how the tip went."""
    into_plan_step(chat)
    error = chat.client.new_session(chat.sender)
    if error:
        raise SetupFailed(error)
    turn = chat.say("hi")
    follow = {"utter_welcome_back_followup", "utter_ask_follow_up"}
    if not follow & set(names(turn)):
        raise SetupFailed(f"no follow-up question after coming back: {names(turn)}")
    return turn


def reach(chat: Conversation, state: str) -> None:
    """Drive a fresh conversation into ``state`` (nothing to do for the first message)."""
    if state == "first_message":
        return
    if state.startswith("question:"):
        into_questions(chat, state.removeprefix("question:"))
    elif state == "plan_step":
        into_plan_step(chat)
    elif state == "followup":
        into_followup(chat)
    else:
        raise SetupFailed(f"unknown state {state}")


def replay_one(
    client: CoachClient,
    kinds: Kinds,
    covers: Mapping[str, list[str]],
    index: int,
    item: Mapping[str, Any],
    state: str,
) -> dict[str, Any]:
    """One message in one state, in a conversation of its own."""
    sender = f"replay-{state.replace(':', '-')}-{index}-{uuid.uuid4().hex[:8]}"
    chat = Conversation(client, sender, kinds, covers)
    record: dict[str, Any] = {
        "index": index,
        "label": str(item.get("label") or "none"),
        "text": str(item.get("text") or ""),
        "ref": str(item.get("ref") or index),
        "state": state,
        "sender": sender,
    }
    try:
        reach(chat, state)
        turn = chat.say(record["text"])
    except SetupFailed as exc:
        return {**record, "outcome": "setup_failed", "error": str(exc),
                "transcript": transcript(chat.turns)}  # fmt: skip
    except Exception as exc:  # never let one odd reply end the run
        return {**record, "outcome": "setup_failed", "error": f"{exc.__class__.__name__}: {exc}",
                "transcript": transcript(chat.turns)}  # fmt: skip
    return {
        **record,
        "outcome": safety_outcome(turn, kinds),
        "responses": names(turn),
        "actions": turn.actions,
        "intent": turn.intent,
        "error": turn.error,
    }


def read_sets(
    paths: list[Path],
    limit: int | None,
    sample: int | None = None,
    seed: int = DEFAULT_SEED,
) -> list[dict[str, Any]]:
    """The messages of the sets (``{text, label, ref}``), in order; odd entries are reported.

    ``ref`` names a message without its text (``set.yml#N``, its position in the set).
    With ``sample``, at most that many messages of each set, drawn with ``seed`` (the same
    draw on every run) and kept in the set's order; ``limit`` then cuts the whole list.
    """
    items: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise SystemExit(f"{path}: cannot read the set: {exc}") from exc
        if not isinstance(data, list):
            raise SystemExit(f"{path}: the set must be a YAML list of {{text, label}}")
        these: list[dict[str, Any]] = []
        for i, item in enumerate(data, 1):
            if not isinstance(item, Mapping) or not str(item.get("text") or "").strip():
                raise SystemExit(f"{path}: entry {i} needs a `text`")
            these.append(
                {
                    "text": str(item["text"]),
                    "label": str(item.get("label") or "none"),
                    "ref": f"{path.name}#{i}",
                }
            )
        items.extend(sample_items(these, sample, seed))
    return items[:limit] if limit else items


def sample_items(
    items: list[dict[str, Any]], size: int | None, seed: int = DEFAULT_SEED
) -> list[dict[str, Any]]:
    """A seeded sample of ``size`` items in their original order (all of them without size)."""
    if size is None or size >= len(items):
        return list(items)
    if size < 1:
        raise SystemExit("--sample needs at least 1 message per set")
    chosen = sorted(random.Random(seed).sample(range(len(items)), size))
    return [items[i] for i in chosen]


def state_summary(
    results: list[dict[str, Any]], states: list[str], baseline: str = "first_message"
) -> list[dict[str, Any]]:
    """Per state: messages replayed, safety replies (full or gentle), share, losses.

    Setup failures are left out of ``messages`` and counted apart; ``lost`` is the number
    of messages that reached a safety reply in ``baseline`` but not in this state (None
    for the baseline itself, or when it was not replayed). ``any_safety`` and
    ``lost_any`` count any ``utter_safety_*`` reply (the care reply to low self-worth too).
    """
    lost = lost_messages(results, baseline)
    lost_any = lost_messages(results, baseline, hit=any_safety)
    have_baseline = any(r["state"] == baseline for r in results)
    rows = []
    for state in states:
        these = [r for r in results if r["state"] == state]
        ran = [r for r in these if r["outcome"] != "setup_failed"]
        risky = [r for r in ran if r["label"] != "none"]
        hit = sum(reached(r["outcome"]) for r in ran)
        rows.append(
            {
                "state": state,
                "messages": len(ran),
                "safety_replies": hit,
                "share_pct": pct(hit, len(ran)),
                "risk_messages": len(risky),
                "risk_reached": sum(reached(r["outcome"]) for r in risky),
                "false_alarms": sum(reached(r["outcome"]) for r in ran if r["label"] == "none"),
                "any_safety": sum(any_safety(r["outcome"]) for r in ran),
                "lost": None
                if state == baseline or not have_baseline
                else len(lost.get(state, [])),
                "lost_any": None
                if state == baseline or not have_baseline
                else len(lost_any.get(state, [])),
                "setup_failed": len(these) - len(ran),
            }
        )
    return rows


def markdown_table(rows: list[dict[str, Any]], baseline: str = "first_message") -> str:
    """The per-state summary as a markdown table (the form committed in docs/)."""

    def share(part: int, whole: int) -> str:
        value = pct(part, whole)
        return "-" if value is None else f"{value}%"

    lines = [
        f"| state | messages | safety replies | share | risk messages reached "
        f"| false alarms (none) | lost vs {baseline} | any utter_safety_* | lost (any) "
        "| setup failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lost = "-" if r["lost"] is None else str(r["lost"])
        lost_any = "-" if r["lost_any"] is None else str(r["lost_any"])
        lines.append(
            f"| {r['state']} | {r['messages']} | {r['safety_replies']} "
            f"| {share(r['safety_replies'], r['messages'])} "
            f"| {r['risk_reached']}/{r['risk_messages']} "
            f"({share(r['risk_reached'], r['risk_messages'])}) "
            f"| {r['false_alarms']} | {lost} | {r['any_safety']} | {lost_any} "
            f"| {r['setup_failed']} |"
        )
    return "\n".join(lines)


def redact_lost(lost: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The lost messages per state without their texts."""
    return {state: [{k: v for k, v in x.items() if k != "text"} for x in these]
            for state, these in lost.items()}  # fmt: skip


def redact(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results without message texts or transcripts (``ref`` names each message)."""
    return [{k: v for k, v in r.items() if k not in ("text", "transcript")} for r in results]


def print_report(
    results: list[dict[str, Any]], states: list[str], show_text: bool = True
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables per state (and label), and the messages lost per state.

    Without ``show_text`` messages are named by ``ref`` only, never quoted.
    """
    table = safety_table(results, states)
    print("\nSafety replies per state:")
    print(markdown_table(state_summary(results, states)))
    print("(safety replies = the full reply or the gentle check; any utter_safety_* adds the")
    print(" care reply and resources; setup failures left out)")
    labels = sorted({str(r["label"]) for r in results})
    print("\nSafety replies per state and label:")
    head = "| state | " + " | ".join(labels) + " | risk messages reached | none: false alarms |"
    print(head)
    print("|" + "---|" * (len(labels) + 3))
    for state in states:
        cells = []
        for label in labels:
            row = table[state].get(label)
            if not row:
                cells.append("-")
                continue
            failed = f", {row['setup_failed']} setup failed" if row["setup_failed"] else ""
            counts = "/".join(str(row[k]) for k in ("full", "gentle", "other", "none"))
            cells.append(f"{counts} of {row['messages']}{failed}")
        rows = [r for r in results if r["state"] == state and r["outcome"] != "setup_failed"]
        for risky in (True, False):
            these = [r for r in rows if (r["label"] != "none") == risky]
            hit = sum(reached(r["outcome"]) for r in these)
            share = pct(hit, len(these))
            cells.append(f"{hit}/{len(these)} ({'-' if share is None else f'{share}%'})")
        print(f"| {state} | " + " | ".join(cells) + " |")
    print("(cells: full reply/gentle check/other utter_safety_* only/none of N messages;")
    print(" reached = the full reply or the gentle check; setup failures are left out)")
    lost = lost_messages(results)
    lost_any = lost_messages(results, hit=any_safety)
    for title, losses in (
        ("Lost compared with the first-message state (full reply or gentle check):", lost),
        ("Lost compared with the first-message state (any utter_safety_* reply):", lost_any),
    ):
        print("\n" + title)
        if "first_message" not in states:
            print("  (needs the first_message state)")
            continue
        for state in [s for s in states if s != "first_message"]:
            these = losses.get(state, [])
            print(f"  {state}: {len(these)} lost")
            for x in these:
                said = f": {x['text'][:110]!r}" if show_text and x.get("text") else ""
                print(f"    {x['ref']} [{x['label']}] {x['first_message']} -> {x['here']} "
                      f"{x['responses']}{said}")  # fmt: skip
    broken = [r for r in results if r["outcome"] == "setup_failed"]
    if broken:
        print(f"\nSetup failed in {len(broken)} conversations, e.g.:")
        for r in broken[:5]:
            print(f"  {r['state']} {r.get('ref', r['index'])}: {r.get('error')}")
            for line in r.get("transcript", [])[-4:] if show_text else []:
                print("  " + line)
    return table, lost


def main(argv: list[str] | None = None) -> int:
    """Replay the sets in the states asked for; print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set", type=Path, action="append", dest="sets", default=[],
        help="safety set (YAML list of {text, label}); may be repeated",
    )  # fmt: skip
    parser.add_argument(
        "--report", type=Path,
        help="print the tables of a saved run (its JSON) again, replaying nothing",
    )  # fmt: skip
    parser.add_argument("--states", default=",".join(STATES), help="comma-separated states")
    parser.add_argument("--limit", type=int, help="only the first N messages")
    parser.add_argument(
        "--sample", type=int, help="a seeded sample of N messages of each set (in set order)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of --sample ({DEFAULT_SEED})"
    )
    parser.add_argument(
        "--no-text", action="store_true",
        help="print and save no message text (messages named set.yml#N), for committed results",
    )  # fmt: skip
    parser.add_argument("--url", help="a running coach (default: start one here)")
    parser.add_argument("--token", help="HTTP API token (default: RASA_AUTH_TOKEN or var/)")
    parser.add_argument(
        "--tracker-db", type=Path,
        help="the running coach's SQLite tracker store (follow-up state; else the HTTP API)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=MAX_CONCURRENCY, help="at most 4")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "results")
    args = parser.parse_args(argv)
    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        print_report(saved["results"], saved["states"], show_text=not args.no_text)
        return 0
    if not args.sets:
        parser.error("give at least one --set (or --report FILE)")
    states = [s.strip() for s in args.states.split(",") if s.strip()]
    unknown = [s for s in states if s not in STATES]
    if unknown:
        parser.error(f"unknown states {unknown}; known: {', '.join(STATES)}")
    items = read_sets(args.sets, args.limit, args.sample, args.seed)
    jobs = [(i, item, state) for state in states for i, item in enumerate(items, 1)]
    kinds, covers = load_kinds(), load_covers()
    workers = max(1, min(MAX_CONCURRENCY, args.concurrency))
    print(f"{len(items)} messages x {len(states)} states = {len(jobs)} conversations, "
          f"{workers} at a time")  # fmt: skip
    lock = threading.Lock()
    done: list[dict[str, Any]] = []
    started = time.monotonic()
    with coach(args.url, args.token, args.timeout, args.tracker_db) as client:

        def run(job: tuple[int, dict[str, Any], str]) -> dict[str, Any]:
            index, item, state = job
            result = replay_one(client, kinds, covers, index, item, state)
            with lock:
                done.append(result)
                print(f"  [{len(done)}/{len(jobs)}] {state} #{index} [{result['label']}] -> "
                      f"{result['outcome']}", flush=True)  # fmt: skip
            return result

        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(run, jobs))
        url = client.url
    table, lost = print_report(results, states, show_text=not args.no_text)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = args.out / f"safety-replay-{stamp}.json"
    payload = {
        "sets": [str(p) for p in args.sets],
        "url": url,
        "started_coach": not args.url,
        "states": states,
        "sample": args.sample,
        "seed": args.seed if args.sample else None,
        "summary": state_summary(results, states),
        "seconds": round(time.monotonic() - started, 1),
        "table": table,
        "lost": redact_lost(lost) if args.no_text else lost,
        "results": redact(results) if args.no_text else results,
    }
    path.write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    print(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
