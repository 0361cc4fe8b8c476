"""Mentions and linking on hand-written Arabic news text."""


def persons(doc):
    return {e.id: e for e in doc.entities if e.type == "PER"}


def test_title_gives_office_and_country_and_offsets_point_into_raw(run):
    text = ("الأحد 2019/06/02\n\nاستقبل وزير الخارجية الأردني أيمن الصفدي في عمان اليوم نظيره العراقي "
            "محمد علي الحكيم، وبحث الجانبان العلاقات الثنائية بين البلدين.")
    doc = run(text)
    per = persons(doc)
    for e in per.values():
        for m in e.mentions:
            assert doc.raw[m.start:m.end] == m.text
    by_name = {e.name: e for e in per.values()}
    safadi = next(e for n, e in by_name.items() if "الصفدي" in n)
    assert safadi.country == "JOR"
    hakim = next(e for n, e in by_name.items() if "الحكيم" in n)
    assert hakim.country == "IRQ"


def test_surname_after_full_name_is_the_same_entity(run):
    text = ("الاثنين 2017/03/06\n\nالتقى الرئيس الفرنسي فرانسوا هولاند رئيس الوزراء الكندي جاستن ترودو في باريس. "
            "وقال هولاند إن البلدين يتفقان على أهمية مواصلة التعاون في مختلف المجالات الاقتصادية والثقافية.")
    doc = run(text)
    hollande = [e for e in persons(doc).values() if "هولاند" in e.name]
    assert len(hollande) == 1
    assert {m.text for m in hollande[0].mentions} >= {"فرانسوا هولاند", "هولاند"}


def test_counterpart_resolved_through_office_holders_at_the_date(run):
    text = ("الخميس 2023/09/21\n\nالتقى وزير الدفاع الروسي سيرغي شويغو في طهران نظيره الإيراني وبحثا سبل "
            "تعزيز التعاون العسكري بين البلدين في مختلف المجالات الدفاعية.")
    doc = run(text)
    names_en = {e.name_en for e in persons(doc).values()}
    assert "Sergei Shoigu" in names_en
    assert any(n and "Ashtiani" in n for n in names_en)


def test_unknown_spelling_links_to_kb_person_by_close_transliteration(run):
    text = ("الجمعة 2024/11/15\n\nأكد الرئيس الإيراني مسعود بيزشكيان خلال لقائه رئيس الوزراء العراقي في طهران "
            "أهمية تعزيز العلاقات الاقتصادية بين البلدين الجارين وتوسيع التبادل التجاري.")
    doc = run(text)
    assert any(e.name_en == "Masoud Pezeshkian" for e in persons(doc).values())


def test_same_unknown_person_gets_one_id_across_documents(extractor, run):
    a = run("الأربعاء 2016/05/04\n\nقال المتحدث باسم الحكومة الفلانية زيدان عبد الرحيم الكعبي إن الوفد سيصل غدا إلى العاصمة لإجراء محادثات.", "a.txt")
    b = run("الخميس 2016/05/05\n\nوصل زيدان الكعبي إلى العاصمة على رأس وفد رفيع المستوى وأجرى محادثات مع المسؤولين في الحكومة.", "b.txt")
    ida = {e.id for e in a.entities if e.type == "PER" and "الكعبي" in e.name}
    idb = {e.id for e in b.entities if e.type == "PER" and "الكعبي" in e.name}
    assert ida and ida == idb


def test_places_are_geocoded_with_country(run):
    doc = run("الثلاثاء 2018/02/13\n\nوصل وزير الخارجية المصري سامح شكري إلى الخرطوم قادما من القاهرة في زيارة رسمية تستمر يومين.")
    places = {e.name_en: e.country for e in doc.entities if e.type in ("LOC", "GPE")}
    assert places.get("Khartoum") == "SDN"
    assert places.get("Cairo") == "EGY"


def test_a_run_of_names_is_not_one_person(run):
    names = ("زهير المغزاوي سالم الابيض رضا الدلاعي هشام العزلوك سالم الحداد نجيبة بن حسين زهير العيدودي "
             "بدر الدين القمودي اسامة عويدات فتحي بلحاج محمد بوشنيبة علي الابيض يوسف بن موسى")
    doc = run("الأحد 2017/03/05\n\nوفي ما يلي قائمة أعضاء المكتب السياسي: " + names)
    assert all(len(e.name.split()) <= 6 for e in doc.entities if e.type == "PER")


def test_mentions_carry_what_their_stage_knew_in_typed_fields(run):
    # the fields after Mention.entity (marsad/doc.py): a title's office, state and span on the name it
    # anchors, a counterpart ROLE resolved to its holder, a KB place on a city
    text = ("الخميس 2023/09/21\n\nالتقى وزير الدفاع الروسي سيرغي شويغو في طهران نظيره الإيراني وبحثا سبل "
            "تعزيز التعاون العسكري بين البلدين في مختلف المجالات الدفاعية.")
    doc = run(text)
    shoigu = next(m for m in doc.mentions if m.text == "سيرغي شويغو")
    assert (shoigu.office.title_en, shoigu.country) == ("Minister of Defence", "RUS")
    assert doc.raw[slice(*shoigu.title_span)] == "وزير الدفاع الروسي"
    role = next(m for m in doc.mentions if m.text.startswith("نظيره"))
    assert role.counterpart and role.country == "IRN" and role.holder is not None
    assert role.entity == f"kb:{role.holder.id}"
    tehran = next(m for m in doc.mentions if m.text == "طهران")
    assert tehran.place is not None and tehran.place.cc3 == "IRN"
    assert not hasattr(shoigu, "attrs")


def test_a_frequent_word_with_an_initial_kaf_is_no_place(run):
    # "كبيرا" (big) is not ك + بيرا (Beira, Mozambique); a rare ك + place still reads as the place
    doc = run("الاثنين 2017/03/06\n\nوقال الجيش إنه ألحق دمارا كبيرا بالأهداف، ولم تبد الإدارة اهتماما كبيرا بالملف.")
    assert not [m for m in doc.mentions if m.type in ("LOC", "GPE")], [(m.text, m.type) for m in doc.mentions]
    doc = run("الاثنين 2017/03/06\n\nوقال إن بلدا كمصر لا يقبل ذلك.")
    assert [e.country for e in doc.entities if e.type == "GPE"] == ["EGY"], [(e.name, e.country) for e in doc.entities]


def test_a_very_frequent_word_with_a_proclitic_reads_as_itself(run):
    # "وكالة" (agency) is not و + a place spelled كالة; "ومصر" and "والعراق" still split into the states
    doc = run("الاثنين 2017/03/06\n\nوقالت وكالة الأنباء الرسمية إن الوزير زار ومصر والعراق.")
    assert sorted(e.country for e in doc.entities if e.type in ("GPE", "LOC")) == ["EGY", "IRQ"], \
        [(e.name, e.country) for e in doc.entities]


def test_a_capital_qualifies_an_office_as_its_state_does(run):
    # GeoNames lists Tehran as a city; the KB's capitals index makes "وزير خارجية طهران" Iran's minister
    doc = run("الجمعة 2018/05/11\n\nقال وزير خارجية طهران أحمد خاتمي، الجمعة، إن الولايات المتحدة تخرق الاتفاق.")
    name = next(m for m in doc.mentions if m.type == "PER")
    assert (name.text, name.office.title_en, name.country) == ("أحمد خاتمي", "Minister of Foreign Affairs", "IRN")
    # with a glued preposition the capital is where the office holder is, a place of its own
    doc = run("الجمعة 2018/05/11\n\nوأكد أهمية اللقاء مع رئيس الجمهورية بواشنطن لمواصلة التشاور.")
    assert [m.text for m in doc.mentions if m.type in ("LOC", "GPE")] == ["واشنطن"], [(m.text, m.type) for m in doc.mentions]


def test_lam_alif_lam_reads_as_the_article_before_a_bare_nisba(run):
    # "للسعودية" is ل + السعودية (the state), not ل + ل + "سعودية" (a nisba, no actor)
    doc = run("الجمعة 2018/05/11\n\nووجه الرئيس الإيراني تهديدا للسعودية والإمارات.")
    assert {m.country for m in doc.mentions if m.type == "GPE"} == {"SAU", "ARE"}, [(m.text, m.country) for m in doc.mentions]


def test_an_undated_article_is_read_at_no_date_not_at_the_day_of_the_run(run):
    # link.py: without a published date no term of office is known to cover the article, so the
    # counterpart ("نظيره الإيراني") is resolved to no person; the event keeps that side as its state
    import datetime as dt

    from marsad.stages.entities import article_date

    body = ("التقى وزير الدفاع الروسي سيرغي شويغو في طهران نظيره الإيراني وبحثا سبل تعزيز التعاون العسكري "
            "بين البلدين في مختلف المجالات الدفاعية.")
    dated, undated = run("الخميس 2023/09/21\n\n" + body, "dated.txt"), run(body, "undated.txt")
    assert article_date(dated, 0) == dt.date(2023, 9, 21) and article_date(undated, 0) is None

    def role(doc):
        return next(m for m in doc.mentions if m.text.startswith("نظيره"))
    assert role(dated).holder is not None and role(dated).entity == f"kb:{role(dated).holder.id}"
    assert role(undated).holder is None and role(undated).entity is None and role(undated).type == "ROLE"
    for doc in (dated, undated):
        assert any("CONSULT" in e.event and {a.code for a in e.recipient + e.source} == {"RUS", "IRN"}
                   for e in doc.events), doc.doc_key


def test_the_moon_is_not_the_comoros(run):
    # "القمر" is the moon or a satellite in news; the state is "جزر القمر"
    doc = run("الجمعة 2018/05/11\n\nووصل القمر الصناعي إلى مداره، وزار رئيس جزر القمر فرنسا.")
    assert [(m.text, m.country) for m in doc.mentions if m.type == "GPE"] == [("جزر القمر", "COM"), ("فرنسا", "FRA")]


def test_the_short_name_of_a_foreign_ministry_and_its_adjective_reading(run):
    # "الخارجية التركية" after a verb is Turkey's foreign ministry; after a noun it is an adjective ("foreign")
    doc = run("الثلاثاء 2024/03/05\n\nوحذرت الخارجية التركية من أن زيادة الرسوم ستضر بالعلاقات.\n")
    ents = {e.id: e for e in doc.entities}
    assert [(m.text, ents[m.entity].country) for m in doc.mentions if m.type == "ORG"] == [("الخارجية", "TUR")]
    doc = run("الثلاثاء 2024/03/05\n\nوانتقد الحزب السياسة الخارجية التركية في المنطقة.\n")
    assert not [m for m in doc.mentions if m.type == "ORG"]


def test_companies_are_organisations_and_no_state_actors(run):
    # the KB's companies (sector BUS): "غولدمان ساكس" is no person, "شركة بوينغ الأمريكية" no American actor
    doc = run("الثلاثاء 2024/03/05\n\nوقال محلل في بنك غولدمان ساكس إن الأسواق ستتراجع.\n")
    assert not [m for m in doc.mentions if m.type == "PER"] and [m.text for m in doc.mentions if m.type == "ORG"] == ["غولدمان ساكس"]
    doc = run("الثلاثاء 2024/03/05\n\nووقعت إيران اليوم عقدا مع شركة بوينغ الأمريكية لشراء 30 طائرة.\n")
    assert not [e for e in doc.events if "USA" in {a.code for a in e.source + e.recipient}]
