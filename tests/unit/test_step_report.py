"""Reading how a step went from the person's own words (coach.followup.step_report)."""

from __future__ import annotations

import pytest

from coach.followup import after_outcome, step_report


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("we had breakfast together saturday with the phones in a drawer. weirdly nice", "helped"),
        ("tried it for 3 days, its helping a bit. more?", "helped"),
        ("we held hands on the walk to the shop. small but it felt like something", "helped"),
        ("we did it but i ended up bringing up the money and it turned into a row", "not_helped"),
        ("didn't get round to it this week", "not_done"),
        ("We made the list of things we used to love. He remembered dancing.", None),
    ],
)
def test_a_report_of_what_the_two_did_and_how_it_went(text, outcome):
    report = step_report(text)
    assert report is not None and report.outcome == outcome


@pytest.mark.parametrize(
    "text",
    [
        "what if he says no?",
        "we argued again last night",
        "we went to bed at different times again",
        "i feel like we never talk",
        "my husband started a new job and we barely talk",
        "ok next",
        "",
    ],
)
def test_questions_feelings_and_what_keeps_going_wrong_are_not_reports(text):
    assert step_report(text) is None


def test_straight_after_a_step_a_tip_that_helped_goes_on_to_the_next_step():
    assert after_outcome("helped", check_in_due=True, mid_walk=True) == "step"
    assert after_outcome("not_helped", check_in_due=True, mid_walk=True) == "swap"
    assert after_outcome("not_done", check_in_due=True, mid_walk=True) == "reminder"
    # on a return, a due check-in still takes the offer's place
    assert after_outcome("helped", check_in_due=True) == "check_in"
    assert after_outcome("helped", check_in_due=False) == "next_step"
