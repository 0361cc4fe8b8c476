"""Event places from ranked cues around the trigger (marsad/stages/places.py, issue 12), on hand-written
pages in the styles of the shared development corpus."""
import pytest

from marsad.kb import KB
from marsad.stages.places import capital_of, place_cues

PAGES = [
    # d62 kind: "هجوم … في دوما" is the attack's place; the envoy was in Tehran
    ("CONSULT", "Tehran", "الأربعاء 2018/04/11\n\nالتقى المبعوث الروسي الخاص إلى سوريا ألكسندر لافرنتييف الثلاثاء في "
     "زيارة مفاجئة لطهران، مع الأمين العام للمجلس الأعلى للأمن القومي الإيراني علي شمخاني، لبحث التهديدات الغربية ردا "
     "على هجوم كيميائي محتمل في دوما السبت."),
    # d21 kind: the visit verb's object after its subject and day, "يزور … الاثنين طهران"
    ("CONSULT", "Tehran", "الاثنين 2018/03/05\n\nفي الوقت الذي يزور فيه وزير الخارجية الفرنسي جان إيف لودريان الاثنين "
     "طهران لمناقشة الاتفاق النووي، ندد نظيره الإيراني محمد جواد ظريف بالتطرف."),
    # d24 kind: a visit to a country is placed in its capital when nothing finer is said
    ("CONSULT", "Addis Ababa", "الأربعاء 2018/03/07\n\nوصل وزير الخارجية الأمريكي ريكس تيلرسون اليوم الأربعاء إلى إثيوبيا "
     "في زيارة يلتقي خلالها رئيس الوزراء الإثيوبي هايلي ميريام ديسالين."),
    # 7159 kind: a palace in the clause is finer than the country the guest "is visiting"
    ("CONSULT", "Carthage Palace", "الخميس 2017/03/09\n\nاستقبل رئيس الجمهورية الباجي قايد السبسي، صباح اليوم بقصر قرطاج "
     "الوزير الأول الجزائري عبد المالك سلال الذي يؤدي زيارة إلى تونس."),
    # d06 kind: the speech venue told in the next sentence, "وقال ترامب، في البيت الأبيض" → Washington, not
    # the court's İzmir
    ("THREATEN", "Washington, D.C.", "الجمعة 2018/08/17\n\nحذّر الرئيس الأمريكي دونالد ترامب تركيا من إجراءات جديدة ضدها "
     "بعدما رفضت محكمة تركية في مدينة أزمير الإفراج عن القس الأمريكي أندرو برونسون.\nوقال ترامب، في البيت الأبيض، إن "
     "أنقرة تصرفت بحماقة."),
    # d71 kind: a conference named after its city, "وقال نتانياهو في مؤتمر ميونيخ للأمن"
    ("THREATEN", "Munich", "الأحد 2018/02/18\n\nحذر رئيس الوزراء الإسرائيلي بنيامين نتانياهو طهران الأحد من الاعتداءات "
     "التي تقوم بها إيران.\nوقال نتانياهو في مؤتمر ميونيخ للأمن \"لا تختبروا عزم إسرائيل\"."),
    # 1679 kind: a summons happens at the summoning state's seat of government, not "لدى" the other state
    ("CONSULT", "Moscow", "الأربعاء 2016/06/15\n\nأعلنت وزارة الخارجية الروسية اليوم الأربعاء أنها استدعت السفير "
     "الفرنسي لدى روسيا جان موريس ريبير بعد توقيف مشجعين روس."),
    # a seat glued to its city, "في مكتبه بجدة", beats the host's capital
    ("CONSULT", "Jeddah", "الثلاثاء 2018/04/10\n\nاستقبل العاهل السعودي الملك سلمان بن عبد العزيز في مكتبه بجدة اليوم "
     "الثلاثاء وزير الخارجية الأمريكي مايك بومبيو."),
    # "في العاصمة التركية": the capital of the nisba's state
    ("CONSULT", "Ankara", "الثلاثاء 2018/04/10\n\nالتقى الرئيس الروسي فلاديمير بوتين الرئيس التركي رجب طيب أردوغان "
     "اليوم في العاصمة التركية."),
    # the sentence's only event, its clause cut by a quotation, is placed past it: "في شمال قطاع غزة"
    ("ASSAULT", "Gaza Strip", "الاثنين 2018/04/09\n\nقصفت إسرائيل \"موقعا عسكريا\" لحركة حماس في شمال قطاع غزة وذلك "
     "بعد تسلل فلسطينيين من السياج الحدودي."),
    # a seat speaking for its state is no venue: "أعلن البيت الأبيض أن ترامب التقى بوتين في هلسنكي"
    ("CONSULT", "Helsinki", "الثلاثاء 2018/04/10\n\nأعلن البيت الأبيض أن الرئيس الأمريكي دونالد ترامب التقى الرئيس "
     "الروسي فلاديمير بوتين اليوم في هلسنكي."),
    # a topic is no place: "وبحثا الأوضاع في سوريا"
    ("CONSULT", "Moscow", "الجمعة 2016/06/10\n\nالتقى وزير الخارجية السوري وليد المعلم أمس الخميس في موسكو نظيره الروسي "
     "سيرغي لافروف وبحثا الأوضاع في سوريا."),
    # words are placed where they are said, not where what they are about happens (a relative clause, an aim)
    ("THREATEN", "Munich", "الأحد 2018/02/18\n\nحذر رئيس الوزراء الإسرائيلي بنيامين نتانياهو في ميونيخ طهران الأحد من "
     "الاعتداءات المسلحة التي تقوم بها إيران و\"وكلاؤها\" في سوريا."),
    ("ACCUSE", "Brussels", "الأربعاء 2018/04/25\n\nانتقد وزير الخارجية الفرنسي جان إيف لودريان في بروكسل السياسة "
     "التي تتبعها روسيا في أوكرانيا."),
    ("AGREE", "Ankara", "الأربعاء 2018/04/25\n\nواجتمع الزعماء الثلاثة في أنقرة، حيث تعهد الرئيس الروسي فلاديمير بوتين "
     "ونظيره التركي رجب طيب أردوغان بالتعاون من أجل التوصل إلى \"وقف دائم لإطلاق النار\" في سوريا."),
]


# a name beginning with ب after و ("وبريطانيا") is no glued locative
NOWHERE = [("SANCTION", "الثلاثاء 2018/04/10\n\nوأعلنت واشنطن وبريطانيا فرض عقوبات على روسيا.")]


@pytest.mark.parametrize("category,page", NOWHERE)
def test_no_place_when_none_is_told(run, category, page):
    evs = [e for e in run(page).events if category in e.event]
    assert evs and all(e.event_loc is None for e in evs)


@pytest.mark.parametrize("category,where,page", PAGES)
def test_event_place_from_ranked_cues(run, category, where, page):
    evs = [e for e in run(page).events if category in e.event]
    assert evs and (evs[0].event_loc or {}).get("name") == where


def test_a_country_resolves_to_its_capital_and_a_city_stays():
    kb = KB.load()
    assert capital_of(kb, {"name": "Ethiopia", "cc3": "ETH", "kind": "country"})["name"] == "Addis Ababa"
    assert capital_of(kb, {"name": "Haifa", "cc3": "ISR", "kind": "city"}) is None


def test_every_venue_of_the_table_geocodes_to_a_city():
    kb = KB.load()
    for venue, city in place_cues().venues.items():
        p = kb.place(city)
        assert p is not None and p.kind in ("city", "capital"), (venue, city)


def test_a_statement_is_placed_at_the_seat_its_speakers_title_names(run):
    # "خطيب جمعة طهران": an office whose title names its city; his later words are said there
    text = ("الجمعة 2018/05/11\n\nشن خطيب جمعة طهران أحمد خاتمي، الجمعة، هجوما على الولايات المتحدة.\n\n"
            "واعتبر خاتمي أن الاتحاد الأوروبي لا يختلف عن أمريكا في نكث العهود، وهدد خاتمي إسرائيل.")
    doc = run(text)
    khatami = next(m for m in doc.mentions if m.text == "أحمد خاتمي")
    assert (khatami.office.title_en, khatami.country, khatami.seat.name_en) == ("Friday Prayer Leader", "IRN", "Tehran")
    said = [e for e in doc.events if {a.code for a in e.source} == {"IRN"}]
    assert said and all(e.event_loc and e.event_loc["name"] == "Tehran" for e in said), \
        [(e.event, e.event_loc) for e in doc.events]


@pytest.mark.parametrize("words, dest", [
    ("وصلت الوزيرة الى باريس", True),  # a root و, not a conjunction: "وصلت" is no "صلت"
    ("لدي وصوله الى بنغازي", True),
    ("وصلي الوزير في باريس", False),
])
def test_arrival_words_beginning_with_waw_name_the_destination(words, dest):
    from marsad.stages.places import _after_visit
    ws = words.split()
    assert _after_visit(ws, len(ws) - 1, 0) is dest


def _loc(doc, text):
    return next(m.place for m in doc.mentions if m.place is not None and m.text == text)


def test_a_town_several_states_share_is_the_one_of_the_state_the_story_names(run):
    # Tripoli is Libya's capital by population; in a story that names Lebanon and not Libya it is Lebanon's
    lebanese = run("الثلاثاء 2024/03/05\n\nوقال رئيس الحكومة اللبنانية سعد الحريري إن الاشتباكات في طرابلس أوقعت قتلى.\n")
    assert _loc(lebanese, "طرابلس").cc3 == "LBN"
    libyan = run("الثلاثاء 2024/03/05\n\nوصل المبعوث الأممي إلى طرابلس للقاء رئيس المجلس الرئاسي الليبي.\n")
    assert _loc(libyan, "طرابلس").cc3 == "LBY"
    # a far smaller namesake needs more than its state named: Lima stays Peru's beside the United States
    peru = run("الثلاثاء 2024/03/05\n\nوألغى الرئيس الأمريكي زيارته إلى ليما للمشاركة في القمة.\n")
    assert _loc(peru, "ليما").cc3 == "PER"


@pytest.mark.parametrize("text, cc3", [
    # towns sharing an English name share their readings, whatever Arabic spelling GeoNames gives each: this
    # spelling of Salisbury is only Maryland's, yet in a British story it is Wiltshire's
    ("وقالت الحكومة البريطانية إن الهجوم في سالزبوري استهدف العميل الروسي السابق.", "GBR"),
    ("وأعلنت الشرطة البريطانية أن التحقيق في سالزبوري مستمر.", "GBR"),
    ("وقالت الشرطة الأمريكية إن الحادث في سالزبوري بولاية ماريلاند أوقع جرحى.", "USA"),
])
def test_a_namesake_spelled_differently_is_read_by_the_story_too(run, text, cc3):
    assert _loc(run("الثلاثاء 2024/03/05\n\n" + text + "\n"), "سالزبوري").cc3 == cc3


def test_peru_is_named_with_the_article_too():
    assert KB.load().country_by_name("البيرو").iso3 == "PER"


@pytest.mark.parametrize("text, town, state", [
    # towns listed together and located from a town of another state are in that state, in every mention
    ('وقالت منظمة خيرية إن مستشفيات "صيدا والجيزة والمسيفرة، شرقي مدينة درعا تعرضت للقصف". وتوقف مستشفى الجيزة عن '
     'العمل.', "الجيزة", "SYR"),
    ('وقالت منظمة خيرية إن مستشفيات "صيدا والجيزة والمسيفرة، شرقي مدينة درعا تعرضت للقصف".', "صيدا", "SYR"),
    ("وقصفت الطائرات بلدات صيدا والحراك قرب مدينة درعا.", "صيدا", "SYR"),
    # a town that locates nothing keeps its own state
    ("وزار الوزير مدينة صيدا جنوب لبنان ثم توجه إلى درعا.", "صيدا", "LBN"),
])
def test_towns_located_from_a_town_of_another_state_are_in_that_state(run, text, town, state):
    doc = run("الثلاثاء 2024/03/05\n\n" + text + "\n")
    got = [m.place.cc3 for m in doc.mentions if m.place is not None and m.text == town]
    assert got and set(got) == {state}, [(m.text, m.place.cc3) for m in doc.mentions if m.place is not None]
