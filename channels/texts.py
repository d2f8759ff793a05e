"""What the channels say on their own (``content/channels.yml``), loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from coach.settings import CONTENT_DIR

CHANNEL_TEXTS = CONTENT_DIR / "channels.yml"


@lru_cache(maxsize=4)
def channel_texts(channel: str, path: Path = CHANNEL_TEXTS) -> dict[str, str]:
    """The texts of one channel (``telegram``, ``webchat``) by key."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = data.get(channel)
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        raise ValueError(f"{path}: '{channel}' must map names to texts")
    return {str(k): v for k, v in texts.items()}
