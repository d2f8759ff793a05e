"""Reading replies to the assessment questions generously (plain Python, no Rasa).

Each question has a reader: ``read(question, text)`` returns a :class:`Reading`, either an
answer (``value``) or, when the reply is not an answer, what it was instead (``kind``: a
request such as "why do you ask?", "skip", "give me tips", "delete my data", or ``other``:
a remark, an interruption, an answer to a different question). A reply that is not an
answer is never taken as one; above all only an actual answer to "do you feel safe with
your partner?" counts as "not a clear yes".

Values per question (what the slots hold):

- duration: weeks, months, year_plus, unsure
- cause: one or more of :data:`CAUSE_LABELS` (``nothing`` when nothing changed or they
  don't know); the slot keeps the first that the guidance store knows (:func:`cause_slot`)
- pulled_away: me, partner, both, unsure
- feels_safe: yes, not_always, no, rather_not_say, disclosure (what they wrote describes
  control, fear or violence: the abuse reply comes first)
- partner_open: yes, probably, unsure, probably_not, no

``skipped`` is the value of any question the person chose not to answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from coach.answers import asks_by_word_order
from coach.clock import get_clock
from coach.nlp.concepts import Concepts
from coach.nlp.replies import guess as learned_guess
from coach.settings import CONTENT_DIR
from coach.spelling import normalise

SKIPPED = "skipped"
# A question asked this many times in a row without an answer is set aside (left skipped),
# so the coach never circles back to it in other words again and again.
SET_ASIDE_AFTER = 3


def set_aside(times_asked: int) -> bool:
    """Whether a question asked ``times_asked`` times in a row, still unanswered, is left."""
    return times_asked >= SET_ASIDE_AFTER


def said_not_safe(feels_safe: str | None, abuse_disclosed: bool) -> bool:
    """Whether the person disclosed abuse or answered "do you feel safe?" unclearly.

    Anything but a clear yes counts; the partner question is then not asked.
    """
    return abuse_disclosed or (feels_safe is not None and feels_safe != "yes")


def safe_only(feels_safe: str | None, abuse_disclosed: bool) -> bool:
    """Whether only individual guidance may be offered.

    True after an abuse disclosure, after any answer to "do you feel safe with your
    partner?" but a clear yes, and until that question has been answered: closeness
    advice waits for the safety question, on every path to a plan or a tip.
    """
    return said_not_safe(feels_safe, abuse_disclosed) or feels_safe is None


UNSURE = "unsure"
# Older conversations stored "unknown"; it reads as unsure everywhere.
UNKNOWN = "unknown"

QUESTIONS = ("duration", "cause", "pulled_away", "feels_safe", "partner_open")
DURATIONS = ("weeks", "months", "year_plus", UNSURE)
PULLED_AWAY = ("me", "partner", "both", UNSURE)
FEELS_SAFE = ("yes", "not_always", "no", "rather_not_say", "disclosure")
PARTNER_OPEN = ("yes", "probably", UNSURE, "probably_not", "no")
# Causes the guidance store knows (tips are tagged with these).
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
# Finer labels a reply may name, and the store cause each is ranked as.
CAUSE_LABELS = {
    "new_baby": "new_baby",
    "new_job": "new_job",
    "stress": "stress",
    "money": "stress",
    "screens": "screens",
    "routine": "routine",
    "conflict": "conflict",
    "distance": "distance",
    "health": "health",
    "self_esteem": "self_esteem",
    "infidelity": "conflict",
    "grief": "health",
    "caring": "stress",
    "in_laws": "stress",
    "moving": "stress",
    "retirement": "routine",
    "work_from_home": "routine",
    "shift_work": "new_job",
    "drinking": "health",
    "addiction": "health",
    "kids": "new_baby",  # children older than a baby: ranked with the new baby's guidance
    "long_hours": "new_job",
    "job_loss": "stress",
    "nothing": UNSURE,
}

# Kinds of replies that are not answers.
WHY_ASKING = "why_asking"
TELL_MORE = "tell_more"
SKIP = "skip"
REQUEST_TIPS = "request_tips"
PRIVACY = "privacy"
DATA_KEPT = "data_kept"  # "what are you keeping about me?": answered in between
STOP = "stop"
REMINDER = "reminder"
SHOW_PLAN = "show_plan"
OTHER = "other"


@dataclass(frozen=True)
class Reading:
    """What a reply to a question was: an answer (value) or not (kind)."""

    value: str | tuple[str, ...] | None = None
    kind: str | None = None

    @property
    def answered(self) -> bool:
        """Whether the reply answers the question (a skip is not an answer)."""
        return self.value is not None

    @property
    def skipped(self) -> bool:
        """Whether the person asked to skip the question."""
        return self.kind == SKIP


def _answer(value: str | tuple[str, ...]) -> Reading:
    return Reading(value=value)


def _not(kind: str) -> Reading:
    return Reading(kind=kind)


def _clean(text: str | None) -> str:
    t = (text or "").strip().lower()[:500]
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    return normalise(re.sub(r"\s+", " ", t), _vocabulary())


@cache
def _vocabulary() -> frozenset[str]:
    """The words the readers' patterns name (what a typo or a stretched word may be)."""
    sources: list[str] = []
    for value in globals().values():
        if isinstance(value, re.Pattern):
            sources.append(value.pattern)
        elif isinstance(value, list) and value and isinstance(value[0], tuple):
            sources.extend(str(part) for row in value for part in row)
    return frozenset(
        word
        for source in sources
        for word in re.findall(r"[a-z]{2,}", re.sub(r"\\[a-zA-Z]", " ", source))
    )


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


# --- Replies that are not answers (the same for every question) -----------------------
# Words that only lead into a request to get going ("ok sounds good, start", "thanks. first
# tip then").
_GO_AHEAD = (
    r"((ok|okay|yes|yeah|alright|right|so|fine|sounds good|great|perfect|cool|brilliant|"
    r"lovely|good|thanks|thank you|cheers)[,.!]* )*"
)
_REQUESTS: list[tuple[str, str]] = [
    (
        DATA_KEPT,
        r"\bwhat (do|are|will|did) you (keep|keeping|store|storing|save|saving|remember)\b|"
        r"\bwhat('?s| is| gets) (kept|stored|saved)\b|"
        r"\bdo you (keep|store|save) (what|my|this|it|everything|anything)\b",
    ),
    (
        PRIVACY,
        r"\b(delete|erase|wipe|forget) (my|all my|everything|it all|my stuff|what i)|"
        r"\bmy data\b|what do you (keep|store|save|know)|\bstored\b|\b(store|save|keep)s? "
        r"(this|that|my|it)\b|who can (see|read)|(can|could|will) (he|she|they|my \w+) "
        r"(see|read)|share (this|it|my)|\bprivacy\b|\bprivate\b",
    ),
    (REMINDER, r"\bremind me\b|\breminder\b"),
    (
        SHOW_PLAN,
        r"\b(show|see|view)( me)? (my |the )?plan\b|\bmy plan\b|^plan\??$|^show plan$|"
        r"what'?s in (my|the) plan",
    ),
    (
        STOP,
        r"^(stop|quit|enough|cancel|exit)\W*$|\b(i want to|let'?s|can we|please) "
        r"(stop|quit)\b|\bstop (asking|the questions|this)\b|\bno more questions\b",
    ),
    (
        # "can we skip the rest and just get to the advice": all the questions, not this
        # one; checked before a skip of the question asked.
        REQUEST_TIPS,
        r"\bskip (the rest|the remaining|the other|all (the |of )?(the )?(rest|questions|this)|"
        r"ahead|straight)\b|\b(get|go|jump|skip|move|cut) (straight |right )?to the (advice|"
        r"tips|ideas|suggestions|plan|good (stuff|bit)|point)\b",
    ),
    (
        SKIP,
        r"^(skip|next|pass|next one|next question)\W*$|\bskip (this|that|it|the question)|"
        r"\brather skip\b|\b(let'?s|can we|can i|just) skip\b|^skip\b|"
        # "i don't want to talk about him anymore", "can we not discuss her": a refusal.
        r"^((honestly|tbh|just|ugh|look|sorry|i'?m sorry|please),? )*(i )?(just |really |"
        r"honestly )?(don'?t|do not) (really )?want to (talk|discuss|go into|get into|think|say|"
        r"answer)|^(i'?m )?not (answering|saying|going into) (that|this)\b|"
        r"^((honestly|tbh|just|ugh|look|sorry|please),? )*can we (please )?not (talk|discuss|"
        r"go into|get into)|^(i'?m )?(sick|tired) of (talking|thinking) about (him|her|them|"
        r"it|this)\b",
    ),
    (
        REQUEST_TIPS,
        r"\b(give|tell|show|send) me (some |the |a few )?(tips|advice|ideas|suggestions|"
        r"something to (try|do)|things)|\bjust tell me what to do\b|\btell me what to (do|try)\b|"
        r"\bjust (the )?tips\b|\badvice already\b|\bthings i can do\b|"
        r"\bwhat (can|should) i do\b|\bjust tell me what (i should|to) do\b|"
        r"\btell me what i should do\b|"
        r"\b(i|i'?d) (just )?(want|need|like|would like) (some |a few |more )?(ideas|tips|advice|"
        r"suggestions)\b|\b(any|some) (ideas|tips|advice|suggestions) (for|on|about)\b|"
        r"\b(what'?s|whats|what is|show me|give me|tell me|go to|on to) (the )?(first step|"
        r"plan|step one|step 1)\b|"
        rf"^{_GO_AHEAD}(the |just the )?(fi?rst step|step one|step 1|plan|first (tip|one|thing))"
        r"( please| pls| plz| then| now| thanks)?\W*$|"
        # "start", "ok let's start", "let's get going" while a question waits: get on with it.
        rf"^{_GO_AHEAD}(let'?s |can we |please |just )?"
        r"(start|begin|get started|get going|start (the |my )?plan|start now)"
        r"( then| now| please| already)?\W*$|"
        # "lets go", "can we start with something tiny": get going, with the easiest first
        rf"^{_GO_AHEAD}let'?s go( then| now| for it)?\W*$|"
        r"\b(can we|could we|let'?s|i'?d like to) (just )?(start|begin) with something "
        r"(small|tiny|easy|simple|quick|little)\b",
    ),
    (
        WHY_ASKING,
        r"^why\b|\bwhy (do|does|would|are|is) (you|that|it|this)|what (are|is) (these|this|"
        r"the) questions? for|what does (that|this|it) have to do|what kind of question|"
        r"why (this|that) question|what'?s (that|this) (got )?to do with",
    ),
    (
        TELL_MORE,
        r"^tell me more\b|\bmore about (how|what|this)|\bhow (this|does this|it) works?\b|"
        r"\bwhat (would|will|does) (that|it|this) involve",
    ),
]
_CLARIFY = re.compile(
    r"^(what do you mean|what does .* mean|safe how|meaning\?|how do you mean|define)|"
    r"\bwhat do you mean\b|^(what|how|who|which|does|do|can|could|will|would|is|are)\b.*\?$"
)
_INTERRUPTION = re.compile(
    r"\b(hang on|hold on|one sec|brb|be right back|where were we|woke up|"
    r"phone'?s (about to )?(die|dying)|gotta go|got to go)\b"
)
_COMMAND = re.compile(r"^(start|begin|go|ok go|restart|again|help|hi|hello|hey)\W*$")


def request_kind(text: str | None) -> str | None:
    """The kind of request a reply is, if it is one (why, skip, tips, privacy, ...)."""
    t = _clean(text)
    for kind, pattern in _REQUESTS:
        if re.search(pattern, t):
            return kind
    if _COMMAND.match(t) or _INTERRUPTION.search(t):
        return OTHER
    return None


def is_skip(text: str | None) -> bool:
    """Whether the person chose not to answer."""
    return request_kind(text) == SKIP or _has(
        r"\b(rather not (say|answer)|prefer not|don'?t want to (say|answer))\b", _clean(text)
    )


# --- How long ---------------------------------------------------------------------------
_NUM = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "eleven": 11.0,
    "twelve": 12.0,
    "eighteen": 18.0,
    "few": 3.0,
    "a few": 3.0,
    "couple": 2.0,
    "a couple": 2.0,
    "couple of": 2.0,
    "a couple of": 2.0,
    "several": 4.0,
    "half a": 0.5,
    "a half": 0.5,
}
_NUMBER = (
    r"(\d+(?:\.\d+)?|a couple of|a couple|couple of|couple|a few|few|several|half an?|"
    r"an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)"
)
_UNIT = r"(days?|weeks?|wks?|months?|mths?|years?|yrs?|fortnights?)"
_QUANTITY = re.compile(
    rf"{_NUMBER}(?:\s*(?:-|to|or)\s*{_NUMBER})?(?:\s*-?ish)?\s*{_UNIT}(?:\s*-?ish)?"
)
_AND_A_HALF = re.compile(r"(year|month)s? and a (half|bit)")
_MONTHS_PER = {"d": 1 / 30, "w": 0.25, "m": 1.0, "y": 12.0, "f": 0.5}
_LONG_AGO = re.compile(
    r"\b(covid|lockdown|pandemic|ages|forever|years|decades?|long time|always been|"
    r"most of our (marriage|relationship)|teenagers?|since the kids were (tiny|little|small)|"
    r"since (we|i) (got married|married)\b.* \d+ years|turning (two|three|four|five|\d+))\b"
)
_RECENT = re.compile(r"\b(fortnight|recently|lately|not long|(this|the) (past|last) month)\b")
_VAGUE = re.compile(
    r"\b(a while|while now|crept|creep|gradual|gradually|can'?t remember|not sure|unsure|"
    r"no idea|no clue|dunno|idk|hard to say|difficult to say|couldn'?t tell|can'?t say|"
    r"don'?t know|since the wedding|pin it down|on and off|off and on|comes and goes|"
    r"lost (track|count)|(god|who|heaven|lord) knows|hard to know|no way of knowing|"
    r"can'?t (recall|keep track)|no (real )?sense of|(all )?blurs?|blurred|a blur)\b"
)


_MONTH_NAMES = (
    r"(spring|summer|autumn|fall|winter|christmas|xmas|easter|new year|half term|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
# A month or season after a word that places it in time, with fillers between.
_SEASON_OR_MONTH = re.compile(
    r"\b(since|from|around|about|in|back in|till|until|by|over|during|like|circa|approx)"
    r"( (like|about|around|roughly|maybe|probably|sometime|some time|the|last|this|early|"
    r"late|mid|middle of|start of|end of|beginning of|round|ish))* "
    rf"{_MONTH_NAMES}\b(?! (\d|one|two|three|four|five|six|seven|eight|nine|ten)\w* years)"
)
_NAMED_YEAR = re.compile(
    r"\b(?:since|from|in|around|about|back in|early|late|mid)\b[^.?!]*?"
    r"\b((?:19|20)\d\d)\b|"
    # "since we got engaged? that was 2021": the event's year, told after it
    r"\b(?:that|which|it|this)(?: was|'?s| would have been)(?: in| back in| around)? "
    r"((?:19|20)\d\d)\b"
)
_SINCE_EVENT = re.compile(
    r"^((honestly|tbh|probably|prob|i think|i guess|i'?d say|well|um+|hmm+|like|just|"
    r"really|basically),? )*(ever since|since|from when|around when|about when|after) "
    r"(the|we|i|he|she|they|my|his|her|our|their|it|a|an|that|this)\b"
)


# --- How long, told by a date: "since halloween", "the 2nd of nov", "end of october" -----
_MONTH_NUMBER = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Fixed days and seasons (a season counts from its start, the way "since the summer" does).
_FIXED_DAYS = {
    "halloween": (10, 31),
    "bonfire night": (11, 5),
    "guy fawkes": (11, 5),
    "fireworks night": (11, 5),
    "christmas": (12, 25),
    "xmas": (12, 25),
    "boxing day": (12, 26),
    "new year": (1, 1),
    "new years": (1, 1),
    "valentines": (2, 14),
    "spring": (3, 20),
    "summer": (6, 21),
    "autumn": (9, 22),
    "fall": (9, 22),
    "winter": (12, 21),
}
_FULL_MONTH = (
    r"january|february|april|june|july|august|september|october|november|december|"
    r"jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec"
)
# "may" and "march" are words too: only a month after a word that places it in time.
_PLACE_WORDS = (
    "since",
    "from",
    "in",
    "around",
    "about",
    "by",
    "until",
    "till",
    "early",
    "late",
    "mid",
    "of",
    "was",
    "that",
    "last",
    "this",
    "or",
)
_PLACED = "|".join(f"(?<={word} )" for word in _PLACE_WORDS)
_DATE = re.compile(
    r"\b(?P<term>(?:october|oct|february|feb|may|summer|easter) half[ -]?term)\b|"
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: of)? )?"
    r"(?:(?P<edge>start|beginning|middle|mid|end|early|late)(?: of)?[ -])?"
    rf"(?P<month>{_FULL_MONTH}|(?:{_PLACED})(?:may|march|mar))"
    r"(?: (?P<day_after>\d{1,2})(?:st|nd|rd|th)?(?! ?(?:years?|yrs?|months?|weeks?|days?)\b))?"
    r"(?: (?P<year>(?:19|20)\d\d))?\b|"
    r"\b(?P<feast>halloween|bonfire night|guy fawkes|fireworks night|christmas|xmas|"
    r"boxing day|new years?|valentine'?s|easter|thanksgiving|spring|summer|autumn|winter|"
    r"(?:(?<=the )|(?<=last )|(?<=this )|(?<=since ))fall)\b"
)
# "no actually", "no wait", "sorry i mean": what follows corrects what came before.
_CORRECTION = re.compile(
    r"\b(?:no,? actually|actually no|no,? wait|wait no|sorry,? i mean|i mean,? no|"
    r"or rather|scratch that|no sorry)\b|\?\s*no\b"
)
# "the one before", "the summer before last", "the year before that": a year earlier.
_YEAR_EARLIER = re.compile(
    r"\b(?:the (?:one|year) before(?: that| last)?|before last|(?:the )?previous one)\b"
)
_NOT_A_SPAN = re.compile(
    r"\b(?:not|rather than|instead of|more than|than|never) (?:days|weeks|months|years)\b|"
    # "not like one day it just happened": a figure of speech, not a span.
    r"\bone day (?=(?:it|he|she|we|i|you|they|things?|everything|something|out)\b)"
)
# "we've been dating a while", "married 20 years": how long they have been together.
_TOGETHER_FOR = re.compile(
    r"\b(?:(?:we'?ve |we have |we )?been )?(?:together|dating|married|seeing each other|"
    r"a couple)(?: for)? (?:a (?:good |long )?while|ages|a long time|forever|years)\b"
)
_SHRUG = re.compile(r"🤷|¯\\_\(ツ\)_/¯|\bshrugs?\b")


def _today() -> date:
    """Today on the coach's clock (tests move it with ``COACH_TEST_CLOCK_FILE``)."""
    return get_clock().now().date()


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lunar = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lunar) // 451
    month, day = divmod(h + lunar - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _on(match: re.Match[str], year: int) -> date:
    """The day a date match names, in ``year``."""
    term = match.group("term")
    if term:  # the school holiday at the end of the month (or the summer's start)
        month = {"oc": 10, "fe": 2, "ma": 5, "su": 7, "ea": 4}[term[:2]]
        return date(year, month, {10: 24, 2: 14, 5: 25, 7: 22, 4: 3}[month])
    feast = match.group("feast")
    if feast == "easter":
        return _easter(year)
    if feast == "thanksgiving":  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if feast:
        month, day = _FIXED_DAYS[feast.replace("'", "")]
        return date(year, month, day)
    month = _MONTH_NUMBER[match.group("month")[:3]]
    edge = match.group("edge") or ""
    day_text = match.group("day") or match.group("day_after")
    if day_text and 1 <= int(day_text) <= 28 + (month != 2) * 2:
        day = int(day_text)
    else:
        # A month on its own counts from its start ("since october" in December: 2 months).
        day = {"early": 5, "middle": 15, "mid": 15, "end": 27, "late": 24}.get(edge, 1)
    return date(year, month, min(day, 28) if month == 2 else day)


def _months_since_date(text: str, today: date) -> float | None:
    """Months from the date a reply names ("since halloween") to ``today``, if it names one.

    The first date told counts ("since new year but it got worse over the summer"), unless
    the reply corrects itself ("since march.. no actually april"), when the correction
    counts; "the one before" / "before last" moves the date a year earlier.
    """
    parts = _CORRECTION.split(text)
    for index in range(len(parts) - 1, -1, -1):
        chosen = _DATE.search(parts[index])
        if chosen:
            break
    else:
        return None
    tail = " ".join([parts[index][chosen.end() :], *parts[index + 1 :]])
    named_year = chosen.group("year") if chosen.group("month") else None
    if named_year:
        return (today - _on(chosen, int(named_year))).days / 30.44
    start = _on(chosen, today.year)
    before = parts[index][: chosen.start()]
    if start > today or (re.search(r"\blast $", before) and start.month == today.month):
        start = _on(chosen, today.year - 1)
    if re.match(r"\W*(of )?last year\b", tail):  # "since spring last year"
        start = _on(chosen, today.year - 1)
    if _YEAR_EARLIER.search(tail[:60]):
        start = _on(chosen, start.year - 1)
    return (today - start).days / 30.44


def _number(word: str) -> float:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return _NUM.get(word, 1.0)


def _months(text: str) -> float | None:
    """The first span named ("6-8 months", "a fortnight", "half a year"), in months."""
    if re.search(r"\bhalf a year\b", text):
        return 6.0
    if re.search(r"\b(a |one )?month and a half\b", text):
        return 1.5
    # "under a year. 7 or 8 months maybe": the bound is a hint, the figure the answer.
    under = re.compile(
        r"\b(under|less than|not even|not quite|nearly|almost|just under) (a|one) (year|yr)\b"
    )
    if under.search(text):
        rest = under.sub(" ", text)
        return _months(rest) if _QUANTITY.search(rest) else 9.0
    short = re.search(r"\b(\d+)\s?mos?\b", text)  # "9 mo", "3mos"
    if short and not _QUANTITY.search(text):
        return float(short.group(1))
    match = _QUANTITY.search(text)
    if not match:
        if re.search(r"\ba fortnight\b|\bfortnight\b", text):
            return 0.5
        if re.search(
            r"\b(a|one|the|this) (past |last )?month\b|\bmonth or so\b|"
            r"\b(since|from|in|of|was|around|about) last month\b",
            text,
        ):
            return 1.0
        if re.search(
            r"\b(a|one|the|this) (past |last )?(year|yr)\b|^(a )?year\b|\bsince last year\b",
            text,
        ):
            return 12.0
        if re.search(r"\b(a|one|this) week\b|\b(since|from) last week\b", text):
            return 0.25
        seasons = re.search(
            rf"\b{_NUMBER} (winters|summers|springs|autumns|christmases|easters|new years) ago\b",
            text,
        )
        if seasons:  # "since we moved to perth two winters ago": about that many years
            return _number(seasons.group(1)) * 12 - 3
        return None
    low = _number(match.group(1))
    high = _number(match.group(2)) if match.group(2) else low
    count = (low + high) / 2
    unit = match.group(3)[0]
    months = count * _MONTHS_PER[unit]
    if _AND_A_HALF.search(text[match.start() :]):
        months += 6 if unit == "y" else 0.5
    return months


def read_duration(text: str | None) -> Reading:
    """How long it has felt this way: a span, a vague span, or not sure."""
    t = _clean(text)
    if t in DURATIONS:
        return _answer(t)
    if t == UNKNOWN:
        return _answer(UNSURE)
    kind = request_kind(t)
    if kind:
        return _not(kind)
    if not t:
        return _not(OTHER)
    if _SHRUG.search(t) and not re.search(r"[a-z0-9]", _SHRUG.sub("", t)):
        return _answer(UNSURE)
    t = _NOT_A_SPAN.sub(" ", t)  # "weeks not months", "not like one day it happened"
    if _DOUBT_LAST.search(t):
        # "maybe the spring, maybe way before, i honestly don't know": the doubt is the answer.
        return _answer(UNSURE)
    if re.search(r"\bturning (two|three|four|five|\d+)\b|\bteenagers?\b", t) or (
        # "since our second was born, he's 4 now", "they turn 4 next month": the child's age
        (
            re.search(r"\b(born|arrived|came along|had (the|our|a|my) \w+)\b", t)
            # "since our second kid and she's 4 now"
            or re.search(
                r"\bsince (our|my|the|his|her|their) ((first|second|third|1st|2nd|3rd|eldest|"
                r"oldest|youngest|last|little|middle)\b|((new|little) )?(kid|child|baby|son|"
                r"daughter|boy|girl|little one|bub)\b)",
                t,
            )
        )
        and re.search(
            r"\b(he'?s|she'?s|they'?re|who'?s|is|are|now|turns?|turned)( now| nearly| almost|"
            r" about| over| just| coming up to| going on| already)* ([2-9]|1\d|two|three|four|"
            r"five|six|seven|eight|nine|ten)( years?( old)?| now| next| this| in| soon|\W*$)",
            t,
        )
    ):
        return _answer("year_plus")
    aged = _years_since_age(t)  # "since i turned 40 and im 43 now"
    if aged is not None:
        return _answer(_span(aged * 12))
    # "from the start of the year", "earlier this year": months.
    if not _QUANTITY.search(t) and re.search(
        r"\b(start|beginning|begining|middle|end) of (the|this) (year|yr)\b|\bthis (year|yr)\b",
        t,
    ):
        return _answer("months")
    months = _months(t)
    if (
        months is None
        and re.search(r"^(no (idea|clue)|not sure|dunno|idk|hard to say|difficult to say)\b", t)
        and not _DATE.search(t)
    ):
        return _answer(UNSURE)  # "no clue, i only noticed recently but ..." ("idk like since
        # sept" is a date)
    if months is not None and not re.search(r"\bmaybe longer\b|\bor longer\b", t):
        # "[since X] ... N years ago" names how long as well.
        return _answer(_span(months))
    year = _named_year(t)
    if year is not None and year < _today().year:
        # "since the wedding and that was 2019", "since march 2015": a year before this one.
        return _answer("year_plus")
    since = _months_since_date(t, _today())
    if since is not None and since >= 0:
        return _answer(_span(since))
    t = _TOGETHER_FOR.sub(" ", t)  # how long they have been together is not the answer
    # "years. like since the wedding": a span named beside an undated event is the span.
    vague = re.sub(r"\bsince the wedding\b", " ", t) if re.search(r"\b(years|decades)\b", t) else t
    if _VAGUE.search(vague):
        return _answer(UNSURE)
    if _LONG_AGO.search(t) or re.search(r"\byears?\b", t):
        return _answer("year_plus")
    if _RECENT.search(t):
        return _answer("weeks")
    # "since the summer", "since like march", "back in september": a season or a month ago.
    if _SEASON_OR_MONTH.search(t):
        return _answer("months")
    if re.search(r"\bmonths\b", t):
        return _answer("months")
    if re.search(r"\bweeks\b|\bdays\b", t):
        return _answer("weeks")
    if re.search(r"\b(not sure|maybe)\b", t):
        return _answer(UNSURE)
    # "since we moved house", "ever since the wedding": a time told by an event, with no
    # span or date, is an answer, but not a length of time.
    if _SINCE_EVENT.search(t) and "?" not in t:
        return _answer(UNSURE)
    if _SHRUG.search(t):
        return _answer(UNSURE)
    return _not(OTHER)


# Doubt said last ("maybe the spring, maybe way before, i honestly don't know", "which was...
# a while ago. i'm really not sure"): whatever was guessed before, the answer is not sure.
_DOUBT_LAST = re.compile(
    r"\b(i (honestly |really |just |genuinely )?(don'?t|do not) know|i'?m (really |honestly |"
    r"just )?not sure|no idea|who knows|hard to say|can'?t (say|tell))\W*$"
)
_AGE_THEN_NOW = re.compile(
    r"\b(?:since|from|when) (?:i|he|she|we) (?:turned|was|were|hit) (\d{2})\b[^?]*?"
    r"\b(?:i'?m|im|i am|he'?s|she'?s|we'?re|now)( now| nearly| almost| about)* (\d{2})\b"
)


def _named_year(text: str) -> int | None:
    """The year a reply dates the change by ("since 2021", "the wedding, that was 2019")."""
    match = _NAMED_YEAR.search(text)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _years_since_age(text: str) -> float | None:
    """Years from an age then to an age now ("since i turned 40 lol and im 43 now")."""
    match = _AGE_THEN_NOW.search(text)
    if not match:
        return None
    years = int(match.group(3)) - int(match.group(1))
    return float(years) if 0 <= years < 60 else None


def _span(months: float) -> str:
    """The duration value for a span in months: under about two months is weeks."""
    if months < 2:
        return "weeks"
    return "months" if months < 12 else "year_plus"


# --- How long, told in the story ------------------------------------------------------------
# A first message often dates the change ("she started a new job in the summer and since then
# ...", "his mum moved in 6 months ago and ever since", "for the past two years"): then the
# question "how long?" is already answered. Only sentences that tie the feeling to a time are
# read, without what dates something else (how long they have been together, ages, how
# often, a past trouble that is over now).
_STORY_ANCHOR = re.compile(r"\b(since|(for|over|in) the (past|last))\b")
_STORY_NOT_SINCE = re.compile(
    r"\b(haven'?t|hasn'?t|not|never|didn'?t|don'?t) (\w+ ){0,3}since\b"
    r"|\bsince (we|i) (met|got together|first met|were)\b|\btogether since\b"
)
_STORY_OVER = re.compile(
    r"\b(fine now|all clear|sorted|cleared|got through|but not now|ages ago|years ago|"
    r"in remission)\b"
)
_STORY_BARE_SINCE = re.compile(r"\b(ever since|since( then| that)?)\W*$|\bsince then\b")
_STORY_NOISE = re.compile(
    r"\b((we'?ve |we have |we )?(been )?(together|married|dating|with (him|her|them)|"
    r"known each other|living together|a couple|engaged)( for)?( about| nearly| almost| over|"
    r" just over| like)? (\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty)\+? ?(years?|yrs?|months?)( now)?)\b"
    r"|\b(\d+|\w+) (years?|yrs?) (married|together|old)\b|\bof \d+ (years?|yrs?)\b"
    r"|\b(we'?re|i'?m|he'?s|she'?s|they'?re)( both)? \d\d?\b|\(\s*[mf]?\s*\d+\s*[mf]?\s*\)"
    r"|\b\d\d ?[mf]\b|\b[mf] ?\d\d\b|\bin (our|their|his|her|my) \d0s\b"
    r"|\bevery (single )?(day|week|night|month|weekend|morning|evening)\b"
    r"|\b(most|some|all|other|couple of|few) (days|nights|weeks)\b"
    r"|\b(\d+|a|one|two|three|four|five|six) (nights?|days?|weeks?|shifts?)( on| off)? "
    r"(a|per|on|off|every|in)\b"
    r"|\b(takes?|took) (about |like )?(a|one|two|\d+) (days?|weeks?)\b"
    r"|\bafter (years|months) of\b|\b(lately|recently|these days|nowadays)\b"
    # "retired in june after 40 years with the council": a working life, not this stretch
    r"|\bafter (\d+|\w+) (years?|yrs?) (with|at|in|of|on|as)\b"
)
# A change the story dates by a month, a season or "... ago" ("my husband retired in june",
# "we moved to bristol in the summer", "his dad died in february"): the change named (a
# cause the reader knows) is when the distance began, as the writers of every set assume.
_STORY_EVENT_DATE = re.compile(
    r"\b(in|back in|around|over|during|last|this past)( (like|about|around|roughly|maybe|"
    r"probably|sometime|the|last|this|early|late|mid|middle of|start of|end of|beginning of))* "
    rf"{_MONTH_NAMES}\b|\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|a few|a couple of) (weeks?|months?|years?) ago\b"
)


# Who pulled away, stated plainly in the story: "he's the one who's pulled away, not me",
# "she's withdrawn from me", "i've shut down and can't let her in".
_STORY_WITHDREW = re.compile(
    r"\b(?P<who>i|he|she|my (husband|wife|partner|boyfriend|girlfriend|bf|gf|fiance|"
    r"fiancee|hubby))('m|'s|'ve| am| is| has| have)? (the one (who|that)('s| has|'ve| have)? )?"
    r"(completely |totally |really |just |kind of |sort of |been |started |gone )*"
    r"(pulled away|pulling away|pulled back|pulling back|withdrawn|withdrew|withdrawing|"
    r"shut down|shutting down|shut (me|her|him) out|closed off|checked out|gone cold|"
    r"gone quiet|backed off|drawn back)\b(?! (from|of) (the|his|her|my) (job|work|friends|family))"
)


_STORY_DENIED_AFTER = re.compile(r"\W*(i|he|she) (haven'?t|hasn'?t|isn'?t|am not|'m not)\b")


def story_pulled_away(texts: list[str]) -> str | None:
    """Who pulled away, when the person's story says it in so many words; else None."""
    found: set[str] = set()
    for text in texts:
        t = _clean(text)
        for match in _STORY_WITHDREW.finditer(t):
            if _STORY_DENIED_AFTER.match(t[match.end() :]):
                continue  # "he thinks i've gone cold. i haven't"
            found.add("me" if match.group("who") == "i" else "partner")
    if len(found) == 2:
        return "both"
    return next(iter(found)) if found else None


def _event_named(part: str) -> bool:
    """Whether a sentence names a change the cause reader knows (a move, a loss, a job)."""
    reading = read_cause(part)
    return reading.answered and any(label in CAUSE_LABELS for label in reading.value or ())


def _dated(text: str) -> list[str]:
    """The sentences of a story that tie the change to a time or an event ("since ...")."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?;])\s+|\n+", _clean(text)) if p.strip()]
    kept: list[str] = []
    for i, part in enumerate(parts):
        if _STORY_NOT_SINCE.search(part) or _STORY_OVER.search(part):
            continue
        if not _STORY_ANCHOR.search(part):
            if _STORY_EVENT_DATE.search(part) and _event_named(part):
                kept.append(part)
            continue
        if _STORY_BARE_SINCE.search(part) and i > 0 and parts[i - 1] not in kept:
            kept.append(parts[i - 1])  # "we moved in march. it's been awful ever since"
        kept.append(part)
    return kept


def story_duration(texts: list[str]) -> str | None:
    """How long it has felt this way, when the person's story dates the change; else None.

    ``texts`` are the person's messages before the questions began. Only a span, a date or
    a season tied to the change counts (weeks, months or year_plus); "ever since" with no
    time, or a time that dates something else, leaves the question to be asked.
    """
    found: set[str] = set()
    for text in texts:
        kept = _dated(text)
        if not kept:
            continue
        reading = read_duration(_STORY_NOISE.sub(" ", " ".join(kept)))
        if reading.answered and reading.value in DURATIONS and reading.value != UNSURE:
            found.add(str(reading.value))
    return next(iter(found)) if len(found) == 1 else None


def story_cause(texts: list[str]) -> tuple[str, ...]:
    """What changed, when the story names the event it dates the change by; else ().

    "his mum moved in with us 6 months ago after her fall and ever since ..." names in-laws:
    only the dated sentences are read, so a cause mentioned in passing elsewhere is not
    taken for the one that started it.
    """
    labels: list[str] = []
    for text in texts:
        kept = [k for k in _dated(text) if not _SOMEONE_ELSES.search(k)]
        if not kept:
            continue
        reading = read_cause(" ".join(kept))
        for label in reading.value or () if reading.answered else ():
            if label in CAUSE_LABELS and label not in (*labels, "nothing", UNSURE):
                labels.append(str(label))
    return tuple(labels)


# "my sister's husband cheated on her": someone else's story, not what changed for them.
_SOMEONE_ELSES = re.compile(
    r"\b(sister|brother|friend|mate|mum|mother|dad|father|cousin|neighbour|colleague)'?s "
    r"(husband|wife|partner|boyfriend|girlfriend|bf|gf)\b"
)


# --- What changed -----------------------------------------------------------------------
# Places far enough away that working there means living apart.
_FAR = (
    r"(dubai|abu dhabi|qatar|doha|saudi|the gulf|the middle east|sydney|melbourne|perth|"
    r"australia|new zealand|singapore|hong kong|china|japan|india|africa|america|the (us|usa|"
    r"states)|new york|canada|toronto|london|scotland|ireland|europe|germany|france|spain|"
    r"norway|the netherlands|amsterdam|abroad|overseas)"
)
_CAUSE_PATTERNS: list[tuple[str, str]] = [
    (
        "new_baby",
        r"\b(bab(y|ies)|pregnan\w*|newborn|twins|our (second|first|third|2nd|1st|3rd)"
        r"(?! (place|house|home|flat|apartment|car|holiday|date|property|year))|little one|"
        r"post ?-?natal|post ?-?partum|pnd|ppd|mat leave|"
        r"had (a|our) (boy|girl|son|daughter)|became parents|maternity|paternity|"
        r"(the|after the|since the|a) birth|gave birth|was born|"
        r"toddlers?|\d under \d)\b",
    ),
    (
        "kids",
        r"\b(kids|children|teen(ager)?s?|school run|(our|the|my|his|her) (son|daughter|eldest|"
        r"youngest|middle one|boy|girl)'?s?|step-?(son|daughter|kids?)|our eldest|our youngest|"
        r"(school|uni|university|tuition|nursery|childcare) (fees|costs))\b",
    ),
    (
        "long_hours",
        r"\b(second job|two jobs|extra shifts|"
        r"(?<!after )(marks?|marking|works?|working|at work|at the office)"
        r" (every|all|most) (evenings?|nights?|weekends?)|(every|all) evening and (all )?weekend|"
        r"(marks?|marking|works?|working) (\w+ )?evenings and weekends|"
        # "he's in the office till 9", "works till 8 most nights", "the hours he does"
        r"(in|at) (the office|work)( \w+)? (till|until|til|past) \d+|"
        r"works? (late )?(till|until|til|past) \d+|"
        r"the hours (s?he|i|they) (does|do|works?|puts? in)|"
        r"(never|not|rarely) home (before|till|until) \d+)\b",
    ),
    (
        "new_job",
        r"\b(new job|promot\w*|longer hours|long hours|changed jobs?|"
        r"started (a |her |his |my )?(new )?(job|role|work)|\d+ ?(hr|hour)s? (weeks?|days?)|"
        r"for (my|his|her) job|new role|overtime|career|works? (late|all hours)|"
        r"(took|got|accepted|started|landed) (a|an|the|this|that) (new |better )?(job|role|post)|"
        r"started as|took on (a|the) (role|post)|"
        # back to full-time work ("since i went back full time"), not a return after a birth
        r"(went|go|gone|going|got|return\w*) back (to work |to working )?full[ -]?time|"
        r"(went|gone|going|got) back to the office|"
        r"home (by|at|after) \d+ ?(pm)?|from (the )?office|"
        r"(crazy|long|late|mad|insane|ridiculous|silly|awful|huge) hours)\b",
    ),
    (
        "money",
        r"\b(money|debts?|bills|rent|mortgage|"
        # "we're broke", not "she broke her leg" or "it broke us"
        r"broke(?! (his|her|my|their|our|a|an|the|it|up|down|into|out|off|us|me|him)\b)|"
        r"financ\w*|can'?t afford|skint|cost of living|"
        r"[£$€]\d[\d,.]*k?|\d+k (in|of) debt|"
        r"crypto|bitcoin|"
        r"savings|to save (up )?(for|money)|saving (up )?for|deposit|loans?|overdraft|"
        r"(money|cash|things) (got|is|was|are) tight|(we|i|he|she|they) (now )?owe)\b",
    ),
    (
        "job_loss",
        r"\b(lost (his|her|my|their|our) jobs?|job loss|laid off|redundan\w*|unemployed|"
        r"out of work|(my|his|her|their) job went|(got|was|been) (fired|sacked|let go)|"
        # "lost my dad and my job in the same year": the job as the second thing lost
        r"lost (my|his|her|their|our) \w+( \w+)? (and|&) (my|his|her|their|our) jobs?)\b",
    ),
    (
        "stress",
        r"\bstress(ed|ful)?\b|\bpressure\b|\bburn(ed|t)? ?out\b|\bworkload\b|"
        r"\bdeadlines?\b|\boverwhelm\w*|\bstretched thin\b|\bfrazzled\b|\bsigned off\b|"
        r"\b(work|job)( has| had)? (got|gotten|was|is|been|became) (so |really |very |just )?"
        r"(bad|awful|hard|hell|horrible|crazy|intense|toxic|brutal|insane|full on|nonstop)\b",
    ),
    (
        "screens",
        r"\b(phones?|screens?|netflix|tv|telly|gaming|games|xbox|playstation|tiktok|"
        r"instagram|social media|scrolling|on his laptop|on her laptop|fantasy football|"
        r"group ?chats?|youtube|reddit|fortnite|ps5|consoles?|streaming|podcasts)\b",
    ),
    (
        "routine",
        r"\b(rut|routine|same (thing )?every day|bored|boring|autopilot|groundhog|"
        r"same old|no big (event|thing)|just drifted|drifted apart|flatmates|housemates|boredom|"
        r"habits?|same (old )?(thing|things|stuff)( \w+)? every|(?<!about )(?<!over )chores|"
        r"housework|life admin|"
        r"not dates|no (more )?date nights?|never go (anywhere|out)|never do anything|"
        r"stopped doing (anything|things|stuff)( together)?|lockdowns?|the pandemic|"
        r"since covid)\b",
    ),
    (
        "conflict",
        r"\b(argu\w*|fight\w*|fought|bicker\w*|rows?|rowing|conflict|shouting|yelling|"
        r"clash\w*|disagree\w*|(haven'?t|can'?t|don'?t|never) agreed? on|"
        r"at each other'?s throats)\b",
    ),
    (
        "distance",
        r"\b(long distance|long-distance|working away|works away|away (for|with) work|"
        r"deploy\w*|on the rigs|offshore|went to uni|living apart|abroad|away a lot|"
        r"travel(s|ling)? (for|with) work|posted (in|to|at|overseas|abroad)|stationed|"
        r"different (cities|countries|states|time ?zones?)|miles apart|"
        # "we're apart now" (not "we're just far apart", "drifting apart")
        r"(we'?re|we are|we'?ve been) (living )?apart( now| during| for| most)?\b|"
        rf"(s?he|they|i) stayed (behind|put|(in|out in|over in|back in) {_FAR})|"
        r"(live|living|lives) "
        r"(apart|in different)|fifo|fly.in fly.out|(don'?t|do not|no longer) live together|"
        r"(in|out in|over in|away in) \w+( \w+)? for (work|his job|her job|a contract)|"
        r"travel(l)?ing (\w+ )?(weeks?|days?|nights?) (out of|a|every)|"
        r"travel(l)?ing (a lot|all the time|constantly|every week|most weeks)|"
        rf"(working|works|based|posted|stationed) (in|out in|over in|to) {_FAR}|"
        rf"{_FAR} for work)\b",
    ),
    (
        "health",
        r"\b(diagnos\w*|illness|ill|sick(?! (of|and tired|to death)\b)|surgery|operation|"
        r"depress\w*|anxiety|anxious|"
        r"cancer|chronic|pain|injur\w*|mental health|ms|breakdown|health|meds|medication|"
        r"antidepressants?|libido|chemo\w*|radiotherapy|long covid|(got|had|caught) covid|"
        r"stroke|heart attack|tumou?r|accident|hormon\w*|peri|ivf|fertility|infertil\w*|"
        r"sertraline|prozac|citalopram|ssris?|therapy|physio|disabilit\w*|"
        r"menopaus\w*|perimenopaus\w*)\b",
    ),
    (
        "self_esteem",
        r"\b(ugly|gross|put on weight|gained weight|weight gain|confiden\w*|self.?esteem|"
        r"insecur\w*|hate my body|my body|feel unattractive|self.?worth)\b",
    ),
    (
        "infidelity",
        r"\b(affair|cheat\w*|unfaithful|messaging (his|her) ex|texting (his|her) ex|"
        r"slept with|another (woman|man)|emotional affair|dating (apps?|sites?)|tinder|bumble|"
        r"hinge|grindr|"
        r"(messaging|texting|seeing|sexting|talking to) (someone|somebody|another|other "
        r"(women|men|girls|guys))|(someone|somebody) else|"
        r"(found|saw|read) (some |the )?(messages|texts|dms|photos|emails))\b",
    ),
    (
        "grief",
        r"\b(passed( away)?|died|dying|death|funeral|miscarriage|lost (my|his|her|our|a|the) "
        r"(\w+ )?(mum|mom|dad|father|mother|brother|sister|baby|friend|son|daughter|pregnancy|"
        r"grandad|granddad|grandpa|grandma|gran|nan|nana|grandmother|grandfather|uncle|aunt|"
        r"auntie|cousin|dog|cat)|"
        r"bereave\w*|griev\w*|lost a pregnancy|stillbirth|"
        r"lost (my|his|her|our) \w+ (and|&) (my|his|her|our) (mum|mom|dad|father|mother|"
        r"brother|sister|grandad|granddad|grandpa|grandma|gran|nan|nana|grandmother|"
        r"grandfather|uncle|aunt|auntie|cousin|best friend))\b",
    ),
    (
        "caring",
        r"\b(looking after (her|him|my|his|them)|caring for|carer|dementia|nurse mode|"
        r"look after (my|his|her))\b",
    ),
    (
        "in_laws",
        r"\b(in-?laws?|(his|her|my) (mum|mom|mother|dad|father) moved in|"
        r"(father|mother|brother|sister)[- ]in[- ]law)\b",
    ),
    (
        "moving",
        r"\b(moved|moving|relocat\w*|new city|new town|emigrat\w*|new country|the move|"
        r"house move|new (house|home|flat|place)|bought (a|our first) (house|home|flat)|"
        r"shifted (from|to|cities|countries))\b(?! in with (us|me)\b)"
        # "moved onto nights" is a change of shifts, not of home
        r"(?! (on|onto|to) (\w+ )?(nights|days|shifts|earlies|lates)\b)",
    ),
    ("retirement", r"\bretir\w*\b"),
    (
        "work_from_home",
        r"\b(work(ing)? from home|wfh|stuck at home working|home working|remote work\w*|"
        r"in each other'?s pockets)\b",
    ),
    (
        "shift_work",
        r"\b((on|onto|works?|working|doing|started|switched to|moved to|went on|gone on) "
        r"(permanent |regular |constant |full[- ]time )?nights|"
        r"night shifts?|shifts?|shift work|4 on 4 off|earlies|lates|12s|twelves|"
        r"(my|his|her|our|their) (hours|rota) (changed|switched)|"
        r"on call|nightshift)\b",
    ),
    ("drinking", r"\b(drink\w*|drunk|alcohol|booze|pub every|sober|sobriety|rehab|aa)\b"),
    (
        "addiction",
        r"\b(gambl\w*|betting|bets|addict\w*|drugs|cocaine|weed|porn|casino|pokies|slots)\b",
    ),
]
_LOSS_OF_A_BABY = re.compile(
    r"\b(lost (a|the|our|my|her|the) (pregnancy|baby)|miscarri\w*|stillb\w*|"
    r"loss of (a|the|our|my) (pregnancy|baby))\b"
)
_NOTHING = re.compile(
    r"\b(nothing( really| specific| changed| in particular)?|not sure|no idea|dunno|idk|"
    r"don'?t (think so|know)|just (sort of )?happened|gradual\w*|getting older|"
    r"can'?t think of anything|not that i know|(everything|it) (was|stayed) the same|"
    r"can'?t put my finger on it|hard to (say|pin down)|not (really |entirely |totally )?sure|"
    r"(don'?t think|not sure|can'?t think|can'?t remember) (that )?(anything|much) (really )?"
    r"(changed|happened)|not that i can (think of|remember|recall)|nothing i can point to|"
    r"always (been )?like (this|that)|always been this way|can'?t remember|"
    r"lots of (little|small) things|nothing big|not really,? no)\b|^\W*🤷"
)
# "the move was fine", "it's not that", "i don't think that's it": a cause named only to be
# set aside.
_DISMISSED = re.compile(
    r"\b(was|were|is|are|went|has been|have been)( all| totally| really| actually| honestly)?"
    r" (fine|ok|okay|alright|good|great)\b|"
    r"\b(it'?s|that'?s|it was|that was|it is|that is) not (it|that|the (problem|issue|reason|"
    r"cause))\b|\b(isn'?t|wasn'?t) (it|that|the (problem|issue|reason|cause))\b|"
    r"\bdon'?t think (that'?s|it'?s|it was|that was|it is) (it|why|the (reason|cause|problem))\b|"
    r"^(so )?not that\b|\bbut it'?s not\b|^it'?s not\W*$|"
    r"\b(started|began) (way |well |long )?before (that|then)\b|\bnothing to do with\b|"
    r"\bweren'?t (that |very |even )?close\b|"
    r"\b(ok|okay|fine|alright|comfortable) (for|with|on) (money|cash)\b|\bnot about (the )?\w+\b|"
    # "i thought it was the move but no", "people say it's the kids but it isn't", "not the
    # move anyway", "definitely not money", "the baby was never the problem"
    r"\bbut (no|nah|nope|not really)\b|^(no|nah|nope|not really)(,? (no|not really))?\W*$|"
    r"\b(it|that)( really)? (isn'?t|wasn'?t|is not|was not)\W*$|"
    r"^(it|that)('?s| is| was)?( really)? (not|isn'?t|wasn'?t) (really )?"
    r"(the|his|her|my|our|about)\b|"
    r"^((and|but|so|well|though|tbh|honestly),? )*not (the|his|her|my|our|their)\b|"
    r"\b(definitely|certainly|def|defo|deffo|honestly|really) not\b|"
    r"\b(isn'?t|wasn'?t|is not|was not|was never|never was|has never been|never been) "
    r"(a|an|the|really a|really an)? ?(problem|issue|factor)\b|"
    r"\bno (real )?(problems?|issues?) with\b"
)
# Money said as a gain is no money worry: "promotion, more money but he's never home".
_MONEY_GAIN = re.compile(
    r"\b(more|better|good|extra|decent|great) (money|pay|salary|wage)\b|\bpay ?rise\b|"
    r"\ba (raise|rise)\b|\bpaid (more|better|well)\b"
)
# "not really, i'm just tired all the time": a no, when no cause is named after it.
_LEADING_NO = re.compile(r"^\W*(no+|nope|nah|not really|not as such)\b(?!-)")
# "the kids, and work, and his mum being ill": work as one item of a list is its strain.
_BARE_WORK = re.compile(
    r"^((and|plus|also|then) )?((his|her|my|our|their|the) )?(work|job|jobs|boss|office)"
    r"( stuff| things| stress)?$"
)
# "looking after my dad since his stroke": the illness says when the caring began.
_SINCE_ILLNESS = re.compile(r"\b(since|after) (his|her|their) [\w' ]+?(?=[,.;!?]|\band\b|$)")
# "maybe the move, or maybe not", "possibly work, possibly nothing": a guess taken back.
_GUESS_TAKEN_BACK = re.compile(
    r"\b(maybe|perhaps|possibly|might be|could be)\b.*\W(or|then again),? (maybe |perhaps )?not\b"
    r"(?! (the|that|just|only|really|sure (if|whether|what)))|"
    r"\b(maybe|perhaps|possibly|or|could be|might be) nothing( at all)?\W*$"
)
# "my mum got ill", "my father in law's been unwell": a relative fallen ill, said plainly.
_RELATIVE_ILL = re.compile(
    r"\b(my|his|her|their|our) (\w+ )?(mum|mom|mother|dad|father|nan|nana|gran|grandma|grandad|"
    r"granddad|grandpa|grandmother|grandfather|sister|brother|aunt|auntie|uncle|"
    r"(father|mother)[- ]in[- ]law)('?s)? (has |had |have )?(got |gotten |been |fell |became |was |"
    r"is |went )?(really |very |quite |so |seriously )?(ill|sick|unwell|poorly)\b"
)
_OWN_MONEY_LOSS = re.compile(
    r"\b(the|and) money\b|\b(lost|losing|lose|spent|spending|blew|blown|gambled|bet|wasted|"
    r"drained|emptied|cleared|took|wiped) (\w+ )?(money|savings|cash|\d+k|[£$€]\d[\d,.]*k?|"
    r"(our|the|my|his|her) (\w+ )?(savings|money|account|fund|deposit))\b"
)
# "she got sick and i'm doing most of everything now": the care of someone ill.
_DOING_EVERYTHING = re.compile(
    r"\b(i'?m|i am|i'?ve been|i have been|i) (now )?(doing|do) (most of |all of |almost |nearly )?"
    r"(everything|it all)\b"
)
_LOW = re.compile(r"\b(been|feel|felt|feeling|so|really|very) (low|down)\b")
_NOTHING_FIRST = re.compile(
    r"^\W*((honestly|tbh|well|um+|hmm+|no|nah|not really),? )*(nothing|not that i can|"
    r"(i )?don'?t think anything|can'?t think of anything)\b"
)
# Words that only hint at routine: "nothing specific, we just drifted" is nothing.
_ONLY_DRIFT = re.compile(r"\b(just drifted|drifted apart)\b")


_WORK = re.compile(
    r"\b(work|working|job|jobs|boss|the office|career|business|exhausted|knackered|"
    r"shattered|worn out|run ragged|run down|no time|so busy|too busy|busy)\b"
)
_ASKS = re.compile(r"\b(what|which|how|why|who|when) (was|is|were|are|do|did|does|should)\b")
_CHANGE_TOLD = re.compile(
    r"\b(started|began|since|after|stopped|lost|changed|moved|went (back|off|on)|"
    r"got (a |an )?(new|promoted|pregnant|ill|sick|made redundant|laid off)|became|"
    r"took (on|up)|new)\b"
)


@cache
def cause_words() -> Concepts:
    """Causes in everyday words, matched by lemma (``content/assessment/cause_words.yml``)."""
    return Concepts.load(CONTENT_DIR / "assessment" / "cause_words.yml")


_MOVED_SHIFT = re.compile(r"\bmov\w* (on|over )?to (the |a )?\w+ ?shifts?\b")


def _causes_named(text: str) -> list[str]:
    """The cause labels a (cleaned) reply names: the patterns above, then the vocabulary."""
    found = [label for label, pattern in _CAUSE_PATTERNS if re.search(pattern, text)]
    found += [label for label in cause_words().find(text) if label not in (*found, "nothing")]
    return found


def read_cause(text: str | None, entities: list[str] | None = None) -> Reading:
    """What changed around the time it started: one or more cause labels, or nothing."""
    t = _clean(text)
    if t in CAUSE_LABELS:
        return _answer((t,))
    if t == UNKNOWN:
        return _answer(("nothing",))
    kind = request_kind(t)
    if kind:
        return _not(kind)
    found = _causes_named(t)
    # Caring for someone ill names two changes: the caring, and the illness ("my wife had
    # surgery and i've been caring for her", "his mum got cancer and he looks after her"),
    # the caring first (what the plan ranks by, as when the caring was read alone). A
    # relative who "got ill" or an illness named only as when the caring began ("looking
    # after my dad since his stroke") is the reason for the caring, so the caring alone.
    if "caring" in found and "health" in found:
        found.remove("caring")
        found.insert(found.index("health"), "caring")
        if "health" not in _causes_named(_RELATIVE_ILL.sub(" ", _SINCE_ILLNESS.sub(" ", t))):
            found.remove("health")
    # "she got sick and i'm doing most of everything now": the illness, and the caring after.
    if "health" in found and "caring" not in found and _DOING_EVERYTHING.search(t):
        found.append("caring")
    if "in_laws" in found and "moving" in found:
        found.remove("moving")
    if (
        "money" in found
        and _MONEY_GAIN.search(t)
        and "money" not in _causes_named(_MONEY_GAIN.sub(" ", t))
    ):
        found.remove("money")
    # Money already says what the stress is about; "work stress" is stress, not a new job.
    if "money" in found and "stress" in found and not re.search(r"\bstress\b", t):
        found.remove("stress")
    # "i lost a pregnancy in the summer": a loss, not a new baby.
    if "grief" in found and "new_baby" in found:
        rest = re.sub(_LOSS_OF_A_BABY, " ", t)
        if not re.search(dict(_CAUSE_PATTERNS)["new_baby"], rest):
            found.remove("new_baby")
    # "gambling and now we're in debt": the debt is what the habit changed for the couple,
    # the money alone; a loss told as its own event ("we lost money", "he spent our
    # savings", "and the money side of it") is the habit and the money.
    if "addiction" in found and "money" in found and not re.search(_OWN_MONEY_LOSS, t):
        found.remove("addiction")
    if "drinking" in found and "grief" not in found and "health" in found:
        found.remove("health")
    if "shift_work" in found and "new_job" in found and not re.search(r"\bnew job\b", t):
        found.remove("new_job")
    if "work_from_home" in found and "moving" in found:
        found.remove("moving")
    # "since he moved to night shift": a change of shift, not of home
    if "shift_work" in found and "moving" in found and _MOVED_SHIFT.search(t):
        found.remove("moving")
    if "shift_work" in found and "long_hours" in found:  # "my hours changed to earlies"
        found.remove("long_hours")
    if "distance" in found and "shift_work" in found:
        found.remove("shift_work")
    # "messages on his phone to another woman": the phone is where the affair showed.
    if "infidelity" in found and "screens" in found:
        found.remove("screens")
    named = bool(found)
    found = _without_dismissed(t, found)
    # "i've been really low since": low mood is health, unless it follows a loss.
    if _LOW.search(t) and not {"health", "grief"} & set(found):
        found.append("health")
    # (not in the round of a routine: "work, tea, bed, repeat")
    if not {"stress", "routine"} & set(found) and any(
        _BARE_WORK.search(item.strip()) for item in re.split(r"[.!?;:,]+|\band\b", t)
    ):
        found.append("stress")
    # "nothing specific, we just drifted": drifting is how nothing changed.
    if (
        found == ["routine"]
        and _NOTHING_FIRST.search(t)
        and "routine" not in _causes_named(_ONLY_DRIFT.sub(" ", t))
    ):
        found = []
    if not found and _NOTHING_FIRST.search(t):
        return _answer(("nothing",))
    if not found:  # the entity ruler's cause, when the words above found none
        found = [value for value in entities or [] if value in CAUSE_LABELS][:1]
    # "work. her job has been insane", "his work is nonstop": work named with nothing new
    # about it is the strain of work.
    if not found and _WORK.search(t) and not re.search(r"\bnew\b|\bchanged\b|\?", t):
        found = ["stress"]
    # "the pandemic maybe? or not, not sure", "possibly his work, possibly nothing at all": a
    # guess taken back in the same breath is not knowing.
    if found and _GUESS_TAKEN_BACK.search(t):
        return _answer(("nothing",))
    if found:
        return _answer(tuple(found))
    # "his mum died but they weren't close, so i don't think that's it": every cause named
    # was set aside, so nothing (they know of) changed.
    if named or _NOTHING.search(t) or "nothing" in cause_words().find(t) or _LEADING_NO.search(t):
        return _answer(("nothing",))
    if _CLARIFY.search(t):
        return _not(OTHER)
    # "i started a new course and was never home": a change described in the person's own
    # words is an answer, even with no label for it.
    if len(t.split()) >= 4 and "?" not in t and _CHANGE_TOLD.search(t) and not _ASKS.search(t):
        return _answer(("other",))
    return _not(OTHER)


def _without_dismissed(text: str, found: list[str]) -> list[str]:
    """``found`` less the causes named only to be set aside ("the move was fine").

    A clause that dismisses ("was fine", "but it's not", "i don't think that's it") drops
    the causes it names itself, or, naming none, those of the clause before it.
    """
    parts = [c.strip() for c in re.split(r"[.!?;,]+|\bbut\b|\bso\b|\bthough\b", text)]
    if not found or not (_DISMISSED.search(text) or any(_DISMISSED.search(c) for c in parts)):
        return found
    kept: set[str] = set()
    dismissed: set[str] = set()
    previous: set[str] = set()
    for clause in parts:
        if not clause:
            continue
        labels = set(_causes_named(clause))
        if _DISMISSED.search(clause):
            dismissed |= labels or previous
            kept -= labels or previous
        else:
            kept |= labels
        previous = labels
    return [label for label in found if label in kept or label not in dismissed]


def cause_slot(labels: tuple[str, ...] | list[str]) -> str:
    """The cause the plan ranks by: the first label the store knows, else unsure."""
    for label in labels:
        store_cause = CAUSE_LABELS.get(label)
        if store_cause in CAUSES:
            return store_cause
    return UNSURE


# --- Who pulled away --------------------------------------------------------------------
_PARTNER_WORDS = (
    r"(him|her|he|she|they|them|partner|husband|wife|boyfriend|girlfriend|spouse|bf|gf|"
    r"hubby|hubs|wifey|fianc[eé]e?|other half|my man|my woman|missus|missis|the mrs|"
    r"the wife|the husband|the old man|the boyfriend|the girlfriend)"
)
_BOTH = re.compile(
    r"\b(both|each other|the two of us|we both|mutual\w*|equal\w*|50/50|fifty fifty|"
    r"bit of both|neither of us|we'?ve (just )?drifted|we drifted|us two|pair of us|"
    r"each of us|both our faults?|both to blame|a bit of each|six of one)\b"
)
_ME = re.compile(r"\b(me|i|myself|mine|i'?m|i'?ve|i'?d|my side|it'?s me)\b")
_THEM = re.compile(rf"\b{_PARTNER_WORDS}\b")
_DONT_KNOW = re.compile(
    r"\b(dunno|not (really |quite |totally |entirely )?sure|unsure|no idea|no clue|idk|"
    r"hard to (tell|say)|"
    r"(can'?t|cannot|couldn'?t|don'?t|do not) (really |honestly |even |quite |actually |"
    r"exactly )?(say|tell|know|remember|recall)|who knows|hard to know|depends|varies|"
    r"difficult to (say|tell)|not clear|unclear|"
    r"can'?t (really )?(work out|figure out|pin))\b"
)
# "maybe him? maybe me?", "him or me, i can't tell": both named as alternatives.
_EITHER = re.compile(
    rf"\bmaybe (me|{_PARTNER_WORDS})\b.*\bmaybe (me|{_PARTNER_WORDS})\b|"
    rf"\b(me|{_PARTNER_WORDS}) or (me|{_PARTNER_WORDS})\b|"
    rf"\bsometimes (me|{_PARTNER_WORDS})\b.*\bsometimes (me|{_PARTNER_WORDS})\b"
)


# "he'd be up for it i reckon", "i think she'd want to": the partner's willingness (the
# last question) answers nothing about who pulled away, however many "he"s it names.
_WILLINGNESS = re.compile(
    r"\b(s?he|they)('?d| would| will|'?ll)( definitely| totally| probably| def)? (be (up for|"
    r"open|keen|willing|game|on board|down)|want to|try|give it a (go|try|shot)|"
    r"come (round|around|along)|do it|agree)\b|\b(up for it|open to it|on board with)\b"
)


def read_pulled_away(text: str | None) -> Reading:
    """Who pulled away: me, partner, both or unsure, in any wording."""
    t = _clean(text)
    if t in PULLED_AWAY:
        return _answer(t)
    if t == UNKNOWN:
        return _answer(UNSURE)
    kind = request_kind(t)
    if kind:
        return _not(kind)
    if re.search(r"\bwhat do you mean\b|\bmean by\b", t) or _PLAINLY_NOT["pulled_away"].search(t):
        return _not(OTHER)  # "ask him lol": not an answer
    # "he'd say me, i'd say him, so... both?": the conclusion after "so" is the answer.
    concluded = re.search(
        r"[,.!?]\s*so\W+(i guess |i'?d say |probably |maybe )?(both( of us)?|me|him|her|them)"
        r"(,? (but )?(it'?s complicated|i guess|i think|probably|really|tbh|honestly|lol))?\W*$",
        t,
    )
    if concluded:
        return read_pulled_away(concluded.group(2))
    if _DOUBT_LAST.search(t) and re.search(r"[,.!?]", t.rstrip(" ,.!?")):
        return _answer(UNSURE)  # "um, him? but maybe i pushed him first. ugh i don't know"
    # "i think it's me but he says it's him": they disagree, and nothing settles it.
    if re.search(
        r"\b(i think|i'?d say|i reckon) (it'?s |its )?(me|him|her|them)\b.*\bbut (s?he|they) "
        r"(says?|thinks?|reckons?|would say|'?d say) (it'?s |its )?(me|him|her|them)\b",
        t,
    ):
        return _answer(UNSURE)
    if _WILLINGNESS.search(t) and not _PULLING.search(t) and not _BOTH.search(t):
        return _not(OTHER)
    if re.search(
        r"\b(trying to (work|figure) (it )?out|can'?t (work|figure) (it )?out|"
        r"(go|going|flip|flipping) back and forth|asking myself|ask myself|"
        r"(s?he|they)('?d| would) say me,? (and |but )?i('?d| would) say|"
        r"i('?d| would) say (him|her|them),? (and |but )?(s?he|they)('?d| would) say|"
        r"one (week|day|month) (it'?s|its) (him|her|me|them))\b|"
        r"^\W*🤷",
        t,
    ):
        return _answer(UNSURE)
    # "we retreat to separate corners", "we both went quiet": the two of them.
    if re.search(
        r"^(and |so |honestly |i think )*we (both |each |just |kind of |sort of )*"
        r"(retreat\w*|withdr\w*|pull(ed)? (away|back)|drift\w*|(went|go|gone) (quiet|cold|"
        r"distant|silent)|shut (down|off)|keep to ourselves|hide|hid)\b",
        t,
    ):
        return _answer("both")
    # "not me anyway", "not me, i'm all in": the other one; "guilty": me.
    if re.search(r"^(well |honestly |definitely |deffo )?not me\b", t) and not _THEM.search(t):
        return _answer("partner")
    if re.search(rf"^(well |honestly |definitely )?not {_PARTNER_WORDS}\b", t) and not re.search(
        r"\bnot me\b", t
    ):
        return _answer("me")
    if re.search(r"^(guilty|mea culpa|that'?d be me|that would be me|yours truly)\b", t):
        return _answer("me")
    # "i don't know, i've been asking myself": not knowing said first, with no name after
    # a hedge ("not sure, probably me" names one).
    if re.search(
        r"^(i (really |honestly )?(don'?t|do not) know|idk|dunno|not sure|no idea)\b", t
    ) and not re.search(
        rf"\b(probably|maybe|prob|mostly|i think|i guess|more|if i had to)\b,? "
        rf"(it'?s |it was )?(me|{_PARTNER_WORDS}|both)\b|"
        # "not sure, it just sort of happened to both of us?": the answer after the doubt
        r"^[^,.]+[,.] [^?]*\b(both of us|we both|the two of us)\b(?![^?]* or )",
        t,
    ):
        return _answer(UNSURE)
    # "we're both miserable": how both feel, not who pulled away (nobody named).
    if re.search(
        r"(^|[?.!] *)((and|but|honestly|i mean|well),? )?we'?re both (so |just |really |pretty |"
        r"equally |"
        r"very )?(unhappy|miserable|sad|stuck|lost|tired|exhausted|frustrated|struggling|hurting|"
        r"fed up|lonely|stressed|knackered|drained)\b(?!.*\b(pull|withdr|distant|quiet|cold|"
        r"shut|drift))",
        t,
    ):
        return _answer(UNSURE)
    # "both but me more", "both, mostly him": the one named as more; "both but me a bit
    # more" is a shade, still both.
    more = re.search(
        rf"\bboth\b,? (but |though |tho )?(?P<before>mostly |more |a bit more |slightly more )?"
        rf"(?P<who>me|{_PARTNER_WORDS})(?P<after> more| mostly| a (bit|little|tad) more|"
        rf" slightly more)?\W*$",
        t,
    )
    if more and (more.group("before") or more.group("after")):
        shade = re.search(r"\b(a (bit|little|tad)|slightly) more\b", more.group(0))
        if shade and not more.group("before"):
            return _answer("both")
        return _answer("me" if more.group("who") == "me" else "partner")
    if _BOTH.search(t):
        return _answer("both")
    # "she started it but i'm not innocent either": both.
    if re.search(r"\b(not innocent|no better|my fault too|guilty too|as bad)\b", t):
        return _answer("both")
    # "he's more withdrawn but i'm not exactly reaching out either": both.
    if (
        _THEM.search(t)
        and re.search(
            r"\b(i'?m|im|i am|i'?ve|i have|i) (not|never|haven'?t|don'?t|didn'?t)\b"
            r"[^.?!]*\beither\b",
            t,
        )
        and not re.search(rf"\b(mostly|mainly) (me|{_PARTNER_WORDS})\b", t)
    ):
        return _answer("both")
    # "him first, then I gave up too" / "me at first, now we're both": both.
    if re.search(r"\b(first|at first|started with)\b.*\b(too|as well|also|now)\b", t):
        return _answer("both")
    # "he pulled away and then i pulled away to protect myself", "she's gone quiet, but i've
    # also been hiding in work": each of them, one after the other.
    if (
        _ME.search(t)
        and _THEM.search(t)
        and re.search(r"\b(then i|i('?ve| have)? also|i also|me too|i did too|i have too)\b", t)
    ):
        return _answer("both")
    if re.search(r"^\W*🙋|\bthat'?s me\b", t):
        return _answer("me")
    if re.search(r"\b(his|her|their) side\b", t) and not _ME.search(t):
        return _answer("partner")
    # "i did first then he did in response", "she went quiet, then i did the same".
    if re.search(
        rf"\b(first|started it)\b.*\bthen (i|me|{_PARTNER_WORDS})\b|"
        # "it started with him but i followed"
        rf"\b(first|started (it|with (me|{_PARTNER_WORDS})))\b.*\b(followed|copied)\b|"
        r"\bin response\b|\b(did|went) the same\b|\bback off too\b|\bfollowed suit\b",
        t,
    ):
        return _answer("both")
    if _EITHER.search(t) and (_DONT_KNOW.search(t) or "?" in t or "sometimes" in t):
        return _answer(UNSURE)
    # "I think he pulled away", "I'd say her": the hedge is not who pulled away.
    t = re.sub(
        r"^(honestly |tbh |hmm+ |um+ |well )?(i think|i guess|i'?d say|i reckon|i feel like|"
        r"i suppose|i'?m pretty sure|i believe)\b,? ?",
        "",
        t,
    )
    me = _ME.search(t)
    them = _THEM.search(t)
    # "he's gone quiet, not me", "her more than me", "I keep reaching out and he doesn't".
    if them and re.search(
        r"\bnot me\b|\bmore than me\b|\bi'?m still trying\b|"
        r"\bi keep (trying|reaching)\b",
        t,
    ):
        return _answer("partner")
    if me and re.search(rf"\bnot {_PARTNER_WORDS}\b|\bmore than {_PARTNER_WORDS}\b", t):
        return _answer("me")
    # "i have. i dont know why": who is said first; not knowing is about why.
    if re.search(r"^(i have|i did|me,? i)\b", t):
        return _answer("me")
    if _DONT_KNOW.search(t) and not them and not re.search(r"\b(me|myself)\b", t):
        return _answer(UNSURE)
    if me and them:
        return _answer("me" if me.start() < them.start() else "partner")
    # "i'm just so tired of all of it", "i don't want to play the blame game": a feeling or a
    # refusal with nobody named as pulling away is no answer.
    if (
        me
        and not _PULLING.search(t)
        and not re.search(r"\b(me|myself|mine|my side|it'?s me)\b", t)
        and re.search(
            r"\b(so tired|exhausted|fed up|sick of|blame game|(don'?t|do not) want to (say|answer|"
            r"play|get into|point))\b",
            t,
        )
    ):
        return _not(OTHER)
    if them:
        return _answer("partner")
    if me:
        return _answer("me")
    if _DONT_KNOW.search(t):
        return _answer(UNSURE)
    return _not(OTHER)


# --- Do you feel safe with your partner? ------------------------------------------------
# Control, fear or violence named in a reply: the abuse reply comes first.
_DISCLOSURE = re.compile(
    r"\b(checks? my phone|go(es)? through my phone|tracks? (my|where)|track my|"
    r"my location|scared (of|what)|afraid (of|what)|frightened|terrified|fear (of )?him|"
    r"fear (of )?her|push(ed|es)? me(?! away)|shov\w+ me|hit(s|ting)? me|slap\w* me|kick\w* me|"
    r"punch\w* me|chok\w* me|grab\w* me|threw (a |an |the )?\w+ at me|throws? things|"
    r"rough|controls? (all )?(the |my )?(money|finances|everything)|ask (him |her )?for "
    r"(everything|money)|walk(ing)? on eggshells|"
    r"goes? off( on me)?(?! (to|out|with|for|and|somewhere|into|in|on (his|her|their) own|"
    r"alone|shopping|fishing|golfing|running|hiking|walking|cycling|camping|travelling|early|"
    r"first)\b)|loses? (it|his temper|"
    r"her temper)|angry if i|won'?t let me|doesn'?t let me|not allowed|take the kids|"
    r"never see (them|the kids)|threat\w*|scary|hurts? me|violent|abus\w*|"
    r"quiet and scary|isolat\w*|"
    r"(smash|broke|break|destroy|wreck)\w* (my|things|stuff|the)|punch\w* (the |a )?(wall|door)|"
    r"(watches|monitors|checks|controls|tracks) (everything|what|where|who|how much) i)\b|"
    # Harm to the body: "grabbed my arm", "pinned me", "bruises", "twisted my wrist".
    r"\b(grabb?|pinn?|shov|push|twist|squeez|yank|chok|strangl|throttl|slap|punch|kick|"
    r"hit|restrain|drag|pull|throw|threw|spat|spit)\w* (me|my (arms?|wrists?|neck|throat|"
    # "he keeps pushing me away": shutting someone out, not harm
    r"hair|face|shoulders?|hands?|legs?|head|body))\b(?! away)|\bbit me\b|\bbruis\w*|\bblack eye\b|"
    r"\bmarks on (me|my)\b|\bheld me (down|back|against)\b|\blocked me (in|out)\b|"
    # Fear of the partner: "nervous when she's in a mood", "never know what sets him off".
    r"\b(nervous|anxious|on edge|tense|uneasy|jumpy|wary|frightened|scared|afraid|"
    r"terrified|petrified|dread\w*|intimidated|panick?\w*|shaking|flinch\w*) "
    r"(when|around|of|whenever|if|near|before|in case) (he|she|they|him|her|them|his|their|"
    r"my (partner|husband|wife|bf|gf|boyfriend|girlfriend|hubby|fianc\w*))\b|"
    r"\bworried (when|what|how) (he|she|they)('ll| will|'d| would| might)?\b|"
    r"\b(he|she|they|him|her)( really| sometimes| can| still| actually| kind of)? "
    r"(scares?|frightens?|terrifies|terrify|intimidates?) me\b|"
    r"\b(set|sets|setting|sends?|sent) (him|her|them) off\b|"
    r"\bnever know (what|which|how|when)\b[^.?!]*\b(set|sets|upset|trigger|mood|temper|"
    r"react|explode|snap|blow|kick off|go off)\w*|"
    r"\b(his|her|their) (temper|rages?|outbursts?|moods?|anger)\b[^.?!]*\b(scar|frighten|"
    r"worr|terrif)\w*|\btip ?-?toe\w*|\bflinch\w*|"
    # Fear, hiding, coercion, threats said without the partner's name.
    r"\b(i'?m|i am|i feel|i get|i'?ve been) (so |really |always |often |just )?(scared|afraid|"
    r"frightened|terrified)\b(?! (of )?(losing|that (we|i)|we'?ll|it'?s over)|"
    r" to (bring|raise|talk|say|tell|ask|open|mention|start|admit))|"
    r"\block(ed)? myself in\b|\b(till|until|til) (he|she|they) calms? down\b|"
    r"\b(makes?|made|forces?|forced|pressur\w*|guilts?) me (into |to )?(have )?sex\b|"
    r"\bforc\w* (me|himself|herself) on me\b|"
    r"\b(hurt|kill) (himself|herself|themselves) and me\b|"
    r"\b(hurt|kill|ruin|destroy)s? me if i\b|"
    r"\bif i (ever )?(leave|left) (he|she|they)('?ll| will|'?d| would)\b|"
    # Keeping the peace out of fear: "i watch what i say so he doesn't kick off", "careful
    # what i say around her", "a bag packed just in case".
    r"\b(watch|careful (about |with |of )?|mind) what i (say|do|wear)\b|"
    r"\b(so|in case) (that )?(he|she|they) (doesn'?t|don'?t|won'?t) (kick|go|blow|flip) off\b|"
    r"\b(bag|suitcase|case|things) packed\b|\bescape (plan|bag)\b|"
    # Things thrown in anger: "he threw a plate at the wall".
    r"\b(threw|throws?|throwing|chuck\w*|hurl\w*|lobb?\w*) [^.?!]{0,25}\b(at|against|across) "
    r"(the )?(wall|room|floor|door|window|kitchen)\b"
)
_NEVER_HURT = re.compile(
    r"\bnever (gone|got|went|goes|been) (any )?(further|beyond|physical)( than (that|words|"
    r"shouting|a row)| words)?\b|"
    r"\b(never|wouldn'?t|would never|won'?t|doesn'?t|didn'?t|has never|hasn'?t|have never|"
    r"haven'?t|not once|not ever) (ever |once |even )?(hurt|hit|harm|touch|push|shove|slap|"
    r"kick|punch|grab|threaten|(laid|lay|put) a (finger|hand)|rais\w* (his|her|their|a) "
    r"(hand|fist))\w*(?! off\b)( (me|us|anyone|the kids|on me|a fly))?\b|"
    r"\b(never|not|isn'?t|wasn'?t|hasn'?t been|has never been|have never been|not once been) "
    r"(been |ever been |once been |ever |a |an |the )?(violent|physical|abusive|aggressive|"
    r"dangerous|threatening|rough)( (person|guy|man|woman|type))?\b|"
    r"\b(nothing|not|none of that|nothing of the sort) like that\b|"
    r"\b(never|not once|has never|hasn'?t ever) (ever )?(kicked|kicks|gone|goes|went) off"
    r"( (at|on) me)?\b|"
    # Fear denied: "i'm not scared of him", "never anything scary", "nothing frightening".
    r"\b(never|not|nothing|isn'?t|wasn'?t|no) (at all |ever |really |even |anything |once )?"
    r"((been|felt|feel|being) )?(scared|scary|afraid|frightened|frightening|terrified|intimidated)"
    r"( (of|by) (him|her|them|my \w+))?( at all)?\b"
)
# The denial with what it denies ("never hit me", "wouldn't hurt me"), to read what is left.
_NEVER_HURT_PHRASE = re.compile(
    r"\b(never|wouldn'?t|would never|won'?t|doesn'?t|has never|hasn'?t) (ever )?"
    r"(hurt|hit|harm|touch|push|slap|kick|punch|grab)\w* (me|us|the kids|anyone)\b"
)
# Rows between the two of them ("we shout at each other, but ..."), and "it never went
# further than that": read with a denial of harm or fear, they leave a clear yes.
_MUTUAL_ROW = re.compile(
    r"\bwe (both )?(can )?(shout|yell|argue|bicker|fight|row|scream|snap)\w*"
    r"( at each other| loudly| a lot| sometimes| like cats and dogs)?[^.!?;]*?\b(but|though|tho)\b|"
    # "he shouts when he's wound up and so do i tbh, but ...": the same both ways
    r"\b(s?he|they) (shout|yell|argue|bicker|scream|snap)\w*[^.!?;]*?\b(and )?(so do i|i do "
    r"too|me too|as do i)\b[^.!?;]*?\b(but|though|tho)\b|"
    r"\b(it'?s |it has |it'?s )?never (gone|got|went|goes|been) (any )?(further|beyond|physical)"
    r"( than (that|words|shouting))?\b"
)
# After a denial of harm, what keeps it from being a clear yes ("never hit me but ...").
_DENIAL_HEDGE = re.compile(
    r"^(no|nah|nope|not)\b|\b(but|though|tho|although|yet|except|unless|physically|"
    r"emotionally|mentally|verbally|sometimes|mostly|usually|i think|i guess|i suppose|"
    r"not sure|unsure|worr\w*|nervous|anxious|scared|afraid|fear|doesn'?t mean|still|"
    r"intentional\w*|on purpose|meant to|much|really|badly|seriously|again|anymore|since|"
    r"any more|these days|now|lately|recently|yell\w*|shout\w*|scream\w*|"
    r"swear\w*|names|angry|anger|temper|mean|nasty|cruel|sulk\w*|silent treatment|glar\w*|"
    r"storm\w*|snap\w*|rage\w*|intimidat\w*|belittl\w*|put me down|puts me down)\b"
)
# The reply ends by saying the person is safe: nothing but punctuation (or a closing "no" to
# "scared of him?") follows.
_SAFE_LAST = re.compile(
    r"\b(so (yes|yeah|yep|yh)|safe,? (yes|yeah|yep)|(i'?m|im|i am) (fine|safe|ok|okay)|"
    r"i feel safe|(i'?m |im |i am )?not (scared|afraid|frightened) of (him|her|them)|"
    r"(he|she|they)('d| would) never (hurt|harm|hit|touch|lay a finger on) me|"
    r"(it'?s |its )?never (aimed|directed) at me)\b[\s.!,]*((,? )?no)?[\s.!]*$"
)
# The partner's own fear of something that is not the person ("she's scared of moths",
# "he is terrified of spiders"): nothing about the person's safety.
_PARTNER_AFRAID = re.compile(
    r"\b((s?he|they)('?s| is| are|'re| gets?)|and)( so| really| very| even| a bit)? "
    r"(scared|afraid|terrified|frightened) of (?!(me|him|her|them|my|what|how|when)\b)\w+"
)
_WHAT_YOU_MEAN = re.compile(r",? ?\bif (that'?s|thats|that is) what you (mean|meant|'?re asking)\b")
# Laughter and fillers before the answer ("lol yes he's a teddy bear", "haha yeah").
_LEAD_FILLER = re.compile(
    r"^((lol|lmao|haha+|hah|ha|hehe+|oh|well|um+|erm+|hmm+|honestly|tbh|ok|okay|i mean)"
    r"[\s,.!]+)+(?=\w)"
)
# A clear yes at the start, read with what follows it (see ``_hedged_yes``).
_YES_FIRST = re.compile(
    r"^(yes+|yeah|yep|yup|ya|yea|yeh|yh|aye|of course|course|definitely|absolutely|totally|"
    r"god yes|oh yes|100 ?%)(?! (and|but|or) (no|not|nah)\b)(?!\w)"
)
# "safe yeah", "so yes i'm safe" after a remark ("he's got a temper when the football's on
# but safe yeah, he just shouts at the telly").
_SAFE_SAID = re.compile(
    r"\b(safe,? (yes|yeah|yep)|(yes|yeah|yep),? (i'?m |i feel |totally |completely )?safe)\b"
)
# What keeps a yes from being a clear one when it follows: a hedge about safety itself, harm
# or fear, or a "no" about another side of safety.
_YES_TAKEN_BACK = re.compile(
    r"\b(mostly|most of the time|usually|sometimes|not always|not completely|not entirely|"
    r"i think|i guess|i suppose|depends|kind of|sort of|kinda|ish|until|unless|except|"
    r"apart from|other than|when (he'?s|she'?s|they'?re|he|she|they) (drunk|drinks|drinking|"
    r"had a drink|angry|in a mood|loses it|kicks off)|scar\w*|afraid|fear\w*|frighten\w*|"
    r"terrif\w*|nervous|"
    r"anxious|on edge|worr\w*|intimidat\w*|threat\w*|unsafe|not safe|don'?t feel safe|"
    r"emotionally (not|no|un)\w*|(emotionally|mentally|verbally) (abus|cruel|hurt)\w*|"
    r"controll\w*)\b"
)
# Something aimed at the person after the yes ("yes but he yells at me a lot"): not a clear
# yes.
_AIMED_AT_ME = re.compile(
    r"\b((yell|shout|scream|swear|snap|go|goes|went|kick|lash)\w*( off)? (at|on) me|"
    r"call\w* me (names|stupid|useless|\w+ names)|puts? me down|belittl\w*|nasty to me|"
    r"cruel to me|(mean|horrible|vile) to me|cutting|(with|by) (his|her|their) words|"
    r"says? (horrible|nasty|hurtful|cruel|awful|vile) things|insult\w*|demean\w*|"
    r"humiliat\w*|mocks? me|verbal\w*)\b"
)
# The person's own despair ("some days i feel like it'd be easier if i just wasn't here"):
# not safe, whatever was said of the partner (the safety screen gives the crisis reply).
_OWN_DESPAIR = re.compile(
    r"\b((wish|wishing) i (wasn'?t|weren'?t|was not|were not) (here|around|alive)|"
    r"(easier|better( off)?) if i (just )?(wasn'?t|weren'?t|was not|were not|didn'?t) (here|"
    r"around|exist|wake up)|(don'?t|do not) want to (be here|be alive|live|wake up)|"
    r"(hurt|hurting|kill|killing) myself|end(ing)? it all)\b"
)
# Rows between the two of them, named beside a yes ("yes, though we do shout at each other
# sometimes"): not aimed at the person, so not a hedge.
_ROW_BETWEEN = re.compile(
    r"\bwe (do |both |can |sometimes |often |still )*(shout|yell|argue|bicker|fight|row|"
    r"scream|snap|clash)\w*( at each other| loudly| a lot| sometimes| now and then)*|"
    r"\b(loud |big |the odd |some )*(rows|arguments|fights|shouting matches)\b"
)


def _hedged_yes(text: str) -> str | None:
    """A reply that opens with a clear yes, read with the remark after it.

    "lol yes he's a teddy bear", "yes, he's just grumpy lately, never scary", "physically
    yes. he's just... cold", "yes, though we do shout at each other sometimes, it's never
    gone further than that", "of course, that's not the problem": the remark is about the
    relationship (coldness, moods, rows between the two of them), not about safety, and the
    yes stands. Something aimed at the person ("yes but he yells at me") is not a clear yes,
    the person's own despair ("safe from him yes. but some days i wish i wasn't here") is
    no. ``None`` when the reply does not open with a yes, names harm or fear, hedges safety
    itself ("mostly", "physically yes, emotionally not always") or denies harm before a
    "but" ("yes, he's never hit me but ..."): the other rules read it.
    """
    t = re.sub(r"^physically,? (?=yes|yeah|yep|safe|100)", "", text)
    t = re.sub(r"^(safe|i'?m safe) (from|with) (him|her|them),? (?=yes|yeah|yep)", "", t)
    said = _SAFE_SAID.search(t)
    if not _YES_FIRST.search(t) and said:
        before = _NEVER_HURT.sub(" ", t[: said.start()])
        if _DISCLOSURE.search(before) or _YES_TAKEN_BACK.search(before):
            return None
        t = "yes " + t[said.end() :]  # the mood or temper before it is not a hedge
    if not _YES_FIRST.search(t):
        return None
    rest = _ROW_BETWEEN.sub(" ", _YES_FIRST.sub(" ", t, count=1))
    if _OWN_DESPAIR.search(rest):
        return "no"
    denial = list(_NEVER_HURT.finditer(rest))
    if denial:
        after = rest[denial[-1].end() :]
        if re.search(r"\w", re.sub(r"\b(though|tho|really|honestly|at all|ever|lol)\b", "", after)):
            return None  # "yes, he's never hit me but he's got a temper on him"
        rest = _NEVER_HURT.sub(" ", rest)  # "yes, he's just grumpy lately, never scary"
    if _DISCLOSURE.search(rest) or _YES_TAKEN_BACK.search(rest):
        return None
    if _AIMED_AT_ME.search(rest):
        return "not_always"
    return None if _SAFE_NO.search(rest.strip(" ,.!-")) else "yes"


_RATHER_NOT = re.compile(
    r"\b(rather not|prefer not|(don'?t|do not) (really )?want to (say|talk|answer|go into)|"
    r"not something i want to|none of your business|pass on that|no comment|"
    r"(that'?s|it'?s) (private|personal)|keep (that|it) (to myself|private|between)|"
    r"(rather|prefer to) keep|not comfortable (answering|saying|talking|sharing|with that)|"
    r"(don'?t|do not) (feel comfortable|want to get into)|"
    r"(can|could|may) i (not|skip) (answer(ing)?|that)|i'?d (rather|prefer) skip)\b|^pass\b|"
    # "can we skip that one" at the safety question: asking to leave it is itself an answer
    # (a bare "skip" is a request, read as one)
    r"^((um+|hmm+|sorry|honestly),? )?(can|could|may) (we|i) (just )?(skip|pass on|leave) "
    r"(this|that)( one| question| bit| part)?( please| pls)?\W*$"
)
_SAFE_YES = re.compile(
    r"^(yes+|yeah|yep|yup|ya|yea|yeh|yh|aye|sure|of course|definitely|absolutely|totally|"
    r"completely|mhm+|mm+ ?hm+|uh ?huh|too right|damn right|dead right|for sure|very much( so)?|"
    r"(oh )?(god|gosh|hell) yes|oh yes|oh yeah|very|always|i do|i am|safe|completely safe|"
    r"very safe|"
    r"yes of course|yes,|totally safe|course)\b|^(100 ?%|👍)"
)
_SAFE_PARTIAL = re.compile(
    r"\b(mostly|most of the time|most days|usually|(?<!that )(?<!this )(?<!some )(?<!any )kind of|"
    r"(?<!that )(?<!this )(?<!some )sort of|kinda|sometimes|\d{1,2} ?%( of the time)?|"
    r"not (a )?100 ?% (of the time|safe|sure)|"
    r"not always|not completely|not entirely|i think so|i guess|i suppose|safe-?ish|"
    r"i'?d say so|i believe so|"
    r"physically yes|(yes|yeah|yep|safe),? physically(?! and)|physically,? (yes|yeah|safe|fine)|"
    r"(?<!physically and )emotionally|depends|on the whole|generally)\b"
)
_SAFE_NO = re.compile(
    r"^((honestly|tbh|truthfully|to be honest|well|um+|sadly),? )?"
    r"(no+|nope|nah|not really|not at all|never|not anymore|not safe|unsafe)\b|"
    # "i don't" (feel safe), but not "i don't think he's ready" (another question's answer)
    r"^((honestly|tbh|well),? )?i don'?t\b(?! (think|know|reckon) (s?he|they)('?s|'?d| is| would))|"
    r"\bnot when (he|she|they)\b|"
    r"\b(don'?t|do not) feel safe\b|\bnot safe\b|\bunsafe\b"
)
# "some days yes some days no", "sometimes yes, sometimes no", "one day yes the next no":
# neither a yes nor a no.
_YES_SOME_DAYS = re.compile(
    r"\b(some days|sometimes|some weeks|one day|on good days|some of the time),? "
    r"(yes|yeah|yep|he is|she is|they are|i am|i do)\b.*\b(some days|sometimes|other days|"
    r"some weeks|the next( day)?|on bad days|other times),? (no|nah|not|he isn'?t|she isn'?t|"
    r"i'?m not|i don'?t)\b"
)
# Replies that answer another question or are about something else.
_OFF_TOPIC = re.compile(
    r"\b(open to|up for|willing|would try|together \d+|been together|married|since the baby|"
    r"pulled away|pulled back|drawn back|distant|months?|weeks?|years?|raining|weather|"
    # who pulled away, or when it began: "both of us i think? mostly me", "since she was born"
    r"both of us|mostly me|more me|me more|(him|her|them) more|more (him|her|them)|"
    r"(i|he|she|they|we) (go|went|goes|gone) (quiet|cold|distant)|"
    r"(i|he|she|they|we) (pulled|drew|backed|shut) (away|back|off|down))\b|"
    r"^(me|him|her|them|both)\b(?! (too|either))|"
    # the partner's willingness: "i don't think he's ready", "she'd want to try"
    r"\b(s?he|they)('?s| is|'re| are) (not |never )?(ready|keen|interested|bothered)\b|"
    r"\b(s?he|they)('?d| would| will|'ll) (try|want to|be up|be open|give it)\b|"
    r"\b(doesn'?t|don'?t|won'?t) want to (try|work on|talk|change|fix)\b"
)
# Who pulled away, said at the safety question ("mostly me", "both of us"): even with a
# hedge such as "mostly" in it, that is not an answer about feeling safe.
_WHO_PULLED_AWAY = re.compile(
    r"\b(both of us|mostly (me|him|her|them)|more me|me more|(him|her|them) more|"
    r"more (him|her|them)|who pulled away)\b|"
    r"^(me|him|her|them|both)\b(?! (too|either))|^(it'?s|its) (mostly |mainly )?(me|him|her)\b|"
    r"\b(i|he|she|they|we) (pulled|drew|backed|shut) (away|back|off|down)\b"
)


# Words that say something about feeling safe (or a plain yes/no): without any of them, a
# reply naming who pulled away is about that, not about safety.
_SAFETY_WORDS = re.compile(
    r"\b(safe\w*|unsafe|scar\w*|afraid|fear\w*|frighten\w*|terrif\w*|hurt\w*|hit\w*|harm\w*|"
    r"violen\w*|danger\w*|threat\w*|abus\w*|control\w*|yes|yeah|yep|yup|ya|yh|no|nope|nah|"
    r"not|never|fine|ok|okay|mostly|usually|sometimes|always|rather|pass|private)\b"
)

# Who, named at the start of a sentence after at most a hedge ("kinda both", "hmm hard to
# say. him a bit?"), not "theres times i don't" or "he can be a bit sharp".
_WHO_NAMED = re.compile(
    r"(^|[.?!,;]\s*)((kinda|kind of|sort of|maybe|probably|prob|i think|i guess|hmm+|um+|"
    r"well|mostly|honestly|idk)\W+)*(me|him|her|them|both( of us)?|my side|his side|"
    r"her side)\b"
)


# Nothing changed, said where "did anything change?" was expected ("not really anything,
# maybe my hours went up", "no, nothing changed"): a word about a change, not about safety.
_NOTHING_CHANGED = re.compile(
    r"^((honestly|tbh|well|um+|hmm+),? )?(no+,? |nah,? )?"
    r"(not really anything|nothing (really|much|major|big|specific|in particular)|"
    r"not (much|anything) (really|changed|happened)|nothing|"
    r"not that i (can think of|know of|noticed))\b"
    r"|\b(nothing|anything) (really |much )?(changed|happened|different)\b"
)


def _answers_another_question(t: str) -> bool:
    """A reply to the safety question that answers another question instead (never "not safe").

    Who pulled away, named first ("honestly prob me. i come home and don't want to talk
    about it", where "don't want to talk" is the story, not a refusal), or that nothing
    changed: with no word about safety or harm, it is not an answer, and the question is
    asked again in other words. Harm, fear or temper is read as ``answers_beside_safe``
    reads it (``_ABOUT_SAFETY``, below).
    """
    if _ABOUT_SAFETY.search(t) or _SAFE_YES.search(t):
        return False
    if _NOTHING_CHANGED.search(t):
        return True
    return bool(_WHO_NAMED.search(t) and read_pulled_away(t).value in ("me", "partner", "both"))


def read_feels_safe(text: str | None) -> Reading:
    """Whether the person feels safe: only a clear yes is yes.

    Control, fear or violence is a disclosure; an off-topic reply is not an answer at all
    (never "not safe").
    """
    t = _clean(text)
    if t in FEELS_SAFE:
        return _answer(t)
    if t in (SKIPPED, "not_always"):
        return _answer(t if t != SKIPPED else "rather_not_say")
    t = _WHAT_YOU_MEAN.sub(" ", t).strip()  # "he hasn't hurt me, if that's what you mean"
    t = _PARTNER_AFRAID.sub(" ", t)  # "she's 5 foot nothing and scared of moths"
    t = _LEAD_FILLER.sub("", t)  # "lol yes he's a teddy bear"
    t = re.sub(r"\b(not|never) unsafe\b", "safe", t)  # "yes of course. bored, not unsafe"
    if _OWN_DESPAIR.search(t):
        return _answer("no")
    hedged = _hedged_yes(t)
    if hedged:
        return _answer(hedged)
    last = _SAFE_LAST.search(t)
    if last and not _DISCLOSURE.search(_NEVER_HURT.sub(" ", t[: last.start()])):
        # A mood or a temper first, then a plain "i'm safe" ("he's irritable lately but i'm
        # not scared of him", "he goes quiet when he's angry. so yes"): the last word is yes.
        return _answer("yes")
    # "never felt unsafe with him once": a yes, unless something follows a "but".
    if re.search(
        r"\b(never|not once|not ever) (have |once |ever )?(felt|been|feel|(made|makes?) me "
        r"(feel|felt)) (unsafe|scared|afraid|"
        r"frightened|in danger)\b",
        t,
    ) and not re.search(r"\b(but|though|tho|until|till|except)\b", t):
        return _answer("yes")
    if _NEVER_HURT.search(t):
        # "he's never hit me but ...": what is left once the denial is set aside decides;
        # control, fear or violence named there is a disclosure, a "but" or a hedge is a
        # concern (not a clear yes), and a denial on its own ("he's never been violent,
        # nothing like that") is a yes.
        rest = _NEVER_HURT.sub(" ", _NEVER_HURT_PHRASE.sub(" ", t))
        # Rows between the two of them, said beside a denial ("we shout at each other but
        # it's never gone further than that and i'm not scared of him"): not a hedge.
        rest = _MUTUAL_ROW.sub(" ", rest)
        if _DISCLOSURE.search(rest) or re.search(
            r"\b(scared|afraid|frightened|terrified)\b|\b(scares|frightens|terrifies) me\b", rest
        ):
            return _answer("disclosure")
        if _DENIAL_HEDGE.search(rest) or _SAFE_NO.search(rest):
            return _answer("not_always")
        if not _OFF_TOPIC.search(rest) and not _RATHER_NOT.search(rest):
            return _answer("yes")
    elif _DISCLOSURE.search(t):
        return _answer("disclosure")
    if _answers_another_question(t):
        return _not(OTHER)
    if _RATHER_NOT.search(t) and not _SAFE_YES.search(t):
        return _answer("rather_not_say")
    kind = request_kind(t)
    if kind:
        return _not(kind)
    if re.search(
        r"\b(what do you mean|mean by safe|safe how|what kind of question|"
        r"safe in what way)\b|^safe\?$",
        t,
    ):
        return _not(WHY_ASKING if "what kind" in t else OTHER)
    if (
        _WHO_NAMED.search(t)
        and read_pulled_away(t).value in ("me", "partner", "both")
        and not _SAFETY_WORDS.search(t)
        and not _SAFE_YES.search(t)
    ):
        # "kinda both", "hmm hard to say. him a bit?": who pulled away, said at the safety
        # question with a hedge; no word about safety, so not an answer (never "not safe").
        return _not(OTHER)
    explicit = (
        _SAFE_YES.search(t)
        or _SAFE_NO.search(t)
        or re.search(r"\bsafe\b", t)
        or (_SAFE_PARTIAL.search(t) and not _WHO_PULLED_AWAY.search(t))
    )
    if _OFF_TOPIC.search(t) and not explicit:
        return _not(OTHER)
    # "i don't know", "idk what counts as safe": not sure is not a clear yes.
    if re.search(r"^(i (don'?t|dont|do not) (really )?know|idk|i dunno|dunno)\b", t):
        return _answer("not_always")
    # "sort of. not when he's on a bender": a partial yes first, then when not, is not always.
    if re.search(
        r"^(sort of|kind of|kinda|sorta|mostly|usually|generally|most of the time|on the whole)\b",
        t,
    ):
        return _answer("not_always")
    # "not when he's been drinking", "does anyone? lol": a partial or a doubting answer.
    if re.search(
        r"^((honestly|well|um+|hmm+|tbh),? )?not (always )?when (he|she|they|my \w+)\b"
        r"(?!.*[,.!] *(no+|nope|nah)\W*$)|"
        r"^((does|do|is) (any ?one|any ?body)|who (does|is))( really| truly| ever| completely)?"
        r"\W*(lol|haha|tbh)?\W*$",
        t,
    ):
        return _answer("not_always")
    # "yes and no", "i do and i don't", "yes but no": both at once is not a clear yes.
    if _YES_SOME_DAYS.search(t) or re.search(
        r"\b(yes|yeah|yep) (and|but|or) (no|nah)\b|\b(no|nah) (and|but) (yes|yeah)\b|"
        r"\bi do and i (don'?t|dont|do not)\b|\b(i am|i'?m) and i'?m not\b|"
        r"\bit'?s hard to explain\b|\bhard to (say|explain|answer)\b",
        t,
    ):
        return _answer("not_always")  # "i don't know anymore": not a clear yes, not a no
    if _SAFE_NO.search(t) and not re.search(r"^no,? (of course|definitely) (i|not)\b", t):
        return _answer("no")
    if re.search(r"^(complicated|(it|that)'?s complicated|thats complicated)\b", t):
        return _answer("rather_not_say")
    if _SAFE_PARTIAL.search(t):
        return _answer("not_always")
    if _SAFE_YES.search(t) or re.search(r"\b(i feel safe|i'?m safe|feel completely safe)\b", t):
        return _answer("yes")
    if re.search(r"\bnot (really )?(safe|sure)\b|\bunsure\b", t):
        return _answer("not_always")
    # "nothing makes me feel safe anymore", "i never feel safe": a no said with another word.
    if re.search(
        r"\b(nothing|nowhere|no ?one|never) (\w+ ){0,3}(feels?|makes? me feel|is|am) (\w+ )?safe\b",
        t,
    ):
        return _answer("no")
    return _not(OTHER)


# --- Is your partner open to working on it? ---------------------------------------------
_OPEN_NO = re.compile(
    r"^(no+|nah|nope|hell no|no way|never)\b|"
    # "i'd say it's a no", "that's a no from him" (not "a no-brainer")
    r"\b(it'?s|its|that'?s|thats) a (\w+ )?no\b(?![-\w])|"
    # "hard no", "a flat no", "big fat no": a no made stronger
    r"^(a |an |that'?s a |it'?s a )?(hard|flat|firm|definite|absolute|solid|straight|big|"
    r"(big )?fat|resounding|total) no\b|\bpoint blank\b|"
    # "he's not doing counselling", "she's not going to": a refusal said as a fact
    r"\b(s?he|they)('?s| is|'re| are) not (doing|going to|gonna|having|interested)\b|"
    r"\b(deffo|defo|definitely|absolutely|certainly|hell|totally) not\b|"
    r"\bnot a chance\b|\bnot a (hope|prayer|snowball)\b|\bno hope\b|\bfat chance\b|"
    r"\bnot in a million\b|\bover (his|her|their) dead body\b|\bno way\b|^not at all\b|"
    r"\bmade it (very |really )?clear\b|\bnothing to (work on|fix|talk about)\b|"
    r"\brefus\w*\b|\bwon'?t\b|\bdone trying\b|\bnot interested\b|"
    r"\bwouldn'?t\b|\bno chance\b|\bsaid no\b|"
    r"\b(would|will|'d) never\b(?! (say no|refuse|turn (it|that|me|this) down|mind))"
)
_OPEN_PROBABLY_NOT = re.compile(
    r"\bprobably not\b|\bprob not\b|\bdoubt it\b|\bi doubt\b|\broll (his|her|their) eyes\b|"
    r"\blaugh (at me|it off)\b|\btoo tired for\b|"
    r"\b(don'?t|dont) think (s?he|they) (would|will|'?d)\b|"
    r"\bnothing wrong\b|\ball in my head\b|\bi wouldn'?t (think|say) so\b|"
    r"\bi wouldn'?t (count|bet) on it\b|"
    r"\b(s?he|they)('?d| would) rather (not|ignore|avoid)\b|"
    r"\b(brushes|brush|laughs|shrugs) it off\b|\bchanges? the subject\b|"
    r"\b(even )?cares? anymore\b|"
    r"\bgiven up\b|\bdoesn'?t (really )?believe\b|\bunlikely\b|\bnot likely\b|"
    r"\bnot (really )?(into|keen|bothered|fussed)\b|\bnot really interested\b|"
    r"\bdon'?t think so\b|\bnot really\b|"
    r"\bdoubtful\b|\bi (don'?t|dont) reckon\b|\b(guessing|guess|thinking|reckon) not\b|"
    r"\b(don'?t|dont) think (s?he|they) (cares?|wants?|is|'?s|sees?)\b|\bcares? enough\b|"
    r"\bnot sure (s?he|they)('?d| would| will|'?ll) (bother|care|want|be bothered)\b|"
    r"\b(big deal|fuss) (out of|about) nothing\b|"
    r"\b(s?he|they)('?s| is|'re| are) not ready\b|"
    # "he doesn't think there's a problem", "she'd never admit there's a problem"
    r"\b(doesn'?t|does not|don'?t|do not|won'?t|wouldn'?t|never|can'?t) (even |really )?"
    r"(think|see|admit|accept|believe|acknowledge|agree)\w* (that )?(there'?s|there is|theres|"
    r"we have|we'?ve got|it'?s|its) (a |any |an |much of a )?(problem|issue)\b|"
    # a yes said to placate: "he says he is but never follows through", "to shut me up"
    r"\bnever (really )?follows? through\b|\bto (shut me up|keep me quiet|keep the peace|"
    r"get me off (his|her|their) back)\b|"
    r"\b(don'?t|dont) think (s?he|they)('?s| is|'re| are) ready\b|"
    # "not sure she even wants to be with me", "he'd rather die than do counselling", "he
    # said it's for people with real problems", "last time i tried he just went to bed"
    r"\bnot sure (s?he|they) (even )?(wants?|likes?|loves?) (to be with )?(me|us|this)\b|"
    r"\b('?d|would) rather (die|eat|chew|walk on|be shot|have teeth)\w*\b|"
    r"\b(said|says|thinks?|reckons?) (it'?s|that'?s|therapy is|counselling is) (pointless|a waste"
    r"|rubbish|nonsense|stupid|silly|a joke|for (other people|people with|couples with|weak))|"
    r"\blast time i (tried|asked|brought|raised|mentioned|suggested)\b[^.?!]*\b(s?he|they) "
    r"(just )?(went|walked|stormed|left|changed|ignored|laughed|shrugged|got angry|shut)\b"
)
_OPEN_UNSURE = re.compile(
    # "that's what i'm scared to find out", "i'm afraid to ask": not knowing yet
    r"\b(scared|afraid|terrified|nervous|frightened|too scared) (to|of) (find(ing)? out|"
    r"ask(ing)?( (him|her|them))?|hear(ing)? (the|his|her|their) answer)\b|"
    r"\bthat'?s what i('?d like| want| need|'?m (trying|waiting)) to (know|find out)\b|"
    r"^(mm+ |hmm+ |um+ |erm+ )?maybe\b|\bno idea\b|\bhard to (say|tell)\b|\bdepends\b|"
    r"\bhaven'?t asked\b|\bdunno\b|^we'?ll see\W*$|\bwish i knew\b|\bmillion dollar\b|"
    r"\bhaven'?t (yet )?(brought|raised|mentioned|asked|talked|told|had (that|the|this) "
    r"(conversation|chat|talk))\b|\bgood question\b|🤷|"
    r"\bunsure\b|\bnot sure\b|50/50|\bfifty fifty\b|\bidk\b|\bwho knows\b|\bhard to read\b|"
    r"\bdon'?t know\b|\bcan'?t (really )?(tell|say)\b|\bcouldn'?t (tell|say)\b|"
    r"\bmight\b|\bperhaps\b|\beither way\b|\bcould go\b|^possibly\b"
)
_OPEN_PROBABLY = re.compile(
    r"\bprob(ably)? yes\b|\bprob(ably)?\b|\bi think so\b|\blikely\b|\breckon (s?he|they) "
    r"would\b|\bwould try\b|\bd try\b|\b'?d try\b|\bopen to most\b|\bwe'?ll see\b|"
    r"^i guess\b|\breckon so\b|"
    r"\b(s?he|they)('?d| would| will|'?ll) give it a (go|try|shot|whirl)\b|"
    r"\bcome (round|around)\b|"
    r"\bup for it\b|\banything for\b|\bif i ask\b|\bi reckon\b|\bi think (s?he|they) would\b|"
    r"\bshould be\b|\bi hope so\b|\bguess so\b|^think so\b|"
    # Hoping, guessing, imagining: "i'd like to think so", "hopefully", "fingers crossed".
    r"\bhope(fully| so)\b|\bi'?d hope\b|\bi (really )?hope (s?he|they|we|so)\b|"
    r"\bfingers crossed\b|\b(i'?d|i would) (like|love) to (think|believe)\b|"
    r"\bi (guess|imagine|suppose|reckon|think|believe|assume) (s?he|they)('?d| would| will|'ll)\b|"
    r"\b(i'?d|i would) (hope|imagine|guess|assume)\b|"
    r"\b(i'?d|i would|i'?d have to|i) (say|think|imagine|suppose|believe) so\b|\b(will|'ll) try\b|"
    r"\b(s?he|they)('?d| would) (like|love) to\b|'?d do it\b|\bwants? to but\b|"
    # "he will if I explain it properly", "if I approach it gently": yes, with a condition
    r"\bif i (explain|ask|approach|put|pitch|catch|frame|word|bring)\b|"
    r"\b(s?he|they)( will| would|'ll|'d)( do( it)?| try| be( open| up for it| keen)?| agree|"
    r" come (along|round|around))?,? if\b|"
    # "he'd say yes" (a yes in words; "...and then not do anything" is unsure, below)
    r"\b(s?he|they)('?d| would) say yes\b(?! (in a heartbeat|straight away|instantly|for sure))"
)
_OPEN_YES = re.compile(
    r"\b(s?he|they)('?d| would| will|'ll)( definitely| totally)? be (into it|into that|"
    r"all for it)\b|"
    r"\b(s?he'?s|they'?re|s?he has|they have) (always )?(been )?the one (who|that) (tries|tried|"
    r"suggested|suggests|wants|asked|pushes|brings it up)\b|"
    # Wanting it to change as much as the person does: "he's sick of it too so yes".
    r"\b(as much as (i do|me)|(sick|tired|fed up) (of|with) (it|this)( too| as well)|"
    r"misses (us|me|how we were|the old us)|wants? (it|this|the same|that) too)\b|"
    r"\b(so|then|and) (yes|yeah|yep)\W*$|"
    r"^(yes+|yeah|yep|yup|ya|yea|sure|of course|definitely|absolutely|totally|100 ?%|"
    r"for sure|def|deffo|defo|nah,? yeah|yeah,? nah,? yeah)\b|"
    r"^(very much( so)?|💯|too right|damn right|hell yes|hell yeah)|\bwhatever it takes\b|"
    r"\b(keeps?|kept|always) (suggesting|asking|saying|bringing it up|on at me)\b|\bsuggests?\b|"
    r"\bmore open than\b|\b(s?he|they)('?s| is|'re| are) (more |very |quite |pretty |really )?"
    r"open\b|"
    # "wants to" is willing, but not "he just wants to be left alone" or "wants to zone
    # out" (read in passing from the story too)
    r"\bwants? to(?! (zone out|be left alone|be alone|sleep|rest|switch off|chill|relax|"
    r"watch|play|game|go out|go to the pub|do (his|her|their) own thing|leave (me|us|the "
    r"marriage|the relationship)))|"
    r"\b(suggested|keen|willing|we both want|on board|all over it|be open|"
    r"wants? (us|this|it) (back|to work)|said (s?he|they) wants?|"
    r"(would|'d) (definitely|absolutely|totally|love)|"
    r"talked about it|noticed first|already said|agreed|open to it|is open|he is|she is|"
    r"they are|dying to|wants? to fix|(would|'d) do anything|jump at|"
    r"(s?he|they)('d| would| will) be( (up for it|keen|open|willing|happy|game|down))?$)\b|"
    # "she would for sure", "he definitely would", a bare "she would", "desperate to fix it".
    r"\b(s?he|they)('?d| would| will|'ll)( be)?,? (for sure|100 ?%|100 percent|a hundred percent|"
    r"hundred percent|in a heartbeat|yes|no doubt|without (a )?doubt|no question|definitely|"
    r"absolutely|for certain|certainly|totally|happily|gladly)(?!\w)|"
    # Already on it: "she's already booked us a session", "he already found a therapist".
    r"\balready (booked|signed|found|suggested|asked|arranged|set|started|looking|looked|"
    r"booking|reading|read|bought|downloaded|made|mentioned|brought|researching|"
    r"looked into|said yes|agreed|on it|doing)\b|"
    r"\b(s?he|they)('?s| is|'re| are) (totally |definitely |so |well |really |fully )?"
    r"(up for it|keen|on board|willing|in|all in|game|down for it)\b|"
    r"\b(s?he|they) (definitely|absolutely|totally|certainly) (would|will)\b|"
    r"^(s?he|they) (would|will)\W*$|\bdesperate to (fix|work on|sort|save)\b|"
    r"\bsay yes (in a heartbeat|straight away|instantly|for sure)\b"
)


_OPEN_NOW = re.compile(
    r"\b(s?he|they)('?s| is|'re| are) (totally |definitely |so |well |really |fully )?"
    r"(up for (it|fixing|sorting|working|trying|this|that|anything)|keen|on board|willing|"
    r"all in|game|down for it)\b|"
    r"\balready (booked|signed|found|suggested|asked|arranged|set up|started|looking|looked|"
    r"booking|bought|downloaded|made|mentioned|brought|said yes|agreed)\b"
)
_OPEN_HEDGE = re.compile(
    r"\b(if|maybe|might|i think|i guess|i hope|hopefully|probably|prob|i suppose|i reckon|"
    r"depends|unless|not sure|but|though|tho|should)\b|\?"
)


# "but he'd never start it", "though she won't be the one to bring it up", "but i'd have to
# drag him": who would begin, not whether the partner would take part.
_NOT_THE_ONE_TO_START = re.compile(
    r"(,|\b(but|though|tho|although)\b,?)\s*(just )?((s?he|they)( just)?('?d| would| will|'?ll)?"
    r"( just)? ?(never|not|won'?t|wouldn'?t|doesn'?t|does not|don'?t) (ever |be the one to |"
    r"be the first to "
    r"|really |actually )?(start|initiate|suggest|bring|raise|make the first move|organi[sz]e|"
    r"arrange|book|plan|lead)\w*( (it|this|that|anything|things))?( up)?|"
    r"i('?d| would)( have| need)? to (ask|push|nudge|drag|start|organi[sz]e|book|plan|lead|"
    r"be the one|do the (asking|organi[sz]ing|booking|planning))\w*( (him|her|them))?"
    r"( (there|along|into it))?)\b[^,.;!?]*"
)


def read_partner_open(text: str | None) -> Reading:
    """Whether the partner would work on it: yes, probably, unsure, probably not, no."""
    t = re.sub(r"^nah,? yeah\b", "yeah", _clean(text))  # "nah yeah she'd be keen" is a yes
    t = re.sub(r"\b(wants?|wanna|like|love|try|going|willing|keen|open) 2\b", r"\1 to", t)
    # "i've probably stopped trying as hard": the person's own effort, not the partner's
    t = re.sub(
        r"\bi('?ve| have)? (probably |kind of |sort of |just |also |kinda )?(stopped|given up|"
        r"gave up|quit) (trying|reaching out|making an effort)( as (hard|much))?\b",
        " ",
        t,
    ).strip()
    if t in PARTNER_OPEN or t == "probably_not":
        return _answer(t)
    if t == UNKNOWN:
        return _answer(UNSURE)
    kind = request_kind(t)
    if kind:
        return _not(kind)
    # "he says yes but never does anything, so... probably not?": a short conclusion after
    # "so" is the answer, whatever the story before it.
    concluded = re.search(r"[,.!?]\s*so\W+(?P<end>(\w+\W*){1,4})$", t)
    if concluded and re.search(  # a word that answers, not a shrug ("so kinda?")
        r"\b(yes|yeah|yep|yup|no+|nope|nah|not|probably|prob|definitely|unsure|dunno|idk)\b",
        concluded.group("end"),
    ):
        end = read_partner_open(concluded.group("end"))
        if end.value == "yes" and re.search(
            r"\b(i think|i guess|i suppose|i reckon|probably|maybe|i hope)\b",
            concluded.group("end"),
        ):
            return _answer("probably")  # "she said she'd try. so yes i think"
        if end.answered:
            return end
    # "probably not, he's checked out": a hedged no said first keeps its hedge.
    if re.search(
        r"^((i'?d say|i think|honestly|hmm+|um+),? )?(probably|prob|most likely) not\b", t
    ):
        return _answer("probably_not")
    # "some days yes some days no", "sometimes yes, sometimes no": neither.
    if _YES_SOME_DAYS.search(t):
        return _answer(UNSURE)
    # "probably but he'd never start it", "yes but i'd have to drag him": a yes or a
    # probably, with the partner not the one to begin, is probably (not the never's no).
    leaving = _NOT_THE_ONE_TO_START.search(t)
    if leaving:
        rest = read_partner_open(_NOT_THE_ONE_TO_START.sub(" ", t))
        if rest.value in ("yes", "probably"):
            return _answer("probably")
    # "maybe yes? she's said she misses us": a yes hedged by "maybe" said first.
    if re.search(r"^(maybe|perhaps|possibly),? (yes|yeah|yep|ya)\b", t) and not re.search(
        r"\b(maybe|perhaps|possibly|or),? (no|not)\b", t
    ):
        return _answer("probably")
    if re.search(r"\bdoes that mean\b|\bcan'?t help\b|\bwhat if\b|\bwhat do you mean\b", t):
        return _not(OTHER)
    if re.search(
        r"^((and|but|honestly|just),? )?i (really |just |honestly )?(don'?t |do not |dont )?"
        r"(want|wanna) to (lose|leave|give up on|be without) (him|her|them|my \w+)"
        r"( too| as well)?\W*$",
        t,
    ):
        # "I don't want to lose her too": the person's own wish, not the partner's.
        return _not(OTHER)
    if re.search(r"\bno idea\b|\b(no|not a) clue\b", t):
        return _answer(UNSURE)
    # The person's own suggestion is not the partner's: "when i suggested counselling he ..."
    t = re.sub(r"\b(when |after |if |once )?i (suggested|suggest|mentioned|brought up)\b", "i", t)
    # "not open no but not closed either": neither.
    if re.search(r"\bnot (open|closed)\b.*\bnot (open|closed)\b|\bneither\b.*\bnor\b", t):
        return _answer(UNSURE)
    # "he's not really a talker but he'd try", "he won't do counselling but he might read
    # something", "she'd roll her eyes but come round", "he'd grumble but go along with it":
    # what comes after "but" decides.
    if re.search(
        r"\bbut (i think |i reckon |i guess |i'?m sure )?((s?he|they)('?d| would| will|'?ll| might"
        r"| may| could)? )?(probably |eventually |still )?(try|give it a go|do it|come (round|"
        r"around)|get there|agree|be open|read|listen|(go|come) along|come\W*$|turn up|show up|"
        r"join in)\b",
        t,
    ):
        return _answer("probably")
    # "yeah as long as it doesn't mean hours of feelings", "yes but on his terms", "not until
    # after christmas, but then yes": a yes with a condition.
    if re.search(
        r"^(yes|yeah|yep|sure|ya)\b,? (as long as|so long as|provided|but on (his|her|their) "
        r"terms|but only (on|if|when))\b|\bbut then (yes|yeah)\b|\bon (his|her|their) terms\b",
        t,
    ):
        return _answer("probably")
    # "no, he thinks it's all in my head", "no chance. he says there's nothing wrong": a flat
    # no first, and a reason after it, is no.
    if re.search(
        r"^(no+|nope|nah|no chance|not a chance|no way|hell no|absolutely not|(s?he|they)('?s| is|"
        r"'re| are) not (doing|going to|gonna|having)( it| that| this| any of (it|that))?)\b[,.!]",
        t,
    ) and not re.search(r"\b(but|though|tho|maybe|might|probably|not sure|unless|if)\b", t):
        return _answer("no")
    if _OPEN_PROBABLY_NOT.search(t) and re.search(
        r"\bnever (really )?follows? through\b|\bto (shut me up|keep me quiet|keep the peace|"
        r"get me off)\b",
        t,
    ):
        return _answer("probably_not")  # a yes said to placate, never acted on
    if re.search(r"\bsay yes (and|but) (then )?(not|never|forget|do nothing)\b", t):
        return _answer(UNSURE)
    # Leaving is a no: "she's already said she wants a divorce", "he's checked out".
    if re.search(
        r"\bwants? (a divorce|to (leave (me|us|the (marriage|relationship))|split|separate|"
        r"break up|end (it|things|the marriage))\b|to leave\W*$)|"
        r"\b(has|'s|is) (already )?(left|moved out|checked out)\b|\bfiled for divorce\b",
        t,
    ):
        return _answer("no")
    # A yes the person's deeds take back: "she says yes but then nothing changes", "open to
    # it in theory, in practice less so", "he agreed to a date night then cancelled twice".
    if re.search(
        r"\b(yes|yeah|open|agree[sd]?|says? (s?he|they) (is|are|will))\b.*\b(but|then|tho|though)\b"
        r".*\b(nothing (changes|happens)|never (does|follows)|cancel\w*|forget\w*|back to normal|"
        r"less so|picks? up (his|her|their) phone|doesn'?t follow through)\b|\bin theory\b",
        t,
    ):
        return _answer(UNSURE)
    # A promise doubted or a going-along that is not a yes: "i'll believe it when i see it",
    # "he says 'whatever you want' which isn't really a yes".
    if re.search(
        r"\bbelieve (it|that) when i see (it|that)\b|\bnot (really )?(convinced|sure i believe)\b|"
        r"\bwhatever you (want|say|like|think)\b|\b(not|isn'?t|is not) (really |quite )?(a yes|the "
        r"same as (a )?yes)\b",
        t,
    ):
        return _answer(UNSURE)
    # A yes held back by tiredness or time: "she's open to it, she just doesn't have the time
    # right now", "he's willing but he's exhausted".
    if re.search(
        r"\b(open|willing|keen|up for it|yes|yeah|would)\b.*\b(just |but )(s?he |they )?"
        r"(doesn'?t|don'?t|does not|hasn'?t|haven'?t) (got |have )?(much |the |any |enough )?"
        r"(energy|time|headspace|bandwidth|capacity)\b",
        t,
    ):
        return _answer("probably")
    # A hope or a wait-and-see is not knowing: "i hope so 🤞", "he said we'll see".
    if re.search(
        r"^(i )?hope so\W*$|^((i guess|i suppose|guess|well),? )?((s?he|they) (said|says),? )?"
        r"we'?ll (see|find out)\b|\btoss ?-?up\b|"
        r"\bask me (in|next)\b",
        t,
    ):
        return _answer(UNSURE)
    # "deep down yes", "in his own way yeah", "yes but only if...": a yes with a reservation.
    if re.search(
        r"\bdeep down\b|\bin (his|her|their) own way\b|\b(yes|yeah),? but only if\b|"
        r"\b(yes|yeah),? (once|after|when)\b",
        t,
    ):
        return _answer("probably")
    if re.search(
        r"^(er+m?|um+|hmm+|well)?\W*maybe not\b|^(i would|i'?d) say no\b|^honestly,? no\b", t
    ):
        return _answer("probably_not" if "maybe" in t else "no")
    # "he would yeah, as long as it doesn't mean more to do", "he would, he's just scared of
    # wearing me out": a plain "he would" said first is a yes (with a condition, probably).
    first = re.split(r"[,.;!?]", t, maxsplit=1)[0]
    if re.search(
        r"^(yeah |yes |oh |i think )?(s?he|they)('d| would)( yeah| yes| definitely| for sure)?$",
        first.strip(),
    ):
        hedged = re.search(r"\b(as long as|if|so long as|provided|once|when|after|until)\b", t)
        return _answer("probably" if hedged or first.startswith("i think") else "yes")
    # The partner is the keen one: "he's the one who wants to fix it", "she's trying already".
    if re.search(
        r"\b(s?he|they)('?s| is| are|'re) (the one who wants|the keen one|(already )?trying "
        r"already|already trying)\b|^100 ?% (yes|yeah)\b",
        t,
    ):
        return _answer("yes")
    # "he'd never say no", "she would never refuse": a yes said through two negatives
    if re.search(r"('d|would|will) never (say no|refuse|turn (it|that|me|this) down|mind)\b", t):
        return _answer("yes")
    if _OPEN_PROBABLY_NOT.search(t):
        return _answer("probably_not")
    if _OPEN_NO.search(t) and not re.search(r"\bwon'?t (mind|say no)\b", t):
        return _answer("no")
    # "mm maybe, if it's not too therapy-ish": a maybe with a condition is still unsure.
    if _OPEN_UNSURE.search(t) and not re.search(r"\bprob(ably)?\b|\blikely\b", t):
        return _answer(UNSURE)
    # "yeah he's up for it": said as a fact, a yes (a hope or a condition stays probably).
    if _OPEN_NOW.search(t) and not _OPEN_HEDGE.search(t):
        return _answer("yes")
    # "kinda? he's open but lazy": a yes held back by a "kinda" before it.
    if re.search(r"^(kinda|kind of|sort of|sorta)\b", t):
        return _answer("probably")
    if _OPEN_PROBABLY.search(t):
        return _answer("probably")
    if _OPEN_YES.search(t):
        # "she'd be keen i think": a hedge said last holds the yes back.
        if re.search(r"\b(i think|i guess|i reckon|i suppose|i imagine|probably|maybe)\W*$", t):
            return _answer("probably")
        return _answer("yes")
    return _not(OTHER)


_READERS = {
    "duration": read_duration,
    "pulled_away": read_pulled_away,
    "feels_safe": read_feels_safe,
    "partner_open": read_partner_open,
}


# A reply that asks a question of its own: a question word first, a question mark last.
_OWN_QUESTION = re.compile(
    r"^(what|how|who|which|why|when|where|does|do|did|can|could|will|would|is|are|should|"
    r"shall|am)\b[^?.!]*\?$"
)
# An open question typed without its question mark ("what do i even say to him", "how do i
# bring it up"): asking for advice, not answering.
_OPEN_QUESTION = re.compile(
    r"^((so|but|and|ok|okay|hmm+|um+|like|honestly|then|also|oh),? )*"
    r"((how|what|where) (do|can|should|could|would|will|am) (i|we)|"
    r"(should|shall|can|could) (i|we)|is it (normal|ok|okay|bad|wrong|too late)|"
    r"what'?s the best way|any (tips|advice|ideas))\b"
)


# Not knowing, asked back: "how would i even know that?", "how should i know", "your guess is
# as good as mine". A question only in form, so the reply is read as "i don't know".
_HOW_WOULD_I_KNOW = re.compile(
    r"^((honestly|tbh|lol|haha|um+|hmm+|well|i mean),? )*(how (would|should|could|can|do|am) i "
    r"(even |possibly |ever |really )?(be (able|expected) to |supposed to )?know( that| this|"
    r" it)?|your guess is as good as mine|who knows)\W*(lol|haha|tbh|honestly)?\W*$"
)


def read(question: str, text: str | None, entities: list[str] | None = None) -> Reading:
    """Read a reply to one of the questions (``cause`` may use the ruler's cause entities).

    A reply that is itself a question ("can i forgive him without pretending it never
    happened?") answers none of them, whatever words it shares with an answer.
    """
    if _HOW_WOULD_I_KNOW.search(_clean(text)):
        text = "i don't know"  # a question only in form: "how would i even know that?"
    corrected = _corrected(text)
    if corrected:  # "weeks. no, months actually", "him, no actually me": the last word counts
        reading = read(question, corrected, entities)
        if reading.answered:
            return reading
    reading = read_cause(text, entities) if question == "cause" else _READERS[question](text)
    # Anything but a clear yes to the safety question is never set aside this way: "is it
    # normal that i'm scared of him?" is a disclosure, whatever its form.
    kept = question == "feels_safe" and reading.value not in (None, "yes")
    if reading.answered and not kept and asks_instead(text):
        reading = _not(OTHER)
    if not reading.answered and reading.kind in (OTHER, WHY_ASKING):
        # "yes. why do you ask?", "why does that matter? ok fine, since the summer": the
        # answer beside the aside counts.
        rest = _without_asides(text)
        if rest and not asks_instead(rest):
            beside = read(question, rest, entities)
            if beside.answered:
                return beside
    return reading


# An aside beside the answer: why the coach asks ("yes. why do you ask?", "why does that
# matter? ok fine, since the summer holidays"), or a word about the question or the answer
# ("that's a weird question but yes", "is it weird if i say since we got engaged?", "this
# week mostly?? is that dumb").
_ASIDE = re.compile(
    r"^(why( (do|does|did|would|are|is|you|that|it|this)\b.*)?|"
    r"(that'?s|thats|what|bit of|such) an? (weird|strange|odd|funny|random|personal|big) "
    r"(question|thing to ask)|is (that|it|this) (weird|dumb|silly|stupid|odd|bad|strange)|"
    r"does (that|it) (count|make sense)|if that makes sense|(ok|okay|fine|alright)( fine)?|"
    # "does it matter who? we're both miserable": the answer after it counts
    r"(does|would|should) (that|it|this) (really |even )?matter( who| which| when)?|"
    r"is (that|it|this) (really |even )?important)$"
)
_ASIDE_LEAD = re.compile(
    r"^((is it|would it be) (weird|dumb|silly|stupid|odd|bad|strange) (if|that) i say|"
    r"((that'?s|thats|what) an? |an? )?(weird|strange|odd|funny|random|personal) (question|"
    r"thing to ask),? (but|tbh|though)?|(ok|okay),? fine,?|(can|could|may) i (just )?say)\s*"
)
_ASIDE_SPLIT = re.compile(r"(?<=[?.!])\s+|\s+-\s+|,\s*(?=why\b)|\s+(?=why (do|does|are|would)\b)")


def _without_asides(text: str | None) -> str | None:
    """The reply without the asides around its answer, if it had any (else ``None``)."""
    t = _clean(text)
    parts = [p.strip(" ,") for p in _ASIDE_SPLIT.split(t) if p and p.strip(" ,")]
    parts = [p for p in parts if p not in ("do", "does", "are", "would")]
    kept = [p for p in parts if not _ASIDE.search(p.strip(" ?.!,-"))]
    rest = _ASIDE_LEAD.sub("", " ".join(kept)).strip(" ,.-")
    return rest if rest and rest != t else None


# A correction between two answers: "both, no him", "weeks. no, months actually".
_SELF_CORRECTION = re.compile(
    r"(?<=\w)[,.!]* +(?:no,? (?:actually|wait|sorry)|actually,? no|no wait|wait,? no|"
    r"sorry,? i mean|scratch that|or rather|no(?=,? (?:him|her|them|me|both|months?|weeks?|"
    r"years?|actually)\b))[,.!]* +"
)


def _corrected(text: str | None) -> str | None:
    """What a reply says after its last self-correction ("both, no him" -> "him")."""
    parts = _SELF_CORRECTION.split(_clean(text))
    if len(parts) < 2 or not parts[-1].strip():
        return None
    return re.sub(r"\b(actually|yeah)\b", " ", parts[-1]).strip(" ,.!") or None


def asks_instead(text: str | None) -> bool:
    """Whether a reply asks a question of the person's own instead of answering."""
    asked = _clean(text)
    if _OWN_QUESTION.search(asked) or _OPEN_QUESTION.search(asked) or _asked_whole(asked):
        return True
    # "can i ask something first. ...", "how do you know if it's worth saving? ...": a
    # reply that opens by asking is a question of the person's own, whatever follows.
    first = re.split(r"(?<=[?.!])\s+", asked, maxsplit=1)[0]
    return bool(
        _ASKS_FIRST.search(asked)
        or (
            first != asked
            and first.endswith("?")
            and len(first.split()) > 3  # not an echo of the question ("how long? a year")
            and _OWN_QUESTION.search(first)
        )
    )


def read_reply(
    question: str,
    text: str | None,
    entities: list[str] | None = None,
    open_questions: list[str] | tuple[str, ...] = (),
) -> Reading:
    """Read the reply to the question just asked: the written reader, then the learned one.

    A reply the written reader could not read (not a request, not a question of the
    person's own, not an answer to another of ``open_questions``) is given to the learned
    reader (:mod:`coach.nlp.replies`), which answers only when it is confident; otherwise
    it stays not an answer and the question is asked again. A change the written reader
    heard but could not name ("other") is given to it too, and keeps "other" if it has no
    better word.
    """
    reading = read(question, text, entities)
    unnamed = question == "cause" and reading.value == ("other",)
    if (reading.answered and not unnamed) or (not reading.answered and reading.kind != OTHER):
        return reading
    if not _clean(text) or asks_instead(text):
        return reading
    plainly_not = _PLAINLY_NOT.get(question)
    if plainly_not and plainly_not.search(_clean(text)):
        return reading  # the written reader knows these words are no answer
    others = [q for q in open_questions if q != question]
    if others and answers_out_of_order(text, question, others, generous=True):
        return reading
    value = learned_guess(question, text, told=True) if unnamed else learned_guess(question, text)
    return _answer(value) if value else reading


# Words the written readers know are no answer, whatever the learned reader would guess: how
# long they have been together ("we've just been dating a while") is not how long it has
# felt this way, "ask him lol" names nobody who pulled away, and "ya he wants 2" is the
# partner's willingness, not what changed.
_PLAINLY_NOT = {
    "duration": _TOGETHER_FOR,
    "pulled_away": re.compile(r"^(go |just )?ask (him|her|them)\b"),
    # "ya he wants 2": the partner's willingness, not what changed
    "cause": re.compile(
        r"^((ya|yeah|yes|yep|yh|sure),? )?(s?he|they) (really |definitely )?(wants?|would|'?d|"
        r"will|'?ll)( (to|2|do it|try|be up for it))?\W*$"
    ),
}

_ASKS_FIRST = re.compile(
    r"^((sorry|wait|hang on|hold on|actually|ok|okay|um+|hmm+),? )*"
    r"((can|could|may) i ask( you)?( something| a question| one thing)?|quick question|"
    r"question for you|before (that|we go on|i answer)|i have a question)\b"
)


def asks_something(text: str | None) -> bool:
    """Whether a reply asks in so many words: a question mark, or a question's word order.

    Stricter than ``coach.answers.is_question``, which also counts a concern voiced as a
    statement ("i don't think he's ready") as something the store could answer.
    """
    t = _clean(text)
    return "?" in t or bool(_OPEN_QUESTION.search(t) or _ASKS_FIRST.search(t) or _asked_whole(t))


def _asked_whole(text: str) -> bool:
    """A single sentence of six words or more that asks by its word order, "?" or not.

    "is it controlling if i ask her to put her phone away at dinner" asks; "would she? maybe"
    and "will he try, i doubt it" answer after the pause, so they are not taken here.
    """
    body = text.rstrip(" ?!.")
    return len(body.split()) >= 6 and not re.search(r"[?!.,;:]", body) and asks_by_word_order(body)


_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
# "both of us, should i just leave?": a question after a comma, asked by its first words
_ASKED_AFTER_COMMA = re.compile(
    r",\s*(?=(?:(?:but|so|and|ok|also|oh|then|honestly),? )*(?:can i ask|quick question|"
    r"is|are|was|should|shall|how|what|why|when|where|who|which|do|does|did|would|will|could|"
    r"can|am)\b)"
)


def answer_before_question(question: str, text: str | None) -> str | None:
    """The answer to ``question`` given first in a message that then asks something.

    "yes safe. can i ask something, is this my fault?", "about a year. is it normal to feel
    like this after the kids?", "both of us, should i just leave?": the words before the
    first sentence that asks, when they answer the pending question on their own. The
    question after them is the person's own, to be answered too. None when nothing is
    asked, when the message opens with its question, or when the words before it do not
    answer (an answer is never read out of the question itself: "is it safe to tell him?").
    """
    t = _clean(text)
    parts = [p.strip() for p in _BREAK.split(t) if p.strip()]
    if len(parts) == 1:
        parts = [p.strip() for p in _ASKED_AFTER_COMMA.split(parts[0]) if p.strip()]
    asking = [i for i, part in enumerate(parts) if asks_something(part)]
    if not asking or asking[0] == 0:
        return None
    answer = " ".join(parts[: asking[0]])
    if request_kind(answer) or not read(question, answer).answered:
        return None
    return answer


# --- Plain-words confirmations (any yes/no question) -------------------------------------
CONFIRM_YES = "yes"
CONFIRM_NO = "no"
CONFIRM_ASK = "ask"  # a question about what would happen ("wait, what gets deleted?")

_CONFIRM_NO = re.compile(
    r"^(no+|nope|nah|not now|don'?t|do not|cancel|stop|keep)\b|\bactually no\b|"
    r"\b(no|don'?t),? keep\b|\bkeep (it|them|everything|my)\b|\bchanged my mind\b|"
    r"\bnever ?mind\b|\bdon'?t (delete|do it|bother|stop|change)\b|\bleave it\b|"
    r"\bno thanks?\b|\bno thank you\b|\bnot yet\b|\bhold off\b"
)
_CONFIRM_ASK = re.compile(
    r"\?\s*$|^(wait|hang on|hold on)\b|\bwhat (gets|will|would|does|happens)\b|"
    r"\bwhich\b|\bhow (much|long)\b|\bwhat exactly\b"
)
_CONFIRM_YES = re.compile(
    r"^(y|yes+|yeah|yep|yup|ya|yea|sure|ok|okay|k|alright|go ahead|do it|please do|"
    r"absolutely|definitely|of course|confirm|affirmative|correct|right|"
    r"add it|stop them|change it|👍)\b|\bgo ahead\b|\bdo it\b|\bplease do\b|"
    r"\byes please\b|\bdelete (it|them|everything|all)\b|\bsure\b"
)


def read_confirmation(text: str | None) -> str | None:
    """A plain-words answer to a yes/no question: yes, no, ask, or None (unclear)."""
    t = _clean(text)
    if t in ("/affirm", "affirm"):
        return CONFIRM_YES
    if t in ("/deny", "deny"):
        return CONFIRM_NO
    if not t:
        return None
    if _CONFIRM_NO.search(t):
        return CONFIRM_NO
    if _CONFIRM_ASK.search(t) and (not _CONFIRM_YES.match(t) or "what" in t):
        return CONFIRM_ASK
    if _CONFIRM_YES.search(t):
        # "ok thank you. first tip then": a yes to something else, never to deleting.
        if _CONFIRM_ELSEWHERE.search(t) and not _CONFIRM_DELETE_WORDS.search(t):
            return None
        return CONFIRM_YES
    return None


# A reply that asks to go on with something else is no yes to a deletion.
_CONFIRM_ELSEWHERE = re.compile(
    r"\b(first|next|1st|second|another) (tip|step|thing|one|bit|idea)\b|"
    r"\b(tips?|steps?|plan|ideas?|questions?)\b|\b(start|begin|carry on|go on) with\b"
)
_CONFIRM_DELETE_WORDS = re.compile(r"\b(delet\w*|eras\w*|wipe\w*|remov\w*|do it|get rid)\b")


# --- Starting, resuming, restarting or skipping the questions -----------------------------
QUESTIONS_START = "start"
QUESTIONS_RESTART = "restart"
QUESTIONS_SKIP = "skip"
QUESTIONS_ABOUT = "about"  # "what kind of questions?"

_ABOUT_QUESTIONS = re.compile(
    r"\bwhat (kind of|sort of|type of)? ?questions\b|\bwhat (are|would) the questions\b|"
    r"\bhow many questions\b|\bwhy (all )?(these|the|your|so many|all the) questions\b|"
    r"\bwhat'?s the (point|use) of (the|these|your|all these|all the|all this|asking)\b|"
    r"\bwhy (are|r|do|d'?you) (you|u) (keep |even )?ask(ing)?( me)?( all)? (this|these|that|"
    r"so much|so many)\b|\bwhy do (you|u) (need|want) to know( all)? (this|that)\b"
)
# The questions, as people name them: "the qs", "your questionnaire", "all the questions".
_QS = r"(questions|qs|q'?s|questionnaire|quiz|twenty questions|20 questions)"
_SKIP_QUESTIONS = re.compile(
    rf"\b(skip|cut|drop|ditch|forget|bin|pass on|leave out|bypass) (the |your |these |those |"
    rf"all the |all these |all |the whole |this )?{_QS}( thing| bit| part)?\b|"
    rf"\bwithout (the |any |your |all the )?{_QS}\b|"
    # "no questions pls", "no more qs, just tips"; never "no questions asked"
    rf"\bno (more )?{_QS}\b(?! asked)|\benough( with the| of the| of)? {_QS}\b|"
    r"\bdon'?t want (to answer |to do |to go through )?(any |the |more |all the |all these )?"
    r"questions\b|"
    # "i'd rather not answer questions tbh", "i dont really want to answer questions"
    r"\b(rather not|prefer not to|(don'?t|do not) (really )?want to|not going to|won'?t) "
    r"(answer|do|go through|bother with) (any |the |your |these |all these |all the )?"
    r"questions\b|"
    r"\bnot answering (all )?(these|the|your) questions\b|"
    rf"\bnot (in the mood|up) for (any |the |your |more )?{_QS}\b|"
    rf"\b(can|could) (we|u|you) not do (the |your |these |any )?{_QS}\b"
)
_RESTART_QUESTIONS = re.compile(
    r"\b(do|start|ask|go through) (the|your|these) questions (again|over)\b|"
    r"\b(redo|restart|start over)( the| your)? questions\b|\bquestions again\b|"
    r"\bfrom the (start|beginning)\b"
)
_START_QUESTIONS = re.compile(
    r"\b(the|your|some|those|these|a few) questions\b|\bask (me )?(your |the |some )?"
    r"(questions|away)\b|\bquestions (thing|would help|please|then)\b|"
    r"\bgo back to the questions\b|\bback to the questions\b|\bquestions\b|"
    # "ok you can ask now", "hm ok. fine ask me then": leave to ask, given after an offer
    r"\b(you can|you may|go ahead and|feel free to) ask( me)?( now| then| away)?\W*$|"
    r"^((ok|okay|fine|alright|hm+|go on|right)\W*)+ask( me)?( now| then| away)?\W*$"
)


def questions_request(text: str | None) -> str | None:
    """Whether a message asks to start, restart, skip or learn about the questions."""
    t = _clean(text)
    if not t:
        return None
    if _SKIP_QUESTIONS.search(t):
        return QUESTIONS_SKIP
    if _ABOUT_QUESTIONS.search(t):
        return QUESTIONS_ABOUT
    if _RESTART_QUESTIONS.search(t):
        return QUESTIONS_RESTART
    if _START_QUESTIONS.search(t):
        return QUESTIONS_START
    return None


# --- Minimising after a disclosure ---------------------------------------------------------
_MINIMISING = re.compile(
    r"\b(never (actually )?(hit|hurt|touched) me|not (that|so) bad|not a big deal|"
    r"(probably|just) overreact\w*|over-?reacting|it'?s fine really|he'?s not (like that|"
    r"abusive)|she'?s not (like that|abusive)|not abuse|it'?s not abuse|could be worse|"
    r"other people have it worse|i'?m (probably )?(being )?(dramatic|silly|paranoid)|"
    r"maybe it'?s (me|my fault)|i probably deserve|he means well|she means well|"
    r"he doesn'?t mean it|she doesn'?t mean it)\b"
)


def is_minimising(text: str | None) -> bool:
    """Whether a message plays down what was disclosed ("he's never hit me though")."""
    return bool(_MINIMISING.search(_clean(text)))


# Answers to another question than the one asked ("yeah he'd be up for it" to "how long has
# it felt this way?"): only who pulled away and the partner's willingness, only in a short
# reply of a few words, and the willingness only when the partner is named. The safety
# question is never answered out of order: it is always asked.
OUT_OF_ORDER = ("pulled_away", "feels_safe", "partner_open")
_PARTNER_WORD = re.compile(
    r"\b(he|she|they|him|her|them|he'?d|she'?d|they'?d|partner|husband|wife|hubby|bf|gf|"
    r"boyfriend|girlfriend|fianc[eé]e?|dh|dw)\b",
    re.IGNORECASE,
)
# A clause this long or shorter can be read as an answer to a question not asked yet.
OUT_OF_ORDER_WORDS = (3, 16)
_PULLING = re.compile(
    r"\b(pull(ed|ing|s)? (away|back|off)|withdr\w*|shut (down|off|me out)|"
    r"(went|gone|goes|go|going|gotten|got|grown|became|become) (quiet|cold|distant|silent)|"
    r"backed off|checked out|zon(ed|es|ing) out|clos(ed|es|ing) (off|up)|retreat\w*|"
    r"drift(ed|s|ing)? (off|away)|hid(e|es|ing)? (away|in)|"
    r"stopped (trying|reaching out|making an effort|bothering|talking|opening up))\b",
    re.IGNORECASE,
)
# "yes i'm safe, he's never been like that": a volunteered, unhedged yes to the safety
# question (anything less waits for the question itself).
_SAFE_VOLUNTEERED = re.compile(
    r"\b(i'?m|i am|i feel|feel|i do feel|totally|completely|perfectly|100 ?%) "
    r"(totally |completely |perfectly |very |100 ?% |always )?safe\b"
)
_SAFE_HEDGE = re.compile(
    r"\w+n't\b|\b(cant|dont|wont|isnt|doesnt|didnt|arent|not|never feel|unsafe|scared|"
    r"afraid|fear|mostly|usually|sometimes|but|except|unless|when (he|she|they)|"
    r"most of the time|i think|i guess|probably|kind of|kinda)\b"
)
_CLAUSES = re.compile(
    r"[.;!?\n]+|,? \b(?:and|but|though|although|plus) "
    r"(?=(?:it'?s|i|i'?m|he|she|they|we|him|her|both)\b)"
)


# What a clause beside a clear "I'm safe" says about harm, fear or temper ("he yelled but
# he'd never hurt me"): part of the safety answer, never the partner's willingness.
_ABOUT_SAFETY = re.compile(
    r"\b(safe\w*|unsafe|scar\w*|afraid|fear\w*|frighten\w*|terrif\w*|hurt\w*|hit\w*|harm\w*|"
    r"violen\w*|danger\w*|threat\w*|abus\w*|control\w*|yell\w*|shout\w*|scream\w*|temper|"
    r"angry|anger|aggress\w*|brute|gentle|grump\w*|sharp|rough|touch\w*|lay a (finger|hand))\b"
)


def answers_beside_safe(text: str | None, open_questions: list[str]) -> dict[str, str]:
    """Other answers said beside a clear yes to the safety question, read strictly.

    "both of us. and before you ask, yes I feel safe and yes she wants to sort this too":
    who pulled away and the partner's willingness; clauses about harm, fear or temper are
    left out ("yes. he yelled but he'd never hurt me" says nothing about willingness).
    """
    # "... yes I feel safe and yes she wants to": a second yes starts another answer
    t = re.sub(r",? \b(and|but) (?=(yes|yeah|yep|no|nah|nope)\b)", ". ", _clean(text))
    kept = [c for c in clauses(t) if not _ABOUT_SAFETY.search(c)]
    if not kept:
        return {}
    return answers_out_of_order(". ".join(kept), "", open_questions)


def clauses(text: str) -> list[str]:
    """The clauses of a reply ("about 5 months. and it's me who pulled away")."""
    return [c.strip(" ,") for c in _CLAUSES.split(text) if c and c.strip(" ,")]


# Out of order, a willingness answer must say something about willingness (not a bare yes).
_WILLING = re.compile(
    r"\b(open|willing|try|tries|trying|up for|keen|ready|on board|wants? to|would|wouldn'?t|won'?t|"
    r"\w+'d|refus\w*|interest\w*|give it a (go|shot)|work on|do anything)\b"
)


# Given instead of an answer to the question asked, a short "yes safe" or "me, i think" is
# an answer to another one: who pulled away must be named (me, him, both ...), and a yes to
# the safety question must say "safe" with no hedge in its own clause.
_NAMED_FIRST = re.compile(
    r"^(it'?s |it was |probably |prob |maybe |i guess |i think |i'?d say |i reckon |mostly |"
    r"more |definitely |deffo |honestly |tbh |def )*(me|myself|him|her|them|both|"
    r"my (partner|husband|wife|boyfriend|girlfriend|bf|gf|hubby|other half))\b"
)
_SAFE_SHORT = re.compile(
    r"^((yes|yeah|yep|yup|ya)\b,? ?)?(i'?m |i am |i feel |feel |i do feel )?(totally |completely |"
    r"perfectly |very |100 ?% )?safe\b"
)
_STRONG_HEDGE = re.compile(r"\b(but|except|unless|not always|sometimes|mostly|usually)\b")


# "though he wouldn't see it that way", "she'd say it's me": an opinion, not willingness.
# "I want to feel close to my boyfriend again": the person's own wish, not the partner's
# willingness (which needs the partner as the one who wants: "he wants to try too").
_OWN_WISH = re.compile(
    r"\b(i|we) (really |just |so |still |only )*(want|wanna|wish|hope|need|would like|'d like)\b"
)
_PARTNER_SUBJECT = re.compile(
    r"\b(he|she|they|he'?s|she'?s|they'?re|he'?d|she'?d|(partner|husband|wife|hubby|bf|gf|"
    r"boyfriend|girlfriend)('s| is| would| wants| will| seems| said| says| does| isn'?t| "
    r"won'?t| wouldn'?t| has))\b"
)
_NOT_WILLINGNESS = re.compile(
    r"\b(would|wouldn'?t|won'?t|'d|will|'ll) (never )?(see|admit|say|notice|realise|realize|"
    r"think|agree that|put it)\b(?! (a|an|the|some)? ?(counsel|therap|help))"
)


def _read_out_of_order(
    question: str, clause: str, whole: str, generous: bool = False
) -> str | None:
    """The answer to ``question`` one clause gives in passing, if it gives a clear one."""
    if question == "feels_safe":
        # The whole reply must be free of hedges and concerns, not only the clause; a reply
        # that did not answer the question asked needs the hedge only out of its own clause.
        if _DISCLOSURE.search(whole):
            return None
        if _SAFE_VOLUNTEERED.search(clause) and not _SAFE_HEDGE.search(whole):
            return "yes"
        if (
            generous
            and (_SAFE_VOLUNTEERED.search(clause) or _SAFE_SHORT.search(clause))
            and not _SAFE_HEDGE.search(clause)
            and not _STRONG_HEDGE.search(whole)
        ):
            return "yes"
        return None
    if (
        question == "pulled_away"
        and generous
        and len(clause.split()) <= 6
        and _NAMED_FIRST.search(clause)
    ):
        reading = read(question, clause)
        if reading.answered and isinstance(reading.value, str) and reading.value != UNSURE:
            return reading.value
        return None
    if question == "partner_open" and (
        not (_PARTNER_WORD.search(clause) and _WILLING.search(clause))
        or _NOT_WILLINGNESS.search(clause)
        or (_OWN_WISH.search(clause) and not _PARTNER_SUBJECT.search(clause))
    ):
        return None
    if question == "pulled_away" and not (_BOTH.search(clause) or _PULLING.search(clause)):
        return None
    reading = read(question, clause)
    if reading.answered and isinstance(reading.value, str) and reading.value != UNSURE:
        return reading.value
    return None


def answers_out_of_order(
    text: str | None, asked: str, open_questions: list[str], generous: bool = False
) -> dict[str, str]:
    """Answers in a reply to ``asked`` that belong to other questions still open.

    Each clause is read on its own; a question is answered when the clauses that speak to
    it agree, and a clause that reads as two answers counts for neither. Only a clear,
    unhedged "I'm safe" answers the safety question in passing; a reply *to* the safety
    question is read only as that. ``generous`` is for a reply that did not answer the
    question asked: short clauses count, and "me, i think" or "yes safe" are taken.
    """
    if asked == "feels_safe" and not generous:
        return {}  # a reply to the safety question is read only as that (or as not an answer)
    values: dict[str, set[str]] = {}
    whole = _clean(text)

    def read_clause(clause: str) -> dict[str, str]:
        low = 1 if generous else OUT_OF_ORDER_WORDS[0]
        if not low <= len(clause.split()) <= OUT_OF_ORDER_WORDS[1]:
            return {}
        return {
            q: v
            for q in OUT_OF_ORDER
            if q != asked and q in open_questions
            for v in [_read_out_of_order(q, clause, whole, generous)]
            if v is not None
        }

    for clause in clauses(whole):
        readings = [read_clause(clause)]
        if len(readings[0]) > 1:
            # Two answers in one clause: each comma-separated part read on its own ("both,
            # and yes before you ask, i feel completely safe"); a part that still reads as
            # two answers is not clear enough to take.
            readings = [read_clause(p.strip()) for p in clause.split(",") if p.strip()]
            if any(len(reading) > 1 for reading in readings):
                readings = []
        for reading in readings:
            for question, value in reading.items():
                values.setdefault(question, set()).add(value)
    return {q: next(iter(v)) for q, v in values.items() if len(v) == 1}
