"""The state of a person the KB does not know, read from the words around the name (issue 11)."""
import pytest

DATE = "الثلاثاء 2018/08/14\n\n"


def person(doc, word):
    return next(e for e in doc.entities if e.type == "PER" and word in e.name)


@pytest.mark.parametrize("sentence,word,country", [
    # a nisba before the name, with a word or an organisation between them
    ("وقالت المتحدثة باسم وزارة الخارجية الأمريكية جين سميثسون في بيان إن القرار نهائي.", "سميثسون", "USA"),
    ("ولا يزال مصير الصحفي السعودي المفقود فهد القرناوي مجهولا منذ أسبوع.", "القرناوي", "SAU"),
    # the state after an office is his; the city after it is his posting
    ("وحضر اللقاء سفير إيران بتونس حميد رضائيان وعدد من المسؤولين.", "رضائيان", "IRN"),
    # an apposition after the name
    ("وقال سالم الدرعاوي، رئيس تحرير صحيفة الوطن القطرية، إن الحصار فشل.", "الدرعاوي", "QAT"),
    # a nisba followed by الأصل gives an origin, the nisba before it the nationality
    ("واعتقلت قوات كردية الجهادي الألماني السوري الأصل كريم زمراوي في الشمال.", "زمراوي", "DEU"),
])
def test_a_nisba_or_state_near_the_name_gives_the_country(run, sentence, word, country):
    assert person(run(DATE + sentence), word).country == country


def test_a_person_of_a_story_about_one_state_belongs_to_it(run):
    doc = run(DATE + "تستعد تركيا لانتخابات رئاسية وتشريعية يوم الأحد. وتشارك في مراقبة الانتخابات في تركيا "
                     "منظمات عديدة. وقالت غولتن أكسوباي إن المتطوعين سيراقبون صناديق الاقتراع.")
    assert person(doc, "أكسوباي").country == "TUR"
