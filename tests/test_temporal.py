"""Tests for marsad.temporal: Arabic date/time expressions resolved against a publication date."""
from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from marsad.temporal import TimeExpr, find_times, parse_published
from marsad.textnorm import normalise

MON = date(2024, 3, 18)  # a Monday
THU = date(2024, 3, 21)  # a Thursday
D = date


def one(text: str, pub: date | None, surface: str) -> TimeExpr:
    """The single expression whose surface is ``surface``; checks raw offsets."""
    exprs = find_times(text, pub)
    for e in exprs:
        assert text[e.start:e.end] == e.text
    hits = [e for e in exprs if e.text == surface]
    assert hits, f"{surface!r} not found in {[e.text for e in exprs]}"
    return hits[0]


def check(text, pub, surface, start, end, precision, tense=..., kind=...):
    e = one(text, pub, surface)
    assert (e.date, e.enddate) == (start, end), (surface, e)
    assert e.precision == precision, e
    if tense is not ...:
        assert e.tense == tense, e
    if kind is not ...:
        assert e.kind == kind, e
    return e


# --- relative days -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,surface,day,tense", [
    ("قال الوزير اليوم إن المحادثات مستمرة", "اليوم", D(2024, 3, 18), "present"),
    ("وصل الوفد اليوم الأربعاء إلى بغداد", "اليوم الأربعاء", D(2024, 3, 18), "present"),  # weekday contradicts: trust اليوم
    ("تعقد الجلسة الليلة في الدوحة", "الليلة", D(2024, 3, 18), "present"),
    ("أعلن مساء اليوم عن الاتفاق", "مساء اليوم", D(2024, 3, 18), "present"),
    ("وقع الانفجار صباح اليوم قرب السوق", "صباح اليوم", D(2024, 3, 18), "present"),
    ("قال أمس إن الاتفاق قريب", "أمس", D(2024, 3, 17), "past"),
    ("اجتمع الطرفان مساء أمس في القاهرة", "مساء أمس", D(2024, 3, 17), "past"),
    ("وكان قد وصل أمس الأول إلى عمّان", "أمس الأول", D(2024, 3, 16), "past"),
    ("وكان قد وصل أول أمس إلى عمّان", "أول أمس", D(2024, 3, 16), "past"),
    ("ويعود الوفد غداً إلى الرياض", "غداً", D(2024, 3, 19), "future"),
    ("تستأنف المفاوضات بعد غد في جنيف", "بعد غد", D(2024, 3, 20), "future"),
    ("قتل ثلاثة أشخاص أمس الأحد في غارة", "أمس الأحد", D(2024, 3, 17), "past"),
    ("وقال بالأمس إن الوضع هادئ", "الأمس", D(2024, 3, 17), "past"),
    ("وذكرت الوكالة الليلة الماضية أن", "الليلة الماضية", D(2024, 3, 17), "past"),
])
def test_relative_days(text, surface, day, tense):
    check(text, MON, surface, day, day, "day", tense, "relative")


def test_relative_day_relative_word_wins_over_weekday():
    # Published Monday, but the text says "yesterday Wednesday": trust أمس.
    check("هاجم مسلحون أمس الأربعاء مركزا أمنيا", MON, "أمس الأربعاء", D(2024, 3, 17), D(2024, 3, 17), "day")


@pytest.mark.parametrize("text", ["غدا الوضع أكثر تعقيدا", "في ذلك اليوم وصل الوفد", "في اليوم الأول من المؤتمر"])
def test_relative_day_false_friends(text):
    assert find_times(text, MON) == []


# --- weekdays ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,surface,day,tense", [
    ("التقى الرئيس الأربعاء نظيره الفرنسي", "الأربعاء", D(2024, 3, 13), None),
    ("قال الاثنين إن بلاده مستعدة", "الاثنين", D(2024, 3, 18), None),  # on or before publication
    ("زار الوزير الأربعاء الماضي العاصمة", "الأربعاء الماضي", D(2024, 3, 13), "past"),
    ("وكان قد زارها الاثنين الماضي", "الاثنين الماضي", D(2024, 3, 11), "past"),  # strictly before
    ("يصل الوفد الأربعاء المقبل", "الأربعاء المقبل", D(2024, 3, 20), "future"),
    ("تعقد القمة الاثنين القادم", "الاثنين القادم", D(2024, 3, 25), "future"),  # strictly after
    ("وقعت الاشتباكات يوم الخميس في المدينة", "يوم الخميس", D(2024, 3, 14), None),
    ("أغارت الطائرات صباح الأربعاء على", "صباح الأربعاء", D(2024, 3, 13), None),
    ("ومن المقرر أن يعقد الاجتماع الأربعاء في عمان", "الأربعاء", D(2024, 3, 20), None),  # future clause
])
def test_weekdays(text, surface, day, tense):
    check(text, MON, surface, day, day, "day", tense, "weekday")


def test_weekday_false_friends():
    assert find_times("وسجل الأحد عشر لاعبا", MON) == []
    assert find_times("يتظاهرون كل خميس", MON) == []


# --- relative periods --------------------------------------------------------------------------
@pytest.mark.parametrize("text,surface,start,end,precision,tense", [
    ("زار الأسبوع الماضي أنقرة", "الأسبوع الماضي", D(2024, 3, 9), D(2024, 3, 15), "week", "past"),
    ("يزور الأسبوع المقبل أنقرة", "الأسبوع المقبل", D(2024, 3, 23), D(2024, 3, 29), "week", "future"),
    ("ارتفعت الأسعار الشهر الماضي", "الشهر الماضي", D(2024, 2, 1), D(2024, 2, 29), "month", "past"),
    ("جرت الانتخابات العام الماضي", "العام الماضي", D(2023, 1, 1), D(2023, 12, 31), "year", "past"),
    ("تجرى الانتخابات العام المقبل", "العام المقبل", D(2025, 1, 1), D(2025, 12, 31), "year", "future"),
    ("وتراجعت الصادرات هذا الشهر", "هذا الشهر", D(2024, 3, 1), D(2024, 3, 31), "month", "present"),
    ("ارتفع النمو هذا العام", "هذا العام", D(2024, 1, 1), D(2024, 12, 31), "year", "present"),
    ("وصل مطلع الشهر إلى دمشق", "مطلع الشهر", D(2024, 3, 1), D(2024, 3, 10), "week", "present"),
    ("وقعت الاتفاقية أواخر الشهر الماضي", "أواخر الشهر الماضي", D(2024, 2, 21), D(2024, 2, 29), "week", "past"),
    ("وتنتهي المهلة نهاية العام الجاري", "نهاية العام الجاري", D(2024, 9, 1), D(2024, 12, 31), "month", "present"),
])
def test_relative_periods(text, surface, start, end, precision, tense):
    check(text, MON, surface, start, end, precision, tense, "relative")


# --- durations before/after publication ---------------------------------------------------------
@pytest.mark.parametrize("text,surface,start,end,precision,tense,kind", [
    ("انسحبت القوات قبل 3 أسابيع", "قبل 3 أسابيع", D(2024, 2, 23), D(2024, 2, 29), "week", "past", "relative"),
    # the visit was ~3 weeks BEFORE publication: window ±1 week around published − 21 days
    ("يأتي اللقاء بعد نحو 3 أسابيع على زيارة الوزير", "بعد نحو 3 أسابيع على", D(2024, 2, 19), D(2024, 3, 4),
     "week", "past", "relative"),
    ("أعلن قبل أيام عن الخطة", "قبل أيام", D(2024, 3, 11), D(2024, 3, 16), "week", "past", "span"),
    ("تبادل الطرفان الرسائل خلال اليومين الماضيين", "اليومين الماضيين", D(2024, 3, 16), D(2024, 3, 18), "day",
     "past", "span"),
    ("وصل منذ يومين إلى غزة", "منذ يومين", D(2024, 3, 16), D(2024, 3, 16), "day", "past", "relative"),
    ("اختطف قبل ثلاثة أيام", "قبل ثلاثة أيام", D(2024, 3, 15), D(2024, 3, 15), "day", "past", "relative"),
    ("سقط 40 قتيلا خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية", D(2024, 3, 17), D(2024, 3, 18), "day", "past",
     "span"),
    ("استقال قبل شهرين", "قبل شهرين", D(2024, 1, 3), D(2024, 2, 2), "month", "past", "relative"),
    ("ستجرى الانتخابات بعد 3 أيام", "بعد 3 أيام", D(2024, 3, 21), D(2024, 3, 21), "day", "future", "relative"),
    ("أعلنت في وقت سابق من الأسبوع عن", "في وقت سابق من الأسبوع", D(2024, 3, 16), D(2024, 3, 17), "week", "past",
     "span"),
])
def test_durations(text, surface, start, end, precision, tense, kind):
    check(text, MON, surface, start, end, precision, tense, kind)


# --- explicit dates: all month systems --------------------------------------------------------
@pytest.mark.parametrize("text,surface,day", [
    ("وقع الاتفاق في 15 يناير 2024 في الرياض", "15 يناير 2024", D(2024, 1, 15)),
    ("اندلعت الحرب في 7 ابريل 2023", "7 ابريل 2023", D(2023, 4, 7)),
    ("أعلن في 30 يونيه 2013 عن", "30 يونيه 2013", D(2013, 6, 30)),
    ("وقعت الحادثة في 2 شباط 2024 قرب حلب", "2 شباط 2024", D(2024, 2, 2)),
    ("وصل في 9 كانون الثاني 2024 إلى بيروت", "9 كانون الثاني 2024", D(2024, 1, 9)),
    ("افتتح المعرض في 14 جانفي 2024 بتونس", "14 جانفي 2024", D(2024, 1, 14)),
    ("انطلقت الاحتجاجات في 22 فيفري 2019 في الجزائر", "22 فيفري 2019", D(2019, 2, 22)),
    ("صدر المرسوم في 25 جويلية 2021", "25 جويلية 2021", D(2021, 7, 25)),
    ("أعلن في 15 تشرين الأول/أكتوبر 2023 عن", "15 تشرين الأول/أكتوبر 2023", D(2023, 10, 15)),
    ("قتل في 12 أغسطس آب 2023 قرب", "12 أغسطس آب 2023", D(2023, 8, 12)),
    ("وكان في ١٥ مارس ٢٠٢٣ قد وصل", "١٥ مارس ٢٠٢٣", D(2023, 3, 15)),
    ("وذلك في الخامس من أكتوبر 2022 في", "الخامس من أكتوبر 2022", D(2022, 10, 5)),
])
def test_explicit_dates_with_year(text, surface, day):
    check(text, MON, surface, day, day, "day", kind="absolute")


@pytest.mark.parametrize("text,surface,day,tense", [
    # without year: the closest such date not after publication
    ("وقعت الاشتباكات في 3 جويلية بالعاصمة", "3 جويلية", D(2023, 7, 3), None),
    ("أطلق سراحه في 20 أوت", "20 أوت", D(2023, 8, 20), None),
    ("وصل في الخامس من أكتوبر إلى", "الخامس من أكتوبر", D(2023, 10, 5), None),
    ("في السابع من أكتوبر/تشرين الأول الماضي", "السابع من أكتوبر/تشرين الأول الماضي", D(2023, 10, 7), "past"),
    ("انتهت المهلة في الحادي والعشرين من فبراير", "الحادي والعشرين من فبراير", D(2024, 2, 21), None),
    ("وفي 18 مارس أعلن", "18 مارس", D(2024, 3, 18), None),
    ("ومن المقرر أن تعقد القمة في 15 أبريل", "15 أبريل", D(2024, 4, 15), None),  # future clause
    ("تعقد القمة في 10 مارس المقبل", "10 مارس المقبل", D(2025, 3, 10), "future"),
])
def test_explicit_dates_without_year(text, surface, day, tense):
    check(text, MON, surface, day, day, "day", tense)


@pytest.mark.parametrize("text,surface,start,end", [
    ("تعقد الجلسات يومي السادس والسابع من مارس", "يومي السادس والسابع من مارس", D(2024, 3, 6), D(2024, 3, 7)),
    ("جرت الانتخابات بين 5 و7 مايو 2023", "بين 5 و7 مايو 2023", D(2023, 5, 5), D(2023, 5, 7)),
    ("يقام المهرجان من 14 إلى 20 أغسطس 2023", "من 14 إلى 20 أغسطس 2023", D(2023, 8, 14), D(2023, 8, 20)),
    ("استمرت المعارك من 28 فبراير إلى 3 مارس 2024", "من 28 فبراير إلى 3 مارس 2024", D(2024, 2, 28), D(2024, 3, 3)),
])
def test_day_spans(text, surface, start, end):
    check(text, MON, surface, start, end, "day", kind="span")


@pytest.mark.parametrize("text,surface,start,end,precision", [
    ("وقعت الهجمات في أكتوبر 2023", "أكتوبر 2023", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("وصل في أكتوبر الماضي", "أكتوبر الماضي", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("وفي مارس الماضي وقع", "مارس الماضي", D(2023, 3, 1), D(2023, 3, 31), "month"),  # strictly before
    ("وكان قد زارها في أيار/مايو", "أيار/مايو", D(2023, 5, 1), D(2023, 5, 31), "month"),
    ("وقع في (أكتوبر) تشرين الأول 2022", "(أكتوبر) تشرين الأول 2022", D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("في منتصف أكتوبر الماضي", "منتصف أكتوبر الماضي", D(2023, 10, 11), D(2023, 10, 20), "week"),
    ("تأسس عام 2023 في", "عام 2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("في العام 2011", "العام 2011", D(2011, 1, 1), D(2011, 12, 31), "year"),
    ("في سنة 2019 وقعت", "سنة 2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("في 2020 انتشر الوباء", "2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
    ("مطلع عام 2023", "مطلع عام 2023", D(2023, 1, 1), D(2023, 4, 30), "month"),
    ("بين عامي 2011 و2014", "عامي 2011 و2014", D(2011, 1, 1), D(2014, 12, 31), "year"),
])
def test_month_and_year(text, surface, start, end, precision):
    check(text, MON, surface, start, end, precision)


@pytest.mark.parametrize("text,surface,day", [
    ("نشر بتاريخ 2024/04/26 على الموقع", "2024/04/26", D(2024, 4, 26)),
    ("وقع الحادث في 26/04/2024 عند", "26/04/2024", D(2024, 4, 26)),
    ("وقع الحادث في 26-4-2024 عند", "26-4-2024", D(2024, 4, 26)),
    ("الجمعة 2024/04/26", "الجمعة 2024/04/26", D(2024, 4, 26)),
])
def test_numeric_dates(text, surface, day):
    check(text, MON, surface, day, day, "day")


def test_dateline_kind():
    text = "الخرطوم 18 مارس 2024 (وكالات) - قال مسؤول إن الجيش تقدم."
    e = check(text, MON, "18 مارس 2024", D(2024, 3, 18), D(2024, 3, 18), "day", kind="dateline")
    assert e.start == text.index("18")
    body = "قال مسؤول إن الهجوم الذي وقع في 15 مارس 2023 أسفر عن قتلى."
    assert one(body, MON, "15 مارس 2023").kind == "absolute"


# --- Hijri ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,surface,start,end,precision", [
    ("صدر القرار في 25 شوال 1436 هـ", "25 شوال 1436 هـ", D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("يبدأ الصيام في 1 رمضان 1445هـ", "1 رمضان 1445هـ", D(2024, 3, 11), D(2024, 3, 11), "day"),
    ("خلال شهر رمضان تتراجع", "شهر رمضان", D(2024, 3, 11), D(2024, 4, 9), "month"),
    ("في عام 1445 هـ", "عام 1445 هـ", D(2023, 7, 19), D(2024, 7, 6), "year"),
])
def test_hijri(text, surface, start, end, precision):
    check(text, MON, surface, start, end, precision, kind="hijri")


def test_hijri_out_of_range_is_guarded():
    e = one("توفي في 1 رمضان 1200 هـ", MON, "1 رمضان 1200 هـ")
    assert e.date is None and e.kind == "hijri"


# --- things that are not dates --------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "الساعة 21:43",
    "آخر تحديث: 21:43",
    "شارك في منتدى الجيش 2023 وفود عدة",
    "مارس الضغط على الحكومة",
    "نحو 3 آلاف متظاهر",
    "ذهب مع أب وابنه",
])
def test_not_dates(text):
    assert [e for e in find_times(text, MON) if e.date is not None] == []


# --- other publication dates, no publication date, offsets --------------------------------------
def test_other_publication_date_and_none():
    check("وصل الأربعاء إلى عمّان", THU, "الأربعاء", D(2024, 3, 20), D(2024, 3, 20), "day")
    check("وصل الخميس الماضي", THU, "الخميس الماضي", D(2024, 3, 14), D(2024, 3, 14), "day")
    check("وصل في 25 ديسمبر", D(2024, 1, 5), "25 ديسمبر", D(2023, 12, 25), D(2023, 12, 25), "day")
    e = one("وصل أمس إلى بغداد", None, "أمس")
    assert e.date is None and e.tense == "past"
    assert one("في 15 يناير 2024", None, "15 يناير 2024").date == D(2024, 1, 15)
    assert find_times("وصل أمس", datetime(2024, 3, 18, 10, 0))[0].date == D(2024, 3, 17)


def test_raw_offsets_with_diacritics_and_clitics():
    text = "وَقَالَ المُتَحَدِّثُ إنَّ الوَفْدَ وَصَلَ أَمْسِ، وسيعود غداً أو بعد غدٍ."
    exprs = find_times(text, MON)
    assert [e.text for e in exprs] == ["أَمْسِ", "غداً", "بعد غدٍ"]
    for e in exprs:
        assert text[e.start:e.end] == e.text
    # a caller may pass its own textnorm.Normalised
    assert find_times(text, MON, norm=normalise(text)) == exprs


def test_several_in_text_order():
    text = "قال الرئيس اليوم إنه التقى أمس نظيره، وسيزوره الأسبوع المقبل بعد زيارة في 5 يناير 2024."
    exprs = find_times(text, MON)
    assert [e.text for e in exprs] == ["اليوم", "أمس", "الأسبوع المقبل", "5 يناير 2024"]
    assert [e.start for e in exprs] == sorted(e.start for e in exprs)


# --- parse_published -----------------------------------------------------------------------------
@pytest.mark.parametrize("value,expected", [
    ("2024-03-18T23:30:00+05:00", D(2024, 3, 18)),
    ("2024-03-18", D(2024, 3, 18)),
    ("2017-06-15 10:00:00", D(2017, 6, 15)),
    ("Fri, 10 Aug 2018 01:06:26 GMT", D(2018, 8, 10)),
    ("15/06/2017", D(2017, 6, 15)),
    ("2025/11/16", D(2025, 11, 16)),
    ("الأحد 2025/11/16", D(2025, 11, 16)),
    ("٢١ سبتمبر ٢٠٢٣", D(2023, 9, 21)),
    ("18 مارس 2024", D(2024, 3, 18)),
    ("الجمعة 2024/04/26", D(2024, 4, 26)),
    ("السبت 12 أغسطس 2017", D(2017, 8, 12)),
    ("2017-08-12", D(2017, 8, 12)),
    ("August 10, 2018", D(2018, 8, 10)),
    (datetime(2020, 1, 2, 3, 4), D(2020, 1, 2)),
    (D(2020, 1, 2), D(2020, 1, 2)),
    ("", None),
    (None, None),
    ("لا يوجد تاريخ", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_speed_smoke():
    """Not a timing assert: just exercises a 3,000-character article end to end."""
    art = ("أعلنت الوزارة اليوم الأربعاء أن الوزير سيزور القاهرة الأسبوع المقبل بعد نحو 3 أسابيع على زيارة "
           "نظيره. وكان الطرفان قد وقعا في 15 تشرين الأول/أكتوبر 2023 اتفاقا. " * 20)[:3000]
    t0 = time.perf_counter()
    exprs = find_times(art, MON)
    assert exprs and time.perf_counter() - t0 < 5  # generous: first call compiles the lexicon


def test_the_temporal_fold_is_textnorm_fold():
    """find_times folds with its own regex-driven copy of textnorm.fold: the same text for every
    character the table changes, alone, in runs and among others (cases, final sigma, Arabic)."""
    import random

    from marsad.temporal._lexicon import _fold
    from marsad.textnorm import _FOLD_TABLE, fold

    changed = [chr(k) for k in _FOLD_TABLE]
    for c in changed:
        assert _fold(c) == fold(c) and _fold("ب" + c * 3 + "ت") == fold("ب" + c * 3 + "ت")
    rnd = random.Random(7)
    pool = changed + list("abcXYZΣσς İ ابتةأإآىؤئ٠١۲،؛\u064e\u0651\u0640\u200c\u00a0")
    for _ in range(3000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 40)))
        assert _fold(s) == fold(s), s
    text = "أعلنت وزارة الخارجيّة الإيرانيّة، يوم ٢٥ أيلول ٢٠٢٣، أنّ المباحثات ستُستأنف."
    assert _fold(text) == fold(text)
