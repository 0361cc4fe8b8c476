"""Exports of the corpus events: PLOVER JSONL, flat CSV, GeoJSON, GEXF 1.3 network.

Every export takes the shared :class:`~marsad.store.filters.EventFilter` (default: all events),
so ``marsad export --country QAT``, ``/api/export/plover?country=قطر`` and the UI's export links
under a filtered list give the events that list shows. PLOVER ``sources[]`` carry each source's
url, outlet, published date and record id. CSV cells that a spreadsheet would run as a formula
(starting with ``= + - @``, tab or CR) are prefixed with ``'``; ``bom=True`` writes a UTF-8 BOM
so spreadsheets read the Arabic right. The GEXF graph is directed: source -> recipient (an event
with no recipient links its participants both ways).
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol
from xml.etree import ElementTree as ET

from .filters import EventFilter
from .util import actor_key


class ExportSource(Protocol):
    """What an export reads from a store (:class:`marsad.store.base.BaseStore` is one)."""

    def iter_events(self, batch: int = 500, filter: EventFilter | None = None) -> Iterator[dict]:
        """Every event record matching ``filter``, as the store's event dicts."""

    def graph_entities(self) -> tuple[dict[str, dict], dict[str, dict]]:
        """Persons and IGO-acting organisations by id (see ``ReadMixin.graph_entities``)."""


CSV_FIELDS = [
    "id", "date", "enddate", "date_precision", "event", "mode", "context",
    "source_codes", "source_names", "source_entities", "recipient_codes", "recipient_names",
    "recipient_entities", "location", "location_ar", "cc3", "latitude", "longitude", "geonameid",
    "confidence", "n_sources", "doc_ids", "paths", "urls", "outlets", "published", "event_text",
    "merged_reason",
]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(v: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading ``= + - @``/tab/CR gets a ``'`` before it
    (numbers are written as they are)."""
    if isinstance(v, str) and v.startswith(_FORMULA):
        return "'" + v
    return v


def plover_record(ev: dict) -> dict:
    """One corpus event in PLOVER JSON field names (plus its sources)."""
    first = ev["sources"][0] if ev.get("sources") else {}
    return {
        "id": ev["id"], "date": ev["date"], "enddate": ev["enddate"],
        "date_precision": ev["date_precision"], "event": ev["event"], "mode": ev["mode"],
        "context": ev["context"], "source": ev["source"], "recipient": ev["recipient"],
        "event_loc": ev["event_loc"], "event_text": ev.get("event_text") or [],
        "text_info": {"doc_id": first.get("doc_id"), "start": first.get("start"), "end": first.get("end")},
        "confidence": ev["confidence"], "sources": ev.get("sources") or [],
        "merged_reason": ev.get("merged_reason"),
    }


def _names(actors: list[dict]) -> str:
    return "; ".join(str(a.get("identifier_text") or a.get("actor_text") or "") for a in actors)


def _codes(actors: list[dict]) -> str:
    return ";".join(sorted({str(a["code"]) for a in actors if a.get("code")}))


def _ents(actors: list[dict]) -> str:
    return ";".join(str(a["entity"]) for a in actors if a.get("entity"))


def csv_row(ev: dict) -> dict:
    """One row of the flat CSV (keys :data:`CSV_FIELDS`) for a store event record: lists joined
    with ``;``, the location split into name, ISO3 and coordinates, sources' urls/outlets joined."""
    loc = ev.get("event_loc") or {}
    srcs = ev.get("sources") or []
    return {
        "id": ev["id"], "date": ev["date"], "enddate": ev["enddate"],
        "date_precision": ev["date_precision"], "event": ";".join(ev["event"] or []),
        "mode": ";".join(ev["mode"] or []), "context": ";".join(ev["context"] or []),
        "source_codes": _codes(ev["source"]), "source_names": _names(ev["source"]),
        "source_entities": _ents(ev["source"]),
        "recipient_codes": _codes(ev["recipient"]), "recipient_names": _names(ev["recipient"]),
        "recipient_entities": _ents(ev["recipient"]),
        "location": loc.get("name"), "location_ar": loc.get("name_ar"), "cc3": loc.get("cc3"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "geonameid": loc.get("geonameid"), "confidence": ev["confidence"], "n_sources": len(srcs),
        "doc_ids": ";".join(s["doc_id"] for s in srcs), "paths": ";".join(s["path"] or "" for s in srcs),
        "urls": ";".join(s.get("url") or "" for s in srcs),
        "outlets": ";".join(dict.fromkeys(s.get("outlet") or "" for s in srcs)),
        "published": ";".join(dict.fromkeys(str(s.get("published") or "") for s in srcs)),
        "event_text": " | ".join(ev.get("event_text") or []), "merged_reason": ev.get("merged_reason"),
    }


def export_plover(store: ExportSource, fh: IO[str], f: EventFilter | None = None) -> int:
    """PLOVER JSON Lines, one event per line (:func:`plover_record`); the number of events written."""
    n = 0
    for ev in store.iter_events(filter=f):
        fh.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(fh: IO[str], events, bom: bool = False) -> int:
    """Events as formula-safe CSV rows (header first); returns the rows written."""
    if bom:
        fh.write("\ufeff")
    w = csv.DictWriter(fh, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for ev in events:
        w.writerow({k: safe_cell(v) for k, v in csv_row(ev).items()})
        n += 1
    return n


def export_csv(store: ExportSource, fh: IO[str], f: EventFilter | None = None, bom: bool = False) -> int:
    """The flat CSV (:data:`CSV_FIELDS`, formula-safe cells; ``bom`` for spreadsheets); events written."""
    return write_csv(fh, store.iter_events(filter=f), bom=bom)


def export_geojson(store: ExportSource, fh: IO[str], f: EventFilter | None = None) -> int:
    """A GeoJSON FeatureCollection of the geocoded events (Point, WGS84 lon/lat; events without
    coordinates are left out); the number of features written."""
    feats = []
    for ev in store.iter_events(filter=f):
        loc = ev.get("event_loc") or {}
        if loc.get("latitude") is None or loc.get("longitude") is None:
            continue
        props = csv_row(ev)
        props["sources"] = ev.get("sources") or []
        feats.append({
            "type": "Feature", "id": ev["id"],
            "geometry": {"type": "Point", "coordinates": [float(loc["longitude"]), float(loc["latitude"])]},
            "properties": props,
        })
    json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False)
    fh.write("\n")
    return len(feats)


def _node_keys(actors: list[dict], persons: set[str]) -> tuple[list[str], list[str]]:
    """(person node ids, state node ids) of a list of actors."""
    per: list[str] = []
    st: list[str] = []
    for a in actors:
        if a.get("entity") and a["entity"] in persons and "per:" + str(a["entity"]) not in per:
            per.append("per:" + str(a["entity"]))
        key = actor_key(a.get("code"), a.get("entity"))
        if key and "state:" + key not in st:
            st.append("state:" + key)
    return per, st


def _pairs(src: list[str], rec: list[str]) -> list[tuple[str, str]]:
    """Directed pairs: source -> recipient; participants with no recipient, both ways."""
    if rec:
        return [(a, b) for a in src for b in rec if a != b]
    return [p for i, a in enumerate(src) for b in src[i + 1:] if a != b for p in ((a, b), (b, a))]


def export_gexf(store: ExportSource, fh: IO[str], f: EventFilter | None = None) -> int:
    """GEXF 1.3, directed: nodes are states (``state:ISO3``) and persons (``per:ENTITY``); an
    edge source -> target counts the corpus events in which the source acted on the target
    (visitor -> host; participants with no host, both ways), person–person and state–state.
    Returns nodes + edges written."""
    persons, orgs = store.graph_entities()
    nodes: dict[str, dict] = {}
    edges: Counter = Counter()
    cats: dict[tuple[str, str], Counter] = {}
    for ev in store.iter_events(filter=f):
        sp, ss = _node_keys(ev["source"], set(persons))
        rp, rs = _node_keys(ev["recipient"], set(persons))
        for k in sp + ss + rp + rs:
            if k not in nodes:
                if k.startswith("per:"):
                    p = persons[k[4:]]
                    nodes[k] = {"label": p["name_en"] or p["name"] or k[4:], "kind": "person",
                                "country": p["country"] or ""}
                elif k.startswith("state:IGO:"):
                    org = orgs.get("org:" + k[10:]) or {}
                    nodes[k] = {"label": org.get("name_en") or org.get("name") or k[6:], "kind": "igo",
                                "country": "IGO"}
                else:
                    nodes[k] = {"label": k[6:], "kind": "state", "country": k[6:]}
        # two layers: person–person and state–state interactions
        for a, b in _pairs(sp, rp) + _pairs(ss, rs):
            key = (a, b)
            edges[key] += 1
            cats.setdefault(key, Counter()).update(ev["event"] or [])
    ET.register_namespace("", "http://gexf.net/1.3")
    ns = "{http://gexf.net/1.3}"
    root = ET.Element(ns + "gexf", {"version": "1.3"})
    meta = ET.SubElement(root, ns + "meta")
    ET.SubElement(meta, ns + "creator").text = "marsad"
    ET.SubElement(meta, ns + "description").text = "States and persons weighted by interactions"
    graph = ET.SubElement(root, ns + "graph", {"defaultedgetype": "directed", "mode": "static"})
    attrs = ET.SubElement(graph, ns + "attributes", {"class": "node"})
    ET.SubElement(attrs, ns + "attribute", {"id": "kind", "title": "kind", "type": "string"})
    ET.SubElement(attrs, ns + "attribute", {"id": "country", "title": "country", "type": "string"})
    eattrs = ET.SubElement(graph, ns + "attributes", {"class": "edge"})
    ET.SubElement(eattrs, ns + "attribute", {"id": "categories", "title": "categories", "type": "string"})
    xn = ET.SubElement(graph, ns + "nodes")
    for k, d in sorted(nodes.items()):
        n = ET.SubElement(xn, ns + "node", {"id": k, "label": str(d["label"])})
        av = ET.SubElement(n, ns + "attvalues")
        ET.SubElement(av, ns + "attvalue", {"for": "kind", "value": d["kind"]})
        ET.SubElement(av, ns + "attvalue", {"for": "country", "value": str(d["country"])})
    xe = ET.SubElement(graph, ns + "edges")
    for i, ((a, b), w) in enumerate(sorted(edges.items())):
        e = ET.SubElement(xe, ns + "edge", {"id": str(i), "source": a, "target": b, "type": "directed",
                                            "weight": f"{w:.1f}"})
        av = ET.SubElement(e, ns + "attvalues")
        ET.SubElement(av, ns + "attvalue", {"for": "categories", "value": ",".join(
            f"{c}:{n}" for c, n in sorted(cats[(a, b)].items()))})
    ET.indent(root)
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write(ET.tostring(root, encoding="unicode"))
    fh.write("\n")
    return len(nodes) + len(edges)


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, the HTTP media type and file extension of a download, and
    the writer (``write(store, fh, filter, bom) -> items written``)."""

    name: str
    media_type: str
    extension: str
    write: Callable[[ExportSource, IO[str], EventFilter | None, bool], int]


# The one list of export formats: the CLI's choices, the API's downloads and export() read it.
EXPORTS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("plover", "application/x-ndjson; charset=utf-8", "jsonl", lambda s, fh, f, bom: export_plover(s, fh, f)),
    ExportFormat("csv", "text/csv; charset=utf-8", "csv", lambda s, fh, f, bom: export_csv(s, fh, f, bom=bom)),
    ExportFormat("geojson", "application/geo+json; charset=utf-8", "geojson",
                 lambda s, fh, f, bom: export_geojson(s, fh, f)),
    ExportFormat("gexf", "application/gexf+xml; charset=utf-8", "gexf", lambda s, fh, f, bom: export_gexf(s, fh, f)),
)}
FORMATS = tuple(EXPORTS)
_ALIASES = {"jsonl": "plover"}


def export(store: ExportSource, fmt: str, fh: IO[str], filter: EventFilter | None = None,
           bom: bool = False) -> int:
    """Write the events matching ``filter`` in ``fmt`` (:data:`EXPORTS`, any case; ``jsonl`` is
    ``plover``); returns items written (events, features, or GEXF nodes + edges). ``bom`` only
    matters for CSV. Raises ValueError for an unknown format."""
    name = _ALIASES.get(fmt.lower(), fmt.lower())
    if name not in EXPORTS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return EXPORTS[name].write(store, fh, filter, bom)


__all__ = ["export", "EXPORTS", "ExportFormat", "FORMATS", "plover_record", "csv_row", "safe_cell", "write_csv"]
