"""Saved HTML pages: main text and metadata through trafilatura."""
from marsad.doc import Document
from marsad.extract import Extractor

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
