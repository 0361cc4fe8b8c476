"""Issue 12's date expressions, each with its right value, and property tests of weekday arithmetic and
year choice over every publication day of two years (hypothesis is not installed: a loop over dates)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.temporal import find_times, parse_published

D = date
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]  # date.weekday() order
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
DAYS = [D(2017, 1, 1) + timedelta(days=k) for k in range(0, 730, 1)]


def only(text: str, pub: date, surface: str):
    hits = [t for t in find_times(text, pub) if t.text == surface]
    assert hits, (surface, [t.text for t in find_times(text, pub)])
    return hits[0]


# (text, publication, surface, date, enddate, direction)
TABLE = [
    # month names without a year: the year by the modifier or the clause's tense
    ("يوم 31 من جانفي الجاري", D(2017, 1, 22), "يوم 31 من جانفي الجاري", D(2017, 1, 31), D(2017, 1, 31), "future"),
    ("زيارة مرتقبة في شهر مارس", D(2017, 2, 10), "شهر مارس", D(2017, 3, 1), D(2017, 3, 31), "future"),
    ("التقيا في نوفمبر الماضي", D(2018, 7, 10), "نوفمبر الماضي", D(2017, 11, 1), D(2017, 11, 30), "past"),
    ("يزور القاهرة في 6 مارس المقبل", D(2018, 2, 1), "6 مارس المقبل", D(2018, 3, 6), D(2018, 3, 6), "future"),
    # spans and anchors
    ("تتواصل المحادثات منذ الاثنين", D(2018, 2, 1), "منذ الاثنين", D(2018, 1, 29), D(2018, 2, 1), "since"),
    ("التقيا قبل أسابيع", D(2018, 2, 1), "قبل أسابيع", D(2017, 12, 28), D(2018, 1, 22), "past"),
    ("على هامش احتفالات يوم النصر", D(2018, 5, 10), "يوم النصر", D(2018, 5, 9), D(2018, 5, 9), "past"),
    ("أعلنت الخارجية اليوم الثلاثاء", D(2018, 4, 10), "اليوم الثلاثاء", D(2018, 4, 10), D(2018, 4, 10), "present"),
    ("التقاه أمس", D(2018, 4, 10), "أمس", D(2018, 4, 9), D(2018, 4, 9), "past"),
    ("زاره الشهر الماضي", D(2018, 4, 10), "الشهر الماضي", D(2018, 3, 1), D(2018, 3, 31), "past"),
    ("المكالمة التي جرت قبل يومين", D(2018, 4, 10), "قبل يومين", D(2018, 4, 8), D(2018, 4, 8), "past"),
    ("يزور موسكو الأسبوع المقبل", D(2018, 4, 10), "الأسبوع المقبل", D(2018, 4, 14), D(2018, 4, 20), "future"),
    # a weekday in a clause of a future verb of meeting is the coming one
    ("سيجتمعون في مدينة مكة يوم الأحد.", D(2018, 6, 9), "يوم الأحد", D(2018, 6, 10), D(2018, 6, 10), "future"),
    ("اجتمعوا في مدينة مكة يوم الأحد.", D(2018, 6, 9), "يوم الأحد", D(2018, 6, 3), D(2018, 6, 3), "past"),
    # a day told with how long its event lasts is a span; a starting verb puts the weekday ahead
    ("في زيارة تستمر يومين تبدأ الثلاثاء", D(2018, 4, 8), "الثلاثاء", D(2018, 4, 10), D(2018, 4, 11), "future"),
    ("زار الرئيس موسكو الثلاثاء لمدة يومين", D(2018, 4, 12), "الثلاثاء", D(2018, 4, 10), D(2018, 4, 11), "past"),
    ("يصل الرئيس الثلاثاء في زيارة تستمر ثلاثة أيام", D(2018, 4, 12), "الثلاثاء", D(2018, 4, 10), D(2018, 4, 12),
     "present"),
    # numeral and abbreviated Levantine months
    ("التقيا في 15 تشرين 1", D(2024, 10, 20), "15 تشرين 1", D(2024, 10, 15), D(2024, 10, 15), "past"),
    ("التقيا في 5 ك2", D(2018, 3, 1), "5 ك2", D(2018, 1, 5), D(2018, 1, 5), "past"),
]


@pytest.mark.parametrize("text,pub,surface,start,end,direction", TABLE)
def test_issue12_expression(text, pub, surface, start, end, direction):
    t = only(text, pub, surface)
    assert (t.date, t.enddate, t.direction) == (start, end, direction)


@pytest.mark.parametrize("text", ["صادق المجلس على القانون الأساسي عدد 25 لسنة 2017", "وفق القرار 2254 لعام 2015",
                                  "المرسوم رقم 10 لسنة 2016"])
def test_the_year_of_a_numbered_law_or_resolution_is_no_time(text):
    assert find_times(text, D(2017, 4, 13)) == []


def test_a_duration_is_no_date():
    (t,) = find_times("لم يزرها منذ أكثر من عشر سنوات", D(2018, 2, 1))
    assert t.kind == "duration" and t.date is None


@pytest.mark.parametrize("stamp,day", [
    ("2018-04-09T23:30:00-04:00", D(2018, 4, 9)),  # the outlet's own day, not UTC's 10 April
    ("2018-04-10T00:30:00+03:00", D(2018, 4, 10)),
])
def test_publication_day_is_the_outlet_local_day(stamp, day):
    assert parse_published(stamp) == day


def test_a_day_before_another_event_is_not_anchored_on_publication():
    assert all(t.date is None for t in find_times("زار موسكو قبل يوم من القمة", D(2018, 4, 10)))
    assert all(t.date is None for t in find_times("وصل بعد أسبوع من اندلاع الأزمة", D(2018, 4, 10)))
    # counted from now, it is still a date
    (t,) = find_times("التقيا قبل يومين من الآن", D(2018, 4, 10))
    assert t.date == D(2018, 4, 8)


# --- properties over two years of publication days ------------------------------------------------
def test_weekday_arithmetic_over_two_years():
    for pub in DAYS:
        for wd, name in enumerate(WEEKDAYS):
            last = only(f"التقيا {name} الماضي", pub, f"{name} الماضي").date
            nxt = only(f"يلتقيان {name} المقبل", pub, f"{name} المقبل").date
            bare = only(f"التقيا {name}", pub, name).date
            planned = only(f"سيلتقيان {name}", pub, name).date
            assert last.weekday() == nxt.weekday() == bare.weekday() == planned.weekday() == wd, (pub, name)
            assert 1 <= (pub - last).days <= 7 and 1 <= (nxt - pub).days <= 7, (pub, name, last, nxt)
            assert 0 <= (pub - bare).days <= 6 and 0 <= (planned - pub).days <= 6, (pub, name, bare, planned)


def test_year_choice_over_two_years():
    for pub in DAYS[::3]:
        for m, name in enumerate(MONTHS, 1):
            past = only(f"التقيا في {name} الماضي", pub, f"{name} الماضي")
            ahead = only(f"يلتقيان في {name} المقبل", pub, f"{name} المقبل")
            this = only(f"يوم 15 من {name} الجاري", pub, f"يوم 15 من {name} الجاري")
            assert past.date.month == ahead.date.month == m
            # "يناير الماضي" written in January is last year's: the named month that ended before publication
            assert past.enddate < pub and (pub - past.date).days <= 396, (pub, name, past.date)
            assert ahead.date > pub and (ahead.date - pub).days <= 396, (pub, name, ahead.date)
            assert this.date == D(pub.year, m, 15), (pub, name, this.date)
