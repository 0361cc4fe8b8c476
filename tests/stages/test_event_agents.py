"""Who acts on whom in hostile and verbal events, each kind on hand-written sentences: agents that are
not the plain subject (a resumptive pronoun's speaker, a relative clause on an act noun, "the
latter", a governed light verb), parties that are not parties (venues, postings, patrons, landmarks,
datelines), acts that are not done (threatened, attacked in words), and one event per act."""
import pytest

from .docs import dated as _dated
from .docs import events as _all_events


def _events(doc):
    return _all_events(doc, detail=False)


@pytest.mark.parametrize("text, agent, target", [
    ("وقالت تركيا إنها ردا على الهجوم شنت غارات جوية على مواقع عراقية.", "TUR", "IRQ"),
    ("وأعلنت روسيا أنها بعد ساعات نفذت ضربات على مواقع أوكرانية.", "RUS", "UKR"),
])
def test_resumptive_pronoun_gives_the_speaker_as_agent(run, text, agent, target):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"]
    assert ("ASSAULT", (agent,), (target,)) in got, got


def test_no_speaker_before_the_pronoun_gives_no_agent(run):
    # "إنها" here follows no actor: the strike has no agent the text names
    got = [e for e in _events(run(_dated("وقال شهود عيان إنها بعد ساعات شنت غارات على مواقع عراقية."))) if e[0] == "ASSAULT"]
    assert not got, got


@pytest.mark.parametrize("text, agents, target", [
    ("وتواصلت الإدانات للغارات التي شنتها إسرائيل على لبنان.", ("ISR",), "LBN"),
    ("وتحدث التقرير عن الضربات التي نفذتها الولايات المتحدة وبريطانيا على اليمن.", ("GBR", "USA"), "YEM"),
])
def test_relative_clause_with_light_verb_names_the_agent(run, text, agents, target):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"]
    assert ("ASSAULT", agents, (target,)) in got, got


def test_condemned_act_points_the_condemnation_at_its_agent(run):
    text = "أدان وزير الخارجية المصري، سامح شكري، اليوم الثلاثاء، الهجمات التي شنتها إسرائيل على لبنان."
    got = _events(run(_dated(text)))
    assert ("ACCUSE", ("EGY",), ("ISR",)) in got, got


def test_a_council_named_as_the_venue_is_not_the_target(run):
    got = _events(run(_dated("واستخدمت روسيا حق النقض ضد مشروع قرار أمريكي في مجلس الأمن الدولي.")))
    assert ("REJECT", ("RUS",), ("USA",)) in got, got
    assert not any(e[0] == "REJECT" and "IGO" in e[2] for e in got), got


def test_one_act_with_two_readings_is_one_event(run):
    doc = run(_dated("أكد رئيس الوزراء الكندي جاستن ترودو، اليوم، اعتراضه على الرسوم الجمركية الأمريكية، وتعهد باتخاذ إجراءات مماثلة "
                     "ضد واشنطن."))
    hostile = [e for e in doc.events if {a.code for a in e.source} == {"CAN"} and {a.code for a in e.recipient} == {"USA"}]
    assert len(hostile) == 1 and {"REJECT", "THREATEN"} <= set(hostile[0].event), [(e.event, e.source) for e in doc.events]


def test_a_meeting_and_its_signing_stay_two_events(run):
    doc = run(_dated("استقبل الرئيس المصري عبد الفتاح السيسي اليوم الثلاثاء في القاهرة رئيس الوزراء اليوناني كيرياكوس "
                     "ميتسوتاكيس، ووقع البلدان اتفاقية للتعاون في مجال الطاقة."))
    cats = [e.event for e in doc.events]
    assert ["CONSULT"] in cats and any("CONSULT" not in c and c for c in cats), cats


def test_a_state_acts_by_the_one_official_the_sentence_names(run):
    doc = run(_dated("أعلن وزير الخارجية المغربي ناصر بوريطة اليوم أن المغرب قرر قطع علاقاته الدبلوماسية مع إيران."))
    cut = [e for e in doc.events if "SANCTION" in e.event]
    assert cut and "ناصر بوريطة" in [a.actor_text for a in cut[0].source], [(e.event, e.source) for e in doc.events]
    assert {a.code for a in cut[0].source} == {"MAR"}


def test_an_envoys_posting_is_neither_party_nor_place(run):
    # "لدى العراق" is where the ambassador serves; his criticism is aimed at the United States
    got = _events(run(_dated("وانتقد سفير إيران لدى العراق إيرج مسجدي اليوم العقوبات الأمريكية.")))
    assert ("ACCUSE", ("IRN",), ("USA",)) in got and not any("IRQ" in e[1] + e[2] for e in got), got


def test_the_light_verbs_own_subject_imposes_not_the_condemner(run):
    got = _events(run(_dated("دانت دمشق اليوم إعادة فرض الولايات المتحدة عقوبات اقتصادية على طهران.")))
    assert ("SANCTION", ("USA",), ("IRN",)) in got and not any(e[0] == "SANCTION" and "SYR" in e[1] for e in got), got


def test_a_call_between_two_officials_is_not_a_call_to_ones_own_side(run):
    doc = run(_dated("وذكر مكتب ماكرون في بيان صدر بعد اتصال هاتفي اليوم بين ماكرون ورئيسة الوزراء البريطانية "
                     "تيريزا ماي أن البلدين يتفقان على الرد."))
    calls = [e for e in doc.events if "CONSULT" in e.event]
    assert calls and all(len({a.code for a in e.source + e.recipient}) == 2 for e in calls), \
        [(e.event, e.source, e.recipient) for e in calls]


def test_a_place_of_another_happening_does_not_host_a_visit(run):
    doc = run(_dated("التقى المبعوث الروسي ألكسندر لافرنتييف اليوم في زيارة مفاجئة لطهران أمين المجلس الأعلى للأمن "
                     "القومي الإيراني علي شمخاني لبحث الرد على هجوم كيميائي محتمل في دوما."))
    meetings = [e for e in doc.events if "CONSULT" in e.event]
    assert meetings and all({a.code for a in e.source + e.recipient} == {"RUS", "IRN"} for e in meetings), \
        [(e.event, e.source, e.recipient) for e in meetings]


def test_a_visit_nouns_visitor_is_close_or_named_by_its_relative(run):
    doc = run(_dated("وغادرت ميركل إلى واشنطن اليوم في زيارة عمل أقصر بكثير من تلك التي قام بها الرئيس الفرنسي "
                     "إيمانويل ماكرون إلى الولايات المتحدة."))
    assert any("CONSULT" in e.event and {a.code for a in e.source} == {"FRA"} for e in doc.events), \
        [(e.event, e.source, e.recipient) for e in doc.events]


def test_the_country_as_a_target_is_the_last_other_state_named(run):
    got = _events(run(_dated("وتصاعد التوتر في سوريا اليوم بعد توعد الرئيس الأمريكي دونالد ترامب بإطلاق صواريخ على البلاد.")))
    assert ("THREATEN", ("USA",), ("SYR",)) in got, got
    # no state named before: "البلاد" points nowhere
    got = _events(run(_dated("وتوعد الرئيس الأمريكي دونالد ترامب اليوم بإطلاق صواريخ على البلاد.")))
    assert not any(e[0] == "THREATEN" for e in got), got


def test_a_datelines_nisba_is_no_party(run):
    doc = run(_dated("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- وجهت الخارجية السورية اليوم دعوة رسمية لمنظمة حظر "
                     "الأسلحة الكيماوية لزيارة دوما."))
    assert not any("USA" in {a.code for a in e.source + e.recipient} for e in doc.events), \
        [(e.event, e.source) for e in doc.events]


def test_a_threatened_act_is_not_told_as_done(run):
    got = _events(run(_dated("وهدد الرئيس الأمريكي دونالد ترامب اليوم بفرض عقوبات على تركيا.")))
    assert not any(e[0] == "SANCTION" for e in got), got
    got = _events(run(_dated("وفرضت الولايات المتحدة اليوم عقوبات على تركيا.")))
    assert ("SANCTION", ("USA",), ("TUR",)) in got, got


def test_an_attack_in_words_is_an_accusation(run):
    got = _events(run(_dated("وشن الرئيس الأمريكي دونالد ترامب اليوم هجوما حادا على ألمانيا.")))
    assert ("ACCUSE", ("USA",), ("DEU",)) in got and not any(e[0] == "ASSAULT" for e in got), got


@pytest.mark.parametrize("text, agent, target", [
    ("وجهت المندوبة الأمريكية في مجلس الأمن، نيكي هيلي، انتقادات شديدة إلى الحكومة الروسية.", "USA", "RUS"),
    ("وشن وزير الخارجية الإيراني في طهران، محمد جواد ظريف، هجوما حادا على السعودية.", "IRN", "SAU"),
    ("ووجهت المتحدثة باسم الخارجية الروسية، ماريا زاخاروفا، انتقادات حادة إلى الحكومة البريطانية.", "RUS", "GBR"),
])
def test_a_light_verb_before_a_titled_subject_gives_the_subject(run, text, agent, target):
    # the subject's phrase begins at its title, however long: the light verb before it is its own
    got = _events(run(_dated(text)))
    assert ("ACCUSE", (agent,), (target,)) in got, got


def test_a_visit_to_attend_a_gathering_has_no_host(run):
    doc = run(_dated("ويبدأ وزير الخارجية الأمريكي مايك بومبيو اليوم زيارة إلى العاصمة البلجيكية بروكسل لحضور اجتماع "
                     "لحلف شمال الأطلسي."))
    assert not any("BEL" in {a.code for a in e.source + e.recipient} for e in doc.events), \
        [(e.event, e.source, e.recipient) for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("وشن الرئيس الإيراني حسن روحاني اليوم هجوما على الولايات المتحدة.", "ACCUSE"),
    ("وشن الرئيس الأمريكي دونالد ترامب اليوم هجوما عسكريا على سوريا.", "ASSAULT"),
    ("وشنت الطائرات الإسرائيلية اليوم هجوما على مواقع في سوريا.", "ASSAULT"),
])
def test_an_official_attacking_with_no_force_named_attacks_in_words(run, text, expected):
    got = {e[0] for e in _events(run(_dated(text)))}
    assert expected in got and ({"ACCUSE", "ASSAULT"} - {expected}).isdisjoint(got), got


def test_a_council_named_before_the_target_is_still_only_the_venue(run):
    got = _events(run(_dated("واستخدمت روسيا الثلاثاء حق النقض في مجلس الأمن الدولي ضد مشروع قرار أمريكي بشأن سوريا.")))
    assert ("REJECT", ("RUS",), ("USA",)) in got and not any(e[0] == "REJECT" and "IGO" in e[2] for e in got), got


def test_an_igo_head_acts_for_it_wherever_the_document_names_him(run):
    doc = run(_dated("وصل رئيس المجلس الأوروبي دونالد توسك اليوم إلى بروكسل.\nوندد توسك بالهجوم الروسي على أوكرانيا."))
    got = _events(doc)
    assert any(e[0] == "ACCUSE" and e[1] == ("IGO",) for e in got) and not any("POL" in e[1] for e in got), got


@pytest.mark.parametrize("text, expected", [
    ("وهاجم الرئيس الأمريكي دونالد ترامب اليوم الصين بسبب سياساتها التجارية.", ("ACCUSE", ("USA",), ("CHN",))),
    ("وهاجمت طائرات حربية إسرائيلية اليوم مواقع عسكرية في سوريا.", ("ASSAULT", ("ISR",), ("SYR",))),
    ("وتهجم الرئيس التركي رجب طيب أردوغان اليوم على فرنسا.", ("ACCUSE", ("TUR",), ("FRA",))),
])
def test_attacking_verbs_read_by_who_attacks(run, text, expected):
    got = _events(run(_dated(text)))
    assert expected in got, got


def test_a_groups_patron_is_no_party_to_what_it_does(run):
    got = _events(run(_dated("وهاجمت قوات سعودية اليوم مواقع للمسلحين المتحالفين مع إيران في اليمن.")))
    assert not any("IRN" in e[1] + e[2] for e in got), got


def test_a_stance_word_condemned_points_at_the_agent_of_its_relative_clause(run):
    got = _events(run(_dated("وندد وزير الخارجية الإيراني محمد جواد ظريف في مقابلة مع صحيفة محلية اليوم بالتطرف الذي "
                             "تبديه دول الاتحاد الأوروبي حيال إيران.")))
    assert ("ACCUSE", ("IRN",), ("IGO",)) in got, got


def test_a_statement_issued_to_condemn_points_at_the_relative_clauses_agent(run):
    got = _events(run(_dated("وأصدرت بيونغ يانغ اليوم بيانا حاد اللهجة للتنديد بالمطالب التي قدمها وزير الخارجية "
                             "الأمريكي مايك بومبيو.")))
    assert ("ACCUSE", ("PRK",), ("USA",)) in got, got


def test_a_nested_meeting_word_keeps_its_parties_out_of_the_call(run):
    doc = run(_dated("وجاء ذلك في أعقاب اتصال الرئيس الفرنسي إيمانويل ماكرون اليوم بنظيره الروسي فلاديمير بوتين لإطلاعه على "
                     "محادثاته مع الرئيس الأمريكي دونالد ترامب."))
    calls = [e for e in doc.events if "phone" in (e.mode or [])]
    assert calls and {a.code for a in calls[0].source + calls[0].recipient} == {"FRA", "RUS"}, \
        [(e.event, e.mode, [a.code for a in e.source + e.recipient]) for e in doc.events]


def test_bin_salman_alone_is_the_crown_prince(run):
    doc = run("الثلاثاء 2018/10/16\n\nوجرت اليوم مكالمة هاتفية بين ترامب وبن سلمان بشأن قضية اختفاء خاشقجي.\n")
    calls = [e for e in doc.events if "CONSULT" in e.event]
    assert calls and {a.code for a in calls[0].source + calls[0].recipient} == {"SAU", "USA"}, \
        [(e.event, [a.actor_text for a in e.source + e.recipient]) for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("سوريا تدين اليوم قرار الإدارة بإعادة فرض عقوبات اقتصادية على إيران.", None),
    ("وقامت إسرائيل اليوم بشن غارات على مواقع في سوريا.", ("ASSAULT", ("ISR",), ("SYR",))),
])
def test_a_governed_light_verb_names_no_agent_before_it(run, text, expected):
    got = _events(run(_dated(text)))
    if expected is None:
        assert not any(e[0] == "SANCTION" and "SYR" in e[1] for e in got), got
    else:
        assert expected in got, got


def test_a_landmark_state_is_no_party(run):
    got = _events(run(_dated("ودعا الرئيس الأمريكي دونالد ترامب اليوم حكام الولايات المجاورة للمكسيك إلى إرسال قوات.")))
    assert not any("MEX" in e[1] + e[2] for e in got), got


def test_russia_today_tuesday_is_russia_not_rt(run):
    got = _events(run(_dated("واستخدمت روسيا اليوم الثلاثاء حق النقض ضد مشروع قرار أمريكي.")))
    assert ("REJECT", ("RUS",), ("USA",)) in got, got


def test_a_visit_told_beside_a_call_stays_a_visit(run):
    doc = run(_dated("وتزامنت المكالمة الهاتفية بين ترامب وماكرون اليوم مع زيارة وزير الخارجية الأمريكي مايك بومبيو إلى "
                     "السعودية ولقائه العاهل السعودي الملك سلمان بن عبد العزيز."))
    visits = [e for e in doc.events if "CONSULT" in e.event and "مايك بومبيو" in [a.actor_text for a in e.source]]
    assert visits and all("phone" not in (e.mode or []) for e in visits), [(e.event, e.mode, e.source) for e in doc.events]


def test_an_envoy_to_an_igo_acts_for_his_state():
    from marsad.doc import Mention
    from marsad.stages.events import EventsStage

    stage = EventsStage()
    raw = "وقال السفير الروسي لدى الأمم المتحدة فاسيلي نيبنزيا إن"
    org = Mention(raw.index("الأمم"), raw.index("الأمم") + len("الأمم المتحدة"), "الأمم المتحدة", "ORG")
    assert stage._posted_at(raw, org)
    raw2 = "وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن"
    org2 = Mention(raw2.index("للأمم"), raw2.index("للأمم") + len("للأمم المتحدة"), "للأمم المتحدة", "ORG")
    assert not stage._posted_at(raw2, org2)


def test_a_later_report_naming_the_official_gives_the_event_its_official(run):
    # the threat is first told by a nisba ("التهديدات الأمريكية"), then by the president who made it
    text = ("ندد وزير الخارجية الإيراني محمد جواد ظريف بالتهديدات الأمريكية بتوجيه ضربة عسكرية لنظام الرئيس بشار الأسد.\n\n"
            "وكان الرئيس الأمريكي دونالد ترامب هدد بتوجيه ضربة عسكرية للنظام السوري.")
    doc = run(_dated(text))
    threats = [e for e in doc.events if "THREATEN" in e.event]
    assert len(threats) == 1, [(e.event, [a.actor_text for a in e.source]) for e in doc.events]
    usa = [a for a in threats[0].source + threats[0].recipient if a.code == "USA"]
    assert [a.entity for a in usa] == ["kb:trump_donald"], [(a.entity, a.actor_text) for a in usa]


def test_a_generic_state_body_belongs_to_the_official_who_convened_it(run):
    # "مجلس الأمن القومي" names no state: May chaired it, so it is Britain's, not the article's other state
    text = ("أعلنت رئيسة الوزراء البريطانية تيريزا ماي الأربعاء عقب ترأسها اجتماعا لمجلس الأمن القومي، "
            "أن بلادها ستطرد 23 دبلوماسيا روسيا.\n\nوقالت روسيا إن موسكو سترد. ونددت روسيا بالقرار.")
    doc = run(_dated(text))
    council = [e for e in doc.entities if e.type == "ORG" and "مجلس الأمن القومي" in e.name]
    assert [e.country for e in council] == ["GBR"], [(e.name, e.country) for e in council]
    assert not [e for e in doc.events if "CONSULT" in e.event and {a.code for a in e.source + e.recipient} != {"GBR"}]


def test_a_denial_of_claims_told_before_is_aimed_at_who_made_them(run):
    # "وتنفي إيران": the state after a feminine verb is its subject; "هذه الاتهامات" points back to the
    # last act the article told against Iran, Israel's strikes
    text = ("قال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن بلاده ستدافع عن نفسها.\n\n"
            "وبحسب الجيش الإسرائيلي، فقد استهدفت الغارات أهدافا إيرانية في سوريا.\n\nوتنفي إيران هذه الاتهامات.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "REJECT"]
    assert got == [("REJECT", ("IRN",), ("ISR",))], got


def test_a_denial_with_no_claims_told_before_has_no_target(run):
    got = [e for e in _events(run(_dated("وتنفي إيران هذه الاتهامات."))) if e[0] == "REJECT"]
    assert not got, got


def test_each_state_of_the_source_acts_through_its_one_named_official(run):
    # two states agree; the sentence names one official of each: both act by them
    text = ("كما ذكر مكتب ماكرون في البيان الذي صدر بعد اتصال هاتفي بين ماكرون ورئيسة الوزراء البريطانية تيريزا ماي "
            "إن باريس اتفقت مع بريطانيا على أن روسيا كانت وراء الهجوم.")
    doc = run(_dated(text))
    agree = next(e for e in doc.events if "AGREE" in e.event)
    assert {a.entity for a in agree.source} >= {"kb:macron_emmanuel", "kb:may_theresa"}, [a.actor_text for a in agree.source]


def test_a_meeting_word_before_the_trigger_keeps_its_own_parties(run):
    # the call was Trump's and the crown prince's; the visit and the meeting with the king were Pompeo's
    text = ("نفى ولي العهد السعودي محمد بن سلمان معرفة أية معلومات عن مصير الصحفي المفقود، بحسب ما أكده الرئيس "
            "الأمريكي دونالد ترامب.\n\nوغرد ترامب على موقع تويتر وقال إن بن سلمان تحدث معه هاتفيا عن القضية.\n\n"
            "لكن الرئيس ترامب قال إن بن سلمان نفى تماما أي علم بما جرى في القنصلية السعودية بتركيا.\n\n"
            "وتزامنت المكالمة الهاتفية بين ترامب وبن سلمان مع زيارة وزير الخارجية الأمريكي مايك بومبيو، إلى السعودية "
            "ولقاء العاهل السعودي الملك سلمان بن عبدالعزيز، وكذلك ولي العهد ووزير الخارجية عادل الجبير.")
    doc = run(_dated(text))
    met = [{a.entity for a in e.source + e.recipient} for e in doc.events if "CONSULT" in e.event]
    assert not [m for m in met if "kb:trump_donald" in m and "kb:salman_king" in m], met
    assert any({"kb:pompeo_mike", "kb:salman_king"} <= m for m in met), met


@pytest.mark.parametrize("text, accuser, denier", [
    ("ونفت إيران الاتهامات الإسرائيلية مشيرة إلى تزامنها مع مهلة حددها ترامب لانسحاب بلاده من الاتفاق.", "ISR", "IRN"),
    ("ونفت إيران الاتهامات الأمريكية بتزويد سوريا بالأسلحة.", "USA", "IRN"),
])
def test_the_claims_a_denial_rejects_are_aimed_at_the_denier(run, text, accuser, denier):
    # Iran denies Israel's accusations: they accuse Iran, not Trump nor Syria named after them
    got = _events(run(_dated(text)))
    assert ("REJECT", (denier,), (accuser,)) in got, got
    assert [e for e in got if e[0] == "ACCUSE"] == [("ACCUSE", (accuser,), (denier,))], got


def test_partners_joined_by_ma_share_the_act_of_a_relative_clause(run):
    text = "وتحدث التقرير عن الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا على سوريا."
    got = [e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"]
    assert ("ASSAULT", ("FRA", "GBR", "USA"), ("SYR",)) in got, got


@pytest.mark.parametrize("text, agent, targets", [
    # subject-verb-object after "إن": the state before the verb is its subject, not the object after it
    ("وقال نتنياهو إن إسرائيل تحمل إيران ومضيفتها سوريا كامل المسؤولية.", "ISR", ("IRN", "SYR")),
    ("وقال المتحدث إن إسرائيل تتهم إيران بإرسال طائرة مسيرة.", "ISR", ("IRN",)),
    # a relation noun with a pronoun joins the second state to the first: "روسيا وحليفتها إيران"
    ("واتهمت واشنطن روسيا وحليفتها إيران بدعم الأسد.", "USA", ("IRN", "RUS")),
])
def test_subject_before_the_verb_and_related_objects(run, text, agent, targets):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    # every object is accused by the subject (blame falls on each state apart: one event each)
    assert got and all(e[1] == (agent,) for e in got) and sorted({t for e in got for t in e[2]}) == list(targets), got


def test_a_place_before_the_verb_is_no_subject():
    from marsad.stages.clauses import Cand, _subject_before
    from marsad.stages.entities import Tok
    from marsad.doc import Mention

    def tokens(text):
        out, pos = [], 0
        for w in text.split():
            out.append(Tok(w, pos, pos + len(w), (w,)))
            pos += len(w) + 1
        return out

    def cand(toks, i):
        return Cand(Mention(toks[i].start, toks[i].end, toks[i].text, "LOC"), "SYR", i, "state")
    toks = tokens("في سوريا قصفت الطائرات الروسية المواقع")
    assert not _subject_before(toks, 2, cand(toks, 1))  # "في سوريا": a prepositional object
    toks = tokens("إن سوريا قصفت المواقع")
    assert _subject_before(toks, 2, cand(toks, 1))  # "إن سوريا قصفت": the subject
    assert not _subject_before(toks, 3, cand(toks, 1))  # not right before the verb


def test_guests_joined_by_a_title_the_kb_does_not_hold(run):
    text = ("استقبل العاهل الأردني الملك عبد الله الثاني اليوم وزير الخارجية الكويتي صباح الخالد الصباح، "
            "ونائب رئيس مجلس الوزراء الإماراتي الشيخ منصور بن زايد.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "CONSULT"]
    assert ("CONSULT", ("ARE", "KWT"), ("JOR",)) in got, got


def test_a_span_across_a_quotation_mark_is_no_actor(run):
    text = ('وجاء إعلان ترامب اليوم عن لقاء نادر في البيت الأبيض، حيث استقبل وفد كوري شمالي برئاسة كيم يونغ شول '
            'كبير المفاوضين الكوريين الشماليين الذي يوصف بأنه "الذراع اليمنى" لزعيم كوريا شمالية.')
    codes = {a.code for e in run(_dated(text)).events for a in e.source + e.recipient}
    assert "YEM" not in codes, codes


@pytest.mark.parametrize("text, expected", [
    # the antecedent of "التي" is the object of a verb carrying its pronoun; the agent follows the verb…
    ("وتحدث الوزير عن إيران التي اتهمتها السعودية اليوم بتسليح الحوثيين.", ("ACCUSE", ("SAU",), ("IRN",))),
    # …or, when none does, is the one the sentence is about
    ("قرر الرئيس الأمريكي دونالد ترامب اليوم فرض رسوم جمركية على السلع الصينية معاقبة للصين، التي اتهمها "
     "بسرقة الملكية الفكرية الأمريكية.", ("ACCUSE", ("USA",), ("CHN",))),
])
def test_a_relative_clause_with_an_object_pronoun(run, text, expected):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert expected in got and (expected[0], expected[2], expected[1]) not in got, got


def test_a_relative_clause_whose_subject_is_no_state_borrows_none(run):
    text = "وأغلقت الإمارات والسعودية اليوم طرق السفر مع الدوحة، التي تتهمها الدول المقاطعة بأنها تدعم الإرهاب."
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert not got, got


def test_a_light_participle_takes_the_subject_of_a_sentence_under_a_wire_dateline(run):
    text = ('دبي، الإمارات العربية المتحدة (CNN)-- انتقد وزير الخارجية السعودي، عادل الجبير، الأربعاء "الاختراق '
            'الصارخ" للقوانين الدولية، موجهاً أصابع الاتهام لإيران بكونها مسؤولة عن توفير الصواريخ البالستية.')
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert ("ACCUSE", ("SAU",), ("IRN",)) in got, got


def test_a_finite_light_verb_after_a_quotation_borrows_no_subject(run):
    text = ('وقالت رئيسة الوزراء البريطانية تيريزا ماي في مقابلة: "إذا خرجت أمريكا من الاتفاق فأول سؤال هو: هل '
            'تعيد فرض عقوبات على إيران".')
    got = [e for e in _events(run(_dated(text))) if e[0] == "SANCTION"]
    assert ("SANCTION", ("GBR",), ("IRN",)) not in got, got


@pytest.mark.parametrize("text, expected", [
    # an active participle opening a circumstantial clause has the sentence's subject…
    ("ولم يوافق الرئيس الأمريكي دونالد ترامب اليوم على البيان الختامي، متهما في ختام القمة رئيس الوزراء "
     "الكندي جاستن ترودو بسوء النية.", ("ACCUSE", ("USA",), ("CAN",))),
    ("وقال وزير الخارجية الإيراني محمد جواد ظريف اليوم إن الاتفاق صامد، منددا بالعقوبات الأمريكية.",
     ("ACCUSE", ("IRN",), ("USA",))),
    # …and "إياها" is the party named before it, not the state after it
    ("شن الرئيس الأمريكي دونالد ترامب اليوم هجوما حادا على ألمانيا متهما إياها بإثراء روسيا.",
     ("ACCUSE", ("USA",), ("DEU",))),
])
def test_a_participle_takes_the_sentence_subject(run, text, expected):
    got = _events(run(_dated(text)))
    assert expected in got and ("ACCUSE", ("USA",), ("RUS",)) not in got, got


def test_counted_defendants_accuse_no_one(run):
    text = "قضت محكمة النقض المصرية اليوم بإلغاء أحكام الحبس الصادرة بحق 16 متهما، بينهم ثلاثة أمريكيين."
    assert not [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]


def test_an_attribution_is_aimed_at_whom_the_act_is_attributed(run):
    text = ("وأكد الوزير الإيراني اليوم أن الغارة الجوية التي استهدفت مطارا عسكريا في سوريا ونسبتها دمشق وطهران "
            "وموسكو إلى إسرائيل هدفها الحد من المكاسب.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert ("ACCUSE", ("IRN", "RUS", "SYR"), ("ISR",)) in got, got
    # "التي نسبته": the relative pronoun is the subject (her) and the pronoun the act (it)
    got = _events(run(_dated("ويأتي هذا بعد هجوم اليوم على دمشق التي نسبته إلى الدولة العبرية.")))
    assert ("ACCUSE", ("ISR",), ("SYR",)) not in got, got


def test_reaching_an_agreement_is_agreeing_and_trying_to_is_not(run):
    assert ("AGREE", ("KWT", "PHL"), ()) in _events(run(_dated(
        "وكانت الفلبين والكويت قد توصلتا اليوم إلى اتفاق لتنظيم العمالة المنزلية.")))
    got = _events(run(_dated("ويحاول البلدان اليوم التوصل إلى اتفاق بين الفلبين والكويت لحماية حقوق العمال.")))
    assert not [e for e in got if e[0] == "AGREE"], got


def test_the_first_actor_after_kana_is_the_subject_of_the_verb_after_qad(run):
    text = ("وكان ولي العهد السعودي محمد بن سلمان في زيارته للولايات المتحدة في مارس الماضي قد دعا واشنطن إلى البقاء "
            "في سوريا منعاً من توسع النفوذ الإيراني.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "DEMAND"]
    assert got and all(e[1] == ("SAU",) for e in got), got


def test_his_country_is_the_official_named_just_before(run):
    text = ("وأعلنت السعودية والبحرين والإمارات اليوم تأييدها الخطوات التي أعلنها الرئيس الأمريكي لجهة انسحاب بلاده من "
            "الاتفاق النووي الإيراني.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "REJECT"]
    assert got and all(e[1] == ("USA",) for e in got), got


@pytest.mark.parametrize("text, agent, target", [
    # a named foreign national whose state the text gives earlier
    ("وقال القس الأمريكي أندرو برونسون إنه بريء. واحتجزت السلطات التركية أندرو برونسون قبل عامين.", "TUR", "USA"),
    # a court sentencing a foreign national named by a nisba
    ("قضت محكمة إيرانية اليوم بسجن صحفية بريطانية خمس سنوات.", "IRN", "GBR"),
])
def test_an_arrest_or_sentence_falls_on_the_foreign_national(run, text, agent, target):
    got = [e for e in _events(run(_dated(text))) if e[0] == "COERCE"]
    assert ("COERCE", (agent,), (target,)) in got, got


def test_journalists_by_their_nisba_are_no_party_to_a_meeting(run):
    got = _events(run(_dated("وتعقد جمعية أصدقاء الصحفيين الفرنسيين اجتماعا في باريس اليوم لمتابعة التحقيق.")))
    assert not [e for e in got if e[0] == "CONSULT"], got


def test_a_reply_to_statements_is_aimed_at_their_speaker(run):
    text = ("رد جون كيري، وزير الخارجية الأمريكي الأسبق، اليوم، على تصريحات رئيس الوزراء الإسرائيلي بنيامين نتنياهو "
            "حول الاتفاق النووي.")
    got = [e for e in _events(run(_dated(text))) if e[0] == "REJECT"]
    assert got and all(e[1] == ("USA",) and e[2] == ("ISR",) for e in got), got


def test_a_strike_on_two_states_targets_is_one_event_per_state(run):
    text = "وشنت إسرائيل اليوم سلسلة غارات جوية في سوريا على أهداف سورية وإيرانية ردا على اختراق طائرة مسيرة."
    got = {e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"}
    assert {("ASSAULT", ("ISR",), ("SYR",)), ("ASSAULT", ("ISR",), ("IRN",))} <= got, got


def test_a_joint_strike_by_several_states_stays_one_event(run):
    got = [e for e in _events(run(_dated("شنت الولايات المتحدة وفرنسا وبريطانيا اليوم ضربات على سوريا."))) if e[0] == "ASSAULT"]
    assert got == [("ASSAULT", ("FRA", "GBR", "USA"), ("SYR",))], got


def test_force_words_after_a_comma_do_not_make_a_verbal_attack_military(run):
    text = ("شن خطيب جمعة طهران أحمد خاتمي، اليوم، هجوما على الولايات المتحدة وإسرائيل، في ظل تصاعد التوتر إثر "
            "الضربة الإسرائيلية لمواقع عسكرية إيرانية في سوريا.")
    got = _events(run(_dated(text)))
    assert ("ACCUSE", ("IRN",), ("ISR", "USA")) in got and not [e for e in got if e[0] == "ASSAULT" and e[1] == ("IRN",)], got


@pytest.mark.parametrize("text, event", [
    # a grouping's name is its member states
    ("وقعت إيران عام 2015 مع مجموعة 5+1 اتفاقا حول برنامجها النووي.",
     ("SUPPORT", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS", "USA"), ())),
    ("وطالب الرئيس الإيراني اليوم الترويكا الأوروبية بضمانات.", ("DEMAND", ("IRN",), ("DEU", "FRA", "GBR"))),
    # the summit of a grouping is a meeting of its states, hosted by none of them
    ("انتهت اليوم قمة مجموعة السبع في كندا بخلاف حاد حول التجارة.",
     ("CONSULT", ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"), ())),
])
def test_a_grouping_of_states_acts_as_its_members(run, text, event):
    assert event in _events(run(_dated(text))), _events(run(_dated(text)))


def test_members_listed_after_a_grouping_are_not_counted_twice(run):
    text = ("وينص الاتفاق النووي الذي وقع بين طهران والدول الست الكبرى (الصين والولايات المتحدة وفرنسا وبريطانيا "
            "وروسيا وألمانيا) في تموز/يوليو 2015 على أن تعلق طهران برنامجها النووي.")
    signed = [e for e in run(_dated(text)).events if "SUPPORT" in e.event]
    assert len(signed) == 1 and sorted(a.code for a in signed[0].source) == \
        ["CHN", "DEU", "FRA", "GBR", "IRN", "RUS", "USA"], [(e.event, [a.code for a in e.source]) for e in signed]


def test_the_act_a_response_answers_takes_no_agent_from_the_responders(run):
    text = "وردا على الهجوم شنت الولايات المتحدة وبريطانيا وفرنسا اليوم غارات عسكرية على منشآت سورية."
    got = [e for e in _events(run(_dated(text))) if e[0] == "ASSAULT"]
    assert got == [("ASSAULT", ("FRA", "GBR", "USA"), ("SYR",))], got


@pytest.mark.parametrize("text, event", [
    # the subject of "نال/حظي" is backed; those after the support noun back it
    ("ونالت بريطانيا اليوم دعما من الاتحاد الأوروبي وحلف شمال الأطلسي في هذه القضية.", ("SUPPORT", ("IGO",), ("GBR",))),
    ("وحظيت مصر اليوم بدعم من فرنسا لخطتها الاقتصادية.", ("SUPPORT", ("FRA",), ("EGY",))),
])
def test_who_receives_support_is_its_recipient(run, text, event):
    assert event in _events(run(_dated(text))), _events(run(_dated(text)))


def test_leaving_an_agreement_rejects_its_other_party(run):
    # "خروج" and "خرج" like "انسحاب": leaving the deal with Iran rejects Iran
    for text in ("أعلن الرئيس الأمريكي دونالد ترامب اليوم خروج بلاده من الاتفاق مع إيران.",
                 "وخرجت الولايات المتحدة من الاتفاق النووي الإيراني في مايو."):
        assert ("REJECT", ("USA",), ("IRN",)) in _events(run(_dated(text))), _events(run(_dated(text)))


def test_subject_after_the_verb_wins_over_the_actor_of_a_fronted_clause(run):
    # the Turkish government of the "ورغم …" clause is neither who threatens nor who is threatened: the
    # threat, named against no one, answers the other state of the article's dispute
    doc = run(_dated("وفرضت الولايات المتحدة عقوبات على تركيا. وقالت تركيا إن الولايات المتحدة تخطئ. "
                     "ورغم مساعي الحكومة التركية لطمأنة الأسواق حيال انخفاض الليرة التركية، هدد وزير الخزانة "
                     "الأمريكي ستيفين منوشن بمزيد من العقوبات."))
    threats = [e for e in _events(doc) if e[0] == "THREATEN"]
    assert threats == [("THREATEN", ("USA",), ("TUR",))], _events(doc)


def test_an_apposition_comma_before_the_verb_keeps_the_subject(run):
    # "أورسولا فون دير ليين، رفضت": the comma closes her name; Trump after the verb is whose accusations
    doc = run(_dated("وقالت وكالة رويترز إن وزيرة الدفاع الألمانية، أورسولا فون دير ليين، رفضت اتهامات الرئيس الأمريكي دونالد ترامب لبلادها."))
    assert ("REJECT", ("DEU",), ("USA",)) in _events(doc), _events(doc)


def test_a_threat_naming_no_one_answers_the_other_state_of_the_dispute(run):
    doc = run(_dated("اتهمت الولايات المتحدة إيران بدعم الإرهاب. وفرضت الولايات المتحدة عقوبات على إيران. "
                     "وقال مسؤول أمريكي إن إيران تهدد جيرانها. وردت إيران على الولايات المتحدة. "
                     "وحذر الرئيس الإيراني حسن روحاني من عواقب وخيمة."))
    assert ("THREATEN", ("IRN",), ("USA",)) in _events(doc), _events(doc)


def test_the_raid_verb_is_a_strike_like_its_noun(run):
    # "أغارت" is the verb of "غارة": the aircraft's nisba is the agent, the place struck the target
    doc = run(_dated("وأغارت طائرات إسرائيلية على مواقع في غزة فجر اليوم."))
    assert ("ASSAULT", ("ISR",), ("PSE",)) in _events(doc), _events(doc)


@pytest.mark.parametrize("text", [
    "وتعهد الرئيس الروسي فلاديمير بوتين ونظيره الإيراني حسن روحاني بالتعاون في سوريا.",
    "وكان الرئيس الروسي فلاديمير بوتين ونظيره الإيراني حسن روحاني قد تعهدا بالتعاون في سوريا.",
])
def test_a_pledge_made_together_is_an_agreement_of_its_parties(run, text):
    # no one is pledged to ("لـ"): the coordinated subject pledges to each other, as with "اتفق"
    got = [e for e in _events(run(_dated(text))) if e[0] == "AGREE"]
    assert [sorted(e[1] + e[2]) for e in got] == [["IRN", "RUS"]], got


def test_a_pledge_to_someone_keeps_its_direction(run):
    got = [e for e in _events(run(_dated("وتعهد الرئيس الروسي فلاديمير بوتين للرئيس الإيراني حسن روحاني بدعم بلاده.")))
           if e[0] == "AGREE"]
    assert got == [("AGREE", ("RUS",), ("IRN",))], got


def test_a_nisba_of_origin_is_no_state(run):
    # "من أصول إيرانية": Belgians of Iranian descent; Iran is not accused
    doc = run(_dated("اتهمت السلطات البلجيكية رجلا وزوجته من أصول إيرانية بالتحضير لاعتداء في باريس."))
    assert not [e for e in _events(doc) if "IRN" in e[1] + e[2]], _events(doc)


@pytest.mark.parametrize("text, state", [
    ("ونددت المنظمات التونسية بمواقف الحكومات الإيطالية والمالطية والفرنسية.", "TUN"),
    ("وخرجت مسيرات يمنية عديدة في سقطرى تندد بالتدخل الإماراتي.", "YEM"),
])
def test_civil_society_named_by_a_nisba_is_no_state(run, text, state):
    # NGOs, unions and marches of a nationality protest; their state does not act
    doc = run(_dated(text))
    assert not [e for e in _events(doc) if state in e[1]], _events(doc)


def test_an_ngo_subject_leaves_the_discourse_topic_out(run):
    # the article is about France, but "المنظمات التونسية" denounce, not France
    doc = run(_dated("قال الرئيس الفرنسي إيمانويل ماكرون إن فرنسا لن تستقبل المهاجرين. "
                     "ونددت المنظمات التونسية بمواقف الحكومة الإيطالية."))
    assert not [e for e in _events(doc) if e[0] == "ACCUSE"], _events(doc)


@pytest.mark.parametrize("text, event", [
    # the state the troops leave is where, not whom the call is to; whose troops they are is
    ("ودعا الرئيس الروسي إلى انسحاب جميع القوات الأجنبية من سوريا.", None),
    ("وقال الرئيس الروسي إنه لا بد من سحب كل القوات الأجنبية من أراضي سوريا.", None),
    ("ودعا الرئيس الروسي إلى انسحاب القوات الأمريكية من سوريا.", ("DEMAND", ("RUS",), ("USA",))),
    ("وطالبت إيران اليوم بانسحاب القوات الأمريكية من أراضي العراق.", ("DEMAND", ("IRN",), ("USA",))),
])
def test_the_state_troops_withdraw_from_is_no_target(run, text, event):
    got = [e for e in _events(run(_dated(text))) if e[0] == "DEMAND"]
    assert got == ([event] if event else []), got


@pytest.mark.parametrize("text, event", [
    # an attack on a participation, a coverage or a plan is made in words, after a subject told after the verb too
    ("وهاجم الرئيس السوري بشار الأسد مشاركة قوات عسكرية أمريكية وبريطانية في سوريا، واصفا إياها بالاستعمارية.",
     ("ACCUSE", ("SYR",), ("GBR", "USA"))),
    ("وهاجم وزير الخارجية الإيراني اليوم خطة الرئيس الأمريكي للسلام.", ("ACCUSE", ("IRN",), ("USA",))),
])
def test_an_attack_on_an_act_or_a_plan_is_verbal(run, text, event):
    got = _events(run(_dated(text)))
    assert event in got and not [e for e in got if e[0] == "ASSAULT"], got


@pytest.mark.parametrize("text", [
    # a child's or a citizen's nationality names no state the words are aimed at
    'وأعربت منظمة الأمم المتحدة لرعاية الطفولة (يونيسيف) اليوم عن "استيائها" من زواج الطفلة الماليزية.',
    "وندد الاتحاد الأوروبي اليوم بمقتل الطفل الفلسطيني في حادث سير بالنمسا.",
])
def test_a_nisba_on_people_is_no_addressee_of_a_statement(run, text):
    assert _events(run(_dated(text))) == []


def test_the_city_one_speaks_from_is_no_addressee(run):
    text = 'وصرح الرئيس الفرنسي الخميس من العاصمة البلغارية صوفيا بأنه "لا مصالح تجارية" تقف وراء سعي أوروبا.'
    got = _events(run(_dated(text)))
    assert not [e for e in got if "BGR" in e[1] + e[2]], got
    # what the words are about may be a capital's state: a call to stop the fighting in the Libyan capital
    text = "ودعت فرنسا وإيطاليا اليوم إلى وقف فوري للاشتباكات الدامية في العاصمة الليبية."
    assert ("DEMAND", ("FRA", "ITA"), ("LBY",)) in _events(run(_dated(text)))


@pytest.mark.parametrize("text, events", [
    # blame laid on several states is laid on each of them
    ('وقال رئيس الوزراء الإسرائيلي اليوم: "إسرائيل تحمل إيران ومضيفتها سوريا كامل المسؤولية".',
     [("ACCUSE", ("ISR",), ("IRN",)), ("ACCUSE", ("ISR",), ("SYR",))]),
    ("وحملت تركيا اليوم الولايات المتحدة وروسيا مسؤولية الأزمة.",
     [("ACCUSE", ("TUR",), ("RUS",)), ("ACCUSE", ("TUR",), ("USA",))]),
])
def test_blame_on_several_states_is_one_accusation_each(run, text, events):
    got = sorted(e for e in _events(run(_dated(text))) if e[0] == "ACCUSE")
    assert got == events, got


@pytest.mark.parametrize("text", [
    # a condemned attack whose agent goes unnamed: the state it falls on is its victim, no one accused
    "وأدانت الكويت اليوم الهجوم الصاروخي على السعودية.",
    "أدان قادة كل من فرنسا وألمانيا والولايات المتحدة اليوم الهجوم على عميل المخابرات الروسية في بريطانيا.",
])
def test_the_victim_of_a_condemned_attack_is_not_accused(run, text):
    assert [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"] == []


@pytest.mark.parametrize("text, event", [
    # the attack's agent named in its genitive or nisba is accused; an accused object stays accused
    ("وأدانت تركيا اليوم هجمات روسيا على إدلب.", ("ACCUSE", ("TUR",), ("RUS",))),
    ("وأدانت مصر اليوم الاعتداء الإسرائيلي على سوريا.", ("ACCUSE", ("EGY",), ("ISR",))),
    ("وتتهم الولايات المتحدة كوريا الشمالية بتدبير الهجوم على كيم جونغ نام.", ("ACCUSE", ("USA",), ("PRK",))),
])
def test_the_named_agent_of_a_condemned_attack_is_accused(run, text, event):
    assert event in _events(run(_dated(text)))


def test_demands_presented_in_a_relative_clause_are_the_presenters(run):
    text = "ورفضت كوريا الشمالية اليوم المطالب التي قدمها وزير الخارجية الأمريكي لكوريا الشمالية."
    got = _events(run(_dated(text)))
    assert ("DEMAND", ("USA",), ("PRK",)) in got and not [e for e in got if e[0] == "DEMAND" and e[1] == ("PRK",)], got


@pytest.mark.parametrize("text, agent, target", [
    ('ندد وزير الخارجية الإيراني محمد جواد ظريف بـ "التطرف" الذي تبديه دول الاتحاد الأوروبي حيال إيران.', "IRN", "IGO"),
    ('انتقد وزير الخارجية التركي مولود جاويش أوغلو "الازدواجية" التي تمارسها الولايات المتحدة في سوريا.', "TUR", "USA"),
    ('واتهمت وزارة الخارجية الروسية بـ"التضليل" الذي تمارسه بريطانيا في قضية سكريبال.', "RUS", "GBR"),
    # "من قبل" (by) names who did the condemned act; the place before it is where the act fell
    ("ندد وزير الخارجية الإيراني باحتلال أجزاء من سوريا من قبل القوات الأمريكية.", "IRN", "USA"),
    ("انتقد الرئيس التركي استهداف المدنيين في العراق من قبل القوات الإيرانية.", "TUR", "IRN"),
    ("أدان وزير الخارجية القطري حصار مدينة غزة من قبل الجيش الإسرائيلي.", "QAT", "ISR"),
])
def test_the_condemned_agent_stands_past_a_quotation_or_after_min_qibal(run, text, agent, target):
    # a scare-quoted word ("التطرف") ends no clause: the agent of the relative clause after it is the target
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert ("ACCUSE", (agent,), (target,)) in got, got


@pytest.mark.parametrize("text, agent, addressee", [
    ("ورفضت إيران الشروط التي قدمها وزير الخارجية الأمريكي مايك بومبيو.", "USA", "IRN"),
    ("أصدرت بيونغ يانغ الأحد بيانا للتنديد بالمطالب التي قدمها وزير الخارجية الأمريكي مايك بومبيو خلال زيارته "
     "لكوريا الشمالية.", "USA", "PRK"),
    ("وانتقدت قطر المطالب التي قدمتها السعودية.", "SAU", "QAT"),
])
def test_demands_named_by_their_rejecter_are_put_to_the_rejecter(run, text, agent, addressee):
    got = [e for e in _events(run(_dated(text))) if e[0] == "DEMAND"]
    assert ("DEMAND", (agent,), (addressee,)) in got, got



@pytest.mark.parametrize("text, accuser, accused", [
    # the state whose land, sovereignty or airspace an act violates is its victim: the agent is accused
    ("أعرب وزير الخارجية الإيراني عن أسفه لاحتلال أجزاء من سوريا من الولايات المتحدة.", "IRN", "USA"),
    ("ندد الرئيس اللبناني بانتهاك الطائرات الإسرائيلية الأجواء اللبنانية.", "LBN", "ISR"),
    ("اتهمت سوريا تركيا بانتهاك سيادة العراق.", "SYR", "TUR"),
])
def test_the_victim_of_a_violation_is_not_the_accused(run, text, accuser, accused):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert got and all(e[2] == (accused,) for e in got) and ("ACCUSE", (accuser,), (accused,)) in got, got


@pytest.mark.parametrize("text", [
    "ندد وزير الخارجية الإيراني بانتهاك سيادة سوريا.",
    "أدان الرئيس التركي احتلال أراضي العراق.",
    "انتقدت روسيا انتهاك الأجواء السورية.",
])
def test_a_violation_with_no_agent_named_accuses_no_one(run, text):
    got = [e for e in _events(run(_dated(text))) if e[0] == "ACCUSE"]
    assert not got, got


@pytest.mark.parametrize("text, voter, sponsor", [
    # a veto, a vote against or a defeat falls on whoever put the draft forward
    ("استخدمت روسيا حق النقض ضد مشروع قرار أمريكي في مجلس الأمن.", "RUS", "USA"),
    ("وأفشلت واشنطن وحلفاؤها مشروعي قرارين بديلين طرحتهما موسكو.", "USA", "RUS"),
    ("أسقطت الولايات المتحدة مشروع قرار تقدمت به الكويت يطالب بتوفير حماية دولية للفلسطينيين.", "USA", "KWT"),
    ("عطلت الكويت الأربعاء خلال اجتماع لمجلس الأمن مشروع قرار أمريكي يندد بإطلاق صواريخ على إسرائيل.", "KWT", "USA"),
    # "مشروع القرار" alone is the draft the article told before
    ("قدمت بريطانيا مشروع قرار إلى مجلس الأمن. وصوتت روسيا ضد مشروع القرار.", "RUS", "GBR"),
])
def test_a_vote_on_a_draft_falls_on_its_sponsor(run, text, voter, sponsor):
    got = [e for e in _events(run(_dated(text))) if e[0] == "REJECT"]
    assert ("REJECT", (voter,), (sponsor,)) in got and all(e[2] == (sponsor,) for e in got), got
    doc = run(_dated(text))
    assert not [e for e in doc.events if "REJECT" in e.event and "hypothetical" in (e.context or [])]


@pytest.mark.parametrize("text", [
    # a state the draft is about is not whom the veto is aimed at
    "استخدمت روسيا حق النقض ضد مشروع قرار دولي يتهم إيران بانتهاك حظر الأسلحة في اليمن.",
    "وأفشلت روسيا مشروع قرار يدين سوريا.",
])
def test_a_vote_on_a_draft_of_no_named_sponsor_targets_no_one(run, text):
    got = [e for e in _events(run(_dated(text))) if e[0] in ("REJECT", "ACCUSE", "ASSAULT")]
    assert not got, got


def test_downing_an_aircraft_is_still_an_assault(run):
    got = _events(run(_dated("أسقطت الدفاعات الجوية السورية طائرة إسرائيلية.")))
    assert ("ASSAULT", ("SYR",), ("ISR",)) in got, got


def _accusations(doc, src, rec):
    return [e for e in doc.events if "ACCUSE" in e.event and {a.code for a in e.source} == {src}
            and {a.code for a in e.recipient} == {rec}]


@pytest.mark.parametrize("body", [
    # two statements told with different verbs in the body are two acts, whatever their pair
    "وصباح الاثنين، شن الرئيس الأمريكي دونالد ترامب هجوما على حلفائه عبر تويتر.\nوكتب ترامب على تويتر، في انتقاد للرسوم التي ستفرضها كندا "
    "على الحليب الأمريكي.\nوكان ترامب قد اتهم في ختام القمة رئيس الوزراء الكندي جاستن ترودو بسوء النية.",
    "وقال المتحدث باسم الكرملين إن اللقاء كان مفيدا.\nوندد وزير الخارجية الروسي سيرغي لافروف بالعقوبات التي فرضتها "
    "بريطانيا على موسكو.\nواتهم السفير الروسي في لندن الحكومة البريطانية بتسميم العلاقات.",
])
def test_two_statements_of_one_pair_in_the_body_stay_two_events(run, body):
    doc = run(_dated(body))
    pair = ("USA", "CAN") if "ترامب" in body else ("RUS", "GBR")
    assert len(_accusations(doc, *pair)) == 2, [(e.event, e.source, e.recipient) for e in doc.events]


def test_the_lead_retold_in_the_body_is_one_statement(run):
    doc = run(_dated("اتهم وزير الخارجية الروسي سيرغي لافروف بريطانيا بتسميم العلاقات بين البلدين.\n"
                     "وقال الكرملين إن الأزمة ستطول.\nوانتقد لافروف بريطانيا في مؤتمر صحفي."))
    assert len(_accusations(doc, "RUS", "GBR")) == 1, [(e.event, e.source, e.recipient) for e in doc.events]


def test_support_received_and_solidarity_expressed_stay_two_events(run):
    doc = run(_dated("قال المتحدث باسم الكرملين ديمتري بيسكوف اليوم إن الأزمة مع لندن ستطول.\nونالت بريطانيا دعما من فرنسا في هذه القضية.\n"
                     "وكتب وزير الخارجية الفرنسي جان إيف لودريان على تويتر: أعبر عن تضامني الكامل مع رئيسة الوزراء "
                     "البريطانية تيريزا ماي."))
    support = [e for e in doc.events if "SUPPORT" in e.event and {a.code for a in e.source + e.recipient} == {"FRA", "GBR"}]
    assert len(support) == 2, [(e.event, e.source, e.recipient) for e in doc.events]


@pytest.mark.parametrize("text, host, envoy", [
    # a nisba qualifies the ministry before it, not the ambassador after it
    ("واستدعت وزارة الخارجية الجزائرية السفير الفرنسي في الجزائر.", "DZA", "FRA"),
    ("استدعت الخارجية الجزائرية السفير الفرنسي.", "DZA", "FRA"),
    ("واستدعت وزارة الخارجية المصرية السفير البريطاني في القاهرة.", "EGY", "GBR"),
])
def test_a_ministrys_nisba_does_not_join_the_envoys_title(run, text, host, envoy):
    doc = run(_dated(text))
    roles = [m for m in doc.mentions if m.type == "ROLE"]
    assert roles and all(m.country == envoy for m in roles), [(m.text, m.country) for m in roles]
    assert any({a.code for a in e.source + e.recipient} == {host, envoy} for e in doc.events), _events(doc)


@pytest.mark.parametrize("text, pair", [
    # a dual verb's parties are the two named before it, whoever the rest of the sentence names
    ("أعلن الكرملين أن فلاديمير بوتين وإيمانويل ماكرون اتفقا الاثنين على الإبقاء على الاتفاق النووي، وذلك في أعقاب "
     "اتصال الرئيس الفرنسي بنظيره الروسي لإطلاعه على محادثاته مع دونالد ترامب.", {"FRA", "RUS"}),
    ("وقالت الرئاسة إن السيسي وماكرون اتفقا على تعزيز التعاون بعد محادثات مع الرئيس الأمريكي دونالد ترامب.", {"EGY", "FRA"}),
])
def test_a_dual_verbs_parties_are_the_two_before_it(run, text, pair):
    doc = run(_dated(text))
    agreed = [{a.code for a in e.source + e.recipient} for e in doc.events if "AGREE" in e.event]
    assert agreed and all(codes == pair for codes in agreed), agreed


@pytest.mark.parametrize("text, agent, partner", [
    # "بالتنسيق مع X": done in coordination with X by whoever the sentence says did it
    ("وقال المتحدث باسم الجيش العراقي إن الضربات نفذت بالتنسيق مع الحكومة السورية.", "IRQ", "SYR"),
    ("وأعلنت روسيا أن العملية جرت بالتنسيق مع تركيا.", "RUS", "TUR"),
    ("ونقلت وكالة رويترز عن المتحدث باسم الجيش العراقي، العميد يحيى رسول، قوله إن الهجمات نفذت بالتنسيق مع "
     "الحكومة السورية.", "IRQ", "SYR"),
])
def test_an_act_done_in_coordination_is_cooperation(run, text, agent, partner):
    assert ("COOPERATE", (agent,), (partner,)) in _events(run(_dated(text)))


@pytest.mark.parametrize("text", [
    # an act on a company: the state named after it is the company's, no party
    "هددت فرنسا بفرض غرامات على شركة جنرال الكتريك حال فشل عملاق الصناعة الأمريكية في الوفاء بتعهداته.",
    "وهددت ألمانيا بفرض غرامة على شركة فيسبوك بعد تسريب بيانات ملايين المستخدمين الأمريكيين.",
])
def test_an_act_on_a_company_has_no_state_target(run, text):
    got = [e for e in _events(run(_dated(text))) if e[0] in ("THREATEN", "SANCTION")]
    assert not got, got


def test_a_newspaper_in_an_adverbial_phrase_is_no_object(run):
    text = ('انتقد وزير الخارجية الإيراني محمد جواد ظريف في مقابلة مع صحيفة "اعتماد" الإصلاحية سياسات الولايات المتحدة.')
    assert ("ACCUSE", ("IRN",), ("USA",)) in _events(run(_dated(text)))


@pytest.mark.parametrize("text, warned", [
    # a warning against partitioning a state is not aimed at that state; the one warned, if named, is
    ("حذر وزير الخارجية الروسي سيرغي لافروف من محاولات تقسيم سوريا، داعيا إلى احترام وحدة أراضيها.", None),
    ("وحذرت إيران الولايات المتحدة من تقسيم العراق.", "USA"),
])
def test_the_state_a_warning_is_about_is_not_the_one_warned(run, text, warned):
    got = [e for e in _events(run(_dated(text))) if e[0] == "THREATEN"]
    assert all(e[2] == (warned,) for e in got) and (warned is None or got), got


@pytest.mark.parametrize("text, event", [
    # a reaction to strikes whose agent the sentence leaves out is a reaction to the strikers the article told
    ("وشنت الولايات المتحدة وفرنسا وبريطانيا ضربات على مواقع في سوريا.\nورحبت تركيا بالضربات الغربية واعتبرتها ردا مناسبا.",
     ("SUPPORT", ("TUR",), ("FRA", "GBR", "USA"))),
    ("وشنت إسرائيل غارات على مواقع في سوريا.\nونددت روسيا بالغارات.", ("ACCUSE", ("RUS",), ("ISR",))),
])
def test_a_reaction_to_strikes_is_aimed_at_the_strikers(run, text, event):
    assert event in _events(run(_dated(text)))
