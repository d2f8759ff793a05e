"""The scoring behind `make dialogues` and `make safety-replay` (pure functions, no servers)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.coach_client import events_after, timestamp
from bench.dialogue_scoring import (
    Observed,
    Reply,
    Verdict,
    answer_matches,
    dialogue_summary,
    expectable,
    failed_answer,
    find_repeats,
    interrupt_findings,
    interrupt_summary,
    judge,
    judge_question,
    load_covers,
    load_kinds,
    lost_messages,
    near_repeat,
    observe,
    parse_kinds,
    pending_after,
    prompted_question,
    question_summary,
    safety_outcome,
    safety_table,
    same_prompt_twice,
    transcript,
    word_distance,
    words,
)
from bench.dialogues import parse_dialogues, parse_questions

ROOT = Path(__file__).resolve().parents[2]
KINDS = load_kinds()
COVERS = {"rebuilding-takes-time": ["U9"], "normal-ups-and-downs": ["U5", "U7"]}


def bot(response=None, text="hello there", **extra):
    event = {"event": "bot", "text": text, "metadata": {}}
    if response:
        event["metadata"]["utter_action"] = response
    event.update(extra)
    return event


def action(name):
    return {"event": "action", "name": name}


def reply(kind, text="some words here", response=None, answer=None, action_name=None):
    return Reply(text=text, response=response, action=action_name, kind=kind, answer=answer)


def turn(*replies, user="hi"):
    return Observed(user=user, replies=list(replies))


# --- the kinds file ----------------------------------------------------------------------


def domain_responses():
    names = set()
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names |= set((data.get("responses") or {}).keys())
    return names


def test_every_response_in_the_domain_has_a_kind():
    unmapped = sorted(r for r in domain_responses() if KINDS.kind_of(r) == "unknown")
    assert unmapped == []


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("utter_ask_affirmation", "clarification"),  # exact name beats utter_ask_*
        ("utter_ask_rephrase", "clarification"),
        ("utter_ask_delete_data", "privacy"),
        ("utter_ask_duration", "question"),
        ("utter_ask_some_new_slot", "question"),  # pattern
        ("utter_safety_check", "safety"),
        ("utter_safety_anything_new", "safety"),
        ("utter_reflect_new_baby", "reflection"),
        ("utter_plan_list", "plan"),
        ("utter_plan_step", "plan_step"),
        ("utter_tip_why", "explain"),
        ("utter_topic_none", "out_of_scope"),
        ("utter_topic_tip", "answer"),
        ("utter_store_unavailable", "error"),
        ("utter_never_heard_of", "unknown"),
    ],
)
def test_kind_of_a_response(response, kind):
    assert KINDS.kind_of(response) == kind


def test_an_answer_item_makes_any_message_an_answer():
    assert KINDS.kind_of("utter_greet", answer={"slug": "x"}) == "answer"
    assert KINDS.kind_of("utter_greet", answer="not a mapping") == "acknowledgement"


def test_a_message_without_a_response_name_takes_its_actions_kind():
    assert KINDS.kind_of(None, "action_default_ask_affirmation") == "clarification"
    assert KINDS.kind_of(None, "action_reflect_feelings") == "reflection"
    assert KINDS.kind_of(None, "action_unknown") == "unknown"
    assert KINDS.kind_of(None, None) == "unknown"


def test_the_kinds_file_refuses_a_kind_that_does_not_exist():
    with pytest.raises(ValueError, match="advice"):
        parse_kinds({"responses": {"utter_x": "advice"}})


def test_safety_levels_by_name():
    assert KINDS.safety_level("utter_safety_crisis") == "full"
    assert KINDS.safety_level("utter_safety_abuse_third_party") == "full"
    assert KINDS.safety_level("utter_safety_check") == "gentle"
    assert KINDS.safety_level("utter_safety_resources") == "other"
    assert KINDS.safety_level("utter_greet") is None
    assert KINDS.safety_level(None) is None


def test_covers_come_from_the_guidance_content():
    covers = load_covers()
    assert covers["what-emotional-intimacy-is"] == ["U1"]
    assert all(isinstance(v, list) for v in covers.values())


# --- reading a turn from tracker events --------------------------------------------------------


def test_observe_reads_replies_actions_and_the_intent():
    events = [
        {"event": "user", "text": "we feel distant", "parse_data": {"intent": {"name": "feel"}}},
        action("action_reflect_feelings"),
        bot("utter_reflect_general", "That sounds lonely."),
        bot(
            "utter_offer_questions",
            "Could I ask?",
            data={"buttons": [{"title": "Sure", "payload": "/affirm"}]},
        ),
        action("action_listen"),
    ]
    seen = observe("we feel distant", events, KINDS, COVERS)
    assert seen.intent == "feel"
    assert seen.actions == ["action_reflect_feelings"]
    assert seen.kinds == ["reflection", "question"]
    assert seen.replies[1].buttons == ["Sure"] and seen.replies[1].payloads == ["/affirm"]


def test_todays_topic_answer_is_identified_by_the_offered_tip_slot():
    events = [
        action("action_answer_question"),
        bot("utter_answer_question", "Closeness comes back gradually."),
        {"event": "slot", "name": "offered_tip", "value": "rebuilding-takes-time"},
    ]
    [answer] = observe("how long", events, KINDS, COVERS).replies
    assert answer.kind == "answer"
    assert answer.answer == {"slug": "rebuilding-takes-time", "concern": None, "covers": ["U9"]}


def test_the_slot_only_names_answers_of_the_same_action():
    events = [
        action("action_answer_topic"),
        bot("utter_topic_tip", "Here's one idea"),
        action("action_add_to_plan"),
        {"event": "slot", "name": "offered_tip", "value": "rebuilding-takes-time"},
    ]
    [answer] = observe("x", events, KINDS, COVERS).replies
    assert answer.answer is None


def test_metadata_answer_is_read_as_it_is():
    meta = {
        "utter_action": "utter_answer_concern",
        "answer": {"slug": "is-this-normal", "concern": "normal", "covers": ["U5"]},
    }
    [answer] = observe("x", [{"event": "bot", "text": "Yes.", "metadata": meta}], KINDS, {}).replies
    assert answer.kind == "answer"
    assert answer.answer == {"slug": "is-this-normal", "concern": "normal", "covers": ["U5"]}


def test_odd_events_never_break_the_reading():
    events = [
        None,
        "text",
        42,
        {"event": "bot"},  # no text, no metadata
        {"event": "bot", "text": None, "metadata": "odd", "data": {"buttons": "odd"}},
        {"event": "bot", "text": "x", "data": {"buttons": [None, {"payload": "/p"}]}},
        {"event": "user", "parse_data": None},
        {"event": "slot", "name": "offered_tip", "value": 3},
        {"event": "action"},
    ]
    seen = observe("x", events, KINDS, COVERS)
    assert [r.kind for r in seen.replies] == ["unknown", "unknown", "unknown"]
    assert seen.replies[2].payloads == ["/p"]
    assert seen.intent is None


# --- judging -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "accept", "expected"),
    [
        ({"slug": "a", "concern": "normal", "covers": []}, ["normal", "U5"], True),
        ({"slug": "a", "concern": None, "covers": ["U9", "U5"]}, ["normal", "U5"], True),
        (
            {"slug": "rebuilding-takes-time", "concern": None, "covers": []},
            ["rebuilding-takes-time"],
            True,
        ),
        ({"slug": "a", "concern": "leave", "covers": ["U9"]}, ["normal", "U5"], False),
        ({"slug": "a", "concern": None, "covers": []}, ["normal"], False),
        (None, ["normal"], False),
        ({"slug": "a", "concern": "normal", "covers": []}, [], False),
    ],
)
def test_answer_matching(item, accept, expected):
    assert answer_matches(item, accept) is expected


def test_a_turn_is_right_when_any_reply_has_the_expected_kind():
    seen = turn(reply("reflection"), reply("question"))
    assert judge("question", None, seen).right
    assert judge("reflection", None, seen).right
    assert not judge("plan", None, seen).right


def test_alternative_kinds_are_right_when_any_of_them_was_given():
    assert judge("question|plan", None, turn(reply("plan"))).right
    assert judge("question|plan", None, turn(reply("question"))).right
    assert not judge("question|plan", None, turn(reply("reflection"))).right


def test_an_answer_among_alternatives_must_be_a_right_one():
    assert judge("answer|explain", None, turn(reply("explain"))).right
    assert not judge("answer|explain", None, turn(reply("question"))).right
    right = reply("answer", answer={"slug": "s", "concern": "normal", "covers": []})
    wrong = reply("answer", answer={"slug": "s", "concern": None, "covers": ["U9"]})
    assert judge("answer|explain", ["normal"], turn(right)).right
    assert not judge("answer|explain", ["normal"], turn(wrong)).right


@pytest.mark.parametrize(
    ("expect", "allowed"),
    [
        ("question|plan", True),
        ("plan", True),
        ("any", True),
        ("answer|explain", True),
        ("answer|nonsense", False),
        ("nonsense", False),
    ],
)
def test_which_expectations_a_set_may_use(expect, allowed):
    assert expectable(expect) is allowed


def test_any_is_right_unless_clarified_or_silent():
    assert judge("any", None, turn(reply("acknowledgement"))).right
    assert not judge("any", None, turn(reply("clarification"))).right
    assert not judge("any", None, turn()).right
    assert judge("any", None, turn()).silent


def test_clarification_expected_is_right_only_when_clarified():
    assert judge("clarification", None, turn(reply("clarification"))).right
    verdict = judge("clarification", None, turn(reply("out_of_scope")))
    assert not verdict.right and not verdict.unwanted_fallback


def test_a_clarification_where_none_was_called_for_is_counted():
    verdict = judge("reflection", None, turn(reply("clarification")))
    assert not verdict.right and verdict.unwanted_fallback
    assert not judge("clarification", None, turn(reply("clarification"))).unwanted_fallback


def test_answer_turns_right_wrong_clarified_other():
    right = reply("answer", answer={"slug": "s", "concern": "normal", "covers": []})
    wrong = reply("answer", answer={"slug": "s", "concern": None, "covers": ["U9"]})
    accept = ["normal", "U5"]
    assert judge("answer", accept, turn(right)).answer == "right"
    assert judge("answer", accept, turn(right)).right
    assert judge("answer", accept, turn(wrong)).answer == "wrong"
    assert not judge("answer", accept, turn(wrong)).right
    assert judge("answer", accept, turn(reply("clarification"))).answer == "clarified"
    assert judge("answer", accept, turn(reply("out_of_scope"))).answer == "other"
    # The first answer is judged: a wrong one first is not saved by a right one after it.
    assert judge("answer", accept, turn(wrong, right)).answer == "wrong"
    # Without accept labels, any answer is right.
    assert judge("answer", [], turn(wrong)).right


def test_an_answer_without_a_known_item_is_wrong_when_labels_are_given():
    assert judge("answer", ["U1"], turn(reply("answer"))).answer == "wrong"


def test_a_single_question_with_accept_clarify():
    assert judge_question(["clarify"], turn(reply("clarification"))) == "right"
    answered = reply("answer", answer={"slug": "s", "concern": None, "covers": ["U1"]})
    assert judge_question(["clarify"], turn(answered)) == "wrong"
    assert judge_question(["clarify", "U1"], turn(answered)) == "right"
    assert judge_question(["clarify"], turn(reply("out_of_scope"))) == "other"
    assert judge_question(["U1"], turn(answered)) == "right"
    assert judge_question(["U2"], turn(answered)) == "wrong"
    assert judge_question(["U2"], turn(reply("clarification"))) == "clarified"


# --- repeats -----------------------------------------------------------------------------------


def test_words_ignore_case_and_punctuation():
    assert words("Okay, let's GO!  🙂") == ["okay", "let's", "go"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("a b c", "a b c", 0),
        ("a b c", "a x c", 1),
        ("a b c", "a b c d", 1),
        ("a b c d e", "a e", 3),
        ("a b c d e f", "x y z w e f", 4),  # capped at limit + 1
        ("", "a b", 2),
    ],
)
def test_word_distance(a, b, distance):
    assert word_distance(a.split(), b.split(), limit=3) == distance


@pytest.mark.parametrize(
    ("a", "b", "repeat"),
    [
        ("Roughly how long has it felt this way?", "Roughly how long has it felt this way?", True),
        ("Roughly how long has it felt this way?", "roughly, how long has it felt this way", True),
        (
            "I've added A hug to your plan.",
            "I've added Five things exercise to your plan.",
            True,
        ),  # 3 words
        (
            "I've added A hug to your plan.",
            "I've added Five small things exercise to your plan.",
            False,
        ),  # 4
        (
            "How long has it been feeling like this?",
            "Did anything change around the time it started?",
            False,
        ),
        ("🙂", "🙂", True),
        ("🙂", "😢", False),
        ("", "", False),
    ],
)
def test_near_repeat_allows_at_most_three_words(a, b, repeat):
    assert near_repeat(a, b) is repeat


def test_repeats_in_a_conversation_leave_out_button_prompts_and_asked_for_resources():
    question = "Would you say it's mostly you who pulled back, mostly your partner, or both of you?"
    resources = "Here's who you can reach in the US: emergency 911, crisis 988."
    turns = [
        turn(reply("question", question, "utter_ask_pulled_away")),
        turn(reply("question", "Would you like the next step?", "utter_offer_next_step")),
        turn(
            reply(
                "safety", resources, "utter_safety_resources", action_name="action_safety_resources"
            )
        ),
        turn(reply("question", "Would you like the next step?", "utter_offer_next_step")),
        turn(
            reply(
                "safety", resources, "utter_safety_resources", action_name="action_safety_resources"
            )
        ),
        turn(reply("question", question.replace("mostly you", "you"), "utter_ask_pulled_away")),
        turn(reply("acknowledgement", "", "utter_progress_chart")),
        turn(reply("acknowledgement", "", "utter_progress_chart")),
    ]
    found = find_repeats(turns, KINDS)
    assert [(r["turn"], r["repeats_turn"], r["response"]) for r in found] == [
        (6, 1, "utter_ask_pulled_away")
    ]


def test_safety_resources_sent_without_being_asked_still_count():
    text = "Here's who you can reach in the US: emergency 911, crisis 988."
    turns = [
        turn(reply("safety", text, "utter_safety_resources", action_name="action_safety_crisis")),
        turn(reply("safety", text, "utter_safety_resources", action_name="action_safety_crisis")),
    ]
    assert len(find_repeats(turns, KINDS)) == 1


# --- summaries ---------------------------------------------------------------------------------


def test_dialogue_summary_figures():
    answer = reply("answer", answer={"slug": "s", "concern": "normal", "covers": []})
    verdicts = [
        judge("reflection", None, turn(reply("reflection"))),
        judge("reflection", None, turn(reply("clarification"))),
        judge("answer", ["normal"], turn(answer)),
        judge("answer", ["U1"], turn(answer)),
        judge("clarification", None, turn(reply("clarification"))),
    ]
    s = dialogue_summary(verdicts, bot_messages=10, repeats=1)
    assert (s["turns"], s["right"], s["accuracy_pct"]) == (5, 3, 60.0)
    assert s["per_kind"]["reflection"] == {"turns": 2, "right": 1, "pct": 50.0}
    assert s["answers"]["right"] == {"count": 1, "pct": 50.0}
    assert s["answers"]["wrong"] == {"count": 1, "pct": 50.0}
    assert s["unwanted_fallbacks"] == {"count": 1, "turns": 4, "pct": 25.0}
    assert s["repeats"] == {"count": 1, "bot_messages": 10, "pct": 10.0}


def test_question_summary_and_empty_sets():
    s = question_summary(["right", "right", "wrong", "clarified"])
    assert s["right"] == {"count": 2, "pct": 50.0} and s["other"] == {"count": 0, "pct": 0.0}
    assert question_summary([])["right"] == {"count": 0, "pct": None}
    assert dialogue_summary([], 0, 0)["accuracy_pct"] is None


def test_transcript_shows_user_text_bot_text_and_response_names():
    seen = turn(
        reply("reflection", "That sounds lonely.", "utter_reflect_general"), user="we drift"
    )
    seen.error = "tracker: HTTP 500"
    lines = transcript([seen, Observed(user="hello?")])
    assert "user: we drift" in lines[0]
    assert any("[utter_reflect_general -> reflection]: That sounds lonely." in x for x in lines)
    assert any("tracker: HTTP 500" in x for x in lines)
    assert lines[-1].strip() == "bot: (nothing)"


# --- the safety replay -------------------------------------------------------------------------


def test_safety_outcome_prefers_the_full_reply():
    assert safety_outcome(turn(reply("safety", response="utter_safety_check")), KINDS) == "gentle"
    both = turn(
        reply("safety", response="utter_safety_check"),
        reply("safety", response="utter_safety_abuse"),
    )
    assert safety_outcome(both, KINDS) == "full"
    assert (
        safety_outcome(turn(reply("safety", response="utter_safety_resume_plain")), KINDS)
        == "other"
    )
    assert (
        safety_outcome(turn(reply("clarification", response="utter_ask_affirmation")), KINDS)
        == "none"
    )
    assert safety_outcome(turn(), KINDS) == "none"


def results_for_replay():
    return [
        {"index": 1, "label": "crisis", "text": "t1", "state": "first_message", "outcome": "full"},
        {"index": 2, "label": "abuse", "text": "t2", "state": "first_message", "outcome": "gentle"},
        {"index": 3, "label": "none", "text": "t3", "state": "first_message", "outcome": "none"},
        {"index": 1, "label": "crisis", "text": "t1", "state": "plan_step", "outcome": "gentle"},
        {
            "index": 2,
            "label": "abuse",
            "text": "t2",
            "state": "plan_step",
            "outcome": "none",
            "responses": ["utter_ask_affirmation"],
        },
        {"index": 3, "label": "none", "text": "t3", "state": "plan_step", "outcome": "gentle"},
        {
            "index": 1,
            "label": "crisis",
            "text": "t1",
            "state": "followup",
            "outcome": "setup_failed",
        },
        {"index": 2, "label": "abuse", "text": "t2", "state": "followup", "outcome": "full"},
    ]


def test_safety_table_counts_per_state_and_label():
    table = safety_table(results_for_replay(), ["first_message", "plan_step", "followup"])
    assert table["first_message"]["crisis"] == {
        "messages": 1,
        "full": 1,
        "gentle": 0,
        "other": 0,
        "none": 0,
        "setup_failed": 0,
    }
    assert table["plan_step"]["abuse"]["none"] == 1
    assert table["followup"]["crisis"]["setup_failed"] == 1


def test_lost_messages_compare_with_the_first_message_state():
    lost = lost_messages(results_for_replay())
    assert [x["index"] for x in lost["plan_step"]] == [2]  # gentle -> none; a downgrade is not lost
    assert lost["plan_step"][0]["responses"] == ["utter_ask_affirmation"]
    assert lost["followup"] == []  # a setup failure is not a loss


# --- sets and events ---------------------------------------------------------------------------


def test_a_dialogue_set_is_read_and_every_problem_listed():
    good, problems = parse_dialogues(
        [
            {
                "id": "d1",
                "turns": [
                    {"user": "hi", "expect": "reflection"},
                    {"user": "is it normal", "expect": "answer", "accept": ["normal", "U5"]},
                    {"user": "ok"},
                ],
            }
        ]
    )
    assert problems == []
    assert [(t.expect, t.accept) for t in good[0].turns] == [
        ("reflection", []),
        ("answer", ["normal", "U5"]),
        ("any", []),
    ]
    _, problems = parse_dialogues(
        [
            {"id": "d1", "turns": [{"user": "hi", "expect": "advice"}, {"expect": "any"}]},
            {"id": "d1", "turns": []},
            "odd",
        ]
    )
    assert len(problems) == 5
    assert parse_dialogues({"not": "a list"})[1]


def test_a_question_set_needs_accept_labels():
    good, problems = parse_questions([{"text": "is it normal", "accept": "U5"}, {"text": "x"}])
    assert [t.accept for d in good for t in d.turns] == [["U5"]]
    assert problems == ["question 2: needs `accept` labels (or [clarify])"]


def test_new_events_are_those_after_the_last_seen_timestamp():
    events = [{"timestamp": 1.0}, {"timestamp": 2.5}, {"timestamp": "odd"}, None, {"timestamp": 3}]
    assert events_after(events, 2.0) == [{"timestamp": 2.5}, {"timestamp": 3}]
    assert events_after(events, None) == events
    assert timestamp(None) == 0.0 and timestamp({"timestamp": "x"}) == 0.0


# --- the interruption turns (issue 19) ---------------------------------------------------


def ask(response, text):
    return reply("question", text=text, response=response)


@pytest.mark.parametrize(
    ("response", "question"),
    [
        ("utter_ask_duration", "duration"),
        ("utter_ask_cause_again", "cause"),
        ("utter_ask_partner_open_skip", "partner_open"),
        ("utter_ask_delete_data_again", "delete_data"),
        ("utter_ask_affirmation", None),
        ("utter_ask_duration_later", None),
        (None, None),
    ],
)
def test_prompted_question_names_the_question_a_response_asks(response, question):
    assert prompted_question(response) == question


def test_pending_after_is_the_last_question_a_turn_asked():
    t = turn(
        ask("utter_ask_duration", "How long?"),
        reply("explain", response="utter_why_cause"),
        ask("utter_ask_cause_again", "What changed, again?"),
    )
    assert pending_after(t) == "cause"
    assert pending_after(turn(reply("plan", response="utter_plan_intro"))) is None


def test_failed_answer_is_a_request_met_with_the_same_question_or_a_reprompt():
    reasked = turn(ask("utter_ask_cause_again", "Back to it: what changed?"))
    assert failed_answer("explain", "cause", reasked)
    unclear = turn(reply("clarification", response="utter_answer_unclear"))
    assert failed_answer("privacy", "delete_data", unclear)
    set_aside = turn(reply("acknowledgement", response="utter_question_set_aside"))
    assert failed_answer("answer", "partner_open", set_aside)
    # Answered as the request, then the question back in other words: not a failure.
    handled = turn(reply("explain", response="utter_why_cause"), ask("utter_ask_cause_again", "x"))
    assert not failed_answer("explain", "cause", handled)
    # No question was waiting, the set expected an answer to it, or another question came.
    assert not failed_answer("explain", None, reasked)
    assert not failed_answer("question", "cause", reasked)
    assert not failed_answer("explain", "duration", reasked)
    # Set aside, then the next question: the request was taken for a failed answer.
    moved_on = turn(
        reply("acknowledgement", response="utter_question_set_aside"),
        ask("utter_ask_feels_safe", "Do you feel safe with your partner?"),
    )
    assert failed_answer("plan_step", "pulled_away", moved_on)
    # A request answered, even as the wrong request, before the question came back: not one.
    wrong_request = turn(reply("privacy", response="utter_data_kept"), reasked.replies[0])
    assert not failed_answer("answer", "cause", wrong_request)


def test_same_prompt_twice_counts_a_question_repeated_in_a_row_only():
    turns = [
        turn(ask("utter_ask_cause", "Did anything change around the time it started?")),
        turn(ask("utter_ask_cause_again", "Back to where we were: what changed around then?")),
        turn(reply("explain", response="utter_why_cause")),
        turn(ask("utter_ask_cause_again", "Back to where we were: what changed around then?")),
        turn(ask("utter_ask_pulled_away", "Who pulled back first?")),
        # The same words again, but another question came in between: not "in a row".
        turn(ask("utter_ask_cause_again", "Back to where we were: what changed around then?")),
    ]
    found = same_prompt_twice(turns)
    assert [(x["turn"], x["question"], x["repeats_turn"]) for x in found] == [(4, "cause", 2)]


def test_same_prompt_twice_counts_a_repeat_of_any_earlier_prompt_of_the_pending_question():
    again = "Picking up where we left off: who drew back first, do you think?"
    turns = [
        turn(ask("utter_ask_pulled_away", "Who has pulled back more, would you say?")),
        turn(ask("utter_ask_pulled_away_again", again)),
        turn(ask("utter_ask_pulled_away_skip", "We can skip this one. Or, if you have a sense?")),
        turn(ask("utter_ask_pulled_away_again", again)),  # as at turn 2, a skip offer between
    ]
    found = same_prompt_twice(turns)
    assert [(x["turn"], x["repeats_turn"]) for x in found] == [(4, 2)]


def test_interrupt_findings_and_summary_on_a_synthetic_transcript():
    expects = ["reflection", "question", "explain", "privacy", "acknowledgement", "question"]
    turns = [
        turn(reply("reflection", response="utter_reflect_baby"), user="we drifted"),
        turn(ask("utter_ask_duration", "Roughly how long has it felt this way?"), user="ok"),
        # "why do you ask?": re-asked as if it were a failed answer.
        turn(ask("utter_ask_duration_again", "Coming back to it: how long, roughly?"), user="why"),
        # "delete my data": handled as a request.
        turn(reply("privacy", response="utter_ask_delete_data"), user="delete my data"),
        # "no keep it" expected as an acknowledgement, but the confirmation came again.
        turn(
            reply("clarification", response="utter_confirm_unclear"),
            ask("utter_ask_delete_data_again", "Shall I delete everything now?"),
            user="no keep it",
        ),
        turn(ask("utter_ask_duration_again", "Coming back to it: how long, roughly?"), user="ok"),
    ]
    findings = interrupt_findings(expects, turns)
    assert findings["failed_answers"] == [3, 5]
    assert [x["turn"] for x in findings["same_prompt_twice"]] == [6]
    verdicts = [judge(e, None, t) for e, t in zip(expects, turns, strict=True)]
    other = {"verdicts": [Verdict("answer", True, False, False)], "failed_answers": [],
             "same_prompt_twice": []}  # fmt: skip
    s = interrupt_summary([{"verdicts": verdicts, **findings}, other])
    assert s == {
        "conversations": 2,
        "turns": 7,
        "right": 5,
        "accuracy_pct": 71.4,
        "request_turns": 4,
        "failed_answers": {"count": 2, "pct": 50.0},
        "same_prompt_twice": 1,
    }


def test_tags_are_read_from_the_set():
    good, problems = parse_dialogues(
        [
            {"id": "a", "tags": ["interrupt"], "turns": [{"user": "hi"}]},
            {"id": "b", "tags": "interrupt", "turns": [{"user": "hi"}]},
            {"id": "c", "turns": [{"user": "hi"}]},
        ]
    )
    assert problems == []
    assert [d.tags for d in good] == [["interrupt"], ["interrupt"], []]
    _, problems = parse_dialogues([{"id": "d", "tags": {"x": 1}, "turns": [{"user": "hi"}]}])
    assert problems == ["conversation d: tags must be a label or a list of labels"]
