"""Everyday spellings made plain before the readers' patterns see a reply (no Rasa).

People type answers the way they text: "yh", "mee", "yesss", "prolly", "dont", "a few
wks", "six monhts". :func:`normalise` rewrites a lowercased reply, word by word, so the
readers' regular expressions (``coach/assessment.py``) meet one spelling per word:

1. chat shorthands and missing apostrophes ("yh" -> "yeah", "dont" -> "don't");
2. letters repeated for emphasis ("yesss", "nooo", "meee", "himm") when the plain word is
   one the readers know;
3. a typo one edit away (a swap, a missing, extra or wrong letter: "monhts", "violant")
   from exactly one word the readers know, in a word of five letters or more that is not
   an English word itself.

Step 3 needs an English word list; it uses the lemma table and lemma index of
``spacy-lookups-data`` (read directly, without spaCy) and is left out when that package is
missing.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

# Shorthands and apostrophe-less spellings, one word each (what the patterns expect).
SHORTHANDS = {
    "yh": "yeah",
    "yeh": "yeah",
    "yah": "yeah",
    "yea": "yeah",
    "ye": "yeah",
    "yas": "yes",
    "yis": "yes",
    "ys": "yes",
    "nh": "no",
    "naw": "nah",
    "prolly": "probably",
    "probly": "probably",
    "probs": "probably",
    "propably": "probably",
    "proably": "probably",
    "prbly": "probably",
    "def": "definitely",
    "defs": "definitely",
    "deffo": "definitely",
    "defo": "definitely",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "ill": "ill",  # "ill" is a word (and a cause): never "i'll"
    "hes": "he's",
    "theyre": "they're",
    "theyd": "they'd",
    "theyll": "they'll",
    "hed": "he'd",
    "youre": "you're",
    "thats": "that's",
    "whats": "what's",
    "wanna": "want to",
    "gonna": "going to",
    "dunno": "dunno",
    "u": "you",
    "ur": "your",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "rly": "really",
    "rlly": "really",
    "realy": "really",
    "pls": "please",
    "plz": "please",
    "mnths": "months",
    "mnth": "month",
    "mos": "months",
    "coupla": "couple of",
    "fone": "phone",
    "nite": "night",
    "nites": "nights",
    "bf": "bf",
    "gf": "gf",
    "hubs": "hubby",
}
# Common words that end in a doubled letter: never shortened ("too" is not "to").
_DOUBLED_WORDS = frozenset(
    "too see all will off well tell still free agree three kiss miss less stress guess add "
    "odd egg inn staff stuff full ill fall call sell shall small wall fee wee bee tree glee "
    "boo zoo loo woo err buzz fuss boss cross mess press class pass grass kill fill bill "
    "hill till spill doll toll roll troll dull bull pull skill chill thrill yell smell spell "
    "shell knee flee spree cuff puff huff bluff scoff sniff stiff cliff jazz fizz ooh ahh "
    "hmm mmm umm shh brr".split()
)
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


@cache
def english_words() -> frozenset[str]:
    """English word forms (spacy-lookups-data's lemma table), or none if it is missing."""
    try:
        data = resources.files("spacy_lookups_data").joinpath("data")
        table = json.loads(gzip.decompress(data.joinpath("en_lemma_lookup.json.gz").read_bytes()))
        # The lookup holds inflected forms only; the index adds words that never inflect
        # ("forth", "anyway"), which a typo must not be taken for.
        index = json.loads(gzip.decompress(data.joinpath("en_lemma_index.json.gz").read_bytes()))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return frozenset()
    lemmas = {word for words in index.values() for word in words}
    return frozenset(table) | frozenset(table.values()) | frozenset(lemmas)


@cache
def _known(targets: frozenset[str]) -> frozenset[str]:
    return targets | english_words()


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one edit (swap of neighbours counts as one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _repeats(word: str, known: frozenset[str]) -> str:
    """``word`` with letters repeated for emphasis taken out, if that makes a known word."""
    if word in known or word in _DOUBLED_WORDS or not re.search(r"(\w)\1", word):
        return word
    # Runs of three or more first ("yesss", "nooo", "ideaaa"): to two, then to one.
    if re.search(r"(\w)\1\1", word):
        two = re.sub(r"(\w)\1+", r"\1\1", word)
        one = re.sub(r"(\w)\1+", r"\1", word)
        for candidate in (one, two):
            if candidate in known or candidate in SHORTHANDS:
                return candidate
        return two if two in _DOUBLED_WORDS else one
    # A doubled last letter ("mee", "himm", "bothh", "noo"): only if the word is unknown.
    if re.search(r"(\w)\1$", word):
        shorter = word[:-1]
        if shorter in known or shorter in SHORTHANDS:
            return shorter
    return word


def _typo(word: str, targets: frozenset[str], english: frozenset[str]) -> str:
    """The one target word ``word`` is a typo of, or ``word`` itself."""
    if len(word) < 5 or "'" in word or not english or word in english or word in targets:
        return word
    found = {t for t in targets if len(t) >= 5 and _one_edit(word, t)}
    return next(iter(found)) if len(found) == 1 else word


def normalise(text: str, targets: Iterable[str] = ()) -> str:
    """``text`` (lowercased) with shorthands, repeated letters and typos made plain.

    ``targets`` are the words the readers know (taken from their patterns).
    """
    known_targets = frozenset(targets)
    english = english_words()
    known = _known(known_targets)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in SHORTHANDS:
            return SHORTHANDS[word]
        plain = _repeats(word, known)
        if plain in SHORTHANDS:
            return SHORTHANDS[plain]
        if plain != word:
            return plain
        return _typo(word, known_targets, english)

    return _TOKEN.sub(fix, text)
