"""The assessment form's validation: free text, buttons, skips and several answers at once."""

from actions.assessment import ValidateAssessmentForm
from tests.dialogue.conftest import responses, tracker

form = ValidateAssessmentForm()


def test_duration_from_text_and_with_a_cause_in_passing(dispatcher, domain):
    t = tracker(
        {},
        "inform",
        "about a year, since the baby came",
        entities=[
            {"entity": "duration", "value": "year_plus"},
            {"entity": "cause", "value": "new_baby"},
        ],
    )
    got = form.validate_duration("about a year, since the baby came", dispatcher, t, domain)
    assert got == {"duration": "year_plus", "cause": "new_baby"}


def test_unclear_duration_is_asked_again_kindly(dispatcher, domain):
    got = form.validate_duration("purple", dispatcher, tracker({}, "inform", "purple"), domain)
    assert got == {"duration": None}
    assert responses(dispatcher) == ["utter_answer_unclear"]


def test_skipping_a_question_moves_on(dispatcher, domain):
    t = tracker({}, "skip_question", "I'd rather not say")
    assert form.validate_duration("I'd rather not say", dispatcher, t, domain) == {
        "duration": "unknown"
    }
    assert form.validate_partner_open("skip", dispatcher, tracker({}, "skip_question"), domain) == {
        "partner_open": "unknown"
    }


def test_cause_from_entity_button_or_anything_else(dispatcher, domain):
    t = tracker({}, "inform", "his new job", entities=[{"entity": "cause", "value": "new_job"}])
    assert form.validate_cause("his new job", dispatcher, t, domain) == {"cause": "new_job"}
    t = tracker({}, "inform", "health")
    assert form.validate_cause("health", dispatcher, t, domain) == {"cause": "health"}
    t = tracker({}, "inform", "my mum passed away")
    assert form.validate_cause("my mum passed away", dispatcher, t, domain) == {"cause": "other"}
    assert responses(dispatcher) == []


def test_pulled_away_and_partner_open(dispatcher, domain):
    t = tracker({}, "inform", "mostly him")
    assert form.validate_pulled_away("mostly him", dispatcher, t, domain) == {
        "pulled_away": "partner"
    }
    t = tracker({}, "inform", "pizza")
    assert form.validate_pulled_away("pizza", dispatcher, t, domain) == {"pulled_away": None}
    t = tracker({}, "inform", "I think she'd be up for it")
    assert form.validate_partner_open("I think she'd be up for it", dispatcher, t, domain) == {
        "partner_open": "yes"
    }
    assert responses(dispatcher) == ["utter_answer_unclear"]


def test_an_answer_to_another_question_is_kept_and_the_question_asked_again(dispatcher, domain):
    t = tracker(
        {}, "inform", "about a year", entities=[{"entity": "duration", "value": "year_plus"}]
    )
    assert form.validate_cause("about a year", dispatcher, t, domain) == {
        "cause": None,
        "duration": "year_plus",
    }
