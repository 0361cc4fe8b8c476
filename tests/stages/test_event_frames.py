"""Each frame of marsad/data/frames.json gives its event on its own example sentence, read
through the whole pipeline (a frame without a passing sentence is a defect).

``KNOWN_GAPS`` lists frames whose example the engine does not yet read, each with the reason;
they are strict xfails, so a fix that makes one pass fails the suite until it is moved out."""
import json
from importlib import resources

import pytest

SPECS = json.loads(resources.files("marsad.data").joinpath("frames.json").read_text("utf-8"))["frames"]

KNOWN_GAPS = {
    "consult.visit": "the visited capital (الرياض) is a place; the host comes only from the next clause",
    "aid.supply": "the recipient after بـ-object order (زودت روسيا سوريا بـ…) is not split from the goods",
    "aid.send": "the recipient before the goods (إلى قطر شحنة) is read as a place",
    "aid.distribute": "a place (في اليمن) is not taken as the aid's recipient",
    "sanction.ban": "a nisba on goods (المنتجات اليابانية) is no actor",
    "assault.assassinate": "a nisba on a person noun (عالما إيرانيا) is no actor",
}


def _param(spec):
    gap = KNOWN_GAPS.get(spec["id"])
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(spec, marks=marks, id=spec["id"])


@pytest.mark.parametrize("spec", [_param(s) for s in SPECS])
def test_frame_example_gives_its_event(run, spec):
    doc = run(spec["example"] + "\n")
    got = [(cat, sorted({a.code for a in e.source + e.recipient})) for e in doc.events for cat in e.event]
    assert (spec["category"], sorted(spec["expect"])) in got, got


def test_known_gaps_name_real_frames():
    ids = {s["id"] for s in SPECS}
    assert set(KNOWN_GAPS) <= ids
