"""Evaluation gate: quality on the gold sets must not fall below the floors pinned in eval/floors.json.

Raise the floors as quality rises; never lower them silently (the diff shows it).
"""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from run_eval import GOLD_SETS, SCORER, evaluate, headline  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(k for k in FLOORS if not k.startswith("_")))
def test_scores_stay_above_floors(name):
    gold = GOLD_SETS[name]
    if not gold.exists() or not SCORER.exists():
        pytest.skip(f"gold set {gold} or scorer {SCORER} not available")
    got = headline(evaluate(gold))
    below = {k: (got.get(k), floor) for k, floor in FLOORS[name].items()
             if k != "boilerplate_lines_leaked" and (got.get(k) or 0.0) < floor - 1e-9}
    ceiling = FLOORS[name].get("boilerplate_lines_leaked")
    if ceiling is not None and got.get("boilerplate_lines_leaked", 0.0) > ceiling + 1e-9:
        below["boilerplate_lines_leaked (ceiling)"] = (got.get("boilerplate_lines_leaked"), ceiling)
    assert not below, f"{name}: below floor (got, floor): {below}"
