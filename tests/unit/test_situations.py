# ruff: noqa: RUF001  (a curly apostrophe is part of the test)
"""The situation reader: wordings per situation, combinations, and what must not be read."""

import pytest

from coach.nlp.situations import SITUATIONS, read_situations, situations

WORDINGS = {
    "new_baby": [
        "since the baby arrived we hardly speak",
        "we have a 6 month old and i feel invisible",
        "two under two and we're like zombies passing each other",
        "our toddler is up every night and we snap at each other over nothing",
        "since our son was born we're just parents",
        "I'm on maternity leave and he doesn't get it",
        "the baby is 4 months and we're running on empty",
        "since she was born we've been parents, not a couple",
    ],
    "new_job": [
        "she started a new job in the spring and it's all she talks about",
        "he got promoted and now he's never really present",
        "since I went back to work after the kids we're out of step",
        "my husband changed careers and it's taken over",
        "we relocated to Dubai for her job and I'm lonely",
    ],
    "long_hours": [
        "he works 70 hours a week and comes home wrecked",
        "we both do shift work and never overlap",
        "she's on night shifts so I sleep alone most of the week",
        "he's a workaholic and I feel like a single parent",
        "my wife does nights at the hospital",
        "he's FIFO and we only get a week at a time",
        "he's offshore, 2 weeks on 2 weeks off",
        "she works till 10 most nights",
    ],
    "screens": [
        "he's on his phone every evening",
        "she scrolls instagram in bed instead of talking",
        "he plays video games all weekend",
        "the tv is always on and we never talk",
        "he's always on the ipad at dinner",
        "she plays fortnite every evening",
    ],
    "infidelity": [
        "he had an affair last year",
        "i found out she cheated on me",
        "he was texting other women behind my back",
        "i feel betrayed and don't know how to trust him again",
        "I found out he's been talking to someone else",
        "she's been texting her ex again",
    ],
    "grief": [
        "we had a miscarriage in the summer",
        "my mum died and i can't feel anything for anyone",
        "since his dad passed away he won't talk to me",
        "we're grieving in completely different ways",
    ],
    "illness": [
        "my wife was diagnosed with MS",
        "I'm his carer since the stroke",
        "she's had chronic pain for years and we've lost the couple part",
        "my husband's depression means he barely speaks",
        "she's on antidepressants and feels far away",
    ],
    "long_distance": [
        "we're long distance and the time difference is killing us",
        "he's deployed for six months",
        "we live in different countries until the visa comes through",
    ],
    "empty_nest": [
        "the kids have all left home and it's just us now",
        "our youngest went off to university and the house is silent",
        "our son moved out last month and it's just us",
        "empty nesters and we don't know what to say to each other",
    ],
    "addiction": [
        "his drinking is getting worse",
        "she's an alcoholic and won't admit it",
        "he has a gambling problem",
        "my partner relapsed last month",
        "he's down the pub every night",
        "she comes home smelling of wine",
    ],
    "money": [
        "we're drowning in debt",
        "money is so tight we argue about every bill",
        "since he lost his job everything is about money",
        "we can't afford anything fun anymore",
        "she earns way more than me and it's become a thing",
    ],
    "in_laws": [
        "my mother-in-law criticises everything I do",
        "his parents are always round and we never get time alone",
        "we live with her parents and have no privacy",
        "his sister keeps stirring things between us",
        "her mum rings every day with opinions",
        "his family never accepted me",
        "we're always arguing about his mother",
    ],
    "retirement": [
        "since he retired we're under each other's feet all day",
        "retirement was supposed to be our time",
    ],
    "work_from_home": [
        "we both work from home in a one bed flat",
        "wfh together every day and we're sick of each other",
        "home working has made us colleagues",
        "since his office went fully remote we're together all day",
    ],
    "moving": [
        "we moved abroad for his job and I'm lonely",
        "since we relocated we've been out of sorts",
        "moving house has stressed us both out",
        "we bought our first house and it's been tense",
        "since we moved out to the countryside we're isolated",
    ],
    "arguing": [
        "we argue about everything",
        "we fight all the time now",
        "constant bickering over the smallest things",
        "we're at each other's throats",
        "we snipe at each other all evening",
    ],
    "no_affection": [
        "we haven't had sex in months",
        "he never hugs me anymore",
        "there's no physical affection at all",
        "she pulls away when i touch her",
        "it's basically a sexless marriage",
        "i miss being touched",
        "we haven't touched each other in months",
    ],
    "mismatched_needs": [
        "we want completely different things now",
        "she's an extrovert and i'm an introvert",
        "i need more affection and he thinks i'm being needy",
        "we have different expectations about how often to see friends",
        "our love languages are totally different",
        "he shows love by fixing things",
        "we have different attitudes to money",
        "he wants way more sex than me",
    ],
}


@pytest.mark.parametrize(
    ("situation", "text"), [(s, t) for s, texts in WORDINGS.items() for t in texts]
)
def test_each_wording_reads_its_situation(situation, text):
    assert situation in situations(text)


def test_every_situation_has_wordings():
    assert set(WORDINGS) == set(SITUATIONS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("new job, new baby and we moved house, all this year", ["new_job", "new_baby", "moving"]),
        ("since his dad died he's been drinking a lot", ["grief", "addiction"]),
        ("we argue about money constantly", ["arguing", "money"]),
        ("the kids moved out and then he retired", ["empty_nest", "retirement"]),
        (
            "after the affair we stopped touching each other and now we fight",
            ["infidelity", "no_affection", "arguing"],
        ),
    ],
)
def test_combinations_are_all_read_in_order(text, expected):
    assert situations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we feel distant",
        "like roommates lately",
        "i love him but i don't feel close anymore",
        "no money problems, we're comfortable",
        "he's not on his phone or anything, he's just not there",
        "his parents are lovely, it's just us",
        "we did long distance for years and were fine",
        "we don't fight, we just don't talk",
        "we've got 3 kids and no time for each other",  # not said to be young
        "he acts like a baby when he's tired",
        "we're trying for a baby",
        "i made the first move last night",
        "what is emotional intimacy",
        "our sex life is fine but we never talk",
        "three nights in a row we ate in silence",
        "I feel so depressed about us",
        "my friend's husband cheated on her and it scared me",
        "my sister just had a baby and it made me think about us",
        "my sister and her husband argue all the time",
        "if he ever cheated i'd leave, but that's not it",
        "nobody's cheated, it's just cold",
        "we used to argue a lot but now we don't even bother",
        "the hours are normal, so it's not work",
        "I work from home and feel lonely",
        "we play games together on friday nights",
        "her sister texts me sometimes and it's nice",
        "he works till 7 and then goes to the gym",
    ],
)
def test_no_situation_is_read_where_none_is_stated(text):
    assert situations(text) == []


def test_a_relative_helping_is_not_someone_elses_situation():
    assert situations("I went back to work and my mum looks after the baby") == [
        "new_job",
        "new_baby",
    ]


def test_a_phone_where_messages_were_found_is_not_a_screen_habit():
    assert situations("i found messages on his phone to another woman") == ["infidelity"]
    assert situations("he is always checking his phone") == ["screens"]


def test_a_loss_is_not_read_as_a_new_baby():
    assert situations("after we lost our baby we stopped talking") == ["grief"]


def test_spans_point_at_the_words():
    text = "He started a new job and we never talk"
    (found,) = read_situations(text)
    assert found.situation == "new_job"
    assert "new job" in text[found.start : found.end].lower()


def test_curly_apostrophes_and_capitals():
    assert situations("We’ve been LONG DISTANCE since March") == ["long_distance"]


# Everyday wordings of the situations read least well (the families added on 2026-12-06,
# second round); each must be read, and only its situation.
EVERYDAY = [
    ("she's away at sea for months at a time and the calls are short", ["long_distance"]),
    ("he got a posting in Glasgow and I'm still in Cardiff with the dog", ["long_distance"]),
    ("there's a nine hour time difference and we keep missing each other", ["long_distance"]),
    ("we live in separate flats for now and only text", ["long_distance"]),
    ("I need time to talk things over, she needs space first", ["mismatched_needs"]),
    ("we have different ideas of a good weekend and do our own thing", ["mismatched_needs"]),
    ("he wants to go out every night and i just want to stay in", ["mismatched_needs"]),
    ("his mam rings him every day and he drops everything", ["in_laws"]),
    ("her family don't approve of me and she's stuck in the middle", ["in_laws"]),
    ("we moved back in with her parents and never get a minute alone", ["in_laws"]),
    ("he was made team lead and comes home wound up", ["new_job"]),
    ("she started at a law firm in may and she's a different person", ["new_job"]),
    ("he started his own business and we never see him", ["new_job"]),
    ("she's at work till 9 most nights", ["long_hours"]),
    ("we're on opposite shifts and hand over at the door", ["long_hours"]),
    ("he works six days a week and sleeps on the seventh", ["long_hours"]),
    ("we both went fully remote and sit at the same table all day", ["work_from_home"]),
    ("my wife binge-watches series every evening with headphones in", ["screens"]),
    ("he hides cans in the garage and thinks i don't know", ["addiction"]),
    ("he got laid off in june and we're behind on everything", ["money"]),
    ("we downsized after the kids went to university", ["moving", "empty_nest"]),
    (
        "our son is 3 months old and i'm touched out, we haven't cuddled since the birth",
        ["new_baby", "no_affection"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EVERYDAY)
def test_everyday_wordings_are_read(text, expected):
    assert sorted(situations(text)) == sorted(expected)


# A situation mentioned as past, denied, someone else's, only wished for, or as evidence of
# something else is not the person's own situation now.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she doesn't cheat, doesn't drink, doesn't gamble, i just feel unseen", []),
        ("it's not like he's cheating, we just never talk", []),
        ("we argued loads years ago but now it's silence", []),
        ("money used to be a worry but we cleared the debt", []),
        ("we're fine money wise, it's the closeness that's gone", []),
        ("when we first met we were long distance and closer than now", []),
        ("we always said we'd retire to the coast someday", []),
        ("my ex was an alcoholic but my partner barely drinks", []),
        ("our friends just had a baby and it made me think about us", []),
        ("what would happen to us if i took the job in dubai", []),
        ("we haven't fought about it but it sits between us", []),
        ("neither of us works long hours, we're just drifting", []),
        ("since my cancer diagnosis he's grieving the person I was", ["illness"]),
        ("he's been messaging another woman and hides his phone when i come in", ["infidelity"]),
        ("i still check his phone since he cheated on me", ["infidelity"]),
        ("she's on her laptop catching up on work every weekend", ["long_hours"]),
        ("his mum moved in with us and he leaves it all to me", ["in_laws"]),
    ],
)
def test_past_denied_others_and_wished_for_mentions_are_not_read(text, expected):
    assert situations(text) == expected


def test_two_places_need_capitals_to_be_read_as_apart():
    assert situations("He took a job in Perth and I stayed in Sydney") == [
        "new_job",
        "long_distance",
    ]
    assert situations("he took a job in perth and i stayed in sydney") == ["new_job"]


@pytest.mark.parametrize(
    "text",
    [
        "she wore her navy dress to dinner and he did not even look",
        "we play poker with friends on fridays, but we never talk",
        "there are no free time slots in our week",
        "his mum came over from spain for a week and it was lovely",
    ],
)
def test_words_of_a_family_used_otherwise_are_not_read(text):
    assert situations(text) == []


def test_money_a_partner_controls_is_not_money_worries():
    from coach.nlp.situation_rules import rule_situations

    text = "if i spend money without asking he goes quiet and scary"
    assert "money" not in rule_situations(text)
    assert "money" not in rule_situations("he controls all my money and checks my bank")
    assert "money" in rule_situations("money is so tight since he lost his job")


# Issue 18, third round: everyday wordings read generally (sentences written for the tests).
EVERYDAY_3 = [
    ("our third was born last month and we're running on fumes", ["new_baby"]),
    ("after years of trying our boy is finally here and we feel like strangers", ["new_baby"]),
    ("he just started teaching at a new academy and marks every evening", ["new_job"]),
    ("she works insane hours at the bank and i eat alone", ["long_hours"]),
    ("he's doing twelve hour shifts at the plant", ["long_hours"]),
    ("she's been depressed since the spring and stays in bed", ["illness"]),
    ("he's at uni in another city so we're doing distance", ["long_distance"]),
    ("we've been apart six months because of visa delays", ["long_distance"]),
    ("his drinking has got really bad since christmas", ["addiction"]),
    ("she drinks to cope with work and by nine she's gone", ["addiction"]),
    ("we're saving for a deposit so there's nothing left for dates", ["money"]),
    ("we spend every sunday at her parents' and never get a day to ourselves", ["in_laws"]),
    ("my brother and his dog have been staying with us for weeks", ["in_laws"]),
    ("the last of our four moved out and the house echoes", ["empty_nest"]),
    ("i stopped working for good in march and he's still at the office", ["retirement"]),
    ("we're both hybrid and on home days we barely speak", ["work_from_home"]),
    ("my husband works from home and i do too, we're snappy by six", ["work_from_home"]),
    ("since the surgery touch and sex have just stopped", ["illness", "no_affection"]),
    ("he wants to stay in every night and i want to go out and see people", ["mismatched_needs"]),
    ("my wife wants to move to the coast but i want to stay near my family", ["mismatched_needs"]),
    ("he's got a higher sex drive than me and it's a sore point", ["mismatched_needs"]),
    ("i had an affair last year and she still can't look at me the same", ["infidelity"]),
    ("we lost our dads the same winter and we're both numb", ["grief"]),
]


@pytest.mark.parametrize(("text", "expected"), EVERYDAY_3)
def test_everyday_wordings_of_the_third_round_are_read(text, expected):
    assert sorted(situations(text)) == sorted(expected)


# Figures of speech, doubts and words that look like a situation but are not one.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it feels like i've lost my best friend and he's sat right there", []),
        ("we're like flatmates on a night shift, passing in the hall", []),
        ("he's been 'working late' and i don't believe a word of it", []),
        ("my baby won't talk to me about anything real anymore", []),
        ("i'm the baby of the family and he says i'm spoilt", []),
        ("she's addicted to her phone and i talk to the side of her head", ["screens"]),
        ("some nights it's like we live in different worlds", []),
        ("i can't afford to lose her but i don't know how to reach her", []),
        ("he says a husband pays the bills and that's his job done", []),
        ("he cheated years ago and we got through it, this is something else", []),
        ("after our son years ago we were fine, it's since his new job we drifted", ["new_job"]),
        ("i left my phone at home and he never even noticed i was gone", []),
        ("we both do long hours and we've made it work for years, it's the silence now", []),
    ],
)
def test_figures_of_speech_and_doubts_are_not_read(text, expected):
    assert situations(text) == expected


def test_my_baby_is_a_new_baby_when_the_message_speaks_of_one():
    assert situations("my baby is six weeks old and we're like ships in the night") == ["new_baby"]
