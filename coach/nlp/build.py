"""Build the project's spaCy pipeline: blank English, a lookup lemmatizer and an entity ruler.

The ruler's patterns come from the guidance store (causes and topics) and from
``content/lexicon.yml`` (partner words, durations, feelings, countries), so adding a
cause or topic to the content extends what the coach recognises. Usage:
``python -m coach.nlp.build [OUT_DIR]`` (default ``COACH_SPACY_MODEL``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language

from coach.settings import CONTENT_DIR, get_settings
from coach.store.queries import GuidanceStore, Vocabulary

LABELS = ("cause", "topic", "partner", "duration", "feeling", "country")
# Causes win over topics and feelings when the same words match both ("screens").
PRIORITY = {label: i for i, label in enumerate(LABELS)}


def base_pipeline() -> Language:
    """Blank English with the lookup lemmatizer, initialised (no entity ruler yet)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def load_lexicon(path: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """Read ``content/lexicon.yml``: label -> slug -> phrases."""
    path = path or CONTENT_DIR / "lexicon.yml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {
        label: {slug: [str(p).lower() for p in phrases] for slug, phrases in groups.items()}
        for label, groups in data.items()
    }


def phrase_patterns(nlp: Language, label: str, slug: str, phrase: str) -> list[dict[str, Any]]:
    """Patterns for one phrase: its exact lowercase tokens, and its lemmas."""
    doc = nlp(phrase.lower())
    exact = [{"LOWER": t.lower_} for t in doc]
    patterns = [{"label": label, "id": slug, "pattern": exact}]
    lemmas = [{"LEMMA": t.lemma_} for t in doc]
    # A phrase's lemmas match its other forms ("lost my job" -> "losing my job", "video
    # game" -> "video games"); a single word's only when it is not already its own lemma.
    if len(doc) > 1 or doc[0].lemma_ != doc[0].lower_:
        patterns.append({"label": label, "id": slug, "pattern": lemmas})
    # Single words also match any inflection that lemmatises to the same lemma.
    if len(doc) == 1 and doc[0].lemma_ == doc[0].lower_:
        patterns.append({"label": label, "id": slug, "pattern": [{"LEMMA": doc[0].lower_}]})
    return patterns


def ruler_patterns(
    nlp: Language, vocabulary: Vocabulary, lexicon: dict[str, dict[str, list[str]]]
) -> list[dict[str, Any]]:
    """All entity-ruler patterns, causes first (the ruler prefers earlier, longer matches)."""
    groups: dict[str, dict[str, list[str]]] = {label: {} for label in LABELS}
    for slug, cause_phrases in vocabulary.causes.items():
        groups["cause"].setdefault(slug, []).extend(cause_phrases)
    for slug, name in vocabulary.topics.items():
        groups["topic"].setdefault(slug, []).append(name.lower())
    for label, slugs in lexicon.items():
        if label not in groups:
            raise ValueError(f"lexicon.yml: unknown label {label!r}; use one of {LABELS}")
        for slug, phrases in slugs.items():
            groups[label].setdefault(slug, []).extend(phrases)
    patterns: list[dict[str, Any]] = []
    seen: set[str] = set()
    for label in LABELS:
        for slug in sorted(groups[label]):
            for phrase in groups[label][slug]:
                for pattern in phrase_patterns(nlp, label, slug, phrase):
                    key = json.dumps(pattern["pattern"], sort_keys=True)
                    if key in seen:  # a phrase already claimed by an earlier label or slug
                        continue
                    seen.add(key)
                    patterns.append(pattern)
    return patterns


def build(vocabulary: Vocabulary, lexicon: dict[str, dict[str, list[str]]]) -> Language:
    """The full pipeline, with the entity ruler's patterns added after initialisation."""
    nlp = base_pipeline()
    patterns = ruler_patterns(nlp, vocabulary, lexicon)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None})
    # Patterns must be added after initialize(): initialising wipes them (spaCy W036).
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.meta["name"] = "reconnect"
    nlp.meta["description"] = "Reconnect's own English pipeline: lookup lemmas + entity ruler"
    nlp.meta["labels_hash"] = hashlib.sha256(
        json.dumps(patterns, sort_keys=True).encode("utf-8")
    ).hexdigest()
    return nlp


def main(argv: list[str]) -> int:
    """Build the pipeline from the store and save it (only if its patterns changed)."""
    out = Path(argv[0]) if argv else get_settings().spacy_model_dir
    nlp = build(GuidanceStore().vocabulary(), load_lexicon())
    digest = nlp.meta["labels_hash"]
    stamp = out / "patterns.sha256"
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        sys.stdout.write(f"spaCy pipeline up to date: {out}\n")
        return 0
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    stamp.write_text(digest + "\n", encoding="utf-8")
    count = len(nlp.get_pipe("entity_ruler").patterns)  # type: ignore[attr-defined]
    sys.stdout.write(f"spaCy pipeline built: {out} ({count} patterns)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
