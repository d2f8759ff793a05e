"""Hedged yeses, asides and dated events in answers (issue 19, session 17).

The sentences are written for these tests, not taken from the answer tables.
"""

import pytest

from coach.assessment import UNSURE, read


@pytest.mark.parametrize(
    "text",
    [
        "haha yes, she's a softie really",
        "lol yeah he's a big softy",
        "yes, he's been short-tempered since work got busy, never frightening though",
        "physically yes. she's just distant these days",
        "yep, we argue now and then, it's never gone beyond words",
        "yes of course, that's not what's wrong",
        "she can be snappy after a long shift but safe yeah, she just grumbles at the news",
    ],
)
def test_a_yes_with_a_remark_about_the_relationship_stays_yes(text):
    """A remark about moods, coldness or rows between the two of them leaves the yes."""
    assert read("feels_safe", text).value == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes but he shouts at me when he's tired", "not_always"),
        ("yeah, physically, but she says nasty things to me", "not_always"),
        ("yes mostly, he's just moody", "not_always"),
        ("yes, but he frightens me when he drinks", "disclosure"),
        ("he scares me sometimes but safe yeah", "disclosure"),
        ("i keep my head down so he doesn't kick off", "disclosure"),
        ("safe with him yes. but some days i wish i wasn't here", "no"),
        ("not 100% of the time, no", "not_always"),
        ("that's complicated", "rather_not_say"),
    ],
)
def test_what_a_yes_does_not_cover(text, value):
    """Hedges on safety, words aimed at the person, fear and despair are not a clear yes."""
    assert read("feels_safe", text).value == value


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("feels_safe", "yes. why are you asking?", "yes"),
        ("feels_safe", "odd question but yes", "yes"),
        ("feels_safe", "yeah - why do you ask? honestly i'm fine", "yes"),
        ("duration", "why do you need that? ok fine, since the autumn", "months"),
        ("duration", "is it silly if i say since the honeymoon? that was 2020", "year_plus"),
    ],
)
def test_an_aside_beside_the_answer_leaves_the_answer(question, text, value):
    """A why-question or a word about the question beside an answer: the answer counts."""
    assert read(question, text).value == value


def test_an_aside_alone_is_still_no_answer():
    """Only asking why is not an answer."""
    reading = read("feels_safe", "why do you ask that?")
    assert not reading.answered


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("since she turned 30 and she's 34 now", "year_plus"),
        ("since our daughter came along and she's almost 3 now", "year_plus"),
        ("since the boys were born, they turn 5 in march", "year_plus"),
        ("since we bought the house, that was 2018", "year_plus"),
        ("since february half term", "months"),
        ("since october half term", "weeks"),
        ("since we moved here three summers ago", "year_plus"),
        ("just this week really", "weeks"),
        ("dunno like since aug", "months"),
        ("since the begining of the yr", "months"),
        ("maybe the autumn, maybe earlier, i really don't know", UNSURE),
        ("weeks? months? it's all a blur", UNSURE),
        ("since the summer, maybe a bit before", "months"),
    ],
)
def test_how_long_in_more_words(text, value):
    """Ages then and now, a child's age, an event's year, school holidays, doubt said last."""
    assert read("duration", text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nope, she says we're fine as we are", "no"),
        ("no way. he thinks therapy is a joke", "no"),
        ("she won't see a counsellor but she might try a book", "probably"),
        ("he'd grumble but come round in the end", "probably"),
        ("yep as long as it's not hours of talking", "probably"),
        ("yes, but on her terms", "probably"),
        ("maybe in the new year, but then yes", "probably"),
        ("i hope so, we haven't had the chat yet", UNSURE),
        ("not open, not closed, somewhere in between", UNSURE),
        ("she'd rather eat glass than go to couples therapy", "probably_not"),
        ("when i suggested a date night she said it's pointless", "probably_not"),
        ("last time i brought it up he just walked off", "probably_not"),
        ("not sure he even wants to be with me anymore", "probably_not"),
    ],
)
def test_the_partners_willingness_in_more_words(text, value):
    """A flat no with a reason, a yes on a condition, the chat not had yet, refusals."""
    assert read("partner_open", text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pretty equal really", "both"),
        ("she'd blame me, i'd blame her. so both i guess", "both"),
        ("i reckon it's her but she thinks it's me", UNSURE),
        ("me? or maybe she went first. honestly i don't know", UNSURE),
        ("not quite sure who, it just happened", UNSURE),
        ("not totally sure, it crept up", UNSURE),
    ],
)
def test_who_pulled_away_settled_at_the_end(text, value):
    """A conclusion after "so", a disagreement left open, doubt said last."""
    assert read("pulled_away", text).value == value


@pytest.mark.parametrize(
    "text",
    [
        # Who pulled away, said at the safety question; the story words are not a refusal.
        "probably me tbh. i get home wiped and dont want to talk about anything so i go silent",
        "both, we dont want to talk about it with each other",
        "him mostly. he goes off to the pub with his brother and i stay in",
        # What changed, said at the safety question: not "no".
        "not really anything, maybe work got busier",
        "no, nothing changed that i can see",
        "nothing really, it just crept up",
    ],
)
def test_another_questions_answer_at_the_safety_question_is_no_answer(text):
    # Session 18 (development dialogues): such replies got the abuse line and safe-only tips.
    reading = read("feels_safe", text)
    assert not reading.answered, text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nothing makes me feel safe at home anymore", "no"),
        ("i never feel safe when he drinks", "no"),
        ("me. and i'm scared of him", "disclosure"),
        ("both of us, and honestly he frightens me", "disclosure"),
        ("he goes off on me over nothing", "disclosure"),
        ("no, nothing is safe about it, he hurts me", "disclosure"),
        ("not really", "no"),
        ("i'd rather not say", "rather_not_say"),
    ],
)
def test_safety_words_keep_their_reading(text, value):
    assert read("feels_safe", text).value == value, text
