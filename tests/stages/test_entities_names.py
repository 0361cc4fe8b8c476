"""Which words after a title, or before a KB surname, are part of a person's name."""
import pytest


def person_names(doc):
    return {e.name for e in doc.entities if e.type == "PER"}


@pytest.mark.parametrize("text,not_name", [
    ("رئيس الجمهورية يستقبل وزير الخارجية الجزائري\n\nاستقبل الرئيس قيس سعيد اليوم وزير الخارجية الجزائري أحمد عطاف.",
     "يستقبل"),
    ("وصل وزير الخارجية العماني بدر البوسعيدي إلى عمان اليوم. وكان العاهل الأردني قد استذكر أمس مواقف الأردن.",
     "قد استذكر"),
    ("استقبل رئيس حكومة تصريف الأعمال نجيب ميقاتي اليوم وزير الخارجية الإيراني عباس عراقجي في بيروت.", "تصريف"),
    ("قال الرئيس الفرنسي سوف يزور الجزائر الشهر المقبل في زيارة رسمية تستمر يومين.", "سوف يزور"),
    ("أعلن وزير الدفاع الأمريكي لن يسافر إلى المنطقة هذا الأسبوع بسبب الأحداث الأخيرة.", "لن يسافر"),
    # more words of the title, not a name: an ordinary word that is no given name opens the run
    ("وعملت سابقا نائبة رئيس مساعد أمين مكتب شؤون المنظمات الدولية في وزارة الخارجية الأمريكية.", "مساعد"),
    ("وكان نائب رئيس مساعد أمين مكتب شؤون الشرق الأدنى قد زار المنطقة.", "مساعد"),
])
def test_a_verb_particle_or_construct_noun_after_a_title_is_no_person(run, text, not_name):
    doc = run("الثلاثاء 2024/10/15\n\n" + text)
    assert not_name not in person_names(doc)
    assert not any(n.startswith(not_name.split()[0]) for n in person_names(doc))


def test_the_title_before_a_genitive_complement_reaches_the_name(run):
    doc = run("الثلاثاء 2024/10/15\n\nاستقبل رئيس حكومة تصريف الأعمال نجيب ميقاتي اليوم وزير الخارجية الإيراني عباس "
              "عراقجي في السراي الحكومي ببيروت.")
    mikati = next(e for e in doc.entities if e.name_en == "Najib Mikati")
    assert mikati.office == "Prime Minister"


@pytest.mark.parametrize("sentence,surname", [
    ("وقد أشاد ماكرون بالتعاون بين البلدين في مجال الطاقة.", "ماكرون"),
    ("وحث بوتين الأطراف على ضبط النفس في المنطقة.", "بوتين"),
    ("ولم تنجح محاولات إقناع ترامب بالبقاء في الاتفاق.", "ترامب"),
])
def test_a_verb_or_noun_before_a_kb_surname_is_not_a_first_name(run, sentence, surname):
    doc = run("الأربعاء 2018/05/09\n\nالتقى الرئيس الفرنسي إيمانويل ماكرون الرئيس الأمريكي دونالد ترامب والرئيس الروسي "
              "فلاديمير بوتين في اجتماع. " + sentence)
    holders = [e for e in doc.entities if e.type == "PER" and any(surname in m.text for m in e.mentions)]
    assert len(holders) == 1 and holders[0].kb_id


def test_a_name_of_several_words_never_spans_a_comma(run):
    doc = run("القاهرة – وقّعت مصر وروسيا، اليوم الخميس، في القاهرة اتفاقية للتعاون النووي.\n")
    assert not [m for m in doc.mentions if m.type == "ORG" and "اليوم" in m.text], [(m.type, m.text) for m in doc.mentions]
    assert any(e.event[0] == "SUPPORT" and {a.code for a in e.source + e.recipient} == {"EGY", "RUS"} for e in doc.events)
