"""Plans that fit (issue 20): the plan each situation profile gets, how many differ, and
whether any contains a tip the blind never-list rules out.

Profiles: ``tests/data/plans/profiles.yml``; never-list (written by a helper who never saw
the tips' tags): ``tests/data/plans/never_blind_2026-12-04.yml``. The plans come from the
guidance store as seeded from ``content/guidance.yml`` into a temporary SQLite database,
ranked by :func:`coach.plan.rank` as the coach ranks a first plan (feeling safe: yes).

Usage (docs/plans.md):

    python -m coach.env .venv/bin/python bench/plan_table.py          # the table
    python -m coach.env .venv/bin/python bench/plan_table.py --write  # refresh `plan:`
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coach.plan import Profile, rank
from coach.reflection import cause_for
from coach.settings import PROJECT_ROOT
from coach.store.content import load_content
from coach.store.db import get_engine
from coach.store.migrate import upgrade
from coach.store.queries import GuidanceStore
from coach.store.seed import seed

PLANS = PROJECT_ROOT / "tests" / "data" / "plans"
PROFILES = PLANS / "profiles.yml"
NEVER = PLANS / "never_blind_2026-12-04.yml"
WILLINGNESS = ("yes", "probably", "unsure", "probably_not", "no")


@dataclass(frozen=True)
class Rule:
    """One entry of the never-list: who it applies to, and the tips they must not get."""

    situations: frozenset[str]
    partner_open: str  # any | yes | no
    never: frozenset[str]
    reason: str

    def applies(self, profile: Profile) -> bool:
        """Whether the person has all the rule's situations and its willingness."""
        if not self.situations <= set(profile.situations):
            return False
        if self.partner_open == "no":
            return profile.partner_open in ("no", "probably_not")
        if self.partner_open == "yes":
            return profile.partner_open in ("yes", "probably")
        return True


def load_rules(path: Path = NEVER) -> list[Rule]:
    """The never-list."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Rule(
            situations=frozenset(item.get("situations") or ()),
            partner_open=str(item.get("partner_open", "any")).lower().replace("false", "no"),
            never=frozenset(item.get("never") or ()),
            reason=str(item.get("reason", "")),
        )
        for item in raw
    ]


def load_profiles(path: Path = PROFILES) -> list[dict[str, Any]]:
    """The situation profiles, as written (with their recorded plans)."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def profile_of(item: dict[str, Any]) -> Profile:
    """The coach's view of a profile: situations, cause as the reflection sets it, answers."""
    situations = tuple(item.get("situations") or ())
    return Profile(
        cause=cause_for(situations),
        partner_open=str(item.get("partner_open")),
        pulled_away=item.get("pulled_away"),
        duration=item.get("duration"),
        situations=situations,
    )


def plan_of(store: GuidanceStore, profile: Profile) -> list[str]:
    """The first plan the coach proposes for the profile (tip slugs in order)."""
    return [r.tip.slug for r in rank(store.plan_candidates(cause=profile.cause), profile)]


def distinct(first: Sequence[str], second: Sequence[str]) -> bool:
    """Two plans are distinct when at least two of their three tips differ."""
    return len(set(first) - set(second)) >= 2


def distinct_count(plans: Iterable[Sequence[str]]) -> int:
    """The size of a set of plans, each distinct from every other (greedy, in order)."""
    chosen: list[Sequence[str]] = []
    for plan in plans:
        if all(distinct(plan, other) for other in chosen):
            chosen.append(plan)
    return len(chosen)


def violations(profile: Profile, plan: Sequence[str], rules: Iterable[Rule]) -> list[str]:
    """Tips in the plan that a never-rule for this person rules out."""
    return sorted(
        {slug for rule in rules if rule.applies(profile) for slug in rule.never} & set(plan)
    )


def _recorder(plan: Sequence[str]) -> Callable[[re.Match[str]], str]:
    """A substitution that records ``plan`` on a profile's line."""
    return lambda match: f"{match.group(1)}, plan: [{', '.join(plan)}]}}"


def temporary_store(directory: str) -> GuidanceStore:
    """The store seeded from content/guidance.yml into a fresh SQLite file."""
    url = f"sqlite:///{directory}/plans.db"
    upgrade(url)
    engine = get_engine(url)
    seed(engine, load_content())
    return GuidanceStore(engine)


def main() -> int:
    """Print the table (or rewrite the profiles' plans with --write)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record the plans in the file")
    args = parser.parse_args()
    items = load_profiles()
    rules = load_rules()
    with tempfile.TemporaryDirectory() as directory:
        store = temporary_store(directory)
        plans = [plan_of(store, profile_of(item)) for item in items]
    bad = 0
    print("| profile | situations | partner | plan | ruled out |\n|---|---|---|---|---|")
    for item, plan in zip(items, plans, strict=True):
        wrong = violations(profile_of(item), plan, rules)
        bad += bool(wrong)
        situations = ", ".join(item.get("situations") or ()) or "-"
        print(
            f"| {item['id']} | {situations} | {item['partner_open']} | {', '.join(plan)} | "
            f"{', '.join(wrong) or '-'} |"
        )
    count = distinct_count(plans)
    print(f"\n{len(plans)} profiles, {count} distinct plans, {bad} with a ruled-out tip")
    if args.write:
        text = PROFILES.read_text(encoding="utf-8")
        for item, plan in zip(items, plans, strict=True):
            line = re.compile(
                r"^(- \{id: " + re.escape(item["id"]) + r",.*?)(, plan: \[[^\]]*\])?\}$", re.M
            )
            text = line.sub(_recorder(plan), text)
        PROFILES.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
