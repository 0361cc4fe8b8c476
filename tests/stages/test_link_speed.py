"""Speed-ups of linking keep its answers: the close KB aliases remembered per unknown surname are the
ones a fresh comparison with every KB alias finds, the memory stays bounded, and a variant spelling
links the same in the first and in a later document."""
import difflib

import pytest

from marsad.doc import Document
from marsad.stages import link as link_mod
from marsad.stages.link import LinkStage
from marsad.textnorm import fold_key

DATE = "الثلاثاء 2024/10/15\n\n"


@pytest.fixture(scope="module")
def stage():
    return LinkStage()


def _reference(stage, sur):
    """Every KB alias whose last word (>= 4 letters, same first letter, length within 2) is >= 0.8 like ``sur``."""
    out = set()
    for p in stage.kb.persons():
        for alias in {fold_key(a) for a in (p.name_ar,) + tuple(p.aliases_ar)}:
            at = alias.split()
            if not at or len(at[-1]) < 4 or at[-1][0] != sur[0] or abs(len(at[-1]) - len(sur)) > 2:
                continue
            r = difflib.SequenceMatcher(None, sur, at[-1]).ratio()
            if r >= 0.8:
                out.add((" ".join(at), p.id, r))
    return out


@pytest.mark.parametrize("sur", ["بيششكيان", "يفكيروف", "لافروفف", "اردوغانن", "زيلينسكى", "ماكرونن"])
def test_close_aliases_are_those_a_full_comparison_finds(stage, sur):
    sur = fold_key(sur)
    got = {(" ".join(a), p.id, r) for a, p, r in stage._close_aliases(sur)}
    assert got == _reference(stage, sur)
    assert stage._close_aliases(sur) is stage._close_aliases(sur)  # remembered, not recomputed


def test_remembered_surnames_stay_bounded(monkeypatch):
    fresh = LinkStage()
    monkeypatch.setattr(link_mod, "_CLOSE_CACHE_SIZE", 3)
    words = [fold_key(w) for w in ("بيششكيان", "يفكيروف", "لافروفف", "اردوغانن", "زيلينسكى")]
    first = [fresh._close_aliases(w) for w in words]
    assert len(fresh._close_cache) <= 3
    assert words[0] not in fresh._close_cache  # the oldest went first
    assert [fresh._close_aliases(w) for w in words] == first  # recomputed after eviction: the same answer


def test_a_variant_spelling_links_the_same_in_a_later_document(run):
    text = DATE + "استقبل الرئيس الإيراني مسعود بيششكيان في طهران وزير الخارجية العماني."
    ids = [{e.kb_id for e in run(text, name=f"d{i}.txt").entities if e.type == "PER"} for i in range(2)]
    assert ids[0] == ids[1] == {"pezeshkian_masoud"}
