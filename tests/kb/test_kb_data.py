"""Integrity of the knowledge-base data files in marsad/data/kb/."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import get_args

import pytest

from marsad.kb import KB
from marsad.kb.loader import DATA_DIR, SHARED_OFFICES, read_tsv
from marsad.textnorm import fold_key
from marsad.vocab import Sector

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def kb() -> KB:
    return KB.load()


def test_every_data_file_has_provenance():
    for path in DATA_DIR.iterdir():
        if path.is_dir() or path.suffix == ".md":
            continue
        head = path.read_text(encoding="utf-8")[:2000]
        assert "_provenance" in head, path.name


def test_countries_cover_iso_3166():
    import pycountry

    doc = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso3"] for c in doc["countries"]}
    assert {c.alpha_3 for c in pycountry.countries} <= iso3
    assert {"PSE", "XKX"} <= iso3
    # every UN member and observer state has an Arabic name and a nisba or a reason not to
    for c in doc["countries"]:
        if c["population"] and c["population"] > 1_000_000:
            assert c["name_ar"], c["iso3"]


def test_officeholders_well_formed(kb):
    rows = read_tsv(DATA_DIR / "officeholders.tsv")
    notables = read_tsv(DATA_DIR / "notables.tsv")
    ids = [r["id"] for r in rows + notables]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert all(r["terms"] for r in rows), "an office-holder without a term belongs in notables.tsv"
    untracked = {r["id"] for r in notables if not r["terms"]}
    offices = {o.title_en for o in kb.offices_index().values()}
    countries = {c.iso3 for c in kb.countries()}
    igos = {o.short for o in kb.orgs() if o.country == "IGO"}
    assert len(kb.persons()) >= 300
    for p in kb.persons():
        assert p.country in countries, p.id
        assert p.source, p.id
        assert p.terms or p.id in untracked, p.id
        assert p.aliases_ar, p.id
        assert re.fullmatch(r"[a-z0-9_]+", p.id), p.id
        if p.wikidata is not None:
            assert re.fullmatch(r"Q\d+", p.wikidata), p.id
        for t in p.terms:
            assert t.office in offices, (p.id, t.office)
            assert t.country in countries or t.country in igos, (p.id, t.country)
            assert DATE_RE.match(t.start_raw), (p.id, t.start_raw)
            assert t.end_raw == "" or DATE_RE.match(t.end_raw), (p.id, t.end_raw)
            assert t.end is None or t.end > t.start, (p.id, t.office)


def test_terms_do_not_overlap_per_office_and_country(kb):
    by_key: dict = {}
    for p in kb.persons():
        for t in p.terms:
            by_key.setdefault((t.country, t.office), []).append((t, p))
    problems = []
    for (country, office), lst in by_key.items():
        if office in SHARED_OFFICES:
            continue
        lst.sort(key=lambda tp: tp[0].start)
        for (a, pa), (b, pb) in zip(lst, lst[1:]):
            if a.end is None or b.start < a.end:
                problems.append(f"{country} {office}: {pa.id} {a.start_raw}..{a.end_raw} / {pb.id} {b.start_raw}")
    assert not problems, "\n".join(problems)


def test_persons_cover_core_states_and_offices(kb):
    have = {(t.country, t.office) for p in kb.persons() for t in p.terms}
    for iso in ["RUS", "USA", "IRN", "TUR", "ISR", "SYR", "SAU", "EGY", "IRQ", "CHN", "FRA", "GBR", "DEU",
                "UKR", "PAK", "IND", "JOR", "LBN", "QAT", "ARE", "KWT", "OMN", "BHR", "YEM", "LBY", "SDN",
                "DZA", "MAR", "TUN", "MRT", "SOM", "DJI", "COM", "PSE", "AZE", "ARM", "KAZ", "BLR", "ITA",
                "JPN", "PRK", "AFG", "ETH"]:
        assert any(c == iso for c, _ in have), iso
    for iso in ["RUS", "USA", "IRN", "TUR", "ISR", "SYR", "EGY", "IRQ", "CHN", "FRA", "GBR", "DEU", "UKR"]:
        assert (iso, "Minister of Defence") in have, iso
        assert (iso, "Minister of Foreign Affairs") in have, iso


def test_offices_no_duplicate_phrases():
    seen = {}
    for r in read_tsv(DATA_DIR / "offices.tsv"):
        assert r["sector"] in {"GOV", "MIL", "SPY", "LEG", "JUD", "COP"}, r
        assert r["kind"] in {"office", "rank"}, r
        for v in r["ar_variants"].split("|"):
            k = fold_key(v)
            assert k not in seen or seen[k] == r["title_en"], (v, seen.get(k), r["title_en"])
            seen[k] = r["title_en"]


def test_orgs_and_places_fields(kb):
    countries = {c.iso3 for c in kb.countries()}
    for o in kb.orgs():
        assert o.country in countries | {"IGO", "IMG", ""}, o.id
        assert o.sector in get_args(Sector), o.id
    for r in read_tsv(DATA_DIR / "places.tsv"):
        assert r["cc3"] == "" or r["cc3"] in countries, r["id"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["id"]
    for w in set(kb.weapons_index().values()):
        assert w.origin in countries, w.id


def test_notables_are_named_people_with_a_state_and_no_term(kb):
    rows = read_tsv(DATA_DIR / "notables.tsv")
    assert rows
    holders = {fold_key(a) for r in read_tsv(DATA_DIR / "officeholders.tsv") for a in r["aliases_ar"].split("|")}
    for r in rows:
        p = kb.person(r["id"])
        assert p is not None and not p.terms and p.source.startswith("Wikipedia"), r["id"]
        assert p.sector == "" or p.sector in get_args(Sector), (r["id"], p.sector)
        # a notable never shadows an office-holder's spelling: linking would have two candidates
        assert not {fold_key(a) for a in p.aliases_ar} & holders, r["id"]

