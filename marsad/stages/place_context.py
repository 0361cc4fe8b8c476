"""Places read in the light of their document: a town whose name several states' towns share is the one of
a state the document names (:func:`places_by_context`, run by the mentions stage once every sentence is
read). Kept apart from :mod:`.places` (event places), which reads the mentions stage's tokens."""
from __future__ import annotations

from collections import Counter

from ..doc import Document
from ..kb import KB


_ALTERNATIVE_SHARE = 0.1  # population of another state's town, as a share of the usual reading, to be taken for it


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
