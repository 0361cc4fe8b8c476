"""Evaluation gate: quality on the gold sets must not fall below the floors pinned in eval/floors.json.

Raise the floors as quality rises; never lower them silently (a lowered floor needs a dated line in
``_changes``). The gate fails, never skips, when a gold set or the scorer is missing, and fails when
a gold file no longer matches the sha256 pinned in ``_digests``.
"""
import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from run_eval import GOLD_SETS, SCORER, evaluate, headline  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text("utf-8"))


NAMES = sorted(k for k in FLOORS if not k.startswith("_"))


@pytest.mark.parametrize("name", NAMES)
def test_gold_is_present_and_pinned(name):
    gold = GOLD_SETS[name]
    assert gold.exists(), f"gold set {name} missing: {gold}"
    assert SCORER.exists(), f"reference scorer missing: {SCORER}"
    digest = hashlib.sha256(gold.read_bytes()).hexdigest()
    assert FLOORS["_digests"].get(name) == digest, f"{gold} changed: re-pin its digest and floors in eval/floors.json"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_scores_stay_above_floors(name):
    gold = GOLD_SETS[name]
    assert gold.exists() and SCORER.exists(), f"gold set {gold} or scorer {SCORER} missing"
    got = headline(evaluate(gold))
    below = {k: (got.get(k), floor) for k, floor in FLOORS[name].items()
             if k != "boilerplate_lines_leaked" and (got.get(k) or 0.0) < floor - 1e-9}
    ceiling = FLOORS[name].get("boilerplate_lines_leaked")
    if ceiling is not None and got.get("boilerplate_lines_leaked", 0.0) > ceiling + 1e-9:
        below["boilerplate_lines_leaked (ceiling)"] = (got.get("boilerplate_lines_leaked"), ceiling)
    assert not below, f"{name}: below floor (got, floor): {below}"
