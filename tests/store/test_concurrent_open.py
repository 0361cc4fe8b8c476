"""Four processes opening a new PostgreSQL store at the same moment, twelve times: none fails
(migrations take the advisory lock before their first statement)."""
from __future__ import annotations

import multiprocessing as mp
import uuid

import pytest

pytestmark = pytest.mark.postgres

N_PROC, ROUNDS = 4, 12


def _open(url: str, barrier, out) -> None:
    from marsad.store import open_store

    try:
        barrier.wait(timeout=60)
        s = open_store(url)
        names = [m["name"] for m in s.applied_migrations()]
        s.close()
        out.put(("ok", names))
    except Exception as e:  # noqa: BLE001 - reported to the test
        out.put(("error", f"{type(e).__name__}: {e}"))


def _race(url: str) -> list[tuple[str, object]]:
    ctx = mp.get_context("spawn")  # no inherited locks from other tests' threads
    barrier, out = ctx.Barrier(N_PROC), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(url, barrier, out)) for _ in range(N_PROC)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return results


def test_concurrent_first_opens_of_new_schemas(pg_url):
    from marsad.store.migrations import MIGRATIONS

    from .conftest import _drop_schema

    failures = []
    for _ in range(ROUNDS):
        schema = "race_" + uuid.uuid4().hex[:10]
        try:
            for status, detail in _race(f"{pg_url}?schema={schema}"):
                if status != "ok":
                    failures.append(detail)
                else:
                    assert detail == [name for name, _ in MIGRATIONS]
        finally:
            _drop_schema(pg_url, schema)
    assert failures == []


def test_concurrent_first_opens_of_a_new_database(pg_url):
    import psycopg

    from marsad.store.migrations import MIGRATIONS

    name = "marsad_race_" + uuid.uuid4().hex[:8]
    with psycopg.connect(pg_url, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    try:
        results = _race(url)
        assert [s for s, _ in results] == ["ok"] * N_PROC, results
        assert all(d == [n for n, _ in MIGRATIONS] for _, d in results)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
