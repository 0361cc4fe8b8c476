"""Run ``marsad extract`` on generated cases and judge its output (shared by the CI fuzz test and
``benchmarks/fuzz_extract.py``).

:func:`run_extract` runs the command in a child process with a memory cap and a timeout and
measures it; :func:`judge` checks one run's output against its cases and adds to a :class:`Tally`.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .generator import GOOD, Case

ROOT = Path(__file__).resolve().parents[2]
# Mojibake of Arabic UTF-8 read as cp1256 ("ال" -> "ط§ظ„") or Latin-1 ("Ø§Ù„"): text no reader should print.
MOJIBAKE = ("ط§", "ظ„", "Ø§", "Ù„")


@dataclass
class RunResult:
    rc: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    max_rss_mb: float
    timed_out: bool
    input_mb: float


def run_extract(paths: list[bytes], timeout: float = 120, mem_mb: int = 3072,
                python: str = sys.executable, cwd: Path = ROOT) -> RunResult:
    """``python -m marsad extract PATHS`` with an address-space cap of ``mem_mb`` and a timeout;
    the child's own peak RSS comes from ``wait4`` (not the whole process tree's)."""
    size = 0
    for p in paths:
        try:
            st = os.lstat(p)
            size += st.st_size if not os.path.islink(p) and os.path.isfile(p) else 0
        except OSError:
            pass

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen([python, "-m", "marsad", "extract", *paths], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=cwd, preexec_fn=limit)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        seconds = time.monotonic() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return RunResult(proc.returncode, out.read(), err.read(), seconds, usage.ru_maxrss / 1024,
                         seconds >= timeout and proc.returncode < 0, size / 1e6)


@dataclass
class Tally:
    runs: int = 0
    crashed_runs: int = 0
    inputs: int = 0
    good_docs: int = 0
    good_lost: int = 0
    records: int = 0
    error_records: int = 0
    warned_records: int = 0
    unnamed_errors: int = 0
    silent_mojibake: int = 0
    missing_or_doubled: int = 0
    tracebacks: int = 0
    worst_s_per_mb: float = 0.0
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    input_mb: float = 0.0
    problems: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if len(self.problems) < 40:
            self.problems.append(what)


def _key(path: str, prefix: str) -> str:
    return path[len(prefix):] if path.startswith(prefix) else path


def judge(cases: list[Case], res: RunResult, folder: Path, tally: Tally, label: str = "") -> None:
    """Check one run: it ended normally with valid UTF-8 JSON Lines; every case has its records
    (one per document, none doubled); good documents came out whole; every error record names its
    document; no text carries mojibake or U+FFFD without a warning."""
    tally.runs += 1
    tally.inputs += len(cases)
    tally.seconds += res.seconds
    tally.input_mb += res.input_mb
    tally.peak_rss_mb = max(tally.peak_rss_mb, res.max_rss_mb)
    tally.worst_s_per_mb = max(tally.worst_s_per_mb, res.seconds / max(res.input_mb, 1.0))
    recs = []
    try:
        recs = [json.loads(line) for line in res.stdout.decode("utf-8").splitlines()]
        bad_output = False
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        bad_output = True
        tally.note(f"{label}: output is not UTF-8 JSON Lines: {exc}")
    # rc 1 is also how Python ends on an uncaught exception: a top-level traceback, or rc 1 although
    # documents succeeded, is a crashed run too
    died = b"_run_module_as_main" in res.stderr or (res.rc == 1 and any("error" not in r for r in recs))
    if res.timed_out or res.rc not in (0, 1) or bad_output or died:
        tally.crashed_runs += 1
        tally.note(f"{label}: run crashed (rc {res.rc}, timed out {res.timed_out}): "
                   f"{res.stderr[-300:].decode('utf-8', 'replace')}")
    if b"Traceback" in res.stderr:
        tally.tracebacks += res.stderr.count(b"Traceback")
        tally.note(f"{label}: traceback: {res.stderr[res.stderr.index(b'Traceback'):][:400].decode('utf-8', 'replace')}")
    prefix = str(folder).rstrip("/") + "/"
    seen: dict[str, list[dict]] = {}
    for r in recs:
        tally.records += 1
        key = _key(str(r.get("path")), prefix)
        seen.setdefault(key, []).append(r)
        if "error" in r:
            tally.error_records += 1
            if key not in r["error"]:
                tally.unnamed_errors += 1
                tally.note(f"{label}: error record does not name {key}: {r['error'][:200]}")
            continue
        if r.get("warnings"):
            tally.warned_records += 1
        text = " ".join((a.get("text") or "") + " " + (a.get("title") or "") for a in r.get("articles", []))
        if any(m in text for m in MOJIBAKE) or ("\ufffd" in text and not r.get("warnings")):
            tally.silent_mojibake += 1
            tally.note(f"{label}: silent mojibake in {key}: {text[:80]!r}")
    for c in cases:
        if c.keys is None:  # a broken stream: records up to the break, each once
            got = [k for k in seen if k.startswith(_key(os.fsdecode(c.fsname), "") + "#")]
            if any(len(seen[k]) != 1 for k in got):
                tally.missing_or_doubled += 1
                tally.note(f"{label}: doubled records for {c.name!r}")
            continue
        for k in c.keys:
            if len(seen.get(k, ())) != 1:
                tally.missing_or_doubled += 1
                tally.note(f"{label}: {len(seen.get(k, ()))} records for {k} ({c.mutation})")
        for k in c.good_keys:
            tally.good_docs += 1
            r = (seen.get(k) or [{}])[0]
            if "error" in r or not r or r.get("warnings") or not r.get("articles"):
                tally.good_lost += 1
                tally.note(f"{label}: good document lost: {k} ({c.mutation}): "
                           f"{str(r.get('error') or r.get('warnings') or 'no record / no articles')[:200]}")
        if c.kind == GOOD and c.text and seen.get(c.keys[0]):
            body = " ".join(a.get("text") or "" for a in seen[c.keys[0]][0].get("articles", []))
            if body and body.split()[0] not in c.text:
                tally.silent_mojibake += 1
                tally.note(f"{label}: good document {c.keys[0]} text differs from its source")


def summary(t: Tally) -> dict:
    return {"runs": t.runs, "crashed runs": t.crashed_runs, "inputs": t.inputs, "good docs": t.good_docs,
            "good docs lost": t.good_lost, "silent mojibake": t.silent_mojibake, "records": t.records,
            "error records": t.error_records, "records with warnings": t.warned_records,
            "error records not naming their document": t.unnamed_errors,
            "documents missing or doubled": t.missing_or_doubled, "tracebacks": t.tracebacks,
            "worst s/MB (a run under 1 MB counted as 1 MB)": round(t.worst_s_per_mb, 2),
            "peak RSS MB": round(t.peak_rss_mb, 1), "total seconds": round(t.seconds, 1),
            "input MB": round(t.input_mb, 1)}
