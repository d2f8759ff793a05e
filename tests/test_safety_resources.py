"""Tests for the helpline data and helpers (coach/safety/resources.py)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from coach.safety.resources import (
    FALLBACK,
    CountryResources,
    Resources,
    ResourcesError,
    country_from_text,
    default_resources,
    format_abuse,
    format_crisis,
    format_emergency,
    format_line,
    load_resources,
    response_parts,
)

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "content" / "safety" / "resources.yml"
NLU = ROOT / "data" / "nlu" / "safety.yml"
CHECKED = "2026-11-22"


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources(RESOURCES)


def test_all_countries_and_the_fallback_are_present(resources: Resources) -> None:
    assert set(resources.countries) == {"us", "uk", "ca", "au", "ie", "intl"}
    assert resources.default == "us"
    for country in resources.countries.values():
        assert country.crisis, country.code
        assert country.abuse, country.code


def test_every_number_has_an_official_source_and_check_date(resources: Resources) -> None:
    for country in resources.countries.values():
        if country.code != FALLBACK:
            assert country.emergency.sources, country.code
        assert country.emergency.checked == CHECKED, country.code
        for line in country.all_lines():
            assert line.sources, (country.code, line.name)
            assert all(s.startswith("https://") for s in line.sources), line.name
            assert line.checked == CHECKED, (country.code, line.name)
            assert line.phone or line.text or line.website, line.name
            if line.website:
                assert line.website.startswith("https://"), line.name


def test_numbers_are_text_not_integers() -> None:
    raw = yaml.safe_load(RESOURCES.read_text(encoding="utf-8"))
    for code, country in raw["countries"].items():
        number = country["emergency"]["number"]
        assert number is None or isinstance(number, str), code
        for kind in ("crisis", "abuse"):
            for line in country[kind]:
                for key in ("phone", "text"):
                    assert key not in line or isinstance(line[key], str), (code, line["name"])


@pytest.mark.parametrize(
    ("code", "emergency", "crisis", "abuse"),
    [
        ("us", "911", ["988"], ["1-800-799-7233"]),
        ("uk", "999", ["116 123"], ["0808 2000 247"]),
        ("ca", "911", ["988"], ["1-866-863-0511"]),
        ("au", "000", ["13 11 14"], ["1800 737 732"]),
        ("ie", "112 or 999", ["116 123"], ["1800 341 900", "01 554 3811"]),
    ],
)
def test_known_numbers(
    resources: Resources, code: str, emergency: str, crisis: list[str], abuse: list[str]
) -> None:
    country = resources.for_country(code)
    assert country.emergency.number == emergency
    assert [line.phone for line in country.crisis] == crisis
    assert set(abuse) <= {line.phone for line in country.abuse}


def test_text_options(resources: Resources) -> None:
    us = resources.for_country("us")
    assert (us.crisis[0].text, us.abuse[0].text, us.abuse[0].text_keyword) == (
        "988",
        "88788",
        "START",
    )
    assert resources.for_country("ca").crisis[0].text == "988"
    assert resources.for_country("au").crisis[0].text == "0477 13 11 14"


def test_regional_lines_say_where_they_apply(resources: Resources) -> None:
    awhl = [line for line in resources.for_country("ca").abuse if line.phone == "1-866-863-0511"]
    assert awhl and awhl[0].region == "Ontario"
    shelter_safe = resources.for_country("ca").abuse[0]
    assert shelter_safe.website == "https://sheltersafe.ca" and shelter_safe.region is None
    mens_aid = [line for line in resources.for_country("ie").abuse if line.name == "Men's Aid"]
    assert mens_aid and not mens_aid[0].always_open


def test_intl_fallback(resources: Resources) -> None:
    intl = resources.for_country("intl")
    assert intl.emergency.number is None
    assert format_emergency(intl) == "call your local emergency number"
    assert "findahelpline.com" in format_crisis(intl)
    assert "hotpeachpages.net" in format_abuse(intl)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("us", "us"),
        ("UK", "uk"),
        (" Au ", "au"),
        ("GB", "uk"),
        ("United Kingdom", "uk"),
        ("australia", "au"),
        ("de", "intl"),
        ("narnia", "intl"),
        (None, "us"),
        ("", "us"),
    ],
)
def test_for_country(resources: Resources, code: str | None, expected: str) -> None:
    assert resources.for_country(code).code == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm in the UK", "uk"),
        ("i live in the united kingdom", "uk"),
        ("I'm from England originally", "uk"),
        ("we're in scotland", "uk"),
        ("I live in Wales", "uk"),
        ("Northern Ireland", "uk"),
        ("I'm in Ireland", "ie"),
        ("based in Dublin", "ie"),
        ("We live in the US", "us"),
        ("I'm in the USA", "us"),
        ("america", "us"),
        ("I live in Australia", "au"),
        ("canada", "ca"),
        ("I moved to British Columbia", "ca"),
        ("I'm in South America", "intl"),
        ("let us talk about us", None),
        ("we argue about chores", None),
        ("", None),
    ],
)
def test_country_from_text(resources: Resources, text: str, expected: str | None) -> None:
    assert resources.country_from_text(text) == expected
    assert country_from_text(text, resources) == expected


def test_first_mentioned_country_wins(resources: Resources) -> None:
    assert resources.country_from_text("I'm in Canada now, originally from the UK") == "ca"


def test_aliases_are_unambiguous(resources: Resources) -> None:
    seen: dict[str, str] = {}
    for country in resources.countries.values():
        for alias in country.aliases + country.exact_aliases:
            assert alias.lower() not in seen, f"{alias} used by {seen.get(alias.lower())}"
            seen[alias.lower()] = country.code


def test_nlu_country_annotations_match_the_resources(resources: Resources) -> None:
    nlu = yaml.safe_load(NLU.read_text(encoding="utf-8"))["nlu"]
    block = next(b for b in nlu if b["intent"] == "set_country")
    annotated = re.findall(
        r"\[([^\]]+)\]\{\"entity\": \"country\", \"value\": \"(\w+)\"\}", block["examples"]
    )
    assert len(annotated) >= 15
    for text, value in annotated:
        assert value in resources.countries
        assert resources.country_from_text(text) == value, text


# ----------------------------------------------------------------------------- formatting
def test_formatting_us(resources: Resources) -> None:
    us = resources.for_country("us")
    assert format_emergency(us) == "call 911"
    assert format_crisis(us) == "call or text 988 (988 Suicide & Crisis Lifeline)"
    assert format_abuse(us) == (
        "call 1-800-799-7233 or text START to 88788 (National Domestic Violence Hotline)"
    )


def test_formatting_other_countries(resources: Resources) -> None:
    assert format_emergency(resources.for_country("ie")) == "call 112 or 999"
    assert format_crisis(resources.for_country("uk")) == "call 116 123 (Samaritans)"
    assert (
        format_crisis(resources.for_country("au"))
        == "call 13 11 14 or text 0477 13 11 14 (Lifeline)"
    )
    canada = format_abuse(resources.for_country("ca"))
    assert "visit https://sheltersafe.ca (ShelterSafe: " in canada
    assert "call 1-866-863-0511 (Assaulted Women's Helpline, Ontario)" in canada
    irish = format_abuse(resources.for_country("ie"))
    assert "Monday to Friday" in irish and "; " in irish
    assert format_abuse(resources.for_country("uk"), max_lines=1).count("call") == 1


def test_response_parts(resources: Resources) -> None:
    parts = response_parts(resources.for_country("au"))
    assert parts == {
        "country": "Australia",
        "emergency": "call 000",
        "crisis": "call 13 11 14 or text 0477 13 11 14 (Lifeline)",
        "abuse": "call 1800 737 732 (1800RESPECT)",
    }


def test_format_line_web_only(resources: Resources) -> None:
    line = resources.for_country("intl").crisis[0]
    assert format_line(line).startswith("visit https://findahelpline.com (Find A Helpline")


def test_default_resources_is_cached() -> None:
    assert default_resources() is default_resources()
    assert isinstance(default_resources().for_country("uk"), CountryResources)


# ------------------------------------------------------------------------------ validation
def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "resources.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


MINIMAL_INTL = """
  intl:
    name: International
    emergency: {number: null, label: "your local emergency number"}
    crisis: [{name: Find A Helpline, website: "https://findahelpline.com"}]
    abuse: [{name: Hot Peach Pages, website: "https://www.hotpeachpages.net"}]
"""


def test_minimal_file_loads(tmp_path: Path) -> None:
    loaded = load_resources(write(tmp_path, "default: intl\ncountries:" + MINIMAL_INTL))
    assert loaded.for_country("us").code == "intl"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("countries:\n  us: {name: US}\n", "intl"),
        ("default: xx\ncountries:" + MINIMAL_INTL, "default country"),
        ("countries: []\n", "countries"),
        (
            "countries:" + MINIMAL_INTL + "  us:\n    crisis: [{name: Nothing}]\n",
            "needs a phone",
        ),
        ("countries:" + MINIMAL_INTL + "  us:\n    crisis: [{phone: '1'}]\n", "needs a name"),
    ],
)
def test_bad_files_are_rejected(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ResourcesError, match=message):
        load_resources(write(tmp_path, body))
