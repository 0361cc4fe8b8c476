from marsad.doc import Document
from marsad.extract import Extractor

STAGES = ("read", "decode", "clean", "metadata", "normalise")
BODY1 = "أعلنت وزارة الخارجية المغربية، اليوم الثلاثاء، أن الوزير استقبل في الرباط نظيره الموريتاني وبحث معه سبل تعزيز التعاون الثنائي."
BODY2 = "وأضاف البيان أن الجانبين اتفقا على عقد اجتماع اللجنة المشتركة في نواكشوط خلال الأشهر المقبلة لمتابعة تنفيذ الاتفاقات الموقعة."
BODY3 = "قال وزير الداخلية التونسي إن الوحدات الأمنية تمكنت من تفكيك خلية إرهابية في ولاية القصرين بعد عملية استمرت عدة أيام."
BODY4 = "وأشار الوزير في تصريح صحفي إلى أن التحقيقات ما زالت جارية لكشف بقية العناصر المرتبطة بالخلية وتحديد مصادر تمويلها."


def process(text, name="page.txt"):
    doc = Document(doc_key=name, path=name, raw_bytes=text.encode("utf-8"))
    return Extractor(stages=STAGES).process(doc)


def test_menus_share_widgets_and_related_lists_are_dropped():
    page = "\n".join([
        "الرئيسية", "  • سياسة", "  • اقتصاد", "  • رياضة",
        "المغرب وموريتانيا يبحثان تعزيز التعاون", "حجم الخط", "مشاركة عبر",
        BODY1, "", BODY2, "", "كلمات دلالية: المغرب موريتانيا", "مقالات ذات صلة",
        "  • عنوان خبر آخر عن الاقتصاد", "  • عنوان خبر ثالث عن الرياضة", "Loading...",
    ])
    doc = process(page)
    assert len(doc.articles) == 1
    art = doc.articles[0]
    text = art.text(doc.raw)
    assert BODY1 in text and BODY2 in text
    for junk in ("حجم الخط", "مشاركة عبر", "كلمات دلالية", "عنوان خبر آخر", "Loading", "سياسة"):
        assert junk not in text
    assert art.title == "المغرب وموريتانيا يبحثان تعزيز التعاون"


def test_glued_articles_are_split_after_source_line_and_read_also():
    page = "\n".join([BODY1, BODY2, "المصدر: هسبريس", "إقرأ أيضاً:", "تفكيك خلية إرهابية في القصرين", BODY3, BODY4])
    doc = process(page)
    assert len(doc.articles) == 2
    a, b = doc.articles
    assert BODY1 in a.text(doc.raw) and BODY3 not in a.text(doc.raw)
    assert b.title == "تفكيك خلية إرهابية في القصرين"
    assert BODY3 in b.text(doc.raw) and BODY4 in b.text(doc.raw)
    assert a.outlet == b.outlet == "هسبريس"
    assert a.end <= b.start


def test_dateline_and_masthead_give_date_and_outlet():
    page = "\n".join(["صحيفة الخليج - العدد 1234 - 5 يناير 2021", "", "الإمارات والهند توقعان اتفاقية للتعاون الدفاعي", BODY1, BODY2])
    doc = process(page)
    art = doc.articles[0]
    assert art.published.isoformat() == "2021-01-05"
    assert art.outlet == "الخليج"
    assert art.title == "الإمارات والهند توقعان اتفاقية للتعاون الدفاعي"


def test_sentences_point_into_raw_text():
    doc = process(BODY1 + " " + BODY2)
    assert len(doc.sentences) == 2
    s = doc.sentences[1]
    assert doc.raw[s.start:s.end] == BODY2


def test_dateline_after_the_body_is_used_when_the_head_has_none():
    page = "\n".join(["العراق والكويت يبحثان ملف الحدود", BODY1, BODY2, "", "تاريخ النشر: 12/03/2016 - 10:45"])
    doc = process(page)
    assert doc.articles[0].published.isoformat() == "2016-03-12"
    assert "تاريخ النشر" not in doc.articles[0].text(doc.raw)


def test_name_dense_lead_with_a_full_stop_is_prose_and_the_dateline_is_not_body():
    lead = ("استضافت مدينة سوتشي الروسية اليوم قمة ثلاثية جمعت الرئيس الروسي فلاديمير بوتين ونظيريه التركي رجب "
            "طيب أردوغان والإيراني حسن روحاني لبحث الأزمة السورية.")
    doc = process("الأربعاء 2017/11/22\n\n" + lead)
    (art,) = doc.articles
    assert art.text(doc.raw) == lead
    assert art.published.isoformat() == "2017-11-22"
