from datetime import date

import pytest

from coach import assessment
from coach.assessment import (
    CONFIRM_ASK,
    CONFIRM_NO,
    CONFIRM_YES,
    QUESTIONS_ABOUT,
    QUESTIONS_RESTART,
    QUESTIONS_SKIP,
    QUESTIONS_START,
    answer_before_question,
    cause_slot,
    is_minimising,
    questions_request,
    read,
    read_confirmation,
    read_reply,
    story_cause,
    story_duration,
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
        ("whats the point of these questions", QUESTIONS_ABOUT),
        ("why are you asking all this, cant you just tell me what to do", QUESTIONS_ABOUT),
        ("why do you need to know all that", QUESTIONS_ABOUT),
        ("what is the point of all this", None),
        ("why this one?", None),
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
    assert read("cause", "lost my job and money got tight").value == ("money", "job_loss")
    assert read("cause", "i found messages on his phone to another woman").value == ("infidelity",)
    assert read("cause", "we're like flatmates now, no big event, just drifted").value == (
        "routine",
    )


# Wording families added for issue 19 (replies written for these tests, not from a table).
@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("duration", "god knows", "unsure"),
        ("duration", "honestly i've lost count", "unsure"),
        ("duration", "only since last month", "weeks"),
        ("duration", "since last week really", "weeks"),
        ("duration", "since the summer i guess", "months"),
        ("duration", "since our daughter was born and she's 3 now", "year_plus"),
        ("pulled_away", "hard to know", "unsure"),
        ("pulled_away", "not sure, sometimes him sometimes me", "unsure"),
        ("pulled_away", "maybe me? maybe her?", "unsure"),
        ("pulled_away", "she went quiet first, then i did the same", "both"),
        ("pulled_away", "i backed off first and then he did", "both"),
        ("feels_safe", "yes and no honestly", "not_always"),
        ("feels_safe", "i do and i don't", "not_always"),
        ("feels_safe", "he's never hit me but he gets really moody", "not_always"),
        ("feels_safe", "he's never hit me but i'm scared of him", "disclosure"),
        ("feels_safe", "he smashed my phone once", "disclosure"),
        ("feels_safe", "he watches everything i spend", "disclosure"),
        ("feels_safe", "it's mostly her who pulled away", None),
        ("partner_open", "not a hope", "no"),
        ("partner_open", "never in a million years", "no"),
        ("partner_open", "i would think so", "probably"),
        ("partner_open", "i'd say so", "probably"),
        ("partner_open", "i can't really tell", "unsure"),
        ("partner_open", "not a clue", "unsure"),
        ("partner_open", "he'd rather ignore it", "probably_not"),
    ],
)
def test_reader_wording_families(question, text, value):
    from coach.assessment import read

    assert read(question, text).value == value


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("post natal depression after our 2nd", ("new_baby", "health")),
        ("i lost a pregnancy and got really low", ("grief",)),
        ("she's been gambling and hiding it", ("addiction",)),
        ("he's been gambling and now we owe money", ("money",)),
        ("she took a job in another city", ("new_job",)),
        ("he's posted overseas with the army", ("distance",)),
        ("she's been working crazy hours", ("new_job",)),
        ("i found out she was messaging someone", ("infidelity",)),
        ("he started nights at the depot", ("shift_work",)),
    ],
)
def test_cause_wording_families(text, labels):
    from coach.assessment import read

    assert read("cause", text).value == labels


def test_date_night_ideas_are_a_request_for_tips_not_shift_work():
    from coach.assessment import REQUEST_TIPS, read

    reading = read("cause", "i just want some ideas for date nights")
    assert (reading.value, reading.kind) == (None, REQUEST_TIPS)


def test_a_question_of_its_own_without_a_question_mark_answers_nothing():
    # "ask her" looked like "if I ask him" (probably): the whole sentence asks instead.
    assert not read(
        "partner_open", "is it controlling if i ask her to put her phone away at dinner"
    ).answered
    assert not read("duration", "does it even matter how long it has been like this").answered
    # An answer after a pause still counts.
    assert read("partner_open", "she would if i asked nicely").value == "probably"


# --- Issue 19 (2026-12-06): new wording, in sentences written for these tests -------------
@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("yh", "yeah"),
        ("yesss", "yes"),
        ("nooo", "no"),
        ("meee", "me"),
        ("himm", "him"),
        ("bothh of us", "both of us"),
        ("i cant say", "i can't say"),
        ("prolly", "probably"),
        ("roughly six monhts", "roughly six months"),
        ("he is violant", "he is violent"),
        ("me too", "me too"),  # a real word ending in a doubled letter stays
        ("all good", "all good"),
        ("what's up", "what's up"),  # an apostrophe is never taken for a typo
    ],
)
def test_replies_are_normalised_before_the_patterns(text, plain):
    from coach.assessment import _vocabulary
    from coach.spelling import normalise

    assert normalise(text, _vocabulary()) == plain


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("duration", "since about october", "months"),
        ("duration", "back in the spring i think", "months"),
        ("duration", "he started the new job in june and it went downhill", "months"),
        ("duration", "since march 2015", "year_plus"),
        ("duration", "since 2014 really", "year_plus"),
        ("duration", "from the start of the year", "months"),
        ("duration", "ever since we moved house", "unsure"),
        ("duration", "a coupla mnths", "months"),
        ("cause", "his work has been mental lately", ("stress",)),
        ("cause", "work stuff mostly", ("stress",)),
        ("cause", "her workload doubled", ("stress",)),
        ("cause", "she's glued to her fone", ("screens",)),
        ("pulled_away", "i honestly can't tell who went quiet first", "unsure"),
        ("pulled_away", "i dont really know who", "unsure"),
        ("pulled_away", "himmm", "partner"),
        ("feels_safe", "yeahh", "yes"),
        ("feels_safe", "he has never laid a hand on me", "yes"),
        ("feels_safe", "she's not a violent person at all", "yes"),
        ("feels_safe", "he wouldn't hurt a fly", "yes"),
        ("partner_open", "he would, no doubt", "yes"),
        ("partner_open", "she would 100%", "yes"),
        ("partner_open", "he already found us a therapist", "yes"),
        ("partner_open", "he's well up for it", "yes"),
        ("partner_open", "hopefully yeah", "probably"),
        ("partner_open", "i'd imagine so", "probably"),
        ("partner_open", "i'd like to believe she would", "probably"),
        ("partner_open", "fingers crossed, he says he misses us", "probably"),
        ("partner_open", "nahhh", "no"),
    ],
)
def test_new_wording_is_read(question, text, value):
    assert read(question, text).value == value


@pytest.mark.parametrize(
    "text",
    [
        "he pinned me against the wall last week",
        "there are bruises on my arm from him",
        "she twisted my wrist",
        "i'm on edge around him, you never know what mood he'll be in",
        "i get anxious when he drinks",
        "nervous before she gets home, i never know what will set her off",
        "i tiptoe around him",
        "he's never hit me but he shoved me once",
    ],
)
def test_bodily_harm_and_fear_of_the_partner_are_disclosures(text):
    assert read("feels_safe", text).value == "disclosure"


@pytest.mark.parametrize(
    "text",
    [
        "he's never hit me, just yells",
        "she hasn't hurt me physically",
        "he hasn't hit me again since",
        "no, he's never been violent",
        "he's never hit me but i don't feel safe",
        "never violent, but i'm not sure",
    ],
)
def test_a_denial_of_harm_with_a_hedge_is_not_a_clear_yes(text):
    assert read("feels_safe", text).value not in (None, "yes")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("partner_open", "i really don't wanna discuss him"),
        ("partner_open", "can we not talk about her right now"),
        ("pulled_away", "i'm sick of talking about him"),
    ],
)
def test_a_refusal_to_talk_about_the_partner_is_a_skip(question, text):
    from coach.assessment import SKIP

    reading = read(question, text)
    assert (reading.value, reading.kind) == (None, SKIP)


@pytest.mark.parametrize(
    "text", ["ummm what", "how long have we been together? 6 years", "lol what"]
)
def test_non_answers_to_the_safety_question_stay_non_answers(text):
    assert not read("feels_safe", text).answered


def test_work_with_a_question_is_not_a_cause():
    assert not read("cause", "working on what?").answered


# --- Durations told by a date, read against the coach's clock ------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("since halloween really", "weeks"),
        ("since thanksgiving", "weeks"),
        ("her birthday, the 2nd of nov", "weeks"),
        ("that was end of october", "weeks"),
        ("since the wedding in may", "months"),
        ("since we got back from the honeymoon, that was april", "months"),
        ("since easter", "months"),
        ("since new year but it got worse over the summer", "months"),
        ("since last christmas", "months"),
        ("since last christmas.. no actually before that, the one before", "year_plus"),
        ("since the summer before last", "year_plus"),
        ("since march 2019", "year_plus"),
    ],
)
def test_duration_dates_count_back_from_today(monkeypatch, text, value):
    monkeypatch.setattr(assessment, "_today", lambda: date(2026, 12, 6))
    assert read("duration", text).value == value


def test_a_date_moves_with_the_clock(monkeypatch):
    monkeypatch.setattr(assessment, "_today", lambda: date(2027, 3, 1))
    assert read("duration", "since halloween").value == "months"
    monkeypatch.setattr(assessment, "_today", lambda: date(2027, 1, 10))
    assert read("duration", "since new year").value == "weeks"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7 weeks", "weeks"),
        ("month and a half", "weeks"),
        ("9 mo", "months"),
        ("weeks not months", "weeks"),
        ("months, not weeks", "months"),
        ("under a year. 7 or 8 months maybe", "months"),
        ("not quite a year", "months"),
        ("since spring, it wasn't like one day it just happened", "months"),
        ("🤷", "unsure"),
    ],
)
def test_duration_spans_hints_and_shrugs(monkeypatch, text, value):
    monkeypatch.setattr(assessment, "_today", lambda: date(2026, 12, 6))
    assert read("duration", text).value == value


def test_how_long_they_have_been_together_is_not_the_answer():
    assert not read("duration", "we're not married btw, just been dating a while").answered


# --- Causes: vocabulary, several at once, and causes set aside ------------------------------
@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("she's on tinder behind my back", {"conflict"}),
        ("my radiotherapy", {"health"}),
        ("he put our savings into bitcoin", {"stress"}),
        ("she's been working in singapore since june", {"distance"}),
        ("he's in perth for work most of the year", {"distance"}),
        ("he works every weekend now", {"new_job"}),
        ("we just do the same stuff every night, habit really", {"routine"}),
        ("our youngest got expelled and we can't agree on anything", {"new_baby", "conflict"}),
        ("we lost our nan and then my job went", {"health", "stress"}),
        ("depression after the birth", {"health", "new_baby"}),
    ],
)
def test_cause_vocabulary_and_several_causes(text, stores):
    reading = read("cause", text)
    assert {assessment.CAUSE_LABELS[label] for label in reading.value} == stores


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("the move was fine, it's really his job. he's stressed", ("stress",)),
        ("people say it's the baby but it's not, it's the arguing", ("conflict",)),
        ("my gran died but we weren't close so i don't think that's it", ("nothing",)),
        ("we had twins in may but it started before that so not that", ("nothing",)),
        ("we're fine for money, it's his drinking", ("drinking",)),
    ],
)
def test_dismissed_causes_are_dropped(text, labels):
    reading = read("cause", text)
    assert reading.answered
    assert tuple(reading.value or ()) == labels or (labels == ("nothing",) and not reading.value)


@pytest.mark.parametrize(
    "text",
    [
        "nothing specific, we just drifted",
        "honestly nothing i can point to. same jobs, same house",
        "i don't think anything changed? it was always like this",
        "not that i can think of",
    ],
)
def test_nothing_changed_in_other_words(text):
    assert read("cause", text).value == ("nothing",)


@pytest.mark.parametrize(
    "text", ["ok thank you. first tip then", "ok, first step please", "sure, show me the plan"]
)
def test_a_yes_to_going_on_is_no_yes_to_deleting(text):
    """Asked "shall I delete it all now?", a request to go on must never delete anything."""
    assert read_confirmation(text) is None
    assert read_confirmation("yes, delete it and then the first tip") == "yes"


@pytest.mark.parametrize(
    ("story", "duration", "cause"),
    [
        (
            "My husband retired in June after 40 years with the council and I thought we'd "
            "finally have time together. Instead he's under my feet all day.",
            "months",
            ("retirement",),
        ),
        (
            "We moved from Leeds to Bristol for my partner's job in the summer.",
            "months",
            ("moving",),
        ),
        ("my husband's dad died in february and he's completely shut down.", "months", ("grief",)),
        ("he started a new job 3 months ago and we barely talk", "months", ("new_job",)),
        # a date with no change named, a future date, a trouble that is over: not read
        ("we got married in june and it's been great but now we feel apart", None, ()),
        ("my fiance is in the army and deployed till june. calls are short", None, ()),
        ("his mum was ill years ago but she's fine now. we feel distant", None, ()),
    ],
)
def test_a_change_the_story_dates_answers_how_long(story, duration, cause):
    """A change dated by a month, a season or "ago" tells how long (set 10, d07/d11/d25)."""
    assert story_duration([story]) == duration
    assert story_cause([story]) == cause


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("kinda both", "feels_safe", None),  # who pulled away: not "not safe"
        ("hmm hard to say. him a bit?", "feels_safe", None),
        ("hard to say", "feels_safe", "not_always"),
        (
            "yeah. he shouts when he's wound up and so do i tbh, but i'm not scared of him",
            "feels_safe",
            "yes",
        ),
        ("he shouts at me and so do i, but i'm scared of him", "feels_safe", "disclosure"),
        # hedged safety answers stay answers
        ("kind of? theres times i don't", "feels_safe", "not_always"),
        ("most of the time. he can be a bit sharp when he's stressed", "feels_safe", "not_always"),
        # shutting someone out is not harm; harm named stays a disclosure
        (
            "him, though I've probably stopped trying as hard because he keeps pushing me away",
            "feels_safe",
            None,
        ),
        ("he pushes me sometimes", "feels_safe", "disclosure"),
        ("he pushed me against the wall", "feels_safe", "disclosure"),
        ("I don't want to lose her too.", "partner_open", None),
        ("he just wants to be left alone", "partner_open", None),
        # the person's own effort is not the partner's willingness
        (
            "him, though I've probably stopped trying as hard because he keeps pushing me away",
            "partner_open",
            None,
        ),
        ("he comes home tired and wants to zone out", "partner_open", None),
        ("she wants to, she keeps saying so", "partner_open", "yes"),
        ("i don't want to lose him but he won't try", "partner_open", "no"),
    ],
)
def test_replies_about_something_else_are_not_taken_for_answers(text, question, expected):
    assert read(question, text).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'd rather not answer questions tbh. just tell me what to try", QUESTIONS_SKIP),
        ("i dont really want to answer questions, just tell me what to try", QUESTIONS_SKIP),
        ("ok you can ask now", QUESTIONS_START),
        ("hm ok. fine ask me then", QUESTIONS_START),
        ("can i ask you something", None),
        ("no questions pls, direct tips", QUESTIONS_SKIP),
        ("can u skip the qs i've got like 5 min before school pickup", QUESTIONS_SKIP),
        ("skip the questions", QUESTIONS_SKIP),
        ("no more qs, just tips", QUESTIONS_SKIP),
        ("enough questions just help me", QUESTIONS_SKIP),
        ("can we not do the questionnaire thing", QUESTIONS_SKIP),
        ("i'm not in the mood for questions", QUESTIONS_SKIP),
        ("skip this one", None),
    ],
)
def test_leave_to_ask_and_declining_the_questions(text, expected):
    assert questions_request(text) == expected


def test_no_questions_asked_is_no_refusal():
    assert questions_request("he'd do anything for me, no questions asked") != QUESTIONS_SKIP


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        # asking to leave the safety question is an answer: rather not say (a bare "skip"
        # stays a request)
        ("feels_safe", "could we skip this one please", "rather_not_say"),
        ("feels_safe", "can i skip that question", "rather_not_say"),
        # not a clear yes: not knowing, a hedge, a partial yes before "not when"
        ("feels_safe", "dunno really", "not_always"),
        ("feels_safe", "i believe so", "not_always"),
        ("feels_safe", "kind of. not when he's had a few", "not_always"),
        ("feels_safe", "usually. not when she's stressed", "not_always"),
        # a double negative is a yes; harm beside it is still a disclosure
        ("feels_safe", "not unsafe no, just lonely", "yes"),
        ("feels_safe", "not unsafe, but he hit me once", "disclosure"),
        ("feels_safe", "kinda. he pushed me last month", "disclosure"),
        ("feels_safe", "i'd say so. he did grab my wrist once", "disclosure"),
        # the partner sees no problem, or says yes to placate: probably not
        ("partner_open", "he doesn't see that there's a problem", "probably_not"),
        ("partner_open", "she won't admit there's an issue", "probably_not"),
        ("partner_open", "he'd agree just to keep the peace, then nothing", "probably_not"),
        ("partner_open", "i suppose we'll find out", "unsure"),
        ("partner_open", "i think she would, once work calms down", "probably"),
        ("partner_open", "kinda, if i catch him in a good mood", "probably"),
        ("partner_open", "she would, definitely", "yes"),
        # who pulled away: "not ... either" is both, an answer after the doubt counts
        ("pulled_away", "she's gone quiet but i haven't made much effort either", "both"),
        ("pulled_away", "idk, it kind of happened to both of us", "both"),
        ("pulled_away", "so me, i guess", "me"),
        ("pulled_away", "can i say both? we both did", "both"),
        ("pulled_away", "him, i'm just so tired of chasing", "partner"),
        # a date told after the event
        ("duration", "since his birthday which was last month", "weeks"),
    ],
)
def test_hedges_and_asides_in_everyday_words(question, text, value):
    assert read(question, text).value == value


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("pulled_away", "ask her, she'll tell you it's me"),
        ("pulled_away", "i'm so fed up with everything"),
        ("pulled_away", "i don't want to point fingers"),
        ("pulled_away", "not saying that"),
        ("pulled_away", "i don't want to answer that"),
        ("duration", "we've been seeing each other a while, not married"),
    ],
)
def test_refusals_and_remarks_are_no_answer(question, text):
    assert not read_reply(question, text).answered


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        # Sentences written for session 19 (after the rules, so not blind; none from a table).
        ("duration", "decades honestly, since the wedding really", "year_plus"),
        ("duration", "since our youngest and he's 6 now", "year_plus"),
        ("duration", "how am i supposed to know that lol", "unsure"),
        ("duration", "since the wedding", "unsure"),
        ("pulled_away", "both of us but him a little more", "both"),
        ("pulled_away", "both but him more", "partner"),
        ("pulled_away", "is that important? we're both just exhausted", "unsure"),
        ("pulled_away", "does it matter? it was her", "partner"),
        ("pulled_away", "we're both miserable and we both went quiet", "both"),
        ("pulled_away", "your guess is as good as mine", "unsure"),
        ("feels_safe", "not when my husband's had a few", "not_always"),
        ("feels_safe", "sometimes yes, sometimes no", "not_always"),
        ("feels_safe", "who does really? lol", "not_always"),
        ("feels_safe", "how would i know", "not_always"),
        ("feels_safe", "not when she's angry, no", "no"),
        ("partner_open", "big fat no", "no"),
        ("partner_open", "that's a firm no from him", "no"),
        ("partner_open", "she's not going to, she thinks it's pointless", "no"),
        ("partner_open", "probably not, she's given up on us", "probably_not"),
        ("partner_open", "he agrees then forgets, so probably not", "probably_not"),
        ("partner_open", "he's been so distant lately, so no", "no"),
        ("partner_open", "she said she would. so yes probably", "probably"),
        ("partner_open", "i'm too scared to ask him tbh", "unsure"),
        ("partner_open", "that's what i'm trying to find out", "unsure"),
        ("partner_open", "one day yes the next no", "unsure"),
        ("partner_open", "how should i know", "unsure"),
        ("partner_open", "she'd be keen i think", "probably"),
        ("partner_open", "he said he would but i'll believe it when i see it", "unsure"),
        ("partner_open", "she's open to it, she just doesn't have the time right now", "probably"),
        ("partner_open", "he keeps saying 'whatever you want' which isn't really a yes", "unsure"),
        ("partner_open", "id say its a no", "no"),
        ("partner_open", "hes not bothered tbh", "probably_not"),
        ("partner_open", "honestly it's a no-brainer, he'd love it", "yes"),
        ("pulled_away", "it started with him but i followed", "both"),
    ],
)
def test_conclusions_shades_and_not_knowing_asked_back(question, text, value):
    assert read(question, text).value == value, (question, text)


@pytest.mark.parametrize(
    "text",
    [
        "some days yes some days no, he hit me last week",
        "not when he's drunk, he throws things at me",
        "sometimes yes sometimes no. i'm scared of him",
        "does anyone? he checks my phone every night",
        "not when he's angry. he grabbed my wrist",
        "how would i know. he chokes me sometimes",
    ],
)
def test_harm_beside_a_doubting_safety_answer_stays_a_disclosure(text):
    assert read("feels_safe", text).value == "disclosure"


@pytest.mark.parametrize(
    ("question", "text", "answer"),
    [
        ("feels_safe", "yes safe. can i ask something, is this my fault?", "yes safe."),
        ("feels_safe", "yes safe po. but can i ask, how do i tell him i'm lonely?", "yes safe po."),
        ("pulled_away", "both of us, should i just leave?", "both of us"),
        ("partner_open", "probably. how do i bring it up without a fight?", "probably."),
        ("feels_safe", "is it safe to tell him how i feel?", None),
        ("duration", "is it normal after 10 years?", None),
        ("duration", "about a year", None),
        ("cause", "hmm. what do you mean by change?", None),
    ],
)
def test_the_answer_given_before_a_question_of_the_person_s_own(question, text, answer):
    assert answer_before_question(question, text) == answer


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # Sentences written for session 20 (none from a table): two changes in one answer.
        ("i got made redundant and money got tight", ("money", "job_loss")),
        ("new job and we moved", ("new_job", "moving")),
        ("my husband had a heart attack and i'm looking after him", ("caring", "health")),
        ("she was diagnosed with ms and i do everything now", ("health", "caring")),
        ("he had an operation on his knee and i'm doing it all", ("health", "caring")),
        ("my gran got cancer and i've been looking after her", ("caring", "health")),
        ("he's been betting and blew our savings", ("money", "addiction")),
        ("she's at work till 10 most nights and stressed", ("long_hours", "stress")),
        ("he moved for work and we're living apart", ("distance", "moving")),
        ("i moved to leeds and he stayed put", ("distance", "moving")),
        ("nursery fees, we're skint", ("kids", "money")),
        ("i lost my job and my mum within weeks", ("job_loss", "grief")),
        ("lost my dad and my job in the same year", ("job_loss", "grief")),
        # One change, its reason or its cost beside it: one label.
        ("his mum got sick and i'm caring for her", ("caring",)),
        ("i look after my dad since his fall", ("caring",)),
        ("caring for my nan since her stroke", ("caring",)),
        ("gambling, and now we owe everyone", ("money",)),
        ("he works till 8 every day", ("long_hours",)),
    ],
)
def test_an_answer_naming_two_changes_is_read_as_both(text, labels):
    assert read("cause", text).value == labels, text


@pytest.mark.parametrize(
    "text",
    [
        # Sentences written for session 20 (none from a table).
        "maybe the move, or maybe not",
        "maybe the new job, then again maybe not",
        "could be her mum's illness, could be nothing",
    ],
)
def test_a_guess_taken_back_is_not_knowing(text):
    assert read("cause", text).value == ("nothing",), text


def test_a_guess_kept_or_whether_or_not_is_still_read():
    assert read("cause", "hmm maybe when he went on nights? not sure").value == ("shift_work",)
    assert read("cause", "we argued about whether or not to have another baby").value == (
        "new_baby",
        "conflict",
    )


def test_caring_for_someone_ill_ranks_as_the_caring():
    labels = read("cause", "my wife had surgery and i've been caring for her").value
    assert labels == ("caring", "health")
    assert cause_slot(labels) == "stress"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Sentences written for session 20 (none from a table): a yes or a probably with a
        # hedge about who would begin, or a grumble before going along, is probably.
        ("probably but he'd never start it", "probably"),
        ("she'd roll her eyes but do it", "probably"),
        ("prob yes if i ask nicely", "probably"),
        ("yeah but i'd have to be the one to book it", "probably"),
        ("i think so, he just wouldn't bring it up himself", "probably"),
        ("probably, though she'd never suggest it", "probably"),
        ("prob yeah, he just won't organise anything", "probably"),
        ("he'd grumble but go along with it", "probably"),
        ("she'd moan about it but she'd come", "probably"),
        ("maybe yeah, he's mentioned it once", "probably"),
        ("maybe yes maybe no", "unsure"),
        ("no and he'd never start anything anyway", "no"),
    ],
)
def test_a_yes_hedged_about_who_would_begin_is_probably(text, value):
    assert read("partner_open", text).value == value, text
