"""Kinds of sentences the hard cases of ../shared/cases/public-1 stand for, each on sentences other
than the case's own: passives, pronoun objects, duals, attendees, restated meetings, press
conferences, nested meeting nouns, spans that date nothing, recalled meetings, verbal nouns after a
verb of saying, calls told with اتصال, capitals as actors, long titles before a subject."""
import pytest

from .docs import dated as _dated
from .docs import events as _all_events


def _events(doc):
    return _all_events(doc, detail=True)


@pytest.mark.parametrize("text, visitor, host", [
    ("استُقبل وزير الخارجية الإيطالي أنطونيو تاياني في تونس اليوم من قبل نظيره التونسي نبيل عمار.", "ITA", "TUN"),
    ("واستقبل رئيس الوزراء العراقي محمد شياع السوداني من قبل الرئيس الإيراني مسعود بزشكيان في طهران.", "IRQ", "IRN"),
])
def test_passive_reception_keeps_visitor_and_host(run, text, visitor, host):
    got = [e for e in _events(run(_dated(text))) if e[0] == "CONSULT"]
    assert got and got[0][1] == (visitor,) and got[0][2] == (host,), got


def test_pronoun_object_is_the_guest(run):
    doc = run(_dated("وصل وزير الخارجية التركي هاكان فيدان إلى القاهرة اليوم. ثم استقبله الرئيس المصري عبد الفتاح "
                     "السيسي بقصر الاتحادية."))
    got = [e for e in _events(doc) if e[0] == "CONSULT" and e[2] == ("EGY",)]
    assert got and got[0][1] == ("TUR",), _events(doc)


@pytest.mark.parametrize("second", [
    "ووقّع الوزيران مذكرة تفاهم في مجال الطاقة.",
    "وعقد الزعيمان جلسة مباحثات، ووقّعا اتفاقية للتعاون الاقتصادي.",
])
def test_dual_back_reference_signs_for_the_two_just_named(run, second):
    doc = run(_dated("استقبل الرئيس الجزائري عبد المجيد تبون اليوم رئيس الوزراء الإيطالي جورجيا ميلوني في الجزائر. "
                     + second))
    assert any(e[0] == "SUPPORT" and set(e[1] + e[2]) == {"DZA", "ITA"} for e in _events(doc)), _events(doc)


def test_an_attendee_is_no_second_meeting(run):
    doc = run(_dated("استقبل ولي العهد السعودي الأمير محمد بن سلمان في الرياض اليوم الرئيس الفرنسي إيمانويل ماكرون، "
                     "بحضور وزير الخارجية السعودي الأمير فيصل بن فرحان، وجرى بحث العلاقات الثنائية بين البلدين."))
    consult = [e for e in _events(doc) if e[0] == "CONSULT"]
    assert len(consult) == 1 and consult[0][1] == ("FRA",) and consult[0][2] == ("SAU",), consult


def test_a_press_conference_is_not_a_summit(run):
    doc = run(_dated("قال وزير الخارجية الصيني وانغ يي، في مؤتمر صحفي في ختام زيارته إلى القاهرة، إن العلاقات متينة."))
    consult = [e for e in _events(doc) if e[0] == "CONSULT"]
    assert consult and "multilateral" not in consult[0][3], consult


def test_a_meeting_noun_takes_the_actor_after_it(run):
    doc = run(_dated("دعا وزير الخارجية الأردني أيمن الصفدي خلال لقائه نظيره العراقي فؤاد حسين في عمان إلى وقف "
                     "التصعيد في المنطقة."))
    assert not [e for e in _events(doc) if e[0] == "DEMAND"], _events(doc)


def test_a_span_of_years_dates_no_later_event(run):
    doc = run("الخميس 2024/02/15\n\nاستقبل الرئيس الإماراتي محمد بن زايد اليوم الرئيس الإيراني إبراهيم رئيسي، "
              "في أول زيارة له منذ 12 عاما. ووقّع الرئيسان اتفاقية للتجارة.\n")
    support = [e for e in doc.events if "SUPPORT" in e.event]
    assert support and str(support[0].date) == "2024-02-15", [(e.event, e.date) for e in doc.events]


def test_recalled_meeting_of_the_two_is_historical(run):
    doc = run(_dated("التقى وزير الخارجية المغربي ناصر بوريطة نظيره الإسباني خوسيه مانويل ألباريس في باريس اليوم. "
                     "وكان الوزيران قد التقيا في مدريد الشهر الماضي."))
    hist = [e for e in _events(doc) if e[0] == "CONSULT" and "historical" in e[4]]
    assert hist and set(hist[0][1] + hist[0][2]) == {"ESP", "MAR"}, _events(doc)


def test_verbal_noun_after_a_verb_of_saying(run):
    doc = run(_dated("أجرى وزير الخارجية المصري بدر عبد العاطي اتصالا هاتفيا مع نظيره التركي هاكان فيدان، وأكد له "
                     "رفض مصر أي تصعيد في المنطقة."))
    assert not [e for e in _events(doc) if e[0] == "REJECT"], _events(doc)


def test_a_call_told_with_ittisal_and_a_clitic_name(run):
    doc = run(_dated("بحث وزير الخارجية القطري محمد بن عبد الرحمن آل ثاني مع لافروف في اتصال منفصل الوضع في غزة."))
    assert any(e[0] == "CONSULT" and set(e[1] + e[2]) == {"QAT", "RUS"} for e in _events(doc)), _events(doc)


@pytest.mark.parametrize("capital, code", [("واشنطن", "USA"), ("طهران", "IRN"), ("أنقرة", "TUR")])
def test_a_capital_stands_for_its_state(run, capital, code):
    doc = run(_dated(f"اتهم وزير الخارجية الروسي سيرغي لافروف {capital} بتأجيج الصراع."))
    assert ("ACCUSE", ("RUS",), (code,)) in [e[:3] for e in _events(doc)], _events(doc)


def test_a_long_title_before_the_subject(run):
    doc = run(_dated("استقبل رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي في السراي الحكومي، اليوم، وزير "
                     "الخارجية المصري بدر عبد العاطي."))
    assert ("CONSULT", ("EGY",), ("LBN",)) in [e[:3] for e in _events(doc)], _events(doc)


@pytest.mark.parametrize("text, flag", [
    ("ألغى رئيس الوزراء الفرنسي إدوار فيليب زيارته إلى إسرائيل ولقاءه برئيس الوزراء الإسرائيلي بنيامين نتنياهو.",
     "negation"),
    ("ولن يزور وزير الدفاع الأمريكي جيم ماتيس الصين ولن يلتقي نظيره الصيني وي فنغي.", "negation"),
    ("وإذا فرضت الولايات المتحدة عقوبات على روسيا فإن موسكو سترد بقوة.", "hypothetical"),
    ("ويعتزم الرئيس الفرنسي إيمانويل ماكرون زيارة الجزائر ولقاء الرئيس عبد المجيد تبون.", "future"),
])
def test_modality_is_told_in_context(run, text, flag):
    evs = run(_dated(text)).events
    assert evs and all(flag in e.context for e in evs), [(e.event, e.context) for e in evs]


def test_a_condition_inside_a_closed_quotation_does_not_reach_the_act_after_it(run):
    text = ('وكتب الرئيس الأمريكي دونالد ترامب "التجارة المنصفة ستصبح تجارة غبية إذا لم تكن متبادلة"، في انتقاد '
            'للرسوم التي ستفرضها كندا على وارداتها من الحليب الأمريكي.')
    accuse = [e for e in run(_dated(text)).events if e.event == ["ACCUSE"]]
    assert accuse and "hypothetical" not in accuse[0].context, [(e.event, e.context) for e in accuse]
    # the quoted condition itself stays hypothetical
    quoted = run(_dated('وقال ظريف "إذا فرضت أمريكا عقوبات على إيران فإنها سترد".')).events
    assert quoted and all("hypothetical" in e.context for e in quoted), [(e.event, e.context) for e in quoted]


def test_a_future_date_of_an_earlier_sentence_does_not_make_news_future(run):
    doc = run(_dated("ومن المنتظر أن تعقد القمة الشهر المقبل. والتقى وزير الخارجية المصري سامح شكري نظيره الأردني "
                     "أيمن الصفدي في القاهرة."))
    consult = [e for e in doc.events if e.event == ["CONSULT"]]
    assert consult and "future" not in consult[0].context, [(e.event, e.context) for e in doc.events]


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية الأمريكي مايك بومبيو على هامش قمة سنغافورة إن الحوار مع كوريا الشمالية مستمر.",
    "وأشار الرئيس الفلسطيني محمود عباس إلى أن اتفاقات أوسلو لم تعد قائمة.",
])
def test_a_place_in_the_genitive_of_a_summit_or_treaty_is_no_party(run, text):
    codes = {a.code for e in run(_dated(text)).events for a in e.source + e.recipient}
    assert not codes & {"SGP", "NOR"}, codes


def test_a_sports_report_gives_no_meeting(run):
    doc = run(_dated("وفي لقاء المنتخب التونسي ونظيره المصري في الملعب الأولمبي، سجل اللاعب هدفين في الشوط الثاني."))
    assert not doc.events, [(e.event, [a.code for a in e.source + e.recipient]) for e in doc.events]


def test_calls_to_two_leaders_are_two_calls(run):
    doc = run(_dated("أجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا بالعاهل الأردني الملك عبد الله الثاني والرئيس "
                     "الفلسطيني محمود عباس."))
    calls = sorted(tuple(sorted({a.code for a in e.source + e.recipient})) for e in doc.events if "phone" in e.mode)
    assert calls == [("FRA", "JOR"), ("FRA", "PSE")], calls


def test_the_visit_already_told_is_no_new_meeting(run):
    doc = run(_dated("وصل وزير الخارجية الأمريكي ريكس تيلرسون إلى أديس أبابا اليوم في زيارة إلى إثيوبيا. "
                     "وتأتي الزيارة في محاولة لتبديد مخاوف القارة من إهمال الرئيس الأمريكي دونالد ترامب لها."))
    consult = [e for e in doc.events if e.event == ["CONSULT"]]
    assert len(consult) <= 1, [(e.event, [a.code for a in e.source + e.recipient]) for e in consult]


def test_an_organisation_hosting_the_forum_is_no_party(run):
    doc = run(_dated("والتقى وزير الخارجية التركي مولود جاويش أوغلو نظيره الأمريكي مايك بومبيو في سنغافورة، على هامش "
                     "الاجتماع الـ51 لوزراء خارجية رابطة دول جنوب شرق آسيا."))
    codes = [{a.code for a in e.source + e.recipient} for e in doc.events if e.event == ["CONSULT"]]
    assert codes and all("IGO" not in c for c in codes), codes


def test_the_content_of_an_agreement_is_no_party(run):
    doc = run(_dated("وذكر الإليزيه أن فرنسا اتفقت مع بريطانيا على أن روسيا كانت وراء الهجوم."))
    agree = [e for e in doc.events if e.event == ["AGREE"]]
    assert agree and {a.code for a in agree[0].source + agree[0].recipient} == {"FRA", "GBR"}, \
        [(e.event, [a.code for a in e.source + e.recipient]) for e in doc.events]


def test_sport_words_count_with_their_proclitics_and_once_each(run):
    text = ("وتجمد رصيد إيران اليوم عند ثلاث نقاط نالتها من فوزها على المغرب بهدف قاتل سجله اللاعب في مرمى فريقه.")
    assert not run(_dated(text)).events
    # a general's rank twice is one word, and no sports report
    text = ("استقبل الفريق محمد فريد، رئيس أركان الجيش المصري، اليوم الفريق أول ركن فياض بن حامد الرويلي، رئيس هيئة "
            "الأركان العامة للجيش السعودي.")
    assert [e for e in run(_dated(text)).events if e.event == ["CONSULT"]]


def test_declining_to_comment_is_no_rejection(run):
    got = run(_dated("وقصفت الطائرات السورية اليوم مواقع في الجولان، لكن إسرائيل رفضت التعليق.")).events
    assert not [e for e in got if e.event == ["REJECT"]], [(e.event, [a.code for a in e.source]) for e in got]
    assert [e for e in run(_dated("ورفضت تركيا اليوم المطالب الأمريكية.")).events if e.event == ["REJECT"]]


@pytest.mark.parametrize("text, codes", [
    ("وعقب اجتماعه مع نظيره الروسي سيرغي لافروف اليوم، أعلن وزير الخارجية الأمريكي مايك بومبيو أن المحادثات كانت مثمرة.",
     {"RUS", "USA"}),
    ("وبعد اللقاء مع رئيسة الوزراء البريطانية تيريزا ماي، ليلة الخميس، أصدر قادة الاتحاد الأوروبي بيانا.", {"GBR", "IGO"}),
])
def test_a_meeting_in_an_opening_time_phrase_is_with_the_main_clauses_subject(run, text, codes):
    got = [e for e in run(_dated(text)).events if e.event == ["CONSULT"]]
    assert got and {a.code for a in got[0].source + got[0].recipient} == codes, [(e.event, [a.code for a in e.source]) for e in got]


def test_a_state_after_a_preposition_is_no_main_clause_subject(run):
    text = "وبعد لقائه الرئيس الأمريكي دونالد ترامب لدى عودته، أمس، من رحلته إلى السعودية وتركيا، أطلع بومبيو المراسلين."
    assert not [e for e in run(_dated(text)).events if e.event == ["CONSULT"]]


def test_an_organisation_a_few_words_after_a_meeting_noun_hosts_it(run):
    text = ("وندد رئيس الوزراء الإسرائيلي بنيامين نتنياهو اليوم خلال لقاء مع رؤساء مجموعة فيشغراد في اجتماع مغلق في "
            "بودابست بمطالب الاتحاد الأوروبي.")
    got = [e for e in run(_dated(text)).events if e.event == ["CONSULT"]]
    assert not [e for e in got if "IGO" in {a.code for a in e.source + e.recipient}], [
        (e.event, [a.code for a in e.source + e.recipient]) for e in got]
    # met by a verb, the organisation's officer is a party
    got = run(_dated("والتقى وزير الخارجية الفلسطيني رياض المالكي اليوم المدعية العامة في المحكمة الجنائية الدولية "
                     "فاتو بنسودا في لاهاي.")).events
    assert [e for e in got if e.event == ["CONSULT"] and "IGO" in {a.code for a in e.source + e.recipient}]


def test_a_possibility_far_back_in_a_long_sentence_does_not_reach_the_act(run):
    # "على الأرجح" hedges what Tusk thought of Russia; twenty words later Macron's support is a fact
    text = ("وكان رئيس المجلس الأوروبي دونالد توسك قد اعتبر سابقا في هلسنكي أن روسيا تقف على الأرجح وراء تسميم "
            "العميل المزدوج الروسي السابق سيرغي سكريبال وابنته يوليا في مدينة سالزبري البريطانية في الرابع من "
            "الشهر الماضي بغاز أعصاب طورته موسكو، ثم أعلن الرئيس الفرنسي "
            "إيمانويل ماكرون دعمه الكامل لبريطانيا.")
    support = [e for e in run(_dated(text)).events if "SUPPORT" in e.event]
    assert support and "hypothetical" not in support[0].context, [(e.event, e.context) for e in support]


@pytest.mark.parametrize("text, event", [
    # "اتصل … بـ" is a phone call, as "هاتف" and "أجرى اتصالا" are
    ("اتصل وزير الخارجية الروسي سيرغي لافروف اليوم بنظيره الأمريكي مايك بومبيو.", ("CONSULT", ("RUS",), ("USA",))),
    ("الملك سلمان يتصل بأردوغان بشأن قضية خاشقجي.", ("CONSULT", ("SAU",), ("TUR",))),
])
def test_ittasala_bi_is_a_call(run, text, event):
    got = _events(run(_dated(text)))
    assert any(e[:3] == event and "phone" in e[3] for e in got), got


@pytest.mark.parametrize("text, event", [
    # leaders joined by "وال…" with their titles are one subject: one meeting of all of them
    ("والتقى كل من رئيسة الوزراء البريطانية تيريزا ماي والرئيس الفرنسي إيمانويل ماكرون والمستشارة الألمانية "
     "أنغيلا ميركل اليوم في بروكسل.", ("CONSULT", ("DEU", "FRA", "GBR"), ())),
    # a titled object after the subject is no second subject ("وزير" is no و + title)
    ("واستقبل الرئيس المصري عبد الفتاح السيسي اليوم وزير الخارجية الأمريكي مايك بومبيو.", ("CONSULT", ("USA",), ("EGY",))),
    # nor is an object after a time word with a pronoun ("وقتها")
    ('واتهمت بيونغيانغ وقتها مستشار الأمن الوطني الأمريكي، جون بولتون، بإطلاق "تصريحات متهورة".',
     ("ACCUSE", ("PRK",), ("USA",))),
])
def test_titled_leaders_joined_by_waw_act_together(run, text, event):
    got = [e[:3] for e in _events(run(_dated(text)))]
    assert event in got and len([e for e in got if e[0] == event[0]]) == 1, got


@pytest.mark.parametrize("text", [
    # a football federation criticising its players is a sports story, however many states it names
    "انتقد الاتحاد الألماني لكرة القدم لاعبيه الدوليين مسعود أوزيل وإلكاي غوندوغان لظهورهما في صور مع الرئيس التركي "
    "رجب طيب أردوغان.",
    "وانتقد الاتحاد المصري لكرة القدم لاعبيه بعد لقائهم وزير الرياضة السعودي.",
])
def test_a_football_federation_and_its_players_are_no_states(run, text):
    got = run(_dated(text)).events
    assert not got, [(e.event, [a.code for a in e.source + e.recipient]) for e in got]


def test_the_ball_in_a_states_court_is_no_sports_report(run):
    got = run(_dated("وقال وزير الخارجية الإيراني محمد جواد ظريف إن الكرة الآن في ملعب الولايات المتحدة، وإن بلاده "
                     "ترفض المطالب الأمريكية.")).events
    assert [e for e in got if "REJECT" in e.event], [(e.event, [a.code for a in e.source]) for e in got]


@pytest.mark.parametrize("text, expected", [
    # a quantity right after the verb is its subject, not the one the discourse was about
    ("قال الرئيس التركي رجب طيب أردوغان إن بلاده لن تتراجع.\nكما انتقد العديد من السياسيين الألمان اللاعبين.", None),
    ("وصل الرئيس التركي رجب طيب أردوغان إلى برلين.\nكما انتقد عدد من المسؤولين الألمان الرئيس التركي.",
     ("ACCUSE", ("DEU",), ("TUR",))),
])
def test_a_quantified_subject_after_the_verb_is_its_own(run, text, expected):
    got = [(cat, tuple(sorted({a.code for a in e.source})), tuple(sorted({a.code for a in e.recipient})))
           for e in run(_dated(text)).events for cat in e.event if cat == "ACCUSE"]
    assert ("ACCUSE", ("TUR",), ("DEU",)) not in got and (expected is None and not got or expected in got), got


@pytest.mark.parametrize("text, visitor, host", [
    # an invitation to visit is the visit to come, not a demand
    ("دعا الرئيس الأمريكي دونالد ترامب، نظيره الروسي فلاديمير بوتين، لزيارة الولايات المتحدة في الخريف.", "RUS", "USA"),
    ("ودعا الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي إيمانويل ماكرون إلى زيارة القاهرة.", "FRA", "EGY"),
])
def test_an_invitation_to_visit_is_a_visit_to_come(run, text, visitor, host):
    doc = run(_dated(text))
    assert not [e for e in doc.events if "DEMAND" in e.event], [(e.event, e.context) for e in doc.events]
    visits = [e for e in doc.events if "CONSULT" in e.event]
    assert visits and all("future" in e.context and {a.code for a in e.source} == {visitor} for e in visits), \
        [(e.event, e.context, [a.code for a in e.source]) for e in visits]


def test_a_call_for_a_meeting_stays_a_demand(run):
    doc = run(_dated("دعت البعثة الكويتية لدى الأمم المتحدة إلى عقد اجتماع طارئ لمجلس الأمن الدولي لمناقشة الوضع."))
    assert [e for e in doc.events if "DEMAND" in e.event], [(e.event, e.context) for e in doc.events]
