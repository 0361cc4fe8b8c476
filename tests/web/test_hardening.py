"""The API abuse set of issue 14 on SQLite and PostgreSQL: no 500 for bad input, one JSON error
shape with the security headers on every status (500 too), bodies refused by size while
streaming, NUL refused at the boundary; totals and the shared filter on /api/events and exports."""
from __future__ import annotations

import json
import uuid

import pytest
from fastapi.testclient import TestClient

from marsad.store import open_store
from marsad.web.app import MAX_BODY, create_app

from tests.store.conftest import _drop_schema, pg_url  # noqa: E402,F401  (the PostgreSQL fixture)
from web_fixtures import TOKEN, records  # noqa: E402

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def app_url(request, tmp_path):
    if request.param == "sqlite":
        url = str(tmp_path / "m.db")
        drop = None
    else:
        base = request.getfixturevalue("pg_url")
        schema = "t_" + uuid.uuid4().hex[:12]
        url, drop = f"{base}?schema={schema}", (base, schema)
    s = open_store(url)
    for rec in records():
        s.ingest_record(rec)
    s.close()
    yield url
    if drop:
        _drop_schema(*drop)


@pytest.fixture
def api(app_url):
    with TestClient(create_app(app_url, token=TOKEN, token_name="tester"), raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c


def _is_error(r, status: int) -> dict:
    assert r.status_code == status, (r.request.url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json"), r.headers
    for h in HEADERS:
        assert h in r.headers, (h, r.request.url)
    body = r.json()
    assert body["status"] == status and body["error"]
    return body


ABUSE_GET = [
    "/api/events?offset=9223372036854775808", "/api/documents?offset=18446744073709551616",
    "/api/entities?offset=9223372036854775808", "/api/events?limit=99999999999999999999",
    "/api/events?country=%00", "/api/events?person=a%00b", "/api/events?category=CON%00SULT",
    "/api/entities?q=%00", "/api/search?q=%00", "/api/events/ev-%00", "/api/entities/per%00x",
    "/api/documents/%00", "/api/events?since=2017-31-01", "/api/events?min_confidence=nan%00",
    "/api/export/csv?country=%00", "/api/dyads?country=%00",
]


@pytest.mark.parametrize("url", ABUSE_GET)
def test_abusive_parameters_are_json_errors_never_500(api, url):
    r = api.get(url)
    assert r.status_code != 500, (url, r.text[:300])
    _is_error(r, r.status_code)
    assert 400 <= r.status_code < 500


def test_largest_offset_is_an_empty_page(api):
    r = api.get("/api/events", params={"offset": 2**63 - 1})
    assert r.status_code == 200 and r.json()["items"] == []
    assert r.json()["total"] == api.get("/api/events").json()["total"] > 0


def test_malformed_bodies_with_a_valid_token(api):
    bad = [
        ("/api/ingest", b"{", "application/json"),
        ("/api/ingest", b"[" * 5000 + b"]" * 5000, "application/json"),
        ("/api/ingest", b"\xff\xfe", "application/json"),
        ("/api/ingest", b"--x\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data; boundary=x"),
        ("/api/ingest", b"garbage", "multipart/form-data"),
        ("/api/entities/per-shoigu/merge", b"[1]", "application/json"),
        ("/api/entities/per-shoigu/merge", json.dumps({"drop": "x\x00y"}).encode(), "application/json"),
        ("/api/entities/per-shoigu/alias", b'{"alias": 5}', "application/json"),
        ("/api/entities/per-shoigu/set", b'{"country": "Q\\u0000A"}', "application/json"),
    ]
    for url, body, ctype in bad:
        r = api.post(url, content=body, headers={"content-type": ctype})
        assert r.status_code in (400, 404, 422), (url, body[:30], r.status_code, r.text[:200])
        _is_error(r, r.status_code)


def test_bad_records_are_per_item_errors_and_nul_is_stored_on_both(api):
    good = records()[0]
    nul = dict(good, doc_key="nul/doc.txt", raw_text=good["raw_text"] + "\x00", doc_id=None)
    weird = {"doc_key": {"a": 1}, "raw_text": "x", "articles": []}
    r = api.post("/api/ingest", json=[nul, weird])
    assert r.status_code == 200, r.text
    docs = r.json()["documents"]
    assert docs[0]["status"] == "added" and docs[1]["status"] == "error"
    doc = api.get("/api/documents/nul/doc.txt").json()
    assert "\x00" not in doc["raw_text"] and "\ufffd" in doc["raw_text"]


def test_body_refused_by_declared_size(api):
    r = api.post("/api/ingest", content=b"x", headers={"content-type": "text/plain",
                                                        "content-length": str(MAX_BODY + 1)})
    _is_error(r, 413)


def test_body_refused_while_streaming(api):
    sent = {"n": 0}

    def chunks():
        for _ in range(64):  # 64 MiB offered, chunked: no Content-Length to trust
            sent["n"] += 1
            yield b"x" * (1024 * 1024)

    r = api.post("/api/ingest?filename=a.txt", content=chunks(), headers={"content-type": "text/plain"})
    _is_error(r, 413)


def test_internal_error_is_json_with_headers(app_url):
    app = create_app(app_url)

    @app.get("/api/boom")
    async def boom():  # a bug anywhere in a route
        raise RuntimeError("boom")

    @app.get("/boom")
    async def boom_page():
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as c:
        body = _is_error(c.get("/api/boom"), 500)
        assert "boom" not in body["error"] or "RuntimeError" in body["error"]
        r = c.get("/boom")
        assert r.status_code == 500 and all(h in r.headers for h in HEADERS)
        _is_error(c.get("/api/nothing"), 404)
        _is_error(c.post("/api/stats"), 405)


def test_events_total_country_names_and_filtered_exports(api):
    r = api.get("/api/events", params={"country": "إيران", "limit": 1})
    body = r.json()
    assert r.status_code == 200 and body["count"] == 1 and body["total"] >= 2
    assert api.get("/api/events", params={"country": "Iran"}).json()["total"] == body["total"]
    lines = api.get("/api/export/plover", params={"country": "إيران"}).text.splitlines()
    assert len(lines) == body["total"]
    agree = {"country": "إيران", "category": "AGREE"}
    n_agree = api.get("/api/events", params=agree).json()["total"]
    lines = api.get("/api/export/plover", params=agree).text.splitlines()
    assert 0 < len(lines) == n_agree < body["total"]
    assert all("AGREE" in json.loads(x)["event"] for x in lines)
    csv_text = api.get("/api/export/csv", params={"bom": "true"}).content.decode("utf-8")
    assert csv_text.startswith("\ufeff")
    s1 = api.get("/api/search", params={"q": "طهران", "limit": 1}).json()
    s2 = api.get("/api/search", params={"q": "طهران", "limit": 1, "offset": 1}).json()
    if s1["items"] and s2["items"]:
        assert s1["items"][0] != s2["items"][0]


def test_curation_audit_names_the_token(api, app_url):
    r = api.post("/api/entities/per-zarif/set", json={"country": "IRN"})
    assert r.status_code == 200
    s = open_store(app_url)
    try:
        assert s.curation_log()[-1]["actor"] == "api:tester"
    finally:
        s.close()
