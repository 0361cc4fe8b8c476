"""Reported statements (marsad/stages/statements.py, data/statements.json): each stance cue's example,
and each rule of speaker, target and direction on a few sentences of its kind."""
import datetime as dt
import json
from importlib import resources

import pytest

from marsad.stages.statements import load_statements, statement_lexicon
from marsad.textnorm import fold_key

from .docs import dated as _dated

DATA = json.loads(resources.files("marsad.data").joinpath("statements.json").read_text("utf-8"))


def _events(doc):
    return sorted((cat, tuple(sorted({a.code for a in e.source})), tuple(sorted({a.code for a in e.recipient})))
                  for e in doc.events for cat in e.event)


@pytest.mark.parametrize("spec", DATA["stance"], ids=[s["id"] for s in DATA["stance"]])
def test_stance_example_gives_its_event(run, spec):
    doc = run(spec["example"] + "\n")
    got = [(cat, sorted({a.code for a in e.source + e.recipient})) for e in doc.events for cat in e.event]
    assert (spec["category"], sorted(spec["expect"])) in got, got


def test_lexicon_rejects_unknown_category():
    with pytest.raises(ValueError, match="FOO"):
        load_statements({"report": [], "stance": [{"id": "x", "category": "FOO", "words": ["قلق"]}]})


def test_phrases_and_clitics_are_matched():
    lex = statement_lexicon()
    words = [fold_key(w) for w in "وقال إن العقوبات غير مشروعة وإنها عدوان".split()]
    cats = {(c.index, c.category) for c in lex.cues(words)}
    assert (3, "ACCUSE") in cats and (6, "ACCUSE") in cats


@pytest.mark.parametrize("text, expected", [
    # verb-subject order, the speaker's state toward the state its words are about
    ("وقال وزير الخارجية الإيراني محمد جواد ظريف إن الضربات الأمريكية على سوريا عدوان سافر.",
     ("ACCUSE", ("IRN",), ("USA",))),
    # subject before the verb: a capital stands for its state
    ("موسكو تعتبر العقوبات البريطانية غير قانونية.", ("ACCUSE", ("RUS",), ("GBR",))),
    # an unnamed spokesperson speaks for the body after في / باسم
    ("وقال متحدث باسم الخارجية الروسية إن القرار الأمريكي مخيب للآمال.", ("ACCUSE", ("RUS",), ("USA",))),
])
def test_speaker_and_target(run, text, expected):
    assert expected in _events(run(text + "\n"))


def test_two_stances_in_one_statement_give_two_events(run):
    doc = run("وأكد وزير الخارجية السوري وليد المعلم تضامن بلاده الكامل مع إيران في مواجهة السياسات العدوانية "
              "للإدارة الأمريكية.\n")
    got = _events(doc)
    assert ("SUPPORT", ("SYR",), ("IRN",)) in got
    assert ("ACCUSE", ("SYR",), ("USA",)) in got


@pytest.mark.parametrize("text", [
    "وقالت الخارجية الروسية إن العقوبات الأمريكية على إيران غير مشروعة.",
    "وأعرب الاتحاد الأوروبي عن أسفه لإعادة فرض العقوبات الأمريكية على إيران.",
])
def test_the_state_an_act_falls_on_is_no_target(run, text):
    got = _events(run(text + "\n"))
    accuse = [g for g in got if g[0] == "ACCUSE"]
    assert accuse and all(g[2] == ("USA",) for g in accuse), got


def test_compound_subject_is_one_event_of_all_its_states(run):
    got = _events(run("أدانت دمشق وموسكو بشدة العقوبات الأمريكية على إيران.\n"))
    assert ("ACCUSE", ("RUS", "SYR"), ("USA",)) in got, got


def test_unnamed_source_is_not_the_discourse_subject(run):
    doc = run("استقبل الرئيس التونسي قيس سعيد وزير الخارجية الإيطالي.\n"
              "وقالت المصادر إن القوات الإسرائيلية ارتكبت مجزرة.\n")
    assert not [e for e in doc.events if "ACCUSE" in e.event], _events(doc)


def test_a_cue_after_a_preposition_of_time_names_a_past_event(run):
    doc = run("وأضاف وزير الدفاع الإيراني أن قدراتنا أصبحت أقوى من قبل العدوان الإسرائيلي.\n")
    assert not [e for e in doc.events if "ACCUSE" in e.event], _events(doc)


@pytest.mark.parametrize("text", [
    # a demand is of the one named after it, not of what was said before
    "وقال أمير قطر إن الحوار الذي بدأته الكويت مع إيران يجب أن يستمر.",
])
def test_demand_looks_forward(run, text):
    assert not [e for e in run(text + "\n").events if "DEMAND" in e.event]


def test_demand_of_the_state_after_the_cue(run):
    got = _events(run("وقال وزير الخارجية الفرنسي جان إيف لودريان إنه يجب على إيران احترام التزاماتها.\n"))
    assert ("DEMAND", ("FRA",), ("IRN",)) in got, got


def test_a_verb_joined_mid_sentence_keeps_the_sentence_subject(run):
    doc = run("ندد حلف شمال الأطلسي اليوم بالهجوم معتبرا إياه انتهاكا للأعراف الدولية وطالب روسيا بالرد على أسئلة "
              "بريطانيا.\n")
    assert ("DEMAND", ("IGO",), ("RUS",)) in _events(doc), _events(doc)


def test_an_indefinite_nisba_on_an_indefinite_noun_is_a_target(run):
    doc = run("حذرت الناطقة باسم الخارجية الروسية ماريا زاخاروفا من أنه لن يسمح لأي وسيلة إعلام بريطانية بالعمل.\n")
    assert ("THREATEN", ("RUS",), ("GBR",)) in _events(doc), _events(doc)


def test_a_denial_with_no_one_named_answers_the_other_side(run):
    doc = run("اتهمت بريطانيا روسيا بتسميم العميل السابق. وطردت بريطانيا 23 دبلوماسيا روسيا. "
              "وقال المتحدث باسم الكرملين ديمتري بيسكوف إن موسكو لا تقبل الاتهامات التي لا أساس لها.\n")
    assert ("REJECT", ("RUS",), ("GBR",)) in _events(doc), _events(doc)


def test_a_denial_by_someone_else_answers_no_one(run):
    doc = run("اتهمت بريطانيا روسيا بتسميم العميل السابق. وطردت بريطانيا 23 دبلوماسيا روسيا. "
              "ويرفض الأخير الحديث عن القضية.\n")
    assert not [e for e in _events(doc) if e[0] == "REJECT"], _events(doc)


@pytest.mark.parametrize("text, target", [
    # the object, not the states the accusation's content is about
    ("اتهمت السعودية إيران بتسليح الحوثيين في اليمن.", ("IRN",)),
    ("اتهم الرئيس الأمريكي دونالد ترامب الصين، حليفة كوريا الشمالية، بخرق العقوبات.", ("CHN",)),
])
def test_an_accusation_is_aimed_at_its_object(run, text, target):
    got = [e for e in _events(run(text + "\n")) if e[0] == "ACCUSE"]
    assert got and got[0][2] == target, got


@pytest.mark.parametrize("text", [
    "ووصف مراسل وكالة الأنباء الفرنسية الوضع بأنه عدوان سافر على المدنيين.",
    "وقالت شركة توتال الفرنسية إن العقوبات الأمريكية على إيران غير قانونية.",
])
def test_a_nationality_of_a_company_or_medium_is_no_state(run, text):
    assert not [e for e in _events(run(text + "\n")) if "FRA" in e[1] + e[2]], _events(run(text + "\n"))


def test_what_is_denied_is_no_target(run):
    doc = run("اتهمت الولايات المتحدة إيران بتسليح الحوثيين. وفرضت الولايات المتحدة عقوبات على إيران. "
              "ونفت إيران دعم الحوثيين في اليمن.\n")
    deny = [e for e in _events(doc) if e[0] == "REJECT"]
    assert deny and all(e[2] == ("USA",) for e in deny), _events(doc)


def test_the_head_of_an_international_organisation_speaks_for_it(run):
    doc = run("وقال رئيس المجلس الأوروبي دونالد توسك إن روسيا تقف على الأرجح وراء الهجوم الوحشي.\n")
    assert ("ACCUSE", ("IGO",), ("RUS",)) in _events(doc), _events(doc)


def test_standing_behind_an_attack_is_an_accusation(run):
    doc = run("وقال وزير الخارجية البريطاني بوريس جونسون إن روسيا تقف وراء تسميم العميل السابق.\n")
    assert ("ACCUSE", ("GBR",), ("RUS",)) in _events(doc), _events(doc)


def test_a_condemned_act_is_aimed_at_the_agent_of_its_relative_clause(run):
    doc = run("أدان المرشد الأعلى الإيراني علي خامنئي الضربات التي نفذتها أمريكا وفرنسا وبريطانيا في سوريا.\n")
    assert ("ACCUSE", ("IRN",), ("FRA", "GBR", "USA")) in _events(doc), _events(doc)


def test_a_clause_joined_by_haythu_keeps_the_speaker(run):
    doc = run("غرد وزير الخارجية السعودي عادل الجبير على تويتر. وجاء ذلك في تغريدة حيث قال: "
              "\"تعمل إيران على زعزعة أمن الدول العربية\".\n")
    assert ("ACCUSE", ("SAU",), ("IRN",)) in _events(doc), _events(doc)


def test_every_stance_phrase_is_found_in_a_sentence_of_its_own_words():
    lex = statement_lexicon()
    for spec in DATA["stance"]:
        for phrase in spec.get("phrases", []):
            words = ["وقال", "الوزير"] + [fold_key(w) for w in phrase.split()] + ["ايران"]
            assert any(c.index == 2 and c.id == spec["id"] for c in lex.cues(words)), phrase


def test_a_statement_is_dated_by_its_saying_not_by_its_content(run):
    doc = run("الأربعاء 2018/03/14\n\nوقال وزير الخارجية البريطاني بوريس جونسون الثلاثاء إن روسيا مسؤولة عن "
              "الهجوم الوحشي الذي وقع في 4 آذار/مارس.\n")
    accuse = [e for e in doc.events if e.event == ["ACCUSE"]]
    assert accuse and str(accuse[0].date) == "2018-03-13", [(e.event, e.date) for e in doc.events]


def test_the_victim_of_a_condemned_act_is_no_target(run):
    doc = run("وقال المرشد الأعلى الإيراني علي خامنئي إن الهجوم على سوريا جريمة.\n")
    assert not [e for e in _events(doc) if e[0] == "ACCUSE" and "SYR" in e[2]], _events(doc)


def test_a_demand_is_made_of_its_object_not_of_what_is_demanded(run):
    doc = run("ودعا الرئيس الأمريكي دونالد ترامب شركاءه في مجموعة السبع إلى إعادة روسيا إلى المجموعة.\n")
    assert not [e for e in _events(doc) if e[0] == "DEMAND" and "RUS" in e[2]], _events(doc)
    doc = run("ودعت الأمم المتحدة ميانمار إلى وقف العنف.\n")
    assert ("DEMAND", ("IGO",), ("MMR",)) in _events(doc), _events(doc)


def test_a_predicate_adjective_is_said_of_its_clauses_subject_however_far(run):
    doc = run("الثلاثاء 2024/03/05\n\nوردت وزيرة خارجية كندا كريستيا فريلاند اليوم قائلة إن تبريرات الرئيس الأمريكي "
              "بشأن فرض تعريفات على صادرات بلادها من الصلب والألومنيوم سخيفة.\n")
    assert ("ACCUSE", ("CAN",), ("USA",)) in _events(doc), _events(doc)



def test_a_denial_with_its_own_subject_is_not_the_speakers():
    from marsad.stages.statements import _has_subject
    from marsad.stages.entities import Tok

    toks = [Tok(w, i, i + 1, (w,)) for i, w in enumerate(["حيث", "تنفي", "الاخيره", "الاتهامات"])]
    assert _has_subject(toks, [], 1)  # "تنفي الأخيرة": the latter denies, not the one who speaks
    assert not _has_subject(toks, [], 2)


@pytest.mark.parametrize("text, expected", [
    ("قال ولي العهد السعودي الأمير محمد بن سلمان إن بلاده ستطور القنبلة النووية في حال أقدمت طهران على ذلك.",
     ("THREATEN", ("SAU",), ("IRN",))),
    ("وقال وزير الدفاع الإيراني إن القوات الإيرانية ستسوي تل أبيب بالتراب إذا ارتكب الكيان الصهيوني حماقة.",
     ("THREATEN", ("IRN",), ("ISR",))),
])
def test_a_future_verb_under_a_condition_is_a_threat(run, text, expected):
    assert expected in _events(run(text + "\n"))


def test_a_future_verb_is_not_a_noun_spelled_with_sin():
    from marsad.stages.statements import _future_verb
    assert _future_verb(fold_key("ستسوي")) and _future_verb(fold_key("وسنرد")) and _future_verb(fold_key("ستطور"))
    assert not _future_verb(fold_key("سنوات")) and not _future_verb(fold_key("سياسة")) and not _future_verb(fold_key("سيارات"))


def test_a_future_with_no_condition_threatens_no_one(run):
    text = "وقال وزير الخارجية التركي إن بلاده ستطور علاقاتها مع روسيا في السنوات المقبلة."
    assert not [e for e in _events(run(text + "\n")) if e[0] == "THREATEN"]


def test_a_statement_is_not_dated_by_a_relative_clause_on_a_visit(run):
    doc = run("الاثنين 2018/03/19\n\nقال ولي العهد السعودي في حوار عشية بداية زيارته واشنطن التي تستمر من الثلاثاء إلى "
              "الخميس، إن بلاده ستطور القنبلة النووية في حال أقدمت طهران على ذلك.\n")
    (ev,) = [e for e in doc.events if "THREATEN" in e.event]
    assert ev.date != dt.date(2018, 3, 15), ev.date


def test_a_rogue_or_reckless_state_is_accused(run):
    text = 'وقال وزير الدولة السعودي لشؤون الخليج إن الانسحاب يوقف "عبث" إيران اللامسؤول في المنطقة.'
    assert ("ACCUSE", ("SAU",), ("IRN",)) in _events(run(text + "\n"))


def test_words_said_of_an_act_reach_the_partner_its_agent_acted_with(run):
    text = "اعتبرت دمشق السبت أن الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا في محيط دمشق ووسط البلاد تنتهك القانون الدولي."
    assert ("ACCUSE", ("SYR",), ("FRA", "GBR", "USA")) in _events(run(text + "\n"))


def test_a_demand_made_of_the_speakers_own_state_is_no_demand_of_another(run):
    text = ('وقال رئيس مجلس النواب الأمريكي بول رايان اليوم في بيان إنه "على الرئيس الأمريكي دونالد ترامب أن يدرك بأن '
            'روسيا ليست حليفتنا".')
    assert not [e for e in run(_dated(text)).events if e.event == ["DEMAND"]]
    # a demand of another state still counts
    got = run(_dated("وقال وزير الخارجية الفرنسي اليوم إنه يجب على إيران احترام التزاماتها.")).events
    assert [e for e in got if e.event == ["DEMAND"] and {a.code for a in e.recipient} == {"IRN"}]


@pytest.mark.parametrize("text, target", [
    # a predicate is said of the nearest actor before it, not of one further back in another phrase
    ('قال ثامر السبهان، وزير الدولة السعودي لشؤون الخليج، اليوم إن انسحاب الرئيس الأمريكي، دونالد ترامب من '
     'الاتفاق النووي يوقف تدخل إيران اللامسؤول في المنطقة.', {"IRN"}),
    # a nisba inside the phrase leaves it to the phrase's head: the imports are Germany's
    ("قال الرئيس الأمريكي دونالد ترامب اليوم إن واردات ألمانيا من الغاز الطبيعي الروسي مخيبة.", {"DEU"}),
])
def test_a_predicate_is_said_of_the_actor_it_follows(run, text, target):
    got = [e for e in run(_dated(text)).events if e.event == ["ACCUSE"]]
    assert got and {a.code for a in got[0].recipient} == target, [(e.event, [a.code for a in e.recipient]) for e in got]


def test_a_state_of_mind_is_no_demand(run):
    text = ("أعلن وزير خارجية الولايات المتحدة مايك بومبيو اليوم أنه على ثقة في أن العلاقات بين بلاده ودول مجموعة "
            "الدول السبع ستمضي قدما.")
    assert not [e for e in run(_dated(text)).events if e.event == ["DEMAND"]]


def test_the_right_to_respond_is_a_threat(run):
    text = "وقال وزير الخارجية السعودي عادل الجبير اليوم إن المملكة تحتفظ بحق الرد على إيران في الوقت المناسب."
    got = [e for e in run(_dated(text)).events if e.event == ["THREATEN"]]
    assert got and {a.code for a in got[0].recipient} == {"IRN"}


@pytest.mark.parametrize("text", [
    'وأصدر قادة الاتحاد الأوروبي اليوم بياناً عبّروا فيه عن "التضامن غير المثيل مع المملكة المتحدة".',
    "وأكد قادة الاتحاد الأوروبي اليوم تضامنهم مع المملكة المتحدة.",
])
def test_reporting_verbs_in_the_plural(run, text):
    got = [e for e in run(_dated(text)).events if e.event == ["SUPPORT"]]
    assert got and {a.code for a in got[0].recipient} == {"GBR"}, [(e.event, [a.code for a in e.recipient]) for e in got]


def test_a_threat_shares_its_target_with_a_nearer_accusation(run):
    text = ('وأضاف وزير الخارجية السعودي عادل الجبير اليوم: "المملكة لها الحق أن ترد على هذا العدوان الإيراني في الوقت '
            'المناسب".')
    cats = {c for e in run(_dated(text)).events if {a.code for a in e.recipient} == {"IRN"} for c in e.event}
    assert {"THREATEN", "ACCUSE"} <= cats, cats
    # consequences told of an act are no threat beside the accusation
    text = ('وأضاف نائب وزير الخارجية الروسي سيرغي ريابكوف اليوم: "إن عواقب الإجراءات المسلحة غير القانونية التي اتخذتها '
            'المملكة المتحدة تحول دون الحل".')
    cats = {c for e in run(_dated(text)).events for c in e.event}
    assert "THREATEN" not in cats, cats


@pytest.mark.parametrize("text, expect", [
    # the preposition an "express" verb wants is counted from the end of its subject, however long
    ("وأعرب رئيس المجلس الأوروبي دونالد توسك عن تضامنه مع رئيسة الوزراء البريطانية تيريزا ماي.", ("SUPPORT", "IGO", "GBR")),
    ("وأعربت وزارة الخارجية المصرية في بيان اليوم عن قلقها من التصعيد الإسرائيلي.", ("ACCUSE", "EGY", "ISR")),
])
def test_an_express_verb_takes_its_preposition_after_its_subject(run, text, expect):
    cat, src, rec = expect
    got = [e for e in run(_dated(text)).events if cat in e.event]
    assert got and {a.code for a in got[0].source} == {src} and {a.code for a in got[0].recipient} == {rec}, \
        [(e.event, [a.code for a in e.source], [a.code for a in e.recipient]) for e in run(_dated(text)).events]


def test_the_one_quoted_speaks_in_the_first_person(run):
    # "أعبر عن تضامني": the writer of the tweet is the speaker; the brutal attack is not said of May
    text = ("وكتب الرئيس الفرنسي إيمانويل ماكرون على تويتر: أعبر عن تضامني الكامل مع رئيسة الوزراء البريطانية تيريزا "
            "ماي بعد الهجوم الوحشي.")
    got = {(c, tuple(sorted(a.code for a in e.source)), tuple(sorted(a.code for a in e.recipient)))
           for e in run(_dated(text)).events for c in e.event}
    assert ("SUPPORT", ("FRA",), ("GBR",)) in got and not any(c == "ACCUSE" and r == ("GBR",) for c, _, r in got), got


def test_forms_that_are_other_words_in_news_are_no_reporting_words():
    # "نصف" is half, "متابعة" a follow-up: generated by the paradigms of وصف and تابع, dropped by not_forms
    lex = statement_lexicon()
    assert fold_key("نصف") not in lex.report and fold_key("متابعة") not in lex.report
    assert fold_key("يصف") in lex.report and fold_key("متابعا") in lex.report


@pytest.mark.parametrize("text, expect", [
    # cues read off the hand-labelled statements (eval/labels/STANCE.md)
    ("وقال وزير الخارجية الإماراتي عبدالله بن زايد اليوم: نقف مع المملكة العربية السعودية دوما.", ("SUPPORT", "ARE", "SAU")),
    ('وقال كبير مفاوضي الاتحاد الأوروبي ميشيل بارنييه اليوم في تغريدة "أرحب بخطاب بريطانيا".', ("SUPPORT", "IGO", "GBR")),
    ('وأضاف وزير الخارجية التركي اليوم "إذا فرضت الولايات المتحدة عقوبات علينا فسوف ترد تركيا".', ("THREATEN", "TUR", "USA")),
    ("وقال المرشد الإيراني علي خامنئي اليوم إنه لن تكون هناك حرب ولن نتفاوض مع الولايات المتحدة.", ("REJECT", "IRN", "USA")),
    ("وقال الرئيس الأمريكي دونالد ترامب اليوم إنه طلب من تركيا التسجيلات الصوتية.", ("DEMAND", "USA", "TUR")),
    # what a state must do, between "على" and "أن", is a demand of it
    ('وقال وزير الخارجية التركي مولود جاويش أوغلو اليوم: "على السعودية أن تتعاون مع طلب التفتيش".', ("DEMAND", "TUR", "SAU")),
])
def test_statement_cues_from_labelled_statements(run, text, expect):
    cat, src, rec = expect
    got = {(c, a.code, r.code) for e in run(_dated(text)).events for c in e.event for a in e.source for r in e.recipient}
    assert expect in got, got


def test_a_request_already_made_is_no_demand(run):
    # "بناء على طلب من الحكومة السورية": at the request of, not a demand of Syria
    text = "وقال المتحدث الإيراني اليوم إن وجود إيران في سوريا شرعي لأنه جاء بناء على طلب من الحكومة السورية."
    assert not [e for e in run(_dated(text)).events if "DEMAND" in e.event]


def test_two_officials_joined_by_wa_speak_together(run):
    # "الرئيس الفرنسي والمستشارة الألمانية … قلقهما": both speak; neither is the other's target
    doc = run("وأعرب الرئيس الفرنسي والمستشارة الألمانية عن قلقهما من التصعيد الروسي في أوكرانيا.\n")
    got = [e for e in _events(doc) if e[0] == "ACCUSE"]
    assert got and all(set(e[1]) == {"DEU", "FRA"} and "DEU" not in e[2] for e in got), _events(doc)


@pytest.mark.parametrize("text, speaker, target", [
    # a state said to have failed its commitments is accused
    ("قال وزير الخارجية الروسي سيرغي لافروف إن الولايات المتحدة لم تف بالتزاماتها.", "RUS", "USA"),
    ("وقال الرئيس الإيراني حسن روحاني إن أمريكا فشلت في الالتزام بتعهداتها الدولية.", "IRN", "USA"),
    ("وانتقد وزير الخارجية الفرنسي جان إيف لودريان عدم التزام إيران بالقرار.", "FRA", "IRN"),
])
def test_a_broken_commitment_is_an_accusation(run, text, speaker, target):
    assert ("ACCUSE", (speaker,), (target,)) in _events(run(_dated(text)))


@pytest.mark.parametrize("text, speaker, target", [
    # "رد … قائلا": the one who replies speaks, not the one whose words he answers
    ("وكان ترامب قال الثلاثاء إن الاتفاق ضعيف، وهو الأمر الذي رد عليه الرئيس الإيراني حسن روحاني قائلا إن أمريكا "
     "فشلت بالالتزام بتعهداتها الدولية.", "IRN", "USA"),
    ("ورد وزير الخارجية الروسي سيرغي لافروف قائلا إن بريطانيا تقف وراء التسميم.", "RUS", "GBR"),
])
def test_the_one_who_replies_is_the_speaker(run, text, speaker, target):
    got = _events(run(_dated(text)))
    assert ("ACCUSE", (speaker,), (target,)) in got and ("ACCUSE", ("USA",), ("IRN",)) not in got, got


@pytest.mark.parametrize("text, speaker, target", [
    # readiness to strike is a threat against whom the strike would fall on
    ("قالت كوريا الشمالية اليوم الأحد إنها مستعدة لإغراق حاملة طائرات أمريكية.", "PRK", "USA"),
    ("وقال وزير الدفاع الإسرائيلي إن الجيش مستعد لضرب أهداف إيرانية في سوريا.", "ISR", "IRN"),
    ("وقال الرئيس الإيراني حسن روحاني إن بلاده قادرة على تدمير القواعد الأمريكية في المنطقة.", "IRN", "USA"),
])
def test_readiness_to_strike_is_a_threat(run, text, speaker, target):
    assert ("THREATEN", (speaker,), (target,)) in _events(run(_dated(text)))


@pytest.mark.parametrize("text, speaker, target", [
    # "it must know that …" warns the one who must know
    ('وقالت الخارجية التركية في بيان "يجب أن تعلم الولايات المتحدة بأن النتيجة ستكون الإضرار بالعلاقات".', "TUR", "USA"),
    ("وقال وزير الخارجية الإيراني محمد جواد ظريف إنه يجب أن تدرك إسرائيل أن صبر إيران له حدود.", "IRN", "ISR"),
])
def test_you_must_know_is_a_warning(run, text, speaker, target):
    assert ("THREATEN", (speaker,), (target,)) in _events(run(_dated(text)))
