"""Several acts between the same states in one article or one sentence, each on hand-written sentences:
acts of their own kind (a shoot-down beside air strikes, an expulsion beside a threat to assets) stay
apart, readings of one sentence told by different officials or on different days stay apart, a clause
after "أن" is dated by its saying, the speaker's own forces ("إحدى طائراته") act for the speaker, and a
state named as a border is no party."""
import datetime as dt

import pytest

from .docs import dated as _dated
from .docs import events as _all_events


def _events(doc):
    return _all_events(doc, detail=False)


@pytest.mark.parametrize("text, agent, target", [
    ("يقول الجيش الإسرائيلي إن إحدى طائراته العمودية أسقطت اليوم طائرة بلا طيار إيرانية.", "ISR", "IRN"),
    ("وقالت وزارة الدفاع الروسية إن طائراتها قصفت مواقع في إدلب السورية.", "RUS", "SYR"),
])
def test_the_speakers_own_forces_act_for_the_speaker(run, text, agent, target):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"]
    assert ("ASSAULT", (agent,), (target,)) in got, got


def test_forces_without_a_pronoun_do_not_borrow_the_speaker():
    from marsad.stages.acts import own_forces
    from marsad.stages.entities import Tok
    from marsad.textnorm import fold_key

    def toks(s):
        return [Tok(fold_key(w), 0, 0, (fold_key(w),)) for w in s.split()]
    heads = {fold_key(w) for w in ("طائرات", "قوات")}
    assert own_forces(toks("إحدى طائراته أسقطت طائرة"), 0, heads)
    assert own_forces(toks("قواتها قصفت المواقع"), 0, heads)
    assert not own_forces(toks("طائرات مجهولة قصفت المواقع"), 0, heads)


def test_a_shoot_down_and_air_strikes_on_the_same_day_are_two_acts(run):
    doc = run(_dated("وشنت إسرائيل اليوم غارات جوية على أهداف إيرانية في سوريا.\n"
                     "وقال الجيش الإسرائيلي إن مروحية إسرائيلية أسقطت اليوم طائرة بلا طيار إيرانية."))
    isr_irn = [e for e in doc.events if "ASSAULT" in e.event and {a.code for a in e.source} == {"ISR"}
               and {a.code for a in e.recipient} == {"IRN"}]
    assert len(isr_irn) == 2, [(e.event, e.event_text) for e in doc.events]


def test_two_officials_acts_in_one_sentence_on_two_days_stay_apart(run):
    doc = run(_dated("وأعلنت رئيسة الوزراء البريطانية تيريزا ماي أمس الاثنين أن بريطانيا ستطرد 23 دبلوماسيا روسيا، كما قال "
                     "وزير الخارجية بوريس جونسون اليوم الثلاثاء إن لندن ستستهدف أصول روسيا في بريطانيا."))
    sanctions = [e for e in doc.events if "SANCTION" in e.event]
    assert len(sanctions) == 2, [(e.event, e.date) for e in doc.events]
    # the expulsion is dated by the announcement it is told under; the assets are a sanction, no assault
    assert {e.date for e in sanctions} == {dt.date(2024, 3, 4), dt.date(2024, 3, 5)}
    assert not any("ASSAULT" in e.event for e in doc.events)


def test_a_state_named_as_a_border_is_no_party(run):
    got = _events(run(_dated("لكن التنظيم ما يزال ينشط على طول الحدود مع سوريا، وينفذ اغتيالات وتفجيرات في العراق.")))
    assert not [e for e in got if e[0] == "ASSAULT"], got


def test_an_offensive_begun_by_a_state_in_a_town_targets_the_towns_state(run):
    # "بدأ" is a light verb like "شن"; "جويا" is "by air", not Goya in Argentina
    got = _events(run(_dated("وبدأت تركيا الشهر الماضي هجوما جويا وبريا في عفرين السورية لاستهداف المقاتلين الأكراد.")))
    assert ("ASSAULT", ("TUR",), ("SYR",)) in got, got
    assert not any("ARG" in e[1] + e[2] for e in got), got


def test_a_spokesperson_the_kb_does_not_know_speaks_for_her_ministrys_state(run):
    # the ellipsis inside the quotation leaves words out; it does not end the sentence
    doc = run(_dated('وقالت المتحدثة باسم وزارة الخارجية الأمريكية هيذر ناورت في بيان إن الولايات المتحدة "قررت... أن '
                     'الحكومة الروسية استخدمت أسلحة كيمياوية في انتهاك للقانون الدولي".'))
    acc = [e for e in doc.events if "ACCUSE" in e.event]
    assert acc and {a.code for a in acc[0].recipient} == {"RUS"}, [(e.event, e.source) for e in doc.events]
    assert any(a.actor_text == "هيذر ناورت" and a.code == "USA" for a in acc[0].source), acc[0].source


def test_an_ellipsis_in_an_open_quotation_does_not_split_the_sentence():
    from marsad.stages.metadata import split_sentences
    text = 'وقال إن بلاده "قررت... أن الحكومة استخدمت أسلحة". وأضاف أن الأمر انتهى... ثم غادر.'
    got = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert got[0] == 'وقال إن بلاده "قررت... أن الحكومة استخدمت أسلحة".'
    assert got[1:] == ["وأضاف أن الأمر انتهى...", "ثم غادر."]


@pytest.mark.parametrize("text, expected", [
    # "his country" after a verbal noun is the subject's state; the nisba on the treaty names the other side
    ("وكان الرئيس الأمريكي دونالد ترامب قال في كلمة له اليوم معلنا انسحاب بلاده من الاتفاق النووي الإيراني.",
     ("REJECT", ("USA",), ("IRN",))),
    # an envoy recalled from his post: the post's state, not the official who announced it
    ("أعلن الاتحاد الأوروبي اليوم استدعاءه لسفيره في موسكو للتشاور، وفقا لما ذكره رئيس الوزراء الإيرلندي.",
     ("SANCTION", ("IGO",), ("RUS",))),
    ("وكان الرئيس الأمريكي دونالد ترامب أعلن اليوم مضاعفة الرسوم على الألمنيوم والفولاذ المستوردين من تركيا.",
     ("SANCTION", ("USA",), ("TUR",))),
])
def test_acts_whose_target_is_told_by_a_place_a_nisba_or_an_import(run, text, expected):
    assert expected in _events(run(_dated(text))), _events(run(_dated(text)))


def test_criticism_of_an_act_told_in_a_relative_clause_is_aimed_at_its_agent(run):
    text = ('وكتب الرئيس الأمريكي دونالد ترامب اليوم "التجارة المنصفة ستصبح تجارة غبية إذا لم تكن متبادلة"، في انتقاد '
            'للرسوم التي ستفرضها كندا على وارداتها من الحليب الأمريكي.')
    got = _events(run(_dated(text)))
    assert ("ACCUSE", ("USA",), ("CAN",)) in got, got
    # a future verb whose subject is a thing ("التجارة … ستصبح") under a condition is a complaint, no threat
    assert not [e for e in got if e[0] == "THREATEN"], got


def test_a_deadline_told_by_its_own_relative_clause_is_the_agents_demand(run):
    got = _events(run(_dated("وانتهت اليوم المهلة التي حددتها لندن لروسيا لكي تقدم تفسيرات لمنظمة حظر الأسلحة الكيميائية.")))
    assert ("DEMAND", ("GBR",), ("RUS",)) in got, got


def test_a_killing_by_an_unnamed_gun_borrows_no_agent_from_the_announcer(run):
    # "بنيران الجيش الإسرائيلي" names who fired; "بالرصاص" alone names no one, not the body that announced it
    got = _events(run(_dated("أعلنت اللجنة الدولية للصليب الأحمر اليوم مقتل أحد موظفيها بالرصاص في اليمن.")))
    assert not [e for e in got if e[0] == "ASSAULT"], got


def test_a_summons_with_an_order_to_leave_is_an_expulsion(run):
    got = _events(run(_dated('أعلنت وزارة الخارجية الإسرائيلية اليوم أنها استدعت القنصل التركي العام وطلبت منه "المغادرة".')))
    assert ("SANCTION", ("ISR",), ("TUR",)) in got, got
    assert not [e for e in got if e[0] == "CONSULT"], got


@pytest.mark.parametrize("text, expected", [
    ("تعهدت اليابان اليوم لمصر بتمويل مشروع المتحف.", {("AGREE", ("JPN",), ("EGY",))}),
    # a pledge to no one: peace in Syrian regions promises Syria nothing
    ("تعهد الرئيس التركي رجب طيب أردوغان اليوم بتحقيق السلام والأمن في مناطق سورية ليست تحت السيطرة التركية.", set()),
])
def test_a_pledge_is_an_agreement_only_with_whom_it_is_made_to(run, text, expected):
    got = {e for e in _events(run(_dated(text))) if e[0] == "AGREE"}
    assert got == expected, got


def test_a_company_named_after_a_city_is_no_state(run):
    text = 'ويذكر أن شركة موانئ دبي العالمية اتهمت اليوم حكومة جيبوتي بالاستيلاء بصورة "غير مشروعة" على محطة حاويات.'
    assert not [e for e in _events(run(_dated(text))) if "ARE" in e[1] + e[2]]


def test_what_a_draft_resolution_would_condemn_is_not_condemned(run):
    got = _events(run(_dated("وتصوت الجمعية العامة اليوم على مشروع قرار يدين إسرائيل لاستخدامها القوة المفرطة ضد الفلسطينيين.")))
    assert not [e for e in got if e[0] == "ACCUSE"], got


def test_a_verbless_subheading_is_no_event_but_a_headline_with_its_verb_is(run):
    doc = run(_dated("قال وزير الخارجية الإسرائيلي اليوم إن الاتفاق تاريخي.\nانتقادات إسرائيلية لهدنة طويلة مع حماس\n"
                     "ليبرمان يرفض اعتذار الرئيس الفلسطيني\nوقال ليبرمان اليوم إن الاعتذار غير كاف."))
    texts = [t for e in doc.events for t in e.event_text]
    assert not any(t.startswith("انتقادات") for t in texts), texts


@pytest.mark.parametrize("text, expected", [
    # an attack noun elsewhere in the clause is no weapon: the official attacks in words
    ("هاجم الرئيس الأمريكي دونالد ترامب اليوم بشدة روسيا في أعقاب ما يشتبه بأنه هجوم كيماوي في سوريا.", ("ACCUSE", ("USA",), ("RUS",))),
    # attacking someone's words is an accusation, whoever attacks
    ('وقد هاجمت الصين اليوم تعليقات الرئيس الأمريكي دونالد ترامب ووصفتها بأنها "غير مسؤولة".', ("ACCUSE", ("CHN",), ("USA",))),
])
def test_an_attack_in_words_is_an_accusation(run, text, expected):
    got = _events(run(_dated(text)))
    assert expected in got and not [e for e in got if e[0] == "ASSAULT"], got


@pytest.mark.parametrize("text, expected, not_expected", [
    ("وفي غضون أشهر قليلة رفعت غالبية العقوبات الأمريكية المفروضة على ليبيا.", "YIELD", "SANCTION"),
    # easing the weight of someone's sanctions is not lifting them
    ("ويعمل الاتحاد الأوروبي على آلية اقتصادية تخفف من وطأة العقوبات الأمريكية على طهران.", "SANCTION", "YIELD"),
    # "علّق" is also "commented on": no easing
    ("وعلق وزير الخارجية الإيراني على العقوبات الأمريكية على طهران.", "SANCTION", "YIELD"),
])
def test_lifted_sanctions_are_easing_not_sanctions(run, text, expected, not_expected):
    got = {e[0] for e in _events(run(_dated(text))) if set(e[1] + e[2]) & {"LBY", "IRN"}}
    assert expected in got and not_expected not in got, got


def test_an_attack_a_foiled_plot_planned_did_not_happen(run):
    got = _events(run(_dated("أعلنت إسرائيل اليوم أنها أحبطت مخططا إرهابيا، استهدف إسقاط طائرة ركاب في أستراليا.")))
    assert not [e for e in got if e[0] == "ASSAULT"], got


def test_a_later_bare_surname_that_is_a_word_is_the_person_named_before(run):
    doc = run(_dated("التقت رئيسة الوزراء البريطانية تيريزا ماي اليوم الرئيس الفرنسي إيمانويل ماكرون في لندن.\n"
                     "وأعلنت ماي أمس الاثنين أن بريطانيا ستطرد 23 دبلوماسيا روسيا، كما قال وزير الخارجية بوريس جونسون "
                     "اليوم إن لندن ستستهدف أصول روسيا في بريطانيا.\nويبدأ العمل بالقرار في 15 ماي المقبل."))
    may = [m for m in doc.mentions if m.entity == "kb:may_theresa"]
    assert [doc.raw[m.start:m.end] for m in may] == ["تيريزا ماي", "ماي"], may  # not the month "15 ماي"
    sanctions = {e.date: {a.entity for a in e.source} for e in doc.events if "SANCTION" in e.event}
    # each act by the official named last before it
    assert "kb:may_theresa" in sanctions[dt.date(2024, 3, 4)] and "kb:johnson_boris" in sanctions[dt.date(2024, 3, 5)], sanctions


def test_a_state_an_accusation_is_about_is_not_whom_it_is_aimed_at(run):
    text = ("واتهمت المتحدثة باسم البيت الأبيض سارة ساندرز اليوم المسؤولين الستة السابقين بالحديث عن ادعاءات لا أساس "
            "لها بشأن علاقة الرئيس الأمريكي بالحكومة الروسية.")
    assert not [e for e in _events(run(_dated(text))) if "RUS" in e[1] + e[2]]


@pytest.mark.parametrize("text, kept", [
    ("وجددت المملكة العربية السعودية اليوم ترحيبها بالمواطنين القطريين الراغبين بأداء مناسك الحج.", False),
    # people an attack falls on still name its target
    ("وقصفت الطائرات الإسرائيلية اليوم تجمعا لمدنيين فلسطينيين في غزة.", True),
])
def test_citizens_named_by_a_nisba_are_no_state_unless_attacked(run, text, kept):
    got = _events(run(_dated(text)))
    assert bool([e for e in got if set(e[1] + e[2]) & {"QAT", "PSE"}]) == kept, got


def test_words_that_fold_into_a_state_or_a_party_are_not_them(run):
    # "اليمنى" (right, as in the right arm) folds like "اليمني"; "فتح الله غولن" is no Fatah
    got = _events(run(_dated('واستقبل الرئيس الأمريكي دونالد ترامب اليوم كيم يونغ شول الذي يوصف بأنه "الذراع اليمنى" '
                             'للزعيم الكوري الشمالي.\nواتهمت أنقرة اليوم القس الأمريكي بدعم حركة فتح الله غولن.')))
    assert not [e for e in got if set(e[1] + e[2]) & {"YEM", "PSE"}], got


def test_who_was_hit_by_fire_is_the_target(run):
    got = _events(run(_dated("وتحطمت اليوم طائرة حربية إسرائيلية من نوع أف 16 بنيران الدفاعات الجوية السورية.")))
    assert ("ASSAULT", ("SYR",), ("ISR",)) in got, got
    # a state blamed before the fire is not who was hit
    got = _events(run(_dated("وحمل وزير الدفاع الروسي سيرغي شويغو مرة أخرى إسرائيل المسؤولية عن إسقاط الطائرة "
                             "بنيران الدفاعات الجوية السورية.")))
    assert ("ACCUSE", ("RUS",), ("ISR",)) in got and not [e for e in got if e[0] == "ASSAULT"], got


def test_the_same_pair_the_other_way_round_is_another_act(run):
    text = ("واتهم الرئيس الفرنسي إيمانويل ماكرون اليوم الحكومة الإيطالية بعدم المسؤولية. "
            "واتهم وزير الداخلية الإيطالي ماتيو سالفيني اليوم فرنسا بالنفاق.")
    got = _events(run(_dated(text)))
    assert ("ACCUSE", ("FRA",), ("ITA",)) in got and ("ACCUSE", ("ITA",), ("FRA",)) in got, got


@pytest.mark.parametrize("text, expected, absent", [
    # the genitive of an accusation noun charged with an act is the accused
    ("أكد وزير الخارجية الروسي سيرغي لافروف اليوم أن هولندا لم تقدم أدلة تسمح باتهام روسيا بإسقاط الطائرة الماليزية.",
     ("ACCUSE", ("NLD",), ("RUS",)), ("ACCUSE", ("RUS",), ("MYS",))),
    # a nisba after it is the accuser, and a topic's nisba before it accuses no one
    ("ويواجه القس الأمريكي اليوم اتهامات تركية بالإرهاب.", None, ("ACCUSE", ("USA",), ("TUR",))),
    ("وتدهورت العلاقات اليوم على خلفية الأزمة الأوكرانية واتهام موسكو بالتدخل في الانتخابات.", None,
     ("ACCUSE", ("UKR",), ("RUS",))),
])
def test_an_accusation_noun_and_the_accused(run, text, expected, absent):
    got = _events(run(_dated(text)))
    assert (expected is None or expected in got) and absent not in got, got


def test_an_aircraft_after_a_shoot_down_verb_is_what_was_downed(run):
    got = _events(run(_dated("وأسقطت الطائرة الماليزية اليوم فوق أوكرانيا.")))
    assert not [e for e in got if e[0] == "ASSAULT"], got
    got = _events(run(_dated("وأسقطت طائرة تركية اليوم طائرة سورية.")))
    assert ("ASSAULT", ("TUR",), ("SYR",)) in got, got
