"""Record the REST transcripts of seven fixed conversations, to show a change kept behaviour.

``python bench/transcripts.py record var/transcripts-before.json`` starts the coach
(``runtime/stack.py``: action server + Rasa server, the trained model in ``models/``),
plays the benchmark's conversation (``bench/locustfile.py``) and six others over the REST
channel, and writes every turn: what was sent, the REST replies (text, buttons, image) and
the name of each response the coach sent (the bot events' ``utter_action``).
``python bench/transcripts.py compare before.json after.json`` prints the turns that differ
and exits with 1 if any does.

The coach picks among a response's variants at random; the stack is started with
``COACH_NLG_SEED`` so a conversation gets the same variants every time
(``components/nlg.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.coach_client import age_conversation  # noqa: E402

# A message "(new session)" makes the next message start a new session, as after days away.
NEW_SESSION = "(new session)"
CONVERSATIONS: dict[str, list[str]] = {
    # The benchmark's conversation: ``COACH`` in bench/locustfile.py (which needs Locust,
    # installed only in the bench's own venv, so it is not imported here).
    "benchmark": [
        "we feel like roommates lately",
        "sure",
        "about a year",
        "since the baby came",
        "both",
        "yes",
        "not sure",
        "start",
        "done, next",
        "why does this help?",
    ],
    "assessment_hedged": [
        "I feel distant from my partner",
        "yes please",
        "hard to say, maybe a few months?",
        "I guess work got really busy",
        "probably me, not sure",
        "mostly yes I think",
        "maybe, I don't know",
        "why these?",
    ],
    "open_question": [
        "hi",
        "what is emotional intimacy?",
        "tell me more",
        "is it the same as sex?",
        "how long does this usually take?",
        "thanks",
    ],
    "safety": [
        "honestly everyone would be better off without me",
        "I'm in the UK",
        "I'm safe now, thank you",
        "my partner is never home and we don't talk",
    ],
    "privacy": [
        "hello",
        "what do you keep about me?",
        "delete my data",
        "yes, delete it",
    ],
    "plan_navigation": [
        "how do we stop fighting so much?",
        "just give me the tips",
        "why these?",
        "start",
        "something else",
        "I already tried that",
        "next",
        "go back",
        "show my plan",
        "which one is quickest?",
        "blorp",
    ],
    "followup": [
        "we barely talk anymore",
        "ok",
        "about six months",
        "stress at work",
        "both of us",
        "yes",
        "yes",
        "start",
        NEW_SESSION,
        "hi",
        "it didn't help",
        "how am I doing?",
        "7",
    ],
}


def bot_events(events: list[Any]) -> list[dict[str, Any]]:
    """The bot's messages among tracker events: the response name and the text."""
    return [
        {"response": (e.get("metadata") or {}).get("utter_action"), "text": e.get("text")}
        for e in events
        if isinstance(e, dict) and e.get("event") == "bot"
    ]


def reply_view(reply: dict[str, Any]) -> dict[str, Any]:
    """What a person sees of one REST reply."""
    view: dict[str, Any] = {"text": reply.get("text")}
    if reply.get("buttons"):
        view["buttons"] = [[b.get("title"), b.get("payload")] for b in reply["buttons"]]
    if reply.get("image"):
        view["image"] = reply["image"]
    return view


def play(stack: Any, name: str, messages: list[str]) -> list[dict[str, Any]]:
    """Play one conversation; one record per message sent."""
    sender = f"transcript-{name}"
    turns: list[dict[str, Any]] = []
    seen = 0
    for message in messages:
        if message == NEW_SESSION:
            age_conversation(stack.workdir / "tracker.db", sender, 2 * 24 * 3600)
            turns.append({"sent": message})
            continue
        replies = stack.rest(sender, message, timeout=120)
        events = stack.tracker(sender).get("events") or []
        bot = bot_events(events[seen:])
        seen = len(events)
        turns.append(
            {
                "sent": message,
                "responses": [b["response"] for b in bot],
                "replies": [reply_view(r) for r in replies],
            }
        )
    return turns


def record(out: Path) -> None:
    """Start the coach, play every conversation and write the transcripts to ``out``."""
    from runtime.stack import running_stack

    with (
        tempfile.TemporaryDirectory(prefix="transcripts-") as tmp,
        running_stack(Path(tmp), extra_env={"COACH_NLG_SEED": "transcripts"}) as stack,
    ):
        result = {name: play(stack, name, messages) for name, messages in CONVERSATIONS.items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    turns = sum(len(t) for t in result.values())
    print(f"{len(result)} conversations, {turns} turns -> {out}")


def compare(before: Path, after: Path) -> int:
    """Print the turns that differ between two recordings; 1 if any does, else 0."""
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differing = 0
    total = 0
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name, []), new.get(name, [])
        for i in range(max(len(a), len(b))):
            total += 1
            ta = a[i] if i < len(a) else None
            tb = b[i] if i < len(b) else None
            if ta != tb:
                differing += 1
                print(f"{name} turn {i + 1}:\n  before: {json.dumps(ta, ensure_ascii=False)}")
                print(f"  after:  {json.dumps(tb, ensure_ascii=False)}")
    print(f"{total} turns compared in {len(set(old) | set(new))} conversations, {differing} differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``record OUT`` or ``compare BEFORE AFTER``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="start the coach and record the transcripts")
    rec.add_argument("out", type=Path)
    cmp_ = sub.add_parser("compare", help="compare two recordings")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        record(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
