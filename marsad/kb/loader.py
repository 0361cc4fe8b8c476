"""Load Marsad's knowledge base from marsad/data/kb/ and answer look-ups by folded keys.

All keys are :func:`marsad.textnorm.fold_key` forms, so callers fold their text the same way
before looking anything up. ``KB.load()`` is cached: every caller in a process shares one instance.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from pathlib import Path

from marsad.textnorm import fold_key

from .model import Country, Grouping, Office, Org, Person, Place, Term, Weapon
from .nisba import irregular_forms, nisba_forms
from .tsv import read_tsv

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"

# Offices that several people hold at once in one state: not checked for overlaps, and holder()
# returns the most recent appointee.
SHARED_OFFICES = frozenset({
    "Deputy Minister of Defence", "Deputy Minister of Foreign Affairs", "Spokesperson", "Envoy",
    "Leader", "Commander", "Minister of State", "Deputy Prime Minister", "Adviser", "Ambassador",
})

# Which office to report first when a person holds several at one date.
_OFFICE_RANK = [
    "Supreme Leader", "King", "Emir", "Sultan", "President", "Chairman of the Presidential Council",
    "Chairman of the Sovereignty Council", "Chancellor", "Prime Minister", "Crown Prince",
    "Vice President", "Minister of Defence", "Minister of Foreign Affairs", "Chief of the General Staff",
    "Secretary of the Supreme National Security Council", "Secretary of the Security Council",
]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(s: str) -> _dt.date | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' to a date (missing parts = 1); '' to None."""
    s = (s or "").strip()
    if not s:
        return None
    m = _DATE_RE.match(s)
    if not m:
        raise ValueError(f"bad date {s!r}")
    return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def split_bar(s: str) -> list[str]:
    return [x.strip() for x in (s or "").split("|") if x.strip()]


def _clitic_variants(key: str) -> list[str]:
    """A folded word with common proclitics peeled off: والروسية → الروسية, للروسي → الروسي."""
    out = [key]
    seen = {key}
    frontier = [key]
    while frontier:
        k = frontier.pop()
        cands = []
        if k.startswith("لل") and len(k) > 4:
            cands.append("ال" + k[2:])
        if k[:1] in ("و", "ف") and len(k) > 3:
            cands.append(k[1:])
        if k[:1] in ("ب", "ل", "ك") and len(k) > 4 and k[1:3] == "ال":
            cands.append(k[1:])
        for c in cands:
            if c not in seen:
                seen.add(c)
                out.append(c)
                frontier.append(c)
    return out


def _drop_second_article(phrase_key: str) -> str | None:
    """'وزير الدفاع' → 'وزير دفاع' (construct state before a country name)."""
    toks = phrase_key.split()
    if len(toks) >= 2 and toks[1].startswith("ال") and len(toks[1]) > 3:
        toks[1] = toks[1][2:]
        return " ".join(toks)
    return None


def _weapon_variants(alias: str) -> set[str]:
    key = fold_key(alias)
    out = {key}
    # "سو 35" also as "سو35"; "f 16" as "f16"
    joined = re.sub(r"(?<=\S) (?=\d)", "", key)
    out.add(joined)
    return {k for k in out if k}


class KB:
    """The knowledge base. Use :meth:`KB.load` (cached) rather than the constructor."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = Path(data_dir)
        self.ambiguous_nisbas: dict[str, set[str]] = {}
        self._load_countries()
        self._load_offices()
        self._load_orgs()
        self._load_groupings()
        self._load_weapons()
        self._load_persons()
        self._places: dict[str, Place] | None = None
        self._place_alts: dict[str, tuple[Place, ...]] | None = None

    # ------------------------------------------------------------------ loading
    @staticmethod
    @functools.lru_cache(maxsize=4)
    def load(data_dir: str | None = None) -> "KB":
        return KB(Path(data_dir) if data_dir else DATA_DIR)

    def _load_countries(self) -> None:
        doc = json.loads((self.data_dir / "countries.json").read_text(encoding="utf-8"))
        self._countries: dict[str, Country] = {}
        self._country_names: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        nisba_map: dict[str, set[str]] = {}
        for c in doc["countries"]:
            forms: list[str] = []
            for n in c["nisba"]:
                forms += nisba_forms(n)
            for w in c["irregular"]:
                forms += irregular_forms(w)
            forms = list(dict.fromkeys(forms))
            caps = c["capital_ar"]
            country = Country(
                iso3=c["iso3"], iso2=c["iso2"], name_en=c["name_en"], name_ar=c["name_ar"],
                aliases_ar=tuple(c["aliases_ar"]), capital_en=c["capital_en"] or "",
                capital_ar=caps[0] if caps else "", nisbas=tuple(forms), capitals_ar=tuple(caps),
                metonyms_ar=tuple(c["metonyms_ar"]), population=c.get("population"),
            )
            self._countries[country.iso3] = country
            for f in forms:
                nisba_map.setdefault(fold_key(f), set()).add(country.iso3)
        # Names: official names first, then aliases, so an alias never shadows another state's name.
        for pass_ in (0, 1):
            for country in self._countries.values():
                names = [country.name_ar] if pass_ == 0 else list(country.aliases_ar)
                for n in names:
                    k = fold_key(n)
                    # names keep their article as written: السعودية is a name, سعودية a nisba
                    if k and k not in self._country_names:
                        self._country_names[k] = country.iso3
        for country in self._countries.values():
            for n in [country.name_en, country.iso3]:
                self._country_names.setdefault(fold_key(n), country.iso3)
            for cap in country.capitals_ar + country.metonyms_ar:
                k = fold_key(cap)
                if k and k not in self._capitals:
                    self._capitals[k] = country.iso3
        self._nisba: dict[str, str] = {}
        for k, isos in nisba_map.items():
            if len(isos) == 1:
                self._nisba[k] = next(iter(isos))
            else:
                self.ambiguous_nisbas[k] = isos

    def _load_offices(self) -> None:
        self._offices: dict[str, Office] = {}
        generated: list[tuple[str, Office]] = []
        for r in read_tsv(self.data_dir / "offices.tsv"):
            office = Office(r["title_en"], r["sector"], r["kind"], r.get("note", ""))
            for v in split_bar(r["ar_variants"]):
                k = fold_key(v)
                if k in self._offices and self._offices[k] != office:
                    raise ValueError(f"offices.tsv: {v!r} listed twice")
                self._offices[k] = office
                gen = [k]
                if k.startswith("وزير "):
                    gen.append("وزيره " + k[5:])
                for g in list(gen):
                    d = _drop_second_article(g)
                    if d:
                        gen.append(d)
                for g in gen[1:]:
                    generated.append((g, office))
                if r.get("deputy") == "1":
                    for prefix, title in (("نائب", "Deputy"), ("نائبة", "Deputy"), ("مساعد", "Assistant")):
                        prefix = fold_key(prefix)
                        dep = Office(f"{title} {office.title_en}", office.sector, office.kind, office.note)
                        for g in gen:
                            generated.append((f"{prefix} {g}", dep))
                        # "مساعد وزير الخارجية للشؤون ..." is the caller's business (prefix match)
        for k, office in generated:
            self._offices.setdefault(k, office)

    def _load_orgs(self) -> None:
        self._orgs: dict[str, Org] = {}
        self._org_list: list[Org] = []
        for r in read_tsv(self.data_dir / "igos.tsv"):
            aliases = split_bar(r["aliases_ar"])
            org = Org(r["id"], r["name_en"], aliases[0] if aliases else "", "IGO", "IGO", r["kind"],
                      short=r["short"], note=r.get("parent", ""))
            self._org_list.append(org)
            for a in aliases + [r["short"]]:
                self._orgs.setdefault(fold_key(a), org)
        for r in read_tsv(self.data_dir / "orgs.tsv"):
            aliases = split_bar(r["aliases_ar"])
            org = Org(r["id"], r["name_en"], aliases[0] if aliases else "", r["country"], r["sector"],
                      r["kind"], note=r.get("note", ""))
            self._org_list.append(org)
            for a in aliases:
                self._orgs.setdefault(fold_key(a), org)

    def _load_groupings(self) -> None:
        self._groupings: dict[tuple[str, ...], Grouping] = {}
        for r in read_tsv(self.data_dir / "groupings.tsv"):
            g = Grouping(r["id"], r["name_en"], tuple(split_bar(r["aliases_ar"])), tuple(r["members"].split()))
            for a in g.aliases:
                # the words the tokenizer gives: "مجموعة 5+1" is مجموعه, 5, 1
                self._groupings[tuple(re.findall(r"[0-9a-z\u0621-\u064a]+", fold_key(a)))] = g

    def groupings_index(self) -> dict[tuple[str, ...], Grouping]:
        """Folded words of a grouping's name -> the grouping ("مجموعه السبع" -> the G7 and its seven states)."""
        return self._groupings

    def _load_weapons(self) -> None:
        self._weapons: dict[str, Weapon] = {}
        for r in read_tsv(self.data_dir / "weapons.tsv"):
            aliases = split_bar(r["aliases_ar"])
            w = Weapon(r["id"], r["name_en"], aliases[0] if aliases else r["name_en"], r["origin"], r["kind"])
            for a in aliases + [r["name_en"]]:
                for k in _weapon_variants(a):
                    self._weapons.setdefault(k, w)

    def _load_persons(self) -> None:
        self._persons: dict[str, Person] = {}
        self._persons_index: dict[str, list[Person]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Term, Person]]] = {}
        # office-holders with dated terms, then people the news names often who hold no office we track
        # (senators, advisers, defendants, athletes, journalists): a name and a nationality
        notables = self.data_dir / "notables.tsv"
        rows = read_tsv(self.data_dir / "officeholders.tsv") + (read_tsv(notables) if notables.exists() else [])
        for r in rows:
            terms = tuple(_parse_terms(r["terms"], r["country"]))
            source = r.get("source") or "W"
            if source == "W" or source.startswith("W "):  # shorthand for the Wikipedia office lists
                offices = sorted({(t.office, t.country) for t in terms})
                lists = "; ".join(f"{o} ({self._country_label(c)})" for o, c in offices)
                source = f"Wikipedia: {lists}" + (source[1:] if len(source) > 1 else "")
            aliases = split_bar(r["aliases_ar"])
            p = Person(r["id"], r["name_en"], aliases[0] if aliases else "", tuple(aliases), r["country"],
                       r.get("wikidata") or None, terms, source, r.get("sector") or "")
            self._persons[p.id] = p
            for a in aliases:
                lst = self._persons_index.setdefault(fold_key(a), [])
                if p not in lst:
                    lst.append(p)
            for t in terms:
                self._holders.setdefault((t.country, t.office), []).append((t, p))
        for lst in self._holders.values():
            lst.sort(key=lambda tp: tp[0].start)

    def _country_label(self, code: str) -> str:
        c = self._countries.get(code)
        return c.name_en if c else code

    # ------------------------------------------------------------------ countries
    def countries(self) -> list[Country]:
        return list(self._countries.values())

    def country(self, iso3: str) -> Country | None:
        return self._countries.get((iso3 or "").upper())

    def country_by_name(self, text: str) -> Country | None:
        """Country for an Arabic (or English) name or alias: روسيا, الولايات المتحدة الأمريكية."""
        key = fold_key(text)
        for k in _clitic_variants(key):
            iso = self._country_names.get(k)
            if iso:
                return self._countries[iso]
        return None

    def country_by_nisba(self, word: str) -> str | None:
        """ISO3 for a nisba form (الروسي, الروسية, روس, الإيرانيين, الكوري الشمالي)."""
        key = fold_key(word)
        for k in _clitic_variants(key):
            iso = self._nisba.get(k)
            if iso:
                return iso
        return None

    def country_by_capital(self, text: str) -> str | None:
        """ISO3 for a capital (or metonym city) used for its state: موسكو → RUS, تل أبيب → ISR."""
        key = fold_key(text)
        for k in _clitic_variants(key):
            iso = self._capitals.get(k)
            if iso:
                return iso
        return None

    def nisba_index(self) -> dict[str, str]:
        return self._nisba

    def country_names_index(self) -> dict[str, str]:
        return self._country_names

    def capitals_index(self) -> dict[str, str]:
        return self._capitals

    # ------------------------------------------------------------------ places
    def places_index(self) -> dict[str, Place]:
        """Folded alias → best place. Curated places first, then GeoNames cities by (capital, population)."""
        if self._places is None:
            from .places import build_places_index
            self._places = build_places_index(self.data_dir)
        return self._places

    def place_alternatives(self, text: str) -> tuple[Place, ...]:
        """The cities of different states a place name may stand for ("طرابلس": Libya's, Lebanon's), most
        populous first; empty when the name names one place (:func:`.places.build_place_alternatives`)."""
        if self._place_alts is None:
            from .places import build_place_alternatives
            self._place_alts = build_place_alternatives(self.data_dir)
        key = fold_key(text)
        return next((self._place_alts[k] for k in _clitic_variants(key) if k in self._place_alts), ())

    def place(self, text: str) -> Place | None:
        idx = self.places_index()
        key = fold_key(text)
        for k in _clitic_variants(key):
            p = idx.get(k)
            if p:
                return p
        return None

    # ------------------------------------------------------------------ offices, orgs, weapons
    def offices_index(self) -> dict[str, Office]:
        return self._offices

    def office(self, phrase: str) -> Office | None:
        return self._offices.get(fold_key(phrase))

    def office_with_country(self, phrase: str) -> tuple[Office | None, str | None]:
        """'وزير الدفاع الروسي' → (Minister of Defence, 'RUS'); 'وزير خارجية إيران' → (..., 'IRN')."""
        return self._head_with_country(self._offices, phrase)

    def orgs_index(self) -> dict[str, Org]:
        return self._orgs

    def org(self, text: str) -> Org | None:
        key = fold_key(text)
        for k in _clitic_variants(key):
            o = self._orgs.get(k)
            if o:
                return o
        return None

    def org_with_country(self, phrase: str) -> tuple[Org | None, str | None]:
        """'وزارة الدفاع الروسية' → (Ministry of Defence, 'RUS'); a national body keeps its own country."""
        org, iso = self._head_with_country(self._orgs, phrase)
        if org is not None and iso is None and org.country not in ("", "IMG"):
            iso = org.country
        return org, iso

    def orgs(self) -> list[Org]:
        return list(self._org_list)

    def weapons_index(self) -> dict[str, Weapon]:
        return self._weapons

    def weapon(self, text: str) -> Weapon | None:
        key = fold_key(text)
        return self._weapons.get(key) or self._weapons.get(re.sub(r"(?<=\S) (?=\d)", "", key))

    def _head_with_country(self, index: dict, phrase: str):
        toks = fold_key(phrase).split()
        for n in range(len(toks), 0, -1):
            head = " ".join(toks[:n])
            hit = index.get(head)
            if hit is None:
                continue
            rest = " ".join(toks[n:])
            if not rest:
                return hit, None
            iso = self._nisba.get(rest) or self._country_names.get(rest)
            if iso is None:
                # nisba may be followed by more words ("الإيراني السابق"): try growing prefixes
                rt = rest.split()
                for m in range(len(rt) - 1, 0, -1):
                    sub = " ".join(rt[:m])
                    iso = self._nisba.get(sub) or self._country_names.get(sub)
                    if iso:
                        break
            return hit, iso
        return None, None

    # ------------------------------------------------------------------ persons
    def persons(self) -> list[Person]:
        return list(self._persons.values())

    def person(self, pid: str) -> Person | None:
        return self._persons.get(pid)

    def persons_index(self) -> dict[str, list[Person]]:
        return self._persons_index

    def persons_by_name(self, text: str) -> list[Person]:
        return list(self._persons_index.get(fold_key(text), []))

    def person_office_at(self, person: Person | str, date: _dt.date, country: str | None = None) -> str | None:
        """English title of the office the person held at ``date`` (most senior if several)."""
        p = self._persons.get(person) if isinstance(person, str) else person
        if p is None:
            return None
        held = [t for t in p.terms if t.covers(date) and (country is None or t.country == country)]
        if not held:
            return None

        def rank(t: Term) -> tuple[int, _dt.date]:
            r = _OFFICE_RANK.index(t.office) if t.office in _OFFICE_RANK else len(_OFFICE_RANK)
            return (r, _dt.date.max - (t.start - _dt.date.min))

        return min(held, key=rank).office

    def offices_at(self, person: Person | str, date: _dt.date) -> list[Term]:
        p = self._persons.get(person) if isinstance(person, str) else person
        return [t for t in p.terms if t.covers(date)] if p else []

    def holder(self, country: str, office_en: str, date: _dt.date) -> Person | None:
        """Who held ``office_en`` for ``country`` at ``date`` (latest appointee if several)."""
        found = None
        for t, p in self._holders.get((country, office_en), []):
            if t.covers(date):
                found = p  # list is sorted by start: the last match is the latest appointee
        return found

    def holders(self, country: str, office_en: str) -> list[tuple[Term, Person]]:
        return list(self._holders.get((country, office_en), []))


def _parse_terms(spec: str, default_country: str) -> list[Term]:
    terms = []
    for part in (spec or "").split(";"):
        part = part.strip()
        if not part:
            continue
        office, _, span = part.partition("@")
        office = office.strip()
        country = default_country
        m = re.match(r"^(.*)\[([A-Za-z+]+)\]$", office)
        if m:
            office, country = m.group(1).strip(), m.group(2)
        start_raw, _, end_raw = span.partition("..")
        start = parse_date(start_raw)
        if start is None:
            raise ValueError(f"term without start: {part!r}")
        terms.append(Term(office, start, parse_date(end_raw), country, start_raw.strip(), end_raw.strip()))
    return terms
