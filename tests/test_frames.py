"""Event frames as data (marsad/data/frames.json): every frame is checked on its own example sentence."""
import json
from importlib import resources

import pytest

from marsad.frames import CATEGORIES, frame_lexicon, load_frames
from marsad.textnorm import fold_key

SPECS = json.loads(resources.files("marsad.data").joinpath("frames.json").read_text("utf-8"))["frames"]


def test_every_frame_has_a_test_sentence_and_valid_vocabulary():
    for spec in SPECS:
        assert spec["example"] and len(spec["expect"]) >= 2, spec["id"]
        assert spec["category"] in CATEGORIES


def test_no_form_is_claimed_by_two_categories():
    lex = frame_lexicon()
    cat = {f.id: f.category for f in lex.frames}
    across = [c for c in lex.collisions if cat[c[1]] != cat[c[2]]]
    assert across == []


def test_not_forms_are_dropped():
    lex = frame_lexicon()
    # "وزارة" (ministry) is generated as و + زار + ه (and he visited him)
    assert lex.lookup(fold_key("وزارة")) is None
    assert lex.lookup(fold_key("وزاره")) is None
    assert lex.lookup("زاره") is not None
    # "دعوة" (an invitation: "ترامب يقبل دعوة كيم") is not دعوا + ه (they called him); دعت, دعاه stay
    assert lex.lookup(fold_key("دعوة")) is None and lex.lookup(fold_key("ودعوة")) is None
    assert lex.lookup(fold_key("دعت")) is not None and lex.lookup(fold_key("دعاه")) is not None


def test_next_word_constraint():
    lex = frame_lexicon()
    # قطع needs العلاقات within a few words: after a verb-subject subject it still counts
    assert [h.frame.id for h in lex.match(fold_key("قطع المغرب العلاقات").split())] == ["sanction.cut_ties"]
    assert [h.frame.id for h in lex.match(fold_key("قطع العلاقات الدبلوماسية").split())] == ["sanction.cut_ties"]
    assert lex.match(fold_key("قطع المحتجون الطريق أمام السيارات").split()) == []  # a road, no relations
    assert lex.match(fold_key("قطع المحتجون الطريق أمام السيارات وتدهورت العلاقات").split()) == []  # too far
    # the required word may carry a proclitic: "قطع بلاده للعلاقات"
    assert [h.frame.id for h in lex.match(fold_key("أعلن عن قطع بلاده للعلاقات مع طهران").split())] == ["sanction.cut_ties"]
    assert lex.match(fold_key("قطع بلاده للطريق").split()) == []


def test_bad_frame_is_named():
    with pytest.raises(ValueError, match="frame 'x'"):
        load_frames([{"id": "x", "category": "HUG", "role": "agent"}])
    with pytest.raises(ValueError, match="duplicate"):
        load_frames([{"id": "y", "category": "ACCUSE", "role": "agent"}] * 2)


def test_a_sense_with_its_next_word_is_tried_first():
    lex = frame_lexicon()
    # one verb, two codes by object: assets are sanctioned, positions attacked
    assert [h.frame.id for h in lex.match(fold_key("إن لندن ستستهدف أصول روسيا").split())] == ["sanction.target_assets"]
    assert [h.frame.id for h in lex.match(fold_key("استهدفت الطائرات مواقع في سوريا").split())] == ["assault.target"]
    # a sense is no collision, and is looked up under its form only through match()
    assert lex.lookup(fold_key("استهدفت"))[0].id == "assault.target"
    assert not [c for c in lex.collisions if "sanction.target_assets" in c]


def test_a_word_right_after_can_rule_a_frame_out():
    lex = frame_lexicon()
    assert [h.frame.id for h in lex.match(fold_key("شنت إسرائيل ضربة على غزة").split())] == ["assault.raid"]
    # a kick-off and cartoons are no strike and no tariff
    assert lex.match(fold_key("أطلقت جنوب أفريقيا ضربة البداية").split()) == []
    assert lex.match(fold_key("عرضت القناة رسوم متحركة").split()) == []


def test_a_signing_needs_what_is_signed():
    lex = frame_lexicon()
    # "وقعت السعودية في المجموعة السادسة" fell into a World Cup group; a signing names its agreement,
    # far after a long verb-subject subject or as the verb's pronoun
    assert lex.match(fold_key("وقعت السعودية في المجموعة السادسة إلى جانب هولندا").split()) == []
    far = "وقع صباح اليوم الإثنين وزير العدل غازي الجريبي وكاتب الدولة الألماني للعدل كريستيان لانغيه مذكرة تفاهم"
    assert [h.frame.id for h in lex.match(fold_key(far).split())] == ["support.sign"]
    assert [h.frame.id for h in lex.match(fold_key("اتفاق نووي تاريخي وقعته أيضا الصين").split())] == ["support.sign"]


@pytest.mark.parametrize("text, hit", [
    # the agreement stands before the relative pronoun, its parties after "بين"
    ("الاتفاق النووي الذي وقع بين طهران والدول الست الكبرى", True),
    ("الاتفاقية التي أبرمت بين تونس والجزائر", True),
    # no parties named: the clause tells no one who signed; no agreement before it: another "وقع"
    ("الانسحاب من الاتفاق النووي الإيراني الذي وقع عام 2015", False),
    ("الحادث الذي وقع بين المدينتين", False),
])
def test_a_signing_in_a_relative_clause_of_its_agreement(text, hit):
    got = [h.frame.category for h in frame_lexicon().match(fold_key(text).split())]
    assert (got in (["SUPPORT"],)) is hit, got


def test_an_antecedent_turns_provide_into_demand():
    # "المطالب التي قدمها": "قدم" on demands before its relative pronoun is a demand; alone it gives aid
    lex = frame_lexicon()
    assert [h.frame.id for h in lex.match(fold_key("رفضت المطالب التي قدمها الوزير").split())][-1] == "demand.submit"
    assert [h.frame.id for h in lex.match(fold_key("قدمت ألمانيا مساعدات للأردن").split())][0] == "aid.provide"
