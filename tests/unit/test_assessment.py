import pytest

from coach.assessment import (
    parse_cause,
    parse_duration,
    parse_feels_safe,
    parse_pulled_away,
    parse_yes_no,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a few weeks", "weeks"),
        ("A few months", "months"),
        ("about a year", "year_plus"),
        ("6 months", "months"),
        ("18 months", "year_plus"),
        ("3 weeks", "weeks"),
        ("ten weeks", "months"),
        ("since christmas", "months"),
        ("ages", "year_plus"),
        ("no idea", "unknown"),
        ("I'd rather not say", "unknown"),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a new baby", "new_baby"),
        ("we had twins", None),
        ("money stress", "stress"),
        ("his phone", "screens"),
        ("arguments", "conflict"),
        ("I don't know", "unknown"),
        ("skip", "unknown"),
    ],
)
def test_parse_cause(text, expected):
    assert parse_cause(text) == expected


def test_parse_cause_prefers_the_entity():
    assert parse_cause("something", entity="new_job") == "new_job"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me", "me"),
        ("my partner", "partner"),
        ("mostly him", "partner"),
        ("both i think", "both"),
        ("more me than her", "me"),
        ("more her than me", "partner"),
        ("not sure", "unknown"),
        ("pizza", None),
    ],
)
def test_parse_pulled_away(text, expected):
    assert parse_pulled_away(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("yeah totally", "yes"),
        ("not always", "not_always"),
        ("sometimes", "not_always"),
        ("yes but he shouts", "not_always"),
        ("I'm scared of him", "not_always"),
        ("I'd rather not say", "skipped"),
        ("hmm", "not_always"),
    ],
)
def test_only_a_clear_yes_counts_as_safe(text, expected):
    assert parse_feels_safe(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("I think so", "yes"),
        ("no", "no"),
        ("he refuses", "no"),
        ("not sure", "unknown"),
        ("what", None),
    ],
)
def test_parse_yes_no(text, expected):
    assert parse_yes_no(text) == expected
