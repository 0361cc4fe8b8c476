"""Fixtures for the web tests: a real SQLite store filled with hand-made CONTRACT records."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_fixtures import TOKEN, records  # noqa: E402



def pytest_configure(config: pytest.Config) -> None:
    # starlette's TestClient nags about httpx vs httpx2; irrelevant to these tests
    config.addinivalue_line("filterwarnings", "ignore:.*httpx.*")


def _fill(path: Path) -> str:
    from marsad.store import open_store

    store = open_store(str(path))
    try:
        for rec in records():
            store.ingest_record(rec)
    finally:
        store.close()
    return str(path)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store shared by the read-only tests (never written to by them)."""
    return _fill(tmp_path_factory.mktemp("webstore") / "marsad.db")


@pytest.fixture()
def fresh_db_url(tmp_path: Path) -> str:
    """A store of its own, for tests that write."""
    return _fill(tmp_path / "marsad.db")


def _client(url: str, token: str | None):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    return TestClient(create_app(url, token=token))


@pytest.fixture(scope="session")
def client(db_url: str):
    with _client(db_url, None) as c:
        yield c


@pytest.fixture()
def writer(fresh_db_url: str):
    with _client(fresh_db_url, TOKEN) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c
