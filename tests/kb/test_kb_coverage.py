"""Coverage of the knowledge base for Arabic news 2010-2026: office-holders of the Arab states and
of the states and organisations they deal with, and meeting places (palaces, seats of government,
Maghreb and Levant towns)."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.kb import KB


@pytest.fixture(scope="module")
def kb() -> KB:
    return KB.load()


@pytest.mark.parametrize("iso,office,when,pid", [
    # Tunisia
    ("TUN", "Prime Minister", date(2017, 3, 9), "chahed_youssef"),
    ("TUN", "Prime Minister", date(2015, 6, 1), "essid_habib"),
    ("TUN", "Prime Minister", date(2016, 8, 26), "essid_habib"),
    ("TUN", "Prime Minister", date(2016, 8, 27), "chahed_youssef"),
    ("TUN", "Minister of Foreign Affairs", date(2017, 3, 7), "jhinaoui_khemaies"),
    ("TUN", "Minister of Foreign Affairs", date(2015, 5, 1), "baccouche_taieb"),
    ("TUN", "Minister of Foreign Affairs", date(2021, 5, 1), "jerandi_othman"),
    ("TUN", "Minister of Defence", date(2016, 5, 1), "horchani_farhat"),
    ("TUN", "Minister of Defence", date(2018, 5, 1), "zbidi_abdelkarim"),
    ("TUN", "Minister of Interior", date(2017, 1, 1), "majdoub_hedi"),
    ("TUN", "Speaker of Parliament", date(2017, 1, 1), "ennaceur_mohamed"),
    ("TUN", "President", date(2017, 3, 9), "essebsi_beji"),
    # Algeria
    ("DZA", "Prime Minister", date(2017, 3, 9), "sellal_abdelmalek"),
    ("DZA", "Prime Minister", date(2018, 1, 1), "ouyahia_ahmed"),
    ("DZA", "Prime Minister", date(2017, 6, 1), "tebboune_abdelmadjid"),
    ("DZA", "Minister of Foreign Affairs", date(2016, 1, 1), "lamamra_ramtane"),
    ("DZA", "Minister of Foreign Affairs", date(2018, 1, 1), "messahel_abdelkader"),
    ("DZA", "Minister of Defence", date(2016, 1, 1), "bouteflika_abdelaziz"),
    ("DZA", "Speaker of Parliament", date(2018, 1, 1), "bouhadja_said"),
    # Morocco, Libya, Mauritania
    ("MAR", "Minister of Foreign Affairs", date(2016, 6, 1), "mezouar_salaheddine"),
    ("MAR", "Minister of Foreign Affairs", date(2018, 6, 1), "bourita_nasser"),
    ("MAR", "Minister of Interior", date(2018, 6, 1), "laftit_abdelouafi"),
    ("LBY", "Chairman of the Presidential Council", date(2017, 5, 1), "sarraj_fayez"),
    ("LBY", "Prime Minister", date(2015, 5, 1), "thani_abdullah"),
    ("LBY", "Minister of Foreign Affairs", date(2017, 5, 1), "siala_mohamed"),
    ("LBY", "Speaker of Parliament", date(2017, 5, 1), "saleh_aguila"),
    ("LBY", "Commander-in-Chief", date(2017, 5, 1), "haftar_khalifa"),
    ("MRT", "Prime Minister", date(2016, 6, 1), "hademine_yahya"),
    # Egypt, Sudan, Levant, Iraq
    ("EGY", "Minister of Foreign Affairs", date(2017, 6, 1), "shoukry_sameh"),
    ("EGY", "Speaker of Parliament", date(2017, 6, 1), "abdelaal_ali"),
    ("SDN", "Minister of Foreign Affairs", date(2017, 6, 1), "ghandour_ibrahim"),
    ("LBN", "Minister of Defence", date(2017, 6, 1), "sarraf_yaacoub"),
    ("LBN", "Minister of Interior", date(2017, 6, 1), "machnouk_nohad"),
    ("SYR", "Speaker of Parliament", date(2018, 6, 1), "sabbagh_hammouda"),
    ("IRQ", "Speaker of Parliament", date(2016, 6, 1), "jabouri_salim"),
    ("JOR", "Speaker of Parliament", date(2017, 6, 1), "tarawneh_atef"),
    # Gulf and Yemen
    ("KWT", "Prime Minister", date(2017, 6, 1), "jaber_mubarak_kuwait"),
    ("YEM", "Prime Minister", date(2017, 6, 1), "bindaghr_ahmed"),
    ("YEM", "Minister of Foreign Affairs", date(2017, 6, 1), "mekhlafi_abdulmalik"),
    ("YEM", "Vice President", date(2017, 6, 1), "ahmar_alimohsen"),
    ("SOM", "Prime Minister", date(2018, 6, 1), "khaire_hassan"),
    # other states
    ("FRA", "Prime Minister", date(2018, 6, 1), "philippe_edouard"),
    ("FRA", "Prime Minister", date(2015, 6, 1), "valls_manuel"),
    ("ITA", "Minister of Foreign Affairs", date(2017, 6, 1), "alfano_angelino"),
    ("ITA", "Minister of Foreign Affairs", date(2014, 6, 1), "mogherini_federica"),
    ("ITA", "Minister of Defence", date(2017, 6, 1), "pinotti_roberta"),
    ("ITA", "Minister of Interior", date(2017, 6, 1), "minniti_marco"),
    ("ITA", "President", date(2017, 6, 1), "mattarella_sergio"),
    ("ESP", "Minister of Foreign Affairs", date(2017, 6, 1), "dastis_alfonso"),
    ("ESP", "King", date(2017, 6, 1), "felipe6_spain"),
    ("DEU", "President", date(2015, 6, 1), "gauck_joachim"),
    ("UKR", "Prime Minister", date(2017, 6, 1), "groysman_volodymyr"),
    ("KAZ", "Minister of Foreign Affairs", date(2017, 6, 1), "abdrakhmanov_kairat"),
    ("GRC", "Prime Minister", date(2017, 6, 1), "tsipras_alexis"),
    ("CYP", "President", date(2017, 6, 1), "anastasiades_nicos"),
    ("AUT", "Minister of Foreign Affairs", date(2017, 6, 1), "kurz_sebastian"),
    ("TUR", "Minister of Interior", date(2017, 6, 1), "soylu_suleyman"),
    ("CHE", "Minister of Foreign Affairs", date(2018, 6, 1), "cassis_ignazio"),
    ("MYS", "Prime Minister", date(2017, 6, 1), "najib_razak"),
    # IGO heads
    ("AU", "President", date(2018, 6, 1), "faki_moussa"),
    ("OIC", "Secretary-General", date(2018, 6, 1), "othaimeen_yousef"),
    ("GCC", "Secretary-General", date(2010, 6, 1), "attiyah_abdulrahman"),
])
def test_holder(kb, iso, office, when, pid):
    p = kb.holder(iso, office, when)
    assert p is not None, (iso, office, when)
    assert p.id == pid


def test_rival_libyan_governments_do_not_overlap(kb):
    # GNA from 2016-03-30; the eastern interim PM keeps his person record but no overlapping PM term
    assert kb.holder("LBY", "Prime Minister", date(2017, 5, 1)).id == "sarraj_fayez"
    assert kb.persons_by_name("عبد الله الثني")[0].country == "LBY"
    assert kb.holder("LBY", "Minister of Defence", date(2022, 1, 1)).id == "dbeibah_abdulhamid"
    assert kb.holder("LBY", "Minister of Interior", date(2019, 6, 1)).id == "bashagha_fathi"


def test_un_envoys(kb):
    at = lambda pid, d: kb.person_office_at(pid, d)  # noqa: E731
    assert at("kobler_martin", date(2016, 6, 1)) == "Envoy"
    assert at("salame_ghassan", date(2018, 6, 1)) == "Envoy"
    assert at("ouldcheikh_ismail", date(2016, 6, 1)) == "Envoy"
    assert at("griffiths_martin", date(2019, 6, 1)) == "Envoy"
    assert at("ouldcheikh_ismail", date(2019, 6, 1)) == "Minister of Foreign Affairs"
    envoys = {p.id for t, p in kb.holders("UN", "Envoy") if t.covers(date(2017, 6, 1))}
    assert {"demistura_staffan", "kobler_martin", "ouldcheikh_ismail"} <= envoys


@pytest.mark.parametrize("name,pid", [
    ("يوسف الشاهد", "chahed_youssef"), ("الشاهد", "chahed_youssef"),
    ("خميس الجهيناوي", "jhinaoui_khemaies"), ("الجهيناوي", "jhinaoui_khemaies"),
    ("عبد المالك سلال", "sellal_abdelmalek"), ("سلال", "sellal_abdelmalek"),
    ("عبدالمالك سلال", "sellal_abdelmalek"), ("أحمد أويحيى", "ouyahia_ahmed"),
    ("رمطان لعمامرة", "lamamra_ramtane"), ("لعمامرة", "lamamra_ramtane"),
    ("عبد القادر مساهل", "messahel_abdelkader"),
    ("ناصر بوريطة", "bourita_nasser"), ("صلاح الدين مزوار", "mezouar_salaheddine"), ("مزوار", "mezouar_salaheddine"),
    ("أحمد أبو الغيط", "aboulgheit_ahmed"), ("عادل الجبير", "jubeir_adel"), ("الجبير", "jubeir_adel"),
    ("جواد ظريف", "zarif_javad"), ("محمد جواد ظريف", "zarif_javad"), ("ظريف", "zarif_javad"),
    ("مولود جاويش أوغلو", "cavusoglu_mevlut"), ("جاويش أوغلو", "cavusoglu_mevlut"),
    ("سيرغي لافروف", "lavrov_sergey"), ("سيرجي لافروف", "lavrov_sergey"), ("لافروف", "lavrov_sergey"),
    ("جون كيري", "kerry_john"), ("ريكس تيلرسون", "tillerson_rex"), ("مايك بومبيو", "pompeo_mike"),
    ("فيديريكا موغيريني", "mogherini_federica"), ("جان إيف لودريان", "ledrian_jeanyves"),
    ("أنجيلا ميركل", "merkel_angela"),
    ("فايز السراج", "sarraj_fayez"), ("محمد طاهر سيالة", "siala_mohamed"), ("غسان سلامة", "salame_ghassan"),
    ("مارتن كوبلر", "kobler_martin"), ("إسماعيل ولد الشيخ أحمد", "ouldcheikh_ismail"),
    ("الحبيب الصيد", "essid_habib"), ("راشد الغنوشي", "ghannouchi_rached"), ("فرحات الحرشاني", "horchani_farhat"),
    ("إبراهيم غندور", "ghandour_ibrahim"), ("أحمد عبيد بن دغر", "bindaghr_ahmed"), ("عبد الملك المخلافي", "mekhlafi_abdulmalik"),
    ("أنجلينو ألفانو", "alfano_angelino"), ("ماركو مينيتي", "minniti_marco"), ("ألفونسو داستيس", "dastis_alfonso"),
    ("خيرت عبد الرحمانوف", "abdrakhmanov_kairat"), ("يوسف العثيمين", "othaimeen_yousef"), ("موسى فكي محمد", "faki_moussa"),
    ("أنور قرقاش", "gargash_anwar"), ("صائب عريقات", "erekat_saeb"), ("سليمان صويلو", "soylu_suleyman"),
])
def test_arabic_spellings(kb, name, pid):
    ids = [p.id for p in kb.persons_by_name(name)]
    assert pid in ids, (name, ids)


def test_office_at_date_for_new_persons(kb):
    assert kb.person_office_at("chahed_youssef", date(2017, 3, 9)) == "Prime Minister"
    assert kb.person_office_at("chahed_youssef", date(2021, 1, 1)) is None
    assert kb.person_office_at("sellal_abdelmalek", date(2014, 4, 1)) is None  # Yousfi acting
    assert kb.person_office_at("ennaceur_mohamed", date(2017, 1, 1)) == "Speaker of Parliament"
    assert kb.person_office_at("alfano_angelino", date(2015, 1, 1)) == "Minister of Interior"


@pytest.mark.parametrize("name,cc3", [
    ("قصر قرطاج", "TUN"), ("قرطاج", "TUN"), ("قصر باردو", "TUN"), ("مجلس نواب الشعب", "TUN"),
    ("قصر الحكومة بالقصبة", "TUN"), ("القصبة", "TUN"), ("قصر المرادية", "DZA"), ("قصر الاتحادية", "EGY"),
    ("قصر القبة", "EGY"), ("قصر بعبدا", "LBN"), ("السراي الحكومي", "LBN"), ("قصر اليمامة", "SAU"),
    ("قصر العوجا", "SAU"), ("قصر بيان", "KWT"), ("قصر الصخير", "BHR"), ("الديوان الأميري", "QAT"),
    ("قصر الوطن", "ARE"), ("البيت الأبيض", "USA"), ("الكرملين", "RUS"), ("قصر الإليزيه", "FRA"),
    ("داونينغ ستريت", "GBR"), ("المستشارية الألمانية", "DEU"), ("قصر تشيغي", "ITA"), ("قصر كويرينالي", "ITA"),
    ("مجمع قصر الرئاسة", "TUR"), ("قصر الشعب", "SYR"), ("قصر الأمم", "CHE"), ("قصر كوبورغ", "AUT"),
    ("تاورمينا", "ITA"), ("الكاف", "TUN"), ("تطاوين", "TUN"), ("جربة", "TUN"), ("نابل", "TUN"),
    ("المهدية", "TUN"), ("توزر", "TUN"), ("رأس جدير", "TUN"), ("الذهيبة", "TUN"), ("بن قردان", "TUN"),
    ("بنقردان", "TUN"), ("الحمامات", "TUN"), ("العقبة", "JOR"), ("دافوس", "CHE"), ("الصخيرات", "MAR"),
    ("غدامس", "LBY"), ("سرت", "LBY"), ("صبراتة", "LBY"), ("الزاوية", "LBY"), ("معيتيقة", "LBY"),
    ("بنغازي", "LBY"), ("مصراتة", "LBY"), ("طبرق", "LBY"), ("سبها", "LBY"), ("درنة", "LBY"),
    ("صفاقس", "TUN"), ("سوسة", "TUN"), ("القيروان", "TUN"), ("سيدي بوزيد", "TUN"),
    ("شرم الشيخ", "EGY"), ("سوتشي", "RUS"), ("أستانا", "KAZ"), ("جنيف", "CHE"), ("لوزان", "CHE"),
    ("فيينا", "AUT"), ("بروكسل", "BEL"), ("ستراسبورغ", "FRA"), ("ميونيخ", "DEU"), ("هلسنكي", "FIN"),
    ("أوساكا", "JPN"), ("هامبورغ", "DEU"), ("بوينس آيرس", "ARG"), ("كراكاس", "VEN"), ("لا فاليتا", "MLT"),
    ("وقصر قرطاج", "TUN"), ("والعقبة", "JOR"),
])
def test_meeting_places(kb, name, cc3):
    p = kb.place(name)
    assert p is not None, name
    assert p.cc3 == cc3, (name, p.name_en, p.cc3)


def test_palaces_are_facilities_with_city_coordinates(kb):
    carthage = kb.place("قصر قرطاج")
    assert carthage.kind == "facility"
    assert abs(carthage.lat - 36.85) < 0.2 and abs(carthage.lon - 10.3) < 0.2
    assert abs(kb.place("قصر المرادية").lat - 36.75) < 0.2
    assert abs(kb.place("البيت الأبيض").lon - (-77.04)) < 0.2


def test_risky_ordinary_words_not_places(kb):
    idx = kb.places_index()
    for w in ["المقاطعة", "البيضاء", "الخمس", "صور", "المستشارية", "بيان", "قصر الرئاسة"]:
        assert w not in idx, w
