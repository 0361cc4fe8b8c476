"""The place gazetteer: curated places.tsv over the GeoNames city table cities.tsv."""
from __future__ import annotations

from pathlib import Path

from marsad.textnorm import fold_key

from .model import Place
from .tsv import read_tsv


def load_curated(data_dir: Path) -> list[tuple[list[str], Place]]:
    out = []
    for r in read_tsv(data_dir / "places.tsv"):
        aliases = [a.strip() for a in r["aliases_ar"].split("|") if a.strip()]
        gid = r.get("geonameid", "").strip()
        p = Place(
            id=r["id"], name_en=r["name_en"], name_ar=aliases[0] if aliases else "", cc3=r["cc3"].strip(),
            lat=float(r["lat"]), lon=float(r["lon"]), geonameid=int(gid) if gid else None,
            kind=r["kind"], population=int(r["population"] or 0),
        )
        out.append((aliases, p))
    return out


def load_cities(data_dir: Path) -> list[tuple[list[str], Place, bool]]:
    """(folded keys, place, is_capital) per GeoNames city."""
    out = []
    for r in read_tsv(data_dir / "cities.tsv"):
        aliases = r["aliases_ar"].split("|")
        cap = r.get("capital") == "1"
        p = Place(
            id=f"gn{r['geonameid']}", name_en=r["name_en"], name_ar=aliases[0], cc3=r["cc3"],
            lat=float(r["lat"]), lon=float(r["lon"]), geonameid=int(r["geonameid"]),
            kind="capital" if cap else "city", population=int(r["population"] or 0),
        )
        keys = r.get("keys") or ""
        out.append((keys.split("|") if keys else [fold_key(a) for a in aliases], p, cap))
    return out


def build_places_index(data_dir: Path) -> dict[str, Place]:
    """Folded alias → Place. Curated entries win; among GeoNames cities a capital beats a
    non-capital, then the larger population wins."""
    index: dict[str, Place] = {}
    for aliases, p in load_curated(data_dir):
        for a in aliases:
            index.setdefault(fold_key(a), p)
    best: dict[str, tuple[tuple[bool, int], Place]] = {}
    for keys, p, cap in load_cities(data_dir):
        score = (cap, p.population)
        for k in keys:
            if not k or k in index:
                continue
            cur = best.get(k)
            if cur is None or score > cur[0]:
                best[k] = (score, p)
    for k, (_, p) in best.items():
        index[k] = p
    return index


def build_place_alternatives(data_dir: Path) -> dict[str, tuple[Place, ...]]:
    """Folded alias -> the GeoNames cities of different states it names, most populous first, for the
    aliases :func:`build_places_index` resolves by population alone ("طرابلس": Tripoli, Libya and Tripoli,
    Lebanon). Curated aliases are left out: they name one place. Shape: only aliases with two or more states."""
    curated = {fold_key(a) for aliases, _ in load_curated(data_dir) for a in aliases}
    by_key: dict[str, dict[str, Place]] = {}
    by_name: dict[str, dict[str, Place]] = {}  # English name -> its most populous city per state
    for keys, p, _ in load_cities(data_dir):
        for table, names in ((by_key, [k for k in keys if k and k not in curated]), (by_name, [p.name_en])):
            for k in names:
                cur = table.setdefault(k, {}).get(p.cc3)
                if cur is None or p.population > cur.population:
                    table[k][p.cc3] = p
    # towns that share their English name share their readings whatever the Arabic spelling GeoNames gives
    # each: "سالزبوري" is spelled so only for Salisbury, Maryland, but in a British story it is Wiltshire's
    for readings in by_key.values():
        for p in list(readings.values()):
            for cc3, q in by_name.get(p.name_en, {}).items():
                readings.setdefault(cc3, q)
    return {k: tuple(sorted(v.values(), key=lambda p: -p.population)) for k, v in by_key.items() if len(v) > 1}
