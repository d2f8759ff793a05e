"""Entity extraction with the project's spaCy entity ruler, reporting slugs as values."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.tokens import Doc

from coach.nlp.refine import find_durations, is_denied
from coach.nlp.situations import default_model, read_situations


def entity(label: str, value: str, start: int, end: int, text: str) -> dict[str, Any]:
    """One entity in Rasa's format."""
    return {
        "entity": label,
        "value": value,
        "start": start,
        "end": end,
        "confidence": None,
        "text": text[start:end],
    }


def lowered(text: str) -> str:
    """Lowercase ``text`` where that keeps character offsets (it nearly always does)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def message_doc(message: Message, model: SpacyModel) -> Doc:
    """The message's spaCy doc, made once by ``SpacyNLP`` (lowercased, full pipeline).

    Falls back to running the pipeline only when that doc is missing or its offsets would
    not match the original text (lowercasing changed its length).
    """
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    if isinstance(doc, Doc) and len(doc.text) == len(text):
        return doc
    return model.model(lowered(text))


def situation_entities(text: str, others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The situations ``text`` states, one entity each.

    A situation whose words overlap another entity ("the baby" and the cause "baby"), or an
    earlier situation, takes that entity's span, so both sit on the same words (and can be
    annotated together in conversation tests).
    """
    found: list[dict[str, Any]] = []
    for situation in read_situations(text):
        start, end = situation.start, situation.end
        for other in [*others, *found]:
            if other["start"] < end and start < other["end"]:
                start, end = other["start"], other["end"]
                break
        found.append(entity("situation", situation.situation, start, end, text))
    return found


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class SlugEntityExtractor(SpacyEntityExtractor):
    """Like ``SpacyEntityExtractor``, but case-insensitive and with the ruler's ids as values.

    Durations come from ``coach.nlp.refine.find_durations`` (a number needs its context),
    situations from ``coach.nlp.situations.read_situations`` (the learnt reader over the
    rules, built from ``content/situations/`` when this component is created),
    and a cause named only to rule it out ("no phones", "money's fine") is dropped.

    The entity ruler tags "babies" as ``cause`` with id ``new_baby``; the stock extractor
    would report the text "babies", this one reports ``new_baby`` (the store's slug).
    """

    def __init__(self, config: dict[str, Any]) -> None:
        """Build the learnt situation reader now, so the first message does not wait for it."""
        super().__init__(config)
        default_model()

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """Add the ruler's entities to each message."""
        for message in messages:
            text = message.get(TEXT) or ""
            doc = message_doc(message, model)
            extracted = [
                entity(ent.label_, ent.ent_id_ or ent.text, ent.start_char, ent.end_char, text)
                for ent in doc.ents
                if ent.label_ != "duration" and not (ent.label_ == "cause" and is_denied(ent))
            ]
            extracted += [
                entity("duration", found.value, found.start, found.end, text)
                for found in find_durations(text)
            ]
            extracted += situation_entities(text, extracted)
            extracted = self.filter_irrelevant_entities(
                self.add_extractor_name(extracted), self._config["dimensions"]
            )
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages

    @staticmethod
    def _extract_entities(doc: Any) -> list[dict[str, Any]]:
        return [
            {
                "entity": ent.label_,
                "value": ent.ent_id_ or ent.text,
                "start": ent.start_char,
                "end": ent.end_char,
                "confidence": None,
            }
            for ent in doc.ents
        ]
