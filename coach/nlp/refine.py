"""What the entity ruler cannot judge alone: how long, and causes that are denied.

Plain Python over text and spaCy docs (no Rasa), used by ``components/entities.py``.

- ``find_durations``: how long the person has felt this way. A number or "few" with a unit
  counts only with words that make it a stretch of time ("for 6 months", "the last few
  weeks", "2 yrs now", "since January") or as a short answer ("6 months"); not as a point
  ("last week"), a frequency ("once a week"), an age ("3 months old") or how long they
  have been together ("married 12 years").
- ``is_denied``: a cause named only to rule it out ("no phones", "money's fine", "we never
  argue", "my job is going well").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty": 20, "couple": 2, "couple of": 2, "few": 3, "several": 4,
    "many": 6, "a few": 3, "a couple of": 2, "a couple": 2,
}  # fmt: skip
_COUNT = (
    r"(?P<count>\d{1,3}|a couple of|a couple|couple of|a few|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_UNIT = r"(?P<unit>days?|weeks?|wks?|fortnights?|months?|mths?|mos?|years?|yrs?|decades?)"
# Words before a count that make it a stretch of time.
_BEFORE = (
    r"(?:\b(?:for|past|last|over|about|around|nearly|almost|roughly|maybe|like|"
    r"been|at least|more than|over a|probably|good)\s+(?:(?:the|a|about|around|like|"
    r"nearly|almost|maybe|roughly|good|solid|past|last|over|least|than|at|more)\s+)*)"
)
_AFTER = r"(?=\s*(?:now|ago|or so|of this|of it|already|straight|\+|running|solid)\b)"
_STRETCH = re.compile(
    rf"(?P<before>{_BEFORE})?\b{_COUNT}\s*{_UNIT}\b(?P<after>{_AFTER})?", re.IGNORECASE
)
# A count that is an age, a frequency, a relationship's length or a schedule.
_NOT_A_STRETCH_AFTER = re.compile(
    r"^\s*(?:old|married|together|into|in a row|on|off|later|from now|"
    r"a (?:week|month|year)|per|each|every)\b",
    re.IGNORECASE,
)
_NOT_A_STRETCH_BEFORE = re.compile(
    r"\b(?:married|together|once|twice|times|nights|hours|every|per|in|after|"
    r"within)\s+(?:for\s+)?(?:the\s+)?(?:past\s+|last\s+)?$",
    re.IGNORECASE,
)
_WORDS = [
    (re.compile(r"\b(?:for|past|last|over the last|over the past)\s+(?:few\s+|couple of\s+)?"
                r"(?P<unit>days|weeks|months|years|decades)\b", re.I), None),
    (re.compile(r"\b(?P<unit>days|weeks|months|years)\s+(?:now|of this|on end)\b", re.I), None),
    (re.compile(r"\b(?:been|in)\s+(?P<unit>weeks|months|years)\b", re.I), None),
    (re.compile(r"\bin\s+(?:ages|forever|so long|a long time)\b", re.I), "year_plus"),
    (re.compile(r"\b(?:for|since)\s+(?:ages|forever|a long time|a very long time|so long)\b",
                re.I), "year_plus"),
    (re.compile(r"\bsince\s+(?:(?:last|the)\s+)?(?:january|february|march|april|may|june|july|"
                r"august|september|october|november|december|jan|feb|sept?|oct|nov|dec|"
                r"spring|summer|autumn|fall|winter|christmas|xmas|easter|new year)\b", re.I),
     "months"),
    (re.compile(r"\bsince\s+(?:19|20)\d\d\b", re.I), "year_plus"),
    (re.compile(r"\bsince\b[^.!?;]{0,60}?\b(?:in|around|last)\s+(?:the\s+)?(?:january|february|march|"
                r"april|may|june|july|august|september|october|november|december|spring|"
                r"summer|autumn|fall|winter|christmas)\b", re.I), "months"),
]  # fmt: skip
_NEARLY_A_YEAR = re.compile(r"\b(?:nearly|almost)\s+(?:a|one)\s+(?:year|yr)\b", re.I)
# A reply that opens with a span and a pause ("couple years? it started when ...", "about 6
# months, since ..."): the span answers "how long?" though the message goes on.
_LEADING = re.compile(
    r"^\W*(?:(?:honestly|um+|hmm+|oh|well|maybe|prob(?:ably)?|about|around|like|roughly|"
    r"nearly|almost|over|i'?d say|i think|idk)[,.]?\s+)*"
    rf"{_COUNT}\s*{_UNIT}\b(?:\s+(?:or so|now|maybe|i think|i guess|ish))?\s*(?:[?,.!;:]|-|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """An entity found in the text: where, and its slug."""

    start: int
    end: int
    value: str


def _slug(count: int, unit: str) -> str:
    """weeks, months or year_plus for ``count`` ``unit``s."""
    unit = unit.lower()
    if unit.startswith("d"):
        return "weeks" if count < 50 else "months"
    if unit.startswith("f"):
        count *= 2
        unit = "w"
    if unit.startswith("w"):
        return "weeks" if count < 8 else ("months" if count < 52 else "year_plus")
    if unit.startswith("m"):
        return "months" if count < 12 else "year_plus"
    return "year_plus"


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 3)


def find_durations(text: str) -> list[Found]:
    """Every stretch of time in ``text`` with its slug (weeks, months or year_plus)."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(Found(start, end, value))

    for match in _NEARLY_A_YEAR.finditer(text):
        add(match.start(), match.end(), "months")
    # A short answer ("6 months", "a few weeks", "about 2 yrs") is a duration as it stands.
    answer = len(text.split()) <= 5
    leading = _LEADING.match(text)
    if leading and not _NOT_A_STRETCH_AFTER.match(text[leading.end("unit") :]):
        count, unit = leading.group("count"), leading.group("unit")
        add(leading.start("count"), leading.end("unit"), _slug(_count(count), unit))
    for match in _STRETCH.finditer(text):
        start = match.start("count")
        if not (answer or match.group("before") or match.group("after") is not None):
            continue
        if _NOT_A_STRETCH_AFTER.match(text[match.end() :]):
            continue
        if not match.group("before") and _NOT_A_STRETCH_BEFORE.search(text[:start]):
            continue
        if (
            match.group("before")
            and re.match(r"(?i)last\s+$", match.group("before"))
            and (match.group("count").lower() in ("a", "an", "one"))
        ):
            continue  # "last week" is a point in time
        add(start, match.end("unit"), _slug(_count(match.group("count")), match.group("unit")))
    for pattern, value in _WORDS:
        for match in pattern.finditer(text):
            slug = value or _slug(3, match.group("unit"))
            if value is None and match.group("unit").lower().startswith("day"):
                slug = "weeks"
            add(match.start(), match.end(), slug)
    return sorted(found, key=lambda f: f.start)


_DENY_BEFORE = {
    "no", "not", "never", "n't", "nt", "without", "hardly", "rarely", "less", "zero", "dont",
    "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "cant", "wont",
}  # fmt: skip
_FINE_AFTER = re.compile(
    r"^\s*(?:'s|is|are|was|were|has been|have been|'re)\s+(?:(?:actually|really|all|totally|"
    r"honestly|going|pretty|absolutely)\s+)*(?:fine|ok|okay|good|great|well|sorted|not the "
    r"(?:problem|issue)|not an issue|not a problem)\b",
    re.IGNORECASE,
)


def is_denied(span: Span) -> bool:
    """Whether the cause in ``span`` is named to rule it out.

    A denial word just before it ("no phones", "we never argue", "not about money", "hardly
    ever fight") or "is fine / going well / not the problem" just after it ("money's fine").
    """
    doc = span.doc
    before = [t.lower_ for t in doc[max(span.start - 3, 0) : span.start]]
    # Stop at a clause boundary: "no, it's his phone" keeps the phone.
    for i in range(len(before) - 1, -1, -1):
        if before[i] in {",", ".", ";", "!", "?", "but", "and", "because", "so"}:
            before = before[i + 1 :]
            break
    if _DENY_BEFORE & set(before[-2:]):
        return True
    return bool(_FINE_AFTER.match(doc.text[span.end_char :]))
