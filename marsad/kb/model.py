"""Records of the knowledge base: plain frozen dataclasses, hashable, cheap to create."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    """A state of data/kb/countries.json: ISO 3166 codes, English and Arabic names, Arabic aliases and nisbas, capital."""

    iso3: str
    iso2: str
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    capital_en: str
    capital_ar: str  # main Arabic spelling of the capital ("" if unknown)
    nisbas: tuple[str, ...]  # every generated nisba form, display spelling
    capitals_ar: tuple[str, ...] = ()  # all spellings of the capital
    metonyms_ar: tuple[str, ...] = ()  # other cities standing for the state (تل أبيب → ISR)
    population: int | None = None


@dataclass(frozen=True)
class Place:
    """A place of data/kb/places.tsv and cities.tsv (GeoNames-derived and curated): names, ISO3 country, WGS84 latitude/longitude in degrees."""

    id: str
    name_en: str
    name_ar: str
    cc3: str  # ISO3, "" for seas and straits between states
    lat: float
    lon: float
    geonameid: int | None
    kind: str  # city, capital, base, region, waterway, sea, facility
    population: int


@dataclass(frozen=True)
class Office:
    """An office or rank title of data/kb/offices.tsv with its sector (GOV MIL SPY LEG JUD COP)."""

    title_en: str
    sector: str  # GOV, MIL, SPY, LEG, JUD, COP
    kind: str  # "office" | "rank"
    note: str = ""


@dataclass(frozen=True)
class Org:
    """An organisation of data/kb/orgs.tsv: state body, armed force, medium, party or IGO, with its country code."""

    id: str
    name_en: str
    name_ar: str
    country: str  # ISO3, "IGO", "IMG" (transnational militants) or "" (generic body: country from context)
    sector: str  # GOV MIL SPY COP LEG JUD MED REB PTY IGO BUS (a company)
    kind: str
    short: str = ""  # IGO short name (NATO, UN, ARL...)
    note: str = ""

    @property
    def code(self) -> str:
        """CAMEO-style code: "IGO" + short name for IGOs, else country + sector."""
        if self.country == "IGO":
            return "IGO" + self.short
        return (self.country or "") + self.sector


@dataclass(frozen=True)
class Grouping:
    """A grouping of states named as one actor (data/kb/groupings.tsv): "مجموعة السبع" is its seven members."""

    id: str
    name_en: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # ISO3 codes


@dataclass(frozen=True)
class Weapon:
    """A weapon system of data/kb/weapons.tsv with its state of origin (the supplier when delivered)."""

    id: str
    name_en: str
    name_ar: str
    origin: str
    kind: str


@dataclass(frozen=True)
class Term:
    """A term of office of a KB person: office title, start and (exclusive) end date, the state or IGO served."""

    office: str
    start: _dt.date
    end: _dt.date | None  # exclusive; None = still in office
    country: str  # ISO3 or IGO short name (UN, NATO, ARL, GCC, EU, IAEA)
    start_raw: str = ""
    end_raw: str = ""

    def covers(self, d: _dt.date) -> bool:
        """The term includes day ``d`` (start inclusive, end exclusive; an open term has no end)."""
        return self.start <= d and (self.end is None or d < self.end)


@dataclass(frozen=True)
class Person:
    """A person of data/kb/officeholders.tsv (or notables.tsv): names, Arabic aliases, state (ISO3), Wikidata id,
    terms of office (none for a notable) and, for a notable, the state sector they act in."""

    id: str
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    country: str
    wikidata: str | None
    terms: tuple[Term, ...] = field(default=())
    source: str = ""
    #: data/kb/notables.tsv: the sector a person without a tracked office acts in for the state ("LEG" for a
    #: senator, "GOV" for an adviser); empty for a private person (a journalist, a defendant), who is no state actor
    sector: str = ""
