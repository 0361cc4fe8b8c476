"""Hand-made CONTRACT records (Arabic text) for the web tests; offsets computed from the text."""
from __future__ import annotations

import hashlib
from typing import Any

TOKEN = "test-token-123"

XSS_TITLE = "<script>window.__xss=1;alert(1)</script>"
XSS_BODY = '<img src=x onerror="window.__xss=1;alert(1)">'
XSS_LINK = "javascript:alert(1)"


def _span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(sub, pos + 1)
    return pos, pos + len(sub)


def _is_letter(ch: str) -> bool:
    return ch.isalpha() and ch not in "وبلف"  # proclitics: و+طهران, ب+نظيره are still words


def _mentions(text: str, *surfaces: str) -> list[dict[str, Any]]:
    out = []
    for s in surfaces:
        start = -1
        while True:
            start = text.find(s, start + 1)
            if start < 0:
                break
            before = text[start - 1] if start > 0 else " "
            after = text[start + len(s)] if start + len(s) < len(text) else " "
            if _is_letter(before) or (_is_letter(after) and after not in "ة"):
                continue  # not a whole word (e.g. "إيران" inside "الإيراني")
            out.append({"text": s, "start": start, "end": start + len(s)})
    return out


def actor(entity: str | None, text: str, name: str, code: str, sector: str = "GOV",
          office: str | None = None) -> dict[str, Any]:
    return {"entity": entity, "actor_text": text, "identifier_text": name, "code": code,
            "sector": sector, "office": office}


SHOIGU = ("per-shoigu", "سيرغي شويغو", "Sergei Shoigu", "RUS", "Minister of Defence")
DEHGHAN = ("per-dehghan", "حسين دهقان", "Hossein Dehghan", "IRN", "Minister of Defence")
ZARIF = ("per-zarif", "محمد جواد ظريف", "Mohammad Javad Zarif", "IRN", "Minister of Foreign Affairs")
ASSAD = ("per-assad", "بشار الأسد", "Bashar al-Assad", "SYR", "President")

TEHRAN = {"name": "Tehran", "name_ar": "طهران", "cc3": "IRN", "latitude": 35.69, "longitude": 51.39,
          "geonameid": 112931}
MOSCOW = {"name": "Moscow", "name_ar": "موسكو", "cc3": "RUS", "latitude": 55.75, "longitude": 37.62,
          "geonameid": 524901}
DAMASCUS = {"name": "Damascus", "name_ar": "دمشق", "cc3": "SYR", "latitude": 33.51, "longitude": 36.29,
            "geonameid": 170654}


def person(p: tuple[str, ...], text: str, *surfaces: str, wikidata: str | None = None) -> dict[str, Any]:
    eid, name, name_en, cc, office = p
    return {"id": eid, "type": "PER", "name": name, "name_en": name_en, "country": cc, "office": office,
            "wikidata": wikidata, "mentions": _mentions(text, *(surfaces or (name,)))}


def place(eid: str, etype: str, name: str, name_en: str, cc: str | None, text: str, *surfaces: str,
          wikidata: str | None = None) -> dict[str, Any]:
    return {"id": eid, "type": etype, "name": name, "name_en": name_en, "country": cc, "office": None,
            "wikidata": wikidata, "mentions": _mentions(text, *(surfaces or (name,)))}


def record(path: str, raw: str, title: str, outlet: str, published: str,
           entities: list[dict[str, Any]], events: list[dict[str, Any]], body_start: int | None = None) -> dict[str, Any]:
    start = body_start if body_start is not None else 0
    return {"doc_id": hashlib.sha1(raw.encode("utf-8")).hexdigest(), "path": path, "doc_key": path,
            "raw_text": raw,
            "articles": [{"title": title, "outlet": outlet, "published": published, "text": raw[start:],
                          "start": start, "end": len(raw)}],
            "entities": entities, "events": events}


def event(eid: str, raw: str, sentence: str, cat: str, source: list[dict[str, Any]], recipient: list[dict[str, Any]],
          date: str, loc: dict[str, Any] | None, mode: list[str] | None = None, context: list[str] | None = None,
          confidence: float = 0.8) -> dict[str, Any]:
    s, e = _span(raw, sentence)
    return {"id": eid, "event": [cat], "mode": mode or [], "context": context or [], "date": date,
            "enddate": None, "date_precision": "day", "source": source, "recipient": recipient,
            "event_loc": loc, "event_text": [sentence], "text_info": {"start": s, "end": e},
            "confidence": confidence}


def records() -> list[dict[str, Any]]:
    out = []

    # 1. Russian defence minister visits Tehran (Al-Alam style wire copy)
    raw1 = ("الرئيسية | أخبار | سياسة\n"
            "شويغو في طهران لبحث التعاون العسكري\n"
            "طهران – وكالات: وصل وزير الدفاع الروسي سيرغي شويغو إلى طهران اليوم الثلاثاء في زيارة رسمية "
            "يلتقي خلالها نظيره الإيراني حسين دهقان.\n"
            "والتقى شويغو بنظيره الإيراني حسين دهقان في مقر وزارة الدفاع الإيرانية في طهران.\n"
            "وبحث الجانبان التعاون العسكري بين روسيا وإيران ومكافحة الإرهاب في المنطقة.\n"
            "واتفق الوزيران على تسريع تسليم منظومة إس-300 إلى إيران.\n")
    body1 = raw1.index("طهران –")
    out.append(record(
        "alalam/shoigu-tehran.txt", raw1, "شويغو في طهران لبحث التعاون العسكري", "العالم", "2015-01-20",
        [person(SHOIGU, raw1, "سيرغي شويغو", "شويغو"), person(DEHGHAN, raw1, "حسين دهقان"),
         place("gpe-tehran", "GPE", "طهران", "Tehran", "IRN", raw1, wikidata="Q3616"),
         place("gpe-russia", "GPE", "روسيا", "Russia", "RUS", raw1, wikidata="Q159"),
         place("gpe-iran", "GPE", "إيران", "Iran", "IRN", raw1, wikidata="Q794"),
         place("org-irmod", "ORG", "وزارة الدفاع الإيرانية", "Iranian Ministry of Defence", "IRN", raw1),
         {"id": "weapon-s300", "type": "WEAPON", "name": "إس-300", "name_en": "S-300", "country": "RUS",
          "office": None, "wikidata": None, "mentions": _mentions(raw1, "إس-300")}],
        [event("e1", raw1, "والتقى شويغو بنظيره الإيراني حسين دهقان في مقر وزارة الدفاع الإيرانية في طهران.",
               "CONSULT", [actor("per-shoigu", "شويغو", "سيرغي شويغو", "RUS", "MIL", "Minister of Defence")],
               [actor("per-dehghan", "نظيره الإيراني حسين دهقان", "حسين دهقان", "IRN", "MIL", "Minister of Defence")],
               "2015-01-20", TEHRAN, ["visit"], ["military"], 0.91),
         event("e2", raw1, "واتفق الوزيران على تسريع تسليم منظومة إس-300 إلى إيران.", "AGREE",
               [actor("per-shoigu", "شويغو", "سيرغي شويغو", "RUS", "MIL", "Minister of Defence"),
                actor("per-dehghan", "حسين دهقان", "حسين دهقان", "IRN", "MIL", "Minister of Defence")], [],
               "2015-01-20", TEHRAN, [], ["military", "future"], 0.74)],
        body_start=body1))

    # 2. Same visit seen by another outlet the next day (merges with e1), plus a signed agreement
    raw2 = ("موسكو (رويترز) - أجرى وزير الدفاع الروسي سيرغي شويغو محادثات في طهران أمس مع وزير الدفاع "
            "الإيراني حسين دهقان.\n"
            "ووقع شويغو ودهقان اتفاقية للتعاون العسكري بين البلدين تشمل تبادل الخبرات وتدريب الكوادر.\n"
            "وكانت موسكو قد جمدت في 2010 صفقة صواريخ إس-300 مع طهران.\n")
    out.append(record(
        "reuters-ar/shoigu-dehghan.json", raw2, "روسيا وإيران توقعان اتفاقية للتعاون العسكري", "رويترز",
        "2015-01-21",
        [person(SHOIGU, raw2, "سيرغي شويغو", "شويغو"), person(DEHGHAN, raw2, "حسين دهقان", "دهقان"),
         place("gpe-tehran", "GPE", "طهران", "Tehran", "IRN", raw2, wikidata="Q3616"),
         place("gpe-moscow", "GPE", "موسكو", "Moscow", "RUS", raw2)],
        [event("e1", raw2, "أجرى وزير الدفاع الروسي سيرغي شويغو محادثات في طهران أمس مع وزير الدفاع الإيراني حسين دهقان.",
               "CONSULT", [actor("per-shoigu", "وزير الدفاع الروسي سيرغي شويغو", "سيرغي شويغو", "RUS", "MIL")],
               [actor("per-dehghan", "وزير الدفاع الإيراني حسين دهقان", "حسين دهقان", "IRN", "MIL")],
               "2015-01-20", TEHRAN, ["visit"], ["military"], 0.88),
         event("e2", raw2, "ووقع شويغو ودهقان اتفاقية للتعاون العسكري بين البلدين تشمل تبادل الخبرات وتدريب الكوادر.",
               "SUPPORT", [actor("per-shoigu", "شويغو", "سيرغي شويغو", "RUS", "MIL"),
                           actor("per-dehghan", "دهقان", "حسين دهقان", "IRN", "MIL")], [],
               "2015-01-20", TEHRAN, [], ["military"], 0.83)]))

    # 3. Iranian foreign minister received in Damascus (a different dyad, later month)
    raw3 = ("دمشق – سانا: استقبل الرئيس بشار الأسد اليوم وزير الخارجية الإيراني محمد جواد ظريف "
            "والوفد المرافق له.\n"
            "وجرى خلال اللقاء بحث العلاقات الثنائية والتطورات في سوريا والمنطقة.\n")
    out.append(record(
        "sana/assad-zarif.txt", raw3, "الرئيس الأسد يستقبل ظريف", "سانا", "2015-08-12",
        [person(ASSAD, raw3, "بشار الأسد"), person(ZARIF, raw3, "محمد جواد ظريف"),
         place("gpe-damascus", "GPE", "دمشق", "Damascus", "SYR", raw3),
         place("gpe-syria", "GPE", "سوريا", "Syria", "SYR", raw3)],
        [event("e1", raw3, "استقبل الرئيس بشار الأسد اليوم وزير الخارجية الإيراني محمد جواد ظريف "
                           "والوفد المرافق له.", "CONSULT",
               [actor("per-zarif", "وزير الخارجية الإيراني محمد جواد ظريف", "محمد جواد ظريف", "IRN", "GOV")],
               [actor("per-assad", "الرئيس بشار الأسد", "بشار الأسد", "SYR", "GOV")],
               "2015-08-12", DAMASCUS, ["visit"], ["security"], 0.9)]))

    # 4. A hostile page: markup and script in every text field
    raw4 = (f"{XSS_TITLE}\n"
            f"قال المتحدث {XSS_BODY} إن وزير الخارجية الروسي سيرغي لافروف التقى نظيره الإيراني في موسكو.\n"
            f"للمزيد: <a href=\"{XSS_LINK}\">اضغط هنا</a> {XSS_LINK}\n")
    sent4 = "إن وزير الخارجية الروسي سيرغي لافروف التقى نظيره الإيراني في موسكو."
    out.append(record(
        "evil/xss.html", raw4, XSS_TITLE, "<b onmouseover=\"window.__xss=1\">evil</b>", "2015-03-02",
        [{"id": "per-lavrov", "type": "PER", "name": "سيرغي لافروف", "name_en": "<i>Sergei Lavrov</i>",
          "country": "RUS", "office": "Minister of Foreign Affairs", "wikidata": XSS_LINK,
          "mentions": _mentions(raw4, "سيرغي لافروف")},
         {"id": "per-<script>x</script>", "type": "PER", "name": XSS_BODY, "name_en": None, "country": "IRN",
          "office": None, "wikidata": None, "mentions": _mentions(raw4, XSS_BODY)}],
        [event("e1", raw4, sent4, "CONSULT",
               [actor("per-lavrov", "سيرغي لافروف", XSS_TITLE, "RUS", "GOV")],
               [actor(None, "نظيره الإيراني", XSS_BODY, "IRN", "GOV")],
               "2015-03-02", {**MOSCOW, "name": XSS_BODY}, ["visit"], [], 0.5)]))
    return out
