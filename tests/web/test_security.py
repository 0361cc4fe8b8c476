"""Untrusted article text must reach pages only as escaped text."""
from __future__ import annotations

import re

import pytest

from web_fixtures import XSS_BODY, XSS_LINK, XSS_TITLE


def _evil_doc(client):
    return next(d for d in client.get("/api/documents").json()["items"] if d["path"] == "evil/xss.html")


def _evil_event(client):
    return client.get("/api/events", params={"since": "2015-03-01", "until": "2015-03-31"}).json()["items"][0]


def _pages(client):
    doc = _evil_doc(client)
    ev = _evil_event(client)
    return [f"/documents/{doc['doc_id']}", f"/events/{ev['id']}", "/events", "/", "/documents",
            "/entities/per-lavrov", "/entities", "/search?q=لافروف", "/search?q=" + XSS_TITLE,
            "/timeline?country=RUS&country=IRN"]


def _assert_clean(html: str) -> None:
    # the payloads never appear as markup...
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html.replace("&lt;img src=x", "")
    assert "onerror=\"window" not in html
    assert "<b onmouseover" not in html
    assert "<i>Sergei" not in html
    # ...no link or resource URL with a script scheme is emitted
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    # the only scripts are our own static files
    for m in re.finditer(r"<script\b([^>]*)>", html, re.I):
        assert re.search(r'src="/static/[\w./-]+\.js"', m.group(1)), m.group(0)


def test_malicious_article_is_escaped_everywhere(client):
    for url in _pages(client):
        r = client.get(url)
        assert r.status_code == 200, url
        _assert_clean(r.text)


def test_payloads_shown_as_text(client):
    html = client.get(f"/documents/{_evil_doc(client)['doc_id']}").text
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in html  # the title, as text
    assert "&lt;img src=x onerror=" in html
    assert XSS_LINK in html  # shown as text…
    assert f'href="{XSS_LINK}' not in html  # …never as a link
    # the mention inside the hostile page is still highlighted and linked to its entity
    assert re.search(r'<a class="ent ent-PER" href="/entities/per-lavrov"[^>]*>سيرغي لافروف</a>', html)
    # an entity id containing markup is percent-encoded in links
    assert "/entities/per-%3Cscript%3Ex%3C%2Fscript%3E" in html


def test_event_page_escapes_actor_and_place(client):
    html = client.get(f"/events/{_evil_event(client)['id']}").text
    _assert_clean(html)
    assert "&lt;img src=x" in html
    assert '<mark class="evidence"' in html  # evidence sentence highlighted in its article


def test_wikidata_link_only_for_qids(client):
    html = client.get("/entities/per-lavrov").text
    assert "wikidata.org" not in html
    html = client.get("/entities/gpe-russia").text
    assert 'href="https://www.wikidata.org/wiki/Q159"' in html


def test_security_headers(client):
    for url in ("/", "/api/stats", "/static/app.css", "/events/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_inline_scripts_or_styles_in_templates():
    from pathlib import Path

    import marsad.web

    for t in (Path(marsad.web.__file__).parent / "templates").glob("*.html"):
        text = t.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), t.name
        assert " style=" not in text and "<style" not in text, t.name
        assert "|safe" not in text.replace(" ", ""), t.name
        assert not re.search(r"\bon[a-z]+=", text), t.name


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x",
                                 "http://a b", "vbscript:x", "//evil.example/x"])
def test_safe_url_rejects(url):
    from marsad.web.views import safe_url

    assert safe_url(url) is None


def test_safe_url_accepts_http():
    from marsad.web.views import safe_url, wikidata_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert wikidata_url("Q7747") == "https://www.wikidata.org/wiki/Q7747"
    assert wikidata_url("javascript:alert(1)") is None


def test_segments_clip_and_overlap():
    from marsad.web.views import segments, span

    text = "abcdefghij"
    segs = segments(text, 100, [span(102, 105, "x"), span(103, 108, "y"), span(95, 101, "z"), span(109, 130, "w"),
                                span(None, 104, "none")])
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s.get("cls")) for s in segs] == [("a", "z"), ("b", None), ("cde", "x"),
                                                          ("fghi", None), ("j", "w")]
