"""Long, several-sentence messages are classified by what matters in them, not by their
greeting, their backstory or their politeness (issue 4).

The rule the training data follows: describing the situation, even with a general "what do
I do?" at the end, is ``feel_disconnected``; a specific how-to question is ``request_tips``
however much context surrounds it; a risk anywhere in the message wins over everything.
Written for this test, not copied from the training data or the held-out sets.
"""

import pytest

LONG = [
    # A greeting or thanks in front of a description does not make it small talk.
    (
        "Hi, hope it's ok to ask here. My husband and I have been married nine years and over "
        "the last one we've become really distant. He sits in his study every night and I "
        "watch telly on my own.",
        "feel_disconnected",
    ),
    (
        "Thanks for listening. So basically my girlfriend and I have lived together two years "
        "and we hardly talk now. She's nice to me but it's like she's somewhere else. I don't "
        "know what happened to us.",
        "feel_disconnected",
    ),
    # "ok" or "yes" at the start of a long story is not agreement.
    (
        "ok so. me and my partner used to be inseparable. then covid, then the new house, then "
        "his mum got ill. now we're like two people who share a fridge. any advice?",
        "feel_disconnected",
    ),
    (
        "Yes I think that's it really. We've been together since school and lately it feels "
        "like we've run out of things to say. Evenings are silent. I miss how we were.",
        "feel_disconnected",
    ),
    # Backstory around a specific how-to question: the question is what matters.
    (
        "We've been together eleven years and have three kids. Our evenings disappear into "
        "bedtimes and laundry. How can we find even twenty minutes a day just for us?",
        "ask_question",  # a specific question the guidance store answers (issue 17)
    ),
    (
        "My wife said something really hurtful in a row last month and she's apologised. "
        "I want to move on but I keep replaying it. How do I actually forgive her?",
        "ask_question",  # answered from the store: forgiving is not excusing
    ),
    (
        "How do we stop bickering over the washing up? It's so petty but it happens every "
        "single night and we both end up sulking in different rooms.",
        # answered from the store since it learnt the questions of sets 5 and 7 (2026-12-06,
        # fifth session): "we tried talking and it turned into a fight" (one small thing, a
        # calmer time, a pause either can call) answers it better than a list of tips
        "ask_question",
    ),
    (
        "My boyfriend is lovely but he never says how he's feeling, he just goes quiet. "
        "What can I say to help him open up to me a bit more?",
        # answered from the store since it learnt the questions of sets 8-10 (2026-12-07,
        # session 17): people wrote a partner who goes quiet as one who shuts down, and that
        # answer's openers fit "what can I say" better than a general tip
        "ask_question",
    ),
    # A question about the outlook, after the story.
    (
        "We've drifted for about five years, kids, work, the usual. Last week we finally "
        "talked about it and we both want to try. Realistically, how long before it feels "
        "better?",
        "ask_how_long",
    ),
    # A risk anywhere in a long message wins.
    (
        "We hardly speak any more and I feel like a ghost in my own house. Honestly some days "
        "I don't want to wake up. I don't know why I'm typing this.",
        "express_crisis",
    ),
]


@pytest.mark.parametrize(("text", "intent"), LONG)
async def test_long_message_is_classified_by_what_matters(parse, text, intent):
    assert (await parse(text))["intent"]["name"] == intent


@pytest.mark.parametrize(
    "text",
    [
        "k",
        "mhm",
        "sure",
        "yeah ok",
        # consent in more words (fifth session): "perfect" went to the store, "please" and
        # "hit me" to a clarifying question
        "perfect",
        "please",
        "hit me",
    ],
)
async def test_very_short_agreement(parse, text):
    assert (await parse(text))["intent"]["name"] == "affirm"


async def test_not_sure_is_an_answer_not_a_yes_or_no(parse):
    assert (await parse("not sure"))["intent"]["name"] == "inform"
