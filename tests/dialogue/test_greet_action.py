"""The coach introduces itself once; a second hello gets a short hello back."""

from rasa_sdk.events import SlotSet

from actions.greet import ActionGreet
from tests.dialogue.conftest import tracker


async def test_first_hello_introduces_the_coach(dispatcher, domain):
    events = await ActionGreet().run(dispatcher, tracker(), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_greet"]
    assert events == [SlotSet("greeted", True)]


async def test_second_hello_does_not_introduce_it_again(dispatcher, domain):
    events = await ActionGreet().run(dispatcher, tracker(slots={"greeted": True}), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_greet_again"]
    assert events == []


def test_the_short_hello_does_not_introduce_the_coach(domain):
    texts = [v["text"] for v in domain["responses"]["utter_greet_again"]]
    assert texts and not any("Reconnect" in t or "I'm here to help" in t for t in texts)
    assert {"utter_greet_again", "utter_restart"} <= set(domain["responses"])
