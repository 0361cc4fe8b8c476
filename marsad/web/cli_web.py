"""``marsad serve``: the REST API and web UI over a store (register into the main CLI)."""
from __future__ import annotations

import argparse
import os
import sys


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``serve`` subcommand (``--db``, ``--host``, ``--port``, ``--token``, ``--token-name``) to ``subparsers``."""
    p = subparsers.add_parser(
        "serve", help="serve the REST API and web UI over a store",
        description="Serve the Marsad REST API (/api/, OpenAPI at /openapi.json) and the web UI "
                    "(events, documents, entities, timeline, network, map) over a store.")
    p.add_argument("--db", default=None,
                   help="store URL: a SQLite path, ':memory:' or postgresql://… (default $MARSAD_DB or marsad.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=None,
                   help="enable the write endpoints (ingest, entity curation) for clients sending "
                        "'Authorization: Bearer TOKEN' (default $MARSAD_TOKEN; none = read-only)")
    p.add_argument("--token-name", default=None, metavar="NAME",
                   help="who the token stands for in the curation audit log (default $MARSAD_TOKEN_NAME "
                        "or 'token')")
    p.set_defaults(func=handler)
    return p


def handler(args: argparse.Namespace) -> int:
    """Run ``marsad serve``: open (create, migrate) the store first and return 1 with a message if it
    cannot be opened, then serve with uvicorn until stopped; 0 on a clean stop."""
    import uvicorn

    from .app import create_app

    db = args.db or os.environ.get("MARSAD_DB") or "marsad.db"
    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    try:
        from marsad.store import open_store
        open_store(db).close()  # fail early (and create/migrate) before binding the port
    except Exception as exc:  # noqa: BLE001 - report any store error plainly
        print(f"marsad serve: cannot open store {db!r}: {exc}", file=sys.stderr)
        return 1
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        print("marsad serve: listening on a non-local address, read-only (no --token)", file=sys.stderr)
    print(f"marsad serve: http://{args.host}:{args.port}/  (store {db}; "
          f"{'writes enabled' if token else 'read-only'})", file=sys.stderr)
    name = args.token_name or os.environ.get("MARSAD_TOKEN_NAME") or None
    uvicorn.run(create_app(db, token=token, token_name=name), host=args.host, port=args.port, log_level="info")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (``python -m marsad.web.cli_web``) until the main CLI registers us."""
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
