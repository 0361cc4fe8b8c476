"""The one GeoJSON builder and the one actor-graph builder over corpus events: the exports
(``marsad export --format geojson|gexf``, ``/api/export/…``) and the web UI (``/api/map``,
``/api/graph``) all build from here.

    geojson(events)                   # {"type": "FeatureCollection", "features": [...]}
    g = actor_graph(events, entities) # ActorGraph: nodes, directed edges with categories
    g.as_json()                       # {"nodes": [...], "edges": [...]} (undirected view, for the UI)

Map: a feature per event with a valid WGS84 point (``[longitude, latitude]``); its ``id`` is the
event's; properties are listed in :data:`FEATURE_PROPERTIES`.

Graph: nodes are states (``state:ISO3``), organisations acting as IGOs (``state:IGO:<org id>``)
and persons (``per:<entity id>``, only entities the store has as PER). Per event, every node of
a source actor points to every node of a recipient actor (visitor -> host); with no recipient,
the participants point to each other both ways. A person is not linked to its own state (that
link is implied). Node ``weight``: events the node takes part in; edge ``weight``: events in which
the source acted on the target, with their PLOVER ``categories``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from marsad.record import Actor

from .record import CorpusEvent
from .util import actor_key

#: properties of a map feature, in order
FEATURE_PROPERTIES = ("id", "event", "mode", "context", "date", "enddate", "date_precision", "label", "name",
                      "name_ar", "cc3", "geonameid", "confidence", "n_sources", "sources")


def event_label(ev: CorpusEvent) -> str:
    """A one-line label of an event: ``CATEGORY: sources ← recipients`` (Arabic comma between names)."""
    def names(actors: list[Actor]) -> str:
        return "، ".join(a.name or a.code or "?" for a in actors)

    src, rcp = names(ev.source), names(ev.recipient)
    return f"{'/'.join(ev.event)}: {src}" + (f" ← {rcp}" if rcp else "")


def feature(ev: CorpusEvent) -> dict[str, Any] | None:
    """The GeoJSON Feature of one event (Point ``[lon, lat]``), None when it has no valid point."""
    loc = ev.event_loc
    point = loc.point() if loc is not None else None
    if loc is None or point is None:
        return None
    props = {"id": ev.id, "event": ev.event, "mode": ev.mode, "context": ev.context, "date": ev.date,
             "enddate": ev.enddate, "date_precision": ev.date_precision, "label": event_label(ev),
             "name": loc.name, "name_ar": loc.name_ar, "cc3": loc.cc3, "geonameid": loc.geonameid,
             "confidence": ev.confidence, "n_sources": len(ev.sources),
             "sources": [s.model_dump() for s in ev.sources]}
    return {"type": "Feature", "id": ev.id, "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": props}


def geojson(events: Iterable[CorpusEvent]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the ``events`` that have a valid WGS84 point, in order."""
    return {"type": "FeatureCollection", "features": [f for f in map(feature, events) if f is not None]}


@dataclass
class GraphNode:
    """A node of the actor graph: ``id``, ``label``, ``kind`` (state, igo, person), ``country``
    (ISO3; IGO for organisations), ``weight`` (events it takes part in)."""

    id: str
    label: str
    kind: str
    country: str | None
    weight: int = 0


@dataclass
class ActorGraph:
    """Nodes by id and directed edges ``(source, target) -> events`` with their categories."""

    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: Counter = field(default_factory=Counter)
    categories: dict[tuple[str, str], Counter] = field(default_factory=dict)
    linked: Counter = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        """The undirected view the UI draws: ``{"nodes": [{id, label, kind, weight, country,
        entity?}], "edges": [{source, target, weight}]}``, an edge's weight the events linking the
        pair either way; nodes heaviest first, edges most frequent first."""
        nodes = []
        for n in sorted(self.nodes.values(), key=lambda n: (-n.weight, n.id)):
            d = {"id": n.id, "label": n.label, "kind": n.kind, "weight": n.weight, "country": n.country}
            if n.kind == "person":
                d["entity"] = n.id[4:]
            nodes.append(d)
        edges = sorted(self.linked.items(), key=lambda kv: (-kv[1], kv[0]))
        return {"nodes": nodes, "edges": [{"source": a, "target": b, "weight": w} for (a, b), w in edges]}


def _nodes(a: Actor, persons: dict[str, dict], orgs: dict[str, dict]) -> list[GraphNode]:
    """The nodes one actor stands for: its state (or organisation) and, when it names a known person, the person."""
    out: list[GraphNode] = []
    key = actor_key(a.code, a.entity)
    if key.startswith("IGO:"):
        org = orgs["org:" + key[4:]] if "org:" + key[4:] in orgs else {"name": None, "name_en": None}
        out.append(GraphNode("state:" + key, org["name_en"] or org["name"] or a.name or key[4:], "igo", "IGO"))
    elif key:
        out.append(GraphNode("state:" + key, key, "state", key))
    if a.entity and a.entity in persons:
        p = persons[a.entity]
        out.append(GraphNode("per:" + a.entity, p["name_en"] or p["name"] or a.name or a.entity, "person",
                             p["country"] or a.code))
    return out


def _pairs(src: list[str], rec: list[str]) -> list[tuple[str, str]]:
    """Directed pairs: source -> recipient; participants with no recipient, both ways."""
    if rec:
        return [(a, b) for a in src for b in rec if a != b]
    return [p for i, a in enumerate(src) for b in src[i + 1:] if a != b for p in ((a, b), (b, a))]


def actor_graph(events: Iterable[CorpusEvent], persons: dict[str, dict], orgs: dict[str, dict]) -> ActorGraph:
    """The actor graph of ``events`` (module docstring). ``persons``: PER entities by id (``name``,
    ``name_en``, ``country``); ``orgs``: organisations by id (``name``, ``name_en``), as
    ``ReadMixin.graph_entities`` gives them."""
    g = ActorGraph()
    for ev in events:
        sides: list[list[str]] = []
        for actors in (ev.source, ev.recipient):
            ids: list[str] = []
            for a in actors:
                for n in _nodes(a, persons, orgs):
                    g.nodes.setdefault(n.id, n)
                    if n.id not in ids:
                        ids.append(n.id)
            sides.append(ids)
        for nid in dict.fromkeys(sides[0] + sides[1]):
            g.nodes[nid].weight += 1
        pairs = [(a, b) for a, b in _pairs(*sides) if not _own_state(g, a, b)]
        for a, b in dict.fromkeys(pairs):
            g.edges[(a, b)] += 1
            g.categories.setdefault((a, b), Counter()).update(ev.event)
        for pair in {tuple(sorted(p)) for p in pairs}:
            g.linked[pair] += 1
    return g


def _own_state(g: ActorGraph, a: str, b: str) -> bool:
    """True for a person and its own state (in either order)."""
    na, nb = g.nodes[a], g.nodes[b]
    if (na.kind == "person") == (nb.kind == "person"):
        return False
    per, st = (na, nb) if na.kind == "person" else (nb, na)
    return st.kind == "state" and per.country == st.country


__all__ = ["geojson", "feature", "event_label", "actor_graph", "ActorGraph", "GraphNode", "FEATURE_PROPERTIES"]
