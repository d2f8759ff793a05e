"""Scoring for the blind dialogues and the safety replay: pure functions, no network.

What a turn is and when it is right (docs/evaluation.md says the same in prose):

- A turn is one user message and everything the coach did until it listened again: the
  tracker events newer than the previous turn's. Each bot event is a *reply*; its kind
  comes from ``bench/dialogue_kinds.yml`` (see the comments there).
- A turn is *clarified* when one of its replies is of kind ``clarification`` (the
  two-stage fallback's "Did you want to ...?", "Could you say that another way?", ...).
  That the fallback *action* ran is not enough: it also runs on the message after its
  question, when it hands the new message on to be read normally.
- A turn is *right* when any reply has the expected kind (``question|plan`` names kinds of
  which any one is right, for a turn where a writer could not know whether the coach still
  had a question to ask); ``any`` is right unless the turn
  was clarified or the coach said nothing; ``clarification`` is right when it was
  clarified. For ``answer`` turns the first answer the coach gave is judged: right when
  its guidance item matches an ``accept`` label, else wrong (an answer of the wrong item
  is not a right turn). With no ``accept`` list any answer is right.
- An answer matches when its ``concern`` is in ``accept``, any of its ``covers``
  (checklist ids) is, or its ``slug`` is.
- A *repeat* is a bot message equal to, or at most three words from (word-level edit
  distance), an earlier bot message of the same conversation, leaving out button prompts
  and safety resources the person asked for again.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS_FILE = ROOT / "bench" / "dialogue_kinds.yml"
GUIDANCE_FILE = ROOT / "content" / "guidance.yml"

KINDS = (
    "reflection",
    "question",
    "answer",
    "plan",
    "plan_step",
    "explain",
    "safety",
    "out_of_scope",
    "privacy",
    "acknowledgement",
    "clarification",
)
EXPECTABLE = (*KINDS, "any")
ALTERNATIVE_KINDS = (
    "question",
    "plan",
    "plan_step",
    "reflection",
    "acknowledgement",
    "answer",
    "explain",
)


def expectable(expect: str) -> bool:
    """Whether a set may expect ``expect``: one kind, ``any``, or ``kind|kind`` alternatives."""
    if "|" not in expect:
        return expect in EXPECTABLE
    return all(part in ALTERNATIVE_KINDS for part in expect.split("|"))


CLARIFY_LABEL = "clarify"  # accept: [clarify] in a question set
REPEAT_WORDS = 3


# --- the kinds file ----------------------------------------------------------------------
@dataclass(frozen=True)
class Kinds:
    """The response and action to kind mapping (``bench/dialogue_kinds.yml``)."""

    responses: Mapping[str, str]
    patterns: Sequence[tuple[str, str]]
    actions: Mapping[str, str]
    answer_slot: str
    answer_slot_responses: frozenset[str]
    repeat_exempt_responses: frozenset[str]
    repeat_exempt_actions: frozenset[str]
    safety_full: frozenset[str]
    safety_gentle: frozenset[str]

    def kind_of(
        self, response: str | None, action: str | None = None, answer: object = None
    ) -> str:
        """The kind of one bot message (see the kinds file for the order of the rules)."""
        if isinstance(answer, Mapping):
            return "answer"
        if response:
            if response in self.responses:
                return self.responses[response]
            for pattern, kind in self.patterns:
                if fnmatch.fnmatchcase(response, pattern):
                    return kind
            return "unknown"
        if action and action in self.actions:
            return self.actions[action]
        return "unknown"

    def safety_level(self, response: str | None) -> str | None:
        """``full``, ``gentle``, ``other`` (another utter_safety_*) or None (not safety)."""
        if not response or not response.startswith("utter_safety_"):
            return None
        if response in self.safety_full:
            return "full"
        if response in self.safety_gentle:
            return "gentle"
        return "other"


def parse_kinds(data: Mapping[str, Any]) -> Kinds:
    """A :class:`Kinds` from the kinds file's parsed YAML (unknown kinds are refused)."""
    known = {*KINDS, "error"}
    responses = {str(k): str(v) for k, v in (data.get("responses") or {}).items()}
    patterns = [(str(p["match"]), str(p["kind"])) for p in data.get("patterns") or []]
    actions = {str(k): str(v) for k, v in (data.get("actions") or {}).items()}
    used = set(responses.values()) | {k for _, k in patterns} | set(actions.values())
    bad = sorted(used - known)
    if bad:
        raise ValueError(f"unknown kinds in the kinds file: {', '.join(bad)}")
    exempt = data.get("repeat_exempt") or {}
    safety = data.get("safety_replies") or {}
    return Kinds(
        responses=responses,
        patterns=patterns,
        actions=actions,
        answer_slot=str(data.get("answer_slot") or "offered_tip"),
        answer_slot_responses=frozenset(data.get("answer_slot_responses") or []),
        repeat_exempt_responses=frozenset(exempt.get("responses") or []),
        repeat_exempt_actions=frozenset(exempt.get("actions") or []),
        safety_full=frozenset(safety.get("full") or []),
        safety_gentle=frozenset(safety.get("gentle") or []),
    )


def load_kinds(path: Path = KINDS_FILE) -> Kinds:
    """Read the kinds file."""
    return parse_kinds(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def load_covers(path: Path = GUIDANCE_FILE) -> dict[str, list[str]]:
    """Each tip's checklist ids (``covers``), by slug, from the guidance content."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        str(t["slug"]): [str(c) for c in t.get("covers") or []]
        for t in data.get("tips") or []
        if isinstance(t, Mapping) and t.get("slug")
    }


# --- what the coach did in one turn --------------------------------------------------------
@dataclass
class Reply:
    """One bot message."""

    text: str
    response: str | None
    action: str | None
    kind: str
    buttons: list[str] = field(default_factory=list)  # titles
    payloads: list[str] = field(default_factory=list)
    answer: dict[str, Any] | None = None  # {"slug", "concern", "covers"}


@dataclass
class Observed:
    """What the coach did in reply to one user message."""

    user: str
    replies: list[Reply] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    intent: str | None = None
    error: str | None = None

    @property
    def kinds(self) -> list[str]:
        """The replies' kinds, in order."""
        return [r.kind for r in self.replies]


def _answer_item(value: object) -> dict[str, Any] | None:
    """A well-formed answer item from ``metadata.answer`` (None for anything else)."""
    if not isinstance(value, Mapping):
        return None
    covers = value.get("covers")
    return {
        "slug": str(value["slug"]) if value.get("slug") is not None else None,
        "concern": str(value["concern"]) if value.get("concern") is not None else None,
        "covers": [str(c) for c in covers] if isinstance(covers, list) else [],
    }


def observe(
    user: str,
    events: Iterable[object],
    kinds: Kinds,
    covers: Mapping[str, list[str]],
) -> Observed:
    """Read one turn from its tracker events (tolerant of any odd event)."""
    turn = Observed(user=user)
    action: str | None = None
    slot_targets: list[Reply] = []  # answers of the current action waiting for their slot
    for event in events:
        if not isinstance(event, Mapping):
            continue
        kind = event.get("event")
        if kind == "user":
            intent = event.get("parse_data", {})
            intent = intent.get("intent") if isinstance(intent, Mapping) else None
            if isinstance(intent, Mapping) and intent.get("name"):
                turn.intent = str(intent["name"])
        elif kind == "action":
            name = event.get("name")
            action = str(name) if name else None
            slot_targets = []
            if action and action != "action_listen":
                turn.actions.append(action)
        elif kind == "bot":
            meta = event.get("metadata")
            meta = meta if isinstance(meta, Mapping) else {}
            response = meta.get("utter_action")
            response = str(response) if response else None
            answer = _answer_item(meta.get("answer"))
            data = event.get("data")
            buttons = data.get("buttons") if isinstance(data, Mapping) else None
            buttons = (
                [b for b in buttons if isinstance(b, Mapping)] if isinstance(buttons, list) else []
            )
            reply = Reply(
                text=str(event.get("text") or ""),
                response=response,
                action=action,
                kind=kinds.kind_of(response, action, answer),
                buttons=[str(b.get("title") or b.get("payload") or "") for b in buttons],
                payloads=[str(b.get("payload") or b.get("title") or "") for b in buttons],
                answer=answer,
            )
            turn.replies.append(reply)
            if answer is None and response in kinds.answer_slot_responses:
                slot_targets.append(reply)
        elif kind == "slot" and event.get("name") == kinds.answer_slot:
            slug = event.get("value")
            if isinstance(slug, str) and slug:
                for reply in slot_targets:
                    reply.answer = {"slug": slug, "concern": None, "covers": covers.get(slug, [])}
            slot_targets = []
    return turn


# --- judging ---------------------------------------------------------------------------------
def answer_matches(item: Mapping[str, Any] | None, accept: Iterable[str]) -> bool:
    """Whether an answered item is one of the acceptable ones (concern, checklist id, slug)."""
    if not item:
        return False
    labels = {str(a) for a in accept}
    covers = item.get("covers") or []
    return (
        (item.get("concern") is not None and str(item["concern"]) in labels)
        or any(str(c) in labels for c in covers)
        or (item.get("slug") is not None and str(item["slug"]) in labels)
    )


def clarified(turn: Observed) -> bool:
    """Whether the coach asked for clarification in this turn."""
    return "clarification" in turn.kinds


def first_answer(turn: Observed) -> Reply | None:
    """The first reply of kind answer."""
    return next((r for r in turn.replies if r.kind == "answer"), None)


@dataclass
class Verdict:
    """How one turn was judged."""

    expected: str
    right: bool
    clarified: bool
    silent: bool
    answer: str | None = None  # answer turns: right, wrong, clarified or other
    unwanted_fallback: bool = False  # clarified where no clarification was expected


def answer_outcome(turn: Observed, accept: Sequence[str] | None, is_clarified: bool) -> str:
    """right, wrong, clarified (no answer, but a clarification) or other (neither)."""
    answer = first_answer(turn)
    if answer is not None:
        if not accept or answer_matches(answer.answer, accept):
            return "right"
        return "wrong"
    return "clarified" if is_clarified else "other"


def judge(expected: str, accept: Sequence[str] | None, turn: Observed) -> Verdict:
    """Judge one turn against what the set expected (see the module docstring)."""
    is_clarified = clarified(turn)
    silent = not turn.replies
    outcome: str | None = None
    if expected == "any":
        right = not silent and not is_clarified
    elif expected == "clarification":
        right = is_clarified
    elif expected == "answer":
        outcome = answer_outcome(turn, accept, is_clarified)
        right = outcome == "right"
    else:
        # ``answer|explain``: an answer counts when it is a right one (as for ``answer``)
        parts = expected.split("|")
        if "answer" in parts:
            outcome = answer_outcome(turn, accept, is_clarified)
        right = outcome == "right" or any(kind in turn.kinds for kind in parts if kind != "answer")
    return Verdict(
        expected=expected,
        right=right,
        clarified=is_clarified,
        silent=silent,
        answer=outcome,
        unwanted_fallback=is_clarified and expected != "clarification",
    )


def judge_question(accept: Sequence[str], turn: Observed) -> str:
    """A single question: right, wrong, clarified or other.

    ``accept: [clarify]`` is right when the coach clarified without answering, and wrong
    when it answered anything. Otherwise the first answer decides.
    """
    is_clarified = clarified(turn)
    if CLARIFY_LABEL in accept:
        if first_answer(turn) is not None:
            others = [a for a in accept if a != CLARIFY_LABEL]
            return answer_outcome(turn, others, is_clarified) if others else "wrong"
        return "right" if is_clarified else "other"
    return answer_outcome(turn, accept, is_clarified)


# --- repeats -----------------------------------------------------------------------------------
WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    """Lower-cased words of a message (punctuation and emoji left out)."""
    return [w.lower() for w in WORD.findall(text or "")]


def word_distance(a: Sequence[str], b: Sequence[str], limit: int = REPEAT_WORDS) -> int:
    """Word-level edit distance (insert, delete, replace a word), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, wa in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, wb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (wa != wb))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def near_repeat(a: str, b: str, limit: int = REPEAT_WORDS) -> bool:
    """Whether two messages are the same or differ by at most ``limit`` words.

    Messages without any word (empty, or emoji only) are compared as text.
    """
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return bool(a.strip()) and a.strip() == b.strip()
    return word_distance(wa, wb, limit) <= limit


def repeat_exempt(reply: Reply, kinds: Kinds) -> bool:
    """Button prompts, safety resources asked for again, and messages without text."""
    return (
        not reply.text.strip()
        or reply.response in kinds.repeat_exempt_responses
        or reply.action in kinds.repeat_exempt_actions
    )


def find_repeats(
    turns: Sequence[Observed], kinds: Kinds, limit: int = REPEAT_WORDS
) -> list[dict[str, Any]]:
    """Every bot message that repeats an earlier one of the conversation (near or exact)."""
    earlier: list[tuple[int, Reply]] = []
    found: list[dict[str, Any]] = []
    for index, turn in enumerate(turns):
        for reply in turn.replies:
            if repeat_exempt(reply, kinds):
                continue
            match = next(
                ((i, r) for i, r in earlier if near_repeat(r.text, reply.text, limit)), None
            )
            if match is not None:
                found.append(
                    {
                        "turn": index + 1,
                        "response": reply.response,
                        "text": reply.text,
                        "repeats_turn": match[0] + 1,
                        "repeats_response": match[1].response,
                    }
                )
            earlier.append((index, reply))
    return found


# --- the interruption turns (issue 19) -------------------------------------------------------
INTERRUPT_TAG = "interrupt"
# Turns the set expects to be handled as a request, not as an answer to a pending question.
# A plan step too: "start" or "next" while a question waits is a request, never an answer.
REQUEST_KINDS = frozenset({"explain", "answer", "acknowledgement", "privacy", "plan_step"})
# The questions that wait for an answer: the assessment form's and the yes/no confirmation.
FORM_QUESTIONS = ("duration", "cause", "pulled_away", "feels_safe", "partner_open")
PROMPTED = (*FORM_QUESTIONS, "delete_data")
# Replies that say a reply was not taken as an answer ("I didn't catch that one ...", the
# question set aside after replies that were not answers).
REPROMPTS = frozenset(
    {
        "utter_answer_unclear",
        "utter_confirm_unclear",
        "utter_question_set_aside",
        "utter_default",
    }
)
_PROMPT = re.compile(r"^utter_ask_(?P<slot>" + "|".join(PROMPTED) + r")(?:_again|_skip)?$")


def prompted_question(response: str | None) -> str | None:
    """The question a response asks (``utter_ask_cause_again`` -> cause), or None."""
    match = _PROMPT.match(response or "")
    return match.group("slot") if match else None


def pending_after(turn: Observed) -> str | None:
    """The question left waiting at the end of a turn: the last one it asked, if any."""
    for reply in reversed(turn.replies):
        slot = prompted_question(reply.response)
        if slot:
            return slot
    return None


def failed_answer(expected: str, pending: str | None, turn: Observed) -> bool:
    """A request handled as a failed answer to the question pending before it.

    The set expects the message to be handled as a request (``REQUEST_KINDS``), a question
    was waiting, and the coach did nothing but what it does with a reply that is not an
    answer: it asked that question again, said it had not understood, or set the question
    aside (and asked the next). A request answered (even wrongly) before the question comes
    back is not a failed answer.
    """
    if expected not in REQUEST_KINDS or pending is None or not turn.replies:
        return False
    asked = [prompted_question(r.response) for r in turn.replies]
    only_reasked = all(
        a is not None or r.response in REPROMPTS for a, r in zip(asked, turn.replies, strict=True)
    )
    return only_reasked and (pending in asked or any(r.response in REPROMPTS for r in turn.replies))


def same_prompt_twice(turns: Sequence[Observed]) -> list[dict[str, Any]]:
    """Each time a pending question was asked in the same words (or within three) again.

    Compared with every prompt of that question since it was first asked in a row: until
    another of the five questions is asked (a request answered or a confirmation asked in
    between does not end the row).
    """
    found: list[dict[str, Any]] = []
    shown: dict[str, list[tuple[str, int]]] = {}  # question -> its prompts: text, turn
    for index, turn in enumerate(turns, 1):
        for reply in turn.replies:
            slot = prompted_question(reply.response)
            if not slot:
                continue
            if slot in FORM_QUESTIONS:
                shown = {k: v for k, v in shown.items() if k == slot or k not in FORM_QUESTIONS}
            before = shown.setdefault(slot, [])
            match = next((n for text, n in before if near_repeat(text, reply.text)), None)
            if match is not None:
                found.append(
                    {
                        "turn": index,
                        "question": slot,
                        "response": reply.response,
                        "text": reply.text,
                        "repeats_turn": match,
                    }
                )
            before.append((reply.text, index))
    return found


def interrupt_findings(expects: Sequence[str], turns: Sequence[Observed]) -> dict[str, Any]:
    """For one conversation: the failed-answer turns and the same prompts twice in a row."""
    failed: list[int] = []
    pending: str | None = None
    for n, (expected, turn) in enumerate(zip(expects, turns, strict=False), 1):
        if failed_answer(expected, pending, turn):
            failed.append(n)
        pending = pending_after(turn)
    return {"failed_answers": failed, "same_prompt_twice": same_prompt_twice(turns)}


def interrupt_summary(conversations: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The tagged conversations' figures: turn accuracy, failed answers, prompts repeated.

    Each conversation is a mapping with ``verdicts`` (its turns' :class:`Verdict`) and the
    ``failed_answers`` and ``same_prompt_twice`` lists of :func:`interrupt_findings`.
    """
    verdicts = [v for c in conversations for v in c["verdicts"]]
    right = sum(v.right for v in verdicts)
    requests = sum(v.expected in REQUEST_KINDS for v in verdicts)
    failed = sum(len(c["failed_answers"]) for c in conversations)
    return {
        "conversations": len(conversations),
        "turns": len(verdicts),
        "right": right,
        "accuracy_pct": pct(right, len(verdicts)),
        "request_turns": requests,
        "failed_answers": {"count": failed, "pct": pct(failed, requests)},
        "same_prompt_twice": sum(len(c["same_prompt_twice"]) for c in conversations),
    }


# --- reports -----------------------------------------------------------------------------------
def pct(part: int, whole: int) -> float | None:
    """A percentage with one decimal (None for an empty whole)."""
    return round(100.0 * part / whole, 1) if whole else None


def dialogue_summary(
    verdicts: Sequence[Verdict], bot_messages: int, repeats: int
) -> dict[str, Any]:
    """Turn accuracy overall and per kind, answer outcomes, unwanted fallbacks, repeats."""
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted({v.expected for v in verdicts}):
        these = [v for v in verdicts if v.expected == kind]
        right = sum(v.right for v in these)
        per_kind[kind] = {"turns": len(these), "right": right, "pct": pct(right, len(these))}
    answers = Counter(v.answer for v in verdicts if v.expected == "answer")
    n_answers = sum(answers.values())
    not_calling = [v for v in verdicts if v.expected != "clarification"]
    unwanted = sum(v.unwanted_fallback for v in not_calling)
    right = sum(v.right for v in verdicts)
    return {
        "turns": len(verdicts),
        "right": right,
        "accuracy_pct": pct(right, len(verdicts)),
        "per_kind": per_kind,
        "answer_turns": n_answers,
        "answers": {
            k: {"count": answers.get(k, 0), "pct": pct(answers.get(k, 0), n_answers)}
            for k in ("right", "wrong", "clarified", "other")
        },
        "unwanted_fallbacks": {
            "count": unwanted,
            "turns": len(not_calling),
            "pct": pct(unwanted, len(not_calling)),
        },
        "silent_turns": sum(v.silent for v in verdicts),
        "repeats": {
            "count": repeats,
            "bot_messages": bot_messages,
            "pct": pct(repeats, bot_messages),
        },
    }


def question_summary(outcomes: Sequence[str]) -> dict[str, Any]:
    """Right answer first, wrong answer, honest clarification, other: counts and shares."""
    counts = Counter(outcomes)
    return {
        "questions": len(outcomes),
        **{
            k: {"count": counts.get(k, 0), "pct": pct(counts.get(k, 0), len(outcomes))}
            for k in ("right", "wrong", "clarified", "other")
        },
    }


def transcript(turns: Sequence[Observed]) -> list[str]:
    """The conversation so far as readable lines (user text, bot texts with response names)."""
    lines: list[str] = []
    for i, turn in enumerate(turns, 1):
        lines.append(f"  {i:>2} user: {turn.user}")
        if turn.error:
            lines.append(f"     !! {turn.error}")
        if not turn.replies:
            lines.append("     bot: (nothing)")
        for reply in turn.replies:
            name = reply.response or reply.action or "?"
            text = " ".join(reply.text.split())
            text = text if len(text) <= 220 else text[:217] + "..."
            extra = f" {{answer: {reply.answer.get('slug')}}}" if reply.answer else ""
            lines.append(f"     bot [{name} -> {reply.kind}]{extra}: {text}")
    return lines


def as_dict(value: Any) -> Any:
    """A dataclass (or list of them) as plain JSON-ready data."""
    if isinstance(value, list):
        return [as_dict(v) for v in value]
    return asdict(value)


# --- the safety replay -------------------------------------------------------------------------
def safety_outcome(turn: Observed, kinds: Kinds) -> str:
    """full, gentle, other (another utter_safety_* only) or none, for one replayed message."""
    levels = {kinds.safety_level(r.response) for r in turn.replies}
    for level in ("full", "gentle", "other"):
        if level in levels:
            return level
    return "none"


def reached(outcome: str) -> bool:
    """Whether a replayed message reached the safety path (the full reply or the check)."""
    return outcome in ("full", "gentle")


def safety_table(
    results: Sequence[Mapping[str, Any]], states: Sequence[str]
) -> dict[str, dict[str, dict[str, int]]]:
    """Counts per state and label: messages, full, gentle, other, none, setup_failed."""
    table: dict[str, dict[str, dict[str, int]]] = {}
    for state in states:
        rows: dict[str, dict[str, int]] = {}
        for r in results:
            if r["state"] != state:
                continue
            row = rows.setdefault(
                str(r["label"]),
                {"messages": 0, "full": 0, "gentle": 0, "other": 0, "none": 0, "setup_failed": 0},
            )
            row["messages"] += 1
            row[str(r["outcome"])] += 1
        table[state] = rows
    return table


def any_safety(outcome: str) -> bool:
    """Whether a replayed message got any ``utter_safety_*`` reply (care and resources too)."""
    return outcome in ("full", "gentle", "other")


def lost_messages(
    results: Sequence[Mapping[str, Any]],
    baseline: str = "first_message",
    hit: Callable[[str], bool] = reached,
) -> dict[str, list[dict[str, Any]]]:
    """Per state: messages that reached safety as a first message but not in that state.

    ``hit`` says what counts (by default the full reply or the gentle check). A message
    whose setup failed in a state is not counted as lost (it is reported as
    ``setup_failed`` in the table instead).
    """
    first = {r["index"]: r for r in results if r["state"] == baseline}
    lost: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        state = r["state"]
        if state == baseline:
            continue
        lost.setdefault(state, [])
        base = first.get(r["index"])
        if base is None or r["outcome"] == "setup_failed":
            continue
        if hit(base["outcome"]) and not hit(r["outcome"]):
            lost[state].append(
                {
                    "index": r["index"],
                    "label": r["label"],
                    "text": r.get("text", ""),
                    "ref": r.get("ref", r["index"]),
                    "first_message": base["outcome"],
                    "here": r["outcome"],
                    "responses": r.get("responses", []),
                }
            )
    return lost
