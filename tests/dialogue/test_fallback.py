"""The two-stage fallback asks "did you mean ...?" in plain words, never about a non-question."""

from actions.fallback import ActionDefaultAskAffirmation
from tests.dialogue.conftest import responses, tracker


async def test_best_guess_is_offered_with_yes_no_buttons(dispatcher, domain):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "inform", "confidence": 0.3},
        {"name": "show_plan", "confidence": 0.2},
    ]
    t = tracker({}, "nlu_fallback", "plan pls?", ranking=ranking)
    await ActionDefaultAskAffirmation().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_ask_affirmation"]
    message = dispatcher.messages[0]
    assert message["meaning"] == "see your plan"
    assert [b["payload"] for b in message["buttons"]] == ["/show_plan", "/out_of_scope"]


async def test_no_sensible_guess_asks_to_rephrase(dispatcher, domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "affirm", "confidence": 0.3}]
    t = tracker({}, "nlu_fallback", "hmm", ranking=ranking)
    await ActionDefaultAskAffirmation().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_ask_rephrase"]
