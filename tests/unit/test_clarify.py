"""The fallback's guesses make sense where the conversation is."""

from __future__ import annotations

import pytest

from coach.clarify import Moment, best_guess, makes_sense

ALLOWED = {
    "tell_more",
    "ask_why",
    "show_plan",
    "ask_data_kept",
    "delete_data",
    "check_in",
    "report_outcome",
    "add_to_plan",
    "request_tips",
    "stop_reminders",
}


@pytest.mark.parametrize("intent", ["tell_more", "ask_why", "next_step", "go_back"])
def test_no_tip_guess_without_a_tip(intent):
    assert not makes_sense(intent, "this is the kind of stuff i read everywhere", Moment())
    assert makes_sense(intent, "hmm that one", Moment(has_plan=True))


def test_no_privacy_guess_unless_the_message_speaks_of_it():
    text = "this is the kind of generic stuff i read on every blog"
    assert not makes_sense("ask_data_kept", text, Moment())
    assert makes_sense(
        "ask_data_kept", "what do you do with what i tell you, is it stored", Moment()
    )


def test_add_to_plan_needs_an_offered_tip_and_outcomes_a_follow_up():
    assert not makes_sense("add_to_plan", "sounds good", Moment(has_plan=True))
    assert makes_sense("add_to_plan", "sounds good", Moment(offered_tip=True))
    assert not makes_sense("report_outcome", "went ok i guess", Moment())
    assert makes_sense("report_outcome", "went ok i guess", Moment(follow_up_pending=True))


def test_check_in_needs_a_number_and_reminders_the_word():
    assert not makes_sense("check_in", "pretty connected", Moment())
    assert makes_sense("check_in", "like a 6", Moment())
    assert not makes_sense("stop_reminders", "stop it", Moment())


def test_best_guess_skips_what_does_not_fit():
    ranking = ["nlu_fallback", "tell_more", "ask_data_kept", "request_tips"]
    text = "this is the kind of generic stuff i read on every blog"
    assert best_guess(ranking, text, Moment(), ALLOWED) == "request_tips"
    assert best_guess(ranking, text, Moment(has_plan=True), ALLOWED) == "tell_more"
    assert best_guess(["nlu_fallback"], text, Moment(), ALLOWED) is None
