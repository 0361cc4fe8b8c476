"""Hostile force told the ways news tells it, each kind on hand-written sentences: a strike whose target
the text names by no state (it falls on the state the story happens in), and what is no such strike."""
import pytest

from .docs import dated as _dated
from .docs import events as _all_events


def _assaults(doc):
    return [e for e in _all_events(doc, detail=False) if e[0] == "ASSAULT"]


@pytest.mark.parametrize("text, agents, target", [
    # a foreign force's strike on a facility or a place the KB does not know, in a story about another state
    ("قتل 14 مدنيا في درعا جنوب سوريا أمس. وبعدها أغارت طائرات روسية على مستشفى المسيفرة فدمرته.", ("RUS",), "SYR"),
    ("تقدمت القوات الحكومية في ريف إدلب شمال سوريا. وشنت طائرات تركية غارات على مستشفى ميداني في بلدة المشيرفة.",
     ("TUR",), "SYR"),
    ("تظاهر آلاف الفلسطينيين في قطاع غزة اليوم قرب السياج في خان يونس. وأصيب العشرات برصاص الجيش الإسرائيلي.",
     ("ISR",), "PSE"),
    # the agents of a relative clause on the strikes, their target only a pronoun
    ("قتل العشرات في هجوم كيميائي على دوما قرب دمشق في سوريا. وتزعزعت الوحدة إثر الغارات التي شنتها واشنطن وباريس "
     "ولندن ردا عليه.", ("FRA", "GBR", "USA"), "SYR"),
])
def test_a_strike_with_no_named_target_state_falls_on_the_state_of_the_story(run, text, agents, target):
    got = _assaults(run(_dated(text)))
    assert ("ASSAULT", agents, (target,)) in got, got


@pytest.mark.parametrize("text", [
    # sanctions, aggression and intervention are often told in words; an official attacking is words
    "تقع حلب في شمال سوريا قرب إدلب. وكانت العقوبات الأمريكية استهدفت الشبكة المالية للحزب.",
    "تقع حلب في شمال سوريا قرب إدلب. وندد المتحدث بما وصفه بالعدوان الأمريكي.",
    "تقع حلب في شمال سوريا قرب إدلب. ووصفت روسيا التقارير بأنها استفزاز يستهدف تبرير التدخل.",
    # the aircraft's maker is not its owner
    "تقع حلب في شمال سوريا قرب إدلب. وقال المرصد إن الغارة نفذت باستخدام طائرات إف15 أمريكية الصنع.",
    # the story happens in the agent's own state
    "تقع حيفا في شمال إسرائيل قرب عكا. وقصفت القوات الإسرائيلية مواقع في الجليل.",
])
def test_no_target_state_is_read_into_words_or_an_own_strike(run, text):
    got = _assaults(run(_dated(text)))
    assert not got, got


def test_a_possibility_adjective_qualifies_its_own_noun_not_a_later_strike(run):
    text = ('قتل العشرات في دوما قرب دمشق في سوريا. وتزعزعت الوحدة إثر الهجوم الكيميائي "المحتمل" على دوما، وأيضا '
            'الغارات التي شنتها واشنطن وباريس ولندن ردا عليه.')
    strikes = [e for e in run(_dated(text)).events if "ASSAULT" in e.event and {a.code for a in e.source} == {"USA", "FRA", "GBR"}]
    assert strikes and "hypothetical" not in strikes[0].context, [(e.event, e.context) for e in strikes]


@pytest.mark.parametrize("text", [
    "وأكد الوزير أن الغارة الجوية التي استهدفت مطارا عسكريا في سوريا هذا الأسبوع ونسبتها دمشق وطهران وموسكو إلى "
    "إسرائيل هدفها الحد من المكاسب.",
    "وقتل سبعة عسكريين في الغارة المنسوبة إلى إسرائيل على مطار التيفور قرب حمص في سوريا.",
    "وقال المرصد إن الضربات التي تنسب لإسرائيل استهدفت مواقع في ريف دمشق.",
])
def test_a_strike_attributed_to_a_state_is_its_act(run, text):
    got = _assaults(run(_dated(text)))
    assert ("ASSAULT", ("ISR",), ("SYR",)) in got, got


def test_an_attribution_of_words_gives_no_strike(run):
    got = _assaults(run(_dated("ونسبت صحيفة سورية إلى مسؤول إسرائيلي تصريحات عن الوضع في دمشق.")))
    assert not got, got


@pytest.mark.parametrize("text, agent, target", [
    # the pronoun on the act noun is the light verb's subject, past a support phrase
    ("وبدأت تركيا في 20 كانون الثاني/يناير بدعم من فصائل سورية موالية تدخلها العسكري في عفرين.", "TUR", "SYR"),
    ("وواصلت إسرائيل اليوم بمساندة من طائرات مسيرة غاراتها على قطاع غزة.", "ISR", "PSE"),
    ("وكثفت روسيا منذ الأحد بالتنسيق مع قوات محلية ضرباتها الجوية على ريف إدلب في سوريا.", "RUS", "SYR"),
    # an intervention at the head of a coalition, in the state the sentence is about
    ("كما شهد النزاع في اليمن تصعيدا مع تدخل السعودية على رأس تحالف عسكري في آذار/مارس 2015.", "SAU", "YEM"),
    # a strike told inside the phrase opening the sentence, whose noun carries a pronoun, is the main subject's
    ('وفي إعلانه عن توجيه ضربات عسكرية للنظام السوري بعد هجوم في دوما، قال الرئيس الأمريكي دونالد ترامب: "طلبنا '
     'من شركائنا تحمل مسؤولية أكبر".', "USA", "SYR"),
    ("وفي بيانها عن شن غارات جوية على مواقع في شمال العراق، قالت وزارة الدفاع التركية إن العملية مستمرة.", "TUR", "IRQ"),
    # after "مع" the intervention is a noun whose genitive intervenes, not "Yemen intervenes"
    ("ويشهد اليمن منذ 2014 حربا بين الحوثيين والقوات الموالية لهادي، تصاعدت مع تدخل السعودية على رأس تحالف عسكري في "
     "آذار/مارس 2015.", "SAU", "YEM"),
    # "we" in a quotation is the speaker's state
    ('ولوح رئيس الوزراء الإسرائيلي بنيامين نتانياهو بقطعة معدنية أوضح أنها "قطعة من تلك الطائرة دون طيار إيرانية، '
     'أو ما تبقى منها، بعد أن قمنا بإسقاطها".', "ISR", "IRN"),
    ('وقال وزير الدفاع التركي خلوصي أكار "قصفنا مواقع في شمال العراق".', "TUR", "IRQ"),
])
def test_the_agent_a_pronoun_or_the_first_person_stands_for(run, text, agent, target):
    got = _assaults(run(_dated(text)))
    assert ("ASSAULT", (agent,), (target,)) in got, got


def test_an_intervention_in_words_is_no_strike(run):
    got = _assaults(run(_dated("ودانت روسيا تدخل الولايات المتحدة في الانتخابات الرئاسية في فنزويلا.")))
    assert not got, got


def test_we_doing_no_force_is_no_strike(run):
    got = _assaults(run(_dated('وقال وزير الخارجية الإيراني محمد جواد ظريف "لقد أعطينا فرصة للدبلوماسية مع أمريكا".')))
    assert not got, got


@pytest.mark.parametrize("text, wrong", [
    # the place struck is not the striker: "استهداف مطار أبوظبي"
    ("أعلن الحوثيون في اليمن الخميس استهداف مطار أبوظبي الدولي بقصف نفذته طائرة بدون طيار.", ("ARE",)),
    # "تهاجمنا" is "she attacks us"
    ('وقال وزير الطاقة الإسرائيلي يوفال شتاينتز: "إذا سمحت سوريا لإيران بأن تهاجمنا فستكون النهاية".', ("SYR",)),
])
def test_no_agent_is_read_from_the_place_struck_or_from_us(run, text, wrong):
    got = [e for e in _all_events(run(_dated(text)), detail=False) if e[1] == wrong]
    assert not got, got


def test_a_force_right_after_a_strike_verb_strikes_whoever_the_story_was_about(run):
    # the sentence before made Damascus the discourse's subject; the Israeli aircraft still strike it
    doc = run("الثلاثاء 2018/04/17\n\nقصفت الطائرات الإسرائيلية دمشق فجر اليوم.\n"
              "قصفت الطائرات الإسرائيلية مواقع في دمشق فجر اليوم.\n")
    strikes = [e for e in doc.events if "ASSAULT" in e.event]
    assert strikes and all({a.code for a in e.source} == {"ISR"} and {a.code for a in e.recipient} == {"SYR"}
                           for e in strikes), [(e.source, e.recipient) for e in strikes]


@pytest.mark.parametrize("text, city", [
    # a strike lands in the city named after "على", whatever else its clause names
    ("وشنت الولايات المتحدة وفرنسا وبريطانيا ضربات على دمشق السبت.", "Damascus"),
    ("وشنت الطائرات الإسرائيلية في الليلة الماضية غارات على غزة بعد اجتماع في تل أبيب.", "Gaza Strip"),
])
def test_a_strike_is_placed_where_it_lands(run, text, city):
    doc = run("الثلاثاء 2018/04/17\n\n" + text + "\n")
    strikes = [e for e in doc.events if "ASSAULT" in e.event]
    assert strikes and all(e.event_loc and e.event_loc["name"] == city for e in strikes), \
        [(e.event, e.event_loc) for e in doc.events]
