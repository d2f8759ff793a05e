"""action_out_of_scope: the honest reply, a pointer to help on distress, the way back."""

from actions.scope import ActionOutOfScope
from tests.dialogue.conftest import responses, tracker


async def test_plain_other_topic_gets_the_honest_reply(dispatcher, domain):
    t = tracker({}, "out_of_scope", "how do I get red wine out of a carpet")
    assert await ActionOutOfScope().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_out_of_scope"]


async def test_distress_gets_a_pointer_to_a_gp_or_counsellor(dispatcher, domain):
    text = "I'm so stressed about work I cry in the toilets. How do I cope with my workload?"
    t = tracker({}, "out_of_scope", text)
    await ActionOutOfScope().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_out_of_scope_support"]
    assert all(
        "GP" in v["text"] and "counsellor" in v["text"]
        for v in domain["responses"]["utter_out_of_scope_support"]
    )


async def test_mid_plan_the_plan_is_offered_again(dispatcher, domain):
    t = tracker({"plan": ["a", "b"]}, "out_of_scope", "what should I cook tonight")
    await ActionOutOfScope().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_out_of_scope", "utter_back_to_plan"]
