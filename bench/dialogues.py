"""Blind dialogues: play multi-turn conversations against the coach and score every turn.

Usage (docs/evaluation.md, "Blind dialogues"):

    make dialogues DIALOGUES=sets/dev.yml          # starts its own coach
    make dialogues QUESTIONS=sets/questions.yml
    python -m coach.env .venv/bin/python bench/dialogues.py --dialogues FILE \
        [--questions FILE] [--url http://127.0.0.1:5005] [--token T] [--workers 2]

Each conversation gets a fresh sender id and goes through the REST channel; after each
turn the new tracker events (HTTP API) give the response names and the actions run.
How turns are judged: bench/dialogue_scoring.py. JSON results go to var/results/.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from bench.coach_client import CoachClient, Conversation, coach
from bench.dialogue_scoring import (
    INTERRUPT_TAG,
    Kinds,
    Observed,
    Reply,
    Verdict,
    as_dict,
    dialogue_summary,
    expectable,
    find_repeats,
    interrupt_findings,
    interrupt_summary,
    judge,
    judge_question,
    load_covers,
    load_kinds,
    question_summary,
    transcript,
)

ROOT = Path(__file__).resolve().parent.parent
MAX_WORKERS = 4


# --- the sets ------------------------------------------------------------------------------
@dataclass
class Turn:
    """One user message and what it should get."""

    user: str
    expect: str
    accept: list[str] = field(default_factory=list)


@dataclass
class Dialogue:
    """One conversation of a set."""

    id: str
    note: str
    turns: list[Turn]
    tags: list[str] = field(default_factory=list)


def labels(value: object) -> list[str]:
    """An ``accept`` value as a list of labels (a single label is allowed)."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    raise ValueError("accept must be a label or a list of labels")


def parse_dialogues(data: object) -> tuple[list[Dialogue], list[str]]:
    """The conversations of a dialogue set, and every problem found in it."""
    problems: list[str] = []
    found: list[Dialogue] = []
    if not isinstance(data, list):
        return [], ["the file must be a YAML list of conversations"]
    seen: set[str] = set()
    for i, item in enumerate(data, 1):
        where = f"conversation {i}"
        if not isinstance(item, Mapping):
            problems.append(f"{where}: not a mapping")
            continue
        cid = str(item.get("id") or f"c{i:02d}")
        where = f"conversation {cid}"
        if cid in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(cid)
        raw_turns = item.get("turns")
        if not isinstance(raw_turns, list) or not raw_turns:
            problems.append(f"{where}: no turns")
            continue
        turns: list[Turn] = []
        for j, t in enumerate(raw_turns, 1):
            if not isinstance(t, Mapping) or not isinstance(t.get("user"), (str, int, float)):
                problems.append(f"{where} turn {j}: needs a `user` text")
                continue
            expect = str(t.get("expect") or "any")
            if not expectable(expect):
                problems.append(f"{where} turn {j}: unknown expect {expect!r}")
                continue
            try:
                accept = labels(t.get("accept"))
            except ValueError as exc:
                problems.append(f"{where} turn {j}: {exc}")
                continue
            turns.append(Turn(str(t["user"]), expect, accept))
        try:
            tags = labels(item.get("tags"))
        except ValueError:
            problems.append(f"{where}: tags must be a label or a list of labels")
            continue
        found.append(Dialogue(cid, str(item.get("note") or ""), turns, tags))
    return found, problems


def parse_questions(data: object) -> tuple[list[Dialogue], list[str]]:
    """A single-turn question set as one-turn conversations expecting an answer."""
    problems: list[str] = []
    found: list[Dialogue] = []
    if not isinstance(data, list):
        return [], ["the file must be a YAML list of questions"]
    for i, item in enumerate(data, 1):
        if not isinstance(item, Mapping) or not isinstance(item.get("text"), (str, int, float)):
            problems.append(f"question {i}: needs a `text`")
            continue
        try:
            accept = labels(item.get("accept"))
        except ValueError as exc:
            problems.append(f"question {i}: {exc}")
            continue
        if not accept:
            problems.append(f"question {i}: needs `accept` labels (or [clarify])")
            continue
        qid = str(item.get("id") or f"q{i:03d}")
        found.append(Dialogue(qid, "", [Turn(str(item["text"]), "answer", accept)]))
    return found, problems


def read_set(path: Path, questions: bool) -> list[Dialogue]:
    """Read and check a set; exit with every problem listed when it has any."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: cannot read the set: {exc}") from exc
    found, problems = (parse_questions if questions else parse_dialogues)(data)
    if problems:
        raise SystemExit(f"{path}: fix the set first:\n  " + "\n  ".join(problems))
    if not found:
        raise SystemExit(f"{path}: the set is empty")
    return found


# --- playing -------------------------------------------------------------------------------
def sender_id(prefix: str, cid: str) -> str:
    """A fresh sender id that names the conversation."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", cid)[:40]
    return f"{prefix}-{safe}-{uuid.uuid4().hex[:8]}"


def play(
    client: CoachClient,
    dialogue: Dialogue,
    kinds: Kinds,
    covers: Mapping[str, list[str]],
    questions: bool,
) -> dict[str, Any]:
    """Play one conversation; every turn judged, misses with their transcript."""
    chat = Conversation(client, sender_id("q" if questions else "dlg", dialogue.id), kinds, covers)
    turns: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    verdicts: list[Verdict] = []
    outcome = None
    for n, turn in enumerate(dialogue.turns, 1):
        try:
            seen = chat.say(turn.user)
        except Exception as exc:  # never let one odd reply end the run
            seen = Observed(user=turn.user, error=f"runner: {exc.__class__.__name__}: {exc}")
            chat.turns.append(seen)
        verdict = judge(turn.expect, turn.accept, seen)
        verdicts.append(verdict)
        right = verdict.right
        if questions:
            outcome = judge_question(turn.accept, seen)
            right = outcome == "right"
        record = {
            "turn": n,
            "user": turn.user,
            "expect": turn.expect,
            "accept": turn.accept,
            "right": right,
            "verdict": as_dict(verdict),
            "outcome": outcome,
            "kinds": seen.kinds,
            "actions": seen.actions,
            "intent": seen.intent,
            "error": seen.error,
            "replies": as_dict(seen.replies),
        }
        turns.append(record)
        if not right:
            misses.append({**record, "transcript": transcript(chat.turns)})
    bot_messages = sum(len(t.replies) for t in chat.turns)
    repeats = find_repeats(chat.turns, kinds)
    return {
        "id": dialogue.id,
        "note": dialogue.note,
        "tags": dialogue.tags,
        **interrupt_findings([t.expect for t in dialogue.turns], chat.turns),
        "sender": chat.sender,
        "turns": turns,
        "verdicts": verdicts,
        "misses": misses,
        "repeats": repeats,
        "bot_messages": bot_messages,
        "errors": [t["error"] for t in turns if t["error"]],
    }


def run_all(
    client: CoachClient, dialogues: list[Dialogue], workers: int, questions: bool
) -> list[dict[str, Any]]:
    """Play every conversation (at most ``workers`` at a time), printing progress."""
    kinds, covers = load_kinds(), load_covers()
    done: list[dict[str, Any]] = []

    def one(d: Dialogue) -> dict[str, Any]:
        result = play(client, d, kinds, covers, questions)
        done.append(result)
        right = sum(t["right"] for t in result["turns"])
        err = f", {len(result['errors'])} errors" if result["errors"] else ""
        print(
            f"  [{len(done)}/{len(dialogues)}] {d.id}: {right}/{len(d.turns)} right{err}",
            flush=True,
        )
        return result

    with ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, workers))) as pool:
        return list(pool.map(one, dialogues))


# --- reporting -----------------------------------------------------------------------------
def fmt(part: Mapping[str, Any], of: str = "") -> str:
    """`count (pct%)`."""
    p = part.get("pct")
    return f"{part['count']}{of} ({'-' if p is None else f'{p}%'})"


def print_misses(results: list[dict[str, Any]], questions: bool) -> None:
    """Every miss, with the conversation so far."""
    misses = [(r, m) for r in results for m in r["misses"]]
    print(f"\nMisses ({len(misses)}):")
    for r, m in misses:
        got = ", ".join(m["kinds"]) or "nothing"
        what = m["outcome"] if questions else m["verdict"]["answer"] or ""
        accept = f" accept={m['accept']}" if m["accept"] else ""
        print(
            f"\n--- {r['id']} turn {m['turn']}: expected {m['expect']}{accept}; got [{got}] {what}"
        )
        for line in m["transcript"]:
            print(line)


def report_dialogues(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the dialogue summary; return it."""
    verdicts = [v for r in results for v in r["verdicts"]]
    summary = dialogue_summary(
        verdicts,
        bot_messages=sum(r["bot_messages"] for r in results),
        repeats=sum(len(r["repeats"]) for r in results),
    )
    print(f"\nTurn accuracy: {summary['right']}/{summary['turns']} ({summary['accuracy_pct']}%)")
    for kind, row in summary["per_kind"].items():
        print(f"  {kind:<16} {row['right']:>3}/{row['turns']:<3} ({row['pct']}%)")
    a = summary["answers"]
    print(
        f"Answer turns: {summary['answer_turns']}: right {fmt(a['right'])}, "
        f"wrong {fmt(a['wrong'])}, clarified {fmt(a['clarified'])}, other {fmt(a['other'])}"
    )
    u = summary["unwanted_fallbacks"]
    of_turns = f" of {u['turns']}"
    print(f"Clarifying fallbacks on turns that did not call for one: {fmt(u, of_turns)}")
    rep = summary["repeats"]
    of_messages = f" of {rep['bot_messages']} bot messages"
    print(f"Repeats: {fmt(rep, of_messages)}")
    for r in results:
        for x in r["repeats"]:
            print(
                f"  {r['id']} turn {x['turn']} [{x['response']}] repeats turn "
                f"{x['repeats_turn']} [{x['repeats_response']}]: {x['text'][:100]!r}"
            )
    errors = sum(len(r["errors"]) for r in results)
    print(f"Silent turns: {summary['silent_turns']}; turns with errors: {errors}")
    summary["interrupt"] = report_interrupts(results)
    return summary


def report_interrupts(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the figures of the conversations tagged ``interrupt`` (issue 19); return them.

    Also, over every conversation: question prompts shown twice in a row in the same words.
    """
    everywhere = sum(len(r["same_prompt_twice"]) for r in results)
    print(
        f"Question prompts shown twice in a row in the same words (all conversations): {everywhere}"
    )
    for r in results:
        for x in r["same_prompt_twice"]:
            print(f"  {r['id']} turn {x['turn']} [{x['response']}] as at turn {x['repeats_turn']}")
    failed_all = sum(len(r["failed_answers"]) for r in results)
    print(f"Requests handled as a failed answer (all conversations): {failed_all}")
    for r in results:
        for n in r["failed_answers"]:
            print(f"  {r['id']} turn {n}: {r['turns'][n - 1]['user']!r}")
    overall = {"same_prompt_twice_all": everywhere, "failed_answers_all": failed_all}
    tagged = [r for r in results if INTERRUPT_TAG in r.get("tags", [])]
    if not tagged:
        return overall
    s = {**interrupt_summary(tagged), **overall}
    failed = s["failed_answers"]
    print(
        f"\nInterruptions ({s['conversations']} conversations tagged {INTERRUPT_TAG}): "
        f"turn accuracy {s['right']}/{s['turns']} ({s['accuracy_pct']}%)"
    )
    of_requests = f" of {s['request_turns']} request turns"
    print(
        f"  requests handled as a failed answer to the pending question: {fmt(failed, of_requests)}"
    )
    for r in tagged:
        for n in r["failed_answers"]:
            t = r["turns"][n - 1]
            got = ", ".join(t["kinds"]) or "nothing"
            print(f"    {r['id']} turn {n} (expected {t['expect']}, got [{got}]): {t['user']!r}")
    print(f"  the same question prompt twice in a row in the same words: {s['same_prompt_twice']}")
    for r in tagged:
        for x in r["same_prompt_twice"]:
            print(
                f"    {r['id']} turn {x['turn']} [{x['response']}] as at turn "
                f"{x['repeats_turn']}: {x['text'][:100]!r}"
            )
    return s


def report_questions(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the question-set summary; return it."""
    summary = question_summary([r["turns"][0]["outcome"] for r in results])
    print(
        f"\nQuestions: {summary['questions']}: right answer first {fmt(summary['right'])}, "
        f"wrong answer {fmt(summary['wrong'])}, honest clarification {fmt(summary['clarified'])}, "
        f"other {fmt(summary['other'])}"
    )
    errors = sum(len(r["errors"]) for r in results)
    print(f"Questions with errors: {errors}")
    return summary


def rescore(path: Path, dialogues: Path | None) -> int:
    """Print the interruption report of a saved run again (the metric as it is now).

    Tags come from the set (``--dialogues``, else the set named in the run's JSON).
    """
    payload = json.loads(path.read_text(encoding="utf-8"))
    items = read_set(dialogues or ROOT / payload["set"], questions=False)
    by_id = {d.id: d for d in items}
    results = []
    for c in payload["conversations"]:
        d = by_id.get(c["id"])
        observed = [
            Observed(
                user=t["user"],
                replies=[Reply(**r) for r in t["replies"]],
                actions=t["actions"],
                intent=t["intent"],
                error=t["error"],
            )
            for t in c["turns"]
        ]
        expects = [t["expect"] for t in c["turns"]]
        results.append(
            {
                **c,
                "tags": d.tags if d else [],
                "verdicts": [Verdict(**t["verdict"]) for t in c["turns"]],
                **interrupt_findings(expects, observed),
            }
        )
    print(f"{path} ({payload['set']}): {sum(len(r['turns']) for r in results)} turns")
    verdicts = [v for r in results for v in r["verdicts"]]
    right = sum(v.right for v in verdicts)
    print(f"Turn accuracy: {right}/{len(verdicts)}")
    report_interrupts(results)
    return 0


def write_json(out: Path, name: str, payload: dict[str, Any]) -> Path:
    """Write the results as JSON under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = out / f"{name}-{stamp}.json"
    path.write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the sets given; exit 0 when the run itself worked (figures are not judged)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dialogues", type=Path, help="multi-turn dialogue set (YAML)")
    parser.add_argument("--questions", type=Path, help="single-turn question set (YAML)")
    parser.add_argument("--url", help="a running coach (default: start one here)")
    parser.add_argument("--token", help="HTTP API token (default: RASA_AUTH_TOKEN or var/)")
    parser.add_argument("--tracker-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--workers", type=int, default=2, help="conversations at a time (<= 4)")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "results")
    parser.add_argument(
        "--report", type=Path, help="print the interruption report of a saved run's JSON again"
    )
    args = parser.parse_args(argv)
    if args.report:
        return rescore(args.report, args.dialogues)
    if not args.dialogues and not args.questions:
        parser.error("give --dialogues FILE and/or --questions FILE")
    sets = []
    if args.dialogues:
        sets.append((args.dialogues, False, read_set(args.dialogues, questions=False)))
    if args.questions:
        sets.append((args.questions, True, read_set(args.questions, questions=True)))
    with coach(args.url, args.token, args.timeout, args.tracker_db) as client:
        for path, questions, items in sets:
            what = "questions" if questions else "dialogues"
            turns = sum(len(d.turns) for d in items)
            print(
                f"\n== {what}: {path} ({len(items)} conversations, {turns} turns) at {client.url}"
            )
            started = time.monotonic()
            results = run_all(client, items, args.workers, questions)
            print_misses(results, questions)
            summary = (report_questions if questions else report_dialogues)(results)
            payload = {
                "kind": what,
                "set": str(path),
                "url": client.url,
                "started_coach": not args.url,
                "seconds": round(time.monotonic() - started, 1),
                "summary": summary,
                "conversations": [{k: v for k, v in r.items() if k != "verdicts"} for r in results],
            }
            written = write_json(args.out, f"{what}-{path.stem}", payload)
            print(f"JSON: {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
