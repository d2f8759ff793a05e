"""Deterministic, rule-based detection of crisis, abuse and other-risk signals in a message.

The rules live in ``content/safety/lexicon.yml`` (spaCy ``Matcher`` token patterns grouped
by category and subtype, plus negation cues, idiom exceptions and "past and safe now" cues),
so people who are not programmers can extend them. This module only interprets that file.

The detector receives a ``Doc`` from the coach's spaCy pipeline (blank English plus a lookup
lemmatizer; no parser). It does not trust the casing or lemmas of that doc: the lookup
lemmatizer leaves capitalised words alone ("Threatened" stays "Threatened"), so every doc is
rebuilt lowercase and re-lemmatised with the same lookup table before matching. Contractions
written without an apostrophe that the tokenizer keeps whole ("hell hurt me", "shed kill me")
are split as the lexicon's ``contractions`` section says. Sentences are split on ``. ! ? ;``
and newlines, clauses on commas and conjunctions.

A rule match is kept unless it is negated ("he never hit me", "not because he pushes me"),
overlaps an idiom ("he hit the gym"), lacks its required context, or is a risk that the
writer places in the past while saying they are safe or well now (``resolved_past``: one
block per group of categories, e.g. "my ex used to hit me, I'm safe now" or "I self-harmed
as a teenager but I've been well for years"). This module does not import Rasa.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

#: Categories from most to least severe. ``care`` is not a risk: low self-worth said without
#: any risk words, which gets a warm reply instead of a safety check.
CATEGORIES: tuple[str, ...] = ("crisis", "abuse", "other_risk", "care")
SEVERITY: dict[str, int] = {name: rank for rank, name in enumerate(CATEGORIES)}

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "content" / "safety" / "lexicon.yml"

_PATTERN_LIST_KEYS = {"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"}
_TEXT_KEYS = {"ORTH", "TEXT", "LOWER", "LEMMA", "NORM", "SHAPE"}
_CONTEXT_SCOPES = {"sentence", "message"}
_STILL_SCOPES = {"clause", "message"}

Pattern = list[dict[str, Any]]


PAST_AND_SAFE = "past and safe now"


class Screening(NamedTuple):
    """The result of :meth:`SafetyDetector.screen`."""

    found: list[Detection]
    cleared: frozenset[str]
    ordinary: tuple[str, ...] = ()


class LexiconError(ValueError):
    """The safety lexicon file is malformed (the message names the offending entry)."""


@dataclass(frozen=True)
class Detection:
    """One safety signal found in a message.

    Attributes:
        category: ``"crisis"``, ``"abuse"``, ``"other_risk"`` or ``"care"``.
        subtype: What kind of signal, e.g. ``"suicidal"``, ``"physical"``, ``"substance"``.
        certain: ``False`` for rules marked ``check: true`` in the lexicon (indirect signs such
            as hopelessness): the coach asks whether the person is safe instead of assuming.
        text: The matched words, as written in the message.
        rule: The lexicon rule that matched (for debugging; not compared).
        start: Index of the first matched token (not compared).
        end: Index after the last matched token (not compared).
    """

    category: str
    subtype: str
    text: str
    rule: str = field(default="", compare=False)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    certain: bool = field(default=True, compare=False)


@dataclass(frozen=True)
class Candidate:
    """A raw rule match and, if it was dropped, why (see :meth:`SafetyDetector.explain`)."""

    detection: Detection
    dropped: str | None


@dataclass(frozen=True)
class _Rule:
    id: str
    category: str
    subtype: str
    index: int
    negatable: bool
    has_context: bool
    context_scope: str
    certain: bool = True


@dataclass(frozen=True)
class _Span:
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class _Layout:
    """Sentence and clause boundaries of a normalised doc."""

    sentence_of: list[int]
    sentence_bounds: list[tuple[int, int]]
    clause_of: list[int]
    clause_bounds: list[tuple[int, int]]


@dataclass(frozen=True)
class _PastBlock:
    """One ``resolved_past`` block: which categories it covers and where "still" cues count."""

    categories: frozenset[str]
    still_scope: str


@dataclass
class _Matches:
    """All matcher hits for one doc, grouped by what they mean."""

    rules: list[tuple[int, int, int]] = field(default_factory=list)  # (rule index, start, end)
    cues: list[_Span] = field(default_factory=list)
    clause_cues: list[_Span] = field(default_factory=list)
    pseudo: list[_Span] = field(default_factory=list)
    exceptions: list[tuple[frozenset[str], _Span]] = field(default_factory=list)
    context: dict[int, list[_Span]] = field(default_factory=dict)
    # per resolved_past block: "safe_now" / "past" / "still" / "still_sentence" spans
    past_cues: dict[tuple[int, str], list[_Span]] = field(default_factory=dict)
    softened: bool = False  # a joke marker anywhere in the message (lexicon `softeners`)
    ordinary: list[_Span] = field(default_factory=list)  # lexicon `ordinary`


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: the top level must be a mapping")
    return data


def _default_lexicon_path() -> Path:
    """``$COACH_CONTENT_DIR/safety/lexicon.yml`` when present, else the repository copy."""
    try:
        from coach.settings import CONTENT_DIR
    except ImportError:  # pragma: no cover - the detector also works outside the coach package
        return DEFAULT_LEXICON
    configured = Path(CONTENT_DIR) / "safety" / "lexicon.yml"
    return configured if configured.is_file() else DEFAULT_LEXICON


def _phrase_tokens(phrase: str) -> list[str]:
    """Split a phrase the way the English tokenizer splits messages."""
    return [token.lower_ for token in _tokenizer()(phrase.lower()) if not token.is_space]


_TOKENIZER: Language | None = None


def _tokenizer() -> Language:
    global _TOKENIZER
    if _TOKENIZER is None:
        _TOKENIZER = spacy.blank("en")
    return _TOKENIZER


class _LexiconReader:
    """Turns the YAML structure into validated matcher patterns."""

    def __init__(self, data: Mapping[str, Any], source: Path) -> None:
        self.source = source
        raw_sets = data.get("sets") or {}
        if not isinstance(raw_sets, dict):
            raise LexiconError(f"{source}: 'sets' must map names to word lists")
        self.sets: dict[str, list[str]] = {}
        for name, words in raw_sets.items():
            self.sets[str(name)] = self._words(words, f"sets.{name}")

    def _words(self, words: Any, where: str) -> list[str]:
        if not isinstance(words, list):
            raise LexiconError(f"{self.source}: {where} must be a list of words")
        out: list[str] = []
        for word in words:
            if isinstance(word, bool) or not isinstance(word, (str, int)):
                raise LexiconError(
                    f"{self.source}: {where} contains {word!r}; quote words such as "
                    '"no", "on", "off", "yes" so YAML keeps them as text'
                )
            out.append(str(word))
        return out

    def word_set(self, value: Any, where: str) -> frozenset[str]:
        """A list of words, or a ``$name`` reference to one of the sets."""
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            if name not in self.sets:
                raise LexiconError(f"{self.source}: {where} refers to unknown set {value}")
            return frozenset(self.sets[name])
        return frozenset(self._words(value, where))

    def _token(self, token: Any, where: str) -> dict[str, Any]:
        if not isinstance(token, dict):
            raise LexiconError(f"{self.source}: {where}: each token must be a mapping")
        out: dict[str, Any] = {}
        for key, value in token.items():
            key = str(key).upper()
            if isinstance(value, dict):
                inner: dict[str, Any] = {}
                for op, arg in value.items():
                    op = str(op).upper()
                    if op in _PATTERN_LIST_KEYS:
                        inner[op] = sorted(self.word_set(arg, f"{where}.{key}.{op}"))
                    else:
                        inner[op] = arg
                out[key] = inner
            elif key in _TEXT_KEYS:
                if isinstance(value, bool) or not isinstance(value, (str, int)):
                    raise LexiconError(
                        f"{self.source}: {where}: {key} is {value!r}; quote it as text"
                    )
                out[key] = str(value)
            else:
                out[key] = value
        return out

    def patterns(self, raw: Any, where: str) -> list[Pattern]:
        """A list of token patterns (each a list of token mappings)."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise LexiconError(f"{self.source}: {where} must be a list of patterns")
        out: list[Pattern] = []
        for number, pattern in enumerate(raw):
            here = f"{where}[{number}]"
            if not isinstance(pattern, list) or not pattern:
                raise LexiconError(f"{self.source}: {here} must be a non-empty token list")
            out.append([self._token(token, here) for token in pattern])
        return out

    def splits(self, raw: Any, where: str) -> dict[str, list[str]]:
        """A mapping of a word to the words it stands for ("hell" -> ["he", "'ll"])."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise LexiconError(f"{self.source}: {where} must map words to word lists")
        out: dict[str, list[str]] = {}
        for word, parts in raw.items():
            words = self._words(parts, f"{where}.{word}")
            if not words:
                raise LexiconError(f"{self.source}: {where}.{word} is empty")
            out[str(word).lower()] = [part.lower() for part in words]
        return out

    def phrases(self, raw: Any, where: str) -> list[Pattern]:
        """Plain phrases, matched word for word on lowercase text."""
        out: list[Pattern] = []
        for phrase in self._words(raw or [], where):
            tokens = _phrase_tokens(phrase)
            if tokens:
                out.append([{"LOWER": token} for token in tokens])
        return out


def _bare(text: str) -> str:
    """A message's words only, lowercase: what ``whole_messages`` entries are compared on."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))


class SafetyDetector:
    """Finds crisis, abuse and other-risk signals in spaCy docs using the safety lexicon."""

    def __init__(self, vocab: Vocab, lexicon_path: Path | None = None) -> None:
        """Build the matchers.

        Args:
            vocab: The vocab of the pipeline whose docs will be screened.
            lexicon_path: The lexicon YAML; defaults to ``content/safety/lexicon.yml``.

        Raises:
            LexiconError: If the lexicon is malformed.
        """
        self.vocab = vocab
        self.lexicon_path = Path(lexicon_path) if lexicon_path else _default_lexicon_path()
        data = _load_yaml(self.lexicon_path)
        reader = _LexiconReader(data, self.lexicon_path)
        self._matcher = Matcher(vocab, validate=True)
        self._rules: list[_Rule] = []
        self._exception_categories: dict[str, frozenset[str]] = {}
        self._load_layout(data, reader)
        self._whole_messages = {
            _bare(str(m)) for m in data.get("whole_messages") or [] if _bare(str(m))
        }
        self._load_contractions(data, reader)
        self._load_negation(data, reader)
        self._load_exceptions(data, reader)
        self._add("soft:cue", reader.patterns(data.get("softeners"), "softeners"), "softeners")
        self._add("ord:cue", reader.patterns(data.get("ordinary"), "ordinary"), "ordinary")
        self._load_resolved_past(data, reader)
        self._load_rules(data, reader)
        self._lemmas = _lemma_lookup()

    # ------------------------------------------------------------------ loading
    def _add(self, key: str, patterns: list[Pattern], where: str, greedy: bool = False) -> None:
        if not patterns:
            return
        try:
            if greedy:
                self._matcher.add(key, patterns, greedy="LONGEST")
            else:
                self._matcher.add(key, patterns)
        except Exception as exc:  # spaCy raises several error types for bad patterns
            raise LexiconError(f"{self.lexicon_path}: {where}: {exc}") from exc

    def _load_layout(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        self._sentence_breaks = reader.word_set(
            data.get("sentence_breaks", [".", "!", "?", ";"]), "sentence_breaks"
        )
        self._clause_breaks = reader.word_set(data.get("clause_breaks", [","]), "clause_breaks")

    def _load_contractions(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        section = data.get("contractions") or {}
        if not isinstance(section, dict):
            raise LexiconError(f"{self.lexicon_path}: contractions must be a mapping")
        self._splits = reader.splits(section.get("split"), "contractions.split")
        self._not_after = reader.word_set(section.get("not_after", []), "contractions.not_after")
        self._not_before = reader.word_set(section.get("not_before", []), "contractions.not_before")

    def _load_negation(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        negation = data.get("negation") or {}
        self._window = int(negation.get("window", 6))
        self._raisers = reader.word_set(negation.get("raisers", []), "negation.raisers")
        self._barrier = reader.word_set(
            negation.get("subject_barrier", []), "negation.subject_barrier"
        )
        self._add("neg:cue", reader.patterns(negation.get("cues"), "negation.cues"), "cues")
        self._add(
            "neg:clause",
            reader.patterns(negation.get("clause_cues"), "negation.clause_cues"),
            "clause_cues",
        )
        self._add(
            "neg:pseudo", reader.patterns(negation.get("pseudo"), "negation.pseudo"), "pseudo"
        )

    def _load_exceptions(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        for number, entry in enumerate(data.get("exceptions") or []):
            if not isinstance(entry, dict):
                raise LexiconError(f"{self.lexicon_path}: exceptions[{number}] must be a mapping")
            where = f"exception {entry.get('id') or number}"
            categories = reader.word_set(entry.get("categories", list(CATEGORIES)), where)
            unknown = categories - set(CATEGORIES)
            if unknown:
                raise LexiconError(f"{self.lexicon_path}: {where}: unknown category {unknown}")
            key = f"exc:{number}"
            self._exception_categories[key] = categories
            patterns = reader.patterns(entry.get("patterns"), f"{where}.patterns")
            patterns += reader.phrases(entry.get("phrases"), f"{where}.phrases")
            self._add(key, patterns, where)

    def _load_resolved_past(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        """``resolved_past`` is one block (a mapping) or a list of blocks."""
        raw = data.get("resolved_past") or []
        blocks = [raw] if isinstance(raw, dict) else raw
        if not isinstance(blocks, list):
            raise LexiconError(f"{self.lexicon_path}: resolved_past must be a mapping or a list")
        self._past_blocks: list[_PastBlock] = []
        for number, block in enumerate(blocks):
            here = f"resolved_past[{number}]"
            if not isinstance(block, dict):
                raise LexiconError(f"{self.lexicon_path}: {here} must be a mapping")
            categories = reader.word_set(block.get("categories", []), f"{here}.categories")
            unknown = categories - set(CATEGORIES)
            if unknown:
                raise LexiconError(f"{self.lexicon_path}: {here}: unknown category {unknown}")
            scope = str(block.get("still_scope", "clause"))
            if scope not in _STILL_SCOPES:
                raise LexiconError(f"{self.lexicon_path}: {here}: bad still_scope {scope}")
            self._past_blocks.append(_PastBlock(categories, scope))
            for part in ("safe_now", "past", "still", "still_sentence"):
                where = f"{here}.{part}"
                self._add(f"past:{number}:{part}", reader.patterns(block.get(part), where), where)

    def _load_rules(self, data: Mapping[str, Any], reader: _LexiconReader) -> None:
        seen: set[str] = set()
        for index, entry in enumerate(data.get("rules") or []):
            if not isinstance(entry, dict):
                raise LexiconError(f"{self.lexicon_path}: rules[{index}] must be a mapping")
            rule_id = str(entry.get("id") or f"rule_{index}")
            where = f"rule {rule_id}"
            if rule_id in seen:
                raise LexiconError(f"{self.lexicon_path}: duplicate rule id {rule_id}")
            seen.add(rule_id)
            category = str(entry.get("category", ""))
            if category not in SEVERITY:
                raise LexiconError(
                    f"{self.lexicon_path}: {where}: category must be one of {CATEGORIES}"
                )
            scope = str(entry.get("context_scope", "sentence"))
            if scope not in _CONTEXT_SCOPES:
                raise LexiconError(f"{self.lexicon_path}: {where}: bad context_scope {scope}")
            patterns = reader.patterns(entry.get("patterns"), f"{where}.patterns")
            patterns += reader.phrases(entry.get("phrases"), f"{where}.phrases")
            if not patterns:
                raise LexiconError(f"{self.lexicon_path}: {where} has no patterns or phrases")
            context = reader.patterns(entry.get("context"), f"{where}.context")
            rule = _Rule(
                id=rule_id,
                category=category,
                subtype=str(entry.get("subtype") or category),
                index=len(self._rules),
                negatable=bool(entry.get("negatable", True)),
                has_context=bool(context),
                context_scope=scope,
                certain=not bool(entry.get("check", False)),
            )
            self._rules.append(rule)
            self._add(f"rule:{rule.index}", patterns, where, greedy=True)
            self._add(f"ctx:{rule.index}", context, f"{where}.context")

    # ------------------------------------------------------------------ matching
    def normalise(self, doc: Doc) -> Doc:
        """A lowercase copy of ``doc`` with lookup lemmas of the lowercase words.

        The copy has the same tokens (except that apostrophe-less contractions such as "hell"
        for "he'll" become two) plus one final newline token, so that patterns can require
        the end of a sentence or message (``{IS_SPACE: true}``) in the same way.
        """
        return self._normalise(doc)[0]

    def _split(self, tokens: Sequence[str], i: int) -> list[str] | None:
        parts = self._splits.get(tokens[i])
        if parts is None:
            return None
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if before in self._not_after or after in self._not_before:
            return None
        return parts

    def _normalise(self, doc: Doc) -> tuple[Doc, list[int]]:
        """The normalised doc and, for each of its tokens, the index of its token in ``doc``."""
        lowers = [token.lower_ for token in doc]
        words: list[str] = []
        spaces: list[bool] = []
        origin: list[int] = []
        sources: list[Any] = []
        for i, token in enumerate(doc):
            parts = self._split(lowers, i) or [lowers[i]]
            for number, part in enumerate(parts):
                words.append(part)
                spaces.append(bool(token.whitespace_) and number == len(parts) - 1)
                origin.append(i)
                sources.append(token if len(parts) == 1 else None)
        words.append("\n")
        spaces.append(False)
        origin.append(len(doc))
        sources.append(None)
        norm = Doc(self.vocab, words=words, spaces=spaces)
        for source, token in zip(sources, norm, strict=True):
            if self._lemmas is not None:
                lemma = self._lemmas.get(token.lower_)
            elif source is not None:
                lemma = source.lemma_.lower()
            else:
                lemma = None
            token.lemma_ = lemma or token.lower_
        return norm, origin

    def layout(self, doc: Doc) -> _Layout:
        """Sentence and clause boundaries (punctuation ``. ! ? ;``, newlines, conjunctions)."""
        sentence_of: list[int] = []
        sentence_bounds: list[tuple[int, int]] = []
        clause_of: list[int] = []
        clause_bounds: list[tuple[int, int]] = []
        sentence_start = clause_start = 0
        for token in doc:
            sentence_of.append(len(sentence_bounds))
            clause_of.append(len(clause_bounds))
            lower = token.lower_
            ends_sentence = lower in self._sentence_breaks or (
                token.is_space and "\n" in token.text
            )
            # a hyphen inside a word ("ex-husband", "self-harm") joins, it does not break
            in_word = (
                lower in ("-", "\u2013")
                and not token.whitespace_
                and token.i > 0
                and not doc[token.i - 1].whitespace_
            )
            if ends_sentence or (lower in self._clause_breaks and not in_word):
                clause_bounds.append((clause_start, token.i + 1))
                clause_start = token.i + 1
            if ends_sentence:
                sentence_bounds.append((sentence_start, token.i + 1))
                sentence_start = token.i + 1
        if clause_start < len(doc) or not clause_bounds:
            clause_bounds.append((clause_start, len(doc)))
        if sentence_start < len(doc) or not sentence_bounds:
            sentence_bounds.append((sentence_start, len(doc)))
        return _Layout(sentence_of, sentence_bounds, clause_of, clause_bounds)

    def sentences(self, doc: Doc) -> list[str]:
        """The sentences of ``doc`` as text, as the detector splits them."""
        bounds = self.layout(doc).sentence_bounds
        return [doc[start:end].text.strip() for start, end in bounds if doc[start:end].text.strip()]

    def _collect(self, doc: Doc) -> _Matches:
        found = _Matches()
        strings = self.vocab.strings
        for match_id, start, end in self._matcher(doc):
            key = strings[match_id]
            kind, _, name = key.partition(":")
            span = _Span(start, end)
            if kind == "rule":
                found.rules.append((int(name), start, end))
            elif kind == "ctx":
                found.context.setdefault(int(name), []).append(span)
            elif kind == "exc":
                found.exceptions.append((self._exception_categories[key], span))
            elif key == "neg:cue":
                found.cues.append(span)
            elif key == "neg:clause":
                found.clause_cues.append(span)
            elif key == "neg:pseudo":
                found.pseudo.append(span)
            elif key == "soft:cue":
                found.softened = True
            elif key == "ord:cue":
                found.ordinary.append(span)
            elif kind == "past":
                block, _, part = name.partition(":")
                found.past_cues.setdefault((int(block), part), []).append(span)
        return found

    def _negated(self, doc: Doc, start: int, layout: _Layout, found: _Matches) -> bool:
        clause_start = layout.clause_bounds[layout.clause_of[start]][0]
        # "not because he pushes me": a cue that ends on the clause break negates the clause
        for cue in found.clause_cues:
            if cue.end == clause_start and start - cue.end < self._window:
                return True
        for cue in found.cues:
            if cue.end > start or cue.start < clause_start:
                continue
            if start - (cue.end - 1) > self._window:
                continue
            if any(p.start <= cue.start and cue.end <= p.end for p in found.pseudo):
                continue
            between = doc[cue.end : start]
            raised = any(token.lemma_ in self._raisers for token in doc[cue.end : cue.end + 2])
            if not raised and any(token.lower_ in self._barrier for token in between):
                continue
            return True
        return False

    def _has_context(self, rule: _Rule, start: int, layout: _Layout, found: _Matches) -> bool:
        spans = found.context.get(rule.index, [])
        if rule.context_scope == "message":
            return bool(spans)
        low, high = layout.sentence_bounds[layout.sentence_of[start]]
        return any(low <= span.start and span.end <= high for span in spans)

    def _resolved(self, rule: _Rule, start: int, layout: _Layout, found: _Matches) -> bool:
        low, high = layout.clause_bounds[layout.clause_of[start]]
        for number, block in enumerate(self._past_blocks):
            if rule.category not in block.categories:
                continue
            if not found.past_cues.get((number, "safe_now")):
                continue
            # the past cue may stand earlier in the sentence: "my ex was controlling,
            # wouldn't let me see my friends"
            sentence_low = layout.sentence_bounds[layout.sentence_of[start]][0]
            past = found.past_cues.get((number, "past"), [])
            if not any(sentence_low <= s.start < high for s in past):
                continue
            # weak signs that it is current ("still", "last night") count only in the risk's
            # own sentence: elsewhere they are mostly about something else ("she noticed the
            # scars last night", "we still argue about money")
            sentence_high = layout.sentence_bounds[layout.sentence_of[start]][1]
            near = found.past_cues.get((number, "still_sentence"), [])
            if any(sentence_low <= s.start < sentence_high for s in near):
                continue
            still = found.past_cues.get((number, "still"), [])
            if block.still_scope == "message":
                if still:
                    continue
            elif any(low <= s.start < high for s in still):
                continue
            return True
        return False

    def _why_dropped(
        self, rule: _Rule, start: int, end: int, doc: Doc, layout: _Layout, found: _Matches
    ) -> str | None:
        if rule.negatable and self._negated(doc, start, layout, found):
            return "negated"
        for categories, span in found.exceptions:
            if rule.category in categories and span.overlaps(start, end):
                return f"idiom: {doc[span.start : span.end].text}"
        if rule.has_context and not self._has_context(rule, start, layout, found):
            return "no context"
        if self._resolved(rule, start, layout, found):
            return PAST_AND_SAFE
        return None

    def explain(self, doc: Doc) -> list[Candidate]:
        """Every raw rule match in ``doc`` with the reason it was dropped (``None`` if kept).

        Useful when extending the lexicon: it shows which rule fired and what suppressed it.
        Overlap resolution between kept matches is not applied here.
        """
        return self._scan(doc)[0]

    def _scan(self, doc: Doc) -> tuple[list[Candidate], _Matches, list[int]]:
        """The candidates, every matcher hit, and each normalised token's token in ``doc``."""
        if len(doc) == 0:
            return [], _Matches(), []
        norm, origin = self._normalise(doc)
        layout = self.layout(norm)
        found = self._collect(norm)
        out: list[Candidate] = []
        for index, start, end in sorted(found.rules, key=lambda hit: (hit[1], hit[0])):
            rule = self._rules[index]
            # back to the message's own tokens; a match may end on the final newline token
            doc_end = min(origin[end - 1] + 1, len(doc))
            doc_start = min(origin[start], doc_end)
            detection = Detection(
                rule.category,
                rule.subtype,
                doc[doc_start:doc_end].text.strip(),
                rule.id,
                doc_start,
                doc_end,
                rule.certain,
            )
            out.append(
                Candidate(detection, self._why_dropped(rule, start, end, norm, layout, found))
            )
        return out, found, origin

    def detect(self, doc: Doc) -> list[Detection]:
        """All safety signals in ``doc``, most severe first (crisis > abuse > other_risk).

        Within a category, when two rules match overlapping words only the rule listed
        first in the lexicon is reported.
        """
        if _bare(doc.text) in self._whole_messages:
            return []
        candidates, found, _ = self._scan(doc)
        return self._kept(candidates, found.softened)

    def screen(self, doc: Doc) -> Screening:
        """What :meth:`detect` finds, the categories the rules *cleared*, ordinary phrases.

        A category is cleared when every match of it was dropped because it is an idiom
        ("this job is killing me") or in the past with the person safe now ("years ago I
        self-harmed, I've been well since"): the rules read those words and found no risk
        now, so a weaker signal (the sentence classifier) should not raise it again.
        ``ordinary`` holds the words of the lexicon's ``ordinary`` phrases found in the
        message ("I don't even know what she's thinking anymore"): a sentence holding one
        describes the relationship, and the classifier leaves it alone.
        """
        if _bare(doc.text) in self._whole_messages:
            # an everyday reply as the whole message ("hit me" for "go on"): no risk here
            return Screening([], frozenset(SEVERITY), ())
        candidates, matches, origin = self._scan(doc)
        ordinary: list[str] = []
        for span in matches.ordinary:
            end = min(origin[span.end - 1] + 1, len(doc))
            ordinary.append(doc[min(origin[span.start], end) : end].text.strip())
        found = self._kept(candidates, matches.softened)
        risky = {c.detection.category for c in candidates if c.dropped is None}
        cleared = {
            c.detection.category
            for c in candidates
            if c.dropped is not None
            and (c.dropped.startswith("idiom") or c.dropped == PAST_AND_SAFE)
            and c.detection.category not in risky
        }
        return Screening(found, frozenset(cleared), tuple(ordinary))

    def _kept(self, candidates: list[Candidate], softened: bool) -> list[Detection]:
        kept = [c.detection for c in candidates if c.dropped is None]
        if softened:
            # a joke marker ("lol", "haha") in the message: ask, do not assume
            kept = [replace(d, certain=False) for d in kept]
        order = {rule.id: rule.index for rule in self._rules}
        kept.sort(key=lambda d: (SEVERITY[d.category], order[d.rule], d.start))
        result: list[Detection] = []
        for detection in kept:
            clash = any(
                other.category == detection.category
                and other.start < detection.end
                and detection.start < other.end
                for other in result
            )
            if not clash:
                result.append(detection)
        result.sort(key=lambda d: (SEVERITY[d.category], d.start, d.end))
        return result


def _lemma_lookup() -> Any:
    """The English lookup-lemma table from spacy-lookups-data, or ``None`` if unavailable."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except Exception:  # spacy-lookups-data missing: fall back to the doc's own lemmas
        logger.warning("spacy-lookups-data not available; using the pipeline's lemmas")
        return None


def most_severe(detections: Iterable[Detection]) -> Detection | None:
    """The most severe detection, or ``None`` if there is none.

    Within the most severe category a certain detection wins over a gentle-check one
    (``check: true`` rules), then the first one.
    """
    best: Detection | None = None
    for detection in detections:
        if best is None:
            best = detection
            continue
        rank = (SEVERITY[detection.category], not detection.certain)
        if rank < (SEVERITY[best.category], not best.certain):
            best = detection
    return best


def categories(detections: Sequence[Detection]) -> set[str]:
    """The set of categories among ``detections``."""
    return {d.category for d in detections}


_CACHED: SafetyDetector | None = None


def detect_text(
    nlp: Language, text: str, detector: SafetyDetector | None = None
) -> list[Detection]:
    """Run ``nlp`` on ``text`` and return the detections (convenience for tests and scripts).

    Args:
        nlp: A pipeline such as the coach's (blank English plus lookup lemmatizer).
        text: The message.
        detector: A detector built on ``nlp.vocab``; one is built and cached if omitted.
    """
    global _CACHED
    if detector is None:
        if _CACHED is None or _CACHED.vocab is not nlp.vocab:
            _CACHED = SafetyDetector(nlp.vocab)
        detector = _CACHED
    return detector.detect(nlp(text))
