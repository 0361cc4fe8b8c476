"""Behaviour of the knowledge-base look-ups (marsad.kb)."""
from __future__ import annotations

import time
from datetime import date

import pytest

from marsad.kb import KB


@pytest.fixture(scope="module")
def kb() -> KB:
    return KB.load()


@pytest.mark.parametrize("word,iso", [
    ("الروسي", "RUS"), ("الروسية", "RUS"), ("الروس", "RUS"), ("الروسيين", "RUS"), ("الروسيان", "RUS"),
    ("الروسيتين", "RUS"), ("روسي", "RUS"), ("روسية", "RUS"), ("روس", "RUS"),
    ("الإيراني", "IRN"), ("الإيرانية", "IRN"), ("الإيرانيين", "IRN"), ("الإيرانيون", "IRN"), ("الايراني", "IRN"),
    ("الأمريكي", "USA"), ("الأميركي", "USA"), ("الأمريكية", "USA"), ("الأمريكان", "USA"), ("الأميركيين", "USA"),
    ("السوري", "SYR"), ("السورية", "SYR"), ("السوريين", "SYR"),
    ("التركي", "TUR"), ("الأتراك", "TUR"), ("التركية", "TUR"),
    ("المصري", "EGY"), ("المصريين", "EGY"), ("السعودي", "SAU"), ("السعوديين", "SAU"),
    ("الإسرائيلي", "ISR"), ("الإسرائيليين", "ISR"), ("الصيني", "CHN"), ("الصينيون", "CHN"),
    ("البريطاني", "GBR"), ("الألمان", "DEU"), ("الهنود", "IND"), ("الباكستاني", "PAK"),
    ("الأذربيجاني", "AZE"), ("الكازاخستاني", "KAZ"), ("البيلاروسي", "BLR"),
    ("الكوري الشمالي", "PRK"), ("الكورية الجنوبية", "KOR"), ("الجنوب أفريقي", "ZAF"),
    ("والروسية", "RUS"), ("للإيراني", "IRN"), ("بالسورية", "SYR"),
])
def test_nisba_forms(kb, word, iso):
    assert kb.country_by_nisba(word) == iso


@pytest.mark.parametrize("word", ["الأكراد", "الكردي", "العربي", "المالي", "القمري", "الكوري", "الرئيس"])
def test_non_state_or_ordinary_words_are_not_nisbas(kb, word):
    assert kb.country_by_nisba(word) is None


@pytest.mark.parametrize("name,iso", [
    ("روسيا", "RUS"), ("الولايات المتحدة الأمريكية", "USA"), ("الولايات المتحدة", "USA"), ("أمريكا", "USA"),
    ("أميركا", "USA"), ("إيران", "IRN"), ("ايران", "IRN"), ("الجمهورية الإسلامية الإيرانية", "IRN"),
    ("تركيا", "TUR"), ("سوريا", "SYR"), ("سورية", "SYR"), ("المملكة العربية السعودية", "SAU"),
    ("بريطانيا", "GBR"), ("المملكة المتحدة", "GBR"), ("كوريا الشمالية", "PRK"), ("فلسطين", "PSE"),
    ("كوسوفو", "XKX"), ("روسيا البيضاء", "BLR"), ("كازاخستان", "KAZ"), ("وروسيا", "RUS"), ("Russia", "RUS"),
])
def test_country_by_name(kb, name, iso):
    c = kb.country_by_name(name)
    assert c is not None and c.iso3 == iso


def test_capital_is_not_a_country_name_but_a_capital(kb):
    assert kb.country_by_name("واشنطن") is None
    for cap, iso in [("موسكو", "RUS"), ("طهران", "IRN"), ("واشنطن", "USA"), ("أنقرة", "TUR"), ("الرياض", "SAU"),
                     ("تل أبيب", "ISR"), ("بكين", "CHN"), ("دمشق", "SYR"), ("نور سلطان", "KAZ")]:
        assert kb.country_by_capital(cap) == iso, cap
    assert kb.country("RUS").capital_ar == "موسكو"
    assert kb.country("USA").capital_en == "Washington"


def test_country_record(kb):
    ru = kb.country("RUS")
    assert ru.iso2 == "RU" and ru.name_en == "Russia" and ru.name_ar == "روسيا"
    assert "الروسيتين" in ru.nisbas and "الروس" in ru.nisbas
    assert len(kb.countries()) >= 249


@pytest.mark.parametrize("name,cc3,lat,lon", [
    ("حميميم", "SYR", 35.4, 35.95), ("طرطوس", "SYR", 34.9, 35.9), ("نورسلطان", "KAZ", 51.2, 71.4),
    ("نور سلطان", "KAZ", 51.2, 71.4), ("القامشلي", "SYR", 37.05, 41.2), ("بوشهر", "IRN", 29.0, 50.8),
    ("موسكو", "RUS", 55.75, 37.6), ("الإسكندرية", "EGY", 31.2, 29.9), ("القاهرة", "EGY", 30.05, 31.25),
    ("حلب", "SYR", 36.2, 37.15), ("سان بطرسبرغ", "RUS", 59.9, 30.3), ("بطرسبورغ", "RUS", 59.9, 30.3),
    ("قاعدة العديد", "QAT", 25.1, 51.3), ("إنجرليك", "TUR", 37.0, 35.4), ("ناغورني قره باغ", "AZE", 39.8, 46.8),
    ("قره باغ", "AZE", 39.8, 46.8), ("القرم", "UKR", 45.0, 34.1), ("دونباس", "UKR", 48.0, 38.0),
    ("الجولان", "SYR", 33.0, 35.75), ("غزة", "PSE", 31.4, 34.4), ("الضفة الغربية", "PSE", 31.95, 35.25),
    ("سيناء", "EGY", 29.5, 33.8), ("بغداد", "IRQ", 33.3, 44.4),
])
def test_place_lookup(kb, name, cc3, lat, lon):
    p = kb.place(name)
    assert p is not None, name
    assert p.cc3 == cc3
    assert abs(p.lat - lat) < 0.3 and abs(p.lon - lon) < 0.3


def test_place_prefers_biggest_city_and_gets_clitics(kb):
    # الإسكندرية also names US towns: the Egyptian city wins by population.
    assert kb.place("الإسكندرية").population > 1_000_000
    assert kb.place("وموسكو").cc3 == "RUS"
    idx = kb.places_index()
    assert idx["حميميم"].kind == "base"
    # ordinary words never become places
    for w in ["المدينة", "كان", "الخميس", "العديد", "الباب", "الجديد", "فلسطين", "لبنان"]:
        assert w not in idx, w


def test_holder_across_term_boundaries(kb):
    h = kb.holder
    assert h("RUS", "Minister of Defence", date(2020, 1, 1)).id == "shoigu_sergei"
    assert h("RUS", "Minister of Defence", date(2024, 5, 11)).id == "shoigu_sergei"
    assert h("RUS", "Minister of Defence", date(2024, 5, 20)).id == "belousov_andrey"
    assert h("RUS", "Minister of Defence", date(2012, 6, 1)).id == "serdyukov_anatoly"
    assert h("RUS", "Secretary of the Security Council", date(2020, 1, 1)).id == "patrushev_nikolai"
    assert h("RUS", "Secretary of the Security Council", date(2024, 6, 1)).id == "shoigu_sergei"
    assert h("IRN", "Minister of Defence", date(2015, 1, 1)).id == "dehghan_hossein"
    assert h("IRN", "Minister of Defence", date(2019, 1, 1)).id == "hatami_amir"
    assert h("IRN", "Minister of Defence", date(2023, 9, 21)).id == "ashtiani_mohammadreza"
    assert h("IRN", "Minister of Defence", date(2024, 8, 20)).id == "ashtiani_mohammadreza"
    assert h("IRN", "Minister of Defence", date(2024, 9, 1)).id == "nasirzadeh_aziz"
    assert h("IRN", "Chief of the General Staff", date(2025, 6, 1)).id == "bagheri_mohammad"
    assert h("IRN", "Chief of the General Staff", date(2025, 7, 1)).id == "mousavi_abdolrahim"
    assert h("IRN", "Secretary of the Supreme National Security Council", date(2024, 1, 1)).id == "ahmadian_aliakbar"
    assert h("IRN", "Secretary of the Supreme National Security Council", date(2025, 9, 1)).id == "larijani_ali"
    assert h("SYR", "Minister of Defence", date(2023, 1, 1)).id == "abbas_alimahmoud"
    assert h("SYR", "Minister of Defence", date(2025, 2, 1)).id == "abuqasra_murhaf"
    assert h("SYR", "President", date(2024, 12, 1)).id == "assad_bashar"
    assert h("SYR", "President", date(2025, 3, 1)).id == "sharaa_ahmed"
    assert h("SYR", "President", date(2025, 1, 10)) is None  # interregnum before al-Sharaa's appointment
    assert h("IRN", "President", date(2016, 1, 1)).id == "rouhani_hassan"
    assert h("IRN", "President", date(2022, 1, 1)).id == "raisi_ebrahim"
    assert h("IRN", "President", date(2025, 1, 1)).id == "pezeshkian_masoud"
    assert h("USA", "President", date(2019, 1, 1)).id == "trump_donald"
    assert h("USA", "President", date(2023, 1, 1)).id == "biden_joe"
    assert h("USA", "Minister of Defence", date(2022, 1, 1)).id == "austin_lloyd"
    assert h("USA", "Minister of Foreign Affairs", date(2016, 1, 1)).id == "kerry_john"
    assert h("UN", "Secretary-General", date(2020, 1, 1)).id == "guterres_antonio"
    assert h("XXX", "President", date(2020, 1, 1)) is None


def test_person_office_at(kb):
    shoigu = kb.person("shoigu_sergei")
    assert kb.person_office_at(shoigu, date(2015, 1, 1)) == "Minister of Defence"
    assert kb.person_office_at(shoigu, date(2025, 1, 1)) == "Secretary of the Security Council"
    assert kb.person_office_at("shoigu_sergei", date(2005, 1, 1)) is None
    assert kb.person_office_at("putin_vladimir", date(2010, 1, 1)) == "Prime Minister"
    assert kb.person_office_at("mbs_mohammed", date(2023, 1, 1)) == "Prime Minister"


def test_persons_index_full_names_surnames_and_ambiguity(kb):
    idx = kb.persons_index()
    assert [p.id for p in idx["سيرغي شويغو"]] == ["shoigu_sergei"]
    assert [p.id for p in idx["شويجو"]] == ["shoigu_sergei"]
    assert [p.id for p in kb.persons_by_name("محمد رضا أشتياني")] == ["ashtiani_mohammadreza"]
    assert [p.id for p in kb.persons_by_name("محمد أشتياني")] == ["ashtiani_mohammadreza"]
    assert [p.id for p in kb.persons_by_name("محمدرضا آشتیانی")] == ["ashtiani_mohammadreza"]  # Persian ی
    abbas = {p.id for p in kb.persons_by_name("عباس")}
    assert {"abbas_mahmoud", "abbas_alimahmoud"} <= abbas
    assert kb.persons_by_name("الأسد")[0].id == "assad_bashar"
    assert kb.persons_by_name("يونس بك يفكوروف")[0].id == "yevkurov_yunusbek"


@pytest.mark.parametrize("phrase,title,sector,kind", [
    ("وزير الدفاع", "Minister of Defence", "GOV", "office"),
    ("وزير دفاع", "Minister of Defence", "GOV", "office"),
    ("وزيرة الدفاع", "Minister of Defence", "GOV", "office"),
    ("نائب وزير الدفاع", "Deputy Minister of Defence", "GOV", "office"),
    ("مساعد وزير الخارجية", "Assistant Minister of Foreign Affairs", "GOV", "office"),
    ("وزير الخارجية", "Minister of Foreign Affairs", "GOV", "office"),
    ("رئيس الوزراء", "Prime Minister", "GOV", "office"),
    ("رئيس الحكومة", "Prime Minister", "GOV", "office"),
    ("رئيس الجمهورية", "President", "GOV", "office"),
    ("ولي العهد", "Crown Prince", "GOV", "office"),
    ("المرشد الأعلى", "Supreme Leader", "GOV", "office"),
    ("رئيس هيئة الأركان العامة", "Chief of the General Staff", "MIL", "office"),
    ("رئيس الأركان", "Chief of the General Staff", "MIL", "office"),
    ("أمين المجلس الأعلى للأمن القومي", "Secretary of the Supreme National Security Council", "GOV", "office"),
    ("أمين مجلس الأمن", "Secretary of the Security Council", "GOV", "office"),
    ("العقيد", "Colonel", "MIL", "rank"), ("اللواء", "Major General", "MIL", "rank"),
    ("الفريق", "Lieutenant General", "MIL", "rank"), ("العميد", "Brigadier General", "MIL", "rank"),
    ("المشير", "Field Marshal", "MIL", "rank"), ("الأدميرال", "Admiral", "MIL", "rank"),
    ("الفريق أول", "General", "MIL", "rank"),
])
def test_office_lookup(kb, phrase, title, sector, kind):
    o = kb.office(phrase)
    assert o is not None, phrase
    assert (o.title_en, o.sector, o.kind) == (title, sector, kind)


def test_office_and_org_with_country(kb):
    o, iso = kb.office_with_country("وزير الدفاع الروسي")
    assert o.title_en == "Minister of Defence" and iso == "RUS"
    o, iso = kb.office_with_country("وزير خارجية إيران")
    assert o.title_en == "Minister of Foreign Affairs" and iso == "IRN"
    o, iso = kb.office_with_country("نائب وزير الدفاع الروسي")
    assert o.title_en == "Deputy Minister of Defence" and iso == "RUS"
    o, iso = kb.office_with_country("رئيس الأركان الإيراني")
    assert o.title_en == "Chief of the General Staff" and iso == "IRN"
    org, iso = kb.org_with_country("وزارة الدفاع الروسية")
    assert org.id == "mod" and iso == "RUS"
    org, iso = kb.org_with_country("الحرس الثوري")
    assert org.id == "irgc" and iso == "IRN" and org.sector == "MIL"


def test_orgs_and_igos(kb):
    assert kb.org("الناتو").code == "IGONATO"
    assert kb.org("حلف شمال الأطلسي").short == "NATO"
    assert kb.org("جامعة الدول العربية").code == "IGOARL"
    assert kb.org("الوكالة الدولية للطاقة الذرية").short == "IAEA"
    assert kb.org("الموساد").country == "ISR" and kb.org("الموساد").sector == "SPY"
    assert kb.org("سي آي إيه").country == "USA"
    tasnim = kb.org("وكالة تسنيم")
    assert tasnim.country == "IRN" and tasnim.sector == "MED"
    assert kb.org("سانا").country == "SYR" and kb.org("الأناضول").country == "TUR"
    assert kb.org("حزب الله").sector == "REB"
    assert kb.org("أنصار الله").id == "houthis"
    assert kb.org("قسد").country == "SYR"
    assert kb.org("داعش").country == "IMG"
    assert kb.org("فيلق القدس").country == "IRN"


@pytest.mark.parametrize("text,wid", [
    ("سو-35", "su35"), ("سو 35", "su35"), ("سو35", "su35"), ("إس-400", "s400"), ("اس 400", "s400"),
    ("إف-16", "f16"), ("F-16", "f16"), ("f16", "f16"), ("باتريوت", "patriot"), ("شاهد-136", "shahed136"),
    ("بيرقدار تي بي 2", "tb2"), ("إسكندر", "iskander"), ("كاليبر", "kalibr"), ("توماهوك", "tomahawk"),
    ("هيمارس", "himars"), ("ليوبارد", "leopard"), ("أبرامز", "abrams"), ("إم آي-28", "mi28"), ("ياك-130", "yak130"),
])
def test_weapons(kb, text, wid):
    w = kb.weapon(text)
    assert w is not None and w.id == wid


def test_load_is_fast_and_cached():
    KB.load.cache_clear()
    t = time.perf_counter()
    kb = KB.load()
    kb.places_index()
    elapsed = time.perf_counter() - t
    assert KB.load() is kb
    assert elapsed < 2.0  # < 0.5 s on an idle machine; generous for shared CI cores
