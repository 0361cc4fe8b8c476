"""Evaluation gate: quality on the gold sets must not fall below the floors pinned in eval/floors.json.

Raise the floors as quality rises; never lower them silently (a lowered floor needs a dated line in
``_changes``). The gate fails, never skips, when the shared material (``../shared``: the shared
gold sets and the reference scorer), a gold set or the scorer is missing, and fails when a gold
file no longer matches the sha256 pinned in ``_digests``.

``MARSAD_GATE_SHARED`` points the gate at another copy of the shared folder (the tests below use
it to show that a missing folder fails the gate); by default it is the one ``eval/run_eval.py`` uses.
"""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from run_eval import GOLD_SETS, SCORER, SHARED, evaluate, headline  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text("utf-8"))
NAMES = sorted(k for k in FLOORS if not k.startswith("_"))
GATE_SHARED = Path(os.environ.get("MARSAD_GATE_SHARED") or SHARED)


def gate_inputs(shared: Path = GATE_SHARED) -> tuple[dict[str, Path], Path]:
    """Gold file of every set and the scorer, with the shared folder at ``shared`` (the in-repo
    gold sets stay where they are)."""
    def rebase(p: Path) -> Path:
        return shared / p.relative_to(SHARED) if p.is_relative_to(SHARED) else p
    return {name: rebase(path) for name, path in GOLD_SETS.items()}, rebase(SCORER)


def gate_problems(names: list[str], shared: Path = GATE_SHARED, floors: dict = FLOORS) -> list[str]:
    """Why the gate cannot vouch for the sets ``names``: one sentence per missing input or
    changed gold file; empty when every input is there and pinned."""
    golds, scorer = gate_inputs(shared)
    problems = []
    if not shared.is_dir():
        problems.append(f"shared folder missing: {shared} (gold sets and reference scorer; "
                        f"the gate cannot run without it)")
    if not scorer.is_file():
        problems.append(f"reference scorer missing: {scorer}")
    for name in names:
        gold = golds.get(name)
        if gold is None:
            problems.append(f"gold set {name} has floors but no gold file in eval/run_eval.py GOLD_SETS")
        elif not gold.is_file():
            problems.append(f"gold set {name} missing: {gold}")
        else:
            digest = hashlib.sha256(gold.read_bytes()).hexdigest()
            pinned = floors.get("_digests", {}).get(name)
            if digest != pinned:
                problems.append(f"gold set {name} changed: {gold} has sha256 {digest[:12]}…, pinned "
                                f"{(pinned or 'nothing')[:12]}…; re-pin its digest and floors in eval/floors.json "
                                f"(with a dated line in _changes) in the same commit")
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_gold_is_present_and_pinned(name):
    problems = gate_problems([name])
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_scores_stay_above_floors(name):
    problems = gate_problems([name])
    assert not problems, "\n".join(problems)
    got = headline(evaluate(GOLD_SETS[name]))
    below = {k: (got.get(k), floor) for k, floor in FLOORS[name].items()
             if k != "boilerplate_lines_leaked" and (got.get(k) or 0.0) < floor - 1e-9}
    ceiling = FLOORS[name].get("boilerplate_lines_leaked")
    if ceiling is not None and got.get("boilerplate_lines_leaked", 0.0) > ceiling + 1e-9:
        below["boilerplate_lines_leaked (ceiling)"] = (got.get("boilerplate_lines_leaked"), ceiling)
    assert not below, f"{name}: below floor (got, floor): {below}"


# ------------------------------------------------------------------ the gate's own failures

def _shared_copy(tmp_path: Path, skip: str = "", change: str = "") -> Path:
    """A copy of the shared folder's gold sets and scorer under ``tmp_path``, without the file
    ``skip`` and with one byte appended to the file ``change`` (paths relative to the folder)."""
    root = tmp_path / "shared"
    golds, scorer = gate_inputs(SHARED)
    for path in [scorer, *golds.values()]:
        if not path.is_relative_to(SHARED):
            continue
        rel = path.relative_to(SHARED).as_posix()
        if rel == skip:
            continue
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(path.read_bytes() + (b" " if rel == change else b""))
    return root


def test_the_real_inputs_are_complete():
    assert GATE_SHARED == SHARED or "MARSAD_GATE_SHARED" in os.environ
    assert not gate_problems(NAMES), gate_problems(NAMES)


def test_a_missing_shared_folder_fails_the_gate_by_name(tmp_path):
    gone = tmp_path / "no-shared"
    problems = gate_problems(NAMES, shared=gone)
    assert any(p.startswith(f"shared folder missing: {gone}") for p in problems), problems
    assert any("reference scorer missing" in p for p in problems)
    assert any(p.startswith("gold set seeds missing") for p in problems)
    assert any(p.startswith("gold set multisource missing") for p in problems)


def test_a_missing_gold_file_fails_the_gate(tmp_path):
    shared = _shared_copy(tmp_path, skip="gold/seeds.json")
    assert gate_problems(["multisource"], shared=shared) == []
    problems = gate_problems(["seeds"], shared=shared)
    assert len(problems) == 1 and problems[0].startswith("gold set seeds missing"), problems


def test_a_changed_gold_fails_until_its_digest_is_re_pinned(tmp_path):
    shared = _shared_copy(tmp_path, change="gold/seeds.json")
    problems = gate_problems(["seeds", "multisource"], shared=shared)
    assert len(problems) == 1 and "gold set seeds changed" in problems[0] and "re-pin" in problems[0], problems
    digest = hashlib.sha256((shared / "gold" / "seeds.json").read_bytes()).hexdigest()
    re_pinned = {**FLOORS, "_digests": {**FLOORS["_digests"], "seeds": digest}}
    assert gate_problems(["seeds"], shared=shared, floors=re_pinned) == []


def test_without_the_shared_folder_the_gate_test_fails_rather_than_skips(tmp_path):
    env = dict(os.environ, MARSAD_GATE_SHARED=str(tmp_path / "no-shared"))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(Path(__file__)),
                          "-k", "test_gold_is_present_and_pinned"], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=300)
    assert out.returncode == 1, out.stdout[-2000:]
    assert f"{len(NAMES)} failed" in out.stdout and "skipped" not in out.stdout, out.stdout[-2000:]
    assert "shared folder missing" in out.stdout
