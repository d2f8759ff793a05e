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


async def test_emoji_only_is_asked_to_put_it_in_words(dispatcher, domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "goodbye", "confidence": 0.3}]
    for text in ("💔", "😢😢", " :( ", "?!"):
        dispatcher.messages.clear()
        t = tracker({}, "nlu_fallback", text, ranking=ranking)
        await ActionDefaultAskAffirmation().run(dispatcher, t, domain)
        assert responses(dispatcher) == ["utter_ask_in_words"], text


def test_every_guess_has_a_description_and_names_a_real_intent(domain):
    from actions.fallback import INTENT_DESCRIPTIONS

    intents = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    assert set(INTENT_DESCRIPTIONS) <= intents, set(INTENT_DESCRIPTIONS) - intents


async def test_a_real_question_nothing_understood_gets_an_honest_question(dispatcher, domain):
    # Blind set 12 (session 18): an everyday question fell to "Did you want to ...?".
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_how_long", "confidence": 0.23},
    ]
    for text in (
        "Is it usual for the spark to go after the honeymoon period or have we done something "
        "wrong?",
        "should i be worried that we never talk about anything but the kids",
    ):
        dispatcher.messages.clear()
        t = tracker({}, "nlu_fallback", text, ranking=ranking)
        await ActionDefaultAskAffirmation().run(dispatcher, t, domain)
        assert responses(dispatcher) == ["utter_answer_clarify"], text


async def test_a_short_request_is_still_guessed(dispatcher, domain):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "show_plan", "confidence": 0.3},
    ]
    t = tracker({}, "nlu_fallback", "can i see the plan again?", ranking=ranking)
    await ActionDefaultAskAffirmation().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_ask_affirmation"]
