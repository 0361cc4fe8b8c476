"""Server-rendered web UI (Jinja2, autoescaped) over the store.

Article text is untrusted: it only ever reaches the page as autoescaped text. Highlights
(entity mentions, evidence sentences) are built here as a list of plain-text segments with a
CSS class from a fixed set and an internal link; the templates escape every segment.

Pages are plain ``def`` routes: FastAPI runs them in its thread pool, so reading the store never
blocks the event loop.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from marsad.record import actors
from marsad.store.builders import event_label
from marsad.store.record import CorpusEvent, Counterparts, EntityDetail, EventSource, StoredDocument

from ..vocab import Plover, values
from . import api
from .countries import country_label, country_name_ar, country_name_en

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).parent / "templates"
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "WEAPON", "EVENT", "DATE")
CATEGORIES = values(Plover)
TYPE_LABELS = {"PER": "شخص · Person", "ORG": "منظمة · Organisation", "GPE": "دولة/مدينة · GPE",
               "LOC": "مكان · Location", "FAC": "منشأة · Facility", "WEAPON": "سلاح · Weapon",
               "EVENT": "حدث · Event", "DATE": "تاريخ · Date"}
CATEGORY_AR = {"CONSULT": "تشاور", "SUPPORT": "دعم", "AGREE": "اتفاق", "COOPERATE": "تعاون",
               "AID": "مساعدة", "THREATEN": "تهديد", "ACCUSE": "اتهام", "DEMAND": "مطالبة",
               "REJECT": "رفض", "SANCTION": "عقوبات", "MOBILIZE": "تعبئة", "COERCE": "إكراه",
               "ASSAULT": "اعتداء"}
PAGE = 50


# ---------------------------------------------------------------- Jinja environment

def safe_url(value: Any) -> str | None:
    """Only absolute http(s) URLs are ever emitted as links (never javascript:, data:, …)."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if re.match(r"^https?://[^\s<>\"'`]+$", v, re.I) and not re.search(r"[\x00-\x1f]", v):
        return v
    return None


def wikidata_url(qid: Any) -> str | None:
    """The Wikidata page of a Q-id (``Q123``), None for anything else."""
    if isinstance(qid, str) and re.fullmatch(r"Q\d{1,12}", qid.strip()):
        return f"https://www.wikidata.org/wiki/{qid.strip()}"
    return None


def q(value: Any) -> str:
    """Quote an id for a URL path segment."""
    return quote(str(value), safe="")


def listify(value: Any) -> list[Any]:
    """``value`` as a list: None -> ``[]``, a list or tuple copied, anything else wrapped."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def qs(params: dict[str, Any], **changes: Any) -> str:
    """Query string from ``params`` with ``changes`` applied (lists repeat the key)."""
    merged = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for k, v in merged.items():
        for item in listify(v):
            if item not in (None, ""):
                pairs.append((k, str(item)))
    return urlencode(pairs)


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # every template, whatever its extension
    undefined=jinja2.ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(safe_url=safe_url, http_link=safe_url, wikidata_url=wikidata_url, q=q, listify=listify,
                    country=country_label, country_ar=country_name_ar, country_en=country_name_en)
_env.globals.update(TYPE_LABELS=TYPE_LABELS, CATEGORY_AR=CATEGORY_AR, CATEGORIES=CATEGORIES,
                    ENTITY_TYPES=ENTITY_TYPES, qs=qs)


def render(request: Request, template: str, status: int = 200, headers: Any = None, **ctx: Any) -> HTMLResponse:
    """The HTML page of ``template`` (``templates/``, autoescaped) rendered with ``ctx`` plus the
    request, its path and whether writes are enabled; ``status`` and ``headers`` as given."""
    ctx.setdefault("request", request)
    ctx.setdefault("path", request.url.path)
    ctx.setdefault("can_write", bool(request.app.state.token))
    html = _env.get_template(template).render(**ctx)
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(request: Request, status: int, message: str, headers: Any = None) -> HTMLResponse:
    """The HTML error page for an HTTP ``status`` (bilingual title) showing ``message``."""
    titles = {404: "غير موجود · Not found", 422: "طلب غير صالح · Invalid request",
              401: "غير مصرح · Unauthorised", 403: "ممنوع · Forbidden"}
    return render(request, "error.html", status=status, headers=headers, status_code=status,
                  title=titles.get(status, f"خطأ · Error {status}"), message=message)


def store(request: Request) -> Any:
    """The app's store handle (:class:`~marsad.web.app.StoreHandle`)."""
    return request.app.state.store


# ---------------------------------------------------------------- highlighting

def segments(text: str, base: int, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split ``text`` (which starts at raw offset ``base``) into plain and marked segments.

    ``spans``: dicts with raw ``start``/``end`` (ints or None) and ``cls``, ``href``, ``title``, ``id``,
    ``children`` (spans nested inside, e.g. mentions inside an evidence sentence). Overlapping
    spans are resolved by keeping the earlier (then longer) one; spans outside ``text`` are clipped.
    Segment text is plain text: the template escapes it.
    """
    out: list[dict[str, Any]] = []
    n = len(text)
    pos = 0
    ordered = sorted((s for s in spans if isinstance(s["start"], int) and isinstance(s["end"], int)),
                     key=lambda s: (s["start"], -s["end"]))
    for sp in ordered:
        a, b = max(sp["start"] - base, 0), min(sp["end"] - base, n)
        if b <= a or a < pos:
            continue
        if a > pos:
            out.append({"text": text[pos:a]})
        inner = text[a:b]
        seg = {"text": inner, "cls": sp["cls"], "href": sp["href"], "title": sp["title"], "id": sp["id"]}
        kids = [k for k in sp["children"] if k["start"] >= sp["start"] and k["end"] <= sp["end"]]
        if kids:
            seg["children"] = segments(inner, base + a, kids)
        out.append(seg)
        pos = b
    if pos < n:
        out.append({"text": text[pos:]})
    return out


def snippet_segments(snip: Any) -> list[dict[str, Any]]:
    """The store marks the hit in a snippet as ``[hit]``: turn that into a highlighted segment."""
    if not isinstance(snip, str) or not snip:
        return []
    m = re.search(r"\[([^\[\]]+)\]", snip)
    if not m:
        return [{"text": snip}]
    return [{"text": snip[:m.start()]}, {"text": m.group(1), "cls": "hit"}, {"text": snip[m.end():]}]


def span(start: int | None, end: int | None, cls: str = "mark", href: str | None = None,
         title: str | None = None, id: str | None = None) -> dict[str, Any]:
    """A highlight span for :func:`segments`: raw offsets, CSS class, link, hover title, element id, no children."""
    return {"start": start, "end": end, "cls": cls, "href": href, "title": title, "id": id, "children": []}


def mention_spans(doc: StoredDocument) -> list[dict[str, Any]]:
    """Highlight spans of every entity mention of a store document: raw ``start``/``end``, CSS
    class by entity type, a link to the entity page and a hover title."""
    spans = []
    for ent in doc.entities:
        etype = (ent.type or "").upper()
        cls = f"ent ent-{etype}" if etype in ENTITY_TYPES else "ent"
        title = " · ".join(str(x) for x in (etype, ent.name, ent.name_en, ent.office, country_label(ent.country)) if x)
        href = f"/entities/{q(ent.id)}" if ent.id else None
        spans += [span(m.start, m.end, cls, href, title) for m in ent.mentions]
    return spans


def article_views(doc: StoredDocument, extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Each article of a document as header fields + highlighted raw-text segments."""
    raw = doc.raw_text
    spans = mention_spans(doc)
    if extra:
        # evidence spans contain the mentions inside them
        for ev in extra:
            ev["children"] = [s for s in spans if s["start"] is not None and ev["start"] <= s["start"]
                              and s["end"] <= ev["end"]]
        inside = {id(k) for ev in extra for k in ev["children"]}
        spans = [s for s in spans if id(s) not in inside] + extra
    views = []
    for i, art in enumerate(doc.articles):
        start, end = art.start, art.end
        if start is not None and end is not None and 0 <= start < end <= len(raw):
            body, base = raw[start:end], start
        else:
            body, base = art.text or "", None
        segs = segments(body, base, spans) if base is not None else [{"text": body}]
        views.append({"index": i, "title": art.title, "outlet": art.outlet,
                      "published": art.published, "segments": segs, "start": start, "end": end})
    if not views:
        views.append({"index": 0, "title": None, "outlet": doc.outlet, "published": None,
                      "segments": segments(raw, 0, spans), "start": 0, "end": len(raw)})
    return views


def evidence_span(doc: StoredDocument, src: EventSource) -> tuple[int, int] | None:
    """Raw ``(start, end)`` of an event source's evidence in the document: its offsets when
    they fit the raw text, else its ``event_text`` found in it; None when neither."""
    raw = doc.raw_text
    start, end = src.start, src.end
    if start is not None and end is not None and 0 <= start < end <= len(raw):
        return start, end
    text = (src.event_text or "").strip()
    i = raw.find(text) if text else -1
    return (i, i + len(text)) if i >= 0 else None


# ---------------------------------------------------------------- small formatting helpers

ROLE_LABELS = {"source": "المصدر · Source", "recipient": "المتلقي · Recipient"}


def actor_rows(ev: CorpusEvent) -> list[dict[str, Any]]:
    """An event's actors as table rows: each actor's fields plus ``role`` and a bilingual ``role_label``."""
    return [{"role": role, "role_label": ROLE_LABELS[role], **a.model_dump()} for role, a in actors(ev)]


def event_title(ev: CorpusEvent) -> str:
    """The one-line title of an event (:func:`marsad.store.builders.event_label`)."""
    return event_label(ev)


_env.globals.update(event_title=event_title)


def event_countries(ev: CorpusEvent) -> list[str]:
    """The actor codes (ISO3, IGO) of an event, in order of first appearance, without repeats."""
    return list(dict.fromkeys((a.code or "").upper() for _, a in actors(ev) if a.code))


_env.globals.update(event_countries=event_countries)


def event_query(request: Request) -> dict[str, Any]:
    """The event filters of a page's query string, kept as the user typed them (for forms/links)."""
    qp = request.query_params
    return {"country": [c for c in qp.getlist("country") if c.strip()], "category": qp.get("category") or "",
            "person": qp.get("person") or "", "since": qp.get("since") or "", "until": qp.get("until") or "",
            "min_confidence": qp.get("min_confidence") or "", "sort": qp.get("sort") or ""}


def filters_of(raw: dict[str, Any]) -> dict[str, Any]:
    """The shared event filter of a page's query (``{"filter": EventFilter}``); ParamError if bad."""
    return api.event_filters(raw["country"], raw["category"], raw["person"], raw["since"], raw["until"],
                             raw["min_confidence"] or None, raw["sort"] or None)


# ---------------------------------------------------------------- pages

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """``/``: store counts, the 10 newest events and the 8 newest documents."""
    s = store(request)
    return render(request, "home.html", stats=s.call("stats"), events=s.call("events", limit=10, offset=0),
                  documents=s.call("documents", limit=8, offset=0))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500)) -> HTMLResponse:
    """``/search?q=``: full-text hits (up to 50) grouped into articles, entities and events."""
    results = store(request).call("search", q.strip(), limit=50) if q.strip() else []
    for r in results:
        r["snippet_segments"] = snippet_segments(r["snippet"])
    articles = [r for r in results if r["kind"] == "article"]
    entities = [r for r in results if r["kind"] == "entity"]
    events = [r for r in results if r["kind"] == "event"]
    return render(request, "search.html", q=q, search_q=q, articles=articles, entities=entities, events=events,
                  total=len(results))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, offset: int = Query(0, ge=0, le=api.MAX_OFFSET), limit: int = Query(PAGE, ge=1, le=500)) -> HTMLResponse:
    """``/events``: a page of events matching the filter form, with the total."""
    raw = event_query(request)
    f = filters_of(raw)
    items = store(request).call("events", limit=limit + 1, offset=offset, **f)
    total = store(request).call("count_events", **f)
    more = len(items) > limit
    return render(request, "events.html", events=items[:limit], filters=raw, offset=offset, limit=limit,
                  more=more, total=total, params={**raw, "limit": limit if limit != PAGE else None})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    """``/events/{id}``: one event with each source document's evidence highlighted; 404 when unknown."""
    s = store(request)
    ev = s.call("event", event_id)
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    sources = []
    docs: dict[str, StoredDocument | None] = {}
    for src in ev.sources:
        doc_id = src.doc_key or src.doc_id
        if doc_id and doc_id not in docs:
            docs[doc_id] = s.call("document", doc_id)
        doc = docs[doc_id] if doc_id else None
        view = {"src": src, "article": None}
        where = evidence_span(doc, src) if doc is not None else None
        if doc is not None and where is not None:
            arts = article_views(doc, [span(*where, cls="evidence", id="evidence")])
            hit = next((a for a in arts if isinstance(a["start"], int) and a["start"] <= where[0] < (a["end"] or 0)),
                       None)
            view["article"] = hit or arts[0]
        sources.append(view)
    return render(request, "event.html", ev=ev, actors=actor_rows(ev), sources=sources)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: int = Query(0, ge=0, le=api.MAX_OFFSET),
                    sort: str = Query("ingested", pattern="^(ingested|published|path|events)$")) -> HTMLResponse:
    """``/documents``: stored documents, :data:`PAGE` at a time."""
    items = store(request).call("documents", limit=PAGE + 1, offset=offset, sort=sort)
    return render(request, "documents.html", documents=items[:PAGE], offset=offset, more=len(items) > PAGE,
                  sort=sort, total=store(request).call("count_documents"))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    """``/documents/{id}``: a document's articles with entity mentions highlighted; 404 when unknown."""
    doc = store(request).call("document", doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    present = sorted({(e.type or "").upper() for e in doc.entities} & set(ENTITY_TYPES), key=ENTITY_TYPES.index)
    ents = sorted(doc.entities, key=lambda e: (-len(e.mentions), str(e.name)))
    evs = [e.model_copy(update={"id": e.corpus_event or e.id}) for e in doc.events]
    return render(request, "document.html", doc=doc, articles=article_views(doc), types=present, entities=ents,
                  events=evs)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, type: str = Query(""), q: str = Query("", max_length=300),
                   offset: int = Query(0, ge=0, le=api.MAX_OFFSET)) -> HTMLResponse:
    """``/entities``: entities by mentions, filtered by type and name."""
    t = type.strip().upper() or None
    if t is not None and t not in ENTITY_TYPES:
        raise api.ParamError("type", type, f"expected one of {', '.join(ENTITY_TYPES)}")
    items = store(request).call("entities", type=t, q=q.strip() or None, limit=PAGE + 1, offset=offset)
    return render(request, "entities.html", entities=items[:PAGE], type=t or "", q=q, offset=offset,
                  more=len(items) > PAGE)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    """``/entities/{id}``: an entity with its offices, events (per-month chart) and counterparts; 404 when unknown."""
    ent = store(request).call("entity", entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    evs = sorted(ent.events, key=lambda e: e.date or "")
    return render(request, "entity.html", ent=ent, events=evs, bars=month_chart(evs),
                  counterparts=counterpart_rows(ent))


def counterpart_rows(ent: EntityDetail) -> Counterparts:
    """The entity's counterparts: ``states`` [{code, count}], ``entities`` [{id, name, type, country, count}]."""
    return ent.counterparts


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> HTMLResponse:
    """``/timeline``: interactions per pair of actors per month (chart and table) for the filter."""
    raw = event_query(request)
    countries = api.parse_countries(raw["country"])
    since, until = api.parse_date("since", raw["since"]), api.parse_date("until", raw["until"], end=True)
    rows = store(request).call("dyads", countries=countries, since=since, until=until) if countries else []
    if len(countries) >= 2:  # interactions *between* the chosen states
        rows = [r for r in rows if r["a"] in countries and r["b"] in countries]
    return render(request, "timeline.html", filters=raw, countries=countries, rows=rows,
                  bars=dyad_chart(rows), table=dyad_table(rows))


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request) -> HTMLResponse:
    """``/graph``: the actor network page (its data from ``/api/graph`` with the same filter)."""
    raw = event_query(request)
    filters_of(raw)
    return render(request, "graph.html", filters=raw, data_url="/api/graph?" + qs(raw))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    """``/map``: the event map page (its data from ``/api/map`` with the same filter)."""
    raw = event_query(request)
    filters_of(raw)
    return render(request, "map.html", filters=raw, data_url="/api/map?" + qs(raw))


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    """``/about``: the API's endpoints and the store in use (its URL with any password hidden)."""
    schema = request.app.openapi()
    endpoints = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                              "params": [p.get("name") for p in op.get("parameters", [])]})
    return render(request, "about.html", endpoints=endpoints, db_url=_redact(request.app.state.db_url))


def _redact(url: str) -> str:
    return re.sub(r"//[^@/]*@", "//***@", url)


# ---------------------------------------------------------------- charts (server-side SVG models)

def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    y2, m2 = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (y2, m2) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _cat_class(cat: str) -> str:
    return f"cat-{cat}" if cat in CATEGORIES else "cat-OTHER"


def bar_chart(per_month: dict[str, Counter[str]], width: int = 900, height: int = 220) -> dict[str, Any] | None:
    """Stacked bars by category per month, as rect geometry for an inline SVG."""
    months = sorted(m for m in per_month if re.fullmatch(r"\d{4}-\d{2}", m))
    if not months:
        return None
    axis = _months(months[0], months[-1])
    top = max(sum(per_month.get(m, Counter()).values()) for m in axis) or 1
    pad_l, pad_b, pad_t = 34, 34, 10
    inner_w, inner_h = width - pad_l - 10, height - pad_b - pad_t
    bw = inner_w / len(axis)
    bars, labels = [], []
    step = max(1, math.ceil(len(axis) / 14))
    for i, m in enumerate(axis):
        x = pad_l + i * bw
        y = pad_t + inner_h
        counts = per_month.get(m, Counter())
        for cat, n in sorted(counts.items()):
            h = inner_h * n / top
            y -= h
            w = min(max(bw * 0.76, 1), 48)
            bars.append({"x": round(x + (bw - w) / 2, 1), "y": round(y, 1), "w": round(w, 1),
                         "h": round(h, 1), "cls": _cat_class(cat), "title": f"{m}: {cat} × {n}"})
        if i % step == 0:
            labels.append({"x": round(x + bw / 2, 1), "y": height - 12, "text": m})
    ticks = list(range(0, top + 1)) if top <= 5 else sorted({0, top // 2, top})
    yticks = [{"y": round(pad_t + inner_h - inner_h * t / top, 1), "text": t} for t in ticks]
    cats = sorted({c for m in axis for c in per_month.get(m, {})})
    return {"width": width, "height": height, "bars": bars, "labels": labels, "yticks": yticks,
            "x0": pad_l, "x1": width - 10, "base": pad_t + inner_h,
            "legend": [{"cat": c, "cls": _cat_class(c)} for c in cats]}


def dyad_chart(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A stacked bar chart (per month, per category) of dyad rows (``ReadMixin.dyads``); None when
    there is nothing to draw."""
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        month = (r["month"] or "")[:7]
        if r["categories"]:
            per_month[month].update(r["categories"])
        else:
            per_month[month]["ALL"] += r["count"]
    return bar_chart(per_month)


def dyad_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dyad rows summed per pair of actors ``(a, b)``: ``count`` and Counters of ``months`` and
    ``cats`` (categories), most active pair first."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["a"], r["b"])
        p = pairs.setdefault(key, {"a": key[0], "b": key[1], "count": 0, "months": Counter(), "cats": Counter()})
        p["count"] += r["count"]
        p["months"][(r["month"] or "")[:7]] += r["count"]
        p["cats"].update(r["categories"])
    return sorted(pairs.values(), key=lambda p: -p["count"])


def month_chart(evs: list[CorpusEvent]) -> dict[str, Any] | None:
    """A stacked bar chart (per month, per PLOVER category) of events; None when there are none."""
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    for e in evs:
        month = (e.date or "")[:7]
        for c in e.event or ["?"]:
            per_month[month][c] += 1
    return bar_chart(per_month, width=760, height=160)
