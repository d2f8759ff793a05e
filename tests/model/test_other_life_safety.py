"""Issue 18: other-life worries get the honest reply; risk inside them still gets safety first.

Messages are written for the tests (none is copied from the blind evaluation sets).
"""

SAFETY_INTENTS = {"express_crisis", "disclose_abuse", "other_risk"}


async def test_a_worry_about_test_results_gets_the_honest_reply(parse):
    text = (
        "The consultant's letter says my scan results are 'borderline' and I'm panicking. "
        "The follow-up isn't for three weeks. What does borderline usually mean?"
    )
    assert (await parse(text))["intent"]["name"] == "out_of_scope"


async def test_risk_inside_work_or_exam_stress_still_reaches_safety(parse):
    for text in (
        "Work is so stressful that I can't sleep and honestly I've started thinking everyone "
        "would be better off without me.",
        "I can't sleep before my exam and I keep thinking about taking all my pills so it stops.",
    ):
        assert (await parse(text))["intent"]["name"] in SAFETY_INTENTS, text
