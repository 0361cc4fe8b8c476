"""Store subcommands for the ``marsad`` CLI: ingest, events, entities, search, dyads, stats,
export and entity curation. ``marsad/cli.py`` calls :func:`register` and dispatches ``args.func``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Iterable

from marsad.store import DEFAULT_DB, open_store
from marsad.store.exports import FORMATS


def _db_default() -> str:
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def _add_db(p: argparse.ArgumentParser, nested: bool = False) -> None:
    # nested sub-subcommands must not reset a --db given to their parent ("entity --db X merge …")
    p.add_argument("--db", default=argparse.SUPPRESS if nested else None, metavar="URL",
                   help="store: SQLite path, sqlite:///path, :memory: or postgresql://… "
                        "(default $MARSAD_DB or marsad.db)")


class StoreMissing(Exception):
    """A read command named a store that does not exist (it is not created)."""


def _sqlite_path(url: str) -> str | None:
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return None
    if url.startswith("sqlite://"):
        url = url[len("sqlite://"):]
    return None if url in ("", ":memory:") or url.startswith("file:") else url


def _open(args: argparse.Namespace, create: bool = False):
    """The store named by ``--db``; read commands (``create=False``) refuse a missing SQLite file
    instead of creating an empty store."""
    url = getattr(args, "db", None) or _db_default()
    path = _sqlite_path(url)
    if not create and path is not None and not os.path.exists(path):
        raise StoreMissing(f"no store at {path!r} (give --db, set $MARSAD_DB, or run `marsad ingest` first)")
    return open_store(url)


def _out(s: str = "") -> None:
    sys.stdout.write(s + "\n")


def _json(x: Any) -> None:
    from pydantic_core import to_jsonable_python  # typed records (marsad.store.record) as their JSON

    _out(json.dumps(to_jsonable_python(x), ensure_ascii=False, indent=2))


def _table(rows: list[dict], cols: list[str], width: int = 60) -> None:
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, (list, tuple)):
            v = ",".join(str(x) for x in v)
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False)
        s = " ".join(str(v).split())
        return s if len(s) <= width else s[: width - 1] + "…"

    data = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(d[i]) for d in data]) for i, c in enumerate(cols)]
    _out("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
    _out("  ".join("-" * w for w in widths))
    for d in data:
        _out("  ".join(v.ljust(w) for v, w in zip(d, widths)).rstrip())


def _actors(actors: Iterable[Any]) -> str:
    return "; ".join(f"{a.name} ({a.code or '?'})" if a.name else (a.code or "?") for a in actors)


# ------------------------------------------------------------------ handlers

def _guarded(fn):
    """A handler whose usage errors (missing store, bad filter value, invalid curation) print one
    line and exit 2 instead of a traceback, whichever CLI front end calls it."""
    import functools

    @functools.wraps(fn)
    def run(args: argparse.Namespace) -> int:
        from marsad.store.filters import FilterError

        try:
            return int(fn(args) or 0)
        except (StoreMissing, FilterError) as e:
            print(f"marsad: {e}", file=sys.stderr)
            return 2
    return run


@_guarded
def cmd_ingest(args: argparse.Namespace) -> int:
    """``marsad ingest PATH…``: extract and store documents (created store if needed), a summary on
    stderr; exit 0 when something was stored or skipped (or nothing was found), 1 when all failed,
    2 when the extractor cannot be built."""
    from marsad.ingest import ingest

    store = _open(args, create=True)
    try:
        try:
            from marsad.extract import discover
            from marsad.store.provenance import store_extractor

            # seeded with the store's curated persons and person registry; records carry the
            # source metadata, stage versions and the bytes read (for `marsad reprocess`)
            extractor = store_extractor(store)
            # documents extracted by an older pipeline are extracted again, in place
            store.expect_pipeline(extractor.pipeline["digest"])
        except ImportError as e:
            print(f"marsad ingest: extractor not available ({e})", file=sys.stderr)
            return 2
        from marsad.parallel import default_workers

        workers = args.workers if args.workers is not None else default_workers()
        rep = ingest(args.paths, store, extractor, progress=not args.no_progress, discover=discover,
                     workers=max(1, workers), dask=args.dask, batch=max(1, args.batch))
        print(rep.summary(), file=sys.stderr)
        if args.format == "json":
            _json(rep.as_dict() | {"stats": store.stats()})
        return 0 if (rep.stored + rep.skipped) > 0 or rep.seen == 0 else 1
    finally:
        store.close()


@_guarded
def cmd_reprocess(args: argparse.Namespace) -> int:
    """``marsad reprocess``: re-extract stored documents from their stored bytes (stale ones by
    default); exit 0 without errors, 1 with (each named on stderr)."""
    from marsad.store.provenance import reprocess, store_extractor

    store = _open(args)
    try:
        ext = store_extractor(store)
        rep = reprocess(store, ext, stale=not args.all, limit=args.limit)
        print(f"marsad reprocess: {rep.summary()}", file=sys.stderr)
        for key, msg in rep.error_samples:
            print(f"marsad reprocess: {key}: {msg}", file=sys.stderr)
        if args.format == "json":
            _json({"considered": rep.considered, "reextracted": rep.reextracted,
                   "missing_source": rep.missing_source, "errors": rep.errors,
                   "pipeline": ext.pipeline})
        return 0 if rep.errors == 0 else 1
    finally:
        store.close()


def _filter(args: argparse.Namespace):
    """The shared event filter from the CLI options (FilterError on a bad value)."""
    from marsad.store.filters import parse_filter

    return parse_filter(country=getattr(args, "country", None), category=getattr(args, "category", None),
                        person=getattr(args, "person", None), since=getattr(args, "since", None),
                        until=getattr(args, "until", None),
                        min_confidence=getattr(args, "min_confidence", None), sort=getattr(args, "sort", None))


@_guarded
def cmd_events(args: argparse.Namespace) -> int:
    """``marsad events``: the stored events matching the filters on stdout as a table, JSON, PLOVER JSONL or CSV; exit 0."""
    from marsad.store.exports import plover_record, write_csv

    f = _filter(args)
    store = _open(args)
    try:
        evs = store.events(filter=f, limit=args.limit, offset=args.offset)
        total = store.count_events(filter=f)
        print(f"marsad events: {len(evs)} of {total} events (offset {args.offset})", file=sys.stderr)
        if args.format == "json":
            _json(evs)
        elif args.format == "plover":
            for ev in evs:
                _out(json.dumps(plover_record(ev), ensure_ascii=False))
        elif args.format == "csv":
            write_csv(sys.stdout, evs)
        else:
            rows = [{"id": e.id, "date": e.date, "event": e.event, "mode": e.mode,
                     "source": _actors(e.source), "recipient": _actors(e.recipient),
                     "place": (e.event_loc.name or e.event_loc.name_ar) if e.event_loc else None,
                     "n": len(e.sources)} for e in evs]
            _table(rows, ["id", "date", "event", "mode", "source", "recipient", "place", "n"], 40)
        return 0
    finally:
        store.close()


@_guarded
def cmd_entities(args: argparse.Namespace) -> int:
    """``marsad entities``: entities by mentions (``--type``, ``--q``) as a table or JSON; exit 0."""
    store = _open(args)
    try:
        ents = store.entities(type=args.type, q=args.q, limit=args.limit, offset=args.offset)
        if args.format == "json":
            _json(ents)
        else:
            _table([e.model_dump() for e in ents], ["id", "type", "name", "name_en", "country", "office", "mentions",
                                                    "documents"])
        return 0
    finally:
        store.close()


@_guarded
def cmd_search(args: argparse.Namespace) -> int:
    """``marsad search QUERY``: full-text hits as a table or JSON; exit 0."""
    store = _open(args)
    try:
        hits = store.search(args.query, limit=args.limit)
        if args.format == "json":
            _json(hits)
        else:
            _table(hits, ["kind", "title", "path", "snippet"], 70)
        return 0
    finally:
        store.close()


@_guarded
def cmd_dyads(args: argparse.Namespace) -> int:
    """``marsad dyads``: interactions per pair of actors per month for the filters, as a table or JSON; exit 0."""
    store = _open(args)
    try:
        f = _filter(args)
        rows = store.dyads(countries=f.countries, since=f.since, until=f.until)
        if args.format == "json":
            _json(rows)
        else:
            _table([dict(r, categories=", ".join(f"{k}:{v}" for k, v in sorted(r["categories"].items())))
                    for r in rows], ["month", "a", "b", "count", "categories"])
        return 0
    finally:
        store.close()


@_guarded
def cmd_stats(args: argparse.Namespace) -> int:
    """``marsad stats``: the store's row counts as a table or JSON; exit 0."""
    store = _open(args)
    try:
        st = store.stats()
        if args.format == "json":
            _json(st)
        else:
            _table([{"key": k, "value": v} for k, v in st.items()], ["key", "value"])
        return 0
    finally:
        store.close()


@_guarded
def cmd_export(args: argparse.Namespace) -> int:
    """``marsad export FORMAT``: the events matching the filters to stdout or ``--output``; the count on stderr; exit 0."""
    f = _filter(args)
    store = _open(args)
    try:
        if args.output == "-":
            n = store.export(args.format, sys.stdout, f, bom=args.bom)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                n = store.export(args.format, fh, f, bom=args.bom)
        print(f"marsad export: {n} {args.format} items written to {args.output}", file=sys.stderr)
        return 0
    finally:
        store.close()


def _curate(args: argparse.Namespace, fn) -> int:
    """Run one correction; print its result (JSON) on stdout, or the error on stderr."""
    try:
        store = _open(args)
    except StoreMissing as e:
        print(f"marsad entity: {e}", file=sys.stderr)
        return 2
    try:
        _json(fn(store))
        return 0
    except KeyError as e:
        print(f"marsad entity: {e.args[0] if e.args else e}", file=sys.stderr)
        return 1
    except ValueError as e:
        print(f"marsad entity: {e}", file=sys.stderr)
        return 2
    finally:
        store.close()


def cmd_entity_merge(args: argparse.Namespace) -> int:
    """``marsad entity merge KEEP DROP``: fold DROP into KEEP; the change as JSON; exit 1 for an unknown id."""
    return _curate(args, lambda s: s.entity_merge(args.keep, args.drop))


def cmd_entity_alias_add(args: argparse.Namespace) -> int:
    """``marsad entity alias add ID ALIAS``: add a spelling; the change as JSON; exit 1 for an unknown id."""
    return _curate(args, lambda s: s.entity_alias_add(args.id, args.alias))


def cmd_entity_set(args: argparse.Namespace) -> int:
    """``marsad entity set ID --office/--country``: correct an entity; exit 2 when neither is given."""
    if args.office is None and args.country is None:
        print("marsad entity set: give --office and/or --country", file=sys.stderr)
        return 2
    return _curate(args, lambda s: s.entity_set(args.id, office=args.office, country=args.country))


@_guarded
def cmd_entity_show(args: argparse.Namespace) -> int:
    """``marsad entity show ID``: the entity record as JSON; exit 1 when there is no such entity."""
    store = _open(args)
    try:
        e = store.entity(args.id)
        if e is None:
            print(f"marsad entity: no entity {args.id!r}", file=sys.stderr)
            return 1
        _json(e)
        return 0
    finally:
        store.close()


# ------------------------------------------------------------------ registration

def _add_filter(p: argparse.ArgumentParser, dyads: bool = False, sort: bool = True) -> None:
    """The shared event filter's options (marsad.store.filters)."""
    from marsad.store.filters import CATEGORIES, SORTS

    p.add_argument("--country", action="append", metavar="STATE",
                   help="involving this state: ISO3 code or Arabic/English name, e.g. QAT, قطر, Qatar "
                        "(repeatable or comma-separated; all must be involved)")
    if not dyads:
        p.add_argument("--category", metavar="C", help="PLOVER category: " + ", ".join(CATEGORIES))
        p.add_argument("--person", metavar="P", help="entity id or (part of) a person's name")
        p.add_argument("--min-confidence", metavar="X", help="only events with confidence >= X (0-1)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (YYYY-MM and YYYY too)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="up to this day (YYYY-MM and YYYY too)")
    if sort and not dyads:
        p.add_argument("--sort", choices=SORTS, default="date_desc")


def register(subparsers: Any) -> None:
    """Add the store subcommands to an argparse ``subparsers`` object."""
    p = subparsers.add_parser("ingest", help="extract documents into the store (resumable)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_db(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--format", choices=["text", "json"], default="text", help="report format")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extraction processes (default: the cores; 1 = in this process)")
    p.add_argument("--dask", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="extract on Dask: a scheduler address (tcp://host:8786), or no value for a "
                        "LocalCluster of --workers processes")
    p.add_argument("--batch", type=int, default=50, metavar="N",
                   help="documents stored per transaction (default 50)")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("reprocess", help="re-extract stored documents that an upgrade changed")
    _add_db(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--stale", action="store_true", default=True,
                   help="only documents extracted by other stage versions, KB or models (default)")
    g.add_argument("--all", action="store_true", help="every stored document")
    p.add_argument("--limit", type=int, default=None, help="at most this many documents")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_reprocess)

    p = subparsers.add_parser("events", help="list corpus events")
    _add_db(p)
    _add_filter(p)
    p.add_argument("--format", choices=["table", "json", "csv", "plover"], default="table")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(func=cmd_events)

    p = subparsers.add_parser("entities", help="list entities")
    _add_db(p)
    p.add_argument("--type", metavar="T", help="PER, ORG, GPE, …")
    p.add_argument("--q", metavar="Q", help="name filter (Arabic-folded)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(func=cmd_entities)

    p = subparsers.add_parser("search", help="Arabic-folded full-text search")
    p.add_argument("query", metavar="QUERY")
    _add_db(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)

    p = subparsers.add_parser("dyads", help="state pairs per month")
    _add_db(p)
    _add_filter(p, dyads=True)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_dyads)

    p = subparsers.add_parser("stats", help="store counts")
    _add_db(p)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_stats)

    p = subparsers.add_parser("export", help="export corpus events")
    _add_db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file ('-' for stdout)")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM (for spreadsheets)")
    _add_filter(p, sort=False)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("entity", help="curate entities (merge, alias, set office/country)")
    _add_db(p)
    esub = p.add_subparsers(dest="entity_cmd", metavar="{merge,alias,set,show}")
    esub.required = True
    m = esub.add_parser("merge", help="merge entity DROP into KEEP")
    m.add_argument("keep", metavar="A", help="entity id to keep")
    m.add_argument("drop", metavar="B", help="entity id merged into A")
    _add_db(m, nested=True)
    m.set_defaults(func=cmd_entity_merge)
    a = esub.add_parser("alias", help="aliases")
    asub = a.add_subparsers(dest="alias_cmd", metavar="{add}")
    asub.required = True
    aa = asub.add_parser("add", help="add an alias to an entity")
    aa.add_argument("id", metavar="ID")
    aa.add_argument("alias", metavar="ALIAS")
    _add_db(aa, nested=True)
    aa.set_defaults(func=cmd_entity_alias_add)
    s = esub.add_parser("set", help="correct an entity's office and/or country")
    s.add_argument("id", metavar="ID")
    s.add_argument("--office", metavar="O")
    s.add_argument("--country", metavar="C")
    _add_db(s, nested=True)
    s.set_defaults(func=cmd_entity_set)
    sh = esub.add_parser("show", help="one entity as JSON")
    sh.add_argument("id", metavar="ID")
    _add_db(sh, nested=True)
    sh.set_defaults(func=cmd_entity_show)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (``python -m marsad.cli_store``) until the lead's cli wires these in."""
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="cmd", required=True)
    register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
