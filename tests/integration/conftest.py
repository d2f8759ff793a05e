"""One running coach (action server + Rasa server) shared by the integration tests."""

from __future__ import annotations

import pytest

from runtime.stack import Stack, model_path, running_stack


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    try:
        model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running
