"""Kill-and-resume of a real ingest (Jawhara FM records, the real pipeline): the store's dump
(documents, entities, mentions, events) equals that of a clean ingest. Slow: $MARSAD_RESUME_N
records (default 2,000; the fast suite's test_identity covers the same paths on a few records)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from marsad.store import open_store

from .test_identity import JAWHARA, _dump, jawhara_lines, needs_corpus

pytestmark = [pytest.mark.slow, needs_corpus]


def _ingest_cmd(db: str, path: str) -> list[str]:
    return [sys.executable, "-m", "marsad", "ingest", path, "--db", db, "--no-progress", "--workers", "1"]


def test_kill_and_resume_gives_the_clean_store(tmp_path):
    n = int(os.environ.get("MARSAD_RESUME_N", "2000"))
    src = tmp_path / "jawhara.jsonl"
    src.write_bytes(b"".join(jawhara_lines(list(range(1, n + 1)))))
    env = dict(os.environ, MARSAD_QUIET="1")
    clean, resumed = str(tmp_path / "clean.db"), str(tmp_path / "resumed.db")
    subprocess.run(_ingest_cmd(clean, str(src)), env=env, check=True, capture_output=True, timeout=3600)
    proc = subprocess.Popen(_ingest_cmd(resumed, str(src)), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 1800
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        try:
            s = open_store(resumed)
            k = s.stats()["documents"]
            s.close()
        except Exception:  # noqa: BLE001 - the store may not be there yet
            continue
        if k >= n // 2:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = k
            break
    proc.wait(timeout=60)
    assert killed_at is not None, "ingest finished before it could be killed"
    subprocess.run(_ingest_cmd(resumed, str(src)), env=env, check=True, capture_output=True, timeout=3600)
    a, b = _dump(clean), _dump(resumed)
    print(f"clean: {len(a['documents'])} documents, {len(a['entities'])} entities, {len(a['mentions'])} "
          f"mentions, {len(a['events'])} events; killed at {killed_at}")
    for k in a:
        assert a[k] == b[k], k
