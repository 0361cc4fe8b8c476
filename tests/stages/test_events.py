"""PLOVER events on hand-written Arabic news text: categories, orientation, mode, dates, places."""
import datetime as dt
import pytest


def events(doc, category="CONSULT"):
    return [e for e in doc.events if category in e.event]


def codes(actors):
    return {a.code for a in actors}


def test_host_receives_visitor_in_verb_subject_object_order(run):
    doc = run("الأحد 2018/04/15\n\nاستقبل العاهل الأردني الملك عبد الله الثاني، اليوم الأحد في عمان، وزير الخارجية "
              "الأمريكي مايك بومبيو، وبحث معه تطورات الأوضاع في المنطقة.")
    (ev,) = events(doc)
    assert ev.mode == ["visit"]
    assert codes(ev.source) == {"USA"} and codes(ev.recipient) == {"JOR"}
    assert ev.date == dt.date(2018, 4, 15)
    assert ev.event_loc["cc3"] == "JOR"
    assert doc.raw[ev.start:ev.end] == ev.event_text[0]


def test_visit_to_a_capital_makes_the_host_state_recipient(run):
    doc = run("الأربعاء 2016/10/12\n\nوصل الرئيس التركي رجب طيب أردوغان أمس الثلاثاء إلى موسكو حيث التقى نظيره "
              "الروسي فلاديمير بوتين لبحث العلاقات الثنائية.")
    evs = events(doc)
    assert evs, "no CONSULT event"
    ev = evs[0]
    assert codes(ev.source) == {"TUR"} and codes(ev.recipient) == {"RUS"}
    assert ev.date == dt.date(2016, 10, 11)
    assert ev.event_loc["name"] == "Moscow"


def test_phone_call_mode(run):
    doc = run("السبت 2017/02/18\n\nتلقى الرئيس التونسي الباجي قائد السبسي أمس الجمعة اتصالا هاتفيا من الرئيس الأمريكي "
              "دونالد ترامب تناول العلاقات بين البلدين.")
    (ev,) = events(doc)
    assert "phone" in ev.mode
    assert codes(ev.source) | codes(ev.recipient) == {"TUN", "USA"}
    assert ev.date == dt.date(2017, 2, 17)


def test_one_visitor_meeting_two_officials_gives_two_events(run):
    doc = run("الاثنين 2024/03/18\n\nوكان وزير الدفاع السوري علي محمود عباس قد وصل السبت الماضي إلى طهران وأجرى لقاءات "
              "مع نظيره الإيراني محمد رضا أشتياني وكذلك رئيس الأركان الإيراني محمد باقري.")
    evs = events(doc)
    assert len(evs) == 2
    hosts = {a.entity for ev in evs for a in ev.recipient}
    assert len(hosts) == 2
    assert all(codes(ev.source) == {"SYR"} for ev in evs)


def test_meeting_in_a_third_country(run):
    doc = run("الجمعة 2024/04/26\n\nأجرى وزير الدفاع الروسي سيرغي شويغو محادثات مع وزير الدفاع الإيراني محمد رضا أشتياني "
              "في العاصمة الكازاخية أستانا على هامش اجتماع وزراء دفاع منظمة شنغهاي.")
    (ev,) = events(doc)
    assert "third-party" in ev.mode and "multilateral" in ev.mode
    assert ev.recipient == []
    assert codes(ev.source) == {"RUS", "IRN"}


def test_signing_is_support_and_future_context(run):
    doc = run("الثلاثاء 2019/07/09\n\nوقع وزير الخارجية المغربي ناصر بوريطة ونظيره الموريتاني إسماعيل ولد الشيخ أحمد "
              "اليوم في الرباط مذكرة تفاهم للتعاون في مجال الطاقة. ومن المقرر أن يزور الرئيس الموريتاني الرباط الشهر المقبل.")
    sup = events(doc, "SUPPORT")
    assert sup and codes(sup[0].source) == {"MAR", "MRT"}


def test_reported_statements_about_an_earlier_meeting_do_not_duplicate_it(run):
    doc = run("الخميس 2023/09/21\n\nالتقى وزير الدفاع الروسي سيرغي شويغو في طهران رئيس الأركان الإيراني محمد باقري أمس. "
              "وخلال اللقاء أكد شويغو أن التعاون بين البلدين يتطور. وبحث شويغو مع باقري الوضع في المنطقة.")
    assert len(events(doc)) == 1


def test_no_event_without_two_states(run):
    doc = run("الأحد 2017/01/08\n\nاستقبل رئيس الحكومة التونسي يوسف الشاهد اليوم وزير الداخلية التونسي الهادي المجدوب "
              "وبحث معه الوضع الأمني في البلاد.")
    assert events(doc) == []


def test_agreement_between_the_two_countries_uses_the_article_pair(run):
    doc = run("الثلاثاء 2017/03/07\n\nاستقبل وزير الخارجية التونسي خميس الجهيناوي اليوم بتونس نظيره الألماني زيغمار غابرييل. "
              "وأكد الرئيس أنه تم أمس توقيع اتفاقية بين البلدين لإيجاد حل لملف الهجرة شبيه بالاتفاق مع إيطاليا سنة 2012.")
    sup = events(doc, "SUPPORT")
    assert sup and codes(sup[0].source) == {"TUN", "DEU"}


def test_private_people_and_clubs_are_no_state_actors(run):
    doc = run("الأحد 2017/05/28\n\nعبر فريق المريخ السوداني عن امتعاضه من أرضية ملعب فيروفيارو خلال زيارة بعثته إلى "
              "موزمبيق، فيما التقى اللاعب السوداني محمد علي اللاعب الموزمبيقي جواو سيلفا في الفندق.")
    assert events(doc) == []


def test_wire_dateline_city_places_a_meeting_the_sentence_does_not_locate(run):
    doc = run("موسكو - سانا\nالجمعة 2016/06/10\n\nالتقى وزير الخارجية السوري وليد المعلم أمس الخميس نظيره الروسي "
              "سيرغي لافروف وبحثا الأوضاع في سوريا.")
    (ev,) = events(doc)
    assert ev.event_loc["name"] == "Moscow"
    assert codes(ev.source) == {"SYR"} and codes(ev.recipient) == {"RUS"}
    assert ev.date == dt.date(2016, 6, 9)


def test_summons_reported_with_a_resumptive_pronoun_and_a_quoted_name(run):
    doc = run('الأربعاء 2016/06/15\n\nأعلنت وزارة الخارجية الروسية اليوم الأربعاء أنها استدعت السفير الفرنسي لدى روسيا '
              '"جان موريس ريبير" بعد توقيف مشجعين روس.')
    (ev,) = events(doc)
    assert ev.mode == ["visit"]
    assert codes(ev.source) == {"FRA"} and codes(ev.recipient) == {"RUS"}


def test_threat_as_a_noun_against_a_government_named_by_nisba(run):
    doc = run('الاثنين 2016/11/28\n\nوجه الرئيس الأمريكي المنتخب دونالد ترامب اليوم الإثنين تهديدا للحكومة الكوبية '
              'بإنهاء التقارب معها.')
    thr = events(doc, "THREATEN")
    assert thr and codes(thr[0].source) == {"USA"} and codes(thr[0].recipient) == {"CUB"}


def test_no_stage_keeps_a_documents_state_on_itself(extractor):
    # the API runs one extractor on a thread pool: what a stage learns of one document (its discourse,
    # dating, states named) must not be rebound on the shared instance. Shared caches may grow in place.
    page = ("الثلاثاء 2024/03/05\n\nاستقبل الرئيس التونسي قيس سعيد وزير الخارجية الجزائري أحمد عطاف. "
            "وندد بالعقوبات الأمريكية على إيران.\n")
    from marsad.doc import Document

    extractor.process(Document(doc_key="warm", path="warm", raw_bytes=page.encode("utf-8")))  # lazy caches built
    before = [{k: id(v) for k, v in vars(s).items()} for s in extractor.pipeline.stages]
    doc = extractor.process(Document(doc_key="x", path="x", raw_bytes=page.encode("utf-8")))
    assert doc.events
    after = [{k: id(v) for k, v in vars(s).items()} for s in extractor.pipeline.stages]
    changed = {s.name: sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
               for s, a, b in zip(extractor.pipeline.stages, before, after) if a != b}
    assert not changed, changed


@pytest.mark.parametrize("text, visitor, host", [
    ("كما أكد وزير الخارجية الإيراني محمد جواد ظريف من البرازيل حيث يقوم بزيارة أن التهديدات الأمريكية خطيرة.", "IRN", "BRA"),
    ("وتحدث وزير الخارجية الإيراني محمد جواد ظريف من نيودلهي حيث يزور الهند.", "IRN", "IND"),
])
def test_a_visit_told_after_where_is_the_officials_to_that_place(run, text, visitor, host):
    # "من البرازيل حيث يقوم بزيارة": the official speaking from the place visits it
    got = events(run("الثلاثاء 2024/03/05\n\n" + text))
    assert [(codes(e.source), codes(e.recipient)) for e in got] == [({visitor}, {host})], got


def test_a_visit_word_after_where_in_a_quotation_is_no_visit_of_the_speaker(run):
    got = events(run("الثلاثاء 2024/03/05\n\nوقال الوزير الإماراتي أنور قرقاش في تغريدة، حيث قال إن الزيارة التاريخية مهمة."))
    assert not got, got


def test_the_three_states_are_the_three_listed_before(run):
    # "زعماء الدول الثلاثة" are the leaders of the three states the article listed together
    doc = run("الثلاثاء 2024/03/05\n\nالتقى وزراء خارجية روسيا وإيران وتركيا اليوم في موسكو. "
              "وكان زعماء الدول الثلاثة قد اجتمعوا مطلع الشهر الماضي في أنقرة.")
    got = sorted(sorted(codes(e.source) | codes(e.recipient)) for e in events(doc))
    assert got == [["IRN", "RUS", "TUR"], ["IRN", "RUS", "TUR"]], got
    assert any("historical" in e.context for e in events(doc)), events(doc)


def test_a_fourth_state_beside_the_three_makes_no_meeting_of_the_three(run):
    doc = run("الثلاثاء 2024/03/05\n\nيزور وزير الخارجية الإيراني الجزائر وموريتانيا وتونس. "
              "وقال المتحدث إن الهدف هو بحث العلاقات الثنائية بين إيران والدول الثلاث.")
    assert not [e for e in events(doc) if len(codes(e.source) | codes(e.recipient)) == 3], events(doc)
