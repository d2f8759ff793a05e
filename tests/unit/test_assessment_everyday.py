"""The readers of the five questions on everyday wordings (development table 6's kinds)."""

import pytest

from coach.assessment import UNSURE, answers_out_of_order, read, story_duration, story_pulled_away
from coach.spelling import normalise


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("not me anyway", "partner"),
        ("not him, he's trying", "me"),
        ("guilty 🙈", "me"),
        ("the missus", "partner"),
        ("the pair of us", "both"),
        ("each of us in our own way", "both"),
        ("i go back and forth on that", UNSURE),
        ("i don't know, i've been asking myself that for months", UNSURE),
        ("not sure, probably me", "me"),
    ],
)
def test_who_pulled_away_in_everyday_words(text, value):
    """Negations, nicknames, pairs and shrugs name who pulled away (or nobody)."""
    assert read("pulled_away", text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("never felt unsafe with him once in 12 years", "yes"),
        ("yeah it's not that kind of problem", "yes"),
        ("yes, physically and emotionally. he's just distant", "yes"),
        ("mhm", "yes"),
        ("too right i do", "yes"),
        ("90% of the time", "not_always"),
        ("safe-ish", "not_always"),
        ("that's private", "rather_not_say"),
        ("not comfortable answering that tbh", "rather_not_say"),
        ("pass", "rather_not_say"),
        ("i'm scared all the time tbh", "disclosure"),
        ("sometimes i lock myself in the bathroom till he calms down", "disclosure"),
        ("he makes me have sex when i don't want to", "disclosure"),
        ("physically yes but i'm scared to bring stuff up", "not_always"),
    ],
)
def test_feels_safe_in_everyday_words(text, value):
    """Only a clear yes is yes; fear, hiding and coercion are disclosures."""
    assert read("feels_safe", text).value == value


def test_a_question_about_the_safety_question_is_not_an_answer():
    """'some kind of' is not the hedge 'kind of'."""
    assert not read("feels_safe", "is this some kind of screening thing").answered


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("she keeps suggesting date nights", "yes"),
        ("he said he'd do whatever it takes", "yes"),
        ("very much so", "yes"),
        ("reckon so", "probably"),
        ("he might grumble but i think he'd come round", "probably"),
        ("he said he would, we'll see", "probably"),
        ("we'll see", UNSURE),
        ("i haven't brought it up yet", UNSURE),
        ("that's the million dollar question", UNSURE),
        ("doubtful", "probably_not"),
        ("not sure he'd bother tbh", "probably_not"),
        ("i don't think she cares enough anymore", "probably_not"),
        ("she's made it clear she's not interested", "no"),
        ("not at all", "no"),
        ("he says there's nothing to work on", "no"),
    ],
)
def test_partner_open_in_everyday_words(text, value):
    """Hedges rank between yes and no; a stated refusal is a no."""
    assert read("partner_open", text).value == value


def test_an_uninflected_english_word_is_not_taken_for_a_typo():
    """'forth' is English (the lemma index), not a typo of 'worth'."""
    assert normalise("back and forth", ["worth"]) == "back and forth"


OPEN = ["pulled_away", "feels_safe", "partner_open"]


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("me, i think. he tries. i keep him at arms length", {"pulled_away": "me"}),
        ("i guess me? im so busy doing stuff for her", {"pulled_away": "me"}),
        ("him mostly", {"pulled_away": "partner"}),
        ("yes safe", {"feels_safe": "yes"}),
        ("yes, im safe with him. its more that i dont trust him yet", {"feels_safe": "yes"}),
        ("safe but sometimes he yells", {}),
        ("what if she thinks im making it all about me", {}),
        ("am i a terrible person for feeling this way", {}),
        ("yes", {}),
    ],
)
def test_a_reply_that_answers_another_question_is_taken_for_it(text, taken):
    """Given instead of an answer (generous), a named person or a plain 'safe' is taken."""
    assert answers_out_of_order(text, "duration", OPEN, generous=True) == taken


def test_short_answers_to_other_questions_wait_when_the_asked_one_was_answered():
    """Beside an answer to the question asked, 'me, i think' is not read for another."""
    assert answers_out_of_order("me, i think", "duration", OPEN) == {}


@pytest.mark.parametrize(
    "text",
    [
        "he'd be up for it i reckon, he's the one who leaves the notes lol",
        "i think she'd want to, she just doesn't have the bandwidth right now",
    ],
)
def test_the_partner_s_willingness_does_not_say_who_pulled_away(text):
    """Said at 'who pulled back?', it is not an answer there, and is kept for its question."""
    assert not read("pulled_away", text).answered
    assert answers_out_of_order(text, "pulled_away", ["partner_open"], generous=True) == {
        "partner_open": "probably"
    }


@pytest.mark.parametrize(
    "text", ["she would be, if we could find the time", "he'd come along if i asked i think"]
)
def test_willing_on_a_condition_is_probably(text):
    """A yes with a condition ranks as probably."""
    assert read("partner_open", text).value == "probably"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes, not scared of her at all", "yes"),
        ("yeah, it's just bickering, never anything scary", "yes"),
        # rows between the two of them, with escalation and fear denied: a yes (it was
        # "not a clear yes" until blind dialogues showed people meant and expected a yes)
        ("we shout at each other but it's never gone further and i'm not scared of him", "yes"),
        ("he shouts at me but he's never hit me", None),
        ("it's never gone physical but he scares me", "disclosure"),
        ("i'm not scared of him but he pushed me once", "disclosure"),
        ("i am scared of him", "disclosure"),
    ],
)
def test_fear_denied_is_not_a_disclosure(text, value):
    """'not scared of him' denies fear; harm named beside it is still a disclosure."""
    got = read("feels_safe", text).value
    assert got == value if value else got in ("not_always", "no")


@pytest.mark.parametrize(
    ("text", "value"),
    [("lol ok. yeah she'd give it a go", "probably"), ("he's more open than me tbh", "yes")],
)
def test_more_ways_to_say_the_partner_would_try(text, value):
    """Giving it a go and being open, said of the partner."""
    assert read("partner_open", text).value == value


@pytest.mark.parametrize(
    ("story", "value"),
    [
        ("my partner's mum died in the spring and he's completely closed off since", "months"),
        ("his mum moved in 6 months ago after her fall and ever since then it's hard", "months"),
        ("we both retired last year. the nice bits have sort of faded since", "year_plus"),
        ("he got promoted about 6 weeks ago and ever since hes distant", "weeks"),
        ("we've drifted apart over the last couple of years", "year_plus"),
        ("moved to melbourne for work in feb. we've felt further apart every week since", "months"),
        # what dates something else is not how long it has felt this way
        ("we've been married 20 years and since the kids left it's quiet", None),
        ("we argued loads years ago when the kids were small, but not now. now it's silence", None),
        ("haven't seen each other since christmas and every call ends in a fight", None),
        ("since he started on the rigs, two weeks on two off, we have separate lives", None),
        ("our dog of 14 yrs died and we've been off with each other ever since", None),
        ("we feel like roommates lately", None),
    ],
)
def test_how_long_is_read_from_a_story_only_when_it_dates_the_change(story, value):
    assert story_duration([story]) == value


@pytest.mark.parametrize(
    "text",
    [
        "how do you know if it's worth saving though? sometimes i wonder if we should split",
        "sorry can i ask something. i tried to talk to him and it was a row. did i make it worse?",
        "quick question first, is it normal that we both just go quiet?",
    ],
)
def test_a_reply_that_opens_by_asking_answers_nothing(text):
    assert not read("pulled_away", text).answered


def test_an_opinion_the_partner_would_not_share_is_not_their_willingness():
    text = "him, i'd say, though he wouldn't see it that way"
    assert read("pulled_away", text).value == "partner"
    assert answers_out_of_order(text, "pulled_away", ["partner_open"]) == {}
    refused = "him. he'd never agree to counselling"
    assert answers_out_of_order(refused, "pulled_away", ["partner_open"]) == {"partner_open": "no"}


@pytest.mark.parametrize(
    ("story", "value"),
    [
        ("he's completely closed off since. he's the one who's pulled away, not me", "partner"),
        ("since my dad passed i've pulled away from my girlfriend, i know i have", "me"),
        ("she's withdrawn from me and i've shut down too", "both"),
        ("he thinks i've gone cold. i haven't, i just show it differently", None),
        ("his family used to be the problem but they've backed off now", None),
        ("we feel like roommates lately", None),
    ],
)
def test_who_pulled_away_is_read_from_a_story_only_when_said_plainly(story, value):
    assert story_pulled_away([story]) == value


def test_what_changed_is_read_from_the_dated_part_of_a_story():
    from coach.assessment import request_kind, story_cause

    assert story_cause(["she started a big new job in the summer and since then we drift"]) == (
        "new_job",
    )
    assert story_cause(["we argue about money. we feel like roommates lately"]) == ()
    assert story_cause(["my friend's husband cheated on her and ever since i've worried"]) == ()
    for text in ("ok sounds good, start", "thanks. first tip then", "ok thank you. first tip then"):
        assert request_kind(text) == "request_tips"


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("partner_open", "he'd be into it, hes the one who said we're like coworkers now", "yes"),
        ("partner_open", "he'll say yes and then forget lol. so kinda?", "unsure"),
        ("pulled_away", "we retreat to separate corners, she has her garden, i the radio", "both"),
        ("cause", "since i went back full time at the start of the year", ("new_job",)),
        ("cause", "we had our second and he went back to work after a week", ("new_baby",)),
    ],
)
def test_wordings_of_the_fifth_blind_set(question, text, value):
    """Read after blind set 8 was measured (development material since)."""
    assert read(question, text).value == value


@pytest.mark.parametrize("text", ["lets go", "ok let's go", "can we start with something tiny"])
def test_getting_going_at_a_question_is_a_request_for_tips(text):
    from coach.assessment import request_kind

    assert request_kind(text) == "request_tips"
    assert request_kind("let's go for a walk more often") is None


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        # a mood or a temper first, then a plain "i'm safe": yes
        ("feels_safe", "yes he's moody but he'd never hurt me", "yes"),
        ("feels_safe", "he's irritable and snappy lately but i'm not scared of him, no", "yes"),
        ("feels_safe", "he goes quiet when he's angry, not loud. so yes", "yes"),
        ("feels_safe", "he hasn't hurt me if thats what you mean", "yes"),
        ("feels_safe", "aye", "yes"),
        ("feels_safe", "can i not answer that", "rather_not_say"),
        # ... but harm before the "i'm fine" is still a disclosure
        ("feels_safe", "he hits me when he drinks but i'm fine", "disclosure"),
        ("feels_safe", "he grabbed my arm once but i'm not scared of him", "disclosure"),
        # keeping the peace out of fear is a disclosure, not a denial
        ("feels_safe", "i watch what i say so he doesn't kick off", "disclosure"),
        ("feels_safe", "i keep a bag packed in the boot just in case", "disclosure"),
        # self-corrections: the last word counts
        ("pulled_away", "both, no him. yeah him", "partner"),
        ("pulled_away", "him, no actually me. i've been the distant one", "me"),
        ("duration", "weeks. no, months actually", "months"),
        # who pulled away, in more words
        ("pulled_away", "both but me more", "me"),
        ("pulled_away", "he pulled away and then i pulled away to protect myself", "both"),
        ("pulled_away", "he would say me, i would say him 🙃", "unsure"),
        ("pulled_away", "his side mostly", "partner"),
        # whether the partner is open: deeds that take a yes back, leaving, hopes
        ("partner_open", "she says yes but then nothing changes", "unsure"),
        ("partner_open", "she's open to it in theory, in practice less so", "unsure"),
        ("partner_open", "she's already said she wants a divorce", "no"),
        ("partner_open", "i hope so 🤞", "unsure"),
        ("partner_open", "i think deep down yes but he won't admit it", "probably"),
        ("partner_open", "er. maybe not", "probably_not"),
        ("partner_open", "he's the one who wants to fix it, i'm the one not sure", "yes"),
        ("partner_open", "he wants to leave the job and retrain", "yes"),
        ("partner_open", "he would yeah, as long as it doesnt mean more to do", "probably"),
        ("partner_open", "he would, hes just scared of wearing me out", "yes"),
        # the partner's own fears, and fear denied in more words
        ("feels_safe", "yes i feel safe with her lol shes tiny and scared of moths", "yes"),
        ("feels_safe", "yeah we shout sometimes but ive never once been scared of her", "yes"),
        # causes in everyday words
        ("cause", "lockdown i think, we were stuck in the flat together", ("routine",)),
        ("cause", "my periods went all over the place, GP says its peri", ("health",)),
        ("cause", "he got really into fantasy football", ("screens",)),
        ("cause", "kinda? my hours changed to earlies so we never overlap", ("shift_work",)),
        ("cause", "he found messages on my phone. from someone at work", ("infidelity",)),
        ("cause", "can't remember tbh", ("nothing",)),
    ],
)
def test_wordings_of_the_development_table_9(question, text, value):
    """From tests/data/assessment_answers_9_dev.yml (written blind, development material)."""
    assert read(question, text).value == value


def test_two_answers_in_one_sentence_are_read_part_by_part():
    """ "both, and yes before you ask, i feel completely safe": each comma part on its own."""
    from coach.assessment import QUESTIONS, answers_out_of_order

    text = "both, and yes before you ask, i feel completely safe, he's a gentle soul"
    assert answers_out_of_order(text, "duration", list(QUESTIONS), generous=True) == {
        "pulled_away": "both",
        "feels_safe": "yes",
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("since spring last year", "year_plus"),  # the spring of the year before (6 Dec 2026)
        ("since easter last year", "year_plus"),
        ("since christmas last year", "months"),  # 25 Dec 2025
        ("since the spring", "months"),
    ],
)
def test_a_season_last_year_counts_from_the_year_before(text, value):
    assert read("duration", text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("she's never once made me feel unsafe", "yes"),
        ("yes physically, but he can be really cutting with his words", "not_always"),
        ("yes, physically and emotionally. he's just distant", "yes"),
        ("he threw a plate at the wall last week", "disclosure"),
    ],
)
def test_the_safety_question_in_more_words(text, value):
    assert read("feels_safe", text).value == value
