"""The plan actions: exact events and response names."""

import pytest

from actions.answers import (
    ActionAnswerOpen,
    ActionAnswerQuestion,
    ActionAnswerTopic,
    ActionSuggestWords,
)
from actions.plan import (
    ActionAddToPlan,
    ActionExplainWhy,
    ActionGoBack,
    ActionNextStep,
    ActionProposePlan,
    ActionShowPlan,
    ActionStartQuickest,
    ActionSwapTip,
    ActionTellMore,
)
from actions.reflection import ActionReflectFeelings
from coach.plan import quickest
from tests.dialogue.conftest import responses, slot_events, tracker

PROFILE = {
    "cause": "new_baby",
    "duration": "year_plus",
    "pulled_away": "both",
    "feels_safe": "yes",
    "partner_open": "unsure",
}


async def test_propose_plan_sets_three_tips_and_names_sources(coach_store, dispatcher, domain):
    events = await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain)
    slots = slot_events(events)
    assert len(slots["plan"]) == 3
    assert (slots["plan_tip"], slots["plan_step"], slots["offered_tip"]) == (0, 0, None)
    assert responses(dispatcher) == [
        "utter_plan_intro_alone",
        "utter_plan_list",
        "utter_plan_start_question",
    ]
    listing = dispatcher.messages[1]
    assert listing["plan_text"].startswith("1. ") and listing["credits"].count('"') >= 2
    tips = coach_store.tips(slots["plan"])
    assert any("new_baby" in t.causes for t in tips)
    assert all(t.suits != "both" for t in tips)  # partner unsure: things one can start alone


async def test_plan_after_unsafe_answer_has_only_individual_tips(coach_store, dispatcher, domain):
    profile = {**PROFILE, "feels_safe": "not_always"}
    events = await ActionProposePlan().run(dispatcher, tracker(profile), domain)
    tips = coach_store.tips(slot_events(events)["plan"])
    assert tips and not any(t.needs_safe_relationship for t in tips)
    assert responses(dispatcher)[0] == "utter_plan_intro_alone"


async def test_next_step_walks_the_plan(coach_store, dispatcher, domain):
    plan = slot_events(await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain))["plan"]
    first = coach_store.tip(plan[0])
    slots = {**PROFILE, "plan": plan, "plan_tip": 0, "plan_step": 0}
    dispatcher.messages.clear()
    events = await ActionNextStep().run(dispatcher, tracker(slots, "next_step"), domain)
    assert slot_events(events) == {"plan_tip": 0, "plan_step": 1}
    assert responses(dispatcher) == ["utter_plan_step"]
    msg = dispatcher.messages[0]
    assert (msg["step"], msg["steps"], msg["step_text"]) == (1, len(first.steps), first.steps[0])
    assert msg["text"] is None  # the response's own template is used
    assert [b["payload"] for b in msg["buttons"]] == [
        "/next_step",
        "/ask_why",
        "/request_alternative",
        "/ask_reminder",
    ]

    # finishing the first tip records it as tried and starts the second
    dispatcher.messages.clear()
    slots.update(plan_step=len(first.steps))
    events = await ActionNextStep().run(dispatcher, tracker(slots, "next_step"), domain)
    assert slot_events(events) == {"plan_tip": 1, "plan_step": 1, "tried": [plan[0]]}
    assert responses(dispatcher) == ["utter_tip_done", "utter_plan_step"]


async def test_next_step_at_the_end_finishes_the_plan(coach_store, dispatcher, domain):
    plan = [t.slug for t in coach_store.practice_tips()[:2]]
    last = coach_store.tip(plan[1])
    slots = {
        "plan": plan,
        "plan_tip": 1,
        "plan_step": len(last.steps),
        "tried": [plan[0]],
        "feels_safe": "yes",
    }
    events = await ActionNextStep().run(dispatcher, tracker(slots, "next_step"), domain)
    assert slot_events(events)["tried"] == plan
    assert responses(dispatcher) == ["utter_tip_done", "utter_plan_done"]


async def test_no_closeness_advice_before_the_safety_question(coach_store, dispatcher, domain):
    # Tips straight away: only tips that look after the person, and no thanks for answers.
    events = await ActionProposePlan().run(dispatcher, tracker({}, "request_tips"), domain)
    tips = coach_store.tips(slot_events(events)["plan"])
    assert tips and not any(t.needs_safe_relationship for t in tips)
    assert responses(dispatcher) == [
        "utter_plan_intro_alone",
        "utter_plan_list",
        "utter_plan_safety_pending",
    ]


async def test_a_closeness_plan_turns_to_tips_that_look_after_the_person(
    coach_store, dispatcher, domain
):
    close = [t.slug for t in coach_store.practice_tips() if t.needs_safe_relationship][:3]
    assert close
    for extra in ({}, {"feels_safe": "yes", "abuse_disclosed": True}):
        slots = {"plan": close, "plan_tip": 0, "plan_step": 0, **extra}
        events = await ActionNextStep().run(dispatcher, tracker(slots, "next_step"), domain)
        tips = coach_store.tips(slot_events(events)["plan"])
        assert tips and not any(t.needs_safe_relationship for t in tips)


async def test_next_step_without_a_plan_proposes_one(coach_store, dispatcher, domain):
    events = await ActionNextStep().run(dispatcher, tracker({}, "next_step"), domain)
    assert len(slot_events(events)["plan"]) == 3


async def test_go_back_why_more_and_show(coach_store, dispatcher, domain):
    plan = [t.slug for t in coach_store.practice_tips()[:3]]
    slots = {"plan": plan, "plan_tip": 1, "plan_step": 1}
    events = await ActionGoBack().run(dispatcher, tracker(slots, "go_back"), domain)
    first = coach_store.tip(plan[0])
    assert slot_events(events) == {"plan_tip": 0, "plan_step": len(first.steps)}
    await ActionExplainWhy().run(dispatcher, tracker(slots, "ask_why"), domain)
    await ActionTellMore().run(dispatcher, tracker(slots, "tell_more"), domain)
    await ActionShowPlan().run(dispatcher, tracker(slots, "show_plan"), domain)
    assert responses(dispatcher) == [
        "utter_plan_step",
        "utter_tip_why",
        "utter_tip_more_own" if coach_store.tip(plan[1]).own_description else "utter_tip_more",
        "utter_plan_show",
    ]
    assert "▶" in dispatcher.messages[-1]["plan_text"]


async def test_why_before_starting_explains_the_choice(coach_store, dispatcher, domain):
    plan = slot_events(await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain))["plan"]
    dispatcher.messages.clear()
    slots = {**PROFILE, "plan": plan, "plan_tip": 0, "plan_step": 0}
    await ActionExplainWhy().run(dispatcher, tracker(slots, "ask_why"), domain)
    assert responses(dispatcher) == ["utter_plan_why"]
    assert dispatcher.messages[0]["reasons"].count("•") == 3


async def test_already_tried_is_remembered_and_swapped(coach_store, dispatcher, domain):
    plan = slot_events(await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain))["plan"]
    dispatcher.messages.clear()
    slots = {**PROFILE, "plan": plan, "plan_tip": 0, "plan_step": 1}
    events = await ActionSwapTip().run(dispatcher, tracker(slots, "already_tried"), domain)
    got = slot_events(events)
    assert got["tried"] == [plan[0]]
    assert got["plan"][0] not in plan and got["plan"][1:] == plan[1:]
    assert got["plan_step"] == 1
    assert responses(dispatcher) == ["utter_noted_tried", "utter_tip_swapped", "utter_plan_step"]


async def test_something_else_swaps_without_marking_tried(coach_store, dispatcher, domain):
    plan = [t.slug for t in coach_store.practice_tips()[:3]]
    slots = {"plan": plan, "plan_tip": 2, "plan_step": 1}
    events = await ActionSwapTip().run(dispatcher, tracker(slots, "request_alternative"), domain)
    got = slot_events(events)
    assert "tried" not in got and got["plan"][:2] == plan[:2] and got["plan"][2] not in plan


async def test_topic_answer_offers_a_tip_and_add_to_plan_adds_it(coach_store, dispatcher, domain):
    t = tracker(
        {},
        "request_tips",
        "how do we stop fighting",
        entities=[{"entity": "topic", "value": "conflict"}],
    )
    events = await ActionAnswerTopic().run(dispatcher, t, domain)
    got = slot_events(events)
    assert got["topic"] == "conflict"
    assert "conflict" in coach_store.tip(got["offered_tip"]).topics
    assert responses(dispatcher) == ["utter_topic_tip", "utter_topic_tip_question"]
    events = await ActionAddToPlan().run(dispatcher, tracker(got, "add_to_plan"), domain)
    assert slot_events(events) == {
        "offered_tip": None,
        "plan": [got["offered_tip"]],
        "plan_tip": 0,
        "plan_step": 0,
    }
    assert responses(dispatcher)[-1] == "utter_added_to_plan"


async def test_a_topic_whose_tips_wait_for_the_safety_question_is_held_not_denied(
    coach_store, dispatcher, domain
):
    # "give me some small romantic ideas" before the questions got "I don't have guidance on
    # that yet": every romance tip is for the two of you and waits for the safety question.
    t = tracker({}, "request_tips", entities=[{"entity": "topic", "value": "romance"}])
    events = await ActionAnswerTopic().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_answer_open_held", "utter_answer_held_next"]
    got = slot_events(events)
    assert set(got) == {"topic", "offered_tip", "answered_tip"}
    assert got["offered_tip"] is None  # a yes now starts the questions, it adds nothing
    assert got["topic"] == "romance"
    held = coach_store.tip(got["answered_tip"])
    assert "romance" in held.topics and held.needs_safe_relationship


async def test_a_topic_request_the_store_answers_clearly_gets_that_answer_held(
    coach_store, dispatcher, domain
):
    t = tracker(
        {},
        "request_tips",
        text="give me some small romantic ideas that dont cost much",
        entities=[{"entity": "topic", "value": "romance"}],
    )
    events = await ActionAnswerTopic().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_answer_open_held", "utter_answer_held_next"]
    got = slot_events(events)
    assert got["topic"] == "romance" and got["offered_tip"] is None
    assert "P7" in coach_store.tip(got["answered_tip"]).covers  # small romantic gestures


async def test_declining_the_questions_with_a_topic_named_in_passing_gets_a_plan(
    coach_store, dispatcher, domain
):
    # set 13 (d18): "baby" made it a request for tips on children, and the store's exercise
    # of questions to ask each other was held out instead of a plan
    text = "can we skip the 20 questions, baby's gonna wake any sec. just tell me what to do"
    t = tracker({}, "request_tips", text, entities=[{"entity": "cause", "value": "new_baby"}])
    events = await ActionAnswerTopic().run(dispatcher, t, domain)
    said = responses(dispatcher)
    assert "utter_plan_list" in said
    assert not [r for r in said if r.startswith("utter_answer")]
    assert slot_events(events)["plan"]


@pytest.mark.parametrize(
    "slots",
    [{"feels_safe": "no"}, {"feels_safe": "disclosure", "abuse_disclosed": True}],
)
async def test_a_topic_for_two_is_never_held_out_after_not_feeling_safe(
    coach_store, dispatcher, domain, slots
):
    t = tracker(slots, "request_tips", entities=[{"entity": "topic", "value": "romance"}])
    await ActionAnswerTopic().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_topic_none"]


async def test_unknown_topic_and_questions(coach_store, dispatcher, domain):
    t = tracker({}, "request_tips", entities=[{"entity": "topic", "value": "astrology"}])
    await ActionAnswerTopic().run(dispatcher, t, domain)
    for intent in ("ask_what_is_intimacy", "ask_intimacy_vs_sex", "ask_how_long"):
        events = await ActionAnswerQuestion().run(dispatcher, tracker({}, intent), domain)
        assert coach_store.tip(slot_events(events)["offered_tip"]).kind == "understanding"
    assert responses(dispatcher) == ["utter_topic_none"] + ["utter_answer_question"] * 3


async def test_crisis_holds_back_coaching(coach_store, dispatcher, domain):
    slots = {"crisis_active": True, "plan": ["x"], "plan_tip": 0, "plan_step": 1}
    for action in (
        ActionNextStep(),
        ActionProposePlan(),
        ActionReflectFeelings(),
        ActionAnswerTopic(),
    ):
        assert await action.run(dispatcher, tracker(slots, "next_step"), domain) == []
    assert responses(dispatcher) == ["utter_safety_check_in"] * 4


async def test_empty_store_and_tip_without_steps(empty_engine, dispatcher, domain):
    from actions.common import use_store
    from actions.plan import show_step
    from coach.store.queries import GuidanceStore, TipView

    use_store(GuidanceStore(empty_engine))
    try:
        assert await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain) == []
        assert responses(dispatcher) == ["utter_no_tips"]
        # a plan whose tips vanished from the store: propose again, which finds nothing
        slots = {"plan": ["gone"], "plan_tip": 0, "plan_step": 1}
        assert await ActionNextStep().run(dispatcher, tracker(slots, "next_step"), domain) == []
    finally:
        use_store(None)
    bare = TipView(
        "t", "practice", "Bare", "s", "w", "", "alone", "minutes", False, False, (), (), (), (), ()
    )
    show_step(dispatcher, bare, 1)
    assert responses(dispatcher)[-1] == "utter_tip_has_no_steps"


async def test_store_failure_gives_a_kind_reply(dispatcher, domain, tmp_path):
    from actions.common import use_store
    from coach.store.db import create_store_engine
    from coach.store.queries import GuidanceStore

    broken = GuidanceStore(create_store_engine(f"sqlite:///{tmp_path}/no-tables.db"))
    use_store(broken)
    try:
        assert await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain) == []
    finally:
        use_store(None)
    assert responses(dispatcher) == ["utter_store_unavailable"]


async def test_yes_after_a_plan_was_shown_starts_it(coach_store, dispatcher, domain):
    plan = [t.slug for t in coach_store.practice_tips() if not t.needs_safe_relationship][:3]
    slots = {"plan": plan, "plan_tip": 0, "plan_step": 0}
    events = await ActionAddToPlan().run(dispatcher, tracker(slots, "affirm", "start"), domain)
    assert slot_events(events) == {"plan_tip": 0, "plan_step": 1}
    assert responses(dispatcher) == ["utter_plan_step"]


async def test_quickest_moves_to_the_tip_with_fewest_minutes(coach_store, dispatcher, domain):
    plan = slot_events(await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain))["plan"]
    index = quickest(coach_store.tips(plan))
    dispatcher.messages.clear()
    slots = {**PROFILE, "plan": plan, "plan_tip": 0, "plan_step": 0}
    events = await ActionStartQuickest().run(dispatcher, tracker(slots, "ask_quickest"), domain)
    assert slot_events(events) == {"plan_tip": index, "plan_step": 1}
    assert responses(dispatcher) == ["utter_start_quickest", "utter_plan_step"]
    assert dispatcher.messages[0]["title"] == coach_store.tip(plan[index]).title


async def test_quickest_without_a_plan_proposes_one(coach_store, dispatcher, domain):
    events = await ActionStartQuickest().run(dispatcher, tracker(PROFILE, "ask_quickest"), domain)
    assert len(slot_events(events)["plan"]) == 3
    assert "utter_plan_list" in responses(dispatcher)


async def test_what_to_say_gives_the_current_tips_words(coach_store, dispatcher, domain):
    plan = slot_events(await ActionProposePlan().run(dispatcher, tracker(PROFILE), domain))["plan"]
    dispatcher.messages.clear()
    slots = {**PROFILE, "plan": plan, "plan_tip": 1, "plan_step": 1}
    events = await ActionSuggestWords().run(dispatcher, tracker(slots, "ask_what_to_say"), domain)
    assert events == []
    tip = coach_store.tip(plan[1])
    if tip.say:
        assert responses(dispatcher) == ["utter_suggest_words"]
        assert all(line in dispatcher.messages[0]["words"] for line in tip.say)
    else:
        assert responses(dispatcher) == ["utter_suggest_words_none"]
    assert dispatcher.messages[0]["title"] == tip.title


async def test_what_to_say_without_a_plan_is_answered_from_the_store(
    coach_store, dispatcher, domain
):
    text = "what would I actually say to her to bring it up?"
    await ActionSuggestWords().run(dispatcher, tracker(PROFILE, "ask_what_to_say", text), domain)
    assert responses(dispatcher)[0] in (
        "utter_answer_open",
        "utter_answer_open_own",
        "utter_answer_clarify",
    )


async def test_plan_intro_names_the_situations_it_answers(coach_store, dispatcher, domain):
    said = [
        {
            "event": "user",
            "text": "she moved abroad for work, we only see each other on calls",
            "parse_data": {"entities": [{"entity": "situation", "value": "long_distance"}]},
        }
    ]
    t = tracker({**PROFILE, "partner_open": "yes"}, events=said)
    events = await ActionProposePlan().run(dispatcher, t, domain)
    tips = coach_store.tips(slot_events(events)["plan"])
    assert not any("long_distance" in dict(tip.avoid) for tip in tips)
    intro = dispatcher.messages[0]
    fits = any("long_distance" in tip.fits for tip in tips)
    assert intro["response"].startswith("utter_plan_intro_fit") == fits
    if fits:
        assert intro["situations"] == "the distance between you"


async def test_a_question_about_a_practice_for_two_before_the_safety_question(
    coach_store, dispatcher, domain
):
    """What it is and where it comes from, then the questions offered; no way to try it yet."""
    from actions.answers import ActionAnswerOpen

    text = "what is the eye gazing exercise? does it actually do anything"
    events = await ActionAnswerOpen().run(dispatcher, tracker({}, "ask_question", text), domain)
    assert responses(dispatcher) == ["utter_answer_open_held", "utter_answer_held_next"]
    slug = slot_events(events)["answered_tip"]
    assert coach_store.tip(slug).needs_safe_relationship
    assert dispatcher.messages[0]["answer"]["slug"] == slug
    # once the person has said they feel safe, the same question gets the whole answer
    dispatcher.messages.clear()
    await ActionAnswerOpen().run(
        dispatcher, tracker({"feels_safe": "yes"}, "ask_question", text), domain
    )
    assert responses(dispatcher)[0] in ("utter_answer_open", "utter_answer_open_own")
    assert dispatcher.messages[0]["answer"]["slug"] == slug


async def test_a_plan_asked_for_mid_questions_starts_at_its_first_step(
    coach_store, dispatcher, domain
):
    # "just give me the tips" / "start" during the questions: after the safety question,
    # the plan is listed and its first step follows at once (no "shall we start?").
    profile = {**PROFILE, "partner_open": "skipped", "start_asked": True}
    events = await ActionProposePlan().run(dispatcher, tracker(profile), domain)
    slots = slot_events(events)
    assert (slots["plan_tip"], slots["plan_step"], slots["start_asked"]) == (0, 1, False)
    assert responses(dispatcher)[1:] == ["utter_plan_list", "utter_plan_step"]
    first = coach_store.tip(slots["plan"][0])
    assert dispatcher.messages[2]["step_text"] == first.steps[0]


async def test_asked_to_start_but_safety_still_open_the_plan_waits(coach_store, dispatcher, domain):
    profile = {"duration": "weeks", "feels_safe": None, "start_asked": True}
    events = await ActionProposePlan().run(dispatcher, tracker(profile), domain)
    assert slot_events(events)["plan_step"] == 0
    assert responses(dispatcher)[-1] == "utter_plan_safety_pending"


async def test_tell_more_or_why_about_a_named_practice_without_a_plan_is_answered(
    coach_store, dispatcher, domain
):
    # "what do you mean by the seven breaths thing?" before any plan: the store answers it
    text = "what do you mean by the seven breaths thing?"
    await ActionTellMore().run(dispatcher, tracker({}, "tell_more", text), domain)
    assert responses(dispatcher)[0].startswith("utter_answer_")
    # a bare "tell me more" with nothing to tell more about offers a plan
    dispatcher.messages.clear()
    await ActionTellMore().run(dispatcher, tracker({}, "tell_more", "tell me more"), domain)
    await ActionExplainWhy().run(dispatcher, tracker({}, "ask_why", "why?"), domain)
    assert responses(dispatcher) == ["utter_no_plan_yet", "utter_no_plan_yet"]


async def test_leave_to_ask_after_an_answer_starts_the_questions(coach_store, dispatcher, domain):
    """'ok you can ask now' after an answer given before the questions: not a plan (set 10)."""
    for text in ("ok you can ask now", "hm ok. fine ask me then"):
        t = tracker({}, "affirm", text)
        events = await ActionAddToPlan().run(dispatcher, t, domain)
        assert events == [{"event": "followup", "name": "assessment_form", "timestamp": None}]
    assert responses(dispatcher) == ["utter_start_questions"] * 2
    # a plain yes there still makes the plan
    events = await ActionAddToPlan().run(dispatcher, tracker({}, "affirm", "yes please"), domain)
    assert "plan" in slot_events(events)


async def test_declining_the_questions_and_asking_what_to_try_gets_the_plan(
    coach_store, dispatcher, domain
):
    """'i'd rather not answer questions tbh. just tell me what to try' at the offer, taken
    for a question: the plan for the person alone, not an answer that offers the questions
    (set 10, d39; set 9)."""
    text = "i'd rather not answer questions tbh. just tell me what to try"
    events = await ActionAnswerOpen().run(dispatcher, tracker({}, "ask_question", text), domain)
    assert slot_events(events)["plan"]
    assert responses(dispatcher)[-1] == "utter_plan_safety_pending"
    assert "utter_answer_held_next" not in responses(dispatcher)
