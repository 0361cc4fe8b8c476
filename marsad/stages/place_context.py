"""Places read in the light of their document: a town whose name several states' towns share is the one of
a state the document names (:func:`places_by_context`, run by the mentions stage once every sentence is
read). Kept apart from :mod:`.places` (event places), which reads the mentions stage's tokens."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..doc import Document
from ..kb import KB
from ..textnorm import fold_key


_ALTERNATIVE_SHARE = 0.1  # population of another state's town, as a share of the usual reading, to be taken for it
_LISTED = re.compile(r"^[\s،,\"«»“”]*و?$")  # between two towns of a list: "صيدا والجيزة"، "صيدا، الجيزة"
# between a list and the town that locates it, past the list's towns the KB does not know: "… والمسيفرة، شرقي
# مدينة درعا"، "قرب محافظة حمص"
_LOCATED = re.compile(r"^(?:\s*و\S+)*[\s،,\"«»“”]*(?:في\s+)?(?:(?:ال)?(?:شرق|غرب|شمال|جنوب)(?:ي|ى)?(?:\s+(?:ال)?(?:شرق|غرب)(?:ي|ى)?)?|قرب|بالقرب\s+من|"
                      r"ضواحي|بضواحي|محيط|بمحيط)\s+(?:(?:ال)?(?:مدينة|محافظة|بلدة|منطقة|ريف)\s+)?$")
_TOWN_KINDS = {"city", "region", "facility"}  # what a list of small places may wrongly name in a faraway state


def places_by_context(kb: KB, doc: Document) -> None:
    """Give each town whose name several states' towns share the one of a state the document names
    (``doc.mentions``' ``place`` is changed in place): "طرابلس" in a story about Lebanon is Tripoli,
    Lebanon, not the more populous Libyan capital. States named count from the mentions stage's scan
    (``doc.scratch["states_by_sentence"]``), less what the town's own mentions add; the town keeps its
    most populous reading unless no other word names its state and another reading's state is named."""
    named: Counter[str] = Counter()
    for counts in doc.scratch.get("states_by_sentence", {}).values():
        named.update(counts)
    own = Counter(m.place.cc3 for m in doc.mentions if m.place is not None)
    for m in doc.mentions:
        p = m.place
        alts = kb.place_alternatives(m.text) if p is not None else ()
        if len(alts) < 2 or p.cc3 not in {a.cc3 for a in alts} or named[p.cc3] - own[p.cc3] > 0:
            continue
        # a reading far smaller than the one it would replace needs more than its state named: "ليما" in a story that
        # names the United States and not Peru is still Lima, Peru, not Lima, Ohio
        other = [a for a in alts if a.cc3 != p.cc3 and named[a.cc3] - own[a.cc3] > 0
                 and a.population >= _ALTERNATIVE_SHARE * p.population]
        if other:
            m.place = max(other, key=lambda a: named[a.cc3])


def places_located_by_a_neighbour(doc: Document) -> None:
    """Towns listed together and located from a town of one state ("مستشفيات صيدا والجيزة والمسيفرة، شرقي مدينة
    درعا") are in that state, though their names also name towns of another (Sidon, Giza): each takes that
    state, at the locating town's position, and so does every other mention of the same name in the document
    (``doc.mentions``' ``place`` is changed in place)."""
    ms = sorted((m for m in doc.mentions if m.place is not None), key=lambda m: m.start)
    moved: dict[str, object] = {}
    for i, anchor in enumerate(ms):
        if anchor.place.kind == "country" or i == 0 or not _LOCATED.match(doc.raw[ms[i - 1].end:anchor.start]):
            continue
        k = i - 1
        listed = [ms[k]]
        while k > 0 and _LISTED.match(doc.raw[ms[k - 1].end:ms[k].start]):
            k -= 1
            listed.append(ms[k])
        for m in listed:
            if m.place.cc3 and m.place.cc3 != anchor.place.cc3 and m.place.kind in _TOWN_KINDS:
                moved[fold_key(m.text)] = replace(m.place, cc3=anchor.place.cc3, lat=anchor.place.lat, lon=anchor.place.lon,
                                                  geonameid=None, id=f"{m.place.id}@{anchor.place.cc3}", population=0)
    for m in doc.mentions:
        if m.place is not None and fold_key(m.text) in moved and m.place.kind in _TOWN_KINDS:
            m.place = moved[fold_key(m.text)]
