"""Understanding free-text answers to the assessment questions (plain Python, no Rasa).

Each parser takes what the person typed (a button's payload value or free text) and
returns a normalised value, or None when the answer is unclear and the coach should ask
again kindly. ``SKIPPED`` means the person chose not to answer.
"""

from __future__ import annotations

import re

SKIPPED = "skipped"
UNKNOWN = "unknown"

_SKIP = re.compile(
    r"\b(skip|pass|rather not|prefer not|don'?t want to (say|answer)|next question)\b"
)
_UNSURE = re.compile(
    r"\b(not sure|unsure|don'?t know|dunno|no idea|idk|hard to say|can'?t say|maybe|"
    r"depends|not certain)\b"
)
_YES = re.compile(
    r"^\s*(y|yes+|yeah|yep|yup|ya|sure|of course|definitely|absolutely|i do|i am|"
    r"totally|always|completely|very|100%|👍)\b"
)
_NO = re.compile(r"^\s*(n|no+|nope|nah|not really|never|not at all|i don'?t|not)\b")
_NOT_ALWAYS = re.compile(
    r"\b(not always|sometimes|most of the time|mostly|kind of|sort of|usually|"
    r"not really|not completely|not entirely|scared|afraid|frightened|unsafe|"
    r"walk(ing)? on eggshells)\b"
)

_DURATION_WORDS = [
    (re.compile(r"\b(days?|weeks?|fortnight|recently|lately|a while)\b"), "weeks"),
    (
        re.compile(r"\b(months?|since (the )?(summer|spring|autumn|fall|winter|christmas))\b"),
        "months",
    ),
    (re.compile(r"\b(years?|yrs?|ages|forever|decades?|long time|always been)\b"), "year_plus"),
]
_NUMBER_UNIT = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|few|couple of|several)\s+(day|week|month|year)s?\b"
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "few": 3,
    "couple of": 2,
    "several": 4,
}

_CAUSE_WORDS = [
    (re.compile(r"\b(bab(y|ies)|pregnan|newborn|kids?|child|toddler)"), "new_baby"),
    (re.compile(r"\b(job|work|career|promotion|shifts?)\b"), "new_job"),
    (re.compile(r"\b(stress|money|financ|debt|bills|moved|moving|house|relocat)"), "stress"),
    (re.compile(r"\b(screens?|phones?|tv|gaming|games|social media|netflix)\b"), "screens"),
    (re.compile(r"\b(routine|rut|bored|boring|same every day|monoton)"), "routine"),
    (re.compile(r"\b(argu|fight|row(s|ing)?\b|conflict|bicker)"), "conflict"),
    (
        re.compile(
            r"\b(distance|living apart|abroad|travel|deploy|away (for|with) work|away a lot)"
        ),
        "distance",
    ),
    (re.compile(r"\b(health|ill|sick|surgery|pain|injur|depress)"), "health"),
    (re.compile(r"\b(confiden|esteem|insecur|self-worth)"), "self_esteem"),
]

DURATIONS = ("weeks", "months", "year_plus")
CAUSES = (
    "new_baby",
    "new_job",
    "stress",
    "screens",
    "routine",
    "conflict",
    "distance",
    "health",
    "self_esteem",
)
PULLED_AWAY = ("me", "partner", "both", UNKNOWN)
YES_NO = ("yes", "no", UNKNOWN)

_PARTNER = (
    r"(him|her|them|he|she|they|partner|husband|wife|boyfriend|girlfriend|spouse|bf|gf|"
    r"hubby|fianc[eé]e?|my other half)"
)
_BOTH = re.compile(r"\b(both|each other|the two of us|we both|mutual|equally|a bit of both)\b")
_ME = re.compile(r"\b(me|i|myself|mine|i'm|i've|i did|it's me)\b")
_THEM = re.compile(rf"\b{_PARTNER}\b")


def _clean(text: str | None) -> str:
    return (text or "").strip().lower()[:500]


def is_skip(text: str | None) -> bool:
    """Whether the person chose not to answer."""
    return bool(_SKIP.search(_clean(text)))


def parse_duration(text: str | None) -> str | None:
    """Map "about a year", "6 months", "a few weeks" to weeks, months or year_plus."""
    t = _clean(text)
    if t in DURATIONS:
        return t
    if not t:
        return None
    if is_skip(t) or _UNSURE.search(t):
        return UNKNOWN
    match = _NUMBER_UNIT.search(t)
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1)]
        unit = match.group(2)
        if unit in ("day", "week"):
            return "weeks" if unit == "day" or count < 8 else "months"
        if unit == "month":
            return "months" if count < 12 else "year_plus"
        return "year_plus"
    for pattern, value in _DURATION_WORDS:
        if pattern.search(t):
            return value
    return None


def parse_cause(text: str | None, entity: str | None = None) -> str | None:
    """A cause slug from the ruler's entity, or unknown when the person doesn't know."""
    if entity in CAUSES:
        return entity
    t = _clean(text)
    if t in CAUSES or t == UNKNOWN:
        return t
    if not t:
        return None
    if is_skip(t) or _UNSURE.search(t) or re.search(r"\b(nothing|no idea|not sure)\b", t):
        return UNKNOWN
    for pattern, cause in _CAUSE_WORDS:
        if pattern.search(t):
            return cause
    if re.search(r"\b(other|something else|life|everything|just happened|gradual)", t):
        return UNKNOWN
    return None


def parse_pulled_away(text: str | None) -> str | None:
    """Who pulled away: me, partner, both or unknown."""
    t = _clean(text)
    if t in PULLED_AWAY:
        return t
    if not t:
        return None
    if is_skip(t) or _UNSURE.search(t):
        return UNKNOWN
    if _BOTH.search(t):
        return "both"
    me, them = bool(_ME.search(t)), bool(_THEM.search(t))
    if re.search(r"\b(my partner|partner)\b", t) and not re.search(r"\bme\b", t):
        return "partner"
    if me and them:
        # "more him than me" / "mostly me, not him": the first named wins.
        return "me" if _ME.search(t).start() < _THEM.search(t).start() else "partner"  # type: ignore[union-attr]
    if them:
        return "partner"
    if me:
        return "me"
    return None


def parse_yes_no(text: str | None) -> str | None:
    """A yes, no or unknown answer ("I think so" is yes, "not sure" unknown)."""
    t = _clean(text)
    if t in YES_NO:
        return t
    if not t:
        return None
    if is_skip(t) or _UNSURE.search(t):
        return UNKNOWN
    if _NO.search(t) or re.search(r"\b(refuses?|won'?t|doesn'?t want|not interested)\b", t):
        return "no"
    if _YES.search(t) or re.search(r"\b(i think so|willing|open to|up for|would be)\b", t):
        return "yes"
    return None


def parse_feels_safe(text: str | None) -> str | None:
    """The safety screen: only a clear yes is "yes"; anything else is not.

    Returns yes, not_always, or skipped. Unclear text is treated as not_always, because
    the coach must not offer closeness advice unless the person clearly feels safe.
    """
    t = _clean(text)
    if t in ("yes", "not_always", SKIPPED):
        return t
    if not t:
        return None
    if is_skip(t):
        return SKIPPED
    if _NOT_ALWAYS.search(t) or _UNSURE.search(t):
        return "not_always"
    if _YES.search(t) and not re.search(r"\bbut\b", t):
        return "yes"
    return "not_always"
