"""The assessment's answers fill only from answers, never from a request in between."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.slot_mappings import SlotMapping
from rasa.shared.core.trackers import DialogueStateTracker

DOMAIN = Domain.load("domain")
ANSWER_SLOTS = ("duration", "cause", "pulled_away", "feels_safe", "partner_open")


def tracker_after(slot: str, intent: str, entities: list[dict]) -> DialogueStateTracker:
    """The questions are asking ``slot`` and the person said something read as ``intent``."""
    return DialogueStateTracker.from_events(
        "someone",
        [
            ActiveLoop("assessment_form"),
            SlotSet("requested_slot", slot),
            UserUttered(
                "remind me in two weeks",
                intent={"name": intent, "confidence": 0.95},
                entities=entities,
            ),
        ],
    )


def desired(slot: str, tracker: DialogueStateTracker) -> list[bool]:
    mappings = DOMAIN.as_dict()["slots"][slot]["mappings"]
    return [SlotMapping.intent_is_desired(m, tracker, DOMAIN) for m in mappings]


@pytest.mark.parametrize("slot", ANSWER_SLOTS)
@pytest.mark.parametrize("intent", ["ask_reminder", "request_tips", "ask_why", "ask_question"])
def test_a_request_fills_no_answer(slot, intent):
    entity = {"entity": "duration", "value": "weeks", "start": 12, "end": 21}
    tracker = tracker_after(slot, intent, [entity])
    assert not any(desired(slot, tracker)), f"{intent} would fill {slot}"


@pytest.mark.parametrize("slot", ANSWER_SLOTS)
def test_an_answer_still_fills(slot):
    tracker = tracker_after(slot, "inform", [])
    assert any(desired(slot, tracker))
