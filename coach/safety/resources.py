"""Helpline data for the safety layer: load, pick by country, and format for responses.

The data lives in ``content/safety/resources.yml`` (one entry per country plus ``intl``).
Formatting helpers return short plain strings that response templates can embed, e.g.
``"call 911"`` or ``"call or text 988 (988 Suicide & Crisis Lifeline)"``.

The coach's default country comes from the ``COACH_COUNTRY`` setting (handled elsewhere);
this module only takes a country code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_RESOURCES = Path(__file__).resolve().parents[2] / "content" / "safety" / "resources.yml"
FALLBACK = "intl"
ROUND_THE_CLOCK = {"24/7", "24 hours", "24 hours a day"}

# Codes people or settings use that are not the file's slugs.
_CODE_ALIASES = {"gb": "uk", "uk": "uk", "usa": "us", "aus": "au", "can": "ca", "irl": "ie"}


class ResourcesError(ValueError):
    """The resources file is malformed (the message names the offending entry)."""


@dataclass(frozen=True)
class Helpline:
    """One helpline or website.

    Attributes:
        name: The service's name, e.g. ``"Samaritans"``.
        description: What the service does, when the name does not say (optional).
        phone: Number to call, as written locally; ``None`` for web-only services.
        text: Number to send a text message to, if the service takes texts.
        text_keyword: Word to send by text, e.g. ``"START"``.
        website: The service's website.
        region: Part of the country served, when it is not national (e.g. ``"Ontario"``).
        hours: Opening hours, e.g. ``"24/7"``.
        for_whom: Who the line is for, when it is restricted (e.g. men).
        sources: Official pages confirming the details.
        checked: Date the details were last verified (ISO format).
    """

    name: str
    description: str | None = None
    phone: str | None = None
    text: str | None = None
    text_keyword: str | None = None
    website: str | None = None
    region: str | None = None
    hours: str | None = None
    for_whom: str | None = None
    sources: tuple[str, ...] = ()
    checked: str = ""

    @property
    def always_open(self) -> bool:
        """Whether the line is open around the clock (or its hours are unknown)."""
        return self.hours is None or self.hours.strip().lower() in ROUND_THE_CLOCK


@dataclass(frozen=True)
class Emergency:
    """A country's emergency number (``number`` is ``None`` for the international fallback)."""

    number: str | None
    label: str
    sources: tuple[str, ...] = ()
    checked: str = ""


@dataclass(frozen=True)
class CountryResources:
    """Everything the coach can offer for one country."""

    code: str
    name: str
    emergency: Emergency
    crisis: tuple[Helpline, ...]
    abuse: tuple[Helpline, ...]
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()
    addiction: tuple[Helpline, ...] = ()

    def all_lines(self) -> tuple[Helpline, ...]:
        """Crisis lines followed by abuse lines."""
        return self.crisis + self.abuse


@dataclass(frozen=True)
class Resources:
    """All countries' resources, with a default country and the ``intl`` fallback."""

    default: str
    countries: Mapping[str, CountryResources]
    _alias_patterns: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)

    def normalise_code(self, code: str | None) -> str | None:
        """The file's slug for a code, country name or alias (``"GB"`` -> ``"uk"``), or None."""
        if not code:
            return None
        key = code.strip().lower()
        if key in self.countries:
            return key
        if key in _CODE_ALIASES and _CODE_ALIASES[key] in self.countries:
            return _CODE_ALIASES[key]
        return self.country_from_text(code)

    def addiction_lines(self, code: str | None) -> tuple[Helpline, ...]:
        """Support for people affected by someone else's addiction: the country's, else intl."""
        return self.for_country(code).addiction or self.countries[FALLBACK].addiction

    def for_country(self, code: str | None) -> CountryResources:
        """Resources for ``code``; ``None`` means the default country, unknown means intl."""
        if code is None or not code.strip():
            slug: str | None = self.default
        else:
            slug = self.normalise_code(code)
        if slug is None or slug not in self.countries:
            slug = FALLBACK
        return self.countries[slug]

    def country_from_text(self, text: str) -> str | None:
        """The country a message mentions first ("I live in Australia" -> ``"au"``), or None.

        Longer aliases win over shorter ones inside them ("northern ireland" is the UK, not
        Ireland; "british columbia" is Canada). Ambiguous short forms such as "US" only
        count when written in capitals (see ``exact_aliases`` in the YAML).
        """
        if not text:
            return None
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, str]] = []
        for pattern, slug in self._alias_patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                taken.append((start, end))
                found.append((start, slug))
        if not found:
            return None
        return min(found)[1]


# --------------------------------------------------------------------------------- loading
def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ResourcesError(f"expected text, got {value!r}")
    return str(value).strip() or None


def _checked(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def _sources(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ResourcesError(f"{where}: sources must be a list of URLs")
    return tuple(str(v) for v in value)


def _helpline(raw: Any, where: str) -> Helpline:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ResourcesError(f"{where}: each line needs a name")
    try:
        line = Helpline(
            name=str(raw["name"]),
            description=_text(raw.get("description")),
            phone=_text(raw.get("phone")),
            text=_text(raw.get("text")),
            text_keyword=_text(raw.get("text_keyword")),
            website=_text(raw.get("website")),
            region=_text(raw.get("region")),
            hours=_text(raw.get("hours")),
            for_whom=_text(raw.get("for_whom")),
            sources=_sources(raw.get("sources"), where),
            checked=_checked(raw.get("checked")),
        )
    except ResourcesError as exc:
        raise ResourcesError(f"{where}: {exc}") from exc
    if not (line.phone or line.text or line.website):
        raise ResourcesError(f"{where}: {line.name} needs a phone, text number or website")
    return line


def _lines(raw: Any, where: str) -> tuple[Helpline, ...]:
    if raw is None:
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise ResourcesError(f"{where} must be a list of lines")
    return tuple(_helpline(item, f"{where}[{n}]") for n, item in enumerate(raw))


def _country(code: str, raw: Any) -> CountryResources:
    if not isinstance(raw, dict):
        raise ResourcesError(f"countries.{code} must be a mapping")
    emergency_raw = raw.get("emergency") or {}
    number = _text(emergency_raw.get("number"))
    label = _text(emergency_raw.get("label")) or number or "your local emergency number"
    emergency = Emergency(
        number=number,
        label=label,
        sources=_sources(emergency_raw.get("sources"), f"countries.{code}.emergency"),
        checked=_checked(emergency_raw.get("checked")),
    )
    return CountryResources(
        code=code,
        name=str(raw.get("name") or code.upper()),
        emergency=emergency,
        crisis=_lines(raw.get("crisis"), f"countries.{code}.crisis"),
        abuse=_lines(raw.get("abuse"), f"countries.{code}.abuse"),
        addiction=_lines(raw.get("addiction"), f"countries.{code}.addiction"),
        aliases=tuple(str(a).lower() for a in raw.get("aliases") or []),
        exact_aliases=tuple(str(a) for a in raw.get("exact_aliases") or []),
    )


def _alias_patterns(
    countries: Iterable[CountryResources],
) -> tuple[tuple[re.Pattern[str], str], ...]:
    entries: list[tuple[str, str, bool]] = []
    for country in countries:
        entries += [(alias, country.code, False) for alias in country.aliases]
        entries += [(alias, country.code, True) for alias in country.exact_aliases]
    entries.sort(key=lambda entry: len(entry[0]), reverse=True)  # longest first
    patterns = []
    for alias, code, exact in entries:
        body = r"\s+".join(re.escape(part) for part in alias.split())
        flags = 0 if exact else re.IGNORECASE
        patterns.append((re.compile(rf"(?<![\w.]){body}(?![\w])", flags), code))
    return tuple(patterns)


def load_resources(path: Path | None = None) -> Resources:
    """Read and validate ``content/safety/resources.yml`` (or ``path``).

    Raises:
        ResourcesError: If the file is malformed or lacks the ``intl`` fallback.
    """
    path = Path(path) if path else _default_path()
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    raw_countries = data.get("countries")
    if not isinstance(raw_countries, dict) or not raw_countries:
        raise ResourcesError(f"{path}: 'countries' must map country codes to resources")
    countries = {
        str(code).lower(): _country(str(code).lower(), raw) for code, raw in raw_countries.items()
    }
    if FALLBACK not in countries:
        raise ResourcesError(f"{path}: the '{FALLBACK}' fallback entry is required")
    default = str(data.get("default") or "us").lower()
    if default not in countries:
        raise ResourcesError(f"{path}: default country {default!r} is not defined")
    return Resources(default, countries, _alias_patterns(countries.values()))


def _default_path() -> Path:
    """``$COACH_CONTENT_DIR/safety/resources.yml`` when present, else the repository copy."""
    try:
        from coach.settings import CONTENT_DIR
    except ImportError:  # pragma: no cover - usable outside the coach package
        return DEFAULT_RESOURCES
    configured = Path(CONTENT_DIR) / "safety" / "resources.yml"
    return configured if configured.is_file() else DEFAULT_RESOURCES


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The default resources file, loaded once per process."""
    return load_resources()


def country_from_text(text: str, resources: Resources | None = None) -> str | None:
    """The country code a message mentions ("I'm in the UK" -> ``"uk"``), or ``None``."""
    return (resources or default_resources()).country_from_text(text)


# ------------------------------------------------------------------------------ formatting
# Words that ask for the resources of a country not named ("somewhere else", "another
# country"): the international list is given instead of asking which country.
_ELSEWHERE = ("else", "other", "another")


def country_asked_for(text: str, resources: Resources | None = None) -> str | None:
    """The country a request to switch the helplines names.

    A code, ``intl`` for "somewhere else", or None when it names none (the coach then
    asks which).
    """
    code = country_from_text(text, resources)
    if code is not None:
        return code
    lowered = text.lower()
    return "intl" if any(w in lowered for w in _ELSEWHERE) else None


def format_emergency(country: CountryResources) -> str:
    """``"call 911"``, ``"call 112 or 999"``, or ``"call your local emergency number"``."""
    return f"call {country.emergency.label}"


def format_line(line: Helpline) -> str:
    """One line as a short instruction.

    Examples: ``"call or text 988 (988 Suicide & Crisis Lifeline)"``,
    ``"call 1-800-799-7233 or text START to 88788 (National Domestic Violence Hotline)"``,
    ``"visit https://findahelpline.com (Find A Helpline ...)"``.
    """
    if line.phone and line.text and line.text == line.phone and not line.text_keyword:
        action = f"call or text {line.phone}"
    else:
        parts: list[str] = []
        if line.phone:
            parts.append(f"call {line.phone}")
        if line.text:
            keyword = f"{line.text_keyword} to " if line.text_keyword else ""
            parts.append(f"text {keyword}{line.text}")
        if not parts and line.website:
            parts.append(f"visit {line.website}")
        action = " or ".join(parts)
    details = [f"{line.name}: {line.description}" if line.description else line.name]
    if line.region:
        details.append(line.region)
    if line.for_whom:
        details.append(f"for {line.for_whom}")
    if not line.always_open and line.hours:
        details.append(line.hours)
    return f"{action} ({', '.join(details)})"


def format_lines(lines: Iterable[Helpline], max_lines: int | None = None) -> str:
    """Several lines joined with ``"; "`` (at most ``max_lines`` of them, in file order)."""
    chosen = list(lines)[:max_lines] if max_lines else list(lines)
    return "; ".join(format_line(line) for line in chosen)


def format_crisis(country: CountryResources, max_lines: int | None = None) -> str:
    """The country's crisis lines, e.g. ``"call 116 123 (Samaritans)"``."""
    return format_lines(country.crisis, max_lines)


def format_abuse(country: CountryResources, max_lines: int | None = None) -> str:
    """The country's domestic-abuse lines, e.g. ``"call 1800 737 732 (1800RESPECT)"``."""
    return format_lines(country.abuse, max_lines)


def format_addiction(lines: Iterable[Helpline], max_lines: int | None = None) -> str:
    """Support for people affected by someone else's drinking, drugs or gambling."""
    return format_lines(lines, max_lines)


def response_parts(country: CountryResources) -> dict[str, str]:
    """Strings for response templates: ``emergency``, ``crisis``, ``abuse`` and ``country``."""
    return {
        "country": country.name,
        "emergency": format_emergency(country),
        "crisis": format_crisis(country),
        "abuse": format_abuse(country),
    }
