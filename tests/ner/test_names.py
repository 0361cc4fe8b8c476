"""Evidence for and against a word starting a personal name (marsad.ner.names)."""
import pytest

from marsad.ner.names import is_given_name, verb_like
from marsad.stages.entities import common_words
from marsad.textnorm import fold_key


@pytest.mark.parametrize("word", ["يستقبل", "قد", "لقد", "سوف", "لن", "لم", "سيبحثان", "يلتقيان", "قدمه", "رفعها",
                                  "عازما", "مستعدا", "واثقا", "ستركز", "سيزور", "ستعقد", "سنعمل"])
def test_verbs_and_particles_are_no_names(word):
    assert verb_like(fold_key(word), common_words())


@pytest.mark.parametrize("word", ["يوسف", "يحيى", "نبيل", "تميم", "نجيب", "يوليا", "نتنياهو", "تيلرسون", "يانغ", "ينس",
                                  "ميلانيا", "يلينا", "كارلا", "فقها", "ستيفن", "سنودن", "ستالين", "سيلفا", "سامي"])
def test_names_starting_like_verbs_stay_names(word):
    assert not verb_like(fold_key(word), common_words())


def test_given_names_come_from_the_name_table_and_the_kb():
    assert is_given_name(fold_key("أحمد"))
    assert is_given_name(fold_key("سيرغي"))  # first word of a KB alias
    assert not is_given_name(fold_key("أشاد"))
