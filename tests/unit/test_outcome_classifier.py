"""The outcome classifier component: how a tip went, read from a report_outcome reply."""

from rasa.shared.nlu.constants import METADATA_INTENT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.outcome import OutcomeClassifier, outcome_of_example
from tests.unit.test_intent_classifier import FakeStorage

DATA = {
    "helped": [
        "it really helped",
        "it went well, we talked for ages",
        "we loved it and want to do it again",
        "it worked, we felt closer",
        "yes it made a difference",
        "honestly it was lovely",
    ],
    "not_helped": [
        "it didn't help",
        "it went badly, we argued",
        "it felt forced and awkward",
        "no difference at all",
        "he wasn't interested",
        "it made things worse",
    ],
    "not_done": [
        "I didn't get round to it",
        "we never found the time",
        "forgot all about it",
        "haven't tried it yet",
        "too busy this week, didn't do it",
        "not yet, sorry",
    ],
}


def example(text, intent, outcome=None):
    metadata = {METADATA_INTENT: {"outcome": outcome}} if outcome else {}
    return Message(data={"text": text, "intent": intent, "metadata": metadata})


def trained(tmp_path):
    examples = [example(t, "report_outcome", o) for o, texts in DATA.items() for t in texts]
    examples += [example("hi", "greet"), example("hello there", "greet")]
    component = OutcomeClassifier({}, FakeStorage(tmp_path), resource=None)
    component.train(TrainingData(training_examples=examples))
    return component


def parsed(component, text, intent="report_outcome", entities=None):
    message = Message(
        data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities}
    )
    component.process([message])
    return message.get("entities") or []


def test_reads_the_outcome_of_a_report(tmp_path):
    component = trained(tmp_path)
    for text, want in [
        ("it helped a lot, we felt closer", "helped"),
        ("it went badly and we argued", "not_helped"),
        ("sorry, never got round to it", "not_done"),
    ]:
        [entity] = parsed(component, text)
        assert entity["entity"] == "outcome" and entity["value"] == want
        assert (entity["start"], entity["end"]) == (0, len(text))
        assert entity["extractor"] == "OutcomeClassifier" and 0 < entity["confidence"] <= 1


def test_other_intents_are_left_alone(tmp_path):
    assert parsed(trained(tmp_path), "it helped", intent="greet") == []


def test_a_button_value_is_kept(tmp_path):
    sent = [{"entity": "outcome", "value": "not_done", "start": 0, "end": 5}]
    assert parsed(trained(tmp_path), "/report_outcome", entities=sent) == sent


def test_untrained_or_empty_adds_nothing(tmp_path):
    component = OutcomeClassifier({}, FakeStorage(tmp_path), resource=None)
    assert parsed(component, "it helped") == []
    assert parsed(trained(tmp_path), "   ") == []


def test_only_blocks_that_name_a_known_outcome_count():
    assert outcome_of_example(example("x", "report_outcome", "helped")) == "helped"
    assert outcome_of_example(example("x", "report_outcome", "great")) is None
    assert outcome_of_example(example("x", "report_outcome")) is None
