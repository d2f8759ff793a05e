"""What a yes agrees to, and where the conversation picks up after a safety check."""

from pathlib import Path

import pytest
import yaml

from coach.offers import YES_TO, after_safe, agreed_to, standing_offer


@pytest.mark.parametrize(
    ("last", "text", "has_plan", "move"),
    [
        ("utter_answer_held_next", "ok fine ask", False, "questions"),
        ("utter_offer_questions", "sure", False, "questions"),
        ("utter_safety_check", "yes", False, "safe"),
        ("utter_safety_check", "yeah go for it", True, "safe"),
        ("utter_no_plan_yet", "ok start", False, "plan"),
        ("utter_back_to_plan", "ok start then", True, "plan_step"),
        ("utter_reminders_stopped", "start", True, "plan_step"),
        ("utter_reminders_stopped", "lets begin", False, "questions"),
        ("utter_reminders_stopped", "ok", True, None),
        (None, "yes", False, None),
        (None, "start a fight with him", False, None),
    ],
)
def test_what_a_yes_agrees_to(last, text, has_plan, move):
    assert agreed_to(last, text, has_plan) == move


def test_every_offer_is_a_response_of_the_domain():
    names: set[str] = set()
    for path in (Path(__file__).resolve().parents[2] / "domain").glob("*.yml"):
        names |= set(
            (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        )
    assert set(YES_TO) <= names


@pytest.mark.parametrize(
    ("interrupted", "has_plan", "resume"),
    [
        (True, False, "questions"),
        (True, True, "questions"),
        (False, True, "plan"),
        (False, False, "offer_questions"),
    ],
)
def test_where_to_pick_up_after_a_safety_check(interrupted, has_plan, resume):
    assert after_safe(interrupted, has_plan) == resume


def test_an_offer_stands_across_a_reply_to_a_side_request():
    """Only a turn that answered a side request is looked past, and only one turn back."""
    assert standing_offer([["utter_data_kept"], ["utter_offer_questions"]]) == (
        "utter_offer_questions"
    )
    assert standing_offer([["utter_reflect_general"], ["utter_offer_questions"]]) == (
        "utter_reflect_general"
    )
    assert standing_offer([["utter_answer_open", "utter_answer_next"], ["x"]]) == (
        "utter_answer_next"
    )
    assert standing_offer([]) is None


def test_ok_after_the_care_or_addiction_reply_goes_on_to_the_questions():
    """Both replies end by asking something; "ok", "go ahead" is a wish to go on."""
    from coach.offers import agreed_to

    assert agreed_to("utter_safety_care", "ok", has_plan=False) == "questions"
    assert agreed_to("utter_safety_addiction", "go ahead", has_plan=False) == "questions"
