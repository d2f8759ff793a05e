"""The blind sets' ordinary messages the safety classifier learns (build_safety_ordinary)."""

from __future__ import annotations

import yaml

from scripts.build_safety_ordinary import HEADER, MEASURED, OUT, build, texts_of


def test_the_ordinary_file_is_what_the_builder_writes():
    """data/safety/ordinary_blind.yml is generated: rebuild it when a measured set changes."""
    assert OUT.read_text(encoding="utf-8").startswith(HEADER)
    assert yaml.safe_load(OUT.read_text(encoding="utf-8")) == build()


def test_only_measured_sets_are_learnt():
    """A new blind set stays out until it has been measured once."""
    batches = {str(item["set"]).split("_", 1)[1] for item in build()}
    assert batches == set(MEASURED)
    assert all(item["label"] == "none" for item in build())


def test_a_turn_that_expects_safety_is_never_learnt_as_ordinary():
    dialogues = [
        {
            "turns": [
                {"user": "we feel like flatmates", "expect": "reflection"},
                {"user": "i have the pills counted out", "expect": "safety"},
                {"user": "whatever", "expect": "any"},
                {"user": "ok", "expect": "plan_step"},
            ]
        }
    ]
    assert texts_of("dialogues", dialogues) == ["we feel like flatmates", "ok"]


def test_scope_sets_give_both_their_lists():
    scope = {"out_of_scope": ["a cover letter please"], "in_scope": ["we never talk"]}
    assert texts_of("scope", scope) == ["a cover letter please", "we never talk"]
