"""The content file covers every point of the five articles (own copy of the checklist ids)."""

from coach.store.content import KINDS

CHECKLIST_IDS = (
    [f"U{i}" for i in range(1, 10)]
    + [f"P{i}" for i in range(1, 42)]
    + [f"R{i}" for i in range(1, 7)]
)


def test_checklist_has_56_points():
    assert len(CHECKLIST_IDS) == 56


def test_every_checklist_id_is_covered(content):
    missing = sorted(set(CHECKLIST_IDS) - content.covered_ids())
    assert not missing, f"checklist ids with no tip: {missing}"


def test_no_unknown_ids(content):
    assert content.covered_ids() <= set(CHECKLIST_IDS)


def test_five_credited_sources(content):
    assert len(content.sources) == 5
    for source in content.sources:
        assert source.title
        assert source.author or source.publisher or source.seed_file.startswith("002")


def test_every_tip_is_complete(content):
    for tip in content.tips:
        assert tip.kind in KINDS
        assert 2 <= len(tip.steps) <= 6, tip.slug
        assert tip.summary and tip.why and tip.title, tip.slug
        assert tip.sources or tip.own_guidance, tip.slug  # own guidance is credited as such
        if tip.kind == "practice":
            assert tip.causes, f"{tip.slug} fits no cause"
            assert tip.topics, f"{tip.slug} has no topic"


def test_research_is_cited_in_why(content):
    cites = {"R1": "Gottman", "R2": "Wiley", "R3": "Tsapelas", "R4": "Soltani", "R5": "Luquis"}
    for rid, name in cites.items():
        tips = [t for t in content.tips if rid in t.covers]
        assert any(name in t.why for t in tips), rid


def test_exercises_are_marked_as_own_description(content):
    exercises = [t for t in content.tips if "P18" in t.covers]
    assert exercises and all(t.own_description for t in exercises)


def test_enough_individual_tips_for_unsafe_relationships(content):
    individual = [
        t
        for t in content.tips
        if t.kind == "practice" and not t.needs_safe_relationship and t.suits != "both"
    ]
    assert len(individual) >= 5


def test_plan_fit_tags_name_known_situations():
    import pytest

    from coach.store.content import ContentError, load_content, parse_content

    content = load_content()
    assert all(t.fits for t in content.tips if t.kind == "practice")
    raw = {
        "sources": [{"slug": "s", "title": "S"}],
        "tips": [
            {
                "slug": "t",
                "kind": "practice",
                "title": "T",
                "summary": "s",
                "why": "w",
                "suits": "alone",
                "effort": "minutes",
                "steps": ["a", "b"],
                "sources": ["s"],
                "avoid": {"long_distance+moon_landing": "no"},
            }
        ],
    }
    with pytest.raises(ContentError, match="moon_landing"):
        parse_content(raw)
    raw["tips"][0]["avoid"] = {"long_distance": "needs you in the same room"}
    raw["tips"][0]["minutes"] = 0
    with pytest.raises(ContentError, match="minutes"):
        parse_content(raw)
