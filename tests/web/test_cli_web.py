"""`marsad serve` argument parsing and a real start of the server as a subprocess."""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request

from marsad.web import cli_web


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="marsad")
    cli_web.register(p.add_subparsers(dest="command"))
    return p


def test_register_defaults_and_options():
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.token, args.db) == ("127.0.0.1", 8000, None, None)
    assert args.func is cli_web.handler
    args = _parser().parse_args(["serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9001", "--token", "T"])
    assert (args.db, args.host, args.port, args.token) == ("x.db", "0.0.0.0", 9001, "T")


def test_bad_store_url_fails_cleanly(tmp_path, capsys):
    args = _parser().parse_args(["serve", "--db", str(tmp_path / "no" / "such" / "dir" / "x.db")])
    assert args.func(args) == 1
    assert "cannot open store" in capsys.readouterr().err


def test_serve_subprocess(db_url):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad.web.cli_web", "serve", "--db", db_url,
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    stats = json.load(r)
                    csp = r.headers["Content-Security-Policy"]
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read().decode() if proc.poll() is not None else "timeout")
                time.sleep(0.2)
        assert stats["documents"] == 4
        assert "script-src 'self'" in csp
    finally:
        proc.terminate()
        proc.wait(timeout=10)
