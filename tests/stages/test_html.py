"""Saved HTML pages: main text and metadata through trafilatura."""
import pytest

from marsad.doc import Document
from marsad.extract import Extractor
from marsad.stages.read import page_headline, page_outlet

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>وزير الخارجية المصري يزور عمان | اليوم السابع</title>
<meta property="og:site_name" content="اليوم السابع">
<meta property="article:published_time" content="2018-02-13T10:30:00+02:00">
<link rel="canonical" href="https://www.youm7.com/story/2018/2/13/123">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/a">سياسة</a></li><li><a href="/b">رياضة</a></li></ul></nav>
<article><h1>وزير الخارجية المصري يزور عمان</h1>
<p>وصل وزير الخارجية المصري سامح شكري اليوم الثلاثاء إلى العاصمة الأردنية عمان في زيارة رسمية يلتقي خلالها نظيره الأردني أيمن الصفدي لبحث العلاقات الثنائية وتطورات الأوضاع في المنطقة.</p>
<p>وقالت وزارة الخارجية المصرية في بيان إن الزيارة تأتي في إطار التشاور المستمر بين البلدين الشقيقين حول القضايا الإقليمية ذات الاهتمام المشترك.</p>
</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_page_gives_article_text_and_metadata():
    doc = Document(doc_key="page.html", path="page.html", raw_bytes=PAGE.encode("utf-8"), kind="html")
    doc = Extractor().process(doc)
    assert doc.error is None
    (art,) = doc.articles
    text = art.text(doc.raw)
    assert "سامح شكري" in text and "التشاور المستمر" in text
    assert "جميع الحقوق محفوظة" not in text and "رياضة" not in text
    assert art.published.isoformat() == "2018-02-13"
    assert art.outlet == "اليوم السابع"
    assert "وزير الخارجية المصري يزور عمان" in art.title
    assert any(e.name_en == "Sameh Shoukry" for e in doc.entities)


# --- the outlet of a page without og:site_name, and the headline from <h1> ----------------------------
def _page(title: str, h1: str, footer: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a>الرئيسية</a></nav>"
            f"<div class='article'><h1>{h1}</h1><p>نص الخبر.</p></div><footer>{footer}</footer></body></html>")


@pytest.mark.parametrize("title,footer,outlet", [
    # the copyright line names the outlet
    ("أخبار الجزائر | بوابة الشروق الإخبارية - الأخبار العاجلة على مدار الساعة",
     "جميع الحقوق محفوظة © 2024 الشروق أونلاين", "الشروق أونلاين"),
    ("الرئيسية", "© 2023 - 2024 هسبريس. جميع الحقوق محفوظة", "هسبريس"),
    ("أخبار", "جميع الحقوق محفوظة لموقع النيلين", "النيلين"),
    ("أخبار", "Copyright &copy; 2019 الخليج", "الخليج"),
    # else the <title> part that is neither the headline nor a tagline
    ("وزير الخارجية يزور عمان - الغد", "", "الغد"),
    ("وزير الخارجية يزور عمان | عنب بلدي", "روابط", "عنب بلدي"),
    ("أخبار تونس | موزاييك أف أم - الأخبار العاجلة على مدار الساعة", "", "موزاييك أف أم"),
])
def test_outlet_from_the_page(title, footer, outlet):
    assert page_outlet(_page(title, "وزير الخارجية يزور عمان", footer), "وزير الخارجية يزور عمان") == outlet


def test_no_outlet_when_the_page_names_none():
    assert page_outlet(_page("وزير الخارجية يزور عمان", "وزير الخارجية يزور عمان", ""), "وزير الخارجية يزور عمان") is None


@pytest.mark.parametrize("title,h1,headline", [
    ("الرئيس يستقبل وزير الخارجية الإيطالي | الشروق", "الرئيس يستقبل وزير الخارجية الإيطالي",
     "الرئيس يستقبل وزير الخارجية الإيطالي"),
    (None, "وزير الدفاع يصل إلى &quot;أنقرة&quot;", 'وزير الدفاع يصل إلى "أنقرة"'),
    ("عنوان مختلف تماما للمقال", "الشعار", "عنوان مختلف تماما للمقال"),  # a logo h1 is no headline
])
def test_headline_from_h1(title, h1, headline):
    assert page_headline(f"<title>{title or ''}</title><h1>{h1}</h1>", title) == headline


def test_html_page_outlet_end_to_end():
    page = PAGE.replace('<meta property="og:site_name" content="اليوم السابع">', "").replace(
        '<link rel="canonical" href="https://www.youm7.com/story/2018/2/13/123">', "").replace(
        "<footer>جميع الحقوق محفوظة</footer>", "<footer>جميع الحقوق محفوظة © 2018 الشروق أونلاين</footer>")
    doc = Extractor().process(Document(doc_key="p.html", path="p.html", raw_bytes=page.encode("utf-8"), kind="html"))
    assert doc.articles[0].outlet == "الشروق أونلاين"
