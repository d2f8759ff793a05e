"""Long, real-sounding messages are classified by what matters in them."""

import pytest

LONG = [
    (
        "We've been married twelve years and have two kids. Lately it feels like we only talk "
        "about logistics: who is picking up whom, what's for dinner, bills. When the kids are in "
        "bed he's on his laptop and I'm on my phone. I miss us.",
        "feel_disconnected",
    ),
    (
        "my gf and i moved in together last spring and at first it was great but now we barely "
        "speak when we're home. she works nights, i work days, we're like ships passing. i don't "
        "even know what she's thinking about anymore",
        "feel_disconnected",
    ),
    (
        "Ever since my wife's promotion she's exhausted, and I get it, but we haven't had a real "
        "conversation in months. I feel lonely in my own house. Is this normal? What do I do?",
        # A story that asks "Is this normal?": since 2026-12-06 it is reflected, and the
        # reflection answers the question beside it (tests/dialogue/test_reflection_action.py).
        "feel_disconnected",
    ),
    (
        "I love my husband, I really do. But since the baby arrived we're just two tired people "
        "taking shifts. No hugs, no talking, nothing. I feel like a roommate.",
        "feel_disconnected",
    ),
    (
        "Can you give me some ideas for how to spend better quality time together? We have small "
        "kids and very little free time.",
        "request_tips",
    ),
    ("what are some ways to stop arguing about the same things over and over", "request_tips"),
    ("is emotional intimacy just about sex or is it something else?", "ask_intimacy_vs_sex"),
    (
        "How long does it usually take for things to feel close again? Is it too late for us?",
        "ask_how_long",
    ),
]


@pytest.mark.parametrize(("text", "intent"), LONG)
async def test_long_messages(parse, text, intent):
    assert (await parse(text))["intent"]["name"] == intent


async def test_entities_from_a_long_message(parse):
    result = await parse(
        "Since my boyfriend started his new job six months ago he's always on his phone."
    )
    found = {(e["entity"], e["value"]) for e in result["entities"]}
    assert {("cause", "new_job"), ("duration", "months"), ("partner", "partner")} <= found


@pytest.mark.parametrize(
    "text",
    [
        "no questions pls, direct tips",
        "can u skip the qs i've got like 5 min before school pickup",
        "skip the questions",
        "no more qs, just tips",
        "pls no more questions",
        # neither taken out of scope for the school run, nor routed to the store's exercise
        # of questions to ask each other
        "can we skip the 20 questions, baby's gonna wake any sec. just tell me what to do",
    ],
)
async def test_declining_the_questions_asks_for_tips(parse, text):
    # Read as start_questions (which started them), stop, or nothing at all (the fallback's
    # guess) before 2026-12-07 (session 19).
    assert (await parse(text))["intent"]["name"] == "request_tips"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok the first one, how do i even start it", "next_step"),
        ("Hm. What would I do first?", "next_step"),
        ("what would I do first?", "next_step"),
        ("Why would the first tip help? We've never been the touchy-feely type", "ask_why"),
        (
            "can u explain how the first one will help us, we are in 2 different cities na",
            "ask_why",
        ),
        ("why would that one work sef", "ask_why"),
    ],
)
async def test_a_question_about_a_tip_of_the_plan(parse, text, intent):
    # Blind set 13 (session 20): the fallback or the store's answer before.
    assert (await parse(text))["intent"]["name"] == intent


async def test_hit_me_with_a_few_tips_asks_for_tips(parse):
    parsed = await parse("nah skip the questions, just hit me with a few tips")
    assert parsed["intent"]["name"] == "request_tips"
    assert not parsed.get("safety")
    assert (await parse("he hit me"))["intent"]["name"] == "disclose_abuse"
