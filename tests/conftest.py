"""Shared fixtures: seeded guidance stores (SQLite, PostgreSQL when reachable), safety detector."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from coach.safety.detector import SafetyDetector
from coach.store.content import load_content
from coach.store.db import create_store_engine
from coach.store.migrate import alembic_config
from coach.store.queries import GuidanceStore
from coach.store.seed import seed

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("COACH_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def services_required() -> bool:
    """CI sets REQUIRE_SERVICES=1: a missing service is then a failure, not a skip."""
    return os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def migrate(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config(str(engine.url))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


@pytest.fixture(scope="session")
def content():
    return load_content()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory, content) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("store") / "coach.db"
    engine = create_store_engine(f"sqlite:///{path}")
    migrate(engine)
    seed(engine, content)
    yield engine
    engine.dispose()


def _pg_schema_engine() -> tuple[Engine, str]:
    admin = create_engine(PG_URL, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.begin() as conn:
            schema = f"t_{uuid.uuid4().hex[:10]}"
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    admin.dispose()
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    return create_store_engine(url), schema


@pytest.fixture(scope="session")
def pg_engine(content) -> Iterator[Engine]:
    engine, schema = _pg_schema_engine()
    with engine.connect() as conn:  # the tests must never touch the public schema
        assert conn.execute(text("SELECT current_schema()")).scalar() == schema
    migrate(engine)
    seed(engine, content)
    yield engine
    engine.dispose()
    admin = create_engine(PG_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request) -> GuidanceStore:
    engine = request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
    return GuidanceStore(engine)


@pytest.fixture
def empty_engine(tmp_path) -> Iterator[Engine]:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _assessment_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Durations told by a date ("since halloween") are read against a fixed day.

    The tables and examples were written on 2026-12-06; read against the real clock, "since
    march" would turn from months into weeks as the year goes round.
    """
    from datetime import date

    import coach.assessment

    monkeypatch.setattr(coach.assessment, "_today", lambda: date(2026, 12, 6))


# The safety lexicon's detector on a blank English pipeline with the lookup lemmatizer, shared
# by the tests of the safety rules' forms (tests/test_safety_*_forms.py and their kin).
@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


@pytest.fixture(scope="session")
def detector(nlp: Language) -> SafetyDetector:
    return SafetyDetector(nlp.vocab, ROOT / "content" / "safety" / "lexicon.yml")
