"""Cleaning the tails and insets of article bodies: other stories' leads after the body, runs of
headlines linking to other stories, wire timestamps, app and "للمزيد:" promotions."""
from __future__ import annotations

import json

import pytest

from marsad.doc import Document
from marsad.extract import Extractor

STAGES = ("read", "decode", "clean", "metadata", "normalise")

LEAD = "أعلن البيت الأبيض، الثلاثاء، ترشيح ماري كاثرين في، نائبة الممثل الخاص للمصالحة الأفغانية، لمنصب سفيرة الولايات المتحدة في قطر."
OWN = [
    "وقال المتحدث باسم البيت الأبيض إن المرشحة تتمتع بخبرة طويلة في السلك الدبلوماسي وفي ملفات الشرق الأوسط المعقدة.",
    "كما عملت سابقا سفيرة لدى جنوب السودان، ونائبة لرئيس البعثة في السفارة الأمريكية في أديس أبابا لعدة سنوات.",
    "من جهته، رحب مسؤول قطري بالترشيح وقال إن بلاده تتطلع إلى العمل مع السفيرة الجديدة لتعزيز العلاقات الثنائية بين البلدين.",
]
TEASERS = [
    "كشف مصدر مطلع تفاصيل اللقاء، الذي دار بين وزير الخارجية الأمريكي، مايك بومبيو، وولي العهد السعودي، الثلاثاء، قائلا إنه كان ودودا.",
    "استعرض الرئيس المصري عبدالفتاح السيسي، نتائج العملية الشاملة سيناء 2018، التي تم إطلاقها في فبراير الماضي، خلال مباحثاته مع نظيره الروسي.",
    "قال وزير الخزانة الأمريكي، ستيفن منوشين إنه سيتخذ قرارًا، الخميس، بشأن حضور مؤتمر للمستثمرين في السعودية في وقت لاحق من هذا الشهر.",
    "أعلنت شرطة العاصمة البريطانية، لندن، عن اعتقال رجل بعد أن اصطدمت سيارته بأحد الحواجز الأمنية المحيطة بمقر البرلمان البريطاني، الثلاثاء، وقد أسفر",
]


def body_of(*lines: str, kind: str = "json") -> str:
    text = "\n".join(lines)
    raw = json.dumps({"title": "عنوان", "maintext": text}, ensure_ascii=False) if kind == "json" else text
    name = f"page.{kind}"
    doc = Extractor(stages=STAGES).process(Document(doc_key=name, path=name, raw_bytes=raw.encode("utf-8"), kind=kind))
    return "\n".join(a.text(doc.raw) for a in doc.articles)


# --- other stories' leads closing the page ------------------------------------------------------------
@pytest.mark.parametrize("kind", ["json", "txt"])
@pytest.mark.parametrize("n_teasers", [3, 4])
def test_trailing_leads_of_other_stories_are_dropped(kind, n_teasers):
    text = body_of(LEAD, *OWN, *TEASERS[:n_teasers], kind=kind)
    assert all(p in text for p in [LEAD, *OWN])
    assert not any(t in text for t in TEASERS[:n_teasers])


def test_teasers_after_a_single_paragraph_article():
    text = body_of(LEAD, *TEASERS)
    assert LEAD in text and not any(t in text for t in TEASERS)


@pytest.mark.parametrize("tail", [
    TEASERS[:2],  # two fresh paragraphs are not yet a block of leads
    [TEASERS[0], "وأضاف المصدر أن الجانبين بحثا خلال اللقاء سبل تعزيز التعاون الأمني والعسكري وتبادل المعلومات.", TEASERS[1]],
    ["الإجابة على هذا السؤال هي نعم، إذ يمكن رفض أمر عسكري إن كان غير قانوني أو غير أخلاقي وفق القواعد المتبعة.",
     "أبرز التصريحات في هذا الشأن صدرت عن الجنرال جون هايتن، قائد القوة النووية الأمريكية، في نوفمبر الماضي.",
     TEASERS[2]],
    ['"لن نقبل بأي تسوية لا تضمن حقوق شعبنا كاملة"، بحسب ما قاله المسؤول في مؤتمر صحفي عقده في العاصمة.',
     TEASERS[0], TEASERS[1]],
])
def test_paragraphs_that_carry_on_are_kept(tail):
    text = body_of(LEAD, *OWN, *tail)
    assert all(p in text for p in [LEAD, *OWN, *tail])


def test_a_body_of_fresh_paragraphs_keeps_its_first():
    text = body_of(*TEASERS)
    assert TEASERS[0] in text


# --- runs of headlines inside the body ------------------------------------------------------------
def test_a_run_of_headlines_between_paragraphs_is_links():
    links = ["تزايد الضغوط على السعودية بشأن اختفاء خاشقجي", "هل سجلت ساعة خاشقجي ما حدث داخل القنصلية؟"]
    text = body_of(LEAD, OWN[0], *links, OWN[1])
    assert OWN[1] in text and not any(x in text for x in links)


def test_a_single_subheading_is_kept():
    sub = "ماذا قال ولي العهد السعودي؟"
    text = body_of(LEAD, OWN[0], sub, OWN[1])
    assert sub in text


# --- timestamps, separators and promotions ---------------------------------------------------------
@pytest.mark.parametrize("line", [
    "18:37 ت م", "10:05 ص", "21:43 GMT", "2018-03-07 14:02", "14:02 - 07/03/2018", "09:15 بتوقيت غرينتش",
    "_____________________________________________",
    "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
    "للمزيد: ما سر التغيرات العسكرية في السعودية؟",
    "اقرأ.. سيناتور أمريكي حول ضرب سوريا: أخشى ألا ننفذ وعدنا",
    "عودة على البث المباشر للمباراة",
])
@pytest.mark.parametrize("where", ["middle", "end"])
def test_timestamps_and_promotions_are_furniture(line, where):
    lines = [LEAD, OWN[0], line, OWN[1]] if where == "middle" else [LEAD, OWN[0], OWN[1], line]
    text = body_of(*lines)
    assert line not in text and OWN[1] in text


@pytest.mark.parametrize("line", [
    "وقال الوزير للمزيد من التفاصيل إن الاجتماع كان مثمرا وسيعقد اجتماع آخر قريبا.",
    "اقرأ الكتاب: قصة مدينتين",
    "وصل الوفد في تمام الساعة 18:37 إلى مطار القاهرة الدولي حيث كان في استقباله وزير الخارجية.",
])
def test_lines_that_only_mention_such_words_are_kept(line):
    assert line in body_of(LEAD, line, OWN[0])


def test_a_long_single_line_document_is_cleaned_without_error(run):
    # a JSON maintext with no line breaks: no paragraph run to weigh as teasers, and no crash
    text = " ".join(["قال وزير الخارجية إن المحادثات مع الجانب الآخر كانت بناءة ومثمرة في كل الملفات."] * 40)
    doc = run(text + "\n")
    assert doc.articles and doc.articles[0].body


def test_a_marker_inside_a_one_line_article_does_not_drop_it(run):
    text = " ".join(["استقبل الرئيس التونسي قيس سعيد وزير الخارجية الإيطالي أنطونيو تاياني في قصر قرطاج."] * 8)
    doc = run(text + " |تفاصيل " + text + "\n")
    assert doc.articles and doc.events
