"""Issue 18: a risk only the sentence classifier sees, in a message about another part of life.

The gentle check gives way to the honest out-of-scope reply only when no rule matched, the
scope classifier is sure the message is about something else, and a twin classifier that
also learnt other-life messages as ordinary sees no risk either.

Messages here are written for the tests (none is copied from the blind evaluation sets).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from rasa.shared.nlu.training_data.message import Message

from components.safety import (
    OTHER_LIFE_SKIPPED,
    SafetyScreen,
    new_sentence_classifier,
    other_life_messages,
)

ROOT = Path(__file__).resolve().parent.parent
NOTHING = SimpleNamespace(cleared=frozenset(), ordinary=())

RISKS = ["i want to die", "i can't go on", "i want it all to end", "no point going on"]
STRESS = ["i can't sleep before my deadline", "my boss is stressing me out so much"]
ORDINARY = ["we had dinner", "we watched a film", "lovely walk today", "nice holiday"]


def classifier(ordinary: list[str]):  # type: ignore[no-untyped-def]
    """A toy sentence classifier: four risks against ``ordinary``."""
    model = new_sentence_classifier()
    model.fit(RISKS + ordinary, ["crisis"] * len(RISKS) + ["none"] * len(ordinary))
    return model


def screen(min_scope: float = 0.9, twin: bool = True) -> SafetyScreen:
    config = {"crisis_threshold": 0.35, "other_life_min_scope": min_scope}
    return SafetyScreen(
        config,
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        classifier(ORDINARY),
        classifier(ORDINARY + STRESS * 3) if twin else None,
    )


def message(text: str, intent: str = "out_of_scope", confidence: float = 0.95) -> Message:
    return Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}})


def test_work_stress_judged_out_of_scope_keeps_the_honest_reply() -> None:
    text = "i can't sleep before my deadline and my boss is stressing me out so much"
    checker = screen()
    assert checker.sentence_risk(text)[0] == "crisis"  # the plain classifier would ask
    assert checker._other_life(message(text), NOTHING, text)


def test_a_risk_the_twin_still_sees_keeps_the_check() -> None:
    text = "my boss is stressing me out so much and i want it all to end"
    assert not screen()._other_life(message(text), NOTHING, text)


def test_only_a_sure_out_of_scope_judgement_is_asked_again() -> None:
    text = "i can't sleep before my deadline and my boss is stressing me out so much"
    checker = screen()
    assert not checker._other_life(message(text, confidence=0.6), NOTHING, text)
    assert not checker._other_life(message(text, intent="feel_disconnected"), NOTHING, text)
    assert not screen(min_scope=0.0)._other_life(message(text), NOTHING, text)  # switched off
    assert not screen(twin=False)._other_life(message(text), NOTHING, text)  # never trained


def test_other_life_messages_leave_out_own_low_mood(tmp_path: Path) -> None:
    path = tmp_path / "other_life.yml"
    path.write_text(
        "work:\n  - my boss keeps moving the deadline\nown_low_mood_alone:\n  - i feel flat\n",
        encoding="utf-8",
    )
    assert other_life_messages(path) == [
        {"text": "my boss keeps moving the deadline", "label": "none"}
    ]
    assert other_life_messages(None) == []
    project = other_life_messages(ROOT / "content" / "scope" / "other_life.yml")
    assert len(project) >= 300
    assert {"own_low_mood_alone", "own_life_alone"} <= OTHER_LIFE_SKIPPED


def test_changing_the_other_life_messages_retrains_the_classifier(tmp_path: Path) -> None:
    path = tmp_path / "other_life.yml"
    path.write_text("work:\n  - a\n", encoding="utf-8")
    config = {"labelled_messages": str(tmp_path / "none"), "other_life_messages": str(path)}
    before = SafetyScreen.fingerprint_addon(config)
    path.write_text("work:\n  - b\n", encoding="utf-8")
    assert SafetyScreen.fingerprint_addon(config) != before
