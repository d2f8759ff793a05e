"""Concepts named in a reply, found by the lemmas of its words (plain Python, no Rasa).

A concept vocabulary (``content/assessment/cause_words.yml``) lists, per label, short
phrases in everyday words. Phrases and replies are both reduced to lemmas with the lemma
table of ``spacy-lookups-data`` (read directly, without spaCy), so one entry covers every
form of its words: "fall out" matches "we fell out", "falling out" and "they've fallen
out"; "lose * job" matches "he lost his job" and "losing my job". In a phrase, ``*``
stands for any one word and ``**`` for up to three. A phrase may carry exceptions after
``|``: "sick | sick of, sick and tired" does not match "i'm sick of his phone".
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|[£$€]")
# Words the lemma table gets wrong for these replies ("dying" is not "dye", "born" is not
# "bear", "meds" are medication).
_OWN_LEMMAS = {
    "dying": "die",
    "born": "born",
    "meds": "med",
    "pokies": "pokie",
    "kids": "kid",
    "uni": "uni",
    "us": "us",
    "his": "his",
    "as": "as",
}


@cache
def _lemma_table() -> dict[str, str]:
    try:
        data = resources.files("spacy_lookups_data").joinpath("data")
        table = json.loads(gzip.decompress(data.joinpath("en_lemma_lookup.json.gz").read_bytes()))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in table.items()}


def lemma(word: str) -> str:
    """The lemma of one lowercased word (the word itself when the table has none)."""
    word = word.replace("\u2019", "'")
    if word in _OWN_LEMMAS:
        return _OWN_LEMMAS[word]
    if word.endswith("'s") and len(word) > 3:  # "kids'", "mum's": the noun
        word = word[:-2]
    return _lemma_table().get(word, word)


def lemmas(text: str) -> list[str]:
    """The lemmas of ``text``'s words, in order."""
    return [lemma(w) for w in _TOKEN.findall(text.lower())]


@dataclass(frozen=True)
class _Phrase:
    label: str
    words: tuple[str, ...]
    exceptions: tuple[tuple[str, ...], ...]


def _parse(label: str, entry: str) -> _Phrase:
    phrase, _, rest = entry.partition("|")
    exceptions = tuple(tuple(lemmas(e)) for e in rest.split(",") if e.strip())
    words = tuple(w if w in ("*", "**") else lemma(w) for w in phrase.split())
    words = tuple(x for w in words for x in ([w] if w in ("*", "**") else lemmas(w)))
    return _Phrase(label, words, exceptions)


def _match_at(words: tuple[str, ...], tokens: list[str], i: int) -> int | None:
    """The end of a match of ``words`` starting at token ``i``, or None."""
    if not words:
        return i
    head, rest = words[0], words[1:]
    if head == "*":
        return _match_at(rest, tokens, i + 1) if i < len(tokens) else None
    if head == "**":
        for skip in range(4):
            if i + skip <= len(tokens):
                end = _match_at(rest, tokens, i + skip)
                if end is not None:
                    return end
        return None
    if i < len(tokens) and tokens[i] == head:
        return _match_at(rest, tokens, i + 1)
    return None


def _contains(tokens: list[str], words: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for i in range(len(tokens)):
        end = _match_at(words, tokens, i)
        if end is not None:
            spans.append((i, end))
    return spans


@dataclass(frozen=True)
class Concepts:
    """A vocabulary of labelled phrases."""

    phrases: tuple[_Phrase, ...]

    @classmethod
    def load(cls, path: Path) -> Concepts:
        """Read ``label: [phrase, ...]`` from a YAML file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(
            tuple(
                _parse(str(label), str(entry))
                for label, entries in data.items()
                for entry in entries or []
            )
        )

    def find(self, text: str) -> list[str]:
        """The labels whose phrases ``text`` contains, in the vocabulary's order, once each."""
        tokens = lemmas(text)
        found: list[str] = []
        for phrase in self.phrases:
            if phrase.label in found:
                continue
            for start, end in _contains(tokens, phrase.words):
                if not any(
                    _contains(tokens[max(0, start - len(e)) : end + len(e)], e)
                    for e in phrase.exceptions
                ):
                    found.append(phrase.label)
                    break
        return found
