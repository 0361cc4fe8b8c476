"""Records of the knowledge base: plain frozen dataclasses, hashable, cheap to create."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
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
    title_en: str
    sector: str  # GOV, MIL, SPY, LEG, JUD, COP
    kind: str  # "office" | "rank"
    note: str = ""


@dataclass(frozen=True)
class Org:
    id: str
    name_en: str
    name_ar: str
    country: str  # ISO3, "IGO", "IMG" (transnational militants) or "" (generic body: country from context)
    sector: str  # GOV MIL SPY COP LEG JUD MED REB PTY IGO
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
class Weapon:
    id: str
    name_en: str
    name_ar: str
    origin: str
    kind: str


@dataclass(frozen=True)
class Term:
    office: str
    start: _dt.date
    end: _dt.date | None  # exclusive; None = still in office
    country: str  # ISO3 or IGO short name (UN, NATO, ARL, GCC, EU, IAEA)
    start_raw: str = ""
    end_raw: str = ""

    def covers(self, d: _dt.date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    country: str
    wikidata: str | None
    terms: tuple[Term, ...] = field(default=())
    source: str = ""
