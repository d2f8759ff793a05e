import pytest

from coach.assessment import (
    CONFIRM_ASK,
    CONFIRM_NO,
    CONFIRM_YES,
    QUESTIONS_ABOUT,
    QUESTIONS_RESTART,
    QUESTIONS_SKIP,
    QUESTIONS_START,
    cause_slot,
    is_minimising,
    questions_request,
    read,
    read_confirmation,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a few weeks", "weeks"),
        ("A few months", "months"),
        ("about a year", "year_plus"),
        ("6 months", "months"),
        ("18 months", "year_plus"),
        ("3 weeks", "weeks"),
        ("ten weeks", "months"),
        ("a year or more", "year_plus"),
        ("ages", "year_plus"),
        ("no idea", "unsure"),
        ("unsure", "unsure"),
    ],
)
def test_duration(text, expected):
    assert read("duration", text).value == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("why these?", "why_asking"),
        ("tell me more", "tell_more"),
        ("next", "skip"),
        ("I'd rather skip that", "skip"),
        ("remind me tomorrow evening", "reminder"),
        ("show my plan", "show_plan"),
        ("start", "request_tips"),  # get on with it: tips now (the safety question kept)
        ("ok let's start", "request_tips"),
        ("step one pls", "request_tips"),
        ("First step then.", "request_tips"),
        ("restart", "other"),
        ("what are you keeping about me?", "data_kept"),
        ("delete my data", "privacy"),
        ("banana", "other"),
        ("", "other"),
    ],
)
def test_requests_are_not_taken_as_a_duration(text, kind):
    reading = read("duration", text)
    assert not reading.answered
    assert reading.kind == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a new baby", ("new_baby",)),
        ("money stress", ("money", "stress")),
        ("his phone", ("screens",)),
        ("arguments", ("conflict",)),
        ("I don't know", ("nothing",)),
    ],
)
def test_cause(text, expected):
    assert read("cause", text).value == expected


def test_cause_slot_is_a_cause_the_store_knows():
    assert cause_slot(("money", "new_baby")) == "stress"
    assert cause_slot(("grief",)) == "health"
    assert cause_slot(("nothing",)) == "unsure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me", "me"),
        ("my partner", "partner"),
        ("mostly him", "partner"),
        ("both i think", "both"),
        ("more me than her", "me"),
        ("more her than me", "partner"),
        ("not sure", "unsure"),
    ],
)
def test_pulled_away(text, expected):
    assert read("pulled_away", text).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("yeah totally", "yes"),
        ("not always", "not_always"),
        ("sometimes", "not_always"),
        ("no", "no"),
        ("I'd rather not say", "rather_not_say"),
        ("yes but he shouts and I'm scared of him", "disclosure"),
        (
            "mostly? he checks my phone and tracks where i go, and if i spend money without "
            "asking he goes quiet and scary. i'm kind of afraid of him when he's like that",
            "disclosure",
        ),
    ],
)
def test_feels_safe(text, expected):
    assert read("feels_safe", text).value == expected


@pytest.mark.parametrize(
    "text",
    [
        "he'd be open to it if it doesn't take much time",
        "about 6 months",
        "what do you mean by safe",
        "she's been distant since the baby",
    ],
)
def test_an_off_topic_reply_is_never_read_as_not_safe(text):
    assert not read("feels_safe", text).answered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("probably yes", "probably"),
        ("prob yes if i ask nicely lol", "probably"),
        ("she'd do anything for the kids", "probably"),
        ("probably, if I ask him at the right time", "probably"),
        ("I don't know", "unsure"),
        ("probably not", "probably_not"),
        ("no", "no"),
        # Issue 19, from the dev dialogue sets: willingness said about the partner.
        ("she would for sure", "yes"),
        ("he definitely would", "yes"),
        ("he's desperate to fix it tbh", "yes"),
        ("he will do if I explain properly", "probably"),
        ("he'd say yes and then not do anything lol", "unsure"),
        ("she would never", "no"),
    ],
)
def test_partner_open_hedged(text, expected):
    assert read("partner_open", text).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes delete it", CONFIRM_YES),
        ("yep go ahead", CONFIRM_YES),
        ("sure, do it", CONFIRM_YES),
        ("/affirm", CONFIRM_YES),
        ("no keep it", CONFIRM_NO),
        ("actually no", CONFIRM_NO),
        ("/deny", CONFIRM_NO),
        ("wait, what gets deleted?", CONFIRM_ASK),
        ("pizza", None),
    ],
)
def test_confirmation_in_plain_words(text, expected):
    assert read_confirmation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok now the questions", QUESTIONS_START),
        ("fine. ask your questions", QUESTIONS_START),
        ("maybe the questions would help", QUESTIONS_START),
        ("do the questions again", QUESTIONS_RESTART),
        ("what kind of questions?", QUESTIONS_ABOUT),
        ("honestly can you just skip the questions and give me something to try", QUESTIONS_SKIP),
        ("we feel like roommates", None),
    ],
)
def test_questions_in_own_words(text, expected):
    assert questions_request(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "he's never hit me though. it's not that bad",
        "I'm probably overreacting",
        "it's not that bad",
    ],
)
def test_minimising(text):
    assert is_minimising(text)


def test_not_minimising():
    assert not is_minimising("we had a lovely weekend")


def test_answers_out_of_order_take_who_and_willingness_only_when_clear():
    from coach.assessment import QUESTIONS, answers_out_of_order, read_partner_open

    open_questions = list(QUESTIONS)
    said = "yeah he'd be up for it, he misses me too"
    assert answers_out_of_order(said, "duration", open_questions) == {
        "partner_open": read_partner_open(said).value
    }
    assert answers_out_of_order("i think he pulled away first", "duration", open_questions) == {
        "pulled_away": "partner"
    }
    assert answers_out_of_order(
        "both of us tbh, we're just knackered", "duration", open_questions
    ) == {"pulled_away": "both"}
    assert answers_out_of_order("yes", "duration", open_questions) == {}  # too short to tell
    assert answers_out_of_order(said, "partner_open", open_questions) == {}  # the asked one
    assert answers_out_of_order(said, "duration", ["duration"]) == {}  # already answered
    # the safety question is answered in passing only by a clear, unhedged "I'm safe"
    assert answers_out_of_order("i feel totally safe with him", "duration", open_questions) == {
        "feels_safe": "yes"
    }
    for hedged in (
        "i feel safe but he scares me when he drinks",
        "i'm mostly safe with him",
        "i think i'm safe, he just shouts sometimes",
        "i don't feel safe with him",
    ):
        assert "feels_safe" not in answers_out_of_order(hedged, "duration", open_questions)
    # several answers in one long reply, one per clause
    assert answers_out_of_order(
        "about 5 months. and it's me who pulled away, I hide in my room most evenings",
        "duration",
        open_questions,
    ) == {"pulled_away": "me"}
    assert answers_out_of_order(
        "yes i'm safe, he's never been physical", "pulled_away", open_questions
    ) == {"feels_safe": "yes"}
    assert answers_out_of_order(
        "a few weeks, since his mum moved in. and it's him who's gone cold",
        "duration",
        open_questions,
    ) == {"pulled_away": "partner"}
    # and a reply to the safety question answers nothing else
    assert answers_out_of_order(said, "feels_safe", open_questions) == {}


def test_readers_on_everyday_hedges_and_idioms():
    from coach.assessment import read

    cases = [
        ("feels_safe", "honestly no", "no"),
        ("feels_safe", "not when he's angry, no", "no"),
        ("feels_safe", "yes, he's never been violent, we're just like strangers", "yes"),
        ("feels_safe", "i dont know anymore", "not_always"),
        ("partner_open", "absolutely not", "no"),
        ("partner_open", "nah yeah she'd be keen", "yes"),
        ("partner_open", "i dont think she would", "probably_not"),
        ("partner_open", "could go either way", "unsure"),
        ("pulled_away", "she started it but i'm not innocent either", "both"),
        ("duration", "i cant really pin it down", "unsure"),
        ("duration", "idk like 6-8 months?", "months"),
    ]
    for question, text, value in cases:
        assert read(question, text).value == value, (question, text)
    assert read("cause", "lost my job and money got tight").value == ("money",)
    assert read("cause", "i found messages on his phone to another woman").value == ("infidelity",)
    assert read("cause", "we're like flatmates now, no big event, just drifted").value == (
        "routine",
    )
