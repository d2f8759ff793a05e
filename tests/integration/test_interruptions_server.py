"""The interruption mechanism on real servers (issues 19 and 21).

Deleting in the middle of the questions with a plain-words "yes" removes the rows from
the tracker store and from every table of the coach's store; a plain-words "no" keeps
everything and the questions carry on; requests are answered in between and the pending
question comes back in other words; a disclosure given as the answer to the safety
question gets the abuse reply, and the tips that follow look after the person.
"""

from __future__ import annotations

import itertools
import uuid

from tests.integration.test_privacy_server import store_rows, texts, tracker_rows


def into_the_questions(stack, sender: str) -> None:
    stack.rest(sender, "we feel like roommates lately")
    asked = texts(stack.rest(sender, "sure"))
    assert "how long" in asked.lower()
    assert "change" in texts(stack.rest(sender, "about a year")).lower()


def test_plain_words_yes_mid_questions_deletes_every_row(stack):
    sender = f"mid-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    store_rows(stack, sender, add=True)
    assert tracker_rows(stack, sender) > 0
    assert all(n > 0 for n in store_rows(stack, sender).values())

    asked = texts(stack.rest(sender, "delete my data"))
    assert "delete" in asked.lower() and "?" in asked
    assert tracker_rows(stack, sender) > 0  # nothing deleted before the yes

    done = texts(stack.rest(sender, "yes delete it"))
    assert "deleted" in done.lower()
    assert tracker_rows(stack, sender) == 0
    assert all(n == 0 for n in store_rows(stack, sender).values())

    # Deletion never resumes the questions: the next message starts afresh.
    again = stack.rest(sender, "hello")
    assert again and "changed" not in texts(again).lower()
    events = stack.tracker(sender)["events"]
    assert [e.get("text") for e in events if e.get("event") == "user"] == ["hello"]


def test_what_gets_deleted_then_no_keeps_everything_and_the_questions_resume(stack):
    sender = f"keep-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "delete my data")
    explained = texts(stack.rest(sender, "wait, what gets deleted?"))
    assert "conversation" in explained and "?" in explained
    kept = texts(stack.rest(sender, "actually no, keep it"))
    assert "haven't deleted" in kept
    assert last_turn(stack, sender)[0][-1] == "utter_ask_cause_again"  # in other words
    assert tracker_rows(stack, sender) > 0


def test_a_request_mid_question_is_answered_and_the_question_rephrased(stack):
    sender = f"req-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    why = stack.rest(sender, "why these?")
    assert len(why) >= 2  # the answer, then the pending question in other words
    asked = [why[-1]["text"]]
    asked.append(stack.rest(sender, "hmm")[-1]["text"])
    # Offered after two replies that are not answers (four wordings, each offers a skip).
    assert last_turn(stack, sender)[0] == ["utter_ask_cause_skip"]
    asked.append(stack.rest(sender, "lol")[-1]["text"])
    assert all(a != b for a, b in itertools.pairwise(asked))  # never the same words twice


def test_a_disclosure_as_the_safety_answer_gets_the_abuse_reply_then_safe_tips(stack):
    sender = f"safe-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "since the baby came")
    assert "safe" in texts(stack.rest(sender, "both i think")).lower()
    reply = stack.rest(
        sender,
        "mostly? he checks my phone and tracks where i go, and if i spend money without "
        "asking he goes quiet and scary. i'm kind of afraid of him when he's like that",
    )
    assert "fault" in texts(reply)  # both wordings of the abuse reply say it isn't theirs
    ran = [e.get("name") for e in stack.tracker(sender)["events"] if e.get("event") == "action"]
    assert "action_safety_abuse" in ran
    calmer = texts(stack.rest(sender, "he's never hit me though. it's not that bad"))
    assert "isn't only hitting" in calmer
    stack.rest(sender, "can you just give me the tips")
    slots = stack.tracker(sender)["slots"]
    assert slots["abuse_disclosed"] is True
    assert slots["cause"] == "new_baby"  # not overwritten by "phone" and "money"


# --- issue 21: safety (and care) wins in every state, and the state resumes where right ---


def last_turn(stack, sender: str) -> tuple[list[str], list[str]]:
    """The response names and the actions of the coach's reply to the latest message."""
    events = stack.tracker(sender)["events"]
    start = max(i for i, e in enumerate(events) if e.get("event") == "user")
    after = events[start + 1 :]
    responses = [
        str((e.get("metadata") or {}).get("utter_action") or "")
        for e in after
        if e.get("event") == "bot"
    ]
    ran = [
        str(e.get("name"))
        for e in after
        if e.get("event") == "action" and e.get("name") != "action_listen"
    ]
    return responses, ran


def to_the_safety_question(stack, sender: str) -> None:
    into_the_questions(stack, sender)
    stack.rest(sender, "since the baby came")
    assert "safe" in texts(stack.rest(sender, "both i think")).lower()


def test_low_self_worth_mid_questions_gets_care_then_the_question_in_other_words(stack):
    sender = f"care-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)  # waiting on "what changed?"
    stack.rest(sender, "I feel like a failure")
    # care, then the store's answer to self-blame (issue 17: "I feel like a failure" is a
    # concern it answers), then the question in other words
    assert last_turn(stack, sender) == (
        ["utter_safety_care_brief", "utter_answer_open", "utter_ask_cause_again"],
        ["action_safety_care", "assessment_form"],
    )
    tracker = stack.tracker(sender)
    assert tracker["active_loop"]["name"] == "assessment_form"
    assert tracker["slots"]["cause"] is None  # "failure" is not taken as the answer
    stack.rest(sender, "since the baby came")
    assert stack.tracker(sender)["slots"]["cause"] == "new_baby"
    assert last_turn(stack, sender)[0] == ["utter_ask_pulled_away"]


def test_low_self_worth_as_the_safety_answer_gets_care_then_the_question_again(stack):
    sender = f"care-safe-{uuid.uuid4().hex[:8]}"
    to_the_safety_question(stack, sender)
    stack.rest(sender, "I'm worthless, no wonder he doesn't want me")
    assert last_turn(stack, sender)[0] == ["utter_safety_care", "utter_ask_feels_safe_again"]
    assert stack.tracker(sender)["slots"]["feels_safe"] is None  # not read as "not safe"
    stack.rest(sender, "yes")
    assert stack.tracker(sender)["slots"]["feels_safe"] == "yes"
    assert last_turn(stack, sender)[0] == ["utter_ask_partner_open"]


def test_a_plain_no_to_deleting_mid_questions_resumes_them(stack):
    sender = f"no-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "delete my data")
    stack.rest(sender, "no")
    responses, ran = last_turn(stack, sender)
    assert responses == ["utter_delete_cancelled", "utter_ask_cause_again"]
    assert ran == ["action_confirm", "assessment_form"]
    assert stack.tracker(sender)["active_loop"]["name"] == "assessment_form"
    assert tracker_rows(stack, sender) > 0
    stack.rest(sender, "since the baby came")
    assert last_turn(stack, sender)[0] == ["utter_ask_pulled_away"]


def test_an_uncertain_signal_mid_questions_gets_the_check_and_ends_them(stack):
    sender = f"check-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "I don't see the point of anything anymore")
    assert last_turn(stack, sender) == (["utter_safety_check"], ["action_safety_crisis"])
    assert stack.tracker(sender)["active_loop"] == {}


def test_a_crisis_in_a_plan_step_comes_first_and_the_plan_resumes_after_safe_now(stack):
    sender = f"plan-{uuid.uuid4().hex[:8]}"
    to_the_safety_question(stack, sender)
    stack.rest(sender, "yes")
    stack.rest(sender, "yes")  # the partner is open: the plan is proposed
    stack.rest(sender, "start")
    assert "utter_plan_step" in last_turn(stack, sender)[0]
    stack.rest(sender, "I want to die")
    assert last_turn(stack, sender) == (["utter_safety_crisis"], ["action_safety_crisis"])
    assert stack.tracker(sender)["slots"]["crisis_active"] is True
    stack.rest(sender, "I'm safe now")
    assert last_turn(stack, sender)[1][0] == "action_safety_resume"
    assert stack.tracker(sender)["slots"]["crisis_active"] is not True
    stack.rest(sender, "next")
    assert "utter_plan_step" in last_turn(stack, sender)[0]


# --- issue 19: privacy and stop in the fallback state (after a clarifying question) -------

CLARIFYING = {"utter_ask_in_words", "utter_ask_affirmation", "utter_ask_rephrase"}


def into_the_fallback(stack, sender: str) -> None:
    """A conversation where the coach has just asked a clarifying question."""
    stack.rest(sender, "we feel like roommates lately")
    stack.rest(sender, "💔")
    assert set(last_turn(stack, sender)[0]) & CLARIFYING
    assert stack.tracker(sender)["active_loop"]["name"] == "action_two_stage_fallback"


def test_plain_words_yes_after_a_clarifying_question_deletes_every_row(stack):
    sender = f"fb-del-{uuid.uuid4().hex[:8]}"
    into_the_fallback(stack, sender)
    store_rows(stack, sender, add=True)
    assert all(n > 0 for n in store_rows(stack, sender).values())

    stack.rest(sender, "delete my data")
    assert last_turn(stack, sender)[0] == ["utter_ask_delete_data"]
    assert tracker_rows(stack, sender) > 0  # nothing deleted before the yes

    stack.rest(sender, "yes delete it")
    assert tracker_rows(stack, sender) == 0
    assert all(n == 0 for n in store_rows(stack, sender).values())

    # Nothing resumes after a deletion: neither the clarifying question nor anything else.
    stack.rest(sender, "hello")
    events = stack.tracker(sender)["events"]
    assert [e.get("text") for e in events if e.get("event") == "user"] == ["hello"]
    assert not set(last_turn(stack, sender)[0]) & CLARIFYING


def test_what_is_kept_stop_and_stop_reminders_after_a_clarifying_question(stack):
    sender = f"fb-kept-{uuid.uuid4().hex[:8]}"
    into_the_fallback(stack, sender)
    stack.rest(sender, "what do you keep about me?")
    responses, ran = last_turn(stack, sender)
    assert "action_explain_data" in ran
    assert not set(responses) & CLARIFYING
    assert stack.tracker(sender)["active_loop"] == {}

    stack.rest(sender, "💔")
    assert set(last_turn(stack, sender)[0]) & CLARIFYING
    stack.rest(sender, "stop")
    responses, ran = last_turn(stack, sender)
    assert responses and not set(responses) & CLARIFYING
    assert stack.tracker(sender)["active_loop"] == {}

    stack.rest(sender, "💔")
    assert set(last_turn(stack, sender)[0]) & CLARIFYING
    stack.rest(sender, "stop reminders")
    responses, ran = last_turn(stack, sender)
    assert "action_cancel_reminders" in ran
    assert not set(responses) & CLARIFYING
    assert stack.tracker(sender)["active_loop"] == {}


# --- issue 19, review leads: getting going, open questions, privacy and safety in answers --


def test_lets_begin_mid_questions_skips_to_a_plan_for_the_person_alone(stack):
    # Issue 19: "skip the questions and give me something to try" got the safety question;
    # now the plan comes at once, with ideas for the person alone until that is answered.
    sender = f"begin-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)  # waiting on "what changed?"
    stack.rest(sender, "let's begin")
    responses, ran = last_turn(stack, sender)
    assert "action_propose_plan" in ran
    assert responses[-2:] == ["utter_plan_list", "utter_plan_safety_pending"]
    slots = stack.tracker(sender)["slots"]
    assert slots["cause"] == "skipped"  # the words are not the answer
    assert slots["feels_safe"] is None and stack.tracker(sender)["active_loop"] == {}
    stack.rest(sender, "ok")
    assert last_turn(stack, sender)[0][-1] == "utter_plan_step"


def test_lets_start_at_the_safety_question_is_not_read_as_not_safe(stack):
    sender = f"start-safe-{uuid.uuid4().hex[:8]}"
    to_the_safety_question(stack, sender)
    stack.rest(sender, "ok let's start")
    assert last_turn(stack, sender)[0][-1] == "utter_plan_safety_pending"
    assert stack.tracker(sender)["slots"]["feels_safe"] is None


def test_an_open_question_without_a_question_mark_is_answered_in_between(stack):
    sender = f"open-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "how do i bring it up with her without a fight")
    assert last_turn(stack, sender) == (
        ["utter_answer_open", "utter_ask_cause_again"],
        ["action_answer_open", "assessment_form"],
    )
    assert stack.tracker(sender)["slots"]["cause"] is None  # "fight" is not the answer
    stack.rest(sender, "what do i even say to him")
    assert last_turn(stack, sender)[1] == ["action_suggest_words", "assessment_form"]


def test_a_delete_request_inside_an_answer_reaches_the_privacy_flow(stack):
    sender = f"del-in-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "since the baby. can you forget everything i told you")
    assert last_turn(stack, sender) == (
        ["utter_ask_delete_data"],
        ["action_deactivate_loop", "action_ask_delete_data"],
    )
    stack.rest(sender, "yep go ahead")
    assert tracker_rows(stack, sender) == 0


def test_a_disclosure_inside_an_answer_reaches_safety(stack):
    sender = f"disc-in-{uuid.uuid4().hex[:8]}"
    into_the_questions(stack, sender)
    stack.rest(sender, "what changed? he started checking my phone and going through my bank")
    assert last_turn(stack, sender) == (["utter_safety_abuse"], ["action_safety_abuse"])
    slots = stack.tracker(sender)["slots"]
    assert (slots["abuse_disclosed"], slots["cause"]) == (True, None)
