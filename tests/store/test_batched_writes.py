"""The writer's batched statements store what one statement at a time stored.

A document's entity rows are read in one query and kept as the upserts leave them; its entity rows,
new entities' search rows, mentions, aliases and offices are written after, one ``executemany`` a
kind; PostgreSQL queues
the statements of a transaction (pipeline mode) and waits only for reads and COMMIT.
"""
from __future__ import annotations

import psycopg
import pytest

from marsad.ingest import IngestReport, _Writer
from marsad.store import open_store

from .conftest import build_record

RAW_A = "التقى وزير الخارجية سيرغي لافروف نظيره. وقال لافروف إن سيرغي لافروف سيزور طهران."
RAW_B = "وصل الوزير لافروف إلى أنقرة أمس."


def _records() -> list[dict]:
    lavrov = {"id": "per:lavrov", "name": "سيرغي لافروف", "country": "RUS", "surfaces": ["سيرغي لافروف"]}
    a = build_record("a.txt", RAW_A, published="2024-01-02", entities=[
        lavrov,
        # the same entity again in one record, with an office and another spelling
        dict(lavrov, name="لافروف", office="Minister of Foreign Affairs", surfaces=["لافروف"]),
        {"id": "plc:tehran", "type": "LOC", "name": "طهران", "country": "IRN", "surfaces": ["طهران"]},
    ])
    b = build_record("b.txt", RAW_B, published="2024-01-05", entities=[
        {"id": "per:lavrov", "name": "الوزير لافروف", "country": None, "surfaces": ["لافروف"]},
        {"id": "plc:ankara", "type": "LOC", "name": "أنقرة", "country": "TUR", "surfaces": ["أنقرة"]},
    ])
    return [a, b]


def test_entity_seen_twice_in_a_document_is_upserted_in_turn(store):
    for rec in _records():
        assert store.ingest_record(rec) == "added"
    row = store._q1("SELECT * FROM entities WHERE id = 'per:lavrov'")
    # the first name stays, the office of the second mention arrives, a null country keeps the stored one
    assert (row["name"], row["office"], row["country"]) == ("سيرغي لافروف", "Minister of Foreign Affairs", "RUS")
    assert row["country_curated"] == 0 and row["office_curated"] == 0
    ent = store.entity("per:lavrov")
    assert ent is not None and "لافروف" in ent.aliases
    hits = store.search("لافروف")
    assert any(h["kind"] == "entity" for h in hits)


def test_rows_keep_the_order_the_entities_gave_them(store):
    for rec in _records():
        store.ingest_record(rec)
    got = [(r["entity_id"], r["doc_key"], r["span_start"]) for r in store._q(
        "SELECT entity_id, doc_key, span_start FROM mentions ORDER BY id")]
    want = [(e["id"], rec["doc_key"], m["start"]) for rec in _records() for e in rec["entities"] for m in e["mentions"]]
    assert got == want
    aliases = [(r["entity_id"], r["alias"]) for r in store._q(
        "SELECT entity_id, alias FROM entity_aliases WHERE source = 'mention' ORDER BY id")]
    assert aliases == [("per:lavrov", "لافروف")]
    offices = store._q("SELECT entity_id, office, start_date, doc_key FROM entity_offices ORDER BY id")
    assert [(o["entity_id"], o["office"], o["start_date"], o["doc_key"]) for o in offices] == [
        ("per:lavrov", "Minister of Foreign Affairs", "2024-01-02", "a.txt")]


def test_exec_many_equals_one_statement_each(store):
    rows = [("e1", "x", 1, 2, "a"), ("e1", "x", 3, 4, "b"), ("e2", "x", 5, 6, "c")]
    store.ingest_record(build_record("x", "a b c", entities=[]))
    store._exec("INSERT INTO entities (id, type, name) VALUES ('e1', 'PER', 'a'), ('e2', 'PER', 'b')")
    sql = "INSERT INTO mentions (entity_id, doc_key, span_start, span_end, surface) VALUES (?, ?, ?, ?, ?)"
    with store._tx():
        store._exec_many(sql, rows)
        store._exec_many(sql, [])
        # a read inside the transaction sees what was queued before it
        assert store._q1("SELECT COUNT(*) AS n FROM mentions")["n"] == 3
    got = [tuple(r.values()) for r in store._q(
        "SELECT entity_id, doc_key, span_start, span_end, surface FROM mentions ORDER BY id")]
    assert got == rows


@pytest.mark.postgres
def test_pg_error_of_a_queued_statement_rolls_back_the_transaction(pg_url):
    url = f"{pg_url}?schema=t_batched_{id(pg_url) % 10**8}"
    store = open_store(url)
    try:
        rec_a, rec_b = _records()
        with pytest.raises(psycopg.Error):
            with store._tx():
                store.ingest_record(rec_a)
                # a duplicate key, queued: it fails when the transaction next waits for the server
                store._exec("INSERT INTO entities (id, type, name) VALUES ('plc:tehran', 'LOC', 'x')")
        assert store.stats()["documents"] == 0 and store._q("SELECT id FROM entities") == []
        assert store.ingest_record(rec_b) == "added"  # the connection is usable again
        assert store.stats()["documents"] == 1
    finally:
        store.conn.execute(f"DROP SCHEMA IF EXISTS {url.rsplit('=', 1)[1]} CASCADE")
        store.close()


@pytest.mark.postgres
def test_pg_writer_batch_with_a_failing_document(pg_url, monkeypatch):
    """A database error that surfaces late in a batch: the batch is rolled back and written one
    document at a time, so the good documents are stored and the bad one is an error record."""
    url = f"{pg_url}?schema=t_batched_w{id(monkeypatch) % 10**8}"
    store = open_store(url)
    try:
        orig = store._store_provenance

        def failing(internal, doc_id, rec):
            orig(internal, doc_id, rec)
            if internal == "b.txt":  # queued now, fails at the next wait
                store._exec("INSERT INTO entities (id, type, name) VALUES ('per:lavrov', 'PER', 'x')")

        monkeypatch.setattr(store, "_store_provenance", failing)
        rep = IngestReport()
        w = _Writer(store, rep, 50, None, None)
        for rec in _records():
            w.add(dict(rec))
        w.flush()
        assert (rep.added, rep.errors) == (1, 1)
        assert [r["doc_key"] for r in store._q("SELECT doc_key FROM documents")] == ["a.txt"]
        assert [e["doc_key"] for e in store.errors()] == ["b.txt"]
    finally:
        store.conn.execute(f"DROP SCHEMA IF EXISTS {url.rsplit('=', 1)[1]} CASCADE")
        store.close()
