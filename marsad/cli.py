"""The ``marsad`` command: a thin layer over the library."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract import Extractor, Record, confident, discover, record_json, to_record

    store = None
    extra: list[dict] = []
    if args.db:
        from .store import open_store

        store = open_store(args.db)
        extra = store.curated_persons()
    extractor = Extractor(extra_persons=extra)
    ok = failed = 0
    # bytes, not the text layer: the output is UTF-8 whatever the locale says
    out = getattr(sys.stdout, "buffer", None)
    for doc in discover(args.paths):
        try:
            doc = extractor.process(doc)
            rec = to_record(doc)
        except Exception as exc:  # noqa: BLE001 - the pipeline catches stage errors; this is the last net
            doc.error = doc.error or f"extract: internal error on {doc.doc_key}: {exc.__class__.__name__}: {exc}"
            rec = Record(doc_id=doc.doc_id, path=doc.doc_key, error=doc.error)
        if doc.error:
            failed += 1
            _say(f"marsad: error: {doc.error}")
        else:
            ok += 1
            for w in rec.warnings or ():
                _say(f"marsad: warning: {doc.doc_key}: {w}")
        if store is not None:
            try:
                if doc.error:
                    store.record_error(doc.doc_key, doc.doc_id, doc.error)
                else:
                    store.ingest_record(rec.to_json() | {"doc_key": doc.doc_key, "raw_text": doc.raw})
            except Exception as exc:  # noqa: BLE001 - a store refusal costs this document's row, not the run
                _say(f"marsad: error: {doc.doc_key}: not stored: {exc.__class__.__name__}: {exc}")
        line = record_json(confident(rec, args.min_confidence)) + "\n"
        if out is not None:
            out.write(line.encode("utf-8"))
            out.flush()
        else:
            sys.stdout.write(line)
            sys.stdout.flush()
    if store is not None:
        store.close()
    if ok == 0 and failed == 0:
        print("marsad: error: no input documents found", file=sys.stderr)
    return 0 if ok else 1


def _say(message: str) -> None:
    """A line on stderr that never fails on what a message holds (names of non-UTF-8 files)."""
    from .stages.read import scrub

    print(scrub(message), file=sys.stderr, flush=True)


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value


def _default_min_confidence() -> float:
    from .scorer import DEFAULT_MIN_CONFIDENCE

    return DEFAULT_MIN_CONFIDENCE


def _cmd_ner_eval(args: argparse.Namespace) -> int:
    from .ner.evaluate import main as ner_eval

    return ner_eval([args.file])


def build_parser() -> argparse.ArgumentParser:
    """The ``marsad`` argument parser: every subcommand with its options and handler (``args.func``)."""
    p = argparse.ArgumentParser(prog="marsad", description="Arabic news to evidence-linked PLOVER event data.")
    p.add_argument("--version", action="version", version=f"marsad {__import__('marsad').__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract articles, entities and events as JSON Lines (CONTRACT.md)")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .html .json .jsonl .jsonl.gz)")
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("--db", default=None, help="also store results in this database (sqlite path or postgresql:// URL)")
    ex.add_argument("--min-confidence", type=_probability, default=None, metavar="P",
                    help="print only events whose calibrated confidence is at least P (0-1; default "
                         f"{_default_min_confidence()}, see marsad/scorer.py); --db stores every candidate")
    ex.set_defaults(func=_cmd_extract)

    ne = sub.add_parser("ner-eval", help="score the NER model on a BIO file; prints JSON")
    ne.add_argument("file")
    ne.set_defaults(func=_cmd_ner_eval)

    for mod in ("cli_store", "web.cli_web"):
        try:
            module = __import__(f"marsad.{mod}", fromlist=["register"])
        except ImportError as exc:  # an optional layer that is not installed
            if "marsad" not in str(exc):
                raise
            continue
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``marsad`` command line with ``argv`` (default ``sys.argv[1:]``); the exit status (130 on Ctrl-C)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
