"""Words the coach fits into its responses and buttons (``content/words.yml``), loaded once.

The responses are in ``domain/``; these are the pieces the actions choose among: why a
tip was chosen, the check-ins' trend, how a tip went, button titles, and each intent in
the person's words for "Did you mean to ...?".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coach.settings import CONTENT_DIR

WORDS_FILE = CONTENT_DIR / "words.yml"


@lru_cache(maxsize=2)
def words(path: Path = WORDS_FILE) -> dict[str, Any]:
    """The whole file, as a mapping of sections."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of sections")
    return data


def section(name: str) -> dict[str, str]:
    """One section (``plan_reasons``, ``progress_trend``, ``buttons``, ...), as text by key."""
    value = words().get(name) or {}
    return {str(k): str(v) for k, v in value.items()}


def text(name: str) -> str:
    """One single text (``plan_reason_default``)."""
    return str(words()[name])
