"""data/nlu/ is split by topic like domain/: an intent's examples live in the file named
like the domain file that declares the intent (Rasa's own intents, such as ``restart``,
in core.yml), or in a part of that topic, ``<topic>_<part>.yml`` (``safety_care.yml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "data" / "nlu"
DOMAIN = ROOT / "domain"


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def declared_in() -> dict[str, str]:
    """Each intent and the domain file (topic) that declares it."""
    topics: dict[str, str] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        for intent in load(path).get("intents") or []:
            name = intent if isinstance(intent, str) else next(iter(intent))
            topics.setdefault(name, path.stem)
    return topics


def topic_of(path: Path) -> str:
    """The topic of a training data file: its name, up to a part after ``_``."""
    return path.stem.split("_", 1)[0]


def examples() -> list[tuple[str, str, str]]:
    """(topic, intent, example) for every example in data/nlu/."""
    found = []
    for path in sorted(NLU.glob("*.yml")):
        for block in load(path).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                if line.startswith("- "):
                    found.append((topic_of(path), block["intent"], line[2:]))
    return found


def test_every_nlu_file_is_named_like_a_domain_file():
    assert all("_" not in path.stem for path in DOMAIN.glob("*.yml"))
    topics = {path.stem for path in DOMAIN.glob("*.yml")}
    files = {topic_of(path) for path in NLU.glob("*.yml")}
    assert files, "no training data in data/nlu/"
    assert files <= topics, files - topics


def test_every_intents_examples_live_in_its_topic_file():
    topics = declared_in()
    misplaced = sorted(
        {
            (intent, stem, topics.get(intent, "core"))
            for stem, intent, _ in examples()
            if stem != topics.get(intent, "core")
        }
    )
    assert misplaced == [], "(intent, topic, expected topic): " + repr(misplaced)
