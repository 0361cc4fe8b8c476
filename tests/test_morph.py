"""Clitic segmentation and inflection paradigms (marsad.morph)."""
from marsad.morph import noun_forms, segment, stems, verb_forms
from marsad.textnorm import fold_key


def test_segment_peels_prepositions_off_names():
    assert "لافروف" in stems(fold_key("بلافروف"))
    assert "لافروف" in stems(fold_key("للافروف"))
    assert "عراقجي" in stems(fold_key("لعراقجي"))
    assert "بوتين" in stems(fold_key("وبوتين"))


def test_segment_keeps_the_bare_word_first():
    # "بوتين" begins with ب but is a name: the unsegmented reading comes first
    assert segment("بوتين")[0].stem == "بوتين"
    assert segment("بوتين")[0].proclitics == ()


def test_segment_reads_article_after_preposition():
    seg = [s for s in segment(fold_key("للرئيس")) if s.stem == fold_key("رئيس")]
    assert seg and seg[0].proclitics == ("ل", "ال")


def test_segment_restores_ta_marbuta_before_pronoun():
    assert any(s.stem == "زياره" and s.enclitic == "ه" for s in segment(fold_key("زيارته")))


def test_verb_paradigm_covers_tense_person_and_clitics():
    forms = verb_forms("اتهم", "تهم")
    for w in ("اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون", "سيتهم", "واتهمت", "فاتهمها", "اتهموه"):
        assert fold_key(w) in forms, w
    assert forms["سيتهم"].aspect == "future"
    assert forms["اتهمته"].enclitic == "ه"
    assert forms["يتهم"].aspect == "present"


def test_verb_paradigm_leaves_out_second_person_and_first_singular():
    forms = verb_forms("هاتف", "هاتف")
    assert "هاتفكم" not in forms  # "على هاتفكم": an app promo, not a call
    assert "اقدم" not in verb_forms("قدم", "قدم")  # أقدم: far more often "oldest" than "I offer"


def test_noun_paradigm_covers_number_article_prepositions_and_possessors():
    forms = noun_forms("زيارة")
    for w in ("زيارة", "الزيارة", "بزيارة", "للزيارة", "زيارته", "زيارتها", "زيارات", "وزيارته", "زيارتين"):
        assert fold_key(w) in forms, w
    assert forms[fold_key("الزيارة")].definite
    assert forms[fold_key("بزيارة")].preposed == "ب"


def test_noun_paradigm_handles_final_hamza():
    forms = noun_forms("لقاء")
    assert fold_key("لقائه") in forms and fold_key("لقاءه") in forms


def test_feminine_singular_verb_forms_are_marked():
    # states are grammatically feminine: "نفت", "تنفي" have a state as subject, "نفى", "ينفي" a man
    forms = verb_forms("اتهم", "تهم", extra=("نفت", "تنفي", "نفى", "ينفي", "تنفيان"))
    assert forms["اتهمت"].feminine and forms["تتهم"].feminine and forms["وتتهم"].feminine
    assert not forms["اتهم"].feminine and not forms["يتهم"].feminine and not forms["اتهموا"].feminine
    assert forms["نفت"].feminine and forms["تنفي"].feminine
    assert not forms["نفي"].feminine and not forms["ينفي"].feminine and not forms["تنفيان"].feminine
