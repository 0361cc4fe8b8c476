"""marsad.temporal: month spellings of the Levant, the year of a yearless date from its context,
durations versus dates, spans that run to publication, and the direction flag events read."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.temporal import find_times
from tests.test_temporal import check, one

D = date


# --- Levantine months written with a numeral or abbreviated ---------------------------------------
@pytest.mark.parametrize("text,pub,surface,day", [
    ("استقبل ميقاتي يوم 15 تشرين 1، وزير الخارجية", D(2024, 10, 20), "يوم 15 تشرين 1", D(2024, 10, 15)),
    ("وصل الوفد في 3 تشرين 2 إلى دمشق", D(2024, 11, 10), "3 تشرين 2", D(2024, 11, 3)),
    ("عقدت الجلسة في 20 كانون 1 2023", D(2024, 1, 5), "20 كانون 1 2023", D(2023, 12, 20)),
    ("غادر بيروت في 9 كانون 2", D(2025, 1, 20), "9 كانون 2", D(2025, 1, 9)),
    ("استقبل الرئيس يوم 15 ك2، وزير الخارجية", D(2025, 1, 20), "يوم 15 ك2", D(2025, 1, 15)),
    ("التقى الوزير نظيره في 2 ت1 الماضي", D(2024, 11, 20), "2 ت1 الماضي", D(2024, 10, 2)),
    ("وزار عمان في 28 ك1", D(2025, 1, 3), "28 ك1", D(2024, 12, 28)),
    ("ووقعت الاتفاقية في 7 ت2 2019", D(2024, 1, 3), "7 ت2 2019", D(2019, 11, 7)),
])
def test_levantine_numbered_and_abbreviated_months(text, pub, surface, day):
    check(text, pub, surface, day, day, "day")


@pytest.mark.parametrize("text", ["انتقل إلى ك2 في الملعب", "صنف ت1 من الأسلحة", "في تشرين"])
def test_abbreviated_months_need_a_day(text):
    assert [e for e in find_times(text, D(2024, 3, 18)) if e.date] == []


# --- the year of a yearless date: modifier, clause, then the nearest occurrence ------------------------
@pytest.mark.parametrize("text,pub,surface,start,end", [
    # الجاري: the month of publication, even when the day is still ahead
    ("تنطلق الجولة يوم 31 من جانفي الجاري", D(2017, 1, 22), "يوم 31 من جانفي الجاري", D(2017, 1, 31), D(2017, 1, 31)),
    ("تعقد القمة في 28 مارس الحالي", D(2024, 3, 5), "28 مارس الحالي", D(2024, 3, 28), D(2024, 3, 28)),
    ("وارتفعت الأسعار في شهر مارس الجاري", D(2024, 3, 25), "شهر مارس الجاري", D(2024, 3, 1), D(2024, 3, 31)),
    # a planned visit, or a month just ahead: the coming one
    ("وتحدث عن زيارة يعتزم القيام بها في شهر مارس", D(2018, 2, 10), "شهر مارس", D(2018, 3, 1), D(2018, 3, 31)),
    ("تستمر الجولة حتى 13 آذار/مارس", D(2018, 3, 7), "13 آذار/مارس", D(2018, 3, 13), D(2018, 3, 13)),
    ("يزور الرئيس الجزائر في 6 مارس المقبل", D(2024, 11, 20), "6 مارس المقبل", D(2025, 3, 6), D(2025, 3, 6)),
    # the past: a modifier, a pluperfect, or a month far ahead
    ("زار الوزير موسكو في نوفمبر الماضي", D(2018, 7, 15), "نوفمبر الماضي", D(2017, 11, 1), D(2017, 11, 30)),
    ("وكان الطرفان قد اتفقا في 20 ماي", D(2024, 3, 1), "20 ماي", D(2023, 5, 20), D(2023, 5, 20)),
    ("وقعت الاشتباكات في 3 جويلية بالعاصمة", D(2024, 3, 18), "3 جويلية", D(2023, 7, 3), D(2023, 7, 3)),
    ("التقى الرئيسان في ديسمبر", D(2018, 1, 10), "ديسمبر", D(2017, 12, 1), D(2017, 12, 31)),
])
def test_year_of_a_yearless_date_from_context(text, pub, surface, start, end):
    check(text, pub, surface, start, end, "day" if start == end else "month")


# --- durations are no dates; منذ + a point is a span to publication; vague plurals -------------------
@pytest.mark.parametrize("text,surface", [
    ("تعيش البلاد أزمة منذ أكثر من عشر سنوات", "منذ أكثر من عشر سنوات"),
    ("يقيم في المنفى منذ ما يزيد على ثلاثة أعوام", "منذ ما يزيد على ثلاثة أعوام"),
    ("العلاقات مقطوعة منذ سنوات", "منذ سنوات"),
    ("تشهد سوريا حربا منذ العام 2011", "منذ العام 2011"),
    ("ارتفعت الأسعار منذ بداية العام", "منذ بداية العام"),
])
def test_durations_are_not_dates(text, surface):
    e = one(text, D(2024, 3, 18), surface)
    assert e.kind == "duration" and e.date is None and e.direction is None


@pytest.mark.parametrize("text,surface,start,precision", [
    ("يتظاهر المحتجون منذ الاثنين أمام البرلمان", "منذ الاثنين", D(2024, 3, 18), "day"),
    ("وتتواصل المحادثات منذ الأحد في الدوحة", "منذ الأحد", D(2024, 3, 17), "day"),
    ("وتستمر الاشتباكات منذ أمس", "منذ أمس", D(2024, 3, 19), "day"),
    ("يزور الوفد البلاد منذ مطلع الأسبوع", "منذ مطلع الأسبوع", D(2024, 3, 17), "week"),
    ("ومنذ 15 مارس يحاصر الجيش المدينة", "منذ 15 مارس", D(2024, 3, 15), "day"),
])
def test_since_a_point_is_a_span_to_publication(text, surface, start, precision):
    wed = D(2024, 3, 20)
    e = check(text, wed, surface, start, wed, precision, "past", "span")
    assert e.direction == "since"


@pytest.mark.parametrize("text,surface,start,end,precision", [
    ("وكان قد التقاه قبل أسابيع في أنقرة", "قبل أسابيع", D(2024, 9, 10), D(2024, 10, 5), "week"),
    ("زار رئيس الوزراء طهران الأسبوع الماضي", "الأسبوع الماضي", D(2024, 10, 5), D(2024, 10, 11), "week"),
    ("أعلن قبل أيام عن الخطة", "قبل أيام", D(2024, 10, 8), D(2024, 10, 13), "week"),
    ("وقد زار واشنطن مطلع الأسبوع الماضي", "مطلع الأسبوع الماضي", D(2024, 10, 6), D(2024, 10, 8), "week"),
])
def test_vague_past_windows(text, surface, start, end, precision):
    check(text, D(2024, 10, 15), surface, start, end, precision, "past")


# --- direction: where the resolved date lies against publication -----------------------------------
@pytest.mark.parametrize("text,surface,direction", [
    ("قال الوزير اليوم إن", "اليوم", "present"),
    ("وصل أمس إلى بغداد", "أمس", "past"),
    ("ومن المقرر أن يزور القاهرة الأحد", "الأحد", "future"),
    ("تعقد القمة في 10 مارس المقبل", "10 مارس المقبل", "future"),
    ("وكان قد زار أنقرة في 3 يناير 2023", "3 يناير 2023", "past"),
    ("وتراجعت الصادرات هذا الشهر", "هذا الشهر", "present"),
])
def test_direction(text, surface, direction):
    assert one(text, D(2024, 3, 20), surface).direction == direction


def test_direction_is_none_without_publication():
    assert one("وصل أمس إلى بغداد", None, "أمس").direction is None
