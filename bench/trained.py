"""The coach's current trained model, loaded for the evaluation scripts, with quiet logs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def load_agent() -> Any:
    """A Rasa ``Agent`` for ``models/current``; Rasa's per-message debug logs switched off."""
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    return Agent.load(str(ROOT / "models" / (ROOT / "models/current").read_text().strip()))
