"""Exports of the corpus events: PLOVER JSONL, flat CSV, GeoJSON, GEXF 1.3 network.

Every export takes the shared :class:`~marsad.store.filters.EventFilter` (default: all events),
so ``marsad export --country QAT``, ``/api/export/plover?country=قطر`` and the UI's export links
under a filtered list give the events that list shows. PLOVER ``sources[]`` carry each source's
url, outlet, published date and record id. CSV cells that a spreadsheet would run as a formula
(starting with ``= + - @``, tab or CR) are prefixed with ``'``; ``bom=True`` writes a UTF-8 BOM
so spreadsheets read the Arabic right. GeoJSON and the GEXF graph come from the builders the web UI
uses too (``marsad.store.builders``); the graph is directed: source -> recipient (an event with no
recipient links its participants both ways).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol
from xml.etree import ElementTree as ET

from marsad.record import Actor, Place

from .builders import actor_graph, geojson
from .filters import EventFilter
from .record import CorpusEvent, EventSource


class ExportSource(Protocol):
    """What an export reads from a store (:class:`marsad.store.base.BaseStore` is one)."""

    def iter_events(self, batch: int = 500, filter: EventFilter | None = None) -> Iterator[CorpusEvent]:
        """Every corpus event matching ``filter``."""

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


def plover_record(ev: CorpusEvent) -> dict:
    """One corpus event in PLOVER JSON field names (plus its sources)."""
    first = ev.sources[0] if ev.sources else EventSource()
    return {
        "id": ev.id, "date": ev.date, "enddate": ev.enddate,
        "date_precision": ev.date_precision, "event": ev.event, "mode": ev.mode,
        "context": ev.context, "source": [a.model_dump() for a in ev.source],
        "recipient": [a.model_dump() for a in ev.recipient],
        "event_loc": ev.event_loc.model_dump() if ev.event_loc is not None else None, "event_text": ev.event_text,
        "text_info": {"doc_id": first.doc_id, "start": first.start, "end": first.end},
        "confidence": ev.confidence, "sources": [s.model_dump() for s in ev.sources],
        "merged_reason": ev.merged_reason,
    }


def _names(actors: list[Actor]) -> str:
    return "; ".join(a.name for a in actors)


def _codes(actors: list[Actor]) -> str:
    return ";".join(sorted({a.code for a in actors if a.code}))


def _ents(actors: list[Actor]) -> str:
    return ";".join(a.entity for a in actors if a.entity)


def csv_row(ev: CorpusEvent) -> dict:
    """One row of the flat CSV (keys :data:`CSV_FIELDS`) for a corpus event: lists joined
    with ``;``, the location split into name, ISO3 and coordinates, sources' urls/outlets joined."""
    loc = ev.event_loc or Place()
    srcs = ev.sources
    return {
        "id": ev.id, "date": ev.date, "enddate": ev.enddate,
        "date_precision": ev.date_precision, "event": ";".join(ev.event),
        "mode": ";".join(ev.mode), "context": ";".join(ev.context),
        "source_codes": _codes(ev.source), "source_names": _names(ev.source),
        "source_entities": _ents(ev.source),
        "recipient_codes": _codes(ev.recipient), "recipient_names": _names(ev.recipient),
        "recipient_entities": _ents(ev.recipient),
        "location": loc.name, "location_ar": loc.name_ar, "cc3": loc.cc3,
        "latitude": loc.latitude, "longitude": loc.longitude,
        "geonameid": loc.geonameid, "confidence": ev.confidence, "n_sources": len(srcs),
        "doc_ids": ";".join(s.doc_id or "" for s in srcs), "paths": ";".join(s.path or "" for s in srcs),
        "urls": ";".join(s.url or "" for s in srcs),
        "outlets": ";".join(dict.fromkeys(s.outlet or "" for s in srcs)),
        "published": ";".join(dict.fromkeys(s.published or "" for s in srcs)),
        "event_text": " | ".join(ev.event_text), "merged_reason": ev.merged_reason,
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
    """A GeoJSON FeatureCollection of the geocoded events (:func:`marsad.store.builders.geojson`:
    Point, WGS84 lon/lat; events without a valid point are left out); the number of features written."""
    fc = geojson(store.iter_events(filter=f))
    json.dump(fc, fh, ensure_ascii=False)
    fh.write("\n")
    return len(fc["features"])


def export_gexf(store: ExportSource, fh: IO[str], f: EventFilter | None = None) -> int:
    """GEXF 1.3, directed: the actor graph of :func:`marsad.store.builders.actor_graph` (states
    ``state:ISO3``, organisations ``state:IGO:<id>``, persons ``per:<entity id>``; an edge source
    -> target counts the events in which the source acted on the target, with their categories).
    Returns nodes + edges written."""
    g = actor_graph(store.iter_events(filter=f), *store.graph_entities())
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
    for k, d in sorted(g.nodes.items()):
        n = ET.SubElement(xn, ns + "node", {"id": k, "label": d.label})
        av = ET.SubElement(n, ns + "attvalues")
        ET.SubElement(av, ns + "attvalue", {"for": "kind", "value": d.kind})
        ET.SubElement(av, ns + "attvalue", {"for": "country", "value": d.country or ""})
    xe = ET.SubElement(graph, ns + "edges")
    for i, ((a, b), w) in enumerate(sorted(g.edges.items())):
        e = ET.SubElement(xe, ns + "edge", {"id": str(i), "source": a, "target": b, "type": "directed",
                                            "weight": f"{w:.1f}"})
        av = ET.SubElement(e, ns + "attvalues")
        ET.SubElement(av, ns + "attvalue", {"for": "categories", "value": ",".join(
            f"{c}:{n}" for c, n in sorted(g.categories[(a, b)].items()))})
    ET.indent(root)
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write(ET.tostring(root, encoding="unicode"))
    fh.write("\n")
    return len(g.nodes) + len(g.edges)


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
