"""Rasa NLG that never sends the same reply twice in a conversation, when it can help it.

Configured in ``endpoints.yml`` (``nlg: type: components.nlg.VariedNaturalLanguageGenerator``)
and used for every response: domain responses in rules and stories, and responses that
custom actions send by name. For a response, it fills in every variant (slots and the
action's values), drops the ones that repeat, or differ by at most three words from, a
message the coach already sent in this conversation (``coach.variants``), and picks one of
the rest. When every variant has been used:

- a response family ``<name>_again`` (then ``utter_<prefix>_again`` for shorter prefixes,
  e.g. ``utter_reflect_again`` for every ``utter_reflect_*``) is tried instead: the brief
  "as I said above" form of a long text, or other wording;
- an ``_again`` response whose variant is ``custom: {skip_when_used_up: true}`` means the
  reply is left out (a normalising line said often enough);
- otherwise the variant sent longest ago is sent again.

With ``COACH_NLG_SEED`` set, each choice is drawn from a generator seeded by that value,
the conversation and how much the coach has said in it, so a replayed conversation gets
the same variants (``bench/transcripts.py``); unset, the choice is random.
"""

from __future__ import annotations

import copy
import os
import random
from typing import Any

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from coach.variants import choose, least_recent

SKIP = "skip_when_used_up"
SEED_VARIABLE = "COACH_NLG_SEED"


def sent_texts(tracker: DialogueStateTracker) -> list[str]:
    """What the coach has said in this conversation, oldest first."""
    return [e.text for e in tracker.events if isinstance(e, BotUttered) and e.text]


def again_names(name: str) -> list[str]:
    """``utter_a_b_c`` -> utter_a_b_c_again, utter_a_b_again, utter_a_again."""
    parts = name.split("_")
    return ["_".join(parts[:n]) + "_again" for n in range(len(parts), 1, -1)]


class VariedNaturalLanguageGenerator(TemplatedNaturalLanguageGenerator):
    """Chooses among a response's variants one not yet used in this conversation."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
        responses: dict[str, list[dict[str, Any]]] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if responses is None:
            responses = (domain or Domain.empty()).responses
        super().__init__(responses)
        self._rng = rng or random.Random()
        self._seed = os.environ.get(SEED_VARIABLE) or None

    def rng_for(self, name: str, tracker: DialogueStateTracker, sent: list[str]) -> random.Random:
        """The generator for one choice: seeded per conversation and turn with a seed set."""
        if self._seed is None:
            return self._rng
        return random.Random(f"{self._seed}:{tracker.sender_id}:{len(sent)}:{name}")

    def _filled(
        self,
        name: str,
        output_channel: str,
        filled_slots: dict[str, Any],
        kwargs: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Every suitable variant of ``name``, filled in."""
        if name not in self.responses:
            return []
        suitable = ResponseVariationFilter(self.responses).responses_for_utter_action(
            name, output_channel, filled_slots
        )
        return [self._fill_response(copy.deepcopy(r), filled_slots, **kwargs) for r in suitable]

    def choose_variant(
        self,
        name: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        kwargs: dict[str, Any],
    ) -> dict[str, Any] | None:
        """The variant to send for ``name`` (None: nothing to send)."""
        slots = tracker.current_slot_values()
        sent = sent_texts(tracker)
        variants = self._filled(name, output_channel, slots, kwargs)
        if not variants:
            return None
        rng = self.rng_for(name, tracker, sent)
        texts = [str(v.get("text") or "") for v in variants]
        if not any(texts):  # button-only or custom replies: nothing to vary
            return rng.choice(variants)
        pick = choose(texts, sent, rng)
        if pick is not None:
            return variants[pick]
        for again in again_names(name):
            others = self._filled(again, output_channel, slots, kwargs)
            if not others:
                continue
            if any((o.get("custom") or {}).get(SKIP) for o in others):
                return None
            other_texts = [str(o.get("text") or "") for o in others]
            pick = choose(other_texts, sent, rng)
            if pick is not None:
                return others[pick]
        return variants[least_recent(texts, sent)]

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """The reply for ``utter_action``, varied against what was already said."""
        return self.choose_variant(utter_action, tracker, output_channel, kwargs)
