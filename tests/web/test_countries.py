"""Country labels of the UI come from the one country table, the KB's (issue 16)."""
from marsad.kb import KB
from marsad.web.countries import country_label, country_name_ar, country_name_en


def test_every_state_is_labelled_with_the_kb_names():
    kb = KB.load()
    countries = list(kb.countries())
    assert len(countries) > 150
    assert [c.iso3 for c in countries if country_name_ar(c.iso3) != c.name_ar] == []
    assert [c.iso3 for c in countries if c.name_en and country_name_en(c.iso3) != c.name_en] == []
    assert country_name_ar("OMN") == kb.country("OMN").name_ar  # no second spelling of a state's name
    assert country_label("rus") == f"{kb.country('RUS').name_ar} · {kb.country('RUS').name_en} (RUS)"


def test_organisations_and_unknown_codes():
    assert country_name_ar("IGO:nato") == KB.load().org("NATO").name_ar
    assert country_name_ar("NGO") and country_name_en("NGO") == "NGO"
    assert country_name_ar("XXZ") == "" and country_label("XXZ") == "XXZ"
