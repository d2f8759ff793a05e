"""The assessment form's validation: free text, buttons, skips, several answers at once,
replies that are not answers, and stepping aside for safety and for requests."""

import pytest

from actions.assessment import ValidateAssessmentForm
from coach.assessment import cause_slot, read
from tests.dialogue.conftest import responses, slot_events, tracker

form = ValidateAssessmentForm()


def asking(slot, intent, text, slots=None, entities=None, events=None):
    """A tracker in the middle of the questions, waiting on ``slot``, as the form sends it:
    the message, then the form's own action."""
    events = events or [
        {"event": "user", "text": text},
        {"event": "action", "name": "assessment_form"},
    ]
    return tracker(
        {"requested_slot": slot, **(slots or {})},
        intent,
        text,
        entities=entities,
        active_loop="assessment_form",
        events=events,
    )


def test_duration_from_text_and_with_a_cause_in_passing(dispatcher, domain):
    t = asking(
        "duration",
        "inform",
        "about a year, since the baby came",
        entities=[
            {"entity": "duration", "value": "year_plus"},
            {"entity": "cause", "value": "new_baby"},
        ],
    )
    got = form.validate_duration("about a year, since the baby came", dispatcher, t, domain)
    assert got == {"duration": "year_plus", "cause": "new_baby", "answers_given": 1.0}


def test_a_reply_that_is_not_an_answer_leaves_the_question_open_without_a_scolding(
    dispatcher, domain
):
    t = asking("duration", "inform", "purple")
    assert form.validate_duration("purple", dispatcher, t, domain) == {"duration": None}
    assert responses(dispatcher) == []  # the question comes back in other words


def test_a_question_unanswered_after_the_skip_offer_is_set_aside(dispatcher, domain):
    # Asked, asked again, offered a skip: a third reply that is no answer leaves the question.
    t = asking("duration", "inform", "purple", slots={"question_asks": "duration:3"})
    assert form.validate_duration("purple", dispatcher, t, domain) == {"duration": "skipped"}
    assert responses(dispatcher) == ["utter_question_set_aside"]
    # ... but not before the skip was offered, nor when the count is another question's
    for asks in ("duration:2", "cause:3"):
        t = asking("duration", "inform", "purple", slots={"question_asks": asks})
        assert form.validate_duration("purple", dispatcher, t, domain) == {"duration": None}
    # and "why do you ask?" is still answered, however often the question came
    t = asking("feels_safe", "ask_why", "why do you ask", slots={"question_asks": "feels_safe:3"})
    assert form.validate_feels_safe("why do you ask", dispatcher, t, domain) == {"feels_safe": None}
    assert responses(dispatcher)[-1] == "utter_why_feels_safe"


def test_skipping_a_question_moves_on(dispatcher, domain):
    t = asking("duration", "skip_question", "skip")
    assert form.validate_duration("skip", dispatcher, t, domain) == {"duration": "skipped"}
    t = asking("partner_open", "skip_question", "rather skip that")
    assert form.validate_partner_open("rather skip that", dispatcher, t, domain) == {
        "partner_open": "skipped"
    }
    assert responses(dispatcher) == ["utter_questions_skipped", "utter_questions_skipped"]


def test_why_do_you_ask_is_answered_and_the_question_stays_open(dispatcher, domain):
    t = asking("cause", "inform", "why do you ask")
    assert form.validate_cause("why do you ask", dispatcher, t, domain) == {"cause": None}
    assert responses(dispatcher) == ["utter_why_cause"]


def test_causes_in_any_wording(dispatcher, domain):
    t = asking("cause", "inform", "baby + no sleep + money worries")
    got = form.validate_cause("baby + no sleep + money worries", dispatcher, t, domain)
    assert got == {"cause": "new_baby", "answers_given": 1.0, "cause_labels": ["new_baby", "money"]}
    t = asking("cause", "inform", "my dad passed in the spring")
    got = form.validate_cause("my dad passed in the spring", dispatcher, t, domain)
    assert got["cause"] == "health" and got["cause_labels"] == ["grief"]
    assert responses(dispatcher) == []


def test_pulled_away_and_hedged_partner_answers(dispatcher, domain):
    t = asking("pulled_away", "inform", "him first, then i gave up too")
    assert (
        form.validate_pulled_away("him first, then i gave up too", dispatcher, t, domain)[
            "pulled_away"
        ]
        == "both"
    )
    for text, value in [
        ("prob yes if i ask nicely lol", "probably"),
        ("probably yes", "probably"),
        ("she'd do anything for the kids", "probably"),
        ("he'd roll his eyes", "probably_not"),
    ]:
        t = asking("partner_open", "affirm", text)
        assert form.validate_partner_open(text, dispatcher, t, domain)["partner_open"] == value


def test_an_off_topic_reply_to_the_safety_question_is_not_not_safe(dispatcher, domain):
    text = "he'd be open to it if it doesn't take much time"
    t = asking("feels_safe", "inform", text)
    # the safety question stays open; the partner's willingness said instead is kept
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": None, "partner_open": "yes"}
    assert responses(dispatcher) == []
    text = "i don't think he's ready. when i try he says he's fine"
    t = asking("feels_safe", "inform", text)
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": None, "partner_open": "probably_not"}
    assert responses(dispatcher) == []


def test_not_a_clear_yes_gets_the_abuse_line(dispatcher, domain):
    t = asking("feels_safe", "inform", "most days")
    got = form.validate_feels_safe("most days", dispatcher, t, domain)
    assert got == {"feels_safe": "not_always", "answers_given": 1.0}
    assert responses(dispatcher) == ["utter_safety_not_sure_safe"]


def test_a_disclosure_as_the_answer_gets_the_abuse_reply(dispatcher, domain):
    text = "mostly? he checks my phone and tracks where i go. i'm kind of afraid of him"
    t = asking("feels_safe", "inform", text)
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": "disclosure", "answers_given": 1.0, "abuse_disclosed": True}
    assert responses(dispatcher) == ["utter_safety_abuse"]


def test_tips_now_skips_the_rest_and_the_plan_follows_for_the_person_alone(dispatcher, domain):
    t = asking("cause", "inform", "just tell me what to do", slots={"duration": "weeks"})
    got = form.validate_cause("just tell me what to do", dispatcher, t, domain)
    assert got == {
        "cause": "skipped",
        "pulled_away": "skipped",
        "partner_open": "skipped",
        "start_asked": True,
    }
    assert responses(dispatcher) == []  # the plan follows (its safety note: propose)


def test_asking_for_the_first_step_mid_questions_is_asking_for_tips(dispatcher, domain):
    t = asking("pulled_away", "next_step", "what's the first step", slots={"duration": "weeks"})
    got = form.validate_pulled_away("what's the first step", dispatcher, t, domain)
    assert got == {
        "cause": "skipped",
        "pulled_away": "skipped",
        "partner_open": "skipped",
        "start_asked": True,
    }
    assert responses(dispatcher) == []  # the plan follows (its safety note: propose)


def test_start_at_the_last_question_skips_it_and_the_plan_follows(dispatcher, domain):
    # Issue 19: "start" (read as affirm) is a request to get going, not a failed answer.
    slots = {"duration": "weeks", "cause": "stress", "pulled_away": "both", "feels_safe": "yes"}
    t = asking("partner_open", "affirm", "ok start", slots=slots)
    got = form.validate_partner_open("ok start", dispatcher, t, domain)
    assert got == {"partner_open": "skipped", "start_asked": True}
    assert responses(dispatcher) == []


def test_what_is_kept_asked_in_a_reply_is_answered_and_the_question_stays(dispatcher, domain):
    # Issue 19: the classifier took it for an answer; the reader sees the privacy question.
    text = "before that, what are you keeping about me? my in-laws sometimes use my phone"
    t = asking("cause", "inform", text, slots={"duration": "weeks"})
    got = form.validate_cause(text, dispatcher, t, domain)
    assert got == {"cause": None}
    assert responses(dispatcher) == ["utter_data_kept"]


def test_values_already_understood_are_kept_silently(dispatcher, domain):
    t = tracker({"feels_safe": "not_always"}, "deny", "no")
    assert form.validate_feels_safe("not_always", dispatcher, t, domain) == {
        "feels_safe": "not_always"
    }
    assert responses(dispatcher) == []


async def test_a_safety_signal_makes_the_form_step_aside_and_undoes_extractions(dispatcher, domain):
    events = [
        {"event": "slot", "name": "cause", "value": None},
        {"event": "user", "text": "he controls the money and i'm scared"},
        {"event": "action", "name": "assessment_form"},
        {"event": "slot", "name": "cause", "value": "stress"},  # extracted in passing
    ]
    t = asking(
        "feels_safe",
        "disclose_abuse",
        "he controls the money and i'm scared",
        slots={"cause": "stress"},
        events=events,
    )
    got = await form.run(dispatcher, t, domain)
    assert got[-1]["event"] == "action_execution_rejected"
    assert slot_events(got[:-1]) == {"cause": None}
    assert responses(dispatcher) == []


async def test_an_understood_request_makes_the_form_step_aside(dispatcher, domain):
    t = asking("duration", "ask_reminder", "remind me tomorrow evening")
    got = await form.run(dispatcher, t, domain)
    assert [e["event"] for e in got] == ["action_execution_rejected"]


async def test_an_answer_taken_for_a_request_is_read_as_the_answer(dispatcher, domain):
    t = asking("partner_open", "tell_more", "he said he would, we'll see")
    got = slot_events(await form.run(dispatcher, t, domain))
    assert got["partner_open"] == "probably"


async def test_an_answer_taken_for_out_of_scope_is_read_as_the_answer(dispatcher, domain):
    # "the baby obvs. no sleep" at "what changed?" is the answer, not a digression.
    text = "the baby obvs. no sleep. he went back to work after 2 weeks and i was alone all day"
    got = slot_events(await form.run(dispatcher, asking("cause", "out_of_scope", text), domain))
    assert got["cause"] == "new_baby"
    # a digression that asks something is left to its own rule
    t = asking("pulled_away", "out_of_scope", "how do i fix my laptop?")
    assert "pulled_away" not in slot_events(await form.run(dispatcher, t, domain))


def test_who_pulled_away_given_at_the_safety_question_is_not_an_answer(dispatcher, domain):
    text = "both of us i think? mostly me if im honest, im so worn out by the evening"
    t = asking("feels_safe", "inform", text)
    # not an answer to the safety question (asked again), but kept for the question it answers
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": None, "pulled_away": "both"}
    assert responses(dispatcher) == []


async def test_a_guess_of_the_router_is_read_as_an_attempted_answer(dispatcher, domain):
    # "ya he wants 2" at "what changed?" matched an answer only by chance: the question is
    # asked again in other words, not answered from the store.
    t = asking("cause", "ask_question", "ya he wants 2")
    t.latest_message["intent"]["routed_from"] = "nlu_fallback"
    got = await form.run(dispatcher, t, domain)
    assert slot_events(got)["cause"] is None
    assert "action_execution_rejected" not in [e["event"] for e in got]


def test_a_question_of_the_person_s_own_is_not_an_answer(dispatcher, domain):
    text = "can i forgive him without pretending it never happened?"
    t = asking("pulled_away", "inform", text)
    assert form.validate_pulled_away(text, dispatcher, t, domain) == {"pulled_away": None}


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("feels_safe", "is it normal that i'm scared of him when he drinks?", "disclosure"),
        ("feels_safe", "do i feel safe? not always?", "not_always"),
        ("feels_safe", "mostly, since he stopped drinking", "not_always"),
        ("duration", "how long? about 6 months?", "months"),
        ("partner_open", "he would never say no", "yes"),
        ("cause", "i was a bit confused by that", None),
    ],
)
def test_readings_kept_whatever_their_form(question, text, value):
    from coach.assessment import read

    got = read(question, text)
    assert (got.value if not isinstance(got.value, tuple) else got.value[0]) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("she would be", "yes"),
        ("he's desperate to fix it tbh", "yes"),
        ("ya he wants 2", "yes"),
        ("He will do if I explain properly", "probably"),
        ("I believe she would be willing, if I approach it gently.", "probably"),
    ],
)
def test_more_ways_to_say_the_partner_is_open(dispatcher, domain, text, value):
    t = asking("partner_open", "inform", text)
    assert form.validate_partner_open(text, dispatcher, t, domain)["partner_open"] == value


async def test_no_partner_question_after_a_reply_that_is_not_a_clear_yes(dispatcher, domain):
    t = tracker({"feels_safe": "no"})
    slots = await form.required_slots(
        ["duration", "cause", "pulled_away", "feels_safe", "partner_open"],
        dispatcher,
        t,
        domain,
    )
    assert "partner_open" not in slots


async def test_low_self_worth_makes_the_form_step_aside_even_when_it_reads_as_an_answer(
    dispatcher, domain
):
    # "a failure" could pass for a cause; the care reply comes first all the same, and
    # nothing the message filled in passing is kept.
    events = [
        {"event": "slot", "name": "cause", "value": None},
        {"event": "user", "text": "honestly I feel like a failure"},
        {"event": "action", "name": "assessment_form"},
        {"event": "slot", "name": "cause", "value": "other"},
    ]
    for slot in ("duration", "cause", "pulled_away", "feels_safe", "partner_open"):
        t = asking(
            slot,
            "low_self_worth",
            "honestly I feel like a failure",
            slots={"cause": "other"} if slot == "cause" else None,
            events=events if slot == "cause" else None,
        )
        got = await form.run(dispatcher, t, domain)
        assert got[-1]["event"] == "action_execution_rejected"
        if slot == "cause":
            assert slot_events(got[:-1]) == {"cause": None}
    assert responses(dispatcher) == []


def test_start_at_the_first_question_is_not_stored_as_its_answer(dispatcher, domain):
    # The form's extraction may hold the words themselves ("start" read as affirm).
    t = asking("duration", "affirm", "start", slots={"duration": "start"})
    got = form.validate_duration("start", dispatcher, t, domain)
    assert got == {
        "duration": "skipped",
        "cause": "skipped",
        "pulled_away": "skipped",
        "partner_open": "skipped",
        "start_asked": True,
    }
    assert responses(dispatcher) == []  # the plan follows (its safety note: propose)


def test_lets_start_at_the_safety_question_leaves_it_open(dispatcher, domain):
    slots = {"duration": "weeks", "cause": "stress", "pulled_away": "both"}
    t = asking("feels_safe", "affirm", "ok let's start", slots={**slots, "feels_safe": "ok"})
    got = form.validate_feels_safe("ok let's start", dispatcher, t, domain)
    # not "not safe": the question stays open (the plan holds ideas for the person alone)
    assert got == {"feels_safe": None, "partner_open": "skipped", "start_asked": True}
    assert responses(dispatcher) == []


@pytest.mark.parametrize(
    "text", ["what do i even say to him", "how do i bring it up with her without a fight"]
)
async def test_an_open_question_without_a_question_mark_makes_the_form_step_aside(
    dispatcher, domain, text
):
    t = asking("cause", "ask_what_to_say", text, slots={"duration": "weeks"})
    got = await form.run(dispatcher, t, domain)
    assert [e["event"] for e in got] == ["action_execution_rejected"]


async def test_a_check_of_the_classifier_alone_steps_aside_even_for_a_short_answer(
    dispatcher, domain
):
    # issue 22 (safe-23): reading such replies as answers was measured and left out: the
    # readers take "i'm finished. with everything and everyone" for who pulled away, and on
    # the development sets it silenced 12 crisis or abuse messages for no ordinary one spared.
    text = "i'm finished. with everything and everyone"
    assert read("pulled_away", text).answered  # the reader alone would take it as "me"
    t = asking("pulled_away", "express_crisis", text)
    t.latest_message["safety"] = {
        "category": "crisis",
        "subtype": "",
        "rule": "sentence_classifier",
        "certain": False,
    }
    got = await form.run(dispatcher, t, domain)
    assert got[-1]["event"] == "action_execution_rejected"


def test_another_question_answered_instead_is_taken_and_the_asked_one_stays(dispatcher, domain):
    # Asked how long, told who pulled away: that answer is kept, the duration comes back.
    text = "me, i think. he tries. i keep him at arms length"
    t = asking("duration", "inform", text)
    assert form.validate_duration(text, dispatcher, t, domain) == {
        "duration": None,
        "pulled_away": "me",
    }
    # Asked it a third time, told "yes safe": set aside, and the safety answer kept.
    t = asking("duration", "affirm", "yes safe", slots={"question_asks": "duration:3"})
    assert form.validate_duration("yes safe", dispatcher, t, domain) == {
        "duration": "skipped",
        "feels_safe": "yes",
    }
    assert responses(dispatcher) == ["utter_question_set_aside"]


def starting(story, consent="yes go ahead", more_events=()):
    """A tracker as the form starts: the person's story, the offer, their consent."""
    events = [{"event": "session_started"}]
    events += [{"event": "user", "text": text} for text in story]
    events += [{"event": "user", "text": consent}, *more_events]
    return tracker({}, "affirm", consent, active_loop="assessment_form", events=events)


async def test_a_story_that_dates_the_change_answers_how_long_as_the_questions_start(
    dispatcher, domain
):
    t = starting(["she started a big new job in the summer and since then we're just not in sync"])
    got = await form.run(dispatcher, t, domain)
    assert slot_events(got)["duration"] == "months"
    assert responses(dispatcher) == []


async def test_a_story_without_a_time_leaves_how_long_to_be_asked(dispatcher, domain):
    t = starting(["we've been together 3 years and lately we just don't talk, ever since the baby"])
    got = await form.run(dispatcher, t, domain)
    assert "duration" not in slot_events(got)


async def test_the_story_is_read_only_when_the_questions_first_start(dispatcher, domain):
    earlier = [
        {"event": "action", "name": "assessment_form"},
        {"event": "user", "text": "stop"},
        {"event": "active_loop", "name": None},
    ]
    t = starting(["my mum died in march and since then i've shut him out"], "ok ask again", earlier)
    got = await form.run(dispatcher, t, domain)
    assert "duration" not in slot_events(got)


async def test_an_answer_taken_for_not_understood_or_thanks_is_read_as_the_answer(
    dispatcher, domain
):
    text = "yes, he's a good man, that's not the issue at all"
    t = asking("feels_safe", "not_understood", text)
    assert slot_events(await form.run(dispatcher, t, domain))["feels_safe"] == "yes"
    t = asking("duration", "thank", "thanks, about a year i'd say")
    assert slot_events(await form.run(dispatcher, t, domain))["duration"] == "year_plus"
    # a complaint that answers nothing is left to its own rule (the form steps aside)
    t = asking("feels_safe", "not_understood", "that's not what i said")
    assert "feels_safe" not in slot_events(await form.run(dispatcher, t, domain))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he's sick of it too so yes", "yes"),
        ("he's well up for fixing it btw", "yes"),
        ("she hates this as much as i do", "yes"),
        ("he said last week that he misses us", "yes"),
    ],
)
def test_a_partner_who_wants_change_too_is_open(text, value):
    assert read("partner_open", text).value == value


async def test_an_answer_given_instead_of_a_yes_to_the_offer_is_kept(dispatcher, domain):
    events = [
        {"event": "session_started"},
        {"event": "user", "text": "we moved to london for his job and we're drifting"},
        {"event": "user", "text": "both a bit. i'm resentful and he feels guilty so he avoids me"},
    ]
    t = tracker(
        {},
        "inform",
        "both a bit. i'm resentful and he feels guilty so he avoids me",
        active_loop="assessment_form",
        events=events,
    )
    got = slot_events(await form.run(dispatcher, t, domain))
    assert got == {"pulled_away": "both"}
    # a plain yes to the offer answers nothing
    t = starting(["we moved to london for his job and we're drifting"], "yes sure, go ahead")
    assert slot_events(await form.run(dispatcher, t, domain)) == {}


async def test_who_pulled_away_said_plainly_in_the_story_is_not_asked(dispatcher, domain):
    story = ["his mum died in the spring. since then he's the one who's pulled away, not me"]
    got = slot_events(await form.run(dispatcher, starting(story), domain))
    assert got == {
        "duration": "months",
        "pulled_away": "partner",
        "cause": "health",
        "cause_labels": ["grief"],
    }


async def test_what_changed_dated_in_the_story_is_not_asked(dispatcher, domain):
    story = ["his mum moved in with us 6 months ago after her fall and ever since it's hard"]
    got = slot_events(await form.run(dispatcher, starting(story), domain))
    assert got == {"duration": "months", "cause": "stress", "cause_labels": ["in_laws"]}
    story = ["my sister's husband cheated on her and since then i've been paranoid"]
    assert "cause" not in slot_events(await form.run(dispatcher, starting(story), domain))


async def test_another_question_s_answer_taken_for_a_question_is_read_as_a_reply(
    dispatcher, domain
):
    text = "i don't think he's ready. when i try he says he's fine"
    got = slot_events(
        await form.run(dispatcher, asking("feels_safe", "ask_question", text), domain)
    )
    assert got == {"feels_safe": None, "partner_open": "probably_not"}
    # a real question still makes the form step aside for its answer
    text = "is it normal that he says he's fine when he isn't?"
    got = await form.run(dispatcher, asking("feels_safe", "ask_question", text), domain)
    assert got[-1]["event"] == "action_execution_rejected"


async def test_asked_to_get_going_the_questions_end_without_the_safety_question(domain):
    """The plan comes now; the safety question waits for the questions (issue 19)."""
    slots = {"duration": "skipped", "cause": "skipped", "pulled_away": "skipped"}
    t = asking("feels_safe", "request_tips", "just tell me what to do", slots=slots)
    questions = ["duration", "cause", "pulled_away", "feels_safe", "partner_open"]
    assert await form.required_slots(questions, None, t, domain) == questions
    t = asking("feels_safe", "request_tips", "x", slots={**slots, "start_asked": True})
    assert await form.required_slots(questions, None, t, domain) == [
        "duration",
        "cause",
        "pulled_away",
    ]


async def test_how_long_given_instead_of_a_yes_to_the_offer_is_kept(dispatcher, domain):
    first = "my wife doesn't want to be touched anymore, even holding hands"
    reply = "since our son was born, he's 3 now"
    events = [
        {"event": "session_started"},
        {"event": "user", "text": first},
        {"event": "user", "text": reply},
    ]
    t = tracker({}, "inform", reply, active_loop="assessment_form", events=events)
    got = slot_events(await form.run(dispatcher, t, domain))
    assert got["duration"] == "year_plus"


async def test_answers_said_in_passing_in_the_story_are_not_asked(dispatcher, domain):
    story = (
        "together 5 yrs. this started when i got a new job with a 2 hour commute. i think "
        "it's more me pulling away than her. she's keen to work on it"
    )
    got = slot_events(await form.run(dispatcher, starting([story], "yes"), domain))
    assert got["pulled_away"] == "me" and got["partner_open"] == "yes"
    assert "feels_safe" not in got  # never taken from a story unless said plainly
    # a story with nothing of the kind asks every question
    got = slot_events(
        await form.run(dispatcher, starting(["we feel like roommates"], "yes"), domain)
    )
    assert not {"pulled_away", "feels_safe", "partner_open"} & set(got)


async def test_skip_the_rest_taken_for_a_question_skips_to_the_plan(dispatcher, domain):
    """'can we skip the rest and just get to the advice' read as `ask_question` at the first
    question: no answer from the store, the rest skipped and the plan next (set 10, d35)."""
    text = "can we skip the rest and just get to the advice, baby's waking up"
    got = await form.run(dispatcher, asking("duration", "ask_question", text), domain)
    assert slot_events(got) == {
        "duration": "skipped",
        "cause": "skipped",
        "pulled_away": "skipped",
        "partner_open": "skipped",
        "start_asked": True,
        "requested_slot": None,
    }
    assert responses(dispatcher) == []


async def test_who_pulled_away_at_the_safety_question_is_asked_again_not_not_safe(
    dispatcher, domain
):
    """'kinda both' at 'do you feel safe?' is no answer: no abuse line, the question again."""
    for text, who in (("kinda both", "both"), ("hmm hard to say. him a bit?", "partner")):
        got = form.validate_feels_safe(
            text, dispatcher, asking("feels_safe", "inform", text), domain
        )
        assert got == {"feels_safe": None, "pulled_away": who}  # kept while still open
        t = asking("feels_safe", "inform", text, slots={"pulled_away": "me"})
        assert form.validate_feels_safe(text, dispatcher, t, domain) == {"feels_safe": None}
    assert responses(dispatcher) == []
    text = "yeah. he shouts when he's wound up and so do i tbh, but i'm not scared of him"
    got = form.validate_feels_safe(text, dispatcher, asking("feels_safe", "inform", text), domain)
    assert got == {"feels_safe": "yes", "answers_given": 1.0}
    assert responses(dispatcher) == []


async def test_the_persons_own_wish_in_the_story_is_not_the_partners_willingness(
    dispatcher, domain
):
    """'I don't want to lose her too' in the story left 'is your partner open?' unasked."""
    story = (
        "We lost a pregnancy at 14 weeks in the spring. We don't talk about it and now we "
        "don't really talk about anything. I don't want to lose her too."
    )
    events = [
        {"event": "session_started"},
        {"event": "user", "text": story},
        {"event": "user", "text": "please"},
    ]
    t = tracker({}, "affirm", "please", active_loop="assessment_form", events=events)
    got = await form.extract_duration(dispatcher, t, domain)
    assert "partner_open" not in got


@pytest.mark.parametrize(
    ("story", "open_said"),
    [
        # set 13 (d21): the person's own wish left "is your partner open?" unasked
        ("I want to feel close to my boyfriend again. We've been together 4 years", False),
        ("i just want my wife back", False),
        ("i want us to work on it and he wants to try too", True),
        ("i really want to fix this and my husband is open to it", True),
    ],
)
async def test_only_the_partners_willingness_in_the_story_answers_is_your_partner_open(
    dispatcher, domain, story, open_said
):
    events = [
        {"event": "session_started"},
        {"event": "user", "text": story},
        {"event": "user", "text": "ok"},
    ]
    t = tracker({}, "affirm", "ok", active_loop="assessment_form", events=events)
    got = await form.extract_duration(dispatcher, t, domain)
    assert ("partner_open" in got) is open_said


async def test_a_situation_told_before_a_safety_reply_answers_what_changed(dispatcher, domain):
    """The first message got the addiction reply, not the reflection that keeps its cause:
    as the questions start, the situation it named still answers "what changed?"."""
    story = "My husband has a gambling problem. I feel like his supervisor, not his wife."
    events = [
        {"event": "session_started"},
        {
            "event": "user",
            "text": story,
            "parse_data": {"entities": [{"entity": "situation", "value": "addiction"}]},
        },
        {"event": "action", "name": "action_safety_other_risk"},
        {"event": "user", "text": "yes"},
    ]
    t = tracker({}, "affirm", "yes", active_loop="assessment_form", events=events)
    assert await form.extract_duration(dispatcher, t, domain) == {"cause": "health"}
    # told nothing: nothing is taken
    events[1] = {"event": "user", "text": "we feel apart", "parse_data": {"entities": []}}
    t = tracker({}, "affirm", "yes", active_loop="assessment_form", events=events)
    assert await form.extract_duration(dispatcher, t, domain) == {}


def test_a_clear_yes_to_the_safety_question_keeps_the_partner_answer_beside_it(dispatcher, domain):
    """'yes I feel safe and yes she wants to sort this too': the partner question is not
    asked after it was answered (set 9, d29); a hedged or no answer keeps nothing else."""
    text = "both of us. and before you ask, yes I feel safe and yes she wants to sort this too"
    t = asking("feels_safe", "inform", text, slots={"pulled_away": "both"})
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": "yes", "answers_given": 1.0, "partner_open": "yes"}
    text = "mostly, and she wants to sort this too"
    t = asking("feels_safe", "inform", text, slots={"pulled_away": "both"})
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": "not_always", "answers_given": 1.0}


def test_what_is_said_about_harm_beside_a_yes_is_not_the_partners_willingness(dispatcher, domain):
    """'yes. he yelled but he'd never hurt me': 'never' is about harm, not a no (set 8)."""
    text = "yes. he yelled but he'd never hurt me"
    t = asking("feels_safe", "inform", text, slots={"pulled_away": "partner"})
    got = form.validate_feels_safe(text, dispatcher, t, domain)
    assert got == {"feels_safe": "yes", "answers_given": 1.0}


@pytest.mark.parametrize(
    ("slot", "text", "slots", "value"),
    [
        (
            "feels_safe",
            "yes safe. can i ask something, is this my fault? i was so sad for so long",
            {"duration": "year_plus", "cause": "grief", "pulled_away": "partner"},
            "yes",
        ),
        (
            "duration",
            "about a year. is it normal to feel this way after the kids?",
            {},
            "year_plus",
        ),
        ("pulled_away", "both of us, should i just leave?", {"duration": "months"}, "both"),
    ],
)
async def test_an_answer_and_then_a_question_keeps_the_answer_and_steps_aside(
    dispatcher, domain, slot, text, slots, value
):
    # set 13 (d06, d19): the answer was taken and the person's question dropped. Now the
    # answer is kept and the rule answers the question; the form then asks the next one.
    got = await form.run(dispatcher, asking(slot, "ask_question", text, slots=slots), domain)
    assert got[-1]["event"] == "action_execution_rejected"
    assert slot_events(got[:-1])[slot] == value
    assert responses(dispatcher) == []


async def test_a_question_alone_is_not_read_for_an_answer(dispatcher, domain):
    # "is it safe to tell her?" at the safety question: no answer before the question
    t = asking("feels_safe", "ask_question", "is it safe to tell her how lonely i am?")
    got = await form.run(dispatcher, t, domain)
    assert got[-1]["event"] == "action_execution_rejected"
    assert slot_events(got[:-1]).get("feels_safe") is None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("since we moved to leeds in spring", ["moving"]),
        ("1 year and half more or less, since the funeral", ["grief"]),
        ("since he moved to night shift last year", ["shift_work"]),
    ],
)
def test_how_long_dated_by_an_event_answers_what_changed_too(dispatcher, domain, text, labels):
    # set 13 (d14): "since we moved to leeds in spring" was followed by "did anything
    # change?", and the answers after it fell one question out of step
    got = form.validate_duration(text, dispatcher, asking("duration", "inform", text), domain)
    assert got["cause_labels"] == labels
    assert got["cause"] == cause_slot(tuple(labels))
    assert got["duration"] is not None


def test_how_long_without_an_event_leaves_what_changed_to_be_asked(dispatcher, domain):
    text = "since march i think"
    got = form.validate_duration(text, dispatcher, asking("duration", "inform", text), domain)
    assert "cause" not in got


async def test_a_message_that_opens_with_its_question_is_that_question(dispatcher, domain):
    # set 13 (d33): the rest of the message was read as who pulled away, and the question
    # ("how do i forgive him for real?") was dropped
    text = "actually first, how do i forgive him for real? i said i did but i keep replaying it"
    got = await form.run(dispatcher, asking("pulled_away", "ask_question", text), domain)
    assert got[-1]["event"] == "action_execution_rejected"
    assert slot_events(got[:-1]).get("pulled_away") is None
