"""The trained Rasa model, loaded once per test session (needs `make train`)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/model/" in str(item.fspath):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def agent():
    current = ROOT / "models" / "current"
    if not current.exists():
        pytest.skip("no trained model: run `make train` (make test does)")
    from rasa.core.agent import Agent

    return Agent.load(str(ROOT / "models" / current.read_text().strip()))


@pytest.fixture(scope="session")
def parse(agent):
    cache: dict[str, dict] = {}

    async def _parse(text: str) -> dict:
        if text not in cache:
            cache[text] = await agent.parse_message(text)
        return cache[text]

    return _parse
