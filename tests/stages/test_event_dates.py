"""Which time dates an event (issue 12): its clause's own expression, else the discourse's time — the
time of the last event dated by its own words — else publication."""
import datetime as dt

PUB = "الأحد 2018/02/18\n\n"


def dated(doc, category):
    return [(e.date, e.enddate) for e in doc.events if category in e.event]


def test_a_background_time_does_not_date_the_next_statement(run):
    # d71 kind: "سقطت في إسرائيل الأسبوع الماضي" dates the drone's fall, not the accusation told after it
    doc = run(PUB + "قال مسؤولون إن طائرة إيرانية سقطت في إسرائيل الأسبوع الماضي.\nواتهم رئيس الوزراء الإسرائيلي بنيامين "
              "نتانياهو وزير الخارجية الإيراني محمد جواد ظريف بالكذب.")
    assert dated(doc, "ACCUSE") == [(dt.date(2018, 2, 18), None)]


def test_the_time_of_a_dated_event_carries_to_the_next_report(run):
    doc = run(PUB + "التقى وزير الخارجية الروسي سيرغي لافروف أمس السبت في موسكو نظيره الإيراني محمد جواد ظريف.\n"
              "واتهم لافروف الولايات المتحدة بتقويض الاتفاق النووي.")
    assert dated(doc, "CONSULT")[0][0] == dt.date(2018, 2, 17)
    assert dated(doc, "ACCUSE") and dated(doc, "ACCUSE")[0][0] == dt.date(2018, 2, 17)


def test_a_planned_meeting_does_not_date_the_calls_told_after_it(run):
    # d74 kind: "سيجتمعون … يوم الأحد" is ahead; the calls of the same statement are the day's news
    doc = run("السبت 2018/06/09\n\nأعلن الديوان الملكي أن الملك سلمان والملك عبد الله الثاني سيجتمعان في مكة يوم الأحد "
              "المقبل.\nوأجرى العاهل السعودي الملك سلمان بن عبد العزيز اتصالا هاتفيا مع أمير الكويت الشيخ صباح الأحمد.")
    calls = [e for e in doc.events if "CONSULT" in e.event and "phone" in e.mode]
    assert calls and calls[0].date == dt.date(2018, 6, 9)



def test_a_time_before_another_kind_of_event_is_that_events():
    # d71 kind: "وشنت إسرائيل في 10 من شباط غارات … لكن طهران نفت": the date is the raids', not the denial's
    from marsad.stages.drafts import _nearest_time
    from marsad.stages.entities import Tok
    from marsad.temporal import find_times
    text = "وشنت إسرائيل في 10 من شباط/فبراير الماضي سلسلة غارات جوية في سوريا، لكن طهران نفت هذا الأمر."
    times = find_times(text, dt.date(2018, 2, 18))
    raids, denial = (Tok(w, text.index(w), text.index(w) + len(w), ()) for w in ("غارات", "نفت"))
    assert _nearest_time(times, raids, [denial]).date == dt.date(2018, 2, 10)
    assert _nearest_time(times, denial, [raids]) is None
    assert _nearest_time(times, denial).date == dt.date(2018, 2, 10)  # with no other trigger, the time before


def test_a_time_in_what_is_said_after_an_does_not_date_the_meeting(run):
    # d30 kind: "قال ماكرون الخميس … إنه سيعلن في الأيام المقبلة": the days ahead are the announcement's
    doc = run("الخميس 2018/03/15\n\nالتقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي مولود تشاوش أوغلو في موسكو "
              "مؤكدين أن البلدين سيعقدان قمة في الأسبوع المقبل.")
    meetings = [e for e in doc.events if "CONSULT" in e.event and "future" not in e.context]
    assert meetings and (meetings[0].date, meetings[0].enddate) == (dt.date(2018, 3, 15), None)


def test_a_time_after_a_happening_named_in_the_clause_is_that_happenings(run):
    # d18 kind: March is when Skripal was poisoned; the sanctions are the day's news
    doc = run("الأربعاء 2018/08/08\n\nقررت الولايات المتحدة فرض عقوبات على روسيا باعتبارها مدانة بتسميم العميل الروسي "
              "المزدوج سيرغي سكريبال وابنته بغاز أعصاب في بريطانيا في مارس/ آذار.")
    assert dated(doc, "SANCTION") == [(dt.date(2018, 8, 8), None)]


def test_a_done_deed_is_not_dated_ahead(run):
    # d33 kind: the pledge and the objection are the day's news; 1 July is when the measures take effect
    doc = run("الاثنين 2018/06/11\n\nأكد رئيس الوزراء الكندي جاستين ترودو اعتراضه على الرسوم الجمركية الأمريكية، وتعهد "
              "باتخاذ إجراءات مماثلة ضد واشنطن في الأول من يوليو المقبل.")
    told = [e for e in doc.events if set(e.event) & {"REJECT", "THREATEN"}]
    assert told and all(e.date <= dt.date(2018, 6, 11) and "future" not in e.context for e in told)


def test_a_plan_is_not_dated_by_the_past_the_article_last_told(run):
    # d69 kind: "وسيلتقي بومبيو في طوكيو …" after a visit dated Friday and Saturday
    doc = run(PUB + "التقى وزير الخارجية الروسي سيرغي لافروف أمس السبت في موسكو نظيره الإيراني محمد جواد ظريف.\n"
              "وسيلتقي لافروف في أنقرة وزير الخارجية التركي مولود تشاوش أوغلو.")
    plans = [e for e in doc.events if "CONSULT" in e.event and "future" in e.context]
    assert plans and all(e.date >= dt.date(2018, 2, 18) for e in plans)


def test_a_where_clause_is_dated_by_its_head_clause(run):
    # "مطلع الشهر الماضي … حيث … تعهدوا": the pledge was made at that summit, not on the day of publication
    doc = run(PUB + "وانعقدت آخر قمة بين روسيا وإيران وتركيا يوم 5 يناير في أنقرة، حيث كان الرئيس الروسي فلاديمير بوتين "
              "ونظيره الإيراني حسن روحاني قد تعهدا بالتعاون في سوريا.")
    assert dated(doc, "AGREE") and dated(doc, "AGREE")[0][0] == dt.date(2018, 1, 5), dated(doc, "AGREE")
